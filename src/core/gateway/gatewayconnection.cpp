#include "gatewayconnection.h"

#include "gatewaycontext.h"
#include "gatewaypolicy.h"
#include "logging.h"

#include <QHostAddress>
#include <QTcpSocket>

namespace ocs::gateway {

namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;

constexpr QByteArrayView LoginPath = "/__ocs/login";
constexpr QByteArrayView ReservedPrefix = "/__ocs/";

// Everything the socket received has been handled and the peer has closed.
bool isDrained(const QTcpSocket *socket)
{
    const auto state = socket->state();
    return (state == QAbstractSocket::UnconnectedState || state == QAbstractSocket::ClosingState) &&
           socket->bytesAvailable() == 0;
}

// Connection-specific fields (RFC 9110 section 7.6.1) that are never relayed as received.
bool isHopByHop(QByteArrayView lowerName)
{
    return lowerName == "connection" || lowerName == "keep-alive" ||
           lowerName == "proxy-connection" || lowerName == "te" || lowerName == "upgrade" ||
           lowerName == "proxy-authorization" || lowerName == "proxy-authenticate";
}

// Fields that a "Connection: <name>" option may not remove: the message framing must reach
// the other side unchanged, and the gateway handles Host and Cookie itself.
bool isProtectedField(QByteArrayView lowerName)
{
    return lowerName == "content-length" || lowerName == "transfer-encoding" ||
           lowerName == "host" || lowerName == "cookie";
}

bool contains(const QList<QByteArray> &list, QByteArrayView value)
{
    for (const QByteArray &item : list) {
        if (item == value)
            return true;
    }
    return false;
}

// All Content-Length values (fields and comma-separated lists) must be one non-negative
// decimal number (RFC 9112 section 6.3).
bool contentLength(const HttpHead &head, qint64 *length)
{
    const QList<QByteArray> values = head.tokens("content-length");
    if (values.isEmpty())
        return false;
    qint64 result = -1;
    for (const QByteArray &v : values) {
        if (v.isEmpty() || v.size() > 18)
            return false;
        for (char c : v) {
            if (c < '0' || c > '9')
                return false;
        }
        const qint64 n = v.toLongLong();
        if (result >= 0 && n != result)
            return false;
        result = n;
    }
    *length = result;
    return true;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 303:
        return QByteArrayLiteral("See Other");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 421:
        return QByteArrayLiteral("Misdirected Request");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    case 502:
        return QByteArrayLiteral("Bad Gateway");
    case 504:
        return QByteArrayLiteral("Gateway Timeout");
    case 505:
        return QByteArrayLiteral("HTTP Version Not Supported");
    default:
        return QByteArrayLiteral("Error");
    }
}

// For log lines: the path only (the query of a login request holds the token).
QString loggablePath(QByteArrayView target)
{
    const QByteArrayView path = policy::targetPath(target);
    return QString::fromLatin1(path.first(std::min<qsizetype>(path.size(), 200)));
}

// Reads `size` (<= bytesAvailable()) bytes. When that is everything the socket holds, Qt can
// usually hand over its buffer block instead of copying it (readAll() always copies); and
// writing a QByteArray of 4 KiB or more to a socket shares it rather than copying it, so
// relayed data is only copied by the kernel.
QByteArray takeAvailable(QTcpSocket *socket, qint64 size)
{
    return socket->read(size);
}

// Moves the body bytes that arrived together with a head (a small body often does) behind
// the head, so both leave in one write. The rest is relayed as usual.
void appendBufferedBody(QByteArray &out, QByteArray &pending, BodyFramer &framer)
{
    static constexpr qsizetype MaxCoalesced = 64 * 1024;
    if (pending.isEmpty() || pending.size() > MaxCoalesced)
        return;
    const qsizetype used = framer.consume(pending.constData(), pending.size());
    if (used <= 0)
        return; // nothing, or a framing error that relay() reports
    out.append(pending.constData(), used);
    pending.remove(0, used);
}

void sendNow(QTcpSocket *socket, const QByteArray &data)
{
    socket->write(data);
    if (socket->state() == QAbstractSocket::ConnectedState)
        socket->flush();
}

} // namespace

GatewayConnection::GatewayConnection(QTcpSocket *client, GatewayContext &context, quint64 id,
                                     QObject *parent)
    : QObject(parent)
    , m_ctx(context)
    , m_id(id)
    , m_client(client)
{
    m_client->setParent(this);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &GatewayConnection::onTimer);
}

GatewayConnection::~GatewayConnection()
{
    m_client->disconnect(this);
    if (m_upstream)
        m_upstream->disconnect(this);
}

