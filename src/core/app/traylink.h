#pragma once

#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>

class QLocalSocket;
class QObject;

namespace ocs {

class SandboxFleet;

// The link between the `ocs` command and the running tray app: the tray listens on a local
// socket in the user's runtime folder (only the user can connect), one JSON object per line
// each way. Later launches of the tray hand over their arguments there; `ocs web` asks it for
// a sign-in URL of the gateway the tray already runs for a sandbox, so the browser uses one
// gateway (one origin, one session) however the web UI was opened.
namespace traylink {

// The user's private runtime folder: XDG_RUNTIME_DIR when it is a folder of this user that
// nobody else can write to, else ~/.opencode-sandbox/.run (made 0700). Never a shared folder
// such as /tmp; empty when neither can be had.
QString defaultDirectory();

// True when `path` is a local socket of this user that only this user can use (owner and
// mode). Checked before connecting to it.
bool isOwnSocket(const QString &path);
// True when the process at the other end of the connected `socket` runs as this user (Linux:
// SO_PEERCRED; elsewhere true). Checked before sending anything.
bool peerIsOwnUser(const QLocalSocket &socket);
QString socketPath(const QString &directory = defaultDirectory());
QString lockPath(const QString &directory = defaultDirectory());

struct WebLoginReply
{
    enum class Status {
        NoTray,     // no tray answered (not running, another user's socket, old version)
        NotManaged, // the tray does not run this sandbox (not in its list, or stopped there)
        Failed,     // the tray runs it but could not make a URL (`message` says why)
        Ok          // `url` is a one-time sign-in URL of the tray's gateway
    };
    Status status = Status::NoTray;
    QUrl url;
    QString message;
};

// Asks the tray listening on `socketPath` for a sign-in URL of sandbox `sandboxId`, showing
// `path` after sign-in. `done` is called exactly once (within `timeout`), in the thread of
// `context`, and not at all if `context` is destroyed first.
void requestWebLogin(const QString &socketPath, const QString &sandboxId, const QString &path,
                     QObject *context, std::function<void(const WebLoginReply &)> done,
                     std::chrono::milliseconds timeout = std::chrono::seconds(5));

// The tray's side: answers a request object received on the socket (`reply` is called once).
// Returns false when `request` is not one of these requests.
bool answerRequest(SandboxFleet &fleet, const QJsonObject &request,
                   std::function<void(const QJsonObject &reply)> reply);

// http://127.0.0.1:<port>/__ocs/login?… — the only kind of URL `ocs web` opens from a reply.
bool isGatewayLoginUrl(const QUrl &url);

} // namespace traylink
} // namespace ocs
