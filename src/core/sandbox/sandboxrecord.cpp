#include "sandboxrecord.h"

#include "logging.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

namespace ocs {

namespace {
struct RecordText
{
    Q_DECLARE_TR_FUNCTIONS(ocs::SandboxRecord)
};
} // namespace

namespace {
QStringList knownKeys()
{
    return {QStringLiteral("projectRoot"),        QStringLiteral("port"),
            QStringLiteral("approvedHookSha256"), QStringLiteral("approvedMiseSha256"),
            QStringLiteral("lastStartedConfig"),  QStringLiteral("gatewayPort"),
            QStringLiteral("publishedPorts")};
}
} // namespace

QString SandboxRecord::filePath(const QString &stateDir)
{
    return stateDir + QStringLiteral("/ocs-state.json");
}

SandboxRecord SandboxRecord::load(const QString &stateDir)
{
    SandboxRecord s;
    QFile f(filePath(stateDir));
    if (!f.open(QIODevice::ReadOnly))
        return s;
    QJsonParseError err;
    const QJsonObject o = QJsonDocument::fromJson(f.readAll(), &err).object();
    if (err.error != QJsonParseError::NoError) {
        qCWarning(lcSandbox) << f.fileName()
                             << "is not valid JSON; starting afresh:" << err.errorString();
        return s;
    }
    s.projectRoot = o.value(QStringLiteral("projectRoot")).toString();
    const int port = o.value(QStringLiteral("port")).toInt();
    s.port = (port > 0 && port < 65536) ? quint16(port) : 0;
    s.approvedHookSha256 = o.value(QStringLiteral("approvedHookSha256")).toString();
    s.approvedMiseSha256 = o.value(QStringLiteral("approvedMiseSha256")).toString();
    s.lastStartedConfig = o.value(QStringLiteral("lastStartedConfig")).toObject();
    const int gatewayPort = o.value(QStringLiteral("gatewayPort")).toInt();
    s.gatewayPort = (gatewayPort > 0 && gatewayPort < 65536) ? quint16(gatewayPort) : 0;
    const QJsonObject published = o.value(QStringLiteral("publishedPorts")).toObject();
    for (auto it = published.constBegin(); it != published.constEnd(); ++it) {
        const uint inside = it.key().toUInt();
        const int host = it.value().toInt();
        if (inside > 0 && inside < 65536 && host > 0 && host < 65536)
            s.publishedPorts.insert(quint16(inside), quint16(host));
    }
    s.otherKeys = o;
    for (const QString &known : knownKeys())
        s.otherKeys.remove(known);
    return s;
}

bool SandboxRecord::save(const QString &stateDir, QString *error) const
{
    QJsonObject o = otherKeys;
    o.insert(QStringLiteral("projectRoot"), projectRoot);
    if (port)
        o.insert(QStringLiteral("port"), int(port));
    if (!approvedHookSha256.isEmpty())
        o.insert(QStringLiteral("approvedHookSha256"), approvedHookSha256);
    if (!approvedMiseSha256.isEmpty())
        o.insert(QStringLiteral("approvedMiseSha256"), approvedMiseSha256);
    if (!lastStartedConfig.isEmpty())
        o.insert(QStringLiteral("lastStartedConfig"), lastStartedConfig);
    if (gatewayPort)
        o.insert(QStringLiteral("gatewayPort"), int(gatewayPort));
    if (!publishedPorts.isEmpty()) {
        QJsonObject published;
        for (auto it = publishedPorts.cbegin(); it != publishedPorts.cend(); ++it)
            published.insert(QString::number(it.key()), int(it.value()));
        o.insert(QStringLiteral("publishedPorts"), published);
    }
    QSaveFile f(filePath(stateDir));
    if (!f.open(QIODevice::WriteOnly)) {
        if (error)
            *error = RecordText::tr("cannot write %1: %2").arg(f.fileName(), f.errorString());
        return false;
    }
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    f.write(QJsonDocument(o).toJson());
    if (!f.commit()) {
        if (error)
            *error = RecordText::tr("cannot write %1: %2").arg(f.fileName(), f.errorString());
        return false;
    }
    return true;
}

} // namespace ocs
