#pragma once

#include <QString>

namespace ocs {

// Sandboxes are not started (nor built) by root. The image's `dev` user, who runs OpenCode
// and everything the agent starts, takes the invoking user's uid, but never uid 0 (dev must
// stay unprivileged; ocs-create-user.sh makes it 1000 instead). Started by root, the
// project folder and the state folder (~/.opencode-sandbox/<ID>) belong to root on the
// host, so dev could write neither: OpenCode died with EACCES. Chowning the user's project
// to another uid is not ours to do, so root is refused up front, before the engine is
// asked anything, with the fix: run as an ordinary user who owns the project.
namespace RootPolicy {

// Empty when a user with this effective uid may start sandboxes; else the refusal.
// allowRootForTests: the unit tests' fake engines run as root in CI (OCS_TEST_ALLOW_ROOT).
QString refusal(uint effectiveUid, bool allowRootForTests = false);

// refusal() for this process.
QString currentRefusal();

} // namespace RootPolicy
} // namespace ocs
