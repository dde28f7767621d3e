#pragma once

#include "webviewpolicy.h"

#include <QWebEnginePage>

#include <functional>
#include <optional>

class QAuthenticator;
class QWebEngineNewWindowRequest;

namespace ocs::tray::webview {

// The page of an embedded web UI. It keeps the user on the UI's own origin: links to other
// sites (also target=_blank and window.open) open in the default browser
// (QDesktopServices::openUrl), and other schemes are refused. HTTP authentication is answered
// only with credentials bound to the exact origin asking (see credentialsFor); every other
// request, and every proxy authentication request, is cancelled without a prompt.
class WebViewPage : public QWebEnginePage
{
    Q_OBJECT
    // Diagnostics, readable without linking WebEngine (the app loads the view as a plugin).
    Q_PROPERTY(int answeredAuthentications READ answeredAuthentications)
    Q_PROPERTY(int refusedAuthentications READ refusedAuthentications)
public:
    WebViewPage(QWebEngineProfile *profile, std::optional<OriginCredentials> credentials,
                QObject *parent = nullptr);

    // The origin of the web UI (the origin of the URL last loaded with load()).
    QUrl appOrigin() const { return m_appOrigin; }
    // Loads `url` and makes its origin the UI's.
    void loadApp(const QUrl &url);

    // How many authentication requests were answered and refused (diagnostics, tests).
    int answeredAuthentications() const { return m_answered; }
    int refusedAuthentications() const { return m_refused; }

    // Runs `script` in the page; scriptFinished(id, result) follows. For checks from outside
    // the plugin (tests/gui/webview_e2e.cpp), which cannot call runJavaScript() itself.
    Q_INVOKABLE void runScript(int id, const QString &script);

Q_SIGNALS:
    // A console message of the page (level: QWebEnginePage::JavaScriptConsoleMessageLevel).
    void consoleMessage(int level, const QString &message, int line, const QString &source);
    // A URL was handed to the default browser.
    void openedExternally(const QUrl &url);
    void scriptFinished(int id, const QVariant &result);

protected:
    bool acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame) override;
    void javaScriptConsoleMessage(JavaScriptConsoleMessageLevel level, const QString &message,
                                  int lineNumber, const QString &sourceID) override;

private:
    void onAuthenticationRequired(const QUrl &requestUrl, QAuthenticator *authenticator);
    void onNewWindowRequested(QWebEngineNewWindowRequest &request);
    void openExternally(const QUrl &url);

    std::optional<OriginCredentials> m_credentials;
    QUrl m_appOrigin;
    int m_answered = 0;
    int m_refused = 0;
    int m_answeredSinceLoad = 0;
};

} // namespace ocs::tray::webview
