#pragma once

// A pretend Docker for the tests of the app core and the widget tests, at the process boundary
// (ProcessLauncher): it keeps containers and images in memory, answers `version`, `ps`,
// `inspect`, `run`, `stop`, `rm`, `build`, `logs`, and streams `events` like the real one (a
// job that stays open and prints JSON lines). A running container gets a tiny HTTP server on its
// published port that answers OpenCode's health check. goDown()/comeBack() simulate the engine
// stopping and returning. Programs other than the engine (npm, pip, …) succeed with no output.

#include "engine/process.h"

#include <QHash>
#include <QMap>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QTcpServer>

#include <functional>
#include <memory>
#include <optional>

namespace ocs::test {

class FakeJob;

class FakeEngine final : public ProcessLauncher
{
public:
    struct Container
    {
        QString id;
        QString name;
        QString status; // "running", "exited", "created"
        QMap<QString, QString> labels;
        quint16 port = 0;
        // Every --publish but the web UI's: port in the container -> host port (127.0.0.1).
        QMap<quint16, quint16> published;
        qint64 memoryLimit = 0; // --memory, in bytes
    };

    // Installs a new fake as the process-wide launcher; the slot owns it.
    static FakeEngine *install(const QString &program = QStringLiteral("/fake/bin/docker"));
    static void uninstall();

    QString program() const { return m_program; }

    // --- the engine's state
    void goDown(); // every command fails as with a stopped daemon; event streams end
    void comeBack();
    bool isUp() const { return m_up; }
    // A container as if started elsewhere (e.g. with `ocs start`), running and healthy.
    void addRunningContainer(const QString &sandboxId, const QString &projectRoot, quint16 port,
                             const QString &configHash = QString());
    void addImage(const QString &name) { m_images.insert(name); }
    QMap<QString, Container> containers() const { return m_containers; }
    bool hasImage(const QString &name) const { return m_images.contains(name); }
    // Whether running containers answer the health check (default true); turning it on
    // starts the servers of containers that run.
    void setHealthy(bool healthy);
    // Stops a container as if `docker stop` ran elsewhere.
    void stopExternally(const QString &name);

    // --- builds
    // Hold builds open until finishBuild(): lines can be fed with buildLine().
    void setHoldBuilds(bool hold) { m_holdBuilds = hold; }
    void buildLine(const QString &line);
    void finishBuild(bool ok);
    bool buildRunning() const { return !m_build.isNull(); }
    void setFailRun(const QString &stderrText) { m_failRun = stderrText; }
    // The memory a running container uses, as `stats` reports it (default "12.5MiB").
    void setMemoryUsage(const QString &text) { m_memoryUsage = text; }

    // Answers for other programs (npm, pip, …): return a result to use it, nullopt to pass.
    using Responder = std::function<std::optional<ProcessResult>(const ProcessSpec &)>;
    void setResponder(Responder r) { m_responder = std::move(r); }

    // --- inspection
    const QList<ProcessSpec> &calls() const { return m_calls; }
    int count(const QStringList &argsPrefix) const;
    int openEventStreams() const;

    ProcessJob *start(const ProcessSpec &spec, QObject *parent) override;

private:
    explicit FakeEngine(QString program);
    ProcessJob *engineCommand(const ProcessSpec &spec, QObject *parent);
    void emitEvent(const Container &c, const QString &action);
    void setRunning(Container &c, bool running);
    QByteArray inspectJson(const QStringList &names) const;
    const Container *find(const QString &nameOrId) const;

    QString m_program;
    bool m_up = true;
    QMap<QString, Container> m_containers; // by name
    QSet<QString> m_images;
    QList<QPointer<FakeJob>> m_streams;
    QPointer<FakeJob> m_build;
    QString m_buildImage;
    bool m_holdBuilds = false;
    bool m_healthy = true;
    QString m_failRun;
    QString m_memoryUsage = QStringLiteral("12.5MiB");
    QList<ProcessSpec> m_calls;
    QHash<quint16, std::shared_ptr<QTcpServer>> m_servers;
    int m_nextId = 1;
    Responder m_responder;
};

// A job whose output and end the test controls.
class FakeJob final : public ProcessJob
{
    Q_OBJECT
public:
    using ProcessJob::ProcessJob;
    void line(const QString &text);
    // Finishes on a later turn of the event loop (callers connect first).
    void finishLater(const ProcessResult &result);
    void cancel() override;
    bool isDone() const { return m_done; }

private:
    bool m_done = false;
    QByteArray m_out;
};

ProcessResult exitWith(int code, const QByteArray &out = {}, const QByteArray &err = {});

} // namespace ocs::test
