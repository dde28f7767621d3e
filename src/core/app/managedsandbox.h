#pragma once

#include "engine/containerengine.h"
#include "engine/sandboxusage.h"
#include "project/project.h"
#include "sandbox/healthprobe.h"
#include "sandbox/prestarthook.h"
#include "sandbox/sandboxcontroller.h"

#include <QElapsedTimer>
#include <QFileSystemWatcher>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <optional>

namespace ocs {

class WebGateway;

// One registered project as the desktop app sees it: its config (re-read when the file
// changes), the live state of its sandbox (from the app's own operations and from the
// engine's events), the progress of long work, and the actions on it. Each action runs a
// fresh SandboxController, so the CLI and the app share every step.
class ManagedSandbox : public QObject
{
    Q_OBJECT
public:
    using State = SandboxController::State;
    enum class Operation { None, Start, Stop, Restart, Rebuild };
    Q_ENUM(Operation)

    struct Progress
    {
        int step = 0;
        int total = 0;
        QString line;
    };
    struct Result
    {
        Operation operation = Operation::None;
        bool ok = false;
        Error error; // kind, full message (may hold several lines), build log of a failed build
        QStringList notices;
        QString logPath; // the build log, when there is one (also after a successful build)
    };

    explicit ManagedSandbox(const QString &root, QObject *parent = nullptr);
    ~ManagedSandbox() override;

    const QString &root() const { return m_root; }
    // sandbox-name, or the folder's name while the config cannot be read.
    QString displayName() const;
    // "" when the config was never readable.
    QString sandboxId() const;
    const std::optional<Project> &project() const { return m_project; }
    // Problems of the config file ("" when it loads), one `file:line:col: message` per line.
    QString configError() const { return m_configError; }

    State state() const { return m_state; }
    Operation operation() const { return m_operation; }
    bool isBusy() const { return m_operation != Operation::None; }
    // The engine's word for the container ("running", "exited", …; "" = no container).
    QString containerState() const { return m_containerState; }
    quint16 port() const { return m_port; }
    // The running container's published ports and usage, as last read by refreshUsage()
    // (empty/unknown until then, and while it does not run).
    const QList<PublishedPort> &publishedPorts() const { return m_publishedPorts; }
    const SandboxUsage &usage() const { return m_usage; }
    Progress progress() const { return m_progress; }
    QString lastError() const { return m_lastError.message; }
    // The same with its kind and fields (logPath: the build log of a failed build).
    const Error &lastFailure() const { return m_lastError; }
    QString lastLogPath() const { return m_lastLogPath; }
    // Output of the last long operation (build lines, messages), newest last.
    QStringList recentOutput() const { return m_output; }
    // The running container was started with settings that changed since (a new
    // sandbox-name included: it applies from the next start).
    bool configOutdated() const;
    bool engineReady() const { return m_engine.has_value(); }
    // As of the last reload (the file watcher reloads when the hook file changes).
    PreStartHook::Status hookStatus() const { return m_hookStatus; }

    bool canStart() const;
    bool canStop() const;
    bool canRestart() const;
    bool canRebuild() const;
    bool canOpenWebUi() const;

    // Reads the config again (the file watcher does this by itself).
    void reloadProject();
    // Reads the published ports and the memory use from the engine (asynchronously, with a
    // timeout); changed() when they arrive. Nothing while the sandbox does not run.
    void refreshUsage();

    void start();
    // Stops the container; during a start it also cancels an image build in progress.
    void stop();
    void restart();
    // Builds the image again; `restartAfter`: restart a running sandbox on the new image.
    void rebuild(bool restartAfter = false);

    // A one-time sign-in URL of a gateway kept for this sandbox (created on first use).
    void requestWebLogin(const QString &path,
                         std::function<void(const QUrl &url, const QString &error)> done);

    // --- fed by SandboxFleet
    void setEngine(const std::optional<ContainerEngine> &engine, const Error &unavailable);
    // The same with a plain message (taken as Kind::EngineNotRunning).
    void setEngine(const std::optional<ContainerEngine> &engine, const QString &unavailableMessage);
    // The container's state as the engine reports it ("" = none) and its labels.
    void applyContainerState(const QString &state, quint16 port, const QString &configHash);

    // Asked when a start finds the whitelist, host ports or env passthrough changed since the
    // last start (StartApproval); `answer` must be called once. Unset: such starts fail.
    using ConfirmChanges = std::function<void(ManagedSandbox *sandbox, const StartReview &review,
                                              std::function<void(bool accepted)> answer)>;
    void setConfirmConfigChanges(ConfirmChanges confirm) { m_confirmChanges = std::move(confirm); }

    // How often a sandbox started elsewhere is asked whether OpenCode answers, while it starts.
    static constexpr std::chrono::milliseconds DefaultHealthCheckInterval{500};
    void setHealthCheckInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds healthCheckInterval() const
    {
        return std::chrono::milliseconds(m_healthTimer.interval());
    }

Q_SIGNALS:
    void changed();
    void operationFinished(const ocs::ManagedSandbox::Result &result);
    void message(const QString &text);
    // The sandbox ended by itself because ocs-guard saw a protected path replaced on the host
    // (`reason` is the guard's explanation, also in lastError()).
    void protectionLost(const QString &reason);

private:
    void setState(State s);
    void explainUnexpectedEnd();
    SandboxController *newController();
    void beginOperation(Operation op);
    void finishOperation(Result result);
    void addOutput(const QString &line);
    void obtainPassword(std::function<void(const QString &password, const QString &error)> done);
    void watchHealth();
    void checkHealth();
    void stopHealthWatch();
    void closeGateway();
    void watchConfigFile();
    void failEarly(Operation op, const Error &error);
    void adoptProject(Project project);

    QString m_root;
    std::optional<Project> m_project;
    // A config with a new sandbox-name (so a new SANDBOX_ID) read while the container of the
    // old one still runs: it takes over once that container is stopped.
    std::optional<Project> m_pendingProject;
    QString m_configError;
    QString m_configHash; // SandboxController::configHash of the current config
    PreStartHook::Status m_hookStatus = PreStartHook::Status::Absent;
    std::optional<ContainerEngine> m_engine;
    Error m_engineError;

    State m_state = State::Stopped;
    Operation m_operation = Operation::None;
    QString m_containerState;
    quint16 m_port = 0;
    QList<PublishedPort> m_publishedPorts;
    SandboxUsage m_usage;
    bool m_readingUsage = false;
    QString m_runningConfigHash;
    Progress m_progress;
    Error m_lastError;
    QString m_lastLogPath;
    QStringList m_output;

    QPointer<SandboxController> m_controller;
    ConfirmChanges m_confirmChanges;
    bool m_stopRequested = false;
    bool m_startAfterStop = false;
    bool m_restartAfterBuild = false;

    QString m_password; // cached while the sandbox runs; never logged
    HealthProbe m_probe;
    QTimer m_healthTimer;
    QElapsedTimer m_healthClock;
    bool m_healthWatch = false;
    QPointer<WebGateway> m_gateway;

    QFileSystemWatcher m_watcher;
    QTimer m_reloadTimer;
};

} // namespace ocs

Q_DECLARE_METATYPE(ocs::ManagedSandbox::Result)
