#include "configimpact.h"

#include "configkeys.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace ocs {

ConfigImpact ConfigImpact::assess(const ProjectConfig &a, const ProjectConfig &b)
{
    using Impact = ConfigKey::Impact;
    ConfigImpact i;
    for (const ConfigKey &k : configkeys::all()) {
        if (k.get(a) == k.get(b))
            continue;
        i.changedKeys << k.name;
        i.needsRestart =
            i.needsRestart || k.impact == Impact::Restart || k.impact == Impact::Rebuild;
        i.needsRebuild = i.needsRebuild || k.impact == Impact::Rebuild;
        i.newSandboxId = i.newSandboxId || k.impact == Impact::NewSandboxId;
    }
    return i;
}

// The JSON hashed is the one of the first versions, whose hashes label running containers:
// {"env":["NAME=value",…],"limits":"memory/cpu/pids","passthrough":["CONTAINER=HOST",…],
//  "ports":[5432,…],"readonly":[…],"whitelist":[…]}. Each Restart key goes into its
// hashField: a list as an array (numbers as numbers), a map as "name=value" strings, scalars
// sharing a field joined with '/' (an unset number as 0).
QString ConfigImpact::containerHash(const ProjectConfig &c)
{
    QJsonObject o;
    QMap<QString, QStringList> joined; // field -> scalars, in table order
    for (const ConfigKey &k : configkeys::all()) {
        if (k.impact != ConfigKey::Impact::Restart)
            continue;
        const ConfigValue v = k.get(c);
        switch (k.shape) {
        case ConfigKey::Shape::Scalar:
            joined[k.hashField] << (k.items == ConfigKey::Items::Number && v.scalar.isEmpty()
                                        ? u"0"_s
                                        : v.scalar);
            break;
        case ConfigKey::Shape::List: {
            QJsonArray items;
            for (const QString &s : v.list) {
                if (k.items == ConfigKey::Items::Number)
                    items.append(s.toInt());
                else
                    items.append(s);
            }
            o.insert(k.hashField, items);
            break;
        }
        case ConfigKey::Shape::Map: {
            QJsonArray entries;
            for (const auto &[name, value] : v.map)
                entries.append(name + u'=' + value);
            o.insert(k.hashField, entries);
            break;
        }
        }
    }
    for (auto it = joined.cbegin(); it != joined.cend(); ++it)
        o.insert(it.key(), it.value().join(u'/'));
    const QByteArray bytes = QJsonDocument(o).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(
        QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(16));
}

} // namespace ocs
