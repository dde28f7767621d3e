#include "webviewpage.h"

#include <QAuthenticator>
#include <QDesktopServices>
#include <QWebEngineNewWindowRequest>

namespace ocs::tray::webview {

namespace {
// Wrong credentials make the engine ask again at once: give up after a few answers per load.
constexpr int MaxAnswersPerLoad = 3;
} // namespace

WebViewPage::WebViewPage(QWebEngineProfile *profile, std::optional<OriginCredentials> credentials,
                         QObject *parent)
    : QWebEnginePage(profile, parent)
    , m_credentials(std::move(credentials))
{
    connect(this, &QWebEnginePage::authenticationRequired, this,
            &WebViewPage::onAuthenticationRequired);
    connect(this, &QWebEnginePage::proxyAuthenticationRequired, this,
            [this](const QUrl &, QAuthenticator *authenticator, const QString &) {
                ++m_refused;
                *authenticator = QAuthenticator(); // cancel: the view uses no proxy of its own
            });
    connect(this, &QWebEnginePage::newWindowRequested, this, &WebViewPage::onNewWindowRequested);
    connect(this, &QWebEnginePage::loadStarted, this, [this] { m_answeredSinceLoad = 0; });
}

void WebViewPage::loadApp(const QUrl &url)
{
    m_appOrigin = QUrl(originOf(url));
    load(url);
}

void WebViewPage::onAuthenticationRequired(const QUrl &requestUrl, QAuthenticator *authenticator)
{
    const std::optional<OriginCredentials> answer = credentialsFor(requestUrl, m_credentials);
    if (answer && m_answeredSinceLoad < MaxAnswersPerLoad) {
        ++m_answered;
        ++m_answeredSinceLoad;
        authenticator->setUser(answer->user);
        authenticator->setPassword(answer->password);
        return;
    }
    ++m_refused;
    // The host only (never the credentials); a null authenticator cancels the request.
    qCInfo(lcWebView) << "refused an authentication request of" << originOf(requestUrl);
    *authenticator = QAuthenticator();
}

bool WebViewPage::acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame)
{
    switch (classifyNavigation(url, m_appOrigin, isMainFrame)) {
    case Navigation::InView:
        return true;
    case Navigation::External:
        // Only what the user asked for (a link, a form) leaves: not redirects or scripts that
        // navigate the UI away by themselves.
        if (type == NavigationTypeLinkClicked || type == NavigationTypeFormSubmitted)
            openExternally(url);
        else
            qCInfo(lcWebView) << "refused a navigation to another site";
        return false;
    case Navigation::Refused:
        qCInfo(lcWebView) << "refused a navigation to a" << url.scheme() << "URL";
        return false;
    }
    return false;
}

void WebViewPage::onNewWindowRequested(QWebEngineNewWindowRequest &request)
{
    const QUrl url = request.requestedUrl();
    switch (classifyNavigation(url, m_appOrigin, true)) {
    case Navigation::InView:
        // The UI's own pages (and blank windows) stay in this one view.
        if (url.scheme() != QLatin1String("about"))
            load(url);
        return;
    case Navigation::External:
        // Only links the user opened: not windows that a script opened by itself.
        if (request.isUserInitiated())
            openExternally(url);
        return;
    case Navigation::Refused:
        return;
    }
}

void WebViewPage::openExternally(const QUrl &url)
{
    qCInfo(lcWebView) << "opening a link in the default browser";
    if (QDesktopServices::openUrl(url))
        Q_EMIT openedExternally(url);
}

void WebViewPage::runScript(int id, const QString &script)
{
    runJavaScript(script,
                  [this, id](const QVariant &result) { Q_EMIT scriptFinished(id, result); });
}

void WebViewPage::javaScriptConsoleMessage(JavaScriptConsoleMessageLevel level,
                                           const QString &message, int lineNumber,
                                           const QString &sourceID)
{
    Q_EMIT consoleMessage(int(level), message, lineNumber, sourceID);
}

} // namespace ocs::tray::webview
