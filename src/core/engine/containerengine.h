#pragma once

#include "error.h"
#include "process.h"

#include <QCoreApplication>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace ocs {

// Docker or Podman (or any Docker-compatible CLI such as Colima's), driven through its
// command line. DOCKER_HOST / CONTAINER_HOST and the current context are the CLI's own
// business: we inherit the environment, so they are respected.
class ContainerEngine
{
    Q_DECLARE_TR_FUNCTIONS(ocs::ContainerEngine)

public:
    enum class Kind { Docker, Podman };

    ContainerEngine(Kind kind, QString program);

    Kind kind() const { return m_kind; }
    QString program() const { return m_program; }
    QString displayName() const;

    // A ProcessSpec for `<engine> args...`.
    ProcessSpec command(const QStringList &args,
                        std::chrono::milliseconds timeout = std::chrono::seconds(60)) const;

    // Our labels; containers and images carry them so the app can find and adopt them.
    static inline const QString LabelId = QStringLiteral("io.opencode-sandbox.id");
    static inline const QString LabelProject = QStringLiteral("io.opencode-sandbox.project");
    static inline const QString LabelConfigHash = QStringLiteral("io.opencode-sandbox.config-hash");
    static inline const QString LabelVersion = QStringLiteral("io.opencode-sandbox.version");
    static inline const QString LabelPort = QStringLiteral("io.opencode-sandbox.port");
    static inline const QString LabelMiseHash = QStringLiteral("io.opencode-sandbox.mise-hash");

    // The --add-host value naming the host from a container: "host-gateway" for Docker;
    // empty for Podman (which adds host.containers.internal by itself).
    QString hostGatewayValue() const;

    // `run` options for the user namespace. Rootless Podman maps the user to root inside by
    // default, so files written by `dev` (built with the user's uid) would belong to a
    // sub-uid on the host: keep-id maps the user's uid to itself instead, and the entrypoint
    // is started as (the namespace's) root explicitly. Empty for Docker and for root.
    QStringList userNamespaceArguments() const;

    // What kind of problem an engine command ran into: the one place that reads the
    // engine's stderr (Docker's and Podman's words). Kind::None when it succeeded.
    static Error::Kind classify(const ProcessResult &result);
    // The failure of an engine command as an Error: its kind (classify()), a one-line
    // message (`what` failed, and why) and the engine's stderr as the detail.
    static Error failure(const ProcessResult &result, const QString &what);
    // Whether a successful `run` warned that the engine ignored the resource limits
    // (--pids-limit, --memory, --cpus): rootless Podman on cgroup v1 starts anyway.
    static bool ignoredResourceLimits(const ProcessResult &result);

    // The one `logs` command line of the app (CLI, tray viewer, start failures, the guard's
    // report): the last `tail` lines (-1 = all), following the output when `follow`;
    // `since` (e.g. "0s": only what comes from now on) when not empty.
    static QStringList logsArguments(const QString &container, int tail = -1, bool follow = false,
                                     const QString &since = QString());

private:
    Kind m_kind;
    QString m_program;
};

// Finds a usable engine: OCS_ENGINE (docker | podman | a path), else the preference given,
// else Docker, then Podman, whichever answers.
class EngineLocator : public QObject
{
    Q_OBJECT
public:
    struct Outcome
    {
        enum class Status { Ready, NotInstalled, NotRunning, TimedOut };
        Status status = Status::NotInstalled;
        std::optional<ContainerEngine> engine;
        QString serverVersion;
        QString message; // plain-language problem and the fix (= error.message)
        Error error;     // the same with its kind (engine missing, not running, …)
        bool ready() const { return status == Status::Ready; }
    };

    explicit EngineLocator(QObject *parent = nullptr);
    // `preference`: "", "auto", "docker", "podman" or a path to a CLI.
    void locate(const QString &preference, std::function<void(const Outcome &)> done);

    static std::optional<ContainerEngine> fromName(const QString &nameOrPath);

private:
    void probe(QList<ContainerEngine> candidates, Outcome firstFailure,
               std::function<void(const Outcome &)> done);
};

} // namespace ocs
