#pragma once

// A project's live network policy: its config's whitelist and blacklist written to the policy
// files (policyfiles.h) that the proxy of its sandbox reads on every request, and the edits
// `ocs allow`, `ocs deny` and the tray make to both.

#include "config/projectconfig.h"
#include "network/networkpolicy.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace ocs {

class Project;

namespace networkpolicy {

// Writes the policy files of the project's state folder from `config`'s whitelist and
// blacklist, exactly: what a start calls once its review is accepted.
bool apply(const Project &project, const ProjectConfig &config, QString *error);

// For a running sandbox whose config changed outside a start: the blacklist in full (it only
// narrows), and of the whitelist the entries the last start's review approved (or `ocs allow`
// added since; an entry an approved one covers counts as approved). The other entries are
// left out until the next start asks about them, and returned in `held`. Without a start
// snapshot (never started) the whole whitelist is written: the first start reviews it all
// and writes the files again.
bool applyApproved(const Project &project, const ProjectConfig &config, QString *error,
                   QStringList *held = nullptr);

// After the user changed the config (`before` -> `after`) in the app's own settings: the
// whitelist entries they added count as approved (recorded in the start snapshot, as `ocs
// allow` does), those they removed leave the snapshot; then applyApproved(after).
bool applyEdited(const Project &project, const ProjectConfig &before, const ProjectConfig &after,
                 QString *error, QStringList *held = nullptr);

// The whitelist entries approved by `lastStarted` (a StartApproval snapshot, as in
// ocs-state.json; empty: all of them), in their order; the others in `held`.
QStringList approvedWhitelist(const QStringList &whitelist, const QJsonObject &lastStarted,
                              QStringList *held = nullptr);

// The outcome of allowHost() and denyHost().
struct PolicyEdit
{
    bool ok = false;
    QString error;      // when !ok: says what to fix (the config's errors with file:line)
    QString host;       // as checked: lower case, without a trailing dot
    QString configPath; // the file edited
    bool configChanged = false;
    QStringList changes;  // "+ whitelist: .x.test", "- whitelist: x.test", "+ blacklist: y"
    PolicyVerdict before; // the verdict for `host` (port 443) by the config before
    PolicyVerdict after;  // and after
    PolicyVerdict live;   // by the policy files written (differs from `after` when an
                          // entry that allows the host is held)
    QStringList held;     // whitelist entries not applied live (see applyApproved)
};

// Allows `host` for the project: loads its config file, adds the host to the whitelist
// (networkpolicy::allowed; ".host" or `subdomains`: the host and its subdomains) and removes
// it from the blacklist, saves the config in place (comments kept, same inode: a running
// sandbox has it mounted), records the entry as approved in the start snapshot (the next
// start does not ask about it), and writes the policy files (applyApproved): a running
// sandbox applies them to its next request, a stopped one gets them at its start. Fails,
// changing nothing, when the config has errors, the host is not a valid name, or a wider
// blacklist entry would still deny it.
PolicyEdit allowHost(const Project &project, const QString &host, bool subdomains = false);
// Denies `host` for the project the same way (networkpolicy::denied): its exact whitelist
// entries go, and when a wider entry still allows it, it is added to the blacklist.
PolicyEdit denyHost(const Project &project, const QString &host);

} // namespace networkpolicy
} // namespace ocs
