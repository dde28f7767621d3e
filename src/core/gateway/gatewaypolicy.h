#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace ocs::gateway {

struct HttpHead;

// The request checks of the gateway, as pure functions so they can be tested on their own.
namespace policy {

// "127.0.0.1:<port>" and "localhost:<port>" (what a browser sends as Host).
QList<QByteArray> allowedHosts(quint16 port);
// "http://127.0.0.1:<port>" and "http://localhost:<port>".
QList<QByteArray> allowedOrigins(quint16 port);

// Exactly one Host field, naming the gateway itself (DNS-rebinding protection).
bool isAllowedHost(const HttpHead &head, const QList<QByteArray> &allowedHosts);

// False for requests a browser made on behalf of another site: Sec-Fetch-Site other than
// "same-origin" or "none" (stricter than cross-site only: pages of other local servers are
// "same-site" since ports do not count), or an Origin that is not the gateway's own.
// Requests without these fields (non-browser clients, older browsers) pass.
bool isSameOriginRequest(const HttpHead &head, const QList<QByteArray> &allowedOrigins);

// The few static files a browser fetches without cookies even from its own origin, which the
// gateway therefore relays without a session: exactly GET or HEAD of "/site.webmanifest"
// (Chromium fetches a page's <link rel="manifest"> with credentials omitted unless it says
// crossorigin="use-credentials", which OpenCode's page does not). The file is the same public
// build asset in every OpenCode install; nothing else is let through without a session.
// A top-level navigation of the browser (Sec-Fetch-Mode: navigate, Sec-Fetch-Dest: document):
// not a subresource, frame, fetch or form a page of another site could make and read.
bool isTopLevelNavigation(const HttpHead &head);

bool isPublicWithoutSession(const HttpHead &head);

// The value of a redirect target given by the caller: a local absolute path (with optional
// query), never a scheme, host, "//" or backslash (no open redirect), and never the gateway's
// own /__ocs/ endpoints. Bytes outside printable ASCII are percent-encoded. Returns "/" for
// anything unacceptable.
QByteArray sanitizeNextPath(QByteArrayView next);

// The values of the cookie `name` in all Cookie fields of `head` (several if the browser
// holds stale ones).
QList<QByteArray> cookieValues(const HttpHead &head, QByteArrayView name);

// `cookieHeaderValue` without the cookie `name` (pairs joined by "; "); empty if nothing left.
QByteArray removeCookie(QByteArrayView cookieHeaderValue, QByteArrayView name);

// The start of every gateway's session cookie name ("ocs_session_<port>"). Browsers keep
// cookies per host, not per port: each gateway on 127.0.0.1 receives the session cookies of
// all the others, and its upstream could set or delete theirs. So a gateway removes all of
// them from what it relays upstream, and never lets its upstream set one.
inline constexpr QByteArrayView SessionCookiePrefix = "ocs_session_";
bool isSessionCookieName(QByteArrayView name);
// `cookieHeaderValue` without any gateway's session cookie (see SessionCookiePrefix).
QByteArray removeSessionCookies(QByteArrayView cookieHeaderValue);

// The name of a Set-Cookie field value ("name=value; attrs").
QByteArray setCookieName(QByteArrayView setCookieValue);

// Query parameter `key` of a request target's query string, percent-decoded; null if absent.
QByteArray queryValue(QByteArrayView target, QByteArrayView key);

// The path part of a request target (before '?').
QByteArrayView targetPath(QByteArrayView target);

} // namespace policy
} // namespace ocs::gateway
