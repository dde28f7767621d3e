#pragma once

#include <QObject>

#include <functional>

namespace QKeychain {
class Job;
}

namespace ocs::keychain {

// How long a keychain job may take: QtKeychain runs all jobs through one global queue, so a
// job that never answers (a locked or absent Secret Service) would hold up every later one.
inline constexpr int JobTimeoutMs = 8000;

// Starts `job` and calls `done` once, on `context`'s thread: with the finished job, or with
// nullptr when the keychain did not answer within JobTimeoutMs (logged). The job deletes
// itself as QtKeychain's jobs do by default.
void runWithTimeout(QKeychain::Job *job, QObject *context,
                    std::function<void(QKeychain::Job *)> done);

} // namespace ocs::keychain
