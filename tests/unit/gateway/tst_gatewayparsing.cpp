// Unit tests of the gateway's building blocks: head parser, chunked framing, request policy
// and token/session store.

#include "gateway/chunkeddecoder.h"
#include "gateway/gatewayauth.h"
#include "gateway/gatewaypolicy.h"
#include "gateway/httpheadparser.h"
#include "gateway/peercredentials.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <thread>

using namespace ocs::gateway;
using namespace std::chrono_literals;

namespace {

HttpHead parseRequest(const QByteArray &text)
{
    HttpHeadParser parser(HttpHeadParser::Kind::Request);
    QByteArray buffer = text;
    if (parser.parse(buffer) != HttpHeadParser::Status::Complete)
        return {};
    return parser.head();
}

} // namespace

class TestGatewayParsing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headByteByByte()
    {
        const QByteArray text = "\r\nPOST /a/b?c=d HTTP/1.1\r\nHost: x:1\r\nX-Multi: a, b\r\n"
                                "x-multi: C\r\nEmpty:\r\n\r\nBODY";
        HttpHeadParser parser(HttpHeadParser::Kind::Request);
        QByteArray buffer;
        HttpHeadParser::Status status = HttpHeadParser::Status::NeedMoreData;
        qsizetype fed = 0;
        while (status == HttpHeadParser::Status::NeedMoreData && fed < text.size()) {
            buffer += text[fed++];
            status = parser.parse(buffer);
        }
        // Complete exactly at the end of the blank line; the rest is left alone.
        QCOMPARE(status, HttpHeadParser::Status::Complete);
        QCOMPARE(text.mid(fed), QByteArray("BODY"));
        QVERIFY(buffer.isEmpty());
        const HttpHead &head = parser.head();
        QCOMPARE(head.method, QByteArray("POST"));
        QCOMPARE(head.target, QByteArray("/a/b?c=d"));
        QVERIFY(head.isHttp11());
        QCOMPARE(head.value("host"), QByteArray("x:1"));
        QCOMPARE(head.count("x-multi"), 2);
        QCOMPARE(head.tokens("x-multi"), (QList<QByteArray>{"a", "b", "c"}));
        QVERIFY(head.hasToken("x-multi", "c"));
        QVERIFY(!head.value("empty").isNull());
        QVERIFY(head.value("empty").isEmpty());
        QVERIFY(head.value("absent").isNull());
    }

    void headBareLineFeeds()
    {
        const HttpHead head = parseRequest("GET / HTTP/1.0\nHost: a\n\n");
        QCOMPARE(head.method, QByteArray("GET"));
        QVERIFY(head.isHttp10());
        QCOMPARE(head.value("host"), QByteArray("a"));
    }

    void responseHead()
    {
        HttpHeadParser parser(HttpHeadParser::Kind::Response);
        QByteArray buffer = "HTTP/1.1 204 No Content\r\nA: b\r\n\r\nHTTP/1.1 200\r\n\r\n";
        QCOMPARE(parser.parse(buffer), HttpHeadParser::Status::Complete);
        QCOMPARE(parser.head().statusCode, 204);
        QCOMPARE(parser.head().statusLine, QByteArray("HTTP/1.1 204 No Content"));
        parser.reset();
        QCOMPARE(parser.parse(buffer), HttpHeadParser::Status::Complete);
        QCOMPARE(parser.head().statusCode, 200);
        QVERIFY(parser.head().fields.isEmpty());
        QVERIFY(buffer.isEmpty());
    }

    void malformedHeads_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("request");
        QTest::newRow("two spaces") << QByteArray("GET  / HTTP/1.1\r\n\r\n") << true;
        QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << true;
        QTest::newRow("bad version") << QByteArray("GET / HTTP/one\r\n\r\n") << true;
        QTest::newRow("space in name") << QByteArray("GET / HTTP/1.1\r\nA b: c\r\n\r\n") << true;
        QTest::newRow("space before colon")
            << QByteArray("GET / HTTP/1.1\r\nHost : c\r\n\r\n") << true;
        QTest::newRow("folding") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n\tc\r\n\r\n") << true;
        QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nAb\r\n\r\n") << true;
        QTest::newRow("bare cr") << QByteArray("GET / HTTP/1.1\r\nA: b\rc\r\n\r\n") << true;
        static const char withNul[] = "GET / HTTP/1.1\r\nA: b\0c\r\n\r\n";
        QTest::newRow("nul") << QByteArray(withNul, sizeof(withNul) - 1) << true;
        QTest::newRow("control in target") << QByteArray("GET /\x01 HTTP/1.1\r\n\r\n") << true;
        QTest::newRow("del in value") << QByteArray("GET / HTTP/1.1\r\nA: b\x7f\r\n\r\n") << true;
        QTest::newRow("escape in value")
            << QByteArray("GET / HTTP/1.1\r\nA: b\x1b[0m\r\n\r\n") << true;
        QTest::newRow("del in name") << QByteArray("GET / HTTP/1.1\r\nA\x7f: b\r\n\r\n") << true;
        QTest::newRow("bad status") << QByteArray("HTTP/1.1 2x0 OK\r\n\r\n") << false;
        QTest::newRow("short status") << QByteArray("HTTP/1.1 20\r\n\r\n") << false;
        QTest::newRow("not http") << QByteArray("ICY 200 OK\r\n\r\n") << false;
    }

    void malformedHeads()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, request);
        HttpHeadParser parser(request ? HttpHeadParser::Kind::Request
                                      : HttpHeadParser::Kind::Response);
        QCOMPARE(parser.parse(text), HttpHeadParser::Status::Error);
        QVERIFY(!parser.headTooLarge());
        QVERIFY(qstrlen(parser.errorReason()) > 0);
    }

    void headTooLarge()
    {
        HttpHeadParser parser(HttpHeadParser::Kind::Request, 1024);
        QByteArray buffer = "GET / HTTP/1.1\r\nX: " + QByteArray(2000, 'a');
        QCOMPARE(parser.parse(buffer), HttpHeadParser::Status::Error);
        QVERIFY(parser.headTooLarge());
    }

    void chunkedPayloadAndBoundary()
    {
        const QByteArray body =
            "5;name=value\r\nhello\r\n0a\r\n0123456789\r\n0\r\nTrailer: x\r\n\r\n";
        const QByteArray next = "GET /next HTTP/1.1\r\n";
        const QByteArray stream = body + next;
        // Whole, and split at every position.
        for (qsizetype split = 0; split <= stream.size(); ++split) {
            ChunkedDecoder decoder;
            QByteArray payload;
            const qsizetype a = decoder.feed(stream.constData(), split, &payload);
            QVERIFY(a >= 0);
            qsizetype consumed = a;
            if (!decoder.isDone()) {
                QCOMPARE(a, split);
                const qsizetype b =
                    decoder.feed(stream.constData() + split, stream.size() - split, &payload);
                QVERIFY(b >= 0);
                consumed += b;
            }
            QVERIFY(decoder.isDone());
            QCOMPARE(consumed, body.size());
            QCOMPARE(payload, QByteArray("hello0123456789"));
        }
    }

    void chunkedByteByByte()
    {
        const QByteArray body = "3\r\nabc\r\n0\r\n\r\n";
        ChunkedDecoder decoder;
        QByteArray payload;
        for (char c : body) {
            QVERIFY(!decoder.isDone());
            QCOMPARE(decoder.feed(&c, 1, &payload), qsizetype(1));
        }
        QVERIFY(decoder.isDone());
        QCOMPARE(payload, QByteArray("abc"));
        const char extra = 'x';
        QCOMPARE(decoder.feed(&extra, 1), qsizetype(0));
    }

    void chunkedMalformed_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("no digits") << QByteArray("\r\nabc\r\n");
        QTest::newRow("not hex") << QByteArray("xyz\r\n");
        QTest::newRow("missing crlf after data") << QByteArray("3\r\nabcd\r\n");
        QTest::newRow("overflow") << QByteArray("ffffffffffffffffff\r\n");
        QTest::newRow("cr without lf") << QByteArray("3\rabc");
        QTest::newRow("negative") << QByteArray("-1\r\n");
        QTest::newRow("endless extension") << QByteArray("1;" + QByteArray(5000, 'a'));
    }

    void chunkedMalformed()
    {
        QFETCH(QByteArray, body);
        ChunkedDecoder decoder;
        QCOMPARE(decoder.feed(body.constData(), body.size()), qsizetype(-1));
        QVERIFY(decoder.hasError());
        QCOMPARE(decoder.feed("0\r\n\r\n", 5), qsizetype(-1)); // stays failed
    }

    void bodyFramer()
    {
        BodyFramer none = BodyFramer::none();
        QVERIFY(none.isComplete());
        QVERIFY(BodyFramer::length(0).isComplete());

        BodyFramer length = BodyFramer::length(5);
        QCOMPARE(length.remaining(), qint64(5));
        QCOMPARE(length.consume("abc", 3), qsizetype(3));
        QVERIFY(!length.isComplete());
        QCOMPARE(length.consume("defgh", 5), qsizetype(2));
        QVERIFY(length.isComplete());

        BodyFramer untilClose = BodyFramer::untilClose();
        QCOMPARE(untilClose.consume("abc", 3), qsizetype(3));
        QVERIFY(!untilClose.isComplete());
        QCOMPARE(untilClose.remaining(), qint64(-1));

        BodyFramer chunked = BodyFramer::chunked();
        QCOMPARE(chunked.consume("1\r\na\r\n0\r\n\r\nGET", 14), qsizetype(11));
        QVERIFY(chunked.isComplete());
    }

    void hostAndOriginPolicy()
    {
        const auto hosts = policy::allowedHosts(4242);
        const auto origins = policy::allowedOrigins(4242);
        QVERIFY(policy::isAllowedHost(
            parseRequest("GET / HTTP/1.1\r\nHost: 127.0.0.1:4242\r\n\r\n"), hosts));
        QVERIFY(policy::isAllowedHost(
            parseRequest("GET / HTTP/1.1\r\nHost: LOCALHOST:4242\r\n\r\n"), hosts));
        QVERIFY(!policy::isAllowedHost(
            parseRequest("GET / HTTP/1.1\r\nHost: a.example:4242\r\n\r\n"), hosts));
        QVERIFY(!policy::isAllowedHost(parseRequest("GET / HTTP/1.1\r\n\r\n"), hosts));

        QVERIFY(policy::isSameOriginRequest(parseRequest("GET / HTTP/1.1\r\n\r\n"), origins));
        QVERIFY(policy::isSameOriginRequest(
            parseRequest("GET / HTTP/1.1\r\nOrigin: http://localhost:4242\r\n\r\n"), origins));
        QVERIFY(!policy::isSameOriginRequest(
            parseRequest("GET / HTTP/1.1\r\nOrigin: https://127.0.0.1:4242\r\n\r\n"), origins));
        QVERIFY(!policy::isSameOriginRequest(
            parseRequest("GET / HTTP/1.1\r\nSec-Fetch-Site: Cross-Site\r\n\r\n"), origins));
        QVERIFY(policy::isSameOriginRequest(
            parseRequest("GET / HTTP/1.1\r\nSec-Fetch-Site: none\r\n\r\n"), origins));
    }

    void sanitizeNextPath_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("root") << QByteArray("/") << QByteArray("/");
        QTest::newRow("path and query")
            << QByteArray("/s/1?a=b&c=%20") << QByteArray("/s/1?a=b&c=%20");
        QTest::newRow("fragment") << QByteArray("/a#b") << QByteArray("/a#b");
        QTest::newRow("empty") << QByteArray() << QByteArray("/");
        QTest::newRow("relative") << QByteArray("a/b") << QByteArray("/");
        QTest::newRow("absolute url") << QByteArray("http://evil/") << QByteArray("/");
        QTest::newRow("double slash") << QByteArray("//evil/") << QByteArray("/");
        QTest::newRow("slash backslash") << QByteArray("/\\evil/") << QByteArray("/");
        QTest::newRow("backslash later") << QByteArray("/a\\b") << QByteArray("/");
        QTest::newRow("gateway endpoint") << QByteArray("/__ocs/login?token=x") << QByteArray("/");
        QTest::newRow("tab") << QByteArray("/\t/evil") << QByteArray("/%09/evil");
        QTest::newRow("newline") << QByteArray("/a\r\nb") << QByteArray("/a%0D%0Ab");
        QTest::newRow("space and utf-8")
            << QByteArray("/a b\xc3\xa9") << QByteArray("/a%20b%C3%A9");
    }

    void sanitizeNextPath()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        QCOMPARE(policy::sanitizeNextPath(input), expected);
    }

    void cookies()
    {
        const HttpHead head = parseRequest("GET / HTTP/1.1\r\nCookie: a=1; s=old;b=2\r\n"
                                           "Cookie: s=new\r\n\r\n");
        QCOMPARE(policy::cookieValues(head, "s"), (QList<QByteArray>{"old", "new"}));
        QVERIFY(policy::cookieValues(head, "x").isEmpty());
        QCOMPARE(policy::removeCookie("a=1; s=old;b=2", "s"), QByteArray("a=1; b=2"));
        QCOMPARE(policy::removeCookie("s=1", "s"), QByteArray());
        QCOMPARE(policy::removeCookie("ss=1; s=2", "s"), QByteArray("ss=1"));
        QCOMPARE(policy::setCookieName("s=v; Path=/"), QByteArray("s"));
        QCOMPARE(policy::removeSessionCookies("a=1; ocs_session_4711=x;ocs_session_80=y; b=2"),
                 QByteArray("a=1; b=2"));
        QCOMPARE(policy::removeSessionCookies("ocs_session_1=x"), QByteArray());
        QCOMPARE(policy::removeSessionCookies("my_ocs_session_1=x"),
                 QByteArray("my_ocs_session_1=x"));
        QVERIFY(policy::isSessionCookieName("ocs_session_"));
        QVERIFY(!policy::isSessionCookieName("OCS_SESSION_1"));
    }

    void queryValues()
    {
        QCOMPARE(policy::queryValue("/p?token=ab-_c&next=%2Fx%3Fy%3D1", "token"),
                 QByteArray("ab-_c"));
        QCOMPARE(policy::queryValue("/p?token=ab-_c&next=%2Fx%3Fy%3D1", "next"),
                 QByteArray("/x?y=1"));
        QVERIFY(policy::queryValue("/p?tokens=1", "token").isNull());
        QVERIFY(policy::queryValue("/p", "token").isNull());
        QCOMPARE(policy::targetPath("/p?x"), QByteArrayView("/p"));
    }

    void tokensAreSingleUseAndExpire()
    {
        GatewayAuth auth;
        const QByteArray a = auth.issueToken();
        const QByteArray b = auth.issueToken();
        QVERIFY(a != b);
        QVERIFY(a.size() >= 43);
        QVERIFY(!auth.redeemToken("nonsense"));
        QVERIFY(!auth.redeemToken(QByteArray()));
        QVERIFY(auth.redeemToken(a));
        QVERIFY(!auth.redeemToken(a));
        QCOMPARE(auth.pendingTokenCount(), 1);

        auth.setTokenLifetime(20ms);
        const QByteArray c = auth.issueToken();
        std::this_thread::sleep_for(50ms);
        QVERIFY(!auth.redeemToken(c));
        QVERIFY(auth.redeemToken(b)); // issued under the 60 s lifetime

        auth.setTokenLifetime(std::chrono::hours(1));
        QCOMPARE(auth.tokenLifetime(), GatewayAuth::MaxTokenLifetime);

        // Bounded: old tokens make room for new ones.
        const QByteArray oldest = auth.issueToken();
        for (int i = 0; i < GatewayAuth::MaxPendingTokens; ++i)
            auth.issueToken();
        QCOMPARE(auth.pendingTokenCount(), GatewayAuth::MaxPendingTokens);
        QVERIFY(!auth.redeemToken(oldest));
    }

    void sessions()
    {
        GatewayAuth auth;
        const QByteArray s = auth.createSession();
        QVERIFY(s.size() >= 43);
        QVERIFY(auth.isValidSession(s));
        QVERIFY(!auth.isValidSession(s.left(s.size() - 1)));
        QVERIFY(!auth.isValidSession(QByteArray()));
        for (int i = 0; i < GatewayAuth::MaxSessions; ++i)
            auth.createSession();
        QVERIFY(!auth.isValidSession(s)); // the oldest was dropped
        QCOMPARE(auth.sessionCount(), GatewayAuth::MaxSessions);
        auth.clearSessions();
        QCOMPARE(auth.sessionCount(), 0);
    }
    // Sessions end after an idle time and after an absolute lifetime (a test clock).
    void sessionsExpire()
    {
        GatewayAuth auth;
        auto now = GatewayAuth::Clock::now();
        auth.setTimeSource([&now] { return now; });
        auth.setSessionLifetimes(10min, 60min);
        QCOMPARE(auth.sessionMaxAge(), 60min);
        const QByteArray s = auth.createSession();
        now += 9min;
        QVERIFY(auth.isValidSession(s)); // used: the idle time starts again
        now += 9min;
        QVERIFY(auth.isValidSession(s));
        now += 11min;
        QVERIFY(!auth.isValidSession(s)); // idle too long
        QVERIFY(!auth.isValidSession(s)); // and gone for good

        const QByteArray busy = auth.createSession();
        for (int i = 1; i <= 13; ++i) { // used every 5 minutes: never idle, still ends
            now += 5min;
            QCOMPARE(auth.isValidSession(busy), i * 5 < 60);
        }
        // Login tokens follow the same clock.
        const QByteArray token = auth.issueToken();
        now += GatewayAuth::MaxTokenLifetime + 1ms;
        QVERIFY(!auth.redeemToken(token));
    }

    // The owner of the client end of a loopback connection, from recorded /proc/net/tcp text.
    void procNetTcpOwner()
    {
        // 127.0.0.1:43210 -> 127.0.0.1:8080 (uid 1000), the server's end (uid 0), a listener,
        // and a connection of uid 65534 from port 43211.
        const QByteArray tcp =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
            "timeout inode\n"
            "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0 "
            "       0 1090 1 0000000000000000 100 0 0 10 0\n"
            "   1: 0100007F:A8CA 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000 "
            "       0 5001 1 0000000000000000 20 4 30 10 -1\n"
            "   2: 0100007F:1F90 0100007F:A8CA 01 00000000:00000000 00:00000000 00000000     0 "
            "       0 5002 1 0000000000000000 20 4 30 10 -1\n"
            "   3: 0100007F:A8CB 0100007F:1F90 01 00000000:00000000 00:00000000 00000000 65534 "
            "       0 5003 1 0000000000000000 20 4 30 10 -1\n";
        const QHostAddress lo(QHostAddress::LocalHost);
        QCOMPARE(peercred::findSocketOwner(tcp, lo, 43210, lo, 8080), std::optional<uint>(1000));
        QCOMPARE(peercred::findSocketOwner(tcp, lo, 43211, lo, 8080), std::optional<uint>(65534));
        // The server's own end of the connection is not the peer's socket.
        QCOMPARE(peercred::findSocketOwner(tcp, lo, 8080, lo, 43210), std::optional<uint>(0));
        QVERIFY(!peercred::findSocketOwner(tcp, lo, 43212, lo, 8080)); // unknown: no owner
        QVERIFY(!peercred::findSocketOwner(tcp, lo, 43210, lo, 8081)); // another server
        QVERIFY(!peercred::findSocketOwner(tcp, QHostAddress(QStringLiteral("127.0.0.2")), 43210,
                                           lo, 8080));

        // IPv4-mapped and IPv6 loopback in tcp6.
        const QByteArray tcp6 =
            "  sl  local_address                         remote_address                        "
            "st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
            "   0: 0000000000000000FFFF00000100007F:A8CA 0000000000000000FFFF00000100007F:1F90 01 "
            "00000000:00000000 00:00000000 00000000  1001        0 6001 1 0 20 4 30 10 -1\n"
            "   1: 00000000000000000000000001000000:A8CB 00000000000000000000000001000000:1F90 01 "
            "00000000:00000000 00:00000000 00000000  1002        0 6002 1 0 20 4 30 10 -1\n";
        QCOMPARE(peercred::findSocketOwner(tcp6, lo, 43210, lo, 8080), std::optional<uint>(1001));
        const QHostAddress lo6(QHostAddress::LocalHostIPv6);
        QCOMPARE(peercred::findSocketOwner(tcp6, lo6, 43211, lo6, 8080), std::optional<uint>(1002));
        QVERIFY(!peercred::findSocketOwner("garbage\n   0: zz:zz\n", lo, 1, lo, 2));
    }

    // The live lookup finds this process's own connection.
    void ownConnectionOwner()
    {
#ifndef Q_OS_LINUX
        QSKIP("Linux only");
#endif
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress(QHostAddress::LocalHost)));
        QTcpSocket client;
        client.connectToHost(QHostAddress(QHostAddress::LocalHost), server.serverPort());
        QVERIFY(server.waitForNewConnection(5000));
        QTcpSocket *accepted = server.nextPendingConnection();
        QVERIFY(accepted);
        QCOMPARE(peercred::peerUid(*accepted), peercred::ownUid());
    }
};

QTEST_GUILESS_MAIN(TestGatewayParsing)
#include "tst_gatewayparsing.moc"
