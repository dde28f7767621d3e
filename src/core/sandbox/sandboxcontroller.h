#pragma once

#include "engine/containerengine.h"
#include "healthprobe.h"
#include "imagebuilder.h"
#include "project/project.h"
#include "runplan.h"
#include "secrets/secretstore.h"
#include "startapproval.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace ocs {

// One sandbox's lifecycle: stopped → building → starting → running → stopping, or error.
// Shared by the CLI and the tray; every step is asynchronous.
class SandboxController : public QObject
{
    Q_OBJECT
public:
    enum class State { Stopped, Building, Starting, Running, Stopping, Error };
    Q_ENUM(State)

    struct StartOptions
    {
        bool interactive = false; // the pre-start hook may use the terminal
        bool rebuild = false;     // build the image even when it exists
        ImageBuilder::Options build;
        // Asked at the first start (what the sandbox may reach) and when the whitelist, host
        // ports, env passthrough or the protected paths changed since the last start
        // (StartApproval); `answer(true)` goes on. Unset: such a start is refused.
        std::function<void(const StartReview &review, std::function<void(bool)> answer)>
            confirmConfigChanges;
        // The app's Preferences switch "share my OpenCode settings": applies to projects whose
        // config does not set share-opencode-settings (opencodesettings::enabled).
        bool shareOpenCodeSettings = false;
    };
    struct Outcome
    {
        bool ok = false;
        Error error;         // its kind, the message, the engine's words, the build log
        QStringList notices; // things to tell the user (skipped variables, password location)
        quint16 port = 0;
        QString password; // for the caller's own use (gateway); never printed or logged
    };
    using Callback = std::function<void(const Outcome &)>;

    SandboxController(ContainerEngine engine, Project project, QObject *parent = nullptr);

    // Finds the values of the project's injected secrets (injected-secrets) at each start:
    // `names`, the host's environment after the pre-start hook → done(resolution). Unset: the
    // default, SecretStore::resolve of this project's store (the app's settings file).
    using SecretResolver =
        std::function<void(const QStringList &names, const QProcessEnvironment &hostEnv,
                           std::function<void(const SecretStore::Resolution &resolution)> done)>;
    void setSecretResolver(SecretResolver resolver) { m_secretResolver = std::move(resolver); }

    const Project &project() const { return m_project; }
    const ContainerEngine &engine() const { return m_engine; }
    State state() const { return m_state; }

    // Builds the image (always).
    void rebuild(const ImageBuilder::Options &options, Callback done);
    // Starts the sandbox detached and waits until OpenCode answers its health check.
    void start(const StartOptions &options, Callback done);
    // Stops (and so removes) the container.
    void stop(Callback done);
    // Reads the password (creating it when needed).
    void password(Callback done);

    // The lines ocs-guard wrote when it ended the container (why it stopped), from its logs;
    // none when it was not the guard.
    void guardReport(std::function<void(const QStringList &lines)> done);

    // "running", "exited", … or "" when there is no container.
    void containerStatus(std::function<void(const QString &status, quint16 port)> done);

    // Hash of the parts of the config that the running container depends on
    // (ConfigImpact::containerHash).
    static QString configHash(const ProjectConfig &config);
    static std::chrono::milliseconds startTimeout();
    // How often a start asks OpenCode's health endpoint (through the gate), how many of those
    // requests may be unanswered at once (a new one does not wait for one OpenCode took but
    // does not answer: it takes several while it starts), and how often it asks the engine
    // meanwhile whether the container still runs. 6: what QNetworkAccessManager runs at once
    // for one host and port (it queues the others, which then wait for the unanswered ones).
    static constexpr std::chrono::milliseconds HealthInterval{100};
    static constexpr int MaxHealthRequests = 6;
    static constexpr std::chrono::milliseconds AliveInterval{2000};
    // The lines of a container's output in which ocs-guard reports that it ended the
    // container ("ocs-guard: stopped: <why>"); what it says while it works is left out.
    static QStringList guardLines(const QByteArray &logs);

Q_SIGNALS:
    void stateChanged(ocs::SandboxController::State state);
    void buildProgress(int step, int total, const QString &line);
    void message(const QString &text); // a line of progress for the user

private:
    void setState(State s);
    void fail(const Error &error, Callback done);
    // A problem with no kind of its own (files, the state folder, …): Kind::Failed.
    void fail(const QString &message, Callback done);
    void approveConfig(const StartOptions &options, Callback done);
    void afterHook(const StartOptions &options, QMap<QString, QString> hostEnv, Callback done);
    void ensureImage(const StartOptions &options, std::function<void(const Error &)> next);
    // Asks the engine about the image (its mise.toml label) at once, in parallel with the
    // container's status; ensureImage takes the answer when no question was asked meanwhile.
    void prefetchImage();
    void runContainer(const QString &password, const QMap<QString, QString> &hostEnv,
                      QList<quint16> avoid, Outcome partial, Callback done);
    void waitHealthy(quint16 port, const QString &password, Outcome partial, Callback done);
    // Resolves the injected secrets' values (before `run`) into m_secretValues.
    void resolveSecrets(const QMap<QString, QString> &hostEnv, Outcome partial,
                        std::function<void(Outcome)> next);
    // Hands them to the proxy of the container just started (after `run`), then forgets them.
    void deliverSecrets(const QMap<QString, QString> &placeholders, Outcome partial,
                        std::function<void(Outcome)> next);

    ContainerEngine m_engine;
    Project m_project;
    State m_state = State::Stopped;
    HealthProbe m_probe;
    struct ImageCheck;
    std::shared_ptr<ImageCheck> m_imageCheck;
    bool m_shareOpenCodeSettings = false; // StartOptions::shareOpenCodeSettings of this start
    SecretResolver m_secretResolver;
    SecretStore *m_secretStore = nullptr; // the default resolver's, made at the first use
    // The values of this start's injected secrets, from resolveSecrets() until deliverSecrets()
    // (never logged; cleared as soon as they are handed over or the start fails).
    QMap<QString, QByteArray> m_secretValues;
};

} // namespace ocs
