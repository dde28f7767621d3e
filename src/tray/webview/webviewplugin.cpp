#include "webviewplugin.h"

#include "webviewwindow.h"

#include <QCoreApplication>
#include <QQuickWindow>
#include <QSGRendererInterface>

#include <utility>

namespace QtWebEngineCore {
// Qt WebEngine's own set-up (qtwebenginecoreglobal_p.h; exported, and what the public
// QtWebEngineQuick::initialize() calls): creates the OpenGL context that Chromium's
// compositor shares with Qt. WebEngine runs it by itself only when its library is loaded
// before the application object is made, which a plugin's never is.
Q_DECL_IMPORT void initialize();
} // namespace QtWebEngineCore

namespace ocs::tray::webview {

namespace {
void setUpWebEngine()
{
    static bool done = false;
    if (done)
        return;
    done = true;
    // What WebEngine's load-time hook does when it comes first (no Qt Quick window exists yet
    // in the tray, so the graphics API can still be chosen).
    const auto api = QQuickWindow::graphicsApi();
    if (api != QSGRendererInterface::OpenGL && api != QSGRendererInterface::Vulkan)
        QQuickWindow::setGraphicsApi(QSGRendererInterface::OpenGL);
    QtWebEngineCore::initialize(); // also sets Qt::AA_ShareOpenGLContexts
}
} // namespace

WebViewPlugin::WebViewPlugin(QObject *parent)
    : QObject(parent)
{
    // Made by QPluginLoader at the first embedded open, in the GUI thread, before any
    // WebEngine object.
    setUpWebEngine();
    // Pages and profiles must be gone before the application object (WebEngine shuts down
    // with it); the plugin itself lives until the libraries are unloaded, too late for that.
    connect(qApp, &QCoreApplication::aboutToQuit, this, &WebViewPlugin::closeAll);
}

void WebViewPlugin::closeAll()
{
    const auto windows = std::exchange(m_windows, {});
    for (const QPointer<WebViewWindow> &w : windows)
        delete w.data();
}

WebViewPlugin::~WebViewPlugin()
{
    closeAll();
}

QWidget *WebViewPlugin::openWebView(const WebViewRequest &request)
{
    if (request.key.isEmpty() || !request.url.isValid())
        return nullptr;
    QPointer<WebViewWindow> &window = m_windows[request.key];
    if (!window) {
        WebViewOptions options;
        options.key = request.key;
        options.projectName = request.projectName;
        options.storagePath = request.storagePath;
        window = new WebViewWindow(std::move(options));
    }
    window->open(request.url);
    return window;
}

QWidget *WebViewPlugin::webView(const QString &key) const
{
    return m_windows.value(key);
}

} // namespace ocs::tray::webview
