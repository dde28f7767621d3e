// "Open web UI" with the preference "embedded", through the tray (fake engine, under Xvfb):
// nothing of Qt WebEngine is loaded until the first embedded open; then the plugin
// ocs_webview shows one window per project, with its profile in the project's state folder.
// Without the plugin, the external browser is used. This test does not link WebEngine, like
// the tray.

#include "guitest.h"
#include "projectmenu.h"
#include "webuiopener.h"
#include "webview/embeddedwebuiopener.h"

#include <QApplication>
#include <QDesktopServices>
#include <QFile>
#include <QTest>
#include <QTimer>
#include <QWidget>

using namespace ocs;
using namespace ocs::test;

namespace {

bool webEngineLoaded()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    return maps.open(QIODevice::ReadOnly) && maps.readAll().contains("libQt6WebEngineCore");
}

QList<QWidget *> webViewWindows()
{
    QList<QWidget *> out;
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (w->inherits("ocs::tray::webview::WebViewWindow"))
            out << w;
    }
    return out;
}

class UrlCatcher : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> urls;
public Q_SLOTS:
    void handle(const QUrl &url) { urls << url; }
};

} // namespace

class TestWebViewOpener : public QObject
{
    Q_OBJECT
private:
    UrlCatcher m_browser;

    // A running sandbox of the fake engine in `app`, with its "Open web UI" action.
    static QAction *runningSandbox(TestApp &app, const QString &root, ManagedSandbox **sandbox)
    {
        app.registry->add(root);
        app.flush();
        ManagedSandbox *s = app.fleet->sandbox(root);
        auto *engine = static_cast<FakeEngine *>(&ProcessLauncher::instance());
        engine->addImage(s->project()->imageName());
        s->start();
        if (!QTest::qWaitFor([s] { return s->state() == ManagedSandbox::State::Running; }, 10000))
            return nullptr;
        app.flush();
        *sandbox = s;
        return app.tray->projectMenu(root)->action(tray::ProjectAction::OpenWebUi);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &m_browser, "handle");
        QVERIFY2(!qEnvironmentVariableIsEmpty("OCS_WEBVIEW_PLUGIN"), "set by CTest");
    }

    void cleanupTestCase() { QDesktopServices::unsetUrlHandler(QStringLiteral("http")); }

    // Without a loadable plugin the browser is used (and WebEngine stays unloaded).
    void fallsBackToTheBrowserWithoutThePlugin()
    {
        const QByteArray plugin = qgetenv("OCS_WEBVIEW_PLUGIN");
        qputenv("OCS_WEBVIEW_PLUGIN", "/bin/sh"); // exists, but is no plugin
        GuiTestEnvironment env;
        TestApp app(env);
        app.settings->setWebUiMode(AppSettings::WebUiMode::Embedded);
        QVERIFY(app.startAndSettle());
        ManagedSandbox *s = nullptr;
        QAction *open = runningSandbox(app, env.makeProject(QStringLiteral("plain")), &s);
        QVERIFY(open && open->isEnabled());
        m_browser.urls.clear();
        open->trigger();
        QTRY_COMPARE(m_browser.urls.size(), 1);
        QVERIFY(webViewWindows().isEmpty());
        QVERIFY(!webEngineLoaded());
        qputenv("OCS_WEBVIEW_PLUGIN", plugin);
    }

    void loadsTheViewOnlyWhenOpened()
    {
        GuiTestEnvironment env;
        TestApp app(env);
        app.settings->setWebUiMode(AppSettings::WebUiMode::Embedded);
        QVERIFY(app.startAndSettle());
        ManagedSandbox *s = nullptr;
        const QString root = env.makeProject(QStringLiteral("viewed"));
        QAction *open = runningSandbox(app, root, &s);
        QVERIFY(open && open->isEnabled());
        // The app is up, a sandbox runs: still nothing of WebEngine.
        QVERIFY(!webEngineLoaded());
        QVERIFY(webViewWindows().isEmpty());

        m_browser.urls.clear();
        open->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(webViewWindows().size(), 1, 20000);
        QVERIFY(webEngineLoaded());
        QVERIFY(m_browser.urls.isEmpty());
        QWidget *window = webViewWindows().first();
        QTRY_VERIFY(window->isVisible());
        QVERIFY2(window->windowTitle().contains(s->displayName()),
                 qPrintable(window->windowTitle()));
        // The project's own persistent profile, in its state folder.
        QTRY_VERIFY(QFileInfo(s->project()->stateDir() + QStringLiteral("/webview")).isDir());

        // Opening again reuses the project's window.
        open->trigger();
        QTest::qWait(500);
        QCOMPARE(webViewWindows().size(), 1);

        // The preference is read at each open.
        app.settings->setWebUiMode(AppSettings::WebUiMode::External);
        open->trigger();
        QTRY_COMPARE(m_browser.urls.size(), 1);
        QCOMPARE(webViewWindows().size(), 1);
        window->close();
        QTRY_VERIFY(webViewWindows().isEmpty());
    }

    // Quitting the app deletes the views (WebEngine must not outlive the application object).
    void quitClosesTheViews()
    {
        GuiTestEnvironment env;
        TestApp app(env);
        app.settings->setWebUiMode(AppSettings::WebUiMode::Embedded);
        QVERIFY(app.startAndSettle());
        ManagedSandbox *s = nullptr;
        QAction *open = runningSandbox(app, env.makeProject(QStringLiteral("quitting")), &s);
        QVERIFY(open);
        open->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(webViewWindows().size(), 1, 20000);
        // (exit(), not quit(): without a tray, MainWindow turns "close" into a quit request
        // and so refuses the close that quit() tries first.)
        QTimer::singleShot(200, qApp, [] { QCoreApplication::exit(0); });
        QCoreApplication::exec(); // emits aboutToQuit when it returns
        QVERIFY(webViewWindows().isEmpty());
    }
};

QTEST_MAIN(TestWebViewOpener)
#include "tst_webviewopener.moc"