void GatewayConnection::start()
{
    m_client->setReadBufferSize(ReadBufferSize);
    m_client->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_client, &QTcpSocket::readyRead, this, &GatewayConnection::onActivity);
    connect(m_client, &QTcpSocket::bytesWritten, this, &GatewayConnection::onActivity);
    connect(m_client, &QTcpSocket::disconnected, this, &GatewayConnection::onActivity);
    connect(m_client, &QTcpSocket::errorOccurred, this, &GatewayConnection::onActivity);
    m_lastActivity = std::chrono::steady_clock::now();
    m_lastRequestAt = m_lastActivity;
    pump();
}

bool GatewayConnection::isWaitingForRequest() const
{
    return !m_finished && !m_closing && m_request == RequestState::Head &&
           m_response == ResponseState::Idle;
}

void GatewayConnection::abortSilently()
{
    m_finished = true;
    m_timer.stop();
    m_client->disconnect(this);
    m_client->abort();
    dropUpstream();
}

void GatewayConnection::onActivity()
{
    m_lastActivity = std::chrono::steady_clock::now();
    pump();
}

void GatewayConnection::onUpstreamConnected()
{
    m_upstream->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    onActivity();
}

// ---------------------------------------------------------------------------------------
// Event handling

void GatewayConnection::pump()
{
    if (m_finished)
        return;
    if (m_inPump) { // a flush emitted bytesWritten: go round once more
        m_pumpAgain = true;
        return;
    }
    m_inPump = true;
    do {
        m_pumpAgain = false;
        if (m_closing)
            break;
        pumpResponse(); // first, so a finished response frees the request side
        if (m_closing)
            break;
        pumpRequest();
    } while (m_pumpAgain && !m_closing);
    m_inPump = false;

    if (m_finished)
        return;
    // The client went away in the middle of an exchange: nobody is left to answer.
    if (!m_closing && m_client->state() == QAbstractSocket::UnconnectedState)
        closeNow();
    if (m_closing)
        checkClosed();
    if (!m_finished) {
        noteBuffered();
        armTimer();
    }
}

void GatewayConnection::pumpRequest()
{
    for (;;) {
        switch (m_request) {
        case RequestState::Head: {
            // Pipelined requests that the gateway answers itself (401, 404, …): no more is
            // read while the client does not take the answers (resumed by bytesWritten).
            const qint64 unsent = m_client->bytesToWrite();
            if (m_clientPaused && unsent > LowWatermark)
                return;
            m_clientPaused = unsent >= HighWatermark;
            if (m_clientPaused)
                return;
            const qint64 room = ReadBufferSize - m_clientIn.size();
            if (m_client->bytesAvailable() > 0 && room > 0) {
                const QByteArray data =
                    takeAvailable(m_client, std::min(room, m_client->bytesAvailable()));
                if (m_clientIn.isEmpty())
                    m_clientIn = data;
                else
                    m_clientIn += data;
            }
            if (m_clientIn.isEmpty()) {
                if (isDrained(m_client))
                    closeNow();
                return;
            }
            if (!m_headPending) { // the head's deadline runs from its first byte
                m_headPending = true;
                m_headStarted = m_lastActivity;
            }
            switch (m_requestParser.parse(m_clientIn)) {
            case HttpHeadParser::Status::NeedMoreData:
                if (isDrained(m_client))
                    closeNow();
                return;
            case HttpHeadParser::Status::Error:
                qCDebug(lcGateway) << "connection" << m_id
                                   << "malformed request:" << m_requestParser.errorReason();
                m_exchange = Exchange();
                respondPage(m_requestParser.headTooLarge() ? 431 : 400, tr("Bad request"),
                            tr("The gateway could not read this request."), true);
                return;
            case HttpHeadParser::Status::Complete:
                m_headPending = false;
                m_lastRequestAt = m_lastActivity;
                handleRequestHead();
                m_requestParser.reset();
                continue;
            }
            return;
        }
        case RequestState::Body:
            switch (relay(m_client, m_clientIn, m_requestBody, m_upstream)) {
            case Flow::Complete:
                m_request = RequestState::AwaitResponse;
                continue;
            case Flow::Blocked:
                return;
            case Flow::SourceClosed:
                closeNow(); // the client went away in the middle of its request
                return;
            case Flow::Error:
                qCDebug(lcGateway) << "connection" << m_id << "malformed chunked request body";
                if (m_exchange.responseStarted) {
                    closeNow();
                } else {
                    dropUpstream();
                    respondPage(400, tr("Bad request"), tr("The request body is malformed."), true);
                }
                return;
            }
            return;
        case RequestState::AwaitResponse:
            if (m_response != ResponseState::Idle)
                return;
            m_request = RequestState::Head;
            continue;
        case RequestState::Tunnel:
            if (relay(m_client, m_clientIn, m_requestBody, m_upstream) == Flow::SourceClosed)
                closeGracefully(true);
            return;
        case RequestState::Stopped:
            return;
        }
    }
}

