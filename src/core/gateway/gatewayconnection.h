#pragma once

#include "chunkeddecoder.h"
#include "httpheadparser.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <chrono>

class QTcpSocket;

namespace ocs::gateway {

struct GatewayContext;

// One browser connection to the gateway and, once a request is let through, its own
// connection to the upstream. Requests are handled one after the other (keep-alive and
// pipelining); bodies and responses are relayed as they arrive, without waiting for the
// end, and reading from one side pauses while the other side's write buffer is full.
// After a 101 Switching Protocols the connection becomes a plain two-way byte pipe.
class GatewayConnection : public QObject
{
    Q_OBJECT
public:
    // Both read buffers are capped at this size, and a side is not read while the other
    // side holds more than HighWatermark unsent bytes: at most a few MB per connection.
    static constexpr qint64 ReadBufferSize = 512 * 1024;
    static constexpr qint64 HighWatermark = 1024 * 1024;
    // Reading resumes once the other side's unsent bytes are below this.
    static constexpr qint64 LowWatermark = 256 * 1024;

    // Takes ownership of `client`.
    GatewayConnection(QTcpSocket *client, GatewayContext &context, quint64 id,
                      QObject *parent = nullptr);
    ~GatewayConnection() override;

    void start();
    // Closes both sockets at once without emitting finished() (gateway shutdown).
    void abortSilently();

    // No request in progress: idle, or a request head still arriving. Such a connection may
    // be closed to make room for a new one.
    bool isWaitingForRequest() const;
    // When the last request head was complete (or the connection began, before the first).
    std::chrono::steady_clock::time_point lastRequestAt() const { return m_lastRequestAt; }

Q_SIGNALS:
    // The connection is closed; the owner may delete it (later).
    void finished();

private:
    enum class RequestState {
        Head,          // waiting for (the rest of) a request head
        Body,          // relaying the request body to the upstream
        AwaitResponse, // request sent, the response is still being relayed
        Tunnel,        // after 101: relaying everything
        Stopped
    };
    enum class ResponseState { Idle, Head, Body, Tunnel, Stopped };
    enum class Flow { Blocked, Complete, SourceClosed, Error };

    // The request/response pair in progress.
    struct Exchange
    {
        bool isHead = false;
        bool clientWantsClose = false; // HTTP/1.0 or "Connection: close"
        bool upgrade = false;          // WebSocket upgrade requested
        bool hasRequestBody = false;
        bool responseStarted = false; // some response bytes went to the client
        bool closeAfterResponse = false;
        bool upstreamReusable = false;
        bool onReusedUpstream = false;
        bool retried = false;
        QByteArray framing;      // the canonical Content-Length/Transfer-Encoding field
        QByteArray upstreamHead; // kept to retry a GET/HEAD once; holds a secret
    };

    void onActivity();
    void onClientDisconnected();
    void onUpstreamConnected();
    void onTimer();

    void pump();
    void pumpRequest();
    void pumpResponse();
    Flow relay(QTcpSocket *from, QByteArray &pending, BodyFramer &framer, QTcpSocket *to);

    void handleRequestHead();
    void handleLogin(const HttpHead &head);
    bool hasValidSession(const HttpHead &head);
    void forwardRequest(const HttpHead &head, const BodyFramer &body);
    QByteArray upstreamHead(const HttpHead &head) const;

    void handleResponseHead();
    QByteArray clientHead(const HttpHead &head) const;
    void finishResponse();
    void upstreamFailed(const char *why);

    void respond(int status, const QByteArray &extraFields, const QByteArray &body, bool close);
    void respondPage(int status, const QString &title, const QString &message, bool close,
                     const QByteArray &extraFields = {});

    void connectUpstream();
    void dropUpstream();
    void writeToClient(const QByteArray &data);
    void writeToUpstream(const QByteArray &data);
    void flushSockets();

    void closeGracefully(bool flushUpstream);
    void closeNow();
    void finish();
    void checkClosed();

    std::chrono::milliseconds currentTimeout() const;
    std::chrono::steady_clock::time_point currentDeadline() const;
    void armTimer();
    void noteBuffered();

    GatewayContext &m_ctx;
    const quint64 m_id;
    QTcpSocket *m_client;
    QTcpSocket *m_upstream = nullptr;
    QByteArray m_clientIn;   // received from the client, not yet handled
    QByteArray m_upstreamIn; // received from the upstream, not yet handled
    HttpHeadParser m_requestParser{HttpHeadParser::Kind::Request};
    HttpHeadParser m_responseParser{HttpHeadParser::Kind::Response};
    BodyFramer m_requestBody;
    BodyFramer m_responseBody;
    RequestState m_request = RequestState::Head;
    ResponseState m_response = ResponseState::Idle;
    Exchange m_exchange;
    int m_upstreamExchanges = 0; // responses completed on the current upstream connection

    bool m_inPump = false;
    bool m_pumpAgain = false;
    bool m_closing = false;
    bool m_finished = false;
    bool m_clientPaused = false; // not reading requests: the client does not take the answers
    bool m_headPending = false;  // a request head has begun (m_headStarted)

    QTimer m_timer;
    std::chrono::steady_clock::time_point m_timerDeadline; // when m_timer fires
    std::chrono::steady_clock::time_point m_lastActivity;
    std::chrono::steady_clock::time_point m_headStarted;
    std::chrono::steady_clock::time_point m_lastRequestAt;
};

} // namespace ocs::gateway
