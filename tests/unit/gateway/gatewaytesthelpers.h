#pragma once

// Test-side HTTP helpers, deliberately independent of the gateway's own parser: a raw
// client, a minimal message reader and a fake OpenCode upstream.

#include <QByteArray>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <functional>
#include <optional>

namespace testhttp {

// Spins the event loop until `predicate` holds or `timeoutMs` passes.
inline bool waitUntil(const std::function<bool()> &predicate, int timeoutMs = 5000)
{
    QDeadlineTimer deadline(timeoutMs);
    QTimer wake; // makes processEvents() return now and then
    wake.start(10);
    while (!predicate()) {
        if (deadline.hasExpired())
            return predicate();
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
    return true;
}

struct Head
{
    QByteArray startLine;
    QList<QPair<QByteArray, QByteArray>> fields;

    QList<QByteArray> values(const QByteArray &name) const
    {
        QList<QByteArray> out;
        for (const auto &f : fields) {
            if (f.first.compare(name, Qt::CaseInsensitive) == 0)
                out.append(f.second);
        }
        return out;
    }
    QByteArray value(const QByteArray &name) const
    {
        const QList<QByteArray> v = values(name);
        return v.isEmpty() ? QByteArray() : v.first();
    }
};

// Size of the head at the start of `buffer` (through the blank line), or -1 if incomplete.
inline qsizetype parseHead(const QByteArray &buffer, Head *head)
{
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return -1;
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    *head = Head();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines[i];
        if (line.endsWith('\r'))
            line.chop(1);
        if (i == 0) {
            head->startLine = line;
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        head->fields.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    return end + 4;
}

// Decodes a complete chunked body at `from`. Returns the bytes it spans, -1 if incomplete,
// -2 if malformed.
inline qsizetype decodeChunked(const QByteArray &data, qsizetype from, QByteArray *payload)
{
    payload->clear();
    qsizetype pos = from;
    for (;;) {
        const qsizetype lineEnd = data.indexOf("\r\n", pos);
        if (lineEnd < 0)
            return -1;
        QByteArray sizeField = data.mid(pos, lineEnd - pos);
        const qsizetype semi = sizeField.indexOf(';');
        if (semi >= 0)
            sizeField.truncate(semi);
        bool ok = false;
        const qint64 size = sizeField.trimmed().toLongLong(&ok, 16);
        if (!ok)
            return -2;
        pos = lineEnd + 2;
        if (size == 0) {
            for (;;) { // trailer fields, then the blank line
                const qsizetype e = data.indexOf("\r\n", pos);
                if (e < 0)
                    return -1;
                const bool blank = e == pos;
                pos = e + 2;
                if (blank)
                    return pos - from;
            }
        }
        if (data.size() < pos + size + 2)
            return -1;
        payload->append(data.constData() + pos, size);
        pos += size;
        if (data.mid(pos, 2) != "\r\n")
            return -2;
        pos += 2;
    }
}

struct Response
{
    int status = 0;
    Head head;
    QByteArray body;
    QByteArray header(const QByteArray &name) const { return head.value(name); }
};

// A raw HTTP client on a QTcpSocket.
class Client
{
public:
    explicit Client(quint16 port)
    {
        socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    }

    bool waitConnected()
    {
        return waitUntil([this] { return socket.state() == QAbstractSocket::ConnectedState; });
    }
    void send(const QByteArray &data)
    {
        socket.write(data); // buffered until connected
        if (socket.state() == QAbstractSocket::ConnectedState)
            socket.flush();
    }
    bool isClosed() const { return socket.state() == QAbstractSocket::UnconnectedState; }
    bool waitClosed(int timeoutMs = 5000)
    {
        return waitUntil(
            [this] {
                buffer += socket.readAll();
                return isClosed();
            },
            timeoutMs);
    }

    // One response; nullopt on timeout. `headOnly` for HEAD requests and 101.
    std::optional<Response> read(int timeoutMs = 5000, bool headOnly = false)
    {
        std::optional<Response> r;
        waitUntil(
            [&] {
                buffer += socket.readAll();
                r = take(headOnly, isClosed());
                return r.has_value() || (isClosed() && socket.bytesAvailable() == 0);
            },
            timeoutMs);
        return r;
    }

    std::optional<Response> take(bool headOnly, bool eof)
    {
        Head head;
        const qsizetype headSize = parseHead(buffer, &head);
        if (headSize < 0)
            return std::nullopt;
        Response r;
        r.head = head;
        r.status = head.startLine.mid(9, 3).toInt();
        qsizetype total = headSize;
        if (headOnly || r.status < 200 || r.status == 204 || r.status == 304) {
            // head only
        } else if (head.value("transfer-encoding").toLower().contains("chunked")) {
            const qsizetype n = decodeChunked(buffer, headSize, &r.body);
            if (n < 0)
                return std::nullopt;
            total += n;
        } else if (!head.value("content-length").isNull()) {
            const qint64 length = head.value("content-length").toLongLong();
            if (buffer.size() < headSize + length)
                return std::nullopt;
            r.body = buffer.mid(headSize, length);
            total += length;
        } else {
            if (!eof)
                return std::nullopt;
            r.body = buffer.mid(headSize);
            total = buffer.size();
        }
        buffer.remove(0, total);
        return r;
    }

    QTcpSocket socket;
    QByteArray buffer;
};

// A stand-in for the OpenCode server: requires exact Basic credentials, records what it
// receives, and serves a few test endpoints.
class FakeUpstream : public QObject
{
public:
    struct Request
    {
        QByteArray method;
        QByteArray target;
        Head head;
        QByteArray body;
        int connection = 0;
    };

    static constexpr qint64 BigSize = 50 * 1024 * 1024;
    static constexpr qsizetype BlockSize = 1000003; // not a power of two

    FakeUpstream(const QByteArray &user, const QByteArray &password)
        : m_authorization("Basic " + (user + ':' + password).toBase64())
    {
        connect(&m_server, &QTcpServer::newConnection, this, &FakeUpstream::onNewConnection);
        m_server.listen(QHostAddress(QHostAddress::LocalHost), 0);
    }

    ~FakeUpstream() override
    {
        for (Connection *c : std::as_const(m_connections)) {
            c->socket->disconnect(this);
            delete c;
        }
    }

    quint16 port() const { return m_server.serverPort(); }

    // The bytes of the 50 MB download at `offset`.
    static QByteArray bigSlice(qint64 offset, qint64 size)
    {
        static const QByteArray block = [] {
            QByteArray b(BlockSize, Qt::Uninitialized);
            quint32 x = 0x12345678; // xorshift
            for (char &c : b) {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                c = char(x);
            }
            return b;
        }();
        QByteArray out;
        out.reserve(size);
        while (size > 0) {
            const qsizetype at = qsizetype(offset % BlockSize);
            const qsizetype n = qsizetype(std::min<qint64>(size, BlockSize - at));
            out.append(block.constData() + at, n);
            offset += n;
            size -= n;
        }
        return out;
    }
    static QByteArray bigHash()
    {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        for (qint64 off = 0; off < BigSize; off += 4 * 1024 * 1024)
            hash.addData(bigSlice(off, std::min<qint64>(4 * 1024 * 1024, BigSize - off)));
        return hash.result();
    }

    void finishEvents()
    {
        if (m_sse)
            m_sse->write(chunk("data: two\n\n") + "0\r\n\r\n");
    }
    bool eventStreamOpen() const
    {
        return m_sse && m_sse->state() == QAbstractSocket::ConnectedState;
    }

    QList<Request> requests;
    int connectionsAccepted = 0;
    int holdTarget = 20;
    QByteArray tunnelReceived;
    QByteArray acceptedAuthorization() const { return m_authorization; }

private:
    struct Connection
    {
        QTcpSocket *socket = nullptr;
        QByteArray buffer;
        int index = 0;
        int requests = 0;
        bool tunnel = false;
        qint64 bigOffset = 0;
        qint64 bigRemaining = 0;
    };

    static QByteArray chunk(const QByteArray &data)
    {
        return QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
    }

    void onNewConnection()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            auto *c = new Connection;
            c->socket = socket;
            c->index = ++connectionsAccepted;
            connect(socket, &QTcpSocket::readyRead, this, [this, c] { onReadyRead(c); });
            connect(socket, &QTcpSocket::bytesWritten, this, [this, c] { pumpBig(c); });
            connect(socket, &QTcpSocket::disconnected, this, [this, c] {
                // Possibly emitted from inside onReadyRead(): free `c` later.
                c->socket->disconnect(this);
                c->socket->deleteLater();
                QMetaObject::invokeMethod(
                    this,
                    [this, c] {
                        m_connections.removeOne(c);
                        delete c;
                    },
                    Qt::QueuedConnection);
            });
            m_connections.append(c);
        }
    }

    void onReadyRead(Connection *c)
    {
        c->buffer += c->socket->readAll();
        if (c->tunnel) {
            tunnelReceived += c->buffer;
            c->socket->write(c->buffer); // echo
            c->buffer.clear();
            return;
        }
        for (;;) {
            Head head;
            const qsizetype headSize = parseHead(c->buffer, &head);
            if (headSize < 0)
                return;
            Request r;
            r.head = head;
            r.connection = c->index;
            const QList<QByteArray> parts = head.startLine.split(' ');
            r.method = parts.value(0);
            r.target = parts.value(1);
            qsizetype total = headSize;
            if (head.value("transfer-encoding").toLower() == "chunked") {
                const qsizetype n = decodeChunked(c->buffer, headSize, &r.body);
                if (n == -1)
                    return;
                if (n < 0) {
                    c->socket->abort();
                    return;
                }
                total += n;
            } else {
                const qint64 length = head.value("content-length").toLongLong();
                if (c->buffer.size() < headSize + length)
                    return;
                r.body = c->buffer.mid(headSize, length);
                total += length;
            }
            c->buffer.remove(0, total);
            requests.append(r);
            ++c->requests;
            handle(c, r);
            if (c->tunnel || c->socket->state() != QAbstractSocket::ConnectedState)
                return;
        }
    }

    void reply(Connection *c, int status, const QByteArray &body, const QByteArray &fields = {},
               bool headRequest = false)
    {
        c->socket->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\n" + fields +
                         "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" +
                         (headRequest ? QByteArray() : body));
    }

