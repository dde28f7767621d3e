// The embedded web view (src/tray/webview) in a real Qt WebEngine under Xvfb, against fake
// web servers on 127.0.0.1: credentials only for their own origin, one profile per project,
// links to other sites in the default browser, and the gateway's sign-in as the tray uses it.

#include "gateway/signinpage.h"
#include "gateway/webgateway.h"
#include "webviewpage.h"
#include "webviewpolicy.h"
#include "webviewwindow.h"

#include <QAuthenticator>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QPointer>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebEngineCookieStore>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QWebEngineSettings>
#include <QWebEngineView>

#include <memory>

using namespace ocs::tray::webview;

namespace {

const QString User = QStringLiteral("opencode");
const QString Password = QStringLiteral("Zq7v-Kp2m_Xw9r-Lt4n_Hb6c-Jd8f_Gs3k-Ny5p_Qe1a-Vu0z");

// A small web server on 127.0.0.1: optional Basic auth, pages from a table, and a record of
// every request (path, Authorization and Cookie fields).
class FakeSite : public QObject
{
public:
    struct Seen
    {
        QByteArray path;
        QByteArray authorization;
        QByteArray cookie;
    };

    explicit FakeSite(bool requireAuth)
        : m_requireAuth(requireAuth)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, this, [this, s] { onData(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
    }

    quint16 port() const { return m_server.serverPort(); }
    QString origin() const { return QStringLiteral("http://127.0.0.1:%1").arg(port()); }
    QUrl url(const QString &path) const { return QUrl(origin() + path); }
    void setPage(const QByteArray &path, const QByteArray &html, const QByteArray &extra = {})
    {
        m_pages.insert(path, {html, extra});
    }
    QByteArray expectedAuthorization() const
    {
        return "Basic " + (User + QLatin1Char(':') + Password).toUtf8().toBase64();
    }
    QList<Seen> seen;
    QList<Seen> seenFor(const QByteArray &path) const
    {
        QList<Seen> out;
        for (const Seen &s : seen) {
            if (s.path == path)
                out << s;
        }
        return out;
    }

private:
    void onData(QTcpSocket *s)
    {
        QByteArray &buffer = m_buffers[s];
        buffer += s->readAll();
        qsizetype end;
        while ((end = buffer.indexOf("\r\n\r\n")) >= 0) {
            const QByteArray head = buffer.left(end);
            buffer.remove(0, end + 4); // no request bodies in these tests
            const QList<QByteArray> lines = head.split('\n');
            const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
            Seen seenNow{requestLine.value(1), {}, {}};
            for (const QByteArray &l : lines.mid(1)) {
                const qsizetype colon = l.indexOf(':');
                const QByteArray name = l.left(colon).trimmed().toLower();
                const QByteArray value = l.mid(colon + 1).trimmed();
                if (name == "authorization")
                    seenNow.authorization = value;
                else if (name == "cookie")
                    seenNow.cookie = value;
            }
            seen << seenNow;
            const QByteArray path = seenNow.path.split('?').value(0);
            if (m_requireAuth && seenNow.authorization != expectedAuthorization()) {
                reply(s, 401, "text/html", "<html><title>denied</title>denied</html>",
                      "WWW-Authenticate: Basic realm=\"fake\"\r\n");
            } else if (m_pages.contains(path)) {
                reply(s, 200, "text/html; charset=utf-8", m_pages[path].first,
                      m_pages[path].second);
            } else if (path == "/favicon.ico") {
                reply(s, 404, "text/plain", "no");
            } else {
                reply(s, 200, "text/html; charset=utf-8",
                      "<html><head><title>page " + path + "</title></head><body>page " + path +
                          "</body></html>");
            }
        }
    }
    static void reply(QTcpSocket *s, int status, const QByteArray &type, const QByteArray &body,
                      const QByteArray &extra = {})
    {
        s->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: " + type +
                 "\r\nContent-Length: " + QByteArray::number(body.size()) +
                 "\r\nCache-Control: no-store\r\n" + extra + "\r\n" + body);
    }

