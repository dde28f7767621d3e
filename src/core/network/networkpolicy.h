#pragma once

// What the proxy decides for a host, computed on the host (`ocs policy check`, the tray's
// activity window) by the same rules as docker/ocs-policy.js; tests/data/policy-cases.txt holds
// the cases both are tested against.

#include <QString>
#include <QStringList>

namespace ocs {

struct PolicyVerdict
{
    bool allowed = false;
    QString rule; // as in the decision log: "whitelist .example.com", "not whitelisted", ...
};

namespace networkpolicy {

// The verdict for a request to `host` (a name or an IP literal) on `port` (443 = CONNECT, 80
// = plain HTTP).
PolicyVerdict check(const QStringList &whitelist, const QStringList &blacklist, const QString &host,
                    int port = 443);

// The whitelist with `host` allowed: "host", or ".host" with `subdomains` (an entry the new
// one covers is dropped). Unchanged when already allowed that way.
QStringList allowed(const QStringList &whitelist, const QString &host, bool subdomains);
// Denying `host`: its exact whitelist entries removed; when a wider entry still allows it,
// it is added to the blacklist. Returns (whitelist, blacklist).
std::pair<QStringList, QStringList> denied(const QStringList &whitelist,
                                           const QStringList &blacklist, const QString &host);

// The domain a host is grouped under in the activity view: the last two labels, or three
// when the second-to-last is a short generic label (co.uk, com.au).
QString domainOf(const QString &host);

} // namespace networkpolicy
} // namespace ocs
