#pragma once

#include <QStringList>

namespace ocs {

// What of the workspace is protected from the agent, decided on the host right before a
// start. The agent writes anything in the workspace; the paths the host (or the user's
// tools) act on are mounted read-only over it. That only protects what it mounts, so the
// inspection refuses layouts in which a mount would protect the wrong thing or could be
// bypassed:
//  - a symbolic link in any component of a protected path (`.git -> ../../.kube` would mount
//    the host's ~/.kube/config into the sandbox, and the agent owns the link);
//  - a protected file with a second hard link (the agent writes it through the other name);
//  - `.git/commondir` (git would read its config from wherever that names).
// It also finds the git configs that a plain list of paths misses: `.git/config.worktree`
// and every submodule's `.git/modules/**/config` and `hooks`, and warns about repositories
// nested in the workspace, whose config and hooks the agent can write.
class WorkspaceProtection
{
public:
    struct Inspection
    {
        QStringList errors;          // each refuses the start; names the path and the fix
        QStringList warnings;        // shown at the start
        QStringList readOnlyMounts;  // relative paths to mount read-only (they exist)
        bool mountGitFolder = false; // .git is a folder: mount it onto itself (see RunPlanner)
        QStringList missing; // protected paths that do not exist (the agent can create them)
        bool ok() const { return errors.isEmpty(); }
    };

    // `canonicalRoot`: the project root, symlink-free; `protectedPaths`: relative paths
    // (RunPlanner::effectiveReadOnlyPaths). `findNested`: also walk the workspace for nested
    // repositories (the warning; the only part that reads more than the protected paths).
    static Inspection inspect(const QString &canonicalRoot, const QStringList &protectedPaths,
                              bool findNested = true);

    // The relative path's first component that is a symbolic link ("" when none); the
    // components after a missing one are not looked at.
    static QString symlinkComponent(const QString &canonicalRoot, const QString &relativePath);

    // How deep the start looks for nested repositories (folders below the root).
    static constexpr int NestedRepositoryDepth = 4;
};

} // namespace ocs
