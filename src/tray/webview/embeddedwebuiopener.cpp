#include "embeddedwebuiopener.h"

#include "app/environment.h"
#include "app/managedsandbox.h"
#include "traylogging.h"
#include "webviewhost.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPluginLoader>
#include <QScopeGuard>
#include <QWidget>

#include <algorithm>

#ifndef OCS_WEBVIEW_PLUGIN_NAME
#define OCS_WEBVIEW_PLUGIN_NAME "ocs_webview.so"
#endif
#ifndef OCS_WEBVIEW_PLUGIN_RELDIR
#define OCS_WEBVIEW_PLUGIN_RELDIR "../lib/opencode-sandbox"
#endif

namespace ocs::tray::webview {

namespace {

// Qt warns that Qt::AA_ShareOpenGLContexts "must be set before QCoreApplication is created"
// whenever it is set later, as loading the view must (see host()); that one message is
// dropped while the plugin loads, everything else goes on to the previous handler.
QtMessageHandler g_previousHandler = nullptr;
void dropLateAttributeWarning(QtMsgType type, const QMessageLogContext &context,
                              const QString &message)
{
    if (type == QtWarningMsg &&
        message.startsWith(QLatin1String("Attribute Qt::AA_ShareOpenGLContexts")))
        return;
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

} // namespace

EmbeddedWebUiOpener::EmbeddedWebUiOpener() = default;

// The plugin's windows belong to it; it is never unloaded (WebEngine cannot be restarted).
EmbeddedWebUiOpener::~EmbeddedWebUiOpener() = default;

QStringList EmbeddedWebUiOpener::pluginCandidates()
{
    QStringList out;
    const QString env = ocs::environment::value(ocs::environment::Variable::WebViewPlugin);
    if (!env.isEmpty())
        out << env;
    const QString appDir = QCoreApplication::applicationDirPath();
    const QString name = QStringLiteral(OCS_WEBVIEW_PLUGIN_NAME);
    out << QDir(appDir).filePath(name)
        << QDir::cleanPath(appDir + QLatin1Char('/') + QStringLiteral(OCS_WEBVIEW_PLUGIN_RELDIR) +
                           QLatin1Char('/') + name);
    return out;
}

bool EmbeddedWebUiOpener::isAvailable()
{
    const QStringList candidates = pluginCandidates();
    return std::any_of(candidates.begin(), candidates.end(),
                       [](const QString &file) { return QFileInfo::exists(file); });
}

WebViewHost *EmbeddedWebUiOpener::host()
{
    if (m_host || m_tried)
        return m_host;
    m_tried = true;
    // Set before WebEngine's library is loaded, this keeps its load-time hook from warning
    // that it comes too late; the plugin then creates the shared OpenGL context itself. (Set
    // at start-up instead, it would make Qt create an OpenGL context, and load the GL driver,
    // in every run of the app.)
    g_previousHandler = qInstallMessageHandler(dropLateAttributeWarning);
    const auto restore = qScopeGuard([] { qInstallMessageHandler(g_previousHandler); });
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QStringList problems;
    for (const QString &file : pluginCandidates()) {
        if (!QFileInfo::exists(file))
            continue;
        QPluginLoader loader(file);
        QObject *instance = loader.instance();
        auto *host = qobject_cast<WebViewHost *>(instance);
        if (host) {
            qCInfo(lcTray) << "embedded web view loaded from" << file;
            m_plugin = instance;
            m_host = host;
            m_error.clear();
            return m_host;
        }
        problems << file + QStringLiteral(": ") +
                        (instance ? QStringLiteral("not an OpenCode Sandbox web view plugin")
                                  : loader.errorString());
    }
    m_error = problems.isEmpty()
                  ? QStringLiteral("the web view plugin is not installed (looked for %1)")
                        .arg(pluginCandidates().join(QStringLiteral(", ")))
                  : problems.join(QStringLiteral("; "));
    qCWarning(lcTray).noquote() << "no embedded web view:" << m_error;
    return nullptr;
}

bool EmbeddedWebUiOpener::open(ManagedSandbox *sandbox, const QUrl &loginUrl)
{
    if (!sandbox || !sandbox->project() || !loginUrl.isValid())
        return false;
    WebViewHost *view = host();
    if (!view)
        return false;
    WebViewRequest request;
    request.key = sandbox->sandboxId();
    request.projectName = sandbox->displayName();
    request.storagePath = sandbox->project()->stateDir() + QStringLiteral("/webview");
    request.url = loginUrl;
    // The URL carries a one-time token only (no password); it is not logged.
    qCInfo(lcTray) << "opening the web UI of" << request.key << "in the embedded view";
    QWidget *window = view->openWebView(request);
    if (window) {
        // A project removed from the app takes its window along.
        QObject::connect(sandbox, &QObject::destroyed, window, &QWidget::close,
                         Qt::UniqueConnection);
    }
    return window != nullptr;
}

QWidget *EmbeddedWebUiOpener::window(const QString &sandboxId) const
{
    return m_host ? m_host->webView(sandboxId) : nullptr;
}

} // namespace ocs::tray::webview
