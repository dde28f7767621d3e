#include "network/networkpolicy.h"

#include <QHostAddress>

using namespace Qt::StringLiterals;

namespace ocs::networkpolicy {

namespace {

// Lower case, surrounding space and one trailing dot removed; IPv6 brackets kept.
QString normalisedName(const QString &text)
{
    QString s = text.trimmed().toLower();
    if (s.endsWith(u'.') && s.size() > 1)
        s.chop(1);
    return s;
}

bool isDigits(QStringView s)
{
    if (s.isEmpty())
        return false;
    for (QChar c : s) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

bool isHexNumber(QStringView s) // "0x", "0x7f": what inet_aton and URL parsers read as a number
{
    if (!s.startsWith(u"0x"))
        return false;
    for (QChar c : s.mid(2)) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

// An IP literal: IPv6 (bare or in brackets), or IPv4 in any of the forms resolvers accept
// ("1.2.3.4", "127.1", "2130706433", "0x7f.1"): a name whose last label is a number. No
// top-level domain is numeric, so nothing else is taken for one.
bool isIpLiteral(const QString &host)
{
    QString s = host;
    if (s.startsWith(u'[') && s.endsWith(u']'))
        return QHostAddress(s.mid(1, s.size() - 2)).protocol() == QAbstractSocket::IPv6Protocol;
    if (s.contains(u':'))
        return QHostAddress(s).protocol() == QAbstractSocket::IPv6Protocol;
    const QString last = s.section(u'.', -1);
    return isDigits(last) || isHexNumber(last);
}

// A domain name as the proxy accepts it: at most 253 characters, labels of 1 to 63 ASCII
// letters, digits and '-', not starting or ending with '-'.
bool isValidName(const QString &host)
{
    if (host.isEmpty() || host.size() > 253)
        return false;
    const QStringList labels = host.split(u'.');
    for (const QString &label : labels) {
        if (label.isEmpty() || label.size() > 63 || label.startsWith(u'-') || label.endsWith(u'-'))
            return false;
        for (QChar c : label) {
            if (!((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-'))
                return false;
        }
    }
    return true;
}

// Whether list entry `entry` matches the (normalised) `host`.
bool matches(const QString &entry, const QString &host)
{
    const QString e = normalisedName(entry);
    if (e.startsWith(u'.')) {
        const QString base = e.mid(1);
        return !base.isEmpty() && (host == base || host.endsWith(e));
    }
    return !e.isEmpty() && host == e;
}

// The first entry of `list` matching `host`, trimmed; empty when none does.
QString firstMatch(const QStringList &list, const QString &host)
{
    for (const QString &entry : list) {
        if (matches(entry, host))
            return entry.trimmed();
    }
    return {};
}

} // namespace

PolicyVerdict check(const QStringList &whitelist, const QStringList &blacklist, const QString &host,
                    int port)
{
    const QString h = normalisedName(host);
    if (isIpLiteral(h))
        return {false, u"ip address"_s};
    if (!isValidName(h))
        return {false, u"invalid host"_s};
    if (port != 443 && port != 80)
        return {false, u"port"_s};
    if (const QString e = firstMatch(blacklist, h); !e.isEmpty())
        return {false, u"blacklist "_s + e};
    if (const QString e = firstMatch(whitelist, h); !e.isEmpty())
        return {true, u"whitelist "_s + e};
    return {false, u"not whitelisted"_s};
}

QStringList allowed(const QStringList &whitelist, const QString &host, bool subdomains)
{
    const QString h = normalisedName(host);
    if (h.isEmpty())
        return whitelist;
    const QString wanted = subdomains ? u"."_s + h : h;
    // Already allowed that way: by an entry covering `wanted` (".x" covers "h" and ".h" for h
    // = x or below x; "h" covers only "h").
    for (const QString &entry : whitelist) {
        const QString e = normalisedName(entry);
        if (e == wanted)
            return whitelist;
        if (e.startsWith(u'.') && matches(e, h))
            return whitelist;
    }
    QStringList out;
    for (const QString &entry : whitelist) {
        const QString e = normalisedName(entry);
        // Entries the new one covers: with subdomains, "h", ".h" and anything below h.
        const QString bare = e.startsWith(u'.') ? e.mid(1) : e;
        const bool covered = subdomains ? matches(wanted, bare) : e == h;
        if (!covered)
            out << entry;
    }
    out << wanted;
    return out;
}

std::pair<QStringList, QStringList> denied(const QStringList &whitelist,
                                           const QStringList &blacklist, const QString &host)
{
    const QString h = normalisedName(host);
    QStringList white;
    for (const QString &entry : whitelist) {
        if (normalisedName(entry) != h)
            white << entry;
    }
    QStringList black = blacklist;
    if (!h.isEmpty() && firstMatch(blacklist, h).isEmpty() && !firstMatch(white, h).isEmpty())
        black << h;
    return {white, black};
}

QString domainOf(const QString &host)
{
    const QString h = normalisedName(host);
    if (h.isEmpty() || isIpLiteral(h))
        return h;
    const QStringList labels = h.split(u'.');
    if (labels.size() <= 2)
        return h;
    static const QStringList generic{u"ac"_s,  u"co"_s,  u"com"_s, u"edu"_s, u"gob"_s,
                                     u"gov"_s, u"go"_s,  u"ltd"_s, u"mil"_s, u"ne"_s,
                                     u"net"_s, u"nic"_s, u"or"_s,  u"org"_s, u"plc"_s};
    const QString &tld = labels.last();
    const QString &second = labels.at(labels.size() - 2);
    const int n = tld.size() == 2 && generic.contains(second) ? 3 : 2;
    return labels.mid(labels.size() - n).join(u'.');
}

} // namespace ocs::networkpolicy
