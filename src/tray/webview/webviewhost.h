#pragma once

// The interface between the tray and its embedded web view. The view (every Qt WebEngine
// class) lives in the plugin ocs_webview, which the tray loads with QPluginLoader the first
// time the user opens a web UI in the embedded view: linked into the app, WebEngine would be
// loaded and initialised at every start (a shared OpenGL context, the GL driver: about 80 MB
// more memory for a tray icon), even for people who never use the view. No WebEngine header
// here.

#include <QString>
#include <QUrl>
#include <QtPlugin>

class QWidget;

namespace ocs::tray::webview {

struct WebViewRequest
{
    // Unique per project (the sandbox ID): one window and one WebEngine profile each.
    QString key;
    // Shown in the window title.
    QString projectName;
    // The profile's own folder (cookies, local storage, cache); empty: off the record.
    QString storagePath;
    // What to load: the sandbox gateway's one-time sign-in URL.
    QUrl url;
};

class WebViewHost
{
public:
    virtual ~WebViewHost() = default;
    // Shows the project's window (made at the first request for its key) and loads the URL.
    // Returns the window, or null if it cannot be shown.
    virtual QWidget *openWebView(const WebViewRequest &request) = 0;
    // The open window of a project, if any.
    virtual QWidget *webView(const QString &key) const = 0;
};

} // namespace ocs::tray::webview

#define OCS_WEBVIEW_HOST_IID "io.opencode-sandbox.WebViewHost/1"
Q_DECLARE_INTERFACE(ocs::tray::webview::WebViewHost, OCS_WEBVIEW_HOST_IID)
