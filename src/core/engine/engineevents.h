#pragma once

#include "containerengine.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <optional>

namespace ocs {

// One change of one of our containers, from the engine's event stream.
struct ContainerEvent
{
    QString sandboxId; // io.opencode-sandbox.id label
    QString containerName;
    QString action; // the engine's word: "start", "die", "destroy", …
    // What the container is now: "running", "exited", "created", "paused", or "" when it
    // is gone.
    QString state;
    quint16 port = 0;    // io.opencode-sandbox.port label (0 when absent)
    QString configHash;  // io.opencode-sandbox.config-hash label
    QString projectRoot; // io.opencode-sandbox.project label

    // Parses one line of `<engine> events --format '{{json .}}'` (Docker's and Podman's
    // shapes). nullopt for lines that are not a container state change of ours (exec_*,
    // health_status, …).
    static std::optional<ContainerEvent> parse(const QByteArray &jsonLine);
};

// Follows `<engine> events --filter type=container --format '{{json .}}'` (Docker: also
// --filter label=io.opencode-sandbox.id) as a long-running process and reports our containers'
// state changes. Nothing runs on a timer while the stream is up. When the stream ends (the engine
// stopped, restarted, went away) it asks the engine whether it answers (EngineLocator's
// plain-language message when not) and restarts the stream with exponential backoff until the
// engine is back.
class EngineEvents : public QObject
{
    Q_OBJECT
public:
    explicit EngineEvents(ContainerEngine engine, QObject *parent = nullptr);
    ~EngineEvents() override;

    const ContainerEngine &engine() const { return m_engine; }
    void start();
    void stop();
    bool isRunning() const { return m_running; }

    // nullopt until the first answer.
    std::optional<bool> available() const { return m_available; }
    QString unavailableMessage() const { return m_message; }
    // The same with its kind (engine missing, not running, permission denied).
    Error unavailableError() const { return m_error; }

    // Backoff between restarts: first, doubling up to max (defaults 1 s and 60 s).
    void setRetryDelays(std::chrono::milliseconds first, std::chrono::milliseconds max);
    // Restarts at once (e.g. the user asked to retry).
    void retryNow();

    // The `events` command line for this kind of engine.
    static QStringList arguments(ContainerEngine::Kind kind);

Q_SIGNALS:
    void containerChanged(const ocs::ContainerEvent &event);
    // A new stream is up and the engine answers (at start, after an outage or a restart of
    // the stream): events may have been missed, a good moment to re-list.
    void engineAvailable();
    // The engine does not answer; `message` says why and how to fix it.
    void engineUnavailable(const QString &message);

private:
    void launchStream();
    void onLine(const QString &line);
    void onStreamEnded(const QString &why);
    void probe();
    void setAvailable(bool available, const Error &error);
    void scheduleRestart();

    ContainerEngine m_engine;
    QPointer<ProcessJob> m_job;
    QTimer m_restartTimer;
    QElapsedTimer m_streamClock;
    std::chrono::milliseconds m_firstDelay{1000};
    std::chrono::milliseconds m_maxDelay{60000};
    int m_failures = 0;
    int m_generation = 0; // ignores answers of probes from earlier streams
    bool m_running = false;
    std::optional<bool> m_available;
    QString m_message;
    Error m_error;
};

} // namespace ocs

Q_DECLARE_METATYPE(ocs::ContainerEvent)
