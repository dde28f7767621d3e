#pragma once

// The embedded web view's rules, as pure functions without any Qt WebEngine class (so the
// tray can use and test them without loading WebEngine).

#include <QLoggingCategory>
#include <QString>
#include <QUrl>

#include <optional>

namespace ocs::tray::webview {

Q_DECLARE_LOGGING_CATEGORY(lcWebView)

// "scheme://host:port" of an http(s) URL with the port made explicit (80/443 when omitted),
// the host lower-cased; empty for any other URL.
QString originOf(const QUrl &url);
// Both are http(s) URLs of exactly the same origin (scheme, host and port).
bool sameOrigin(const QUrl &a, const QUrl &b);

// HTTP credentials bound to exactly one origin.
struct OriginCredentials
{
    QUrl origin; // e.g. http://127.0.0.1:4711 (path, query and user info are ignored)
    QString user;
    QString password;

    bool isValid() const { return !originOf(origin).isEmpty() && !user.isEmpty(); }
};

// What an authentication request of the page for `requestUrl` is answered with: the
// credentials when `requestUrl` has exactly their origin, else nothing (the request is
// cancelled: no prompt, nothing sent).
std::optional<OriginCredentials>
credentialsFor(const QUrl &requestUrl, const std::optional<OriginCredentials> &credentials);

// Where a navigation goes. `appOrigin` is the origin of the web UI shown in the view.
enum class Navigation {
    InView,   // the web UI itself (its origin), or a harmless internal URL (about:, data:, blob:)
    External, // another web site or a mail link: opened in the default browser, not in the view
    Refused   // anything else (file:, javascript: as a URL, custom schemes of other apps, ...)
};
Navigation classifyNavigation(const QUrl &url, const QUrl &appOrigin, bool isMainFrame);

// A short, printable name for the window title ("OpenCode — <name>").
QString viewWindowTitle(const QString &projectName, const QString &pageTitle);

} // namespace ocs::tray::webview
