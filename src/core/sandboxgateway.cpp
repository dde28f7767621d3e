#include "sandboxgateway.h"

#include "gateway/webgateway.h"
#include "logging.h"
#include "sandboxstate.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace ocs {

namespace {

// The gateway ports the other sandboxes of this user remember. A browser keeps its storage
// per origin (host and port), so a port that served another project's web UI would show this
// project that project's stored data.
QSet<quint16> portsOfOtherSandboxes(const QString &stateDir)
{
    QSet<quint16> ports;
    const QFileInfo self(stateDir);
    const QDir root = self.absoluteDir();
    for (const QFileInfo &dir : root.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (dir.fileName() == self.fileName())
            continue;
        if (const quint16 port = SandboxState::load(dir.absoluteFilePath()).gatewayPort)
            ports.insert(port);
    }
    return ports;
}

} // namespace

bool listenOnRememberedPort(WebGateway &gateway, const QString &stateDir, QString *error)
{
    SandboxState state = SandboxState::load(stateDir);
    if (state.gatewayPort && gateway.listen(state.gatewayPort))
        return true;
    if (state.gatewayPort) {
        qCInfo(lcGateway) << "the gateway's previous port" << state.gatewayPort
                          << "is taken; using another one";
    }
    const QSet<quint16> taken = portsOfOtherSandboxes(stateDir);
    for (int attempt = 0;; ++attempt) {
        if (!gateway.listen(0)) {
            if (error)
                *error = gateway.errorString();
            return false;
        }
        if (!taken.contains(gateway.port()) || attempt >= 20)
            break;
        gateway.close(); // another project's origin: pick again
    }
    // Read again: the file may have changed meanwhile (a start saves it too).
    state = SandboxState::load(stateDir);
    state.gatewayPort = gateway.port();
    QString saveError;
    if (!state.save(stateDir, &saveError))
        qCWarning(lcGateway) << "cannot remember the gateway's port:" << saveError;
    return true;
}

} // namespace ocs
