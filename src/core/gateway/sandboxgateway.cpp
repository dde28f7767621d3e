#include "sandboxgateway.h"

#include "engine/engineevents.h"
#include "logging.h"
#include "sandbox/sandboxcontroller.h"
#include "sandbox/sandboxrecord.h"
#include "webgateway.h"

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
        if (const quint16 port = SandboxRecord::load(dir.absoluteFilePath()).gatewayPort)
            ports.insert(port);
    }
    return ports;
}

} // namespace

bool listenOnRememberedPort(WebGateway &gateway, const QString &stateDir, QString *error)
{
    SandboxRecord state = SandboxRecord::load(stateDir);
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
    state = SandboxRecord::load(stateDir);
    state.gatewayPort = gateway.port();
    QString saveError;
    if (!state.save(stateDir, &saveError))
        qCWarning(lcGateway) << "cannot remember the gateway's port:" << saveError;
    return true;
}

GatewayWatch::GatewayWatch(WebGateway *gateway, SandboxController *controller, QObject *parent)
    : QObject(parent)
    , m_gateway(gateway)
    , m_controller(controller)
{
    connect(gateway, &WebGateway::upstreamUnreachable, this, &GatewayWatch::check);
}

GatewayWatch::~GatewayWatch() = default;

void GatewayWatch::followEngineEvents()
{
    if (m_events || !m_controller)
        return;
    m_events = new EngineEvents(m_controller->engine(), this);
    const QString id = m_controller->project().sandboxId();
    connect(m_events, &EngineEvents::containerChanged, this, [this, id](const ContainerEvent &e) {
        if (e.sandboxId == id && e.state != QLatin1String("running"))
            check();
    });
    connect(m_events, &EngineEvents::engineAvailable, this, &GatewayWatch::check);
    m_events->start();
}

void GatewayWatch::check()
{
    if (m_checking || m_ended || !m_controller)
        return;
    m_checking = true;
    m_controller->containerStatus([this](const QString &status, quint16) {
        m_checking = false;
        if (m_ended || status == QLatin1String("running"))
            return;
        // Gone (no answer: the engine says there is no such container) or stopped.
        m_ended = true;
        qCInfo(lcGateway) << "the sandbox is no longer running; closing its gateway";
        if (m_events)
            m_events->stop();
        if (m_gateway)
            m_gateway->close();
        Q_EMIT sandboxEnded();
    });
}

} // namespace ocs