    bool m_requireAuth;
    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QHash<QByteArray, std::pair<QByteArray, QByteArray>> m_pages;
};

// Stands in for the default browser (QDesktopServices::setUrlHandler).
class UrlCatcher : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> urls;
public Q_SLOTS:
    void handle(const QUrl &url) { urls << url; }
};

bool loadAndWait(WebViewWindow &w, const QUrl &url)
{
    QSignalSpy finished(w.page(), &QWebEnginePage::loadFinished);
    w.open(url);
    return finished.wait(30000) && finished.last().value(0).toBool();
}

QVariant evaluate(QWebEnginePage *page, const QString &script)
{
    QVariant result;
    bool done = false;
    page->runJavaScript(script, [&](const QVariant &v) {
        result = v;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 15000))
        qWarning("script timed out: %s", qPrintable(script));
    return result;
}

// Clicks the element `selector` with the mouse, as a person would.
void click(WebViewWindow &w, const QString &selector)
{
    const QVariantList rect =
        evaluate(w.page(), QStringLiteral("(() => { const r = document.querySelector('%1')"
                                          ".getBoundingClientRect(); return [r.x + r.width / 2,"
                                          " r.y + r.height / 2]; })()")
                               .arg(selector))
            .toList();
    QVERIFY(rect.size() == 2);
    QWidget *target = w.view()->focusProxy() ? w.view()->focusProxy() : w.view();
    const QPoint at(int(rect[0].toDouble()), int(rect[1].toDouble()));
    QTest::mouseClick(target, Qt::LeftButton, {}, at);
}

WebViewOptions optionsFor(const QString &key, const QString &storage,
                          std::optional<OriginCredentials> credentials = std::nullopt)
{
    WebViewOptions o;
    o.key = key;
    o.projectName = key;
    o.storagePath = storage;
    o.credentials = std::move(credentials);
    return o;
}

} // namespace

