#include "gateway/peercredentials.h"
#include "gateway/webgateway.h"

#include "gatewaytesthelpers.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUrlQuery>

#include <QElapsedTimer>

#include <memory>
#include <vector>

using namespace testhttp;
using namespace std::chrono_literals;

namespace {

const QByteArray User = "opencode";
const QByteArray Password = "Zq7v-Kp2m_Xw9r-Lt4n_Hb6c-Jd8f_Gs3k-Ny5p_Qe1a-Vu0z"; // 48 chars

// Everything logged while a test runs (to prove that no secret ends up in a log).
QStringList g_logged;
QtMessageHandler g_previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_logged.append(message);
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

// A redirect target a browser can only resolve to a path on the same origin.
bool isLocalPath(const QByteArray &location)
{
    if (!location.startsWith('/') || location.startsWith("//") || location.contains('\\'))
        return false;
    for (char c : location) {
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f)
            return false;
    }
    return true;
}

QByteArray requestTarget(const QUrl &url)
{
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    return target;
}

} // namespace

class TestWebGateway : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeUpstream> m_upstream;
    std::unique_ptr<ocs::WebGateway> m_gateway;

    QByteArray host() const { return "127.0.0.1:" + QByteArray::number(m_gateway->port()); }
    QByteArray origin() const { return "http://" + host(); }

    QByteArray get(const QByteArray &target, const QByteArray &fields = {}) const
    {
        return "GET " + target + " HTTP/1.1\r\nHost: " + host() + "\r\n" + fields + "\r\n";
    }

    // Logs in on `client` (a fresh connection if null) and returns "name=value".
    QByteArray login(Client *client = nullptr)
    {
        std::unique_ptr<Client> own;
        if (!client) {
            own = std::make_unique<Client>(m_gateway->port());
            client = own.get();
        }
        const QUrl url = m_gateway->createLoginUrl();
        client->send(get(requestTarget(url), "Sec-Fetch-Site: none\r\n"));
        const auto r = client->read();
        if (!r || r->status != 303)
            return {};
        const QByteArray setCookie = r->header("set-cookie");
        return setCookie.left(setCookie.indexOf(';'));
    }

    QByteArray cookieField(const QByteArray &cookie) const { return "Cookie: " + cookie + "\r\n"; }