    void handle(Connection *c, const Request &r)
    {
        const QList<QByteArray> auth = r.head.values("authorization");
        if (auth.size() != 1 || auth.first() != m_authorization) {
            reply(c, 401, "unauthorized", "WWW-Authenticate: Basic realm=\"opencode\"\r\n");
            return;
        }
        if (r.head.value("expect").toLower() == "100-continue")
            c->socket->write("HTTP/1.1 100 Continue\r\n\r\n"); // late, but a valid interim
        const QByteArray path = r.target.split('?').first();
        if (path == "/echo") {
            reply(c, 200,
                  "len=" + QByteArray::number(r.body.size()) + " sha=" +
                      QCryptographicHash::hash(r.body, QCryptographicHash::Sha256).toHex());
        } else if (path == "/events") {
            c->socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                             "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n" +
                             chunk("data: one\n\n"));
            m_sse = c->socket;
        } else if (path == "/ws") {
            if (r.head.value("upgrade").toLower() != "websocket" ||
                !r.head.value("connection").toLower().contains("upgrade")) {
                reply(c, 400, "not an upgrade");
                return;
            }
            const QByteArray accept =
                QCryptographicHash::hash(r.head.value("sec-websocket-key") +
                                             "258EAFA5-E914-47DA-95CA-C5AB0DC85B11",
                                         QCryptographicHash::Sha1)
                    .toBase64();
            c->socket->write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                             "Connection: Upgrade\r\nSec-WebSocket-Accept: " +
                             accept + "\r\n\r\n" + QByteArray("\x81\x05hello", 7));
            c->tunnel = true;
            if (!c->buffer.isEmpty()) {
                tunnelReceived += c->buffer;
                c->socket->write(c->buffer);
                c->buffer.clear();
            }
        } else if (path == "/big") {
            c->socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                             "Content-Length: " +
                             QByteArray::number(BigSize) + "\r\n\r\n");
            c->bigOffset = 0;
            c->bigRemaining = BigSize;
            pumpBig(c);
        } else if (path == "/hold") {
            m_held.append({c->socket, r.target.mid(r.target.indexOf('=') + 1)});
            if (m_held.size() >= holdTarget) {
                for (const auto &held : std::as_const(m_held)) {
                    if (held.first)
                        held.first->write("HTTP/1.1 200 OK\r\nContent-Length: " +
                                          QByteArray::number(held.second.size()) + "\r\n\r\n" +
                                          held.second);
                }
                m_held.clear();
            }
        } else if (path == "/flaky" && c->requests > 1) {
            // A kept-alive connection closed by the server just as a request arrives.
            c->socket->abort();
        } else if (path == "/set-cookies") {
            // Tries to set (or delete) gateways' session cookies next to one of its own.
            reply(c, 200, "cookies",
                  "Set-Cookie: ocs_session_1=forged; Path=/\r\n"
                  "Set-Cookie: ocs_session_" +
                      r.target.mid(r.target.indexOf('=') + 1) +
                      "=; Max-Age=0\r\n"
                      "Set-Cookie: theme=dark; Path=/\r\n");
        } else if (path == "/until-close") {
            c->socket->write(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nstreamed until close");
            c->socket->disconnectFromHost();
        } else {
            reply(c, 200, "hello " + r.target, "Content-Type: text/plain\r\n", r.method == "HEAD");
        }
    }

    void pumpBig(Connection *c)
    {
        while (c->bigRemaining > 0 && c->socket->bytesToWrite() < 1024 * 1024) {
            const qint64 n = std::min<qint64>(256 * 1024, c->bigRemaining);
            c->socket->write(bigSlice(c->bigOffset, n));
            c->bigOffset += n;
            c->bigRemaining -= n;
        }
    }

    QTcpServer m_server;
    QList<Connection *> m_connections;
    QByteArray m_authorization;
    QPointer<QTcpSocket> m_sse;
    QList<QPair<QPointer<QTcpSocket>, QByteArray>> m_held;
};

} // namespace testhttp
