#include "webgateway.h"

#include "gatewayconnection.h"
#include "gatewaycontext.h"
#include "gatewaypolicy.h"
#include "logging.h"
#include "peercredentials.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>

namespace ocs {

using gateway::GatewayConnection;
using gateway::GatewayContext;

namespace {

constexpr int MaxConnections = 512;

QByteArray basicAuthorization(const WebGateway::Upstream &upstream)
{
    const QByteArray credentials = upstream.username.toUtf8() + ':' + upstream.password.toUtf8();
    return QByteArrayLiteral("Basic ") + credentials.toBase64();
}

} // namespace

struct WebGateway::Private
{
    QTcpServer *server = nullptr; // a child of the gateway, so it moves threads with it
    GatewayContext context;
    QList<GatewayConnection *> connections;
    QString errorString;
    quint64 nextConnectionId = 1;
    int maxConnections = MaxConnections;
    WebGateway::PeerUidLookup peerUidLookup;
};

WebGateway::WebGateway(Upstream upstream, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->server = new QTcpServer(this);
    connect(d->server, &QTcpServer::newConnection, this, &WebGateway::onNewConnection);
    d->context.upstreamUnreachable = [this] {
        Q_EMIT upstreamUnreachable();
    };
    setUpstream(upstream);
}

WebGateway::~WebGateway()
{
    for (GatewayConnection *connection : std::as_const(d->connections)) {
        connection->disconnect(this);
        connection->abortSilently();
        delete connection;
    }
    d->connections.clear();
}

bool WebGateway::listen(quint16 port)
{
    if (d->server->isListening()) {
        d->errorString = tr("The gateway is already listening");
        return false;
    }
    if (!d->server->listen(QHostAddress(QHostAddress::LocalHost), port)) {
        d->errorString = d->server->errorString();
        qCInfo(lcGateway) << "cannot listen on 127.0.0.1 port" << port << ":" << d->errorString;
        return false;
    }
    d->errorString.clear();
    const quint16 actual = d->server->serverPort();
    GatewayContext &ctx = d->context;
    ctx.listenPort = actual;
    ctx.cookieName =
        gateway::policy::SessionCookiePrefix.toByteArray() + QByteArray::number(actual);
    ctx.allowedHosts = gateway::policy::allowedHosts(actual);
    ctx.allowedOrigins = gateway::policy::allowedOrigins(actual);
    ctx.peakBufferedBytes = 0;
    qCInfo(lcGateway) << "gateway listening on 127.0.0.1 port" << actual << "for upstream port"
                      << ctx.upstreamPort;
    return true;
}

void WebGateway::close()
{
    d->server->close();
    const bool hadConnections = !d->connections.isEmpty();
    const QList<GatewayConnection *> connections = std::exchange(d->connections, {});
    for (GatewayConnection *connection : connections) {
        connection->disconnect(this);
        connection->abortSilently();
        connection->deleteLater();
    }
    d->context.auth.clearSessions();
    d->context.auth.clearTokens();
    if (hadConnections)
        Q_EMIT connectionCountChanged(0);
}

bool WebGateway::isListening() const
{
    return d->server->isListening();
}

quint16 WebGateway::port() const
{
    return d->server->isListening() ? d->server->serverPort() : 0;
}

QString WebGateway::errorString() const
{
    return d->errorString;
}

QUrl WebGateway::createLoginUrl(const QString &path)
{
    if (!d->server->isListening())
        return {};
    const QByteArray next = gateway::policy::sanitizeNextPath(path.toUtf8());
    const QByteArray token = d->context.auth.issueToken(); // already URL-safe
    QByteArray encoded = QByteArrayLiteral("http://127.0.0.1:") + QByteArray::number(port()) +
                         "/__ocs/login?token=" + token +
                         "&next=" + next.toPercentEncoding(QByteArrayLiteral("/"));
    return QUrl::fromEncoded(encoded, QUrl::StrictMode);
}

void WebGateway::setTokenLifetime(std::chrono::milliseconds lifetime)
{
    d->context.auth.setTokenLifetime(lifetime);
}

void WebGateway::setUpstream(const Upstream &upstream)
{
    d->context.upstreamPort = upstream.port;
    d->context.upstreamAuthorization = basicAuthorization(upstream);
}

void WebGateway::setTimeouts(const Timeouts &timeouts)
{
    d->context.timeouts = timeouts;
}

WebGateway::Timeouts WebGateway::timeouts() const
{
    return d->context.timeouts;
}

QString WebGateway::cookieName() const
{
    return QString::fromLatin1(d->context.cookieName);
}

int WebGateway::activeConnections() const
{
    return int(d->connections.size());
}

void WebGateway::setMaxConnections(int max)
{
    d->maxConnections = std::max(1, max);
}

void WebGateway::setPeerUidLookup(PeerUidLookup lookup)
{
    d->peerUidLookup = std::move(lookup);
}

void WebGateway::setSessionLifetimes(std::chrono::milliseconds idle,
                                     std::chrono::milliseconds absolute)
{
    d->context.auth.setSessionLifetimes(idle, absolute);
}

void WebGateway::setTimeSource(std::function<std::chrono::steady_clock::time_point()> now)
{
    d->context.auth.setTimeSource(std::move(now));
}

qint64 WebGateway::peakBufferedBytes() const
{
    return d->context.peakBufferedBytes;
}

void WebGateway::resetPeakBufferedBytes()
{
    d->context.peakBufferedBytes = 0;
}

bool WebGateway::isOwnPeer(const QTcpSocket &socket) const
{
    // Only the socket table of Linux tells who connected; elsewhere any local process may.
#ifndef Q_OS_LINUX
    if (!d->peerUidLookup)
        return true;
#endif
    const std::optional<uint> own = gateway::peercred::ownUid();
    const std::optional<uint> peer =
        d->peerUidLookup ? d->peerUidLookup(socket) : gateway::peercred::peerUid(socket);
    // Root may too: it can read this user's cookies and memory anyway.
    return own && peer && (*peer == *own || *peer == 0);
}

bool WebGateway::makeRoom()
{
    // The connection that has waited longest for a request: a client that never sends one,
    // or one idle between requests (a browser opens a new one when it needs it).
    GatewayConnection *oldest = nullptr;
    for (GatewayConnection *connection : std::as_const(d->connections)) {
        if (connection->isWaitingForRequest() &&
            (!oldest || connection->lastRequestAt() < oldest->lastRequestAt()))
            oldest = connection;
    }
    if (!oldest)
        return false;
    qCDebug(lcGateway) << "closing the connection that waited longest, to make room";
    d->connections.removeOne(oldest);
    oldest->disconnect(this);
    oldest->abortSilently();
    oldest->deleteLater();
    return true;
}

void WebGateway::onNewConnection()
{
    while (QTcpSocket *socket = d->server->nextPendingConnection()) {
        if (!isOwnPeer(*socket)) {
            qCInfo(lcGateway) << "refused a connection from another user's process";
            socket->abort();
            socket->deleteLater();
            continue;
        }
        if (d->connections.size() >= d->maxConnections && !makeRoom()) {
            qCWarning(lcGateway) << "too many connections; refusing a new one";
            socket->abort();
            socket->deleteLater();
            continue;
        }
        auto *connection = new GatewayConnection(socket, d->context, d->nextConnectionId++, this);
        connect(connection, &GatewayConnection::finished, this, [this, connection] {
            if (d->connections.removeOne(connection)) {
                connection->deleteLater();
                Q_EMIT connectionCountChanged(int(d->connections.size()));
            }
        });
        d->connections.append(connection);
        Q_EMIT connectionCountChanged(int(d->connections.size()));
        connection->start();
    }
}

} // namespace ocs
