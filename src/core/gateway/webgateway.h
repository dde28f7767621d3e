#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QTcpSocket;

namespace ocs {

// Authenticating reverse proxy in front of one sandbox's OpenCode web server.
//
// Listens on 127.0.0.1 (ephemeral port by default). A browser gets in only through a
// one-time login URL from createLoginUrl() (/__ocs/login?token=...&next=<path>, valid once,
// for at most 60 s), which it exchanges for a session cookie "ocs_session_<port>" (HttpOnly,
// SameSite=Strict, Path=/, Max-Age; sessions end after an idle time and an absolute lifetime)
// and a 303 redirect to <path> (opened as a top-level navigation from another origin, e.g.
// the local page of signinpage: a page that navigates on same-origin, so the Strict cookie is
// sent). On Linux only processes of this user (or root) may connect (setPeerUidLookup). Requests
// carrying that cookie are
// relayed to 127.0.0.1:<upstream port> with the upstream's HTTP Basic credentials added (the
// browser's own Authorization and the session cookie are removed). Everything else is
// answered by the gateway itself: 401 page without a valid session (the one exception is
// GET/HEAD of /site.webmanifest, which browsers fetch without cookies; see
// gateway::policy::isPublicWithoutSession), 421 when Host is not the
// gateway's own address (DNS rebinding), 403 for requests made by other sites (an Origin that
// is not the gateway's, or Sec-Fetch-Site other than "same-origin"/"none"; "same-site" is
// refused too, because pages of other local servers are same-site). Request framing reaches
// the upstream in one canonical field; only GET/HEAD are retried on a new upstream connection.
//
// Relays HTTP/1.1 with keep-alive and pipelining, request bodies (Content-Length and chunked),
// streamed responses (server-sent events), WebSocket upgrades and large transfers with
// back-pressure (a few MB per connection at most). Each client connection gets its own
// upstream connection.
//
// Single-threaded and asynchronous: use it from the thread it lives in (it can be moved to
// another thread before listen()). Secrets (password, tokens, cookies) are never logged.
class WebGateway : public QObject
{
    Q_OBJECT
public:
    struct Upstream
    {
        quint16 port = 0; // on 127.0.0.1
        QString username;
        QString password;
    };

    // How long a connection may stay without progress before the gateway closes it.
    struct Timeouts
    {
        // No request in progress (keep-alive idle, or a request head arriving too slowly).
        std::chrono::milliseconds idle{75000};
        // A request head must be complete this long after its first byte, however steadily
        // it trickles in.
        std::chrono::milliseconds head{15000};
        // Connecting to the upstream.
        std::chrono::milliseconds connect{10000};
        // A request is in progress (waiting for the response, or relaying a body) and no
        // byte moved in either direction.
        std::chrono::milliseconds transfer{30 * 60 * 1000};
        // An upgraded (WebSocket) connection without any traffic; 0 = never. Data stuck in a
        // buffer is still covered by `transfer`.
        std::chrono::milliseconds tunnelIdle{0};
    };

    explicit WebGateway(Upstream upstream, QObject *parent = nullptr);
    ~WebGateway() override;

    // Starts listening on 127.0.0.1:`port` (0 = any free port).
    bool listen(quint16 port = 0);
    // Stops accepting, closes every connection and forgets all sessions and tokens.
    void close();
    bool isListening() const;
    quint16 port() const;
    QString errorString() const;

    // A one-time URL that logs a browser in and then shows `path` (a local path, optionally
    // with a query; anything else falls back to "/"). Empty if the gateway is not listening.
    QUrl createLoginUrl(const QString &path = QStringLiteral("/"));
    // Lifetime of login tokens: default and maximum 60 s.
    void setTokenLifetime(std::chrono::milliseconds lifetime);

    // New upstream port/credentials: the credentials apply to the next request on every
    // connection, the port to upstream connections opened from now on.
    void setUpstream(const Upstream &upstream);
    void setTimeouts(const Timeouts &timeouts);
    Timeouts timeouts() const;

    // The name of the session cookie ("ocs_session_<port>"); empty before listen().
    QString cookieName() const;

    int activeConnections() const;

    // At most this many connections (default 512). When full, a new connection takes the
    // place of the one that has waited longest for a request (a slow or idle client), so
    // clients that never send a request cannot lock the browser out.
    void setMaxConnections(int max);

    // Who may connect: on Linux only processes of this user or root (the owner of the
    // client's socket in /proc/net/tcp); a connection whose owner cannot be found is dropped.
    // Tests replace the lookup (nullopt = unknown owner).
    using PeerUidLookup = std::function<std::optional<uint>(const QTcpSocket &)>;
    void setPeerUidLookup(PeerUidLookup lookup);

    // Session lifetimes (see GatewayAuth) and, for tests, the clock of tokens and sessions.
    void setSessionLifetimes(std::chrono::milliseconds idle, std::chrono::milliseconds absolute);
    void setTimeSource(std::function<std::chrono::steady_clock::time_point()> now);

    // Diagnostics: the most bytes one connection has held in its buffers (both sockets' read
    // and write buffers plus the gateway's own), since listen() or the last reset.
    qint64 peakBufferedBytes() const;
    void resetPeakBufferedBytes();

Q_SIGNALS:
    void connectionCountChanged(int count);
    // A connection to the upstream failed (refused, or no answer): the sandbox may be gone.
    void upstreamUnreachable();

private:
    void onNewConnection();
    bool isOwnPeer(const QTcpSocket &socket) const;
    bool makeRoom();

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace ocs