class TestWebView : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(qEnvironmentVariable("QT_QPA_PLATFORM") != QLatin1String("offscreen"),
                 "run under Xvfb (tests/gui/run-xvfb.sh)");
    }

    // --- the rules, without a page -----------------------------------------------------

    void origins()
    {
        QCOMPARE(originOf(QUrl(QStringLiteral("http://127.0.0.1:4711/a?b#c"))),
                 QStringLiteral("http://127.0.0.1:4711"));
        QCOMPARE(originOf(QUrl(QStringLiteral("HTTPS://Example.ORG/x"))),
                 QStringLiteral("https://example.org:443"));
        QCOMPARE(originOf(QUrl(QStringLiteral("http://[::1]:80/"))),
                 QStringLiteral("http://[::1]:80"));
        QVERIFY(originOf(QUrl(QStringLiteral("file:///etc/passwd"))).isEmpty());
        QVERIFY(sameOrigin(QUrl(QStringLiteral("http://127.0.0.1:80/")),
                           QUrl(QStringLiteral("http://127.0.0.1/x"))));
        QVERIFY(!sameOrigin(QUrl(QStringLiteral("http://127.0.0.1:4711/")),
                            QUrl(QStringLiteral("http://localhost:4711/"))));
        QVERIFY(!sameOrigin(QUrl(QStringLiteral("http://127.0.0.1:4711/")),
                            QUrl(QStringLiteral("https://127.0.0.1:4711/"))));
    }

    void credentialsOnlyForTheirOrigin_data()
    {
        QTest::addColumn<QString>("request");
        QTest::addColumn<bool>("answered");
        QTest::newRow("same origin") << "http://127.0.0.1:4711/x" << true;
        QTest::newRow("same origin, user info") << "http://evil@127.0.0.1:4711/" << true;
        QTest::newRow("other port") << "http://127.0.0.1:4712/" << false;
        QTest::newRow("localhost") << "http://localhost:4711/" << false;
        QTest::newRow("https") << "https://127.0.0.1:4711/" << false;
        QTest::newRow("other host") << "http://example.org:4711/" << false;
        QTest::newRow("look-alike") << "http://127.0.0.1.example.org:4711/" << false;
        QTest::newRow("not http") << "ftp://127.0.0.1:4711/" << false;
    }
    void credentialsOnlyForTheirOrigin()
    {
        QFETCH(QString, request);
        QFETCH(bool, answered);
        const OriginCredentials c{QUrl(QStringLiteral("http://127.0.0.1:4711")), User, Password};
        QCOMPARE(credentialsFor(QUrl(request), c).has_value(), answered);
        QVERIFY(!credentialsFor(QUrl(request), std::nullopt));
    }

    void navigationRules()
    {
        const QUrl app(QStringLiteral("http://127.0.0.1:4711"));
        QCOMPARE(classifyNavigation(QUrl(QStringLiteral("http://127.0.0.1:4711/s/1")), app, true),
                 Navigation::InView);
        QCOMPARE(classifyNavigation(QUrl(QStringLiteral("https://opencode.ai/docs")), app, true),
                 Navigation::External);
        QCOMPARE(classifyNavigation(QUrl(QStringLiteral("https://opencode.ai/docs")), app, false),
                 Navigation::Refused);
        QCOMPARE(classifyNavigation(QUrl(QStringLiteral("http://127.0.0.1:4712/")), app, true),
                 Navigation::External);
        QCOMPARE(classifyNavigation(QUrl(QStringLiteral("mailto:a@b.c")), app, true),
                 Navigation::External);
        QCOMPARE(classifyNavigation(QUrl(QStringLiteral("file:///etc/passwd")), app, true),
                 Navigation::Refused);
        QCOMPARE(classifyNavigation(QUrl(QStringLiteral("about:blank")), app, false),
                 Navigation::InView);
    }

    // --- a real page --------------------------------------------------------------------

    // Credentials bound to site A's origin are given to A, never to B (another port), nor to
    // A under another host name; refused requests raise no prompt.
    void credentialsAnsweredForTheRightOriginOnly()
    {
        FakeSite a(true), b(true);
        a.setPage("/", "<html><head><title>site A</title></head><body>A</body></html>");
        const OriginCredentials credentials{QUrl(a.origin()), User, Password};
        WebViewWindow w(optionsFor(QStringLiteral("auth"), QString(), credentials));

        QVERIFY(loadAndWait(w, a.url(QStringLiteral("/"))));
        QCOMPARE(w.page()->title(), QStringLiteral("site A"));
        QCOMPARE(w.page()->answeredAuthentications(), 1);
        QCOMPARE(a.seenFor("/").last().authorization, a.expectedAuthorization());

        // Site B asks for credentials too: refused, B never sees them, the 401 page shows.
        QSignalSpy finished(w.page(), &QWebEnginePage::loadFinished);
        w.open(b.url(QStringLiteral("/")));
        QVERIFY(finished.wait(30000));
        QCOMPARE(w.page()->refusedAuthentications(), 1);
        QCOMPARE(w.page()->title(), QStringLiteral("denied"));
        for (const FakeSite::Seen &s : std::as_const(b.seen))
            QVERIFY2(s.authorization.isEmpty(), s.authorization.constData());

        // The same server under another host name is another origin.
        QUrl other = a.url(QStringLiteral("/"));
        other.setHost(QStringLiteral("localhost"));
        const qsizetype before = a.seen.size();
        finished.clear();
        w.open(other);
        QVERIFY(finished.wait(30000));
        QCOMPARE(w.page()->refusedAuthentications(), 2);
        for (const FakeSite::Seen &s : a.seen.mid(before))
            QVERIFY(s.authorization.isEmpty());
        QCOMPARE(w.page()->answeredAuthentications(), 1);
    }

    // Without credentials (how the tray uses the view) every challenge is refused.
    void noCredentialsNoAnswer()
    {
        FakeSite a(true);
        WebViewWindow w(optionsFor(QStringLiteral("none"), QString()));
        QSignalSpy finished(w.page(), &QWebEnginePage::loadFinished);
        w.open(a.url(QStringLiteral("/")));
        QVERIFY(finished.wait(30000));
        QCOMPARE(w.page()->title(), QStringLiteral("denied"));
        QCOMPARE(w.page()->answeredAuthentications(), 0);
        QVERIFY(w.page()->refusedAuthentications() >= 1);
    }

    // Each project has its own profile: a cookie and local storage set in one are not seen
    // in the other; the persistent one is written to its own folder.
    void profilesAreSeparatePerProject()
    {
        FakeSite site(false);
        site.setPage("/set",
                     "<html><title>set</title><script>"
                     "document.cookie = 'js=one; path=/';"
                     "localStorage.setItem('who', 'project one');</script></html>",
                     "Set-Cookie: srv=one; Path=/; Max-Age=3600\r\n");
        const QString one = m_dir.filePath(QStringLiteral("one/webview"));
        const QString two = m_dir.filePath(QStringLiteral("two/webview"));
        WebViewWindow w1(optionsFor(QStringLiteral("one"), one));
        WebViewWindow w2(optionsFor(QStringLiteral("two"), two));
        QVERIFY(w1.profile() != w2.profile());
        QVERIFY(!w1.profile()->isOffTheRecord());
        QCOMPARE(w1.profile()->persistentStoragePath(), one);

        QVERIFY(loadAndWait(w1, site.url(QStringLiteral("/set"))));
        QVERIFY(loadAndWait(w1, site.url(QStringLiteral("/check-one"))));
        const QByteArray cookieOne = site.seenFor("/check-one").last().cookie;
        QVERIFY2(cookieOne.contains("srv=one") && cookieOne.contains("js=one"),
                 cookieOne.constData());
        QCOMPARE(evaluate(w1.page(), QStringLiteral("localStorage.getItem('who')")).toString(),
                 QStringLiteral("project one"));

        QVERIFY(loadAndWait(w2, site.url(QStringLiteral("/check-two"))));
        QVERIFY2(site.seenFor("/check-two").last().cookie.isEmpty(),
                 site.seenFor("/check-two").last().cookie.constData());
        QVERIFY(evaluate(w2.page(), QStringLiteral("localStorage.getItem('who')")).isNull());
        QVERIFY(QFileInfo(one).isDir());
        QCOMPARE(QFileInfo(one).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
    }

    // Links to other sites (plain and target=_blank) go to the default browser and leave the
    // view where it is; a target=_blank link of the UI itself stays in the view.
    void externalLinksOpenInTheDefaultBrowser()
    {
        FakeSite app(false), elsewhere(false);
        const QByteArray other = elsewhere.origin().toUtf8();
        app.setPage("/", "<html><head><title>app</title><style>a{display:block;margin:20px;"
                         "font-size:30px}</style></head><body>"
                         "<a id=plain href='" +
                             other +
                             "/plain'>plain</a>"
                             "<a id=blank target=_blank href='" +
                             other +
                             "/blank'>blank</a>"
                             "<a id=own target=_blank href='/own'>own</a>"
                             "<a id=file href='file:///etc/passwd'>file</a></body></html>");
        UrlCatcher browser;
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &browser, "handle");
        QDesktopServices::setUrlHandler(QStringLiteral("https"), &browser, "handle");
        WebViewWindow w(optionsFor(QStringLiteral("links"), QString()));
        w.resize(900, 700);
        QVERIFY(loadAndWait(w, app.url(QStringLiteral("/"))));
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy opened(w.page(), &WebViewPage::openedExternally);

        click(w, QStringLiteral("#plain"));
        QTRY_COMPARE_WITH_TIMEOUT(browser.urls.size(), 1, 10000);
        QCOMPARE(browser.urls.at(0), elsewhere.url(QStringLiteral("/plain")));
        click(w, QStringLiteral("#blank"));
        QTRY_COMPARE_WITH_TIMEOUT(browser.urls.size(), 2, 10000);
        QCOMPARE(browser.urls.at(1), elsewhere.url(QStringLiteral("/blank")));
        QCOMPARE(opened.size(), 2);
        QCOMPARE(w.page()->url(), app.url(QStringLiteral("/")));
        QVERIFY(elsewhere.seen.isEmpty()); // the view itself never went there

        click(w, QStringLiteral("#file"));
        QTest::qWait(500);
        QCOMPARE(w.page()->url(), app.url(QStringLiteral("/")));

        click(w, QStringLiteral("#own"));
        QTRY_COMPARE_WITH_TIMEOUT(w.page()->url(), app.url(QStringLiteral("/own")), 10000);
        QCOMPARE(browser.urls.size(), 2);
        QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
        QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
    }

    // How the tray uses the view: the gateway's one-time URL, no credentials in WebEngine at
    // all; the view ends on a clean URL with the gateway's HttpOnly cookie in its own profile.
    void signsInThroughTheGateway()
    {
        FakeSite upstream(true);
        upstream.setPage("/", "<html><head><title>OpenCode</title></head><body>"
                              "<div id=root>app</div></body></html>");
        ocs::WebGateway gateway({upstream.port(), User, Password});
        QVERIFY(gateway.listen());
        WebViewWindow w(
            optionsFor(QStringLiteral("gw"), m_dir.filePath(QStringLiteral("gw/webview"))));
        QList<QNetworkCookie> cookies;
        connect(w.profile()->cookieStore(), &QWebEngineCookieStore::cookieAdded, this,
                [&](const QNetworkCookie &c) { cookies << c; });
        QVERIFY(loadAndWait(w, gateway.createLoginUrl()));
        QCOMPARE(w.page()->title(), QStringLiteral("OpenCode"));
        QCOMPARE(w.page()->url(), QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(gateway.port())));
        QCOMPARE(w.page()->answeredAuthentications() + w.page()->refusedAuthentications(), 0);
        QCOMPARE(upstream.seenFor("/").last().authorization, upstream.expectedAuthorization());
        QTRY_VERIFY(!cookies.isEmpty());
        QCOMPARE(cookies.first().name(), gateway.cookieName().toUtf8());
        QVERIFY(cookies.first().isHttpOnly());
        // (Qt 6.4's cookie store does not report SameSite; e2e_browser checks it in Chromium.)
        QVERIFY(evaluate(w.page(), QStringLiteral("document.cookie")).toString().isEmpty());
        QVERIFY(!w.page()->url().toString().contains(Password));
        QVERIFY(w.windowTitle().contains(QStringLiteral("gw")));
    }

    // The tray and `ocs web` open the browser on a private local page that forwards to the
    // sign-in URL (no token on a command line): in Chromium that navigation is cross-site, and
    // the sign-in still works and ends on the web UI with the session cookie.
    void signsInFromTheLocalSignInPage()
    {
        FakeSite upstream(true);
        upstream.setPage("/", "<html><head><title>OpenCode</title></head><body>app</body></html>");
        ocs::WebGateway gateway({upstream.port(), User, Password});
        QVERIFY(gateway.listen());
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_dir.path()));
        QString error;
        const QString page = ocs::signinpage::writePage(gateway.createLoginUrl(), &error);
        QVERIFY2(!page.isEmpty(), qPrintable(error));
        QWebEngineProfile profile; // off the record
        // As in a desktop browser, a local page may navigate to a web address (Qt WebEngine
        // forbids that by default).
        profile.settings()->setAttribute(QWebEngineSettings::LocalContentCanAccessRemoteUrls, true);
        QWebEnginePage browser(&profile);
        QSignalSpy finished(&browser, &QWebEnginePage::loadFinished);
        browser.load(QUrl::fromLocalFile(page));
        QTRY_VERIFY2_WITH_TIMEOUT(browser.title() == QStringLiteral("OpenCode"),
                                  qPrintable(browser.title() + QLatin1Char(' ') +
                                             browser.url().toString(QUrl::RemoveQuery)),
                                  30000);
        QCOMPARE(browser.url(), QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(gateway.port())));
        QCOMPARE(upstream.seenFor("/").last().authorization, upstream.expectedAuthorization());
    }

    // A file the page offers is saved only when the user agrees (the page is the agent's
    // work); refused by default.
    void downloadsNeedConsent()
    {
        FakeSite site(false);
        site.setPage("/file.txt", "from the agent",
                     "Content-Disposition: attachment; filename=\"agent.txt\"\r\n");
        const QString downloads = m_dir.filePath(QStringLiteral("downloads"));
        QVERIFY(QDir().mkpath(downloads));
        QStringList asked;
        bool answer = false;
        WebViewWindow::setDownloadConfirmation(
            [&](QWidget *, const QString &name, const QString &) {
                asked << name;
                return answer;
            });
        const auto restore = qScopeGuard([] { WebViewWindow::setDownloadConfirmation({}); });
        WebViewWindow w(optionsFor(QStringLiteral("dl"), m_dir.filePath(QStringLiteral("dl/wv"))));
        w.profile()->setDownloadPath(downloads);
        QVERIFY(loadAndWait(w, site.url(QStringLiteral("/"))));
        evaluate(w.page(), QStringLiteral("location.href = '/file.txt'"));
        QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 15000);
        QCOMPARE(asked.first(), QStringLiteral("agent.txt"));
        QTest::qWait(1000);
        QVERIFY(QDir(downloads).entryList(QDir::Files).isEmpty());
        // Positive control: agreed, it is saved.
        answer = true;
        evaluate(w.page(), QStringLiteral("location.href = '/file.txt?again'"));
        QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 2, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(!QDir(downloads).entryList(QDir::Files).isEmpty(), 15000);
    }

    // OpenCode's UI uses built-ins and CSS units newer than the Chromium of Qt 6.4's
    // WebEngine (102): the view adds them where missing (webviewcompat.cpp).
    void newerWebFeaturesWork()
    {
        FakeSite site(false);
        site.setPage("/s.css", ".full{height:100dvh;background:#eee}");
        site.setPage("/", "<html><head><title>compat</title><link rel=stylesheet href=/s.css>"
                          "<style>body{margin:0}</style></head><body><div id=f class=full>x</div>"
                          "</body></html>");
        WebViewWindow w(optionsFor(QStringLiteral("compat"), QString()));
        QVERIFY(loadAndWait(w, site.url(QStringLiteral("/"))));
        const QString script = QStringLiteral(
            "JSON.stringify([Map.groupBy([1, 2, 3], x => x % 2).get(1).length,"
            " Object.groupBy(['a', 'bb'], s => s.length)[2][0], [1, 2, 3].toReversed()[0],"
            " [3, 1, 2].toSorted()[0], [1, 2, 3].toSpliced(1, 1).length, [1, 2].with(0, 5)[0],"
            " typeof Promise.withResolvers().resolve, new Set([1]).union(new Set([2])).size,"
            " new Set([1, 2]).intersection(new Set([2])).size, URL.canParse('http://x/'),"
            " typeof Symbol.dispose, AbortSignal.timeout(1000).aborted])");
        QCOMPARE(evaluate(w.page(), script).toString(),
                 QStringLiteral("[2,\"bb\",3,1,2,5,\"function\",2,1,true,\"symbol\",false]"));
        // The dvh rule is added again with vh (once the style sheet was fetched again).
        QTRY_VERIFY_WITH_TIMEOUT(
            evaluate(w.page(), QStringLiteral("document.getElementById('f').getBoundingClientRect()"
                                              ".height >= window.innerHeight - 1"))
                .toBool(),
            10000);
    }

    void windowsAreMadeOnlyWhenAsked()
    {
        QCOMPARE(WebViewWindow::liveCount(), 0);
        auto *w = new WebViewWindow(optionsFor(QStringLiteral("count"), QString()));
        QCOMPARE(WebViewWindow::liveCount(), 1);
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w));
        QPointer<WebViewWindow> alive(w);
        w->close(); // deletes itself (its renderer ends)
        QTRY_VERIFY(alive.isNull());
        QCOMPARE(WebViewWindow::liveCount(), 0);
    }
};

QTEST_MAIN(TestWebView)
#include "tst_webview.moc"
