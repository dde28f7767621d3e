#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

namespace ocs {

class EngineEvents;
class SandboxController;
class WebGateway;

// Starts `gateway` (not yet listening) on the port this sandbox's gateway had last time, so
// the browser sees the same origin after a restart and the web UI keeps what it stored in the
// browser (settings, open sessions). When that port is taken, or there was none, it takes a
// free one and remembers it in the sandbox's ocs-state.json. `error` says why it could not
// listen at all.
bool listenOnRememberedPort(WebGateway &gateway, const QString &stateDir, QString *error);

// Closes a gateway once its sandbox's container no longer runs, so that it never hands the
// sandbox's password to whatever listens on that port later. The engine is asked whether the
// container still runs when the gateway cannot reach the upstream, when the engine reports a
// change of the container, and when its event stream (re)starts (events may have been missed).
class GatewayWatch : public QObject
{
    Q_OBJECT
public:
    // Neither `gateway` nor `controller` is owned; both must outlive the watch or be its
    // parent's children.
    GatewayWatch(WebGateway *gateway, SandboxController *controller, QObject *parent = nullptr);
    ~GatewayWatch() override;

    // Follows the engine's events too (a long-running `<engine> events` process).
    void followEngineEvents();
    // Asks the engine now.
    void check();

Q_SIGNALS:
    // The container is gone or stopped; the gateway is closed. Emitted once.
    void sandboxEnded();

private:
    QPointer<WebGateway> m_gateway;
    QPointer<SandboxController> m_controller;
    EngineEvents *m_events = nullptr;
    bool m_checking = false;
    bool m_ended = false;
};

} // namespace ocs