void GatewayConnection::pumpResponse()
{
    for (;;) {
        switch (m_response) {
        case ResponseState::Idle:
            // Between exchanges: the upstream may close its side of a kept-alive connection,
            // and must not send anything.
            if (m_upstream && (isDrained(m_upstream) || m_upstream->bytesAvailable() > 0))
                dropUpstream();
            return;
        case ResponseState::Head:
            if (!m_upstream)
                return;
            if (m_upstream->bytesAvailable() > 0) {
                const QByteArray data = takeAvailable(m_upstream, m_upstream->bytesAvailable());
                if (m_upstreamIn.isEmpty())
                    m_upstreamIn = data;
                else
                    m_upstreamIn += data;
            }
            switch (m_responseParser.parse(m_upstreamIn)) {
            case HttpHeadParser::Status::NeedMoreData:
                if (isDrained(m_upstream))
                    upstreamFailed("connection closed before a response");
                return;
            case HttpHeadParser::Status::Error:
                upstreamFailed(m_responseParser.errorReason());
                return;
            case HttpHeadParser::Status::Complete:
                handleResponseHead();
                m_responseParser.reset();
                continue;
            }
            return;
        case ResponseState::Body:
            switch (relay(m_upstream, m_upstreamIn, m_responseBody, m_client)) {
            case Flow::Complete:
                finishResponse();
                continue;
            case Flow::Blocked:
                return;
            case Flow::SourceClosed:
                if (m_responseBody.mode() == BodyFramer::Mode::UntilClose) {
                    finishResponse();
                    continue;
                }
                qCDebug(lcGateway) << "connection" << m_id << "upstream closed mid-response";
                closeNow();
                return;
            case Flow::Error:
                qCDebug(lcGateway) << "connection" << m_id << "malformed chunked response body";
                closeNow();
                return;
            }
            return;
        case ResponseState::Tunnel:
            if (relay(m_upstream, m_upstreamIn, m_responseBody, m_client) == Flow::SourceClosed)
                closeGracefully(true);
            return;
        case ResponseState::Stopped:
            return;
        }
    }
}

GatewayConnection::Flow GatewayConnection::relay(QTcpSocket *from, QByteArray &pending,
                                                 BodyFramer &framer, QTcpSocket *to)
{
    if (!from || !to)
        return Flow::Blocked;
    for (;;) {
        if (framer.isComplete())
            return Flow::Complete;
        if (to->state() == QAbstractSocket::UnconnectedState)
            return pending.isEmpty() && isDrained(from) ? Flow::SourceClosed : Flow::Blocked;
        if (to->bytesToWrite() >= HighWatermark)
            return Flow::Blocked; // resumed by the bytesWritten signal of `to`

        QByteArray data;
        if (!pending.isEmpty()) {
            data.swap(pending);
        } else {
            const qint64 available = from->bytesAvailable();
            if (available <= 0)
                return isDrained(from) ? Flow::SourceClosed : Flow::Blocked;
            const qint64 remaining = framer.remaining();
            data = takeAvailable(from, remaining >= 0 ? std::min(remaining, available) : available);
        }
        const qsizetype used = framer.consume(data.constData(), data.size());
        if (used < 0)
            return Flow::Error;
        if (used < data.size()) { // the start of the next message (pipelining)
            pending = data.sliced(used);
            data.truncate(used);
        }
        if (!data.isEmpty()) {
            to->write(data);
            noteBuffered();
            if (to->state() == QAbstractSocket::ConnectedState)
                to->flush();
        }
    }
}

// ---------------------------------------------------------------------------------------
// Requests

