#pragma once

#include <QString>
#include <QStringList>

namespace ocs::tray {

// Allowing or denying hosts for one project from the tray: the project's config (comments
// kept, rewritten in place) and the live policy files of its state folder (a running
// sandbox's proxy applies them to its next request). The one place that writes them.
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
    QStringList entries; // what was added ("x.test", ".x.test") or denied
};

Outcome apply(const QString &configPath, const QString &stateDir, const QStringList &hosts,
              Change change);

} // namespace hostpolicy
} // namespace ocs::tray
