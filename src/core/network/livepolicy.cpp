#include "network/livepolicy.h"

#include "config/configfile.h"
#include "config/configrules.h"
#include "logging.h"
#include "network/policyfiles.h"
#include "project/project.h"
#include "sandbox/sandboxrecord.h"
#include "sandbox/startapproval.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace ocs::networkpolicy {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ocs::LivePolicy)
};

// Records in the start snapshot (if there is one: else the first start reviews everything)
// that `added` were approved and `removed` are gone.
bool recordApproved(const Project &project, const QStringList &added, const QStringList &removed,
                    QString *error)
{
    SandboxRecord record = SandboxRecord::load(project.stateDir());
    if (record.lastStartedConfig.isEmpty())
        return true;
    const QString key = configrules::KeyHttpDomainWhitelist;
    QStringList snapshot = StartApproval::snapshotList(record.lastStartedConfig.value(key));
    const QStringList original = snapshot;
    for (const QString &r : removed)
        snapshot.removeAll(r);
    for (const QString &a : added) {
        if (!snapshot.contains(a))
            snapshot << a;
    }
    if (snapshot == original)
        return true;
    record.lastStartedConfig.insert(key, QJsonArray::fromStringList(snapshot));
    return record.save(project.stateDir(), error);
}

QStringList minus(const QStringList &a, const QStringList &b)
{
    QStringList out;
    for (const QString &s : a) {
        if (!b.contains(s))
            out << s;
    }
    return out;
}

enum class Edit { Allow, AllowSubdomains, Deny };

PolicyEdit edit(const Project &project, const QString &hostText, Edit how)
{
    PolicyEdit e;
    e.configPath = project.configPath();
    const ConfigFile::LoadResult loaded = ConfigFile::load(e.configPath);
    if (!loaded.ok()) {
        QStringList errors;
        for (const Diagnostic &d : loaded.diagnostics) {
            if (d.isError())
                errors << d.toString();
        }
        e.error = Text::tr("%1 has errors; fix them first (`ocs validate` lists them):\n%2")
                      .arg(e.configPath, errors.join(u'\n'));
        return e;
    }
    const ProjectConfig before = *loaded.config;

    // The host, checked by the rules of a whitelist entry; "*.x" and ".x" mean x and its
    // subdomains.
    QString normalised;
    const QString problem = configrules::checkDomain(hostText.trimmed(), &normalised);
    if (!problem.isEmpty()) {
        e.error = Text::tr("not a valid host: %1. A host is a domain name such as "
                           "api.example.com: letters, digits, '-' and '.', without a scheme, "
                           "port or path (IP addresses are never allowed).")
                      .arg(problem);
        return e;
    }
    if (normalised.startsWith(u'.')) {
        if (how == Edit::Deny) {
            e.error = Text::tr("`ocs deny` takes one host name, not %1; to deny a domain with "
                               "all of its subdomains, add %1 to %2 in %3.")
                          .arg(normalised, configrules::KeyHttpDomainBlacklist, e.configPath);
            return e;
        }
        how = Edit::AllowSubdomains;
        normalised.remove(0, 1);
    }
    e.host = normalised;
    e.before = check(before.httpDomainWhitelist, before.httpDomainBlacklist, e.host);

    ProjectConfig after = before;
    if (how == Edit::Deny) {
        std::tie(after.httpDomainWhitelist, after.httpDomainBlacklist) =
            denied(before.httpDomainWhitelist, before.httpDomainBlacklist, e.host);
    } else {
        const bool subdomains = how == Edit::AllowSubdomains;
        after.httpDomainWhitelist = allowed(before.httpDomainWhitelist, e.host, subdomains);
        // The blacklist's entries for this very host (and its domain, when allowing that) go;
        // a wider one stays, and the host with it denied.
        after.httpDomainBlacklist.clear();
        for (const QString &entry : before.httpDomainBlacklist) {
            const QString n = entry.trimmed().toLower();
            if (n != e.host && !(subdomains && n == u'.' + e.host))
                after.httpDomainBlacklist << entry;
        }
    }
    e.after = check(after.httpDomainWhitelist, after.httpDomainBlacklist, e.host);
    if (how != Edit::Deny && !e.after.allowed) {
        e.error = Text::tr("%1 stays denied by the blacklist entry %2, which covers more than "
                           "%1; remove that entry from %3 in %4 first.")
                      .arg(e.host, e.after.rule.section(u' ', 1),
                           configrules::KeyHttpDomainBlacklist, e.configPath);
        return e;
    }
    StartApproval::appendChanges(u"whitelist"_s, before.httpDomainWhitelist,
                                 after.httpDomainWhitelist, &e.changes);
    StartApproval::appendChanges(u"blacklist"_s, before.httpDomainBlacklist,
                                 after.httpDomainBlacklist, &e.changes);
    e.configChanged = after != before;

    QString error;
    if (e.configChanged && !ConfigFile::save(e.configPath, after, &error)) {
        e.error = Text::tr("cannot save %1: %2").arg(e.configPath, error);
        return e;
    }

    // What the user asked for counts as reviewed: the next start does not ask about it.
    QStringList added = minus(after.httpDomainWhitelist, before.httpDomainWhitelist);
    if (how != Edit::Deny) {
        const QString entry = how == Edit::AllowSubdomains ? u'.' + e.host : e.host;
        if (after.httpDomainWhitelist.contains(entry) && !added.contains(entry))
            added << entry; // in the file already, perhaps not reviewed yet
    }
    if (!recordApproved(project, added,
                        minus(before.httpDomainWhitelist, after.httpDomainWhitelist), &error)) {
        e.error = error;
        return e;
    }

    ProjectConfig live = after;
    live.httpDomainWhitelist =
        approvedWhitelist(after.httpDomainWhitelist,
                          SandboxRecord::load(project.stateDir()).lastStartedConfig, &e.held);
    e.live = check(live.httpDomainWhitelist, live.httpDomainBlacklist, e.host);
    if (!apply(project, live, &error)) {
        e.error = error;
        return e;
    }
    qCInfo(lcNetwork) << project.sandboxId() << (how == Edit::Deny ? "denied" : "allowed") << e.host
                      << e.changes;
    e.ok = true;
    return e;
}

} // namespace