void GatewayConnection::handleRequestHead()
{
    const HttpHead &head = m_requestParser.head();
    m_exchange = Exchange();
    m_exchange.isHead = head.method == "HEAD";
    m_exchange.clientWantsClose = head.isHttp10() || head.hasToken("connection", "close");

    if (!head.isHttp11() && !head.isHttp10()) {
        respondPage(505, tr("Unsupported HTTP version"),
                    tr("Only HTTP/1.0 and HTTP/1.1 are supported."), true);
        return;
    }

    // Message framing (RFC 9112 section 6): anything ambiguous is refused rather than
    // guessed, so the upstream can never see a different message boundary than we do.
    BodyFramer body = BodyFramer::none();
    if (head.count("transfer-encoding") > 0) {
        if (head.count("content-length") > 0 || head.isHttp10()) {
            respondPage(400, tr("Bad request"), tr("Ambiguous message framing."), true);
            return;
        }
        if (head.tokens("transfer-encoding") != QList<QByteArray>{QByteArrayLiteral("chunked")}) {
            respondPage(501, tr("Not implemented"), tr("Unsupported transfer coding."), true);
            return;
        }
        body = BodyFramer::chunked();
        m_exchange.framing = QByteArrayLiteral("Transfer-Encoding: chunked\r\n");
    } else if (head.count("content-length") > 0) {
        qint64 length = 0;
        if (!contentLength(head, &length)) {
            respondPage(400, tr("Bad request"), tr("Invalid Content-Length."), true);
            return;
        }
        body = BodyFramer::length(length);
        m_exchange.framing = "Content-Length: " + QByteArray::number(length) + "\r\n";
    }
    m_exchange.hasRequestBody = body.mode() != BodyFramer::Mode::None;
    // A refused request's body is not read, so the connection cannot carry another one.
    const bool closeOnRefusal = m_exchange.hasRequestBody;

    if (!policy::isAllowedHost(head, m_ctx.allowedHosts)) {
        qCInfo(lcGateway) << "connection" << m_id << "refused a request for another host";
        respondPage(421, tr("Wrong address"),
                    tr("This gateway only answers requests addressed to itself."), closeOnRefusal);
        return;
    }
    if (!head.target.startsWith('/')) {
        respondPage(400, tr("Bad request"), tr("Unsupported request target."), true);
        return;
    }
    const QByteArrayView path = policy::targetPath(head.target);
    // The browser opens the sign-in link from a local file (so that the token is on no
    // command line), which makes that navigation cross-site. The link is its own proof (a
    // one-time secret only this user's processes get), so a top-level navigation to it is
    // let in from anywhere; handleLogin() then goes on with a same-origin navigation.
    const bool login = path == LoginPath;
    if (!policy::isSameOriginRequest(head, m_ctx.allowedOrigins) &&
        !(login && policy::isTopLevelNavigation(head))) {
        qCInfo(lcGateway) << "connection" << m_id << "refused a cross-site request for"
                          << loggablePath(head.target);
        respondPage(403, tr("Forbidden"), tr("Requests from other sites are not allowed."),
                    closeOnRefusal);
        return;
    }
    if (head.method == "CONNECT" || head.method == "TRACE") {
        respondPage(405, tr("Method not allowed"), tr("This method is not supported."),
                    closeOnRefusal);
        return;
    }

    if (lcGateway().isDebugEnabled()) {
        qCDebug(lcGateway).noquote() << "connection" << m_id << QString::fromLatin1(head.method)
                                     << loggablePath(head.target);
    }
    if (login) {
        handleLogin(head);
        return;
    }
    if (path.startsWith(ReservedPrefix)) {
        respondPage(404, tr("Not found"), tr("There is nothing at this address."), closeOnRefusal);
        return;
    }
    if (!hasValidSession(head) && !policy::isPublicWithoutSession(head)) {
        respondPage(
            401, tr("Sign-in required"),
            tr("Open this sandbox with “Open web UI” in the "
               "OpenCode Sandbox app to sign in."),
            closeOnRefusal,
            QByteArrayLiteral("WWW-Authenticate: OCS-Login realm=\"OpenCode Sandbox\"\r\n"));
        return;
    }

    m_exchange.upgrade = head.method == "GET" && head.hasToken("connection", "upgrade") &&
                         head.hasToken("upgrade", "websocket");
    if (m_exchange.upgrade && m_exchange.hasRequestBody) {
        respondPage(400, tr("Bad request"), tr("An upgrade request cannot have a body."), true);
        return;
    }
    forwardRequest(head, body);
}

bool GatewayConnection::hasValidSession(const HttpHead &head)
{
    const QList<QByteArray> values = policy::cookieValues(head, m_ctx.cookieName);
    for (const QByteArray &value : values) {
        if (m_ctx.auth.isValidSession(value))
            return true;
    }
    return false;
}

