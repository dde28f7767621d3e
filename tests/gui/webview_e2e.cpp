// End-to-end check of the embedded web view against a REAL sandbox (run by
// tests/e2e/browser-e2e.sh under Xvfb, as the sandbox's user).
//
// Usage: ocs_webview_e2e --project DIR --screenshot FILE.png [--timeout-s N]
// Environment: OCS_E2E_SECRET (the sandbox's password: it must appear nowhere in the view),
//              OCS_STATE_ROOT, OCS_ENGINE, ... as for `ocs`.
//
// It uses what the tray uses, wired as main() wires them: a ProjectRegistry holding DIR, a
// SandboxFleet that adopts the running sandbox, ManagedSandbox::requestWebLogin() (the
// sandbox's gateway) and PreferredWebUiOpener with the preference "embedded", which loads the
// plugin ocs_webview at the first open. Like the tray, this program does not link WebEngine:
// it sees the view's page only through Qt's meta-object system.
//
// Prints "PASS  what" / "FAIL  what" (+ indented details) / "NOTE  ..." lines.
// Exit: 0 all passed, 1 a check failed, 2 could not run.

#include "app/appsettings.h"
#include "app/managedsandbox.h"
#include "app/projectregistry.h"
#include "app/sandboxfleet.h"
#include "webuiopener.h"
#include "webview/embeddedwebuiopener.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPixmap>
#include <QSet>
#include <QTemporaryDir>
#include <QThread>
#include <QVariant>
#include <QWidget>

#include <cstdio>
#include <functional>

using namespace ocs;

namespace {

int g_failed = 0;

void line(const char *tag, const QString &text)
{
    std::printf("%s  %s\n", tag, qPrintable(text));
    std::fflush(stdout);
}
void pass(const QString &what)
{
    line("PASS", what);
}
void fail(const QString &what, const QStringList &details = {})
{
    ++g_failed;
    line("FAIL", what);
    for (const QString &d : details)
        std::printf("      %s\n", qPrintable(d.left(400)));
    std::fflush(stdout);
}
void check(const QString &what, bool ok, const QStringList &details = {})
{
    ok ? pass(what) : fail(what, details);
}
void note(const QString &text)
{
    line("NOTE", text);
}

bool waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(10);
    }
    return true;
}

bool webEngineLoaded()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    return maps.open(QIODevice::ReadOnly) && maps.readAll().contains("libQt6WebEngineCore");
}

} // namespace

// Collects what the plugin's page (ocs::tray::webview::WebViewPage) reports.
class PageProbe : public QObject
{
    Q_OBJECT
public:
    explicit PageProbe(QObject *page)
        : m_page(page)
    {
        connect(page, SIGNAL(consoleMessage(int, QString, int, QString)), this,
                SLOT(onConsole(int, QString, int, QString)));
        connect(page, SIGNAL(scriptFinished(int, QVariant)), this, SLOT(onScript(int, QVariant)));
        connect(page, SIGNAL(loadFinished(bool)), this, SLOT(onLoadFinished(bool)));
    }

    QStringList consoleErrors;
    QStringList consoleAll;
    QList<bool> loads;

    // Runs `script` in the page and waits for its result.
    QVariant evaluate(const QString &script, int timeoutMs = 15000)
    {
        const int id = ++m_nextId;
        QMetaObject::invokeMethod(m_page, "runScript", Q_ARG(int, id), Q_ARG(QString, script));
        waitFor([&] { return m_results.contains(id); }, timeoutMs);
        return m_results.take(id);
    }

private Q_SLOTS:
    void onConsole(int level, const QString &message, int lineNumber, const QString &source)
    {
        const QString text = QStringLiteral("%1 (%2:%3)").arg(message, source).arg(lineNumber);
        consoleAll << text;
        if (level == 2) // QWebEnginePage::ErrorMessageLevel
            consoleErrors << text;
    }
    void onScript(int id, const QVariant &result) { m_results.insert(id, result); }
    void onLoadFinished(bool ok) { loads << ok; }

private:
    QObject *m_page;
    int m_nextId = 0;
    QHash<int, QVariant> m_results;
};

