#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>
#include <memory>

namespace ocs {

// What to run: always a program and an argument list, never a shell string.
struct ProcessSpec
{
    QString program;
    QStringList arguments;
    // Empty = inherit this process's environment. Secrets for the engine (`-e NAME`) go
    // here, never into `arguments`.
    QProcessEnvironment environment;
    QString workingDirectory;
    std::chrono::milliseconds timeout{std::chrono::seconds(60)};
    QByteArray standardInput; // written then closed; empty = stdin closed at once
    // A file only this child reads (the engine's --env-file, which holds the container's
    // secret variables): runProcess() creates it owner-only (0600; an old file of that name
    // is replaced) right before the start and removes it as soon as the child has ended,
    // whatever the outcome (also when it fails to start, times out, is cancelled, or the job
    // goes away unfinished). Empty path = none.
    QString privateFilePath;
    QByteArray privateFileContents;
    bool forwardInput = false;  // the child reads this process's stdin (interactive hooks)
    bool forwardStdErr = false; // the child's stderr goes straight to ours (terminal)
    bool forwardOutput = false; // stdout and stderr both go straight to ours
    // timeout <= 0: no time limit (e.g. following logs until the user stops it)
    // The child is sent SIGTERM when this process ends, however it ends (killed, crashed):
    // for children that would otherwise run on for ever, such as the engine's event stream
    // (Linux; elsewhere it is stopped only when this process ends normally).
    bool endsWithThisProcess = false;

    // For messages and logs: the program and its arguments (safe: never holds secrets).
    QString displayCommand() const;
};

struct ProcessResult
{
    Q_DECLARE_TR_FUNCTIONS(ocs::ProcessResult)

public:
    enum class Status {
        Finished,      // ran to the end; see exitCode
        FailedToStart, // not installed, not executable
        TimedOut,      // killed after spec.timeout
        Crashed,       // killed by a signal
        Cancelled      // cancel() was called
    };
    Status status = Status::FailedToStart;
    int exitCode = -1;
    QByteArray standardOutput;
    QByteArray standardError;
    QString errorString;

    bool ok() const { return status == Status::Finished && exitCode == 0; }
    // A one-line description of what went wrong, for error messages (translated; `what` is
    // the translated name of the step: "Starting the container").
    QString describeFailure(const QString &what) const;
};

// One running process. Emits finished() exactly once, then may be deleted with
// deleteLater() by the receiver.
class ProcessJob : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual void cancel() = 0;

Q_SIGNALS:
    // Lines of standard output and error as they arrive (for progress and logs).
    void outputLine(const QString &line);
    void finished(const ocs::ProcessResult &result);
};

// Starts processes. Tests replace the instance with a fake (see tests/unit/support).
class ProcessLauncher
{
public:
    virtual ~ProcessLauncher() = default;
    virtual ProcessJob *start(const ProcessSpec &spec, QObject *parent) = 0;

    static ProcessLauncher &instance();
    // Takes ownership; nullptr restores the real launcher.
    static void setInstance(std::unique_ptr<ProcessLauncher> launcher);
};

// Convenience: start and call `done` with the result (the job deletes itself).
void runProcess(const ProcessSpec &spec, QObject *context,
                std::function<void(const ProcessResult &)> done,
                std::function<void(const QString &)> onLine = {});

} // namespace ocs

Q_DECLARE_METATYPE(ocs::ProcessResult)