private Q_SLOTS:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("ocs.gateway.debug=true"));
    }

    void init()
    {
        m_upstream = std::make_unique<FakeUpstream>(User, Password);
        QVERIFY(m_upstream->port() != 0);
        m_gateway = std::make_unique<ocs::WebGateway>(ocs::WebGateway::Upstream{
            m_upstream->port(), QString::fromLatin1(User), QString::fromLatin1(Password)});
        QVERIFY2(m_gateway->listen(), qPrintable(m_gateway->errorString()));
    }

    void cleanup()
    {
        m_gateway.reset();
        m_upstream.reset();
    }

    // --- login -----------------------------------------------------------------------

    void loginUrlShape()
    {
        const QUrl url = m_gateway->createLoginUrl(QStringLiteral("/session/abc?x=1"));
        QCOMPARE(url.scheme(), QStringLiteral("http"));
        QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(url.port(), int(m_gateway->port()));
        QCOMPARE(url.path(), QStringLiteral("/__ocs/login"));
        const QUrlQuery query(url);
        const QString token = query.queryItemValue(QStringLiteral("token"));
        QVERIFY(token.size() >= 43); // 256 bits of base64url
        for (QChar c : token)
            QVERIFY(c.isLetterOrNumber() || c == u'-' || c == u'_');
        QCOMPARE(query.queryItemValue(QStringLiteral("next"), QUrl::FullyDecoded),
                 QStringLiteral("/session/abc?x=1"));
        QVERIFY(!url.toString().contains(QString::fromLatin1(Password)));
        // Every URL has a new token.
        QVERIFY(QUrlQuery(m_gateway->createLoginUrl()).queryItemValue(QStringLiteral("token")) !=
                token);
    }

    void loginSetsCookieAndRedirects()
    {
        Client client(m_gateway->port());
        const QUrl url = m_gateway->createLoginUrl(QStringLiteral("/session/abc?x=1"));
        client.send(
            get(requestTarget(url), "Sec-Fetch-Site: none\r\nSec-Fetch-Mode: navigate\r\n"));
        const auto r = client.read();
        QVERIFY(r);
        QCOMPARE(r->status, 303);
        QCOMPARE(r->header("location"), QByteArray("/session/abc?x=1"));
        QVERIFY(!r->header("location").contains("token"));

        const QByteArray setCookie = r->header("set-cookie");
        const QList<QByteArray> attributes = setCookie.split(';');
        const QByteArray pair = attributes.first().trimmed();
        const QByteArray expectedName = "ocs_session_" + QByteArray::number(m_gateway->port());
        QCOMPARE(pair.left(pair.indexOf('=')), expectedName);
        QCOMPARE(m_gateway->cookieName(), QString::fromLatin1(expectedName));
        QVERIFY(pair.mid(pair.indexOf('=') + 1).size() >= 22); // >= 128 bits
        QStringList attrs;
        for (const QByteArray &a : attributes.mid(1))
            attrs.append(QString::fromLatin1(a.trimmed()).toLower());
        QVERIFY(attrs.contains(QStringLiteral("httponly")));
        QVERIFY(attrs.contains(QStringLiteral("samesite=strict")));
        QVERIFY(attrs.contains(QStringLiteral("path=/")));

        // The cookie opens the UI, on the same connection.
        client.send(get("/session/abc?x=1", cookieField(pair)));
        const auto page = client.read();
        QVERIFY(page);
        QCOMPARE(page->status, 200);
        QCOMPARE(page->body, QByteArray("hello /session/abc?x=1"));
    }

    // The browser is opened on a local file that forwards to the sign-in URL (finding 3: no
    // token on a command line), so the sign-in request comes cross-site (from file://). It
    // still signs in, then goes on with a same-origin navigation (so the SameSite=Strict
    // cookie is sent); the page it lands on is not relayed cross-site.
    void signInFromALocalFile()
    {
        const QUrl url = m_gateway->createLoginUrl(QStringLiteral("/session/x"));
        Client client(m_gateway->port());
        client.send(get(requestTarget(url), "Sec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: "
                                            "navigate\r\nSec-Fetch-Dest: document\r\n"));
        const auto r = client.read();
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QVERIFY(r->header("set-cookie").startsWith(m_gateway->cookieName().toLatin1() + '='));
        QVERIFY2(r->body.contains("<meta http-equiv=\"refresh\" content=\"0;url=/session/x\">"),
                 r->body.constData());
        QVERIFY(r->header("location").isEmpty());
        // Anything else cross-site is still refused, with the new cookie too.
        const QByteArray setCookie = r->header("set-cookie");
        client.send(get("/session/x", "Sec-Fetch-Site: cross-site\r\n" +
                                          cookieField(setCookie.left(setCookie.indexOf(';')))));
        const auto other = client.read();
        QVERIFY(other);
        QCOMPARE(other->status, 403);
        QCOMPARE(m_upstream->requests.size(), 0);
    }

    void tokenIsSingleUse()
    {
        const QUrl url = m_gateway->createLoginUrl();
        Client first(m_gateway->port());
        first.send(get(requestTarget(url)));
        const auto r1 = first.read();
        QVERIFY(r1);
        QCOMPARE(r1->status, 303);

        Client second(m_gateway->port());
        second.send(get(requestTarget(url)));
        const auto r2 = second.read();
        QVERIFY(r2);
        QCOMPARE(r2->status, 401);
        QVERIFY(r2->header("set-cookie").isEmpty());
    }

    void tokenExpires()
    {
        m_gateway->setTokenLifetime(100ms);
        const QUrl url = m_gateway->createLoginUrl();
        QTest::qWait(300);
        Client client(m_gateway->port());
        client.send(get(requestTarget(url)));
        const auto r = client.read();
        QVERIFY(r);
        QCOMPARE(r->status, 401);
        QVERIFY(r->header("set-cookie").isEmpty());

        // A fresh one within its lifetime works.
        m_gateway->setTokenLifetime(5s);
        QVERIFY(!login().isEmpty());
    }

    void forgedTokenRefused()
    {
        Client client(m_gateway->port());
        client.send(get("/__ocs/login?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&next=/"));
        const auto r = client.read();
        QVERIFY(r);
        QCOMPARE(r->status, 401);
        QVERIFY(r->header("set-cookie").isEmpty());
    }

    void loginRedirectStaysLocal_data()
    {
        QTest::addColumn<QByteArray>("next");
        QTest::newRow("scheme") << QByteArray("https://evil.example/");
        QTest::newRow("protocol-relative") << QByteArray("//evil.example/x");
        QTest::newRow("backslash") << QByteArray("/\\evil.example");
        QTest::newRow("relative") << QByteArray("evil.example");
        QTest::newRow("tab trick") << QByteArray("/\t/evil.example");
        QTest::newRow("crlf injection") << QByteArray("/x\r\nSet-Cookie: a=b");
    }

    void loginRedirectStaysLocal()
    {
        QFETCH(QByteArray, next);
        QUrlQuery query(m_gateway->createLoginUrl());
        const QByteArray token = query.queryItemValue(QStringLiteral("token")).toLatin1();
        Client client(m_gateway->port());
        client.send(get("/__ocs/login?token=" + token + "&next=" + next.toPercentEncoding()));
        const auto r = client.read();
        QVERIFY(r);
        QCOMPARE(r->status, 303);
        const QByteArray location = r->header("location");
        QVERIFY2(isLocalPath(location), location.constData());
        QVERIFY(r->head.values("set-cookie").size() == 1);

        // The caller's path is sanitized the same way.
        const QUrl url = m_gateway->createLoginUrl(QString::fromLatin1(next));
        const QByteArray sanitized = QByteArray::fromPercentEncoding(
            url.query(QUrl::FullyEncoded).toLatin1().split('=').last());
        QVERIFY2(isLocalPath(sanitized), sanitized.constData());
    }

    // --- refusals --------------------------------------------------------------------

    void noCookieGets401()
    {
        Client client(m_gateway->port());
        client.send(get("/"));
        auto r = client.read();
        QVERIFY(r);
        QCOMPARE(r->status, 401);
        QVERIFY(r->header("content-type").startsWith("text/html"));
        QVERIFY(r->body.contains("Open web UI"));
        QVERIFY(!r->header("www-authenticate").toLower().startsWith("basic"));

        // A made-up cookie, on the same (kept-alive) connection.
        client.send(get("/", cookieField("ocs_session_" + QByteArray::number(m_gateway->port()) +
                                         "=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")));
        r = client.read();
        QVERIFY(r);
        QCOMPARE(r->status, 401);
        QCOMPARE(m_upstream->requests.size(), 0);
    }

    // Browsers fetch <link rel="manifest"> without cookies: that one public file is relayed
    // without a session (with the upstream's credentials), nothing else is.
    void manifestWithoutSession()
    {
        Client client(m_gateway->port());
        client.send(get("/site.webmanifest", "Sec-Fetch-Site: same-origin\r\n"
                                             "Sec-Fetch-Dest: manifest\r\n"));
        auto r = client.read();
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(m_upstream->requests.size(), 1);
        QCOMPARE(m_upstream->requests.first().head.values("authorization"),
                 QList<QByteArray>{m_upstream->acceptedAuthorization()});

        for (const QByteArray &request :
             {get("/site.webmanifest?x=1"), get("/site.webmanifest/"), get("/site.webmanifest%00"),
              get("/x/../site.webmanifest"),
              QByteArray("POST /site.webmanifest HTTP/1.1\r\nHost: " + host() +
                         "\r\nContent-Length: 0\r\n\r\n")}) {
            Client other(m_gateway->port());
            other.send(request);
            r = other.read();
            QVERIFY(r);
            QVERIFY2(r->status == 401, request.constData());
        }
        Client crossSite(m_gateway->port());
        crossSite.send(get("/site.webmanifest", "Sec-Fetch-Site: cross-site\r\n"));
        r = crossSite.read();
        QVERIFY(r);
        QCOMPARE(r->status, 403);
        QCOMPARE(m_upstream->requests.size(), 1);
    }

    void wrongHostRefused_data()
    {
        QTest::addColumn<QByteArray>("hostField");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("own address") << QByteArray("Host: 127.0.0.1:%1\r\n") << true;
        QTest::newRow("localhost") << QByteArray("Host: localhost:%1\r\n") << true;
        QTest::newRow("rebinding name") << QByteArray("Host: evil.example:%1\r\n") << false;
        QTest::newRow("no port") << QByteArray("Host: 127.0.0.1\r\n") << false;
        QTest::newRow("other port") << QByteArray("Host: 127.0.0.1:1\r\n") << false;
        QTest::newRow("missing") << QByteArray() << false;
        QTest::newRow("twice") << QByteArray("Host: 127.0.0.1:%1\r\nHost: evil.example\r\n")
                               << false;
    }

    void wrongHostRefused()
    {
        QFETCH(QByteArray, hostField);
        QFETCH(bool, allowed);
        const QByteArray cookie = login();
        QVERIFY(!cookie.isEmpty());
        hostField.replace("%1", QByteArray::number(m_gateway->port()));
        Client client(m_gateway->port());
        client.send("GET /x HTTP/1.1\r\n" + hostField + cookieField(cookie) + "\r\n");
        const auto r = client.read();
        QVERIFY(r);
        if (allowed) {
            QCOMPARE(r->status, 200);
            QCOMPARE(m_upstream->requests.size(), 1);
        } else {
            QVERIFY(r->status == 421 || r->status == 403);
            QCOMPARE(m_upstream->requests.size(), 0);
        }
    }

    void crossSiteRefused_data()
    {
        QTest::addColumn<QByteArray>("fields");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("same-origin") << QByteArray("Sec-Fetch-Site: same-origin\r\n") << true;
        QTest::newRow("own origin") << QByteArray("Origin: http://127.0.0.1:%1\r\n") << true;
        QTest::newRow("typed in") << QByteArray("Sec-Fetch-Site: none\r\n") << true;
        QTest::newRow("cross-site") << QByteArray("Sec-Fetch-Site: cross-site\r\n") << false;
        QTest::newRow("same-site") << QByteArray("Sec-Fetch-Site: same-site\r\n") << false;
        QTest::newRow("foreign origin") << QByteArray("Origin: http://evil.example\r\n") << false;
        QTest::newRow("other port") << QByteArray("Origin: http://127.0.0.1:1\r\n") << false;
        QTest::newRow("null origin") << QByteArray("Origin: null\r\n") << false;
    }

    void crossSiteRefused()
    {
        QFETCH(QByteArray, fields);
        QFETCH(bool, allowed);
        const QByteArray cookie = login();
        QVERIFY(!cookie.isEmpty());
        fields.replace("%1", QByteArray::number(m_gateway->port()));
        Client client(m_gateway->port());
        client.send("POST /echo HTTP/1.1\r\nHost: " + host() + "\r\n" + fields +
                    cookieField(cookie) + "Content-Length: 4\r\n\r\nbody");
        const auto r = client.read();
        QVERIFY(r);
        QCOMPARE(r->status, allowed ? 200 : 403);
        QCOMPARE(m_upstream->requests.size(), allowed ? 1 : 0);

        // The login URL is refused too when a page of another site loads it (other than as a
        // top-level navigation: signInFromALocalFile).
        if (!allowed && fields.startsWith("Sec-Fetch-Site")) {
            Client other(m_gateway->port());
            other.send(get(requestTarget(m_gateway->createLoginUrl()),
                           fields + "Sec-Fetch-Mode: no-cors\r\nSec-Fetch-Dest: image\r\n"));
            const auto l = other.read();
            QVERIFY(l);
            QCOMPARE(l->status, 403);
            QVERIFY(l->header("set-cookie").isEmpty());
        }
    }

    void malformedRequestsRefused_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("garbage") << QByteArray("HELLO\r\n\r\n") << 400;
        QTest::newRow("absolute form")
            << QByteArray("GET http://127.0.0.1:%1/ HTTP/1.1\r\nHost: 127.0.0.1:%1\r\n\r\n") << 400;
        QTest::newRow("te and cl")
            << QByteArray("POST /echo HTTP/1.1\r\nHost: 127.0.0.1:%1\r\nContent-Length: 3\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
            << 400;
        QTest::newRow("two lengths")
            << QByteArray("POST /echo HTTP/1.1\r\nHost: 127.0.0.1:%1\r\nContent-Length: 3\r\n"
                          "Content-Length: 4\r\n\r\nabcd")
            << 400;
        QTest::newRow("gzip te")
            << QByteArray(
                   "POST /echo HTTP/1.1\r\nHost: 127.0.0.1:%1\r\nTransfer-Encoding: gzip\r\n\r\n")
            << 501;
        QTest::newRow("folded")
            << QByteArray("GET / HTTP/1.1\r\nHost: 127.0.0.1:%1\r\nX-A: b\r\n c\r\n\r\n") << 400;
        QTest::newRow("del in value")
            << QByteArray("GET / HTTP/1.1\r\nHost: 127.0.0.1:%1\r\nX-A: b\x7f\r\n\r\n") << 400;
        QTest::newRow("bad length")
            << QByteArray(
                   "POST /echo HTTP/1.1\r\nHost: 127.0.0.1:%1\r\nContent-Length: +3\r\n\r\nabc")
            << 400;
        QTest::newRow("chunked twice")
            << QByteArray("POST /echo HTTP/1.1\r\nHost: 127.0.0.1:%1\r\nTransfer-Encoding: "
                          "chunked, chunked\r\n\r\n0\r\n\r\n")
            << 501;
        QTest::newRow("http/2.0") << QByteArray("GET / HTTP/2.0\r\nHost: 127.0.0.1:%1\r\n\r\n")
                                  << 505;
        QTest::newRow("huge head") << QByteArray("GET / HTTP/1.1\r\nHost: 127.0.0.1:%1\r\nX: " +
                                                 QByteArray(100 * 1024, 'a') + "\r\n\r\n")
                                   << 431;
    }

    void malformedRequestsRefused()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        const QByteArray cookie = login();
        request.replace("%1", QByteArray::number(m_gateway->port()));
        request.replace("\r\n\r\n", "\r\n" + cookieField(cookie) + "\r\n");
        Client client(m_gateway->port());
        client.send(request);
        const auto r = client.read();
        QVERIFY(r);
        QCOMPARE(r->status, status);
        QCOMPARE(m_upstream->requests.size(), 0);
    }

    // --- relaying --------------------------------------------------------------------

    void upstreamGetsBasicAuthOnly()
    {
        const QByteArray cookie = login();
        QVERIFY(!cookie.isEmpty());
        Client client(m_gateway->port());
        client.send(get("/x", "Authorization: Basic ZXZpbDpldmls\r\n"
                              "Proxy-Authorization: Basic ZXZpbDpldmls\r\n"
                              "Cookie: theme=dark; " +
                                  cookie +
                                  "; ocs_session_1=another-gateways; lang=en\r\n"
                                  "X-Custom: kept\r\n"));
        const auto r = client.read();
        QVERIFY(r);
        QCOMPARE(r->status, 200); // the fake upstream answers 401 to anything but its own Basic
        QCOMPARE(m_upstream->requests.size(), 1);
        const Head &seen = m_upstream->requests.first().head;
        QCOMPARE(seen.values("authorization"),
                 QList<QByteArray>{m_upstream->acceptedAuthorization()});
        QVERIFY(seen.values("proxy-authorization").isEmpty());
        QCOMPARE(seen.value("cookie"), QByteArray("theme=dark; lang=en"));
        QCOMPARE(seen.value("x-custom"), QByteArray("kept"));
        QCOMPARE(seen.value("host"), host());
    }

    // Cookies are per host, not per port: the upstream may not set or delete the session
    // cookie of this gateway or of any other one on 127.0.0.1.
    void upstreamCannotSetSessionCookies()
    {
        const QByteArray cookie = login();
        Client client(m_gateway->port());
        client.send(
            get("/set-cookies?port=" + QByteArray::number(m_gateway->port()), cookieField(cookie)));
        const auto r = client.read();
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(r->head.values("set-cookie"), QList<QByteArray>{"theme=dark; Path=/"});
    }

    void upstreamRejectionIsNoBasicPrompt()
    {
        m_gateway->setUpstream(
            {m_upstream->port(), QString::fromLatin1(User), QStringLiteral("wrong-password")});
        const QByteArray cookie = login();
        Client client(m_gateway->port());
        client.send(get("/x", cookieField(cookie)));
        const auto r = client.read();
        QVERIFY(r);
        QCOMPARE(r->status, 401);
        QVERIFY(r->head.values("www-authenticate").isEmpty()); // no browser password dialog
    }

    void keepAliveSeveralRequests()
    {
        Client client(m_gateway->port());
        const QByteArray cookie = login(&client); // the login itself is on this connection
        QVERIFY(!cookie.isEmpty());
        for (int i = 0; i < 3; ++i) {
            client.send(get("/seq" + QByteArray::number(i), cookieField(cookie)));
            const auto r = client.read();
            QVERIFY(r);
            QCOMPARE(r->status, 200);
            QCOMPARE(r->body, "hello /seq" + QByteArray::number(i));
        }
        // Pipelined: two requests in one write, answered in order.
        client.send(get("/p1", cookieField(cookie)) + get("/p2", cookieField(cookie)));
        const auto p1 = client.read();
        const auto p2 = client.read();
        QVERIFY(p1 && p2);
        QCOMPARE(p1->body, QByteArray("hello /p1"));
        QCOMPARE(p2->body, QByteArray("hello /p2"));
        QVERIFY(!client.isClosed());
        QCOMPARE(m_upstream->requests.size(), 5);
        QCOMPARE(m_upstream->connectionsAccepted, 1); // one upstream connection, reused
        QCOMPARE(m_gateway->activeConnections(), 1);
    }

    void headRequestHasNoBody()
    {
        const QByteArray cookie = login();
        Client client(m_gateway->port());
        client.send("HEAD /page HTTP/1.1\r\nHost: " + host() + "\r\n" + cookieField(cookie) +
                    "\r\n");
        const auto head = client.read(5000, true);
        QVERIFY(head);
        QCOMPARE(head->status, 200);
        QCOMPARE(head->header("content-length"), QByteArray("11")); // of "hello /page"
        // Had the gateway waited for 11 body bytes, this would not get through.
        client.send(get("/after", cookieField(cookie)));
        const auto after = client.read();
        QVERIFY(after);
        QCOMPARE(after->body, QByteArray("hello /after"));
    }

    void retryWhenKeptAliveUpstreamCloses()
    {
        const QByteArray cookie = login();
        Client client(m_gateway->port());
        client.send(get("/first", cookieField(cookie)));
        const auto first = client.read();
        QVERIFY(first);
        QCOMPARE(first->status, 200);
        // The upstream drops the reused connection without answering; the gateway sends the
        // (bodiless) request again on a new connection.
        client.send(get("/flaky", cookieField(cookie)));
        const auto flaky = client.read();
        QVERIFY(flaky);
        QCOMPARE(flaky->status, 200);
        QCOMPARE(flaky->body, QByteArray("hello /flaky"));
        QCOMPARE(m_upstream->connectionsAccepted, 2);
        QVERIFY(!client.isClosed());
    }

    void chunkedUpload()
    {
        const QByteArray cookie = login();
        QByteArray payload(1024 * 1024 + 17, Qt::Uninitialized);
        QRandomGenerator rng(7);
        for (char &c : payload)
            c = char(rng.generate());

        QByteArray encoded;
        qsizetype at = 0;
        int n = 0;
        while (at < payload.size()) {
            const qsizetype size = std::min<qsizetype>(payload.size() - at, 1 + rng.bounded(70000));
            encoded += QByteArray::number(size, 16);
            if (++n % 3 == 0)
                encoded += ";ext=1";
            encoded += "\r\n" + payload.mid(at, size) + "\r\n";
            at += size;
        }
        encoded += "0\r\nX-Trailer: yes\r\n\r\n";

        Client client(m_gateway->port());
        client.send("POST /echo HTTP/1.1\r\nHost: " + host() + "\r\n" + cookieField(cookie) +
                    "Transfer-Encoding: chunked\r\nContent-Type: application/octet-stream\r\n\r\n");
        // In pieces, so the gateway sees chunk boundaries split anywhere.
        for (qsizetype off = 0; off < encoded.size(); off += 99991) {
            client.send(encoded.mid(off, 99991));
            QTest::qWait(1);
        }
        const auto r = client.read(10000);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body,
                 "len=" + QByteArray::number(payload.size()) + " sha=" +
                     QCryptographicHash::hash(payload, QCryptographicHash::Sha256).toHex());
        QCOMPARE(m_upstream->requests.constLast().head.value("transfer-encoding"),
                 QByteArray("chunked"));

        // The message boundary was right: the connection carries another request.
        client.send(get("/after", cookieField(cookie)));
        const auto after = client.read();
        QVERIFY(after);
        QCOMPARE(after->body, QByteArray("hello /after"));
    }

    void contentLengthUpload()
    {
        const QByteArray cookie = login();
        QByteArray payload(3 * 1024 * 1024 + 5, Qt::Uninitialized);
        QRandomGenerator rng(11);
        for (char &c : payload)
            c = char(rng.generate());
        Client client(m_gateway->port());
        client.send("PUT /echo HTTP/1.1\r\nHost: " + host() + "\r\n" + cookieField(cookie) +
                    "Content-Length: " + QByteArray::number(payload.size()) + "\r\n\r\n" + payload +
                    get("/next", cookieField(cookie)));
        const auto r = client.read(10000);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body,
                 "len=" + QByteArray::number(payload.size()) + " sha=" +
                     QCryptographicHash::hash(payload, QCryptographicHash::Sha256).toHex());
        const auto next = client.read();
        QVERIFY(next);
        QCOMPARE(next->body, QByteArray("hello /next"));
    }

    void interimResponseRelayed()
    {
        const QByteArray cookie = login();
        Client client(m_gateway->port());
        client.send("POST /echo HTTP/1.1\r\nHost: " + host() + "\r\n" + cookieField(cookie) +
                    "Expect: 100-continue\r\nContent-Length: 5\r\n\r\nhello");
        const auto interim = client.read();
        QVERIFY(interim);
        QCOMPARE(interim->status, 100);
        const auto r = client.read();
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QVERIFY(r->body.startsWith("len=5 "));
    }

    void serverSentEventsStream()
    {
        const QByteArray cookie = login();
        Client client(m_gateway->port());
        client.send(get("/events", cookieField(cookie) + "Accept: text/event-stream\r\n"));
        // The first event arrives while the upstream still holds the response open.
        QVERIFY(waitUntil([&] {
            client.buffer += client.socket.readAll();
            return client.buffer.contains("data: one\n\n");
        }));
        QVERIFY(m_upstream->eventStreamOpen());
        QVERIFY(!client.buffer.contains("0\r\n\r\n"));
        QVERIFY(!client.take(false, false)); // the response is not complete yet

        m_upstream->finishEvents();
        const auto r = client.read();
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(r->header("content-type"), QByteArray("text/event-stream"));
        QCOMPARE(r->body, QByteArray("data: one\n\ndata: two\n\n"));
    }

    void closeDelimitedResponse()
    {
        const QByteArray cookie = login();
        Client client(m_gateway->port());
        client.send(get("/until-close", cookieField(cookie)));
        const auto r = client.read();
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, QByteArray("streamed until close"));
        QVERIFY(r->header("connection").toLower().contains("close"));
        QVERIFY(client.waitClosed());
    }

    void webSocketUpgrade()
    {
        const QByteArray cookie = login();
        Client client(m_gateway->port());
        client.send(get("/ws", cookieField(cookie) + "Origin: " + origin() +
                                   "\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n"
                                   "Sec-WebSocket-Version: 13\r\n"
                                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"));
        const auto r = client.read(5000, true);
        QVERIFY(r);
        QCOMPARE(r->status, 101);
        QCOMPARE(r->header("upgrade").toLower(), QByteArray("websocket"));
        QVERIFY(r->header("connection").toLower().contains("upgrade"));
        QCOMPARE(r->header("sec-websocket-accept"), QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));

        // Server to client: the frame the upstream sent right after its 101.
        const QByteArray hello("\x81\x05hello", 7);
        QVERIFY(waitUntil([&] {
            client.buffer += client.socket.readAll();
            return client.buffer.size() >= hello.size();
        }));
        QCOMPARE(client.buffer.left(hello.size()), hello);
        client.buffer.remove(0, hello.size());

        // Client to server (masked "ping"), echoed back by the upstream.
        const QByteArray frame("\x81\x84\x01\x02\x03\x04\x71\x6b\x6d\x63", 10);
        client.send(frame);
        QVERIFY(waitUntil([&] {
            client.buffer += client.socket.readAll();
            return client.buffer.size() >= frame.size();
        }));
        QCOMPARE(m_upstream->tunnelReceived, frame);
        QCOMPARE(client.buffer, frame);

        // Closing one side closes the other.
        client.socket.disconnectFromHost();
        QVERIFY(waitUntil([&] { return m_gateway->activeConnections() == 0; }));
    }

    void largeDownloadWithBackPressure()
    {
        const QByteArray cookie = login();
        m_gateway->resetPeakBufferedBytes();
        Client client(m_gateway->port());
        client.socket.setReadBufferSize(64 * 1024);
        client.send(get("/big", cookieField(cookie)));

        QCryptographicHash hash(QCryptographicHash::Sha256);
        qint64 received = 0;
        qint64 expected = -1;
        bool paused = false;
        bool pausedOnce = false;
        const auto drain = [&] {
            if (paused)
                return;
            client.buffer += client.socket.readAll();
            if (expected < 0) {
                Head head;
                const qsizetype size = parseHead(client.buffer, &head);
                if (size < 0)
                    return;
                expected = head.value("content-length").toLongLong();
                client.buffer.remove(0, size);
            }
            hash.addData(client.buffer);
            received += client.buffer.size();
            client.buffer.clear();
            if (!pausedOnce && received >= 10 * 1024 * 1024) {
                // A slow reader: the gateway must stop reading the upstream meanwhile.
                paused = pausedOnce = true;
                QTimer::singleShot(1000, &client.socket, [&] {
                    paused = false;
                    Q_EMIT client.socket.readyRead();
                });
            }
        };
        QObject::connect(&client.socket, &QTcpSocket::readyRead, &client.socket, drain);
        QVERIFY(waitUntil([&] { return expected > 0 && received >= expected; }, 25000));
        QCOMPARE(expected, FakeUpstream::BigSize);
        QCOMPARE(received, FakeUpstream::BigSize);
        QCOMPARE(hash.result(), FakeUpstream::bigHash());
        QVERIFY(pausedOnce);
        const qint64 peak = m_gateway->peakBufferedBytes();
        qInfo("peak bytes buffered by the gateway: %lld", peak);
        QVERIFY2(peak < 6 * 1024 * 1024, QByteArray::number(peak).constData());
        QVERIFY(peak > 0);
    }

    void parallelConnections()
    {
        const QByteArray cookie = login();
        const int baseConnections = m_upstream->connectionsAccepted;
        constexpr int Count = 20;
        m_upstream->holdTarget = Count; // answers only once all 20 requests are there
        int maxActive = 0;
        connect(m_gateway.get(), &ocs::WebGateway::connectionCountChanged, this,
                [&](int n) { maxActive = std::max(maxActive, n); });

        std::vector<std::unique_ptr<Client>> clients;
        for (int i = 0; i < Count; ++i) {
            clients.push_back(std::make_unique<Client>(m_gateway->port()));
            clients.back()->send(get("/hold?i=" + QByteArray::number(i), cookieField(cookie)));
        }
        for (int i = 0; i < Count; ++i) {
            const auto r = clients[i]->read(10000);
            QVERIFY(r);
            QCOMPARE(r->status, 200);
            QCOMPARE(r->body, QByteArray::number(i));
        }
        QCOMPARE(m_upstream->connectionsAccepted - baseConnections, Count);
        QVERIFY(maxActive >= Count);
        clients.clear();
        QVERIFY(waitUntil([&] { return m_gateway->activeConnections() == 0; }));
    }

    // --- who may connect (finding 3) -------------------------------------------------

    // A process of another user is dropped at once, even with a valid session cookie; so is
    // a connection whose owner cannot be found. The owner's own connection gets through.
    void otherUidRefusedEvenWithCookie()
    {
        const QByteArray cookie = login();
        QVERIFY(!cookie.isEmpty());
        const uint own = ocs::gateway::peercred::ownUid().value_or(1000);
        const auto tryWith = [&](std::optional<uint> uid) {
            m_gateway->setPeerUidLookup([uid](const QTcpSocket &) { return uid; });
            Client client(m_gateway->port());
            client.send(get("/x", cookieField(cookie)));
            return client.read(3000);
        };
        const uint other = own == 65534 ? 1000 : 65534;
        QVERIFY(!tryWith(other));
        QVERIFY(!tryWith(std::nullopt));
        QCOMPARE(m_upstream->requests.size(), 0);
        const auto mine = tryWith(own); // positive control
        QVERIFY(mine);
        QCOMPARE(mine->status, 200);
        QCOMPARE(m_upstream->requests.size(), 1);
        const auto root = tryWith(0u); // root can read the user's cookies anyway
        QVERIFY(root);
        QCOMPARE(root->status, 200);
    }

    // The real thing (needs root to become another user): curl as nobody is refused, the same
    // request as ourselves gets through.
    void otherUserRefusedForReal()
    {
#ifndef Q_OS_LINUX
        QSKIP("the peer check is Linux only");
#endif
        if (ocs::gateway::peercred::ownUid() != 0u)
            QSKIP("needs root to connect as another user");
        const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
        const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
        if (setpriv.isEmpty() || curl.isEmpty())
            QSKIP("needs setpriv and curl");
        const QByteArray cookie = login();
        const QStringList request{QStringLiteral("-s"),
                                  QStringLiteral("-o"),
                                  QStringLiteral("/dev/null"),
                                  QStringLiteral("-w"),
                                  QStringLiteral("%{http_code}"),
                                  QStringLiteral("-H"),
                                  QString::fromLatin1("Cookie: " + cookie),
                                  QStringLiteral("http://127.0.0.1:%1/x").arg(m_gateway->port())};
        const auto run = [](const QString &program, const QStringList &args) {
            QProcess p;
            p.start(program, args);
            waitUntil([&p] { return p.state() == QProcess::NotRunning; }, 20000);
            return QString::fromLatin1(p.readAllStandardOutput()).trimmed();
        };
        QCOMPARE(run(setpriv,
                     QStringList{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                                 QStringLiteral("--clear-groups"), curl} +
                         request),
                 QStringLiteral("000"));
        QCOMPARE(m_upstream->requests.size(), 0);
        QCOMPARE(run(curl, request), QStringLiteral("200"));
        QCOMPARE(m_upstream->requests.size(), 1);
    }

    // --- resource limits (finding 9) -------------------------------------------------

    // Pipelined requests the gateway answers itself, with the answers never read: the gateway
    // stops reading instead of piling up answers.
    void unreadAnswersStayBounded()
    {
        // Debug lines for a hundred thousand requests would make this test about the logger.
        QLoggingCategory::setFilterRules(QStringLiteral("ocs.gateway.debug=false"));
        const auto restoreLogging = qScopeGuard(
            [] { QLoggingCategory::setFilterRules(QStringLiteral("ocs.gateway.debug=true")); });
        Client client(m_gateway->port());
        client.socket.setReadBufferSize(64 * 1024); // reads nothing more once that is full
        QVERIFY(client.waitConnected());
        m_gateway->resetPeakBufferedBytes();
        QByteArray batch;
        while (batch.size() < 64 * 1024)
            batch += get("/no-session"); // 401, about ten times longer than the request
        qint64 sent = 0;
        constexpr qint64 Total = 24 * 1024 * 1024;
        constexpr qint64 Bound = 6 * 1024 * 1024;
        QDeadlineTimer deadline(6000);
        while (sent < Total && !deadline.hasExpired() && m_gateway->peakBufferedBytes() < Bound) {
            if (client.socket.bytesToWrite() < 1024 * 1024) {
                client.socket.write(batch);
                sent += batch.size();
            }
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        }
        qInfo() << "sent" << sent << "bytes; peak buffered" << m_gateway->peakBufferedBytes();
        QVERIFY2(m_gateway->peakBufferedBytes() < Bound,
                 qPrintable(QString::number(m_gateway->peakBufferedBytes())));
        QVERIFY(sent > 2 * 1024 * 1024); // it did read a good deal before it stopped
        // The client that reads again is answered again.
        for (int i = 0; i < 100; ++i) {
            const auto r = client.read();
            QVERIFY(r);
            QCOMPARE(r->status, 401);
        }
    }

    // A head that trickles in, a byte at a time, ends at its deadline however active it is.
    void slowHeadHitsItsDeadline()
    {
        ocs::WebGateway::Timeouts timeouts;
        timeouts.idle = 10s;
        timeouts.head = 600ms;
        m_gateway->setTimeouts(timeouts);
        Client client(m_gateway->port());
        client.send("GET / HTTP/1.1\r\n");
        QTimer drip;
        connect(&drip, &QTimer::timeout, this, [&client] { client.send("X"); });
        drip.start(50);
        QElapsedTimer clock;
        clock.start();
        const auto r = client.read(4000);
        QVERIFY(r);
        QCOMPARE(r->status, 408);
        QVERIFY(clock.elapsed() < 3000);
        QVERIFY(client.waitClosed());
        // Positive control: a head that arrives in time, in pieces, is served.
        const QByteArray cookie = login();
        Client steady(m_gateway->port());
        const QByteArray request = get("/ok", cookieField(cookie));
        for (qsizetype i = 0; i < request.size(); i += 8) {
            steady.send(request.mid(i, 8));
            QTest::qWait(5);
        }
        const auto ok = steady.read();
        QVERIFY(ok);
        QCOMPARE(ok->status, 200);
    }

    // Clients that never finish a request cannot take every slot: a full gateway makes room
    // by closing the one that waited longest, and the browser gets in.
    void slowClientsCannotTakeEverySlot()
    {
        const QByteArray cookie = login();
        constexpr int Max = 16;
        m_gateway->setMaxConnections(Max);
        std::vector<std::unique_ptr<Client>> slow;
        int mostActive = 0;
        for (int i = 0; i < 3 * Max; ++i) {
            slow.push_back(std::make_unique<Client>(m_gateway->port()));
            slow.back()->send("GET / HTTP/1.1\r\nHost: ");
            QVERIFY(slow.back()->waitConnected());
            QTest::qWait(2);
            mostActive = std::max(mostActive, m_gateway->activeConnections());
        }
        QVERIFY(waitUntil([&] { return m_gateway->activeConnections() <= Max; }));
        QVERIFY2(mostActive <= Max, qPrintable(QString::number(mostActive)));
        Client browser(m_gateway->port());
        browser.send(get("/page", cookieField(cookie)));
        const auto r = browser.read();
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QVERIFY(m_gateway->activeConnections() <= Max);
        // The oldest slow clients made room.
        QVERIFY(slow.front()->waitClosed());
    }

    // --- framing (low iii), retries (low iv), sessions (low vi) -----------------------

    // Whatever framing a request came with, the upstream gets one canonical field.
    void framingIsNormalised_data()
    {
        QTest::addColumn<QByteArray>("fields");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("expectedField");
        QTest::addColumn<QByteArray>("expectedValue");
        QTest::newRow("repeated length")
            << QByteArray("Content-Length: 3\r\nContent-Length: 3\r\n") << QByteArray("abc")
            << QByteArray("content-length") << QByteArray("3");
        QTest::newRow("length list") << QByteArray("Content-Length: 3, 3\r\n") << QByteArray("abc")
                                     << QByteArray("content-length") << QByteArray("3");
        QTest::newRow("chunked, odd case")
            << QByteArray("Transfer-Encoding: Chunked\r\n") << QByteArray("3\r\nabc\r\n0\r\n\r\n")
            << QByteArray("transfer-encoding") << QByteArray("chunked");
    }

    void framingIsNormalised()
    {
        QFETCH(QByteArray, fields);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, expectedField);
        QFETCH(QByteArray, expectedValue);
        const QByteArray cookie = login();
        Client client(m_gateway->port());
        client.send("POST /echo HTTP/1.1\r\nHost: " + host() + "\r\n" + cookieField(cookie) +
                    fields + "\r\n" + body);
        const auto r = client.read();
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QVERIFY2(r->body.startsWith("len=3 "), r->body.constData());
        QCOMPARE(m_upstream->requests.size(), 1);
        const Head &seen = m_upstream->requests.first().head;
        QCOMPARE(seen.values(expectedField), QList<QByteArray>{expectedValue});
    }

    // Only GET and HEAD are sent again when a kept-alive upstream connection closes under
    // them (retryWhenKeptAliveUpstreamCloses is the positive control).
    void otherMethodsNotRetried_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::newRow("POST") << QByteArray("POST");
        QTest::newRow("DELETE") << QByteArray("DELETE");
        QTest::newRow("PUT") << QByteArray("PUT");
    }

    void otherMethodsNotRetried()
    {
        QFETCH(QByteArray, method);
        const QByteArray cookie = login();
        Client client(m_gateway->port());
        client.send(get("/first", cookieField(cookie)));
        const auto first = client.read();
        QVERIFY(first);
        QCOMPARE(first->status, 200);
        client.send(method + " /flaky HTTP/1.1\r\nHost: " + host() + "\r\n" + cookieField(cookie) +
                    "\r\n");
        const auto r = client.read();
        QVERIFY(r);
        QCOMPARE(r->status, 502);
        QCOMPARE(m_upstream->connectionsAccepted, 1);
    }

    // The session cookie says how long it lives, and sessions end (idle, absolute).
    void sessionsExpire()
    {
        auto now = std::chrono::steady_clock::now();
        m_gateway->setTimeSource([&now] { return now; });
        m_gateway->setSessionLifetimes(10min, 60min);
        Client client(m_gateway->port());
        const QUrl url = m_gateway->createLoginUrl();
        client.send(get(requestTarget(url), "Sec-Fetch-Site: none\r\n"));
        const auto login = client.read();
        QVERIFY(login);
        QCOMPARE(login->status, 303);
        const QByteArray setCookie = login->header("set-cookie");
        QVERIFY2(setCookie.contains("; Max-Age=3600"), setCookie.constData());
        const QByteArray cookie = setCookie.left(setCookie.indexOf(';'));
        now += 9min;
        client.send(get("/a", cookieField(cookie)));
        auto r = client.read();
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        now += 11min;
        client.send(get("/b", cookieField(cookie)));
        r = client.read();
        QVERIFY(r);
        QCOMPARE(r->status, 401);
    }

    // The gateway says when the upstream cannot be reached (its owner then checks whether the
    // sandbox still runs).
    void upstreamUnreachableIsSignalled()
    {
        quint16 deadPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress(QHostAddress::LocalHost)));
            deadPort = probe.serverPort();
        }
        QSignalSpy unreachable(m_gateway.get(), &ocs::WebGateway::upstreamUnreachable);
        const QByteArray cookie = login();
        Client ok(m_gateway->port());
        ok.send(get("/", cookieField(cookie)));
        QVERIFY(ok.read());
        QCOMPARE(unreachable.size(), 0); // positive control
        m_gateway->setUpstream(
            {deadPort, QString::fromLatin1(User), QString::fromLatin1(Password)});
        Client client(m_gateway->port());
        client.send(get("/", cookieField(cookie)));
        const auto r = client.read();
        QVERIFY(r);
        QCOMPARE(r->status, 502);
        QCOMPARE(unreachable.size(), 1);
    }

    // --- failures and timeouts -------------------------------------------------------

    void upstreamDownGives502()
    {
        quint16 deadPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress(QHostAddress::LocalHost)));
            deadPort = probe.serverPort();
        }
        m_gateway->setUpstream(
            {deadPort, QString::fromLatin1(User), QString::fromLatin1(Password)});
        const QByteArray cookie = login();
        Client client(m_gateway->port());
        client.send(get("/", cookieField(cookie)));
        const auto r = client.read();
        QVERIFY(r);
        QCOMPARE(r->status, 502);
    }

    void idleConnectionsTimeOut()
    {
        ocs::WebGateway::Timeouts timeouts;
        timeouts.idle = 200ms;
        m_gateway->setTimeouts(timeouts);
        QCOMPARE(m_gateway->timeouts().idle, 200ms);

        Client silent(m_gateway->port());
        QVERIFY(silent.waitConnected());
        Client partial(m_gateway->port());
        partial.send("GET / HTTP/1.1\r\nHost: ");
        QVERIFY(silent.waitClosed(3000));
        const auto r = partial.read(3000);
        QVERIFY(r);
        QCOMPARE(r->status, 408);
        QVERIFY(waitUntil([&] { return m_gateway->activeConnections() == 0; }, 3000));
    }

    void secretsNeverLogged()
    {
        g_logged.clear();
        g_previousHandler = qInstallMessageHandler(captureMessage);
        const QUrl url = m_gateway->createLoginUrl(QStringLiteral("/secret-check"));
        const QByteArray token = QUrlQuery(url).queryItemValue(QStringLiteral("token")).toLatin1();
        Client client(m_gateway->port());
        client.send(get(requestTarget(url)));
        const auto login = client.read();
        client.send(get(requestTarget(url))); // reused token: refused, logged
        const auto again = client.read();
        const QByteArray setCookie = login ? login->header("set-cookie") : QByteArray();
        const QByteArray cookie = setCookie.left(setCookie.indexOf(';'));
        client.send(
            get("/x", cookieField(cookie) + "Authorization: Basic c2VjcmV0OnNlY3JldA==\r\n"));
        const auto r = client.read();
        m_gateway->setUpstream(
            {m_upstream->port(), QString::fromLatin1(User), QStringLiteral("x")});
        client.send(get("/y", cookieField(cookie)));
        const auto rejected = client.read();
        qInstallMessageHandler(g_previousHandler);

        QVERIFY(login && again && r && rejected);
        QCOMPARE(login->status, 303);
        QCOMPARE(again->status, 401);
        QCOMPARE(r->status, 200);
        QCOMPARE(rejected->status, 401);
        QVERIFY(!g_logged.isEmpty()); // the debug category is on, so the test means something
        const QByteArray cookieValue = cookie.mid(cookie.indexOf('=') + 1);
        QVERIFY(cookieValue.size() > 20);
        const QList<QByteArray> secrets = {Password, token, cookieValue,
                                           m_upstream->acceptedAuthorization().mid(6),
                                           "c2VjcmV0OnNlY3JldA=="};
        for (const QString &line : std::as_const(g_logged)) {
            for (const QByteArray &secret : secrets)
                QVERIFY2(!line.contains(QString::fromLatin1(secret)), qPrintable(line));
        }
    }

    void closeDropsEverything()
    {
        const QByteArray cookie = login();
        Client client(m_gateway->port());
        client.send(get("/events", cookieField(cookie)));
        QVERIFY(waitUntil([&] { return m_upstream->eventStreamOpen(); }));
        QCOMPARE(m_gateway->activeConnections(), 1);
        const quint16 port = m_gateway->port();
        m_gateway->close();
        QVERIFY(!m_gateway->isListening());
        QCOMPARE(m_gateway->activeConnections(), 0);
        QVERIFY(client.waitClosed());
        // Sessions are gone with it (same port, so the same cookie name).
        QVERIFY2(m_gateway->listen(port), qPrintable(m_gateway->errorString()));
        Client after(m_gateway->port());
        after.send(get("/", cookieField(cookie)));
        const auto r = after.read();
        QVERIFY(r);
        QCOMPARE(r->status, 401);
    }
};

QTEST_GUILESS_MAIN(TestWebGateway)
#include "tst_webgateway.moc"
