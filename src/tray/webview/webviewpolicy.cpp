#include "webviewpolicy.h"

#include <QCoreApplication>

namespace ocs::tray::webview {

Q_LOGGING_CATEGORY(lcWebView, "ocs.tray.webview", QtInfoMsg)

namespace {

bool isWeb(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return url.isValid() && (scheme == QLatin1String("http") || scheme == QLatin1String("https")) &&
           !url.host().isEmpty();
}

} // namespace

QString originOf(const QUrl &url)
{
    if (!isWeb(url))
        return {};
    const QString scheme = url.scheme().toLower();
    const int port = url.port(scheme == QLatin1String("https") ? 443 : 80);
    QString host = url.host(QUrl::FullyEncoded).toLower();
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']'); // IPv6
    return scheme + QStringLiteral("://") + host + QLatin1Char(':') + QString::number(port);
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    const QString oa = originOf(a);
    return !oa.isEmpty() && oa == originOf(b);
}

std::optional<OriginCredentials> credentialsFor(const QUrl &requestUrl,
                                                const std::optional<OriginCredentials> &credentials)
{
    if (!credentials || !credentials->isValid() || !sameOrigin(requestUrl, credentials->origin))
        return std::nullopt;
    return credentials;
}

Navigation classifyNavigation(const QUrl &url, const QUrl &appOrigin, bool isMainFrame)
{
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("about") || scheme == QLatin1String("data") ||
        scheme == QLatin1String("blob"))
        return Navigation::InView;
    if (isWeb(url)) {
        if (sameOrigin(url, appOrigin))
            return Navigation::InView;
        // Frames of other sites inside the UI are not shown, nor opened as pages of their own.
        return isMainFrame ? Navigation::External : Navigation::Refused;
    }
    if (scheme == QLatin1String("mailto") && isMainFrame)
        return Navigation::External;
    return Navigation::Refused;
}

QString viewWindowTitle(const QString &projectName, const QString &pageTitle)
{
    QString title =
        QCoreApplication::translate("ocs::tray::webview", "OpenCode — %1").arg(projectName);
    const QString page = pageTitle.simplified().left(80);
    if (!page.isEmpty() && page != QLatin1String("OpenCode") &&
        !page.startsWith(QLatin1String("http")))
        title = page + QStringLiteral(" · ") + title;
    return title;
}

} // namespace ocs::tray::webview