void GatewayConnection::handleLogin(const HttpHead &head)
{
    const bool close = m_exchange.hasRequestBody;
    if (head.method != "GET" && head.method != "HEAD") {
        respondPage(405, tr("Method not allowed"), tr("This method is not supported."), close,
                    QByteArrayLiteral("Allow: GET, HEAD\r\n"));
        return;
    }
    const QByteArray token = policy::queryValue(head.target, "token");
    QByteArray next = policy::queryValue(head.target, "next");
    next = policy::sanitizeNextPath(next.isNull() ? QByteArrayView("/") : QByteArrayView(next));

    QByteArray fields = QByteArrayLiteral("Location: ") + next + "\r\n";
    if (m_ctx.auth.redeemToken(token)) {
        const QByteArray secret = m_ctx.auth.createSession();
        const auto maxAge =
            std::chrono::duration_cast<std::chrono::seconds>(m_ctx.auth.sessionMaxAge());
        fields += "Set-Cookie: " + m_ctx.cookieName + '=' + secret +
                  "; Max-Age=" + QByteArray::number(qint64(maxAge.count())) +
                  "; Path=/; HttpOnly; SameSite=Strict\r\n";
        qCInfo(lcGateway) << "connection" << m_id << "signed in a browser session";
    } else if (!hasValidSession(head)) {
        qCInfo(lcGateway) << "connection" << m_id
                          << "refused a sign-in link (unknown, used or expired)";
        respondPage(
            401, tr("Sign-in link expired"),
            tr("This sign-in link was already used or has expired. Use "
               "“Open web UI” in the OpenCode Sandbox app again."),
            close, QByteArrayLiteral("WWW-Authenticate: OCS-Login realm=\"OpenCode Sandbox\"\r\n"));
        return;
    }
    // (An already signed-in browser reopening a used link just goes on to `next`.)
    if (!policy::isSameOriginRequest(head, m_ctx.allowedOrigins)) {
        // Opened from another origin (the local sign-in file): a redirect would keep the
        // navigation cross-site, so the SameSite=Strict cookie would not be sent with it.
        // A page of our own navigates on instead. `next` is a sanitized local path.
        fields.remove(0, fields.indexOf("\r\n") + 2); // no Location
        const QByteArray target = QString::fromLatin1(next).toHtmlEscaped().toLatin1();
        const QByteArray body = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                                "<meta http-equiv=\"refresh\" content=\"0;url=" +
                                target +
                                "\"><title>Signing in</title></head>\n<body><p><a href=\"" +
                                target + "\">Continue</a></p></body></html>\n";
        respond(200, fields, body, close);
        return;
    }
    respond(303, fields, {}, close);
}

void GatewayConnection::forwardRequest(const HttpHead &head, const BodyFramer &body)
{
    if (m_upstream && m_upstream->state() == QAbstractSocket::UnconnectedState)
        dropUpstream();
    if (m_upstream) {
        m_exchange.onReusedUpstream = m_upstreamExchanges > 0;
    } else {
        connectUpstream();
    }
    m_requestBody = body;
    m_exchange.upstreamHead = upstreamHead(head);
    // Only what is safe to send twice is retried (RFC 9110 section 9.2.2): GET and HEAD
    // without a body.
    const bool retryable =
        !m_exchange.hasRequestBody && (head.method == "GET" || head.method == "HEAD");
    if (!retryable) {
        QByteArray out = std::exchange(m_exchange.upstreamHead, {}); // never retried
        appendBufferedBody(out, m_clientIn, m_requestBody);
        sendNow(m_upstream, out);
    } else {
        sendNow(m_upstream, m_exchange.upstreamHead);
    }

    m_request = m_exchange.hasRequestBody ? RequestState::Body : RequestState::AwaitResponse;
    m_response = ResponseState::Head;
    m_responseParser.reset();
}

QByteArray GatewayConnection::upstreamHead(const HttpHead &head) const
{
    const QList<QByteArray> connectionOptions = head.tokens("connection");
    QByteArray out;
    out.reserve(1024);
    out += head.method;
    out += ' ';
    out += head.target;
    out += ' ';
    out += head.version;
    out += "\r\n";
    for (const HttpHeaderField &f : head.fields) {
        const QByteArray &name = f.lowerName;
        // Framing is re-emitted in one canonical field below.
        if (isHopByHop(name) || name == "authorization" || name == "content-length" ||
            name == "transfer-encoding")
            continue;
        if (contains(connectionOptions, name) && !isProtectedField(name))
            continue;
        if (name == "cookie") {
            // Session cookies are the gateways' business, not the upstream's (this one's and
            // those of the other gateways on this host, which the browser sends along).
            const QByteArray rest = policy::removeSessionCookies(f.value);
            if (!rest.isEmpty()) {
                out += f.name;
                out += ": ";
                out += rest;
                out += "\r\n";
            }
            continue;
        }
        out += f.name;
        out += ": ";
        out += f.value;
        out += "\r\n";
    }
    out += m_exchange.framing;
    out += "Authorization: ";
    out += m_ctx.upstreamAuthorization;
    out += "\r\n";
    if (m_exchange.upgrade) {
        out += "Connection: Upgrade\r\nUpgrade: ";
        out += head.value("upgrade");
        out += "\r\n";
    } else if (m_exchange.clientWantsClose) {
        out += "Connection: close\r\n";
    }
    out += "\r\n";
    return out;
}

// ---------------------------------------------------------------------------------------
// Responses

