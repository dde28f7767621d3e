#pragma once

#include "config/projectconfig.h"

#include <QJsonObject>
#include <QStringList>

namespace ocs {

// The parts of a config that widen what a sandbox may do — its whitelist, its host ports,
// the host variables it receives — as they were at the last start, and what changed since.
// The agent cannot edit the config from inside (it is mounted read-only), but anything else
// on the host could have; a start shows such changes and asks before applying them.
// What a start asks the user about: at the first start of a sandbox (a new SANDBOX_ID
// included: a changed sandbox-name is one) everything the config lets it reach, later what
// changed since the last start.
struct StartReview
{
    bool firstStart = false;
    QStringList lines;    // "+ whitelist: .example.com", "whitelist: (nothing)", …
    QStringList warnings; // e.g. the project lies inside another project's workspace
    bool needsAnswer() const { return firstStart || !lines.isEmpty(); }
};

class StartApproval
{
public:
    // `protectedPresent`: the protected paths that existed (and were mounted read-only).
    static QJsonObject snapshot(const ProjectConfig &config,
                                const QStringList &protectedPresent = {});
    // Human-readable lines ("+ whitelist: .example.com", "- host port: 5432", …); empty when
    // nothing changed or when there is no earlier snapshot (first start).
    static QStringList describeChanges(const QJsonObject &lastStarted, const ProjectConfig &now);
    // Protected paths that exist now but did not at the last start: nothing protected them
    // then, so the agent may have written them ("+ new protected path: opencode.json …").
    static QStringList describeNewProtectedPaths(const QJsonObject &lastStarted,
                                                 const QStringList &protectedPresent);
    // Everything the config lets the sandbox reach, for a first start.
    static QStringList describeReach(const ProjectConfig &config);
    // Folders above `canonicalRoot` that hold a sandbox config of their own (the agent of
    // that project could have planted this one).
    static QStringList enclosingProjects(const QString &canonicalRoot);
    // A snapshot's list (a JSON array of strings).
    static QStringList snapshotList(const QJsonValue &value);
    // "+ what: item" for each item of `after` not in `before`, "- what: item" for the reverse,
    // appended to `out`.
    static void appendChanges(const QString &what, const QStringList &before,
                              const QStringList &after, QStringList *out);
    // The review for a start of `config` at `canonicalRoot`.
    static StartReview review(const QJsonObject &lastStarted, const ProjectConfig &config,
                              const QString &canonicalRoot, const QStringList &protectedPresent);
};

} // namespace ocs
