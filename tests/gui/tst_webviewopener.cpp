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
#include <QScopeGuard>
#include <QTemporaryDir>
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

// The external browser as the app starts it (OCS_BROWSER, see signinpage::open): a script
// that records the address it was given, one line per launch.
class BrowserRecorder
{
public:
    bool install()
    {
        if (!m_dir.isValid())
            return false;
        QFile script(m_dir.filePath(QStringLiteral("browser")));
        if (!script.open(QIODevice::WriteOnly))
            return false;
        script.write("#!/bin/sh\nprintf '%s\\n' \"$1\" >>\"$(dirname \"$0\")/launches\"\n");
        script.close();
        script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        qputenv("OCS_BROWSER", QFile::encodeName(script.fileName()));
        return true;
    }
    QStringList launches() const
    {
        QFile f(m_dir.filePath(QStringLiteral("launches")));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }
    void clear() { QFile::remove(m_dir.filePath(QStringLiteral("launches"))); }

private:
    QTemporaryDir m_dir;
};

} // namespace

class TestWebViewOpener : public QObject
{
    Q_OBJECT
private:
    BrowserRecorder m_browser;

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
        QVERIFY(m_browser.install());
        QVERIFY2(!qEnvironmentVariableIsEmpty("OCS_WEBVIEW_PLUGIN"), "set by CTest");
    }

    void cleanupTestCase() { qunsetenv("OCS_BROWSER"); }

    // Without a loadable plugin the browser is used (and WebEngine stays unloaded).
    void fallsBackToTheBrowserWithoutThePlugin()
    {
        const QByteArray plugin = qgetenv("OCS_WEBVIEW_PLUGIN");
        const auto restore = qScopeGuard([plugin] { qputenv("OCS_WEBVIEW_PLUGIN", plugin); });
        qputenv("OCS_WEBVIEW_PLUGIN", "/bin/sh"); // exists, but is no plugin
        GuiTestEnvironment env;
        TestApp app(env);
        app.settings->setWebUiMode(AppSettings::WebUiMode::Embedded);
        QVERIFY(app.startAndSettle());
        ManagedSandbox *s = nullptr;
        QAction *open = runningSandbox(app, env.makeProject(QStringLiteral("plain")), &s);
        QVERIFY(open && open->isEnabled());
        m_browser.clear();
        open->trigger();
        QTRY_COMPARE(m_browser.launches().size(), 1);
        QVERIFY(webViewWindows().isEmpty());
        QVERIFY(!webEngineLoaded());
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

        m_browser.clear();
        open->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(webViewWindows().size(), 1, 20000);
        QVERIFY(webEngineLoaded());
        QVERIFY(m_browser.launches().isEmpty());
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
        QTRY_COMPARE(m_browser.launches().size(), 1);
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