bool apply(const Project &project, const ProjectConfig &config, QString *error)
{
    return project.ensureStateDirs(error) &&
           policyfiles::write(project.stateDir(), config.httpDomainWhitelist,
                              config.httpDomainBlacklist, error);
}

bool applyEdited(const Project &project, const ProjectConfig &before, const ProjectConfig &after,
                 QString *error, QStringList *held)
{
    return recordApproved(project, minus(after.httpDomainWhitelist, before.httpDomainWhitelist),
                          minus(before.httpDomainWhitelist, after.httpDomainWhitelist), error) &&
           applyApproved(project, after, error, held);
}

QStringList approvedWhitelist(const QStringList &whitelist, const QJsonObject &lastStarted,
                              QStringList *held)
{
    if (lastStarted.isEmpty())
        return whitelist;
    const QStringList snapshot =
        StartApproval::snapshotList(lastStarted.value(configrules::KeyHttpDomainWhitelist));
    QStringList out;
    for (const QString &entry : whitelist) {
        const QString n = entry.trimmed().toLower();
        const bool dotted = n.startsWith(u'.');
        const QString bare = dotted ? n.mid(1) : n;
        // Approved: in the snapshot, or covered by it (allowing it would change nothing).
        if (!bare.isEmpty() && allowed(snapshot, bare, dotted) == snapshot)
            out << entry;
        else if (held)
            *held << entry;
    }
    return out;
}

bool applyApproved(const Project &project, const ProjectConfig &config, QString *error,
                   QStringList *held)
{
    const QJsonObject lastStarted = SandboxRecord::load(project.stateDir()).lastStartedConfig;
    ProjectConfig live = config;
    live.httpDomainWhitelist = approvedWhitelist(config.httpDomainWhitelist, lastStarted, held);
    return apply(project, live, error);
}

PolicyEdit allowHost(const Project &project, const QString &host, bool subdomains)
{
    return edit(project, host, subdomains ? Edit::AllowSubdomains : Edit::Allow);
}

PolicyEdit denyHost(const Project &project, const QString &host)
{
    return edit(project, host, Edit::Deny);
}

} // namespace ocs::networkpolicy
