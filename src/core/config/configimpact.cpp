#include "configimpact.h"

#include "configkeys.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ocs {

namespace {
struct ImpactText
{
    Q_DECLARE_TR_FUNCTIONS(ocs::ConfigImpact)
};
} // namespace

ConfigImpact ConfigImpact::assess(const ProjectConfig &a, const ProjectConfig &b)
{
    using Impact = ConfigKey::Impact;
    ConfigImpact i;
    for (const ConfigKey &k : configkeys::all()) {
        if (k.get(a) == k.get(b))
            continue;
        i.changedKeys << k.name;
        if (k.impact == Impact::Live)
            i.liveKeys << k.name;
        i.appliedLive = i.appliedLive || k.impact == Impact::Live;
        i.needsRestart =
            i.needsRestart || k.impact == Impact::Restart || k.impact == Impact::Rebuild;
        i.needsRebuild = i.needsRebuild || k.impact == Impact::Rebuild;
        i.newSandboxId = i.newSandboxId || k.impact == Impact::NewSandboxId;
    }
    return i;
}

QStringList ConfigImpact::describe() const
{
    using Impact = ConfigKey::Impact;
    const auto keysWith = [this](std::initializer_list<Impact> impacts) {
        QStringList out;
        for (const QString &name : changedKeys) {
            const ConfigKey *k = configkeys::find(name);
            if (k && std::find(impacts.begin(), impacts.end(), k->impact) != impacts.end())
                out << name;
        }
        return out.join(u", "_s);
    };
    QStringList out;
    if (appliedLive)
        out << ImpactText::tr("Applied live to a running sandbox, no restart: %1.")
                   .arg(keysWith({Impact::Live}));
    if (newSandboxId)
        out << ImpactText::tr("A new sandbox (new SANDBOX_ID: its own container, image and "
                              "state): %1.")
                   .arg(keysWith({Impact::NewSandboxId}));
    if (needsRebuild)
        out << ImpactText::tr("Needs an image rebuild and a restart: %1.")
                   .arg(keysWith({Impact::Rebuild}));
    if (needsRestart && !keysWith({Impact::Restart}).isEmpty())
        out << ImpactText::tr("Takes effect when the sandbox restarts: %1.")
                   .arg(keysWith({Impact::Restart}));
    return out;
}

// The JSON hashed is the one of the first versions, whose hashes label running containers:
// {"env":["NAME=value",…],"limits":"memory/cpu/pids","passthrough":["CONTAINER=HOST",…],
//  "ports":[5432,…],"readonly":[…],"whitelist":[]}. Each Restart key goes into its
// hashField: a list as an array (numbers as numbers), a map as "name=value" strings, scalars
// sharing a field joined with '/' (an unset number as 0). The whitelist is applied live since
// the network policy files; its field stays, always empty, so that the configs without one
// keep their hash.
QString ConfigImpact::containerHash(const ProjectConfig &c)
{
    QJsonObject o;
    o.insert(u"whitelist"_s, QJsonArray());
    QMap<QString, QStringList> joined; // field -> scalars, in table order
    for (const ConfigKey &k : configkeys::all()) {
        if (k.impact != ConfigKey::Impact::Restart)
            continue;
        const ConfigValue v = k.get(c);
        if (k.hashOnlyWhenSet && v.isEmpty())
            continue;
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
    // A field whose scalars are all unset is left out: a key added later (e.g.
    // share-opencode-settings) keeps the hash of the configs that do not set it.
    for (auto it = joined.cbegin(); it != joined.cend(); ++it) {
        const QString value = it.value().join(u'/');
        if (value.size() == it.value().size() - 1)
            continue; // only separators: nothing set
        o.insert(it.key(), value);
    }
    const QByteArray bytes = QJsonDocument(o).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(
        QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(16));
}

} // namespace ocs
