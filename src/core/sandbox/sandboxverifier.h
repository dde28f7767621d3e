#pragma once

#include "engine/containerengine.h"
#include "engine/process.h"

#include <QList>
#include <QObject>
#include <QString>

#include <chrono>
#include <functional>

namespace ocs {

// `ocs verify` (and the tray's check): runs the probe script shipped in the image
// (docker/ocs-verify, root-owned, not writable by the agent) inside a running sandbox,
//     <engine> exec --user root <container> /usr/local/lib/ocs/ocs-verify
// which checks the firewall, the listeners and every process's privileges as root, then
// tries, as dev (exactly like the agent), what must not work. Its report is one line per
// probe, "PASS <id> <reason>" or "FAIL <id> <reason>"; this class parses it.
class SandboxVerifier : public QObject
{
    Q_OBJECT
public:
    struct Probe
    {
        QString id; // e.g. "firewall-v4", "dev-dns"
        bool passed = false;
        QString reason; // one line
    };
    struct Result
    {
        QString error;       // set when the probes could not run at all (then `probes` is empty)
        QList<Probe> probes; // in the order the script reported them
        int passedCount() const;
        int failedCount() const;
        // One "PASS  <id>  <reason>" / "FAIL  ..." line per probe, ids in one column (what
        // `ocs verify` prints and the tray's report shows).
        QStringList reportLines() const;
        // Ran, reported at least one probe, and none failed.
        bool allPassed() const
        {
            return error.isEmpty() && !probes.isEmpty() && failedCount() == 0;
        }
    };
    using Callback = std::function<void(const Result &)>;

    static inline const QString ScriptPath = QStringLiteral("/usr/local/lib/ocs/ocs-verify");

    SandboxVerifier(ContainerEngine engine, QString containerName, QObject *parent = nullptr);

    // Runs the probes (asynchronously, with a time limit) and calls `done` once.
    void run(Callback done);

    // The command run, and how its outcome is read (both public for tests and the tray).
    static ProcessSpec command(const ContainerEngine &engine, const QString &containerName,
                               std::chrono::milliseconds timeout = defaultTimeout());
    static Result parse(const ProcessResult &result, const QString &containerName = {});
    // OCS_VERIFY_TIMEOUT (seconds) or 120 s.
    static std::chrono::milliseconds defaultTimeout();

private:
    ContainerEngine m_engine;
    QString m_container;
};

} // namespace ocs