void GatewayConnection::handleResponseHead()
{
    const HttpHead &head = m_responseParser.head();
    const int status = head.statusCode;

    if (status == 101) {
        if (!m_exchange.upgrade || m_request != RequestState::AwaitResponse) {
            upstreamFailed("unexpected 101 response");
            return;
        }
        sendNow(m_client, clientHead(head));
        m_exchange.responseStarted = true;
        m_exchange.upstreamHead.clear();
        m_request = RequestState::Tunnel;
        m_response = ResponseState::Tunnel;
        m_requestBody = BodyFramer::untilClose();
        m_responseBody = BodyFramer::untilClose();
        qCDebug(lcGateway) << "connection" << m_id << "switched protocols";
        return;
    }
    if (status < 200) { // interim response (100 Continue, 103 Early Hints): relay, wait on
        if (!m_exchange.clientWantsClose) {
            sendNow(m_client, clientHead(head));
            m_exchange.responseStarted = true;
        }
        return;
    }

    BodyFramer body = BodyFramer::untilClose();
    if (m_exchange.isHead || status == 204 || status == 304) {
        body = BodyFramer::none();
    } else if (head.count("transfer-encoding") > 0) {
        const QList<QByteArray> codings = head.tokens("transfer-encoding");
        if (!codings.isEmpty() && codings.last() == "chunked")
            body = BodyFramer::chunked();
    } else if (head.count("content-length") > 0) {
        qint64 length = 0;
        if (!contentLength(head, &length)) {
            upstreamFailed("invalid Content-Length");
            return;
        }
        body = BodyFramer::length(length);
    }
    const bool untilClose = body.mode() == BodyFramer::Mode::UntilClose;
    const bool requestUnfinished = m_request == RequestState::Body;
    m_exchange.closeAfterResponse = m_exchange.clientWantsClose || untilClose || requestUnfinished;
    m_exchange.upstreamReusable = head.isHttp11() && !head.hasToken("connection", "close") &&
                                  !untilClose && !requestUnfinished;
    if (status == 401 && head.count("www-authenticate") > 0) {
        qCWarning(lcGateway) << "connection" << m_id
                             << "the OpenCode server rejected the gateway's credentials";
    }
    qCDebug(lcGateway) << "connection" << m_id << "response" << status;

    m_responseBody = body;
    QByteArray out = clientHead(head);
    appendBufferedBody(out, m_upstreamIn, m_responseBody);
    sendNow(m_client, out);
    m_exchange.responseStarted = true;
    m_response = ResponseState::Body;
}

QByteArray GatewayConnection::clientHead(const HttpHead &head) const
{
    const QList<QByteArray> connectionOptions = head.tokens("connection");
    const bool switching = head.statusCode == 101;
    // With both, Transfer-Encoding decides (RFC 9112 section 6.3); do not pass on the conflict.
    const bool chunkedOverLength = head.count("transfer-encoding") > 0;
    QByteArray out;
    out.reserve(1024);
    out += "HTTP/1.1";
    out += QByteArrayView(head.statusLine).sliced(8);
    out += "\r\n";
    for (const HttpHeaderField &f : head.fields) {
        const QByteArray &name = f.lowerName;
        if (isHopByHop(name))
            continue;
        if (contains(connectionOptions, name) && !isProtectedField(name))
            continue;
        // A Basic challenge would make the browser ask the user for the upstream password.
        if (name == "www-authenticate")
            continue;
        if (chunkedOverLength && name == "content-length")
            continue;
        // The upstream may not set, replace or delete any gateway's session cookie.
        if (name == "set-cookie" && policy::isSessionCookieName(policy::setCookieName(f.value)))
            continue;
        out += f.name;
        out += ": ";
        out += f.value;
        out += "\r\n";
    }
    if (switching) {
        const QByteArray protocol = head.value("upgrade");
        out += "Connection: Upgrade\r\nUpgrade: ";
        out += protocol.isEmpty() ? QByteArrayLiteral("websocket") : protocol;
        out += "\r\n";
    } else if (head.statusCode >= 200 && m_exchange.closeAfterResponse) {
        out += "Connection: close\r\n";
    }
    out += "\r\n";
    return out;
}

void GatewayConnection::finishResponse()
{
    m_response = ResponseState::Idle;
    ++m_upstreamExchanges;
    m_exchange.upstreamHead.clear();
    if (!m_exchange.upstreamReusable || !m_upstreamIn.isEmpty())
        dropUpstream();
    if (m_exchange.closeAfterResponse)
        closeGracefully(false);
}

