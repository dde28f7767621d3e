#include "startapproval.h"

#include <QJsonArray>

namespace ocs {

namespace {
const QString KeyWhitelist = QStringLiteral("http-domain-whitelist");
const QString KeyPorts = QStringLiteral("host-ports");
const QString KeyPassthrough = QStringLiteral("env-passthrough");

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &e : v.toArray())
        out << e.toString();
    return out;
}

void diff(const QString &what, const QStringList &before, const QStringList &after,
          QStringList *out)
{
    for (const QString &s : after) {
        if (!before.contains(s))
            *out << QStringLiteral("+ %1: %2").arg(what, s);
    }
    for (const QString &s : before) {
        if (!after.contains(s))
            *out << QStringLiteral("- %1: %2").arg(what, s);
    }
}
} // namespace

QJsonObject StartApproval::snapshot(const ProjectConfig &c)
{
    QJsonObject o;
    o.insert(KeyWhitelist, QJsonArray::fromStringList(c.httpDomainWhitelist));
    QStringList ports;
    for (quint16 p : c.hostPorts)
        ports << QString::number(p);
    o.insert(KeyPorts, QJsonArray::fromStringList(ports));
    QStringList pass;
    for (const EnvPassthrough &p : c.envPassthrough)
        pass << (p.containerVar == p.hostVar
                     ? p.hostVar
                     : QStringLiteral("%1 (from host %2)").arg(p.containerVar, p.hostVar));
    o.insert(KeyPassthrough, QJsonArray::fromStringList(pass));
    return o;
}

QStringList StartApproval::describeChanges(const QJsonObject &lastStarted, const ProjectConfig &now)
{
    if (lastStarted.isEmpty())
        return {};
    const QJsonObject cur = snapshot(now);
    QStringList out;
    diff(QStringLiteral("whitelist"), strings(lastStarted.value(KeyWhitelist)),
         strings(cur.value(KeyWhitelist)), &out);
    diff(QStringLiteral("host port"), strings(lastStarted.value(KeyPorts)),
         strings(cur.value(KeyPorts)), &out);
    diff(QStringLiteral("env passthrough"), strings(lastStarted.value(KeyPassthrough)),
         strings(cur.value(KeyPassthrough)), &out);
    return out;
}

} // namespace ocs
