#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QString>

#include <optional>

namespace ocs {

// What the app remembers about one sandbox, outside the workspace (so the agent cannot
// change it): ~/.opencode-sandbox/<SANDBOX_ID>/ocs-state.json, mode 0600.
struct SandboxRecord
{
    QString projectRoot;
    quint16 port = 0;              // the loopback port last used
    QString approvedHookSha256;    // hex SHA-256 of the approved pre-start hook
    QString approvedMiseSha256;    // hex SHA-256 of the approved mise.toml
    QJsonObject lastStartedConfig; // the network/env parts of the config last started
    quint16 gatewayPort = 0;       // the sign-in gateway's port last used (0 = none yet)
    // published-ports: sandbox port -> the host port (127.0.0.1) it was last published on
    QMap<quint16, quint16> publishedPorts;
    QJsonObject otherKeys; // keys of a newer version, written back unchanged

    static QString filePath(const QString &stateDir);
    static SandboxRecord load(const QString &stateDir);
    bool save(const QString &stateDir, QString *error) const;
};

} // namespace ocs