void GatewayConnection::upstreamFailed(const char *why)
{
    // A kept-alive upstream connection may have been closed by the server just as we sent
    // the next request on it. A request without a body can safely be sent again, once.
    const bool retry = !m_exchange.responseStarted && !m_exchange.retried &&
                       m_exchange.onReusedUpstream && m_upstreamIn.isEmpty() &&
                       !m_exchange.upstreamHead.isEmpty();
    const bool refused =
        m_upstream && m_upstream->error() == QAbstractSocket::ConnectionRefusedError;
    dropUpstream();
    if (refused && m_ctx.upstreamUnreachable)
        m_ctx.upstreamUnreachable();
    if (retry) {
        qCDebug(lcGateway) << "connection" << m_id
                           << "retrying on a new upstream connection:" << why;
        m_exchange.retried = true;
        m_exchange.onReusedUpstream = false;
        connectUpstream();
        sendNow(m_upstream, m_exchange.upstreamHead);
        m_responseParser.reset();
        m_response = ResponseState::Head;
        return;
    }
    qCWarning(lcGateway) << "connection" << m_id << "upstream failed:" << why;
    if (m_exchange.responseStarted) {
        closeNow();
        return;
    }
    respondPage(502, tr("OpenCode is not reachable"),
                tr("The OpenCode server of this sandbox did not answer. It may "
                   "still be starting, or it has stopped."),
                true);
}

void GatewayConnection::respond(int status, const QByteArray &extraFields, const QByteArray &body,
                                bool close)
{
    close = close || m_exchange.clientWantsClose;
    QByteArray out;
    out.reserve(512 + body.size());
    out += "HTTP/1.1 ";
    out += QByteArray::number(status);
    out += ' ';
    out += reasonPhrase(status);
    out += "\r\n";
    out += extraFields;
    if (!body.isEmpty())
        out += "Content-Type: text/html; charset=utf-8\r\n";
    out += "Content-Length: ";
    out += QByteArray::number(body.size());
    out += "\r\n"
           "Cache-Control: no-store\r\n"
           "Referrer-Policy: no-referrer\r\n"
           "X-Content-Type-Options: nosniff\r\n"
           "X-Frame-Options: DENY\r\n"
           "Content-Security-Policy: default-src 'none'\r\n";
    if (close)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (!m_exchange.isHead)
        out += body;
    m_exchange.responseStarted = true;
    sendNow(m_client, out);
    if (close) {
        closeGracefully(false);
    } else {
        m_request = RequestState::Head;
        m_response = ResponseState::Idle;
    }
}

void GatewayConnection::respondPage(int status, const QString &title, const QString &message,
                                    bool close, const QByteArray &extraFields)
{
    const QString html =
        QStringLiteral("<!DOCTYPE html>\n<html lang=\"%3\"><head><meta charset=\"utf-8\">"
                       "<meta name=\"viewport\" content=\"width=device-width\">"
                       "<title>%1</title></head>\n<body><h1>%1</h1><p>%2</p></body></html>\n")
            .arg(title.toHtmlEscaped(), message.toHtmlEscaped(),
                 //: The language code of the gateway's error pages (<html lang="…">).
                 tr("en"));
    respond(status, extraFields, html.toUtf8(), close);
}

// ---------------------------------------------------------------------------------------
// Sockets and lifetime

void GatewayConnection::connectUpstream()
{
    m_upstream = new QTcpSocket(this);
    m_upstream->setReadBufferSize(ReadBufferSize);
    connect(m_upstream, &QTcpSocket::connected, this, &GatewayConnection::onUpstreamConnected);
    connect(m_upstream, &QTcpSocket::readyRead, this, &GatewayConnection::onActivity);
    connect(m_upstream, &QTcpSocket::bytesWritten, this, &GatewayConnection::onActivity);
    connect(m_upstream, &QTcpSocket::disconnected, this, &GatewayConnection::onActivity);
    connect(m_upstream, &QTcpSocket::errorOccurred, this, &GatewayConnection::onActivity);
    m_upstreamExchanges = 0;
    m_upstream->connectToHost(QHostAddress(QHostAddress::LocalHost), m_ctx.upstreamPort);
}

void GatewayConnection::dropUpstream()
{
    m_upstreamIn.clear();
    if (!m_upstream)
        return;
    QTcpSocket *socket = std::exchange(m_upstream, nullptr);
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

void GatewayConnection::closeGracefully(bool flushUpstream)
{
    if (m_closing || m_finished)
        return;
    m_closing = true;
    m_request = RequestState::Stopped;
    m_response = ResponseState::Stopped;
    m_exchange.upstreamHead.clear();
    if (m_upstream) {
        if (flushUpstream)
            m_upstream->disconnectFromHost();
        else
            dropUpstream();
    }
    m_client->disconnectFromHost();
    checkClosed();
}

void GatewayConnection::closeNow()
{
    if (m_finished)
        return;
    m_closing = true;
    m_request = RequestState::Stopped;
    m_response = ResponseState::Stopped;
    dropUpstream();
    m_client->abort();
    finish();
}

void GatewayConnection::checkClosed()
{
    if (m_finished || !m_closing)
        return;
    const bool clientGone = m_client->state() == QAbstractSocket::UnconnectedState;
    const bool upstreamGone =
        !m_upstream || m_upstream->state() == QAbstractSocket::UnconnectedState;
    if (clientGone && upstreamGone)
        finish();
}

void GatewayConnection::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    m_exchange = Exchange();
    m_clientIn.clear();
    m_upstreamIn.clear();
    qCDebug(lcGateway) << "connection" << m_id << "closed";
    Q_EMIT finished();
}

