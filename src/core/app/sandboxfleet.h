#pragma once

#include "engine/containerengine.h"
#include "managedsandbox.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <functional>
#include <optional>

namespace ocs {

class EngineEvents;
class ProjectRegistry;
struct ContainerEvent;

// Every registered project's sandbox plus the container engine they run on: finds the
// engine (and keeps looking, with backoff, while there is none), follows its events,
// adopts sandboxes that were already running, and sums the whole up for the tray icon.
class SandboxFleet : public QObject
{
    Q_OBJECT
public:
    struct EngineStatus
    {
        enum class State { Locating, Ready, Unavailable };
        State state = State::Locating;
        QString message;     // Unavailable: the problem and its fix, in plain language
        Error error;         // Unavailable: the same with its kind (missing, not running, …)
        QString displayName; // "Docker", "Podman"
        QString version;
        bool ready() const { return state == State::Ready; }
    };

    // Worst first: what the tray icon shows.
    enum class Summary { EngineMissing, Error, Busy, SomeRunning, NoneRunning };
    Q_ENUM(Summary)

    explicit SandboxFleet(ProjectRegistry *registry, QObject *parent = nullptr);
    ~SandboxFleet() override;

    ProjectRegistry *registry() const { return m_registry; }

    // Begins: one sandbox per registered project, then the engine.
    void start();
    // "auto", "docker", "podman" or a path; a change finds the engine again.
    void setEnginePreference(const QString &preference);
    QString enginePreference() const { return m_preference; }
    // Look for the engine at once (the user asked), instead of waiting for the next try.
    void retryEngineNow();

    const EngineStatus &engineStatus() const { return m_engineStatus; }
    std::optional<ContainerEngine> engine() const { return m_engine; }

    QList<ManagedSandbox *> sandboxes() const { return m_sandboxes; }
    ManagedSandbox *sandbox(const QString &root) const;
    ManagedSandbox *sandboxById(const QString &sandboxId) const;

    Summary summary() const;
    int count(ManagedSandbox::State state) const;

    void startAll();
    // Stops every sandbox that runs (or starts); `done` once they all finished.
    void stopAll(std::function<void()> done = {});

    // Backoff when looking for the engine and restarting its event stream (default 1 s up
    // to 60 s); the health checks of sandboxes started elsewhere (default
    // ManagedSandbox::DefaultHealthCheckInterval).
    void setRetryDelays(std::chrono::milliseconds first, std::chrono::milliseconds max);
    void setHealthCheckInterval(std::chrono::milliseconds interval);
    // Given to every sandbox (see ManagedSandbox::setConfirmConfigChanges).
    void setConfirmConfigChanges(ManagedSandbox::ConfirmChanges confirm);

Q_SIGNALS:
    void engineStatusChanged();
    void sandboxAdded(ocs::ManagedSandbox *sandbox);
    // Emitted before the object is deleted (later).
    void sandboxRemoved(ocs::ManagedSandbox *sandbox);
    // Anything the summary depends on changed.
    void changed();
    // The first listing after launch is done (adoption finished).
    void adopted();

private:
    ManagedSandbox *addSandbox(const QString &root);
    void removeSandbox(const QString &root);
    void locate();
    void scheduleLocate();
    void onEngineReady(const ContainerEngine &engine, const QString &version);
    void onEngineUnavailable(const Error &error, const QString &displayName = QString());
    void onContainerEvent(const ContainerEvent &event);
    void resync();
    void setEngineStatus(EngineStatus status);
    // What a sandbox reports when asked to act without an engine.
    Error engineUnavailableError() const;
    void startWithApp();

    ProjectRegistry *m_registry;
    QList<ManagedSandbox *> m_sandboxes;
    QString m_preference = QStringLiteral("auto");
    std::optional<ContainerEngine> m_engine;
    EngineStatus m_engineStatus;
    QPointer<EngineEvents> m_events;
    QTimer m_locateTimer;
    int m_locateFailures = 0;
    int m_locateGeneration = 0;
    bool m_started = false;
    bool m_adopted = false;
    std::chrono::milliseconds m_firstDelay{1000};
    std::chrono::milliseconds m_maxDelay{60000};
    std::chrono::milliseconds m_healthInterval = ManagedSandbox::DefaultHealthCheckInterval;
    ManagedSandbox::ConfirmChanges m_confirmChanges;
};

} // namespace ocs
