#pragma once

#include "engine/containerengine.h"
#include "engine/sandboxlister.h"
#include "project/approvedfile.h"
#include "project/project.h"

#include <QCommandLineParser>
#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>
#include <utility>

class QUrl;

namespace ocs {
class SandboxController;
}

namespace ocs::cli {

// The `ocs` command line: parses arguments, calls the core, prints. Each command ends by
// calling finish() with the exit code.
class Cli : public QObject
{
    Q_OBJECT
public:
    enum ExitCode { Ok = 0, Failed = 1, Usage = 2, NoEngine = 3 };

    // One command: run() dispatches from the table, usage() prints it.
    struct Command
    {
        QString name;
        QString arguments; // as the usage shows them, e.g. "[--json]"
        QString help;      // one line
        void (Cli::*handler)() = nullptr;
    };

    explicit Cli(QStringList arguments, QObject *parent = nullptr);
    static const QList<Command> &commands();
    static const Command *findCommand(const QString &name);
    // The reference scripts' names (ocs-init, ocs-start-container, …) and the command each
    // runs, from src/cli/aliases.txt (which also makes the links to ocs).
    static const QList<std::pair<QString, QString>> &aliases();
    // The command the program runs under this name ("" for ocs itself).
    static QString commandForProgramName(const QString &programName);
    static QString usage();
    // The one place that maps error kinds to exit codes: the engine's problems give NoEngine,
    // everything else Failed.
    static int exitCodeFor(Error::Kind kind);
    // Lines printed after an error's message: where its full log is, how to go on.
    static QStringList hintsFor(const Error &error);

public Q_SLOTS:
    void run();

private:
    void finish(int code);
    void fail(const QString &message, int code = Failed);
    // A typed error: its message, then what to do about it (the build log, …), and the exit
    // code of its kind (see exitCodeFor()).
    void fail(const Error &error);
    // Finds the project from the current folder (any subfolder works).
    std::optional<Project> openProject(bool printWarnings = true);
    void withEngine(std::function<void(const ContainerEngine &)> next);
    // Runs `next` with the project's running container, or fails saying it is not running.
    void withRunningSandbox(
        const Project &project,
        std::function<void(const ContainerEngine &, SandboxController *, quint16 port)> next);
    bool parse(QCommandLineParser &parser, const QList<QCommandLineOption> &options,
               const QString &description);

    void cmdHelp();
    void cmdVersion();
    void cmdInit();
    void cmdRebuild();
    void cmdStart();
    void cmdStop();
    void cmdStatus();
    void printStatus(const QList<SandboxInfo> &all, const QString &error, bool asJson);
    void cmdPorts();
    void cmdTerminal();
    void cmdWeb();
    void runOwnGateway(SandboxController *controller, quint16 port, bool print);
    void showWebLogin(const QUrl &url, bool print);
    void cmdLogs();
    void cmdValidate();
    void cmdHook();
    void cmdMise();
    // `ocs hook|mise show|approve`: one read, shown with control characters visible,
    // approved by the hash of what was shown.
    void reviewFile(ApprovedFile::Kind kind);
    void cmdVerify();
    void cmdBlocked();
    void cmdAllow();
    void cmdDeny();
    void cmdPolicy();
    void cmdSecret();
    void secretList(const std::optional<Project> &project, bool asJson);
    void secretSet(const std::optional<Project> &project, const QString &name, bool shared,
                   const QCommandLineParser &p);
    void secretRemove(const std::optional<Project> &project, const QString &name, bool shared);
    // `ocs allow` and `ocs deny`: the core's edit, then whether it is live.
    void editPolicy(bool allow);
    // Whether the project's container runs; false (not an error) without a working engine.
    void whetherRunning(const Project &project, std::function<void(bool)> next);

    QString m_command;
    QStringList m_args; // program name + the command's own arguments
    QString m_enginePreference;
};

} // namespace ocs::cli
