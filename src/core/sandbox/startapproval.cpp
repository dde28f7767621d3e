#include "startapproval.h"

#include "config/configfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

namespace ocs {

namespace {
const QString KeyWhitelist = QStringLiteral("http-domain-whitelist");
const QString KeyPorts = QStringLiteral("host-ports");
const QString KeyPassthrough = QStringLiteral("env-passthrough");
const QString KeyProtected = QStringLiteral("protected-present");

QString tr(const char *text)
{
    return QCoreApplication::translate("ocs::StartApproval", text);
}

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

QJsonObject StartApproval::snapshot(const ProjectConfig &c, const QStringList &protectedPresent)
{
    QJsonObject o;
    o.insert(KeyProtected, QJsonArray::fromStringList(protectedPresent));
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

QStringList StartApproval::describeNewProtectedPaths(const QJsonObject &lastStarted,
                                                     const QStringList &protectedPresent)
{
    // Snapshots of older versions have no such list: nothing to compare with.
    if (!lastStarted.contains(KeyProtected))
        return {};
    const QStringList before = strings(lastStarted.value(KeyProtected));
    QStringList out;
    for (const QString &p : protectedPresent) {
        if (!before.contains(p))
            out << tr("+ new protected path: %1 (it did not exist at the last start, so the "
                      "agent could have written it; read it before you start)")
                       .arg(p);
    }
    return out;
}

QStringList StartApproval::describeReach(const ProjectConfig &c)
{
    auto list = [](const QStringList &items) {
        return items.isEmpty() ? tr("(nothing)") : items.join(QStringLiteral(", "));
    };
    const QJsonObject cur = snapshot(c);
    QStringList envNames;
    for (const EnvVar &e : c.env)
        envNames << e.name;
    QStringList dropped;
    for (const QString &r : c.readOnlyPaths) {
        if (r.startsWith(QLatin1Char('!')))
            dropped << r.mid(1);
    }
    QStringList out{
        tr("whitelist (HTTP/HTTPS): %1").arg(list(strings(cur.value(KeyWhitelist)))),
        tr("host ports at docker.host: %1").arg(list(strings(cur.value(KeyPorts)))),
        tr("host variables passed in: %1").arg(list(strings(cur.value(KeyPassthrough)))),
        tr("fixed variables (env): %1").arg(list(envNames)),
    };
    if (!dropped.isEmpty())
        out << tr("protection dropped (the agent may change these): %1").arg(list(dropped));
    if (!c.extraCaCertificates.isEmpty())
        out << tr("extra CA certificates trusted: %1").arg(list(c.extraCaCertificates));
    return out;
}

QStringList StartApproval::enclosingProjects(const QString &canonicalRoot)
{
    QStringList out;
    QDir dir(canonicalRoot);
    while (dir.cdUp()) {
        if (QFileInfo::exists(dir.filePath(ConfigFile::FileName)))
            out << dir.absolutePath();
        if (dir.isRoot())
            break;
    }
    return out;
}

StartReview StartApproval::review(const QJsonObject &lastStarted, const ProjectConfig &config,
                                  const QString &canonicalRoot, const QStringList &protectedPresent)
{
    StartReview r;
    r.firstStart = lastStarted.isEmpty();
    if (r.firstStart)
        r.lines = describeReach(config);
    else
        r.lines = describeChanges(lastStarted, config) +
                  describeNewProtectedPaths(lastStarted, protectedPresent);
    for (const QString &outer : enclosingProjects(canonicalRoot))
        r.warnings << tr("This project lies inside the workspace of the project in %1: its "
                         "sandbox's agent could have written this configuration.")
                          .arg(outer);
    // Only worth asking about when there is something to decide; a warning alone for a
    // start that is not the first is shown, and asked about too.
    if (!r.warnings.isEmpty() && r.lines.isEmpty())
        r.lines << tr("(no change to what it may reach)");
    return r;
}

} // namespace ocs