void GatewayConnection::noteBuffered()
{
    qint64 bytes = m_clientIn.size() + m_upstreamIn.size() + m_client->bytesToWrite() +
                   m_client->bytesAvailable();
    if (m_upstream)
        bytes += m_upstream->bytesToWrite() + m_upstream->bytesAvailable();
    m_ctx.noteBuffered(bytes);
}

// ---------------------------------------------------------------------------------------
// Timeouts: one timer, armed for the limit of the current phase and checked against the
// time of the last socket activity when it fires (cheaper than restarting it on every read).

milliseconds GatewayConnection::currentTimeout() const
{
    const WebGateway::Timeouts &t = m_ctx.timeouts;
    if (m_closing)
        return t.idle;
    if (m_request == RequestState::Tunnel) {
        const bool stuck = m_client->bytesToWrite() > 0 ||
                           (m_upstream && m_upstream->bytesToWrite() > 0) ||
                           !m_clientIn.isEmpty() || !m_upstreamIn.isEmpty();
        return stuck ? t.transfer : t.tunnelIdle;
    }
    if (m_upstream && m_response == ResponseState::Head &&
        (m_upstream->state() == QAbstractSocket::ConnectingState ||
         m_upstream->state() == QAbstractSocket::HostLookupState))
        return t.connect;
    if (m_request == RequestState::Head && m_response == ResponseState::Idle)
        return t.idle;
    return t.transfer;
}

std::chrono::steady_clock::time_point GatewayConnection::currentDeadline() const
{
    using Clock = std::chrono::steady_clock;
    const milliseconds timeout = currentTimeout();
    Clock::time_point deadline =
        timeout > 0ms ? m_lastActivity + timeout : Clock::time_point::max();
    // A head has a deadline of its own, from its first byte: a steady trickle of bytes
    // keeps the connection active but does not keep it.
    if (m_headPending && !m_closing && m_request == RequestState::Head &&
        m_response == ResponseState::Idle && m_ctx.timeouts.head > 0ms)
        deadline = std::min(deadline, m_headStarted + m_ctx.timeouts.head);
    return deadline;
}

void GatewayConnection::armTimer()
{
    const auto deadline = currentDeadline();
    if (deadline == std::chrono::steady_clock::time_point::max()) {
        m_timer.stop();
        return;
    }
    // Restarting a timer costs more than the rest of a small request, so a timer that fires
    // no later than needed is left alone; onTimer() re-arms it if there was activity since.
    if (m_timer.isActive() && m_timerDeadline <= deadline)
        return;
    m_timerDeadline = deadline;
    const auto left = std::chrono::ceil<milliseconds>(deadline - std::chrono::steady_clock::now());
    m_timer.start(std::max(left, 1ms));
}

void GatewayConnection::onTimer()
{
    const auto deadline = currentDeadline();
    if (deadline == std::chrono::steady_clock::time_point::max())
        return;
    if (std::chrono::steady_clock::now() < deadline) {
        armTimer();
        return;
    }

    qCDebug(lcGateway) << "connection" << m_id << "timed out";
    if (m_closing || m_request == RequestState::Tunnel) {
        closeNow();
    } else if (m_request == RequestState::Head && m_response == ResponseState::Idle) {
        if (m_clientIn.isEmpty()) {
            closeNow(); // idle keep-alive connection
        } else {
            m_exchange = Exchange();
            respondPage(408, tr("Request timeout"), tr("The request did not arrive in time."),
                        true);
        }
    } else if (!m_exchange.responseStarted) {
        const bool connecting =
            m_upstream && m_upstream->state() != QAbstractSocket::ConnectedState;
        dropUpstream();
        if (connecting && m_ctx.upstreamUnreachable)
            m_ctx.upstreamUnreachable();
        respondPage(504, tr("OpenCode did not answer"),
                    tr("The OpenCode server of this sandbox did not answer in time."), true);
    } else {
        closeNow();
    }
    if (!m_finished)
        armTimer(); // bounds the graceful close too
}

} // namespace ocs::gateway
