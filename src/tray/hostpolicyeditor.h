#pragma once

#include <QString>
#include <QStringList>

namespace ocs::tray {

// Allowing or denying hosts for one project from the tray, through the core's
// networkpolicy::allowHost / denyHost: the project's config (comments kept, rewritten in
// place), the start snapshot, and the live policy files of its state folder (a running
// sandbox's proxy applies them to its next request).
namespace hostpolicy {

enum class Change {
    AllowHost,   // "host"
    AllowDomain, // ".domain" of the host (networkpolicy::domainOf): the domain and subdomains
    Deny,        // out of the whitelist; blacklisted when a wider entry still allows it
};

struct Outcome
{
    bool ok = false;
    QString error;
    QStringList entries; // what was allowed ("x.test", ".x.test") or denied
    // The live policy says what the config now says (false: an entry waits for the next
    // start's review, see networkpolicy::applyApproved).
    bool live = true;
};

// `hosts` one after the other (each a config write); stops at the first failure.
Outcome apply(const QString &projectRoot, const QStringList &hosts, Change change);

} // namespace hostpolicy
} // namespace ocs::tray