int main(int argc, char *argv[])
{
    // As in the tray's main(): nothing of WebEngine is set up before the first open.
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("opencode-sandbox"));
    QApplication::setQuitOnLastWindowClosed(false);
    QCommandLineParser parser;
    const QCommandLineOption projectOpt(QStringLiteral("project"),
                                        QStringLiteral("Project folder."), QStringLiteral("DIR"));
    const QCommandLineOption shotOpt(QStringLiteral("screenshot"), QStringLiteral("PNG to save."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption timeoutOpt(QStringLiteral("timeout-s"),
                                        QStringLiteral("Seconds per step."), QStringLiteral("N"),
                                        QStringLiteral("90"));
    parser.addOptions({projectOpt, shotOpt, timeoutOpt});
    parser.addHelpOption();
    parser.process(app);
    if (!parser.isSet(projectOpt) || !parser.isSet(shotOpt)) {
        std::fprintf(stderr, "usage: ocs_webview_e2e --project DIR --screenshot FILE.png\n");
        return 2;
    }
#ifdef OCS_WEBVIEW_PLUGIN_FILE
    // The plugin of this build tree (the tray finds it next to itself).
    if (qEnvironmentVariableIsEmpty("OCS_WEBVIEW_PLUGIN"))
        qputenv("OCS_WEBVIEW_PLUGIN", OCS_WEBVIEW_PLUGIN_FILE);
#endif
    const int timeoutMs = parser.value(timeoutOpt).toInt() * 1000;
    const QString root = QFileInfo(parser.value(projectOpt)).canonicalFilePath();
    const QString shot = QFileInfo(parser.value(shotOpt)).absoluteFilePath();
    const QString secret = qEnvironmentVariable("OCS_E2E_SECRET");

    QTemporaryDir config;
    AppSettings settings(config.filePath(QStringLiteral("opencode-sandbox.conf")));
    settings.setWebUiMode(AppSettings::WebUiMode::Embedded);
    ProjectRegistry registry(settings.filePath());
    QString error;
    if (registry.add(root, &error).isEmpty()) {
        std::fprintf(stderr, "cannot register %s: %s\n", qPrintable(root), qPrintable(error));
        return 2;
    }
    SandboxFleet fleet(&registry);
    fleet.setEnginePreference(settings.enginePreference());
    fleet.start();
    ManagedSandbox *sandbox = nullptr;
    const bool running = waitFor(
        [&] {
            sandbox = fleet.sandbox(root);
            return sandbox && sandbox->state() == ManagedSandbox::State::Running;
        },
        timeoutMs);
    check(QStringLiteral("the app's fleet adopts the running sandbox"), running,
          {fleet.engineStatus().message,
           sandbox ? sandbox->lastError() : QStringLiteral("no sandbox for %1").arg(root)});
    if (!running)
        return 1;

    tray::PreferredWebUiOpener opener(&settings);
    check(QStringLiteral("nothing of WebEngine is loaded before the first open"),
          !webEngineLoaded() && !opener.embeddedOpener());

    QUrl login;
    QString loginError;
    bool answered = false;
    sandbox->requestWebLogin(QStringLiteral("/"), [&](const QUrl &url, const QString &e) {
        login = url;
        loginError = e;
        answered = true;
    });
    waitFor([&] { return answered; }, timeoutMs);
    check(QStringLiteral("the sandbox's gateway gives a one-time sign-in URL"),
          login.isValid() && loginError.isEmpty(), {loginError});
    if (!login.isValid())
        return 1;
    check(QStringLiteral("the sign-in URL holds no password"),
          !secret.isEmpty() && !login.toString().contains(secret));
    const QString gatewayOrigin = QStringLiteral("http://127.0.0.1:%1").arg(login.port());

    const bool opened = opener.open(sandbox, login);
    auto *embedded = static_cast<tray::webview::EmbeddedWebUiOpener *>(opener.embeddedOpener());
    check(QStringLiteral("the embedded opener loads the plugin and opens a window"),
          opened && embedded && embedded->errorString().isEmpty(),
          {embedded ? embedded->errorString() : QStringLiteral("no embedded opener")});
    QWidget *window = embedded ? embedded->window(sandbox->sandboxId()) : nullptr;
    if (!window)
        return 1;
    check(QStringLiteral("WebEngine is loaded now (only at the first open)"), webEngineLoaded());
    QObject *page = nullptr;
    for (QObject *o : window->findChildren<QObject *>()) {
        if (o->inherits("ocs::tray::webview::WebViewPage"))
            page = o;
    }
    if (!page) {
        fail(QStringLiteral("the window has the view's page"));
        return 1;
    }
    PageProbe probe(page);
    waitFor([&] { return window->isVisible(); }, 5000);
    check(QStringLiteral("the window is shown"), window->isVisible());

    // OpenCode's page is an empty <div id="root"> that its app fills; its components carry
    // data-component attributes. Not its error screen ("Something went wrong", as with a
    // missing JavaScript built-in), and laid out over the window (not collapsed to its header,
    // as without the dvh unit).
    const QString renderedScript =
        QStringLiteral("(() => { const r = document.querySelector('#root');"
                       " return !!(r && r.querySelector('[data-component]') && "
                       "document.body.innerText.trim().length > 0"
                       " && !document.body.innerText.includes('Something went wrong')"
                       " && r.getBoundingClientRect().height > window.innerHeight / 2); })()");
    QDeadlineTimer renderDeadline(timeoutMs);
    bool rendered = false;
    while (!rendered && !renderDeadline.hasExpired()) {
        rendered = probe.evaluate(renderedScript).toBool();
        if (!rendered)
            waitFor([] { return false; }, 250);
    }
    if (!rendered) {
        // The error screen's details (a stack trace) are in a text field.
        note(QStringLiteral("error details: %1")
                 .arg(probe
                          .evaluate(QStringLiteral(
                              "JSON.stringify([...document.querySelectorAll('textarea,input')]"
                              ".map(e => e.value).filter(v => v))"))
                          .toString()
                          .left(1500)));
    }
    const QString title = page->property("title").toString();
    check(QStringLiteral("OpenCode's app renders into #root in the view (title \"%1\")").arg(title),
          rendered && title == QLatin1String("OpenCode"),
          {probe.evaluate(QStringLiteral("document.body.innerText")).toString().left(300)});
    // Let the start-up requests settle before judging the console.
    waitFor([] { return false; }, 3000);
    note(QStringLiteral("page text: %1")
             .arg(probe.evaluate(QStringLiteral("document.body.innerText"))
                      .toString()
                      .simplified()
                      .left(160)));

    const QUrl current = page->property("url").toUrl();
    check(QStringLiteral("the view's URL is clean after the sign-in redirect (%1)")
              .arg(current.toString()),
          current.toString(QUrl::RemoveQuery | QUrl::RemovePath) == gatewayOrigin &&
              current.path() == QLatin1String("/") && !current.hasQuery() &&
              !current.toString().contains(QLatin1String("token")));
    check(QStringLiteral("no HTTP authentication was asked for (no prompt; the gateway signs in)"),
          page->property("answeredAuthentications").toInt() == 0 &&
              page->property("refusedAuthentications").toInt() == 0,
          {QStringLiteral("answered %1, refused %2")
               .arg(page->property("answeredAuthentications").toInt())
               .arg(page->property("refusedAuthentications").toInt())});
    check(QStringLiteral("the page logged no console error"), probe.consoleErrors.isEmpty(),
          probe.consoleErrors);
    const QString exposed =
        probe
            .evaluate(
                QStringLiteral("JSON.stringify({ html: document.documentElement.outerHTML, cookie: "
                               "document.cookie,"
                               " local: { ...localStorage }, session: { ...sessionStorage } })"))
            .toString();
    check(QStringLiteral("the session cookie is HttpOnly (scripts cannot read it)"),
          !exposed.isEmpty() && !exposed.contains(QLatin1String("ocs_session_")));
    check(QStringLiteral("the sandbox password appears nowhere in the view"),
          !secret.isEmpty() && !exposed.isEmpty() && !exposed.contains(secret) &&
              !current.toString().contains(secret));

    const QString storage = sandbox->project()->stateDir() + QStringLiteral("/webview");
    const QFileInfo storageInfo(storage);
    const QStringList stored = QDir(storage).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
    check(QStringLiteral("the project's own profile is stored in %1 (owner-only)").arg(storage),
          storageInfo.isDir() && !stored.isEmpty() &&
              storageInfo.permissions() ==
                  (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                   QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ExeUser),
          {stored.join(QLatin1Char(' '))});

    const QImage image = window->grab().toImage();
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 4) {
        for (int x = 0; x < image.width(); x += 4)
            colours.insert(image.pixel(x, y));
    }
    const bool saved = image.save(shot, "PNG");
    check(QStringLiteral("screenshot saved (%1x%2, %3 colours): %4")
              .arg(image.width())
              .arg(image.height())
              .arg(colours.size())
              .arg(shot),
          saved && colours.size() > 8);
    window->close();
    waitFor([] { return false; }, 300);
    return g_failed == 0 ? 0 : 1;
}

#include "webview_e2e.moc"
