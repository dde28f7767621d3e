#include "gatewaypolicy.h"

#include "httpheadparser.h"

namespace ocs::gateway::policy {

namespace {

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && a.compare(b, Qt::CaseInsensitive) == 0;
}

bool containsIgnoringCase(const QList<QByteArray> &list, QByteArrayView value)
{
    for (const QByteArray &item : list) {
        if (equalsIgnoringCase(item, value))
            return true;
    }
    return false;
}

QByteArrayView trimmedView(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t'))
        v.chop(1);
    return v;
}

// Calls fn(name, value, wholePair) for each "name=value" pair of a Cookie field value.
template<typename Fn> void forEachCookie(QByteArrayView header, Fn fn)
{
    while (!header.isEmpty()) {
        const qsizetype semi = header.indexOf(';');
        const QByteArrayView pair = trimmedView(semi < 0 ? header : header.first(semi));
        header = semi < 0 ? QByteArrayView() : header.sliced(semi + 1);
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const QByteArrayView name = trimmedView(eq < 0 ? pair : pair.first(eq));
        const QByteArrayView value = eq < 0 ? QByteArrayView() : trimmedView(pair.sliced(eq + 1));
        fn(name, value, pair);
    }
}

} // namespace

QList<QByteArray> allowedHosts(quint16 port)
{
    const QByteArray p = QByteArray::number(port);
    return {QByteArrayLiteral("127.0.0.1:") + p, QByteArrayLiteral("localhost:") + p};
}

QList<QByteArray> allowedOrigins(quint16 port)
{
    const QByteArray p = QByteArray::number(port);
    return {QByteArrayLiteral("http://127.0.0.1:") + p, QByteArrayLiteral("http://localhost:") + p};
}

bool isAllowedHost(const HttpHead &head, const QList<QByteArray> &hosts)
{
    if (head.count("host") != 1)
        return false;
    return containsIgnoringCase(hosts, head.value("host"));
}

bool isSameOriginRequest(const HttpHead &head, const QList<QByteArray> &origins)
{
    for (const HttpHeaderField &f : head.fields) {
        if (f.lowerName == "sec-fetch-site") {
            if (!equalsIgnoringCase(f.value, "same-origin") && !equalsIgnoringCase(f.value, "none"))
                return false;
        } else if (f.lowerName == "origin") {
            if (!containsIgnoringCase(origins, f.value))
                return false;
        }
    }
    return true;
}

bool isTopLevelNavigation(const HttpHead &head)
{
    return (head.method == "GET" || head.method == "HEAD") && head.count("sec-fetch-mode") == 1 &&
           head.count("sec-fetch-dest") == 1 &&
           equalsIgnoringCase(head.value("sec-fetch-mode"), "navigate") &&
           equalsIgnoringCase(head.value("sec-fetch-dest"), "document");
}

bool isPublicWithoutSession(const HttpHead &head)
{
    if (head.method != "GET" && head.method != "HEAD")
        return false;
    if (head.count("content-length") > 0 || head.count("transfer-encoding") > 0)
        return false;
    return head.target == "/site.webmanifest";
}

QByteArray sanitizeNextPath(QByteArrayView next)
{
    static constexpr qsizetype MaxLength = 4096;
    const QByteArray fallback = QByteArrayLiteral("/");
    if (next.isEmpty() || next.front() != '/' || next.size() > MaxLength)
        return fallback;
    if (next.size() > 1 && (next[1] == '/' || next[1] == '\\'))
        return fallback;
    if (next.contains('\\'))
        return fallback;
    if (next.startsWith("/__ocs/") || next == "/__ocs")
        return fallback;

    static const char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(next.size());
    for (char c : next) {
        const auto u = static_cast<unsigned char>(c);
        // Browsers drop tabs and newlines from URLs ("/\t/host" would become "//host"), so
        // every control character, space and non-ASCII byte is percent-encoded.
        if (u <= 0x20 || u >= 0x7f) {
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 0xf];
        } else {
            out += c;
        }
    }
    return out;
}

QList<QByteArray> cookieValues(const HttpHead &head, QByteArrayView name)
{
    QList<QByteArray> values;
    for (const HttpHeaderField &f : head.fields) {
        if (f.lowerName != "cookie")
            continue;
        forEachCookie(f.value, [&](QByteArrayView n, QByteArrayView v, QByteArrayView) {
            if (n == name)
                values.append(v.toByteArray());
        });
    }
    return values;
}

QByteArray removeCookie(QByteArrayView cookieHeaderValue, QByteArrayView name)
{
    QByteArray out;
    forEachCookie(cookieHeaderValue, [&](QByteArrayView n, QByteArrayView, QByteArrayView pair) {
        if (n == name)
            return;
        if (!out.isEmpty())
            out += "; ";
        out += pair;
    });
    return out;
}

bool isSessionCookieName(QByteArrayView name)
{
    return name.startsWith(SessionCookiePrefix);
}

QByteArray removeSessionCookies(QByteArrayView cookieHeaderValue)
{
    QByteArray out;
    forEachCookie(cookieHeaderValue, [&](QByteArrayView n, QByteArrayView, QByteArrayView pair) {
        if (isSessionCookieName(n))
            return;
        if (!out.isEmpty())
            out += "; ";
        out += pair;
    });
    return out;
}

QByteArray setCookieName(QByteArrayView setCookieValue)
{
    const qsizetype end = setCookieValue.indexOf('=');
    return trimmedView(end < 0 ? setCookieValue : setCookieValue.first(end)).toByteArray();
}

QByteArrayView targetPath(QByteArrayView target)
{
    const qsizetype q = target.indexOf('?');
    return q < 0 ? target : target.first(q);
}

QByteArray queryValue(QByteArrayView target, QByteArrayView key)
{
    const qsizetype q = target.indexOf('?');
    if (q < 0)
        return {};
    QByteArrayView query = target.sliced(q + 1);
    const qsizetype hash = query.indexOf('#');
    if (hash >= 0)
        query = query.first(hash);
    while (!query.isEmpty()) {
        const qsizetype amp = query.indexOf('&');
        const QByteArrayView item = amp < 0 ? query : query.first(amp);
        query = amp < 0 ? QByteArrayView() : query.sliced(amp + 1);
        const qsizetype eq = item.indexOf('=');
        const QByteArrayView k = eq < 0 ? item : item.first(eq);
        if (k != key)
            continue;
        const QByteArray raw = eq < 0 ? QByteArray("") : item.sliced(eq + 1).toByteArray();
        return QByteArray::fromPercentEncoding(raw);
    }
    return {};
}

} // namespace ocs::gateway::policy
