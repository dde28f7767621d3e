#include "cli.h"

#include "cli_aliases.h"

#include "app/appsettings.h"
#include "app/signalwatcher.h"
#include "app/traylink.h"
#include "config/configfile.h"
#include "config/configrules.h"
#include "console.h"
#include "engine/sandboxlister.h"
#include "engine/sandboxusage.h"
#include "gateway/sandboxgateway.h"
#include "gateway/signinpage.h"
#include "gateway/webgateway.h"
#include "logging.h"
#include "network/decisionlog.h"
#include "network/livepolicy.h"
#include "network/networkpolicy.h"
#include "network/policyfiles.h"
#include "project/approvedfile.h"
#include "project/projectinit.h"
#include "project/workspacefile.h"
#include "sandbox/imagebuilder.h"
#include "sandbox/publishedports.h"
#include "sandbox/sandboxcontroller.h"
#include "sandbox/sandboxverifier.h"
#include "secrets/secretstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <cstdlib>
#include <unistd.h>

namespace ocs::cli {

namespace {

// Through a private local page (signinpage): the token is on no command line.
void openInBrowser(const QUrl &url)
{
    QString error;
    if (!signinpage::open(url, QCoreApplication::instance(), &error)) {
        out(QStringLiteral("Could not open a browser (%1). Open this address within a minute "
                           "(it works once):")
                .arg(error));
        out(QStringLiteral("  ") + url.toString());
    }
}

} // namespace

Cli::Cli(QStringList arguments, QObject *parent)
    : QObject(parent)
{
    const QString program = arguments.value(0);
    const QString alias = commandForProgramName(QFileInfo(program).fileName());
    QStringList rest = arguments.mid(1);
    // Global options before the command.
    while (!rest.isEmpty() && rest.first().startsWith(QLatin1String("--engine"))) {
        QString opt = rest.takeFirst();
        if (opt.contains(QLatin1Char('=')))
            m_enginePreference = opt.section(QLatin1Char('='), 1);
        else if (!rest.isEmpty())
            m_enginePreference = rest.takeFirst();
    }
    if (!alias.isEmpty()) {
        m_command = alias;
    } else if (!rest.isEmpty()) {
        m_command = rest.takeFirst();
    }
    m_args = QStringList{QStringLiteral("ocs ") + m_command} + rest;
}

const QList<Cli::Command> &Cli::commands()
{
    // The one list of commands: run() dispatches from it, usage() prints it.
    static const QList<Command> table{
        {QStringLiteral("init"), QStringLiteral("[--yes] [--no-build] [--name NAME]"),
         QStringLiteral("set up the current folder as a project and build its image"),
         &Cli::cmdInit},
        {QStringLiteral("rebuild"), QStringLiteral("[--base-image IMAGE] [--no-cache]"),
         QStringLiteral("build the sandbox image again (after changing mise.toml)"),
         &Cli::cmdRebuild},
        {QStringLiteral("start"),
         QStringLiteral("[--detach] [--rebuild] [--yes] [--base-image IMAGE]"),
         QStringLiteral("start the sandbox; in the foreground Ctrl+C stops it"), &Cli::cmdStart},
        {QStringLiteral("stop"), QString(),
         QStringLiteral("stop the sandbox and remove its container"), &Cli::cmdStop},
        {QStringLiteral("status"), QStringLiteral("[--json]"),
         QStringLiteral("every sandbox on this machine: state, port, project"), &Cli::cmdStatus},
        {QStringLiteral("ports"), QStringLiteral("[list | publish PORT | unpublish PORT]"),
         QStringLiteral("ports of the sandbox published on this computer's 127.0.0.1"),
         &Cli::cmdPorts},
        {QStringLiteral("terminal"), QString(),
         QStringLiteral("attach an OpenCode terminal client to the sandbox"), &Cli::cmdTerminal},
        {QStringLiteral("web"), QStringLiteral("[--print-url]"),
         QStringLiteral("open the web UI in the browser, already signed in"), &Cli::cmdWeb},
        {QStringLiteral("web-auth"), QStringLiteral("[--print-url]"),
         QStringLiteral("the same as web (kept for the reference's name)"), &Cli::cmdWeb},
        {QStringLiteral("logs"), QStringLiteral("[-f] [--tail N]"),
         QStringLiteral("the sandbox's output (OpenCode, proxy, firewall)"), &Cli::cmdLogs},
        {QStringLiteral("validate"), QStringLiteral("[FILE]"),
         QStringLiteral("check opencode-sandbox-config.yaml; file:line:column errors"),
         &Cli::cmdValidate},
        {QStringLiteral("hook"), QStringLiteral("show|approve [--yes] [--sha256 HASH]"),
         QStringLiteral("show or approve the pre-start hook"), &Cli::cmdHook},
        {QStringLiteral("mise"), QStringLiteral("show|approve [--yes] [--sha256 HASH]"),
         QStringLiteral("show or approve mise.toml (the image build runs it)"), &Cli::cmdMise},
        {QStringLiteral("verify"), QString(),
         QStringLiteral("check the running sandbox's isolation from inside, as the agent"),
         &Cli::cmdVerify},
        {QStringLiteral("blocked"), QStringLiteral("[--follow] [--all] [--json]"),
         QStringLiteral("the hosts the sandbox's proxy denied, by domain"), &Cli::cmdBlocked},
        {QStringLiteral("allow"), QStringLiteral("HOST [--subdomains]"),
         QStringLiteral("whitelist a host (live in a running sandbox)"), &Cli::cmdAllow},
        {QStringLiteral("deny"), QStringLiteral("HOST"),
         QStringLiteral("deny a host (live in a running sandbox)"), &Cli::cmdDeny},
        {QStringLiteral("policy"), QStringLiteral("check HOST [--port N]"),
         QStringLiteral("what the proxy decides for a host, and by which rule"), &Cli::cmdPolicy},
        {QStringLiteral("secret"),
         QStringLiteral("list [--json] | set NAME [--shared] [--from-env VAR | --from-command "
                        "CMD [--cache S]] | rm NAME [--shared]"),
         QStringLiteral("values the proxy injects for the agent (injected-secrets); never shown"),
         &Cli::cmdSecret},
        {QStringLiteral("help"), QString(), QStringLiteral("this text (also --help, -h)"),
         &Cli::cmdHelp},
        {QStringLiteral("version"), QString(),
         QStringLiteral("the version of ocs (also --version, -v)"), &Cli::cmdVersion},
    };
    return table;
}

const Cli::Command *Cli::findCommand(const QString &name)
{
    for (const Command &c : commands()) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

const QList<std::pair<QString, QString>> &Cli::aliases()
{
    // Generated from src/cli/aliases.txt (cmake/CliAliases.cmake), which also makes the links.
    static const QList<std::pair<QString, QString>> table{OCS_CLI_ALIAS_TABLE};
    return table;
}

QString Cli::commandForProgramName(const QString &programName)
{
    for (const auto &[alias, command] : aliases()) {
        if (alias == programName)
            return command;
    }
    return QString();
}

QString Cli::usage()
{
    constexpr int HelpColumn = 26;
    QString text = QStringLiteral("Usage: ocs [--engine docker|podman|PATH] <command> [options]\n"
                                  "\n"
                                  "Run the OpenCode agent in an isolated container, one per "
                                  "project.\n"
                                  "\n"
                                  "Commands:\n");
    for (const Command &c : commands()) {
        QString left = QStringLiteral("  ") + c.name;
        if (!c.arguments.isEmpty())
            left += QLatin1Char(' ') + c.arguments;
        if (left.size() < HelpColumn - 1)
            text += left.leftJustified(HelpColumn) + c.help + QLatin1Char('\n');
        else
            text += left + QLatin1Char('\n') + QString(HelpColumn, QLatin1Char(' ')) + c.help +
                    QLatin1Char('\n');
    }
    text += QStringLiteral("\nEvery command but init works from any folder inside the project.\n"
                           "The reference's names run the same commands:\n");
    for (const auto &[alias, command] : aliases())
        text += QStringLiteral("  %1 = ocs %2\n").arg(alias, command);
    return text;
}

void Cli::finish(int code)
{
    QTimer::singleShot(0, qApp, [code] { QCoreApplication::exit(code); });
}

void Cli::fail(const QString &message, int code)
{
    err(QStringLiteral("ocs: ") + message);
    finish(code);
}

void Cli::fail(const Error &error)
{
    err(QStringLiteral("ocs: ") + error.message);
    for (const QString &hint : hintsFor(error))
        err(hint);
    finish(exitCodeFor(error.kind));
}

int Cli::exitCodeFor(Error::Kind kind)
{
    switch (kind) {
    case Error::Kind::None:
        return Ok;
    case Error::Kind::EngineMissing:
    case Error::Kind::EngineNotRunning:
    case Error::Kind::PermissionDenied:
        return NoEngine;
    case Error::Kind::Failed:
    case Error::Kind::PortTaken:
    case Error::Kind::ContainerGone:
    case Error::Kind::ImageBuildFailed:
    case Error::Kind::Timeout:
    case Error::Kind::Cancelled:
    case Error::Kind::ConfigInvalid:
    case Error::Kind::NotApproved:
        break;
    }
    return Failed;
}

QStringList Cli::hintsFor(const Error &error)
{
    QStringList hints;
    if (!error.logPath.isEmpty())
        hints << QStringLiteral("Full log: %1").arg(error.logPath);
    switch (error.kind) {
    case Error::Kind::ImageBuildFailed:
        hints << QStringLiteral("Fix the cause and build again with `ocs rebuild`.");
        break;
    case Error::Kind::PortTaken:
        hints << QStringLiteral("Another program uses the port; stop it, or try `ocs start` "
                                "again (a free port is chosen).");
        break;
    case Error::Kind::ConfigInvalid:
        hints << QStringLiteral("`ocs validate` lists every problem of the configuration.");
        break;
    default:
        break;
    }
    return hints;
}

bool Cli::parse(QCommandLineParser &parser, const QList<QCommandLineOption> &options,
                const QString &description)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addOptions(options);
    if (!parser.parse(m_args)) {
        fail(parser.errorText() + QStringLiteral("\n") + parser.helpText(), Usage);
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out(parser.helpText());
        finish(Ok);
        return false;
    }
    return true;
}

std::optional<Project> Cli::openProject(bool printWarnings)
{
    const auto root = Project::findRoot(QDir::currentPath());
    if (!root) {
        fail(QStringLiteral("no %1 in %2 or any folder above it. Run `ocs init` in your "
                            "project's root folder first.")
                 .arg(ConfigFile::FileName, QDir::currentPath()));
        return std::nullopt;
    }
    QString error;
    QStringList warnings;
    auto project = Project::open(*root, &error, &warnings);
    if (printWarnings) {
        for (const QString &w : std::as_const(warnings))
            err(w);
    }
    if (!project) {
        err(error);
        fail(Error(Error::Kind::ConfigInvalid,
                   QStringLiteral("the configuration has errors (see above); fix them and try "
                                  "again.")));
        return std::nullopt;
    }
    return project;
}

void Cli::withEngine(std::function<void(const ContainerEngine &)> next)
{
    auto *locator = new EngineLocator(this);
    locator->locate(m_enginePreference, [this, locator, next](const EngineLocator::Outcome &o) {
        locator->deleteLater();
        if (!o.ready())
            return fail(o.error);
        next(*o.engine);
    });
}

void Cli::run()
{
    if (m_command.isEmpty() || m_command == QLatin1String("--help") ||
        m_command == QLatin1String("-h")) {
        out(usage());
        return finish(m_command.isEmpty() ? Usage : Ok);
    }
    if (m_command == QLatin1String("--version") || m_command == QLatin1String("-v"))
        return cmdVersion();
    const Command *command = findCommand(m_command);
    if (!command)
        return fail(QStringLiteral("unknown command \"%1\"\n\n%2").arg(m_command, usage()), Usage);
    (this->*command->handler)();
}

void Cli::cmdHelp()
{
    out(usage());
    finish(Ok);
}

void Cli::cmdVersion()
{
    out(QStringLiteral("ocs %1").arg(QCoreApplication::applicationVersion()));
    finish(Ok);
}

// ---------------------------------------------------------------------------------------
void Cli::cmdInit()
{
    QCommandLineParser p;
    const QCommandLineOption yes({QStringLiteral("y"), QStringLiteral("yes")},
                                 QStringLiteral("Answer yes to every question."));
    const QCommandLineOption noBuild(QStringLiteral("no-build"),
                                     QStringLiteral("Do not build the image."));
    const QCommandLineOption name(QStringLiteral("name"),
                                  QStringLiteral("The sandbox-name to write."),
                                  QStringLiteral("NAME"));
    if (!parse(p, {yes, noBuild, name}, QStringLiteral("Set up the current folder as a project.")))
        return;
    const bool y = p.isSet(yes);
    const QString root = QDir::current().canonicalPath();
    QString error;

    // The core's set-up (the same as the tray's), asking each question on the terminal.
    ProjectInit::Options options;
    options.sandboxName =
        p.isSet(name) ? p.value(name) : ProjectInit::suggestedName(QFileInfo(root).fileName());
    options.ask = [this, y](const QString &question) {
        return confirm(question, true, y);
    };
    const ProjectInit::Result created = ProjectInit::create(root, options);
    for (const QString &file : created.kept)
        out(QStringLiteral("%1 exists, kept as it is.").arg(file));
    for (const QString &file : created.created)
        out(QStringLiteral("Created %1").arg(file));
    if (created.gitignoreUpdated)
        out(QStringLiteral("Updated .gitignore"));
    if (!created.ok)
        return fail(created.error);

    auto project = openProject();
    if (!project)
        return;
    // (ProjectInit approved the hook and mise.toml it wrote, by the hash of what it wrote;
    // files that were there before stay unapproved.)
    if (!project->ensureStateDirs(&error))
        return fail(error);
    out(QStringLiteral("Sandbox ID: %1 (state in %2)")
            .arg(project->sandboxId(), project->stateDir()));
    if (p.isSet(noBuild) || !confirm(QStringLiteral("Build the sandbox image now?"), true, y)) {
        out(QStringLiteral("Done. Build later with `ocs rebuild`, then `ocs start`."));
        return finish(Ok);
    }
    cmdRebuild();
}

void Cli::cmdRebuild()
{
    QCommandLineParser p;
    const QCommandLineOption base(
        QStringLiteral("base-image"),
        QStringLiteral("Base image (Debian/Ubuntu); default: OCS_BASE_IMAGE or the Dockerfile's."),
        QStringLiteral("IMAGE"));
    const QCommandLineOption noCache(QStringLiteral("no-cache"),
                                     QStringLiteral("Build every layer afresh."));
    if (m_command == QLatin1String("init"))
        m_args = {m_args.first()};
    if (!parse(p, {base, noCache}, QStringLiteral("Build the sandbox image.")))
        return;
    auto project = openProject();
    if (!project)
        return;
    ImageBuilder::Options opts;
    opts.baseImage = p.value(base);
    opts.noCache = p.isSet(noCache);
    withEngine([this, project = *project, opts](const ContainerEngine &engine) {
        auto *c = new SandboxController(engine, project, this);
        out(QStringLiteral("Building image %1 with %2 (log: %3/docker-build.log)")
                .arg(project.imageName(), engine.displayName(), project.stateDir()));
        connect(c, &SandboxController::buildProgress, this, [](int s, int t, const QString &line) {
            progress(t > 0 ? QStringLiteral("[%1/%2] %3").arg(s).arg(t).arg(line) : line);
        });
        c->rebuild(opts, [this](const SandboxController::Outcome &o) {
            if (!o.ok)
                return fail(o.error);
            for (const QString &n : o.notices)
                out(n);
            finish(Ok);
        });
    });
}

void Cli::cmdStart()
{
    QCommandLineParser p;
    const QCommandLineOption detach({QStringLiteral("d"), QStringLiteral("detach")},
                                    QStringLiteral("Start in the background and return."));
    const QCommandLineOption rebuild(QStringLiteral("rebuild"),
                                     QStringLiteral("Build the image first."));
    const QCommandLineOption yes({QStringLiteral("y"), QStringLiteral("yes")},
                                 QStringLiteral("Answer yes to every question."));
    const QCommandLineOption base(QStringLiteral("base-image"),
                                  QStringLiteral("Base image when building."),
                                  QStringLiteral("IMAGE"));
    if (!parse(p, {detach, rebuild, yes, base}, QStringLiteral("Start the sandbox.")))
        return;
    auto project = openProject();
    if (!project)
        return;
    SandboxController::StartOptions opts;
    opts.interactive = stdinIsTerminal();
    opts.rebuild = p.isSet(rebuild);
    opts.build.baseImage = p.value(base);
    // The app's Preferences switch applies to `ocs start` too (the config key wins).
    opts.shareOpenCodeSettings = AppSettings().shareOpenCodeSettings();
    const bool foreground = !p.isSet(detach);
    const bool assumeYes = p.isSet(yes);
    opts.confirmConfigChanges = [assumeYes](const StartReview &review,
                                            std::function<void(bool)> answer) {
        out(review.firstStart
                ? QStringLiteral("First start of this sandbox. It may reach:")
                : QStringLiteral("The configuration changed since this sandbox last started:"));
        for (const QString &c : review.lines)
            out(QStringLiteral("  ") + c);
        for (const QString &w : review.warnings)
            err(QStringLiteral("warning: ") + w);
        if (!assumeYes && !stdinIsTerminal()) {
            err(QStringLiteral("No terminal to ask on: pass --yes to accept and start."));
            return answer(false);
        }
        answer(assumeYes ||
               confirm(review.firstStart ? QStringLiteral("Start it?")
                                         : QStringLiteral("Apply these changes and start?"),
                       false, false));
    };
    withEngine([this, project = *project, opts, foreground](const ContainerEngine &engine) {
        auto *c = new SandboxController(engine, project, this);
        connect(c, &SandboxController::message, this, [](const QString &m) { out(m); });
        connect(c, &SandboxController::buildProgress, this, [](int s, int t, const QString &line) {
            progress(t > 0 ? QStringLiteral("[build %1/%2] %3").arg(s).arg(t).arg(line) : line);
        });
        auto *signals_ = new SignalWatcher(this);
        connect(signals_, &SignalWatcher::interrupted, this, [this, c](int) {
            out(QStringLiteral("Stopping %1 ...").arg(c->project().containerName()));
            c->stop([this](const SandboxController::Outcome &o) {
                if (!o.ok)
                    return fail(o.error);
                out(QStringLiteral("Stopped."));
                finish(Ok);
            });
        });
        c->start(opts, [this, c, foreground, engine](const SandboxController::Outcome &o) {
            if (!o.ok)
                return fail(o.error);
            for (const QString &n : o.notices)
                out(n);
            const Project &pr = c->project();
            out(QStringLiteral("Sandbox %1 is running.").arg(pr.sandboxId()));
            out(QStringLiteral("  Web UI:    http://127.0.0.1:%1   (`ocs web` opens it signed in)")
                    .arg(o.port));
            out(QStringLiteral("  Terminal:  ocs terminal"));
            out(QStringLiteral("  Workspace: %1 -> %2").arg(pr.root(), pr.workspaceMountPoint()));
            if (!foreground) {
                out(QStringLiteral("  Stop it with `ocs stop`."));
                return finish(Ok);
            }
            out(QStringLiteral("Press Ctrl+C to stop and remove the container."));
            // Follow its output until it ends or the user interrupts.
            ProcessSpec follow =
                engine.command(ContainerEngine::logsArguments(
                                   pr.containerName(), -1, /*follow=*/true, QStringLiteral("0s")),
                               std::chrono::milliseconds(0));
            follow.forwardOutput = true;
            runProcess(follow, this, [this, c](const ProcessResult &) {
                if (c->state() == SandboxController::State::Stopping)
                    return; // the interrupt handler finishes
                c->containerStatus([this](const QString &status, quint16) {
                    if (status == QLatin1String("running"))
                        return; // logs ended by a signal; the handler finishes
                    err(QStringLiteral("The sandbox stopped (%1). See `ocs logs`.")
                            .arg(status.isEmpty() ? QStringLiteral("removed") : status));
                    finish(Failed);
                });
            });
        });
    });
}

void Cli::cmdStop()
{
    QCommandLineParser p;
    if (!parse(p, {}, QStringLiteral("Stop the sandbox and remove its container.")))
        return;
    auto project = openProject();
    if (!project)
        return;
    withEngine([this, project = *project](const ContainerEngine &engine) {
        auto *c = new SandboxController(engine, project, this);
        c->stop([this, project](const SandboxController::Outcome &o) {
            if (!o.ok)
                return fail(o.error);
            for (const QString &n : o.notices)
                out(n);
            if (o.notices.isEmpty())
                out(QStringLiteral("Stopped %1.").arg(project.containerName()));
            finish(Ok);
        });
    });
}

void Cli::cmdStatus()
{
    QCommandLineParser p;
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    if (!parse(p, {json}, QStringLiteral("List every sandbox on this machine.")))
        return;
    const bool asJson = p.isSet(json);
    withEngine([this, asJson](const ContainerEngine &engine) {
        auto *lister = new SandboxLister(engine, this);
        lister->list(
            [this, asJson, engine](const QList<SandboxInfo> &listed, const QString &error) {
                QStringList running;
                for (const SandboxInfo &i : listed) {
                    if (i.state == QLatin1String("running"))
                        running << i.containerName;
                }
                sandboxusage::readMemory(
                    engine, running, this,
                    [this, asJson, listed, error](const QHash<QString, qint64> &used) {
                        QList<SandboxInfo> all = listed;
                        for (SandboxInfo &i : all)
                            i.usage.memoryUsed = used.value(i.containerName, -1);
                        printStatus(all, error, asJson);
                    });
            });
    });
}

void Cli::printStatus(const QList<SandboxInfo> &all, const QString &error, bool asJson)
{
    if (!error.isEmpty())
        err(QStringLiteral("ocs: ") + error);
    if (asJson) {
        QJsonArray arr;
        for (const SandboxInfo &i : all) {
            QJsonObject o;
            o.insert(QStringLiteral("id"), i.sandboxId);
            o.insert(QStringLiteral("state"), i.state);
            o.insert(QStringLiteral("port"), int(i.port));
            o.insert(QStringLiteral("url"), i.state == QLatin1String("running") && i.port
                                                ? QStringLiteral("http://127.0.0.1:%1").arg(i.port)
                                                : QString());
            o.insert(QStringLiteral("project"), i.projectRoot);
            o.insert(QStringLiteral("container"), i.containerName);
            QJsonArray published;
            for (const PublishedPort &pp : i.published)
                published.append(QJsonObject{{QStringLiteral("port"), int(pp.inside)},
                                             {QStringLiteral("hostIp"), pp.hostIp},
                                             {QStringLiteral("hostPort"), int(pp.host)}});
            o.insert(QStringLiteral("published"), published);
            if (i.usage.memoryUsed >= 0)
                o.insert(QStringLiteral("memoryUsed"), double(i.usage.memoryUsed));
            if (i.usage.limitsKnown) {
                o.insert(QStringLiteral("memoryLimit"), double(i.usage.memoryLimit));
                o.insert(QStringLiteral("cpus"), i.usage.cpus);
                o.insert(QStringLiteral("pidsLimit"), double(i.usage.pidsLimit));
            }
            arr.append(o);
        }
        out(QString::fromUtf8(QJsonDocument(arr).toJson(QJsonDocument::Indented)).trimmed());
        return finish(error.isEmpty() ? Ok : Failed);
    }
    if (all.isEmpty()) {
        out(QStringLiteral("No sandboxes on this machine yet. Run `ocs init` in a project."));
        return finish(error.isEmpty() ? Ok : Failed);
    }
    int w = 10;
    for (const SandboxInfo &i : all)
        w = qMax(w, int(i.sandboxId.size()));
    out(QStringLiteral("%1  %2  %3  %4")
            .arg(QStringLiteral("SANDBOX ID"), -w)
            .arg(QStringLiteral("STATE"), -8)
            .arg(QStringLiteral("PORT"), -5)
            .arg(QStringLiteral("PROJECT")));
    for (const SandboxInfo &i : all) {
        out(QStringLiteral("%1  %2  %3  %4")
                .arg(i.sandboxId, -w)
                .arg(i.state, -8)
                .arg(i.port ? QString::number(i.port) : QStringLiteral("-"), -5)
                .arg(i.projectRoot.isEmpty() ? QStringLiteral("(unknown)") : i.projectRoot));
        if (i.state != QLatin1String("running"))
            continue;
        const QString indent(w + 2, QLatin1Char(' '));
        QStringList published;
        for (const PublishedPort &pp : i.published)
            published << pp.text();
        if (!published.isEmpty())
            out(indent + QStringLiteral("published: ") + published.join(QStringLiteral(", ")));
        if (i.usage.isKnown())
            out(indent + i.usage.line());
    }
    finish(error.isEmpty() ? Ok : Failed);
}

void Cli::cmdPorts()
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("action"),
                            QStringLiteral("list (the default), publish or unpublish."));
    p.addPositionalArgument(QStringLiteral("port"), QStringLiteral("A port in the sandbox."));
    if (!parse(p, {},
               QStringLiteral("Ports of servers in the sandbox published on this computer's "
                              "127.0.0.1 (published-ports). publish/unpublish edit the "
                              "configuration; a restart of the sandbox applies it.")))
        return;
    const QStringList args = p.positionalArguments();
    const QString action = args.value(0, QStringLiteral("list"));
    const bool list = action == QLatin1String("list");
    if (!(list && args.size() <= 1) &&
        !((action == QLatin1String("publish") || action == QLatin1String("unpublish")) &&
          args.size() == 2))
        return fail(QStringLiteral("usage: ocs ports [list | publish PORT | unpublish PORT]"),
                    Usage);
    auto project = openProject();
    if (!project)
        return;
    if (!list) {
        const bool publish = action == QLatin1String("publish");
        const publishedports::Edit e = publishedports::change(*project, args.at(1), publish);
        if (!e.ok)
            return fail(e.error);
        if (!e.changed)
            out(QStringLiteral("Port %1 was %2 already; %3 is unchanged.")
                    .arg(QString::number(e.port),
                         publish ? QStringLiteral("published") : QStringLiteral("not published"),
                         e.configPath));
        else
            out(QStringLiteral("%1 port %2 in %3 (published-ports).")
                    .arg(publish ? QStringLiteral("Published") : QStringLiteral("Unpublished"),
                         QString::number(e.port), e.configPath));
        return whetherRunning(*project, [this](bool running) {
            out(running ? QStringLiteral("The sandbox runs: restart it to apply this (`ocs stop` "
                                         "and `ocs start`, or Restart in the tray).")
                        : QStringLiteral("The sandbox is not running; this applies at its next "
                                         "start."));
            finish(Ok);
        });
    }
    const QList<quint16> wanted = project->config().publishedPorts;
    withEngine([this, wanted, project](const ContainerEngine &engine) {
        sandboxusage::read(
            engine, project->containerName(), this,
            [this, wanted](const sandboxusage::Reading &r) {
                if (wanted.isEmpty() && r.ports.isEmpty()) {
                    out(QStringLiteral("No published ports (publish one with `ocs ports publish "
                                       "PORT`)."));
                    return finish(Ok);
                }
                for (quint16 port : wanted) {
                    QStringList actual;
                    for (const PublishedPort &pp : r.ports) {
                        if (pp.inside == port)
                            actual << pp.hostIp + QLatin1Char(':') + QString::number(pp.host);
                    }
                    if (!r.running)
                        out(QStringLiteral("%1  (published at the next start)").arg(port));
                    else if (actual.isEmpty())
                        out(QStringLiteral("%1  (not published yet: restart the sandbox)")
                                .arg(port));
                    else
                        out(QStringLiteral("%1 → %2  http://%3/")
                                .arg(QString::number(port), actual.join(QStringLiteral(", ")),
                                     actual.constFirst()));
                }
                for (const PublishedPort &pp : r.ports) {
                    if (!wanted.contains(pp.inside))
                        out(QStringLiteral("%1  (no longer in published-ports: restart the "
                                           "sandbox to close it)")
                                .arg(pp.text()));
                }
                finish(Ok);
            },
            /*memory=*/false);
    });
}

void Cli::cmdTerminal()
{
    QCommandLineParser p;
    if (!parse(p, {}, QStringLiteral("Attach an OpenCode terminal client to the running sandbox.")))
        return;
    auto project = openProject();
    if (!project)
        return;
    withRunningSandbox(*project, [this](const ContainerEngine &engine, SandboxController *c,
                                        quint16) {
        // Hand the terminal over: replace this process with `<engine> exec`. ocs-attach
        // runs OpenCode's terminal client as the image's ocs-gate user (never as dev),
        // which the firewall lets talk to OpenCode directly: no password is needed.
        QStringList args{engine.program(), QStringLiteral("exec"), QStringLiteral("--interactive")};
        if (stdinIsTerminal() && stdoutIsTerminal())
            args << QStringLiteral("--tty");
        args << QStringLiteral("--user") << QStringLiteral("root") << c->project().containerName()
             << QStringLiteral("ocs-attach");
        std::vector<QByteArray> storage;
        for (const QString &a : args)
            storage.push_back(a.toLocal8Bit());
        std::vector<char *> argv;
        for (QByteArray &b : storage)
            argv.push_back(b.data());
        argv.push_back(nullptr);
        ::execvp(argv[0], argv.data());
        fail(QStringLiteral("could not run %1: %2")
                 .arg(engine.program(), QString::fromLocal8Bit(std::strerror(errno))));
    });
}

void Cli::withRunningSandbox(
    const Project &project,
    std::function<void(const ContainerEngine &, SandboxController *, quint16 port)> next)
{
    withEngine([this, project, next](const ContainerEngine &engine) {
        auto *c = new SandboxController(engine, project, this);
        c->containerStatus([this, c, engine, next](const QString &status, quint16 port) {
            if (status != QLatin1String("running"))
                return fail(QStringLiteral("%1 is not running; start it with `ocs start`.")
                                .arg(c->project().containerName()));
            next(engine, c, port);
        });
    });
}

void Cli::cmdWeb()
{
    QCommandLineParser p;
    const QCommandLineOption printUrl(
        QStringLiteral("print-url"),
        QStringLiteral("Print the one-time sign-in address instead of opening a browser."));
    if (!parse(p, {printUrl},
               QStringLiteral("Open the web UI, already signed in. The password never appears in "
                              "a URL. Uses the gateway of the running tray app when it runs this "
                              "sandbox; otherwise runs one until Ctrl+C.")))
        return;
    auto project = openProject();
    if (!project)
        return;
    const bool print = p.isSet(printUrl);
    withRunningSandbox(
        *project, [this, print](const ContainerEngine &, SandboxController *c, quint16 port) {
            if (!port)
                return fail(QStringLiteral("%1 runs without a published port; restart it with "
                                           "`ocs stop` and `ocs start`.")
                                .arg(c->project().containerName()));
            // The tray's gateway first: one origin and one browser session for this sandbox.
            traylink::requestWebLogin(
                traylink::socketPath(), c->project().sandboxId(), QStringLiteral("/"), this,
                [this, c, port, print](const traylink::WebLoginReply &reply) {
                    if (reply.status == traylink::WebLoginReply::Status::Ok) {
                        showWebLogin(reply.url, print);
                        out(QStringLiteral("Signed in through the OpenCode Sandbox app's gateway "
                                           "at http://127.0.0.1:%1 (it stays up while the app "
                                           "runs).")
                                .arg(reply.url.port()));
                        return finish(Ok);
                    }
                    if (reply.status == traylink::WebLoginReply::Status::Failed)
                        err(QStringLiteral("The OpenCode Sandbox app could not sign in (%1); "
                                           "using a gateway of this command instead.")
                                .arg(reply.message));
                    qCDebug(lcGateway) << "not through the tray app:" << reply.message;
                    runOwnGateway(c, port, print);
                });
        });
}

void Cli::runOwnGateway(SandboxController *c, quint16 port, bool print)
{
    c->password([this, c, port, print](const SandboxController::Outcome &pw) {
        if (!pw.ok)
            return fail(pw.error);
        auto *gateway = new WebGateway({port, QStringLiteral("opencode"), pw.password}, this);
        QString error;
        if (!listenOnRememberedPort(*gateway, c->project().stateDir(), &error))
            return fail(QStringLiteral("cannot open the sign-in gateway: ") + error);
        showWebLogin(gateway->createLoginUrl(QStringLiteral("/")), print);
        out(QStringLiteral("Signed-in gateway for the web UI at http://127.0.0.1:%1 (it forwards "
                           "to the sandbox on port %2). Keep this running while you use the web "
                           "UI; Ctrl+C ends it.")
                .arg(gateway->port())
                .arg(port));
        auto *signals_ = new SignalWatcher(this);
        connect(signals_, &SignalWatcher::interrupted, this, [this] { finish(Ok); });
        // No forwarding (with the password) to the port once the sandbox is gone.
        auto *watch = new GatewayWatch(gateway, c, this);
        connect(watch, &GatewayWatch::sandboxEnded, this, [this, c] {
            fail(QStringLiteral("%1 stopped; the sign-in gateway ended.")
                     .arg(c->project().containerName()));
        });
        watch->followEngineEvents();
    });
}

void Cli::showWebLogin(const QUrl &url, bool print)
{
    if (print)
        out(url.toString());
    else
        openInBrowser(url);
}

void Cli::cmdLogs()
{
    QCommandLineParser p;
    const QCommandLineOption follow({QStringLiteral("f"), QStringLiteral("follow")},
                                    QStringLiteral("Keep following."));
    const QCommandLineOption tail(QStringLiteral("tail"), QStringLiteral("Only the last N lines."),
                                  QStringLiteral("N"));
    if (!parse(p, {follow, tail}, QStringLiteral("Show the sandbox's output.")))
        return;
    auto project = openProject();
    if (!project)
        return;
    bool tailOk = true;
    const int lines = p.isSet(tail) ? p.value(tail).toInt(&tailOk) : -1;
    if (!tailOk || lines < -1)
        return fail(
            QStringLiteral("--tail wants a number of lines, not \"%1\".").arg(p.value(tail)),
            Usage);
    const QStringList args =
        ContainerEngine::logsArguments(project->containerName(), lines, p.isSet(follow));
    withEngine([this, args, project = *project](const ContainerEngine &engine) {
        ProcessSpec spec = engine.command(args, std::chrono::milliseconds(0));
        spec.forwardOutput = true;
        runProcess(spec, this, [this, project](const ProcessResult &r) {
            if (r.status == ProcessResult::Status::Finished && r.exitCode != 0)
                return fail(
                    QStringLiteral(
                        "no output: %1 has no container (it is not running and did not fail).")
                        .arg(project.containerName()));
            finish(r.ok() ? Ok : Failed);
        });
    });
}

void Cli::cmdValidate()
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("file"),
                            QStringLiteral("The config file (default: the project's)."));
    if (!parse(p, {}, QStringLiteral("Check opencode-sandbox-config.yaml.")))
        return;
    QString path = p.positionalArguments().value(0);
    if (path.isEmpty()) {
        const auto root = Project::findRoot(QDir::currentPath());
        if (!root)
            return fail(QStringLiteral("no %1 here or above; name a file: `ocs validate FILE`.")
                            .arg(ConfigFile::FileName));
        path = *root + QLatin1Char('/') + ConfigFile::FileName;
    }
    const auto result = ConfigFile::load(path);
    int errors = 0;
    int warnings = 0;
    // Here also the advice (e.g. inject a credential instead of passing it in).
    QList<Diagnostic> all = result.diagnostics + result.suggestions;
    std::stable_sort(all.begin(), all.end(), [](const Diagnostic &a, const Diagnostic &b) {
        return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
    for (const Diagnostic &d : std::as_const(all)) {
        (d.isError() ? errors : warnings)++;
        err(d.toString());
    }
    if (errors == 0) {
        out(QStringLiteral("%1: OK%2")
                .arg(path,
                     warnings ? QStringLiteral(" (%1 warning(s))").arg(warnings) : QString()));
        return finish(Ok);
    }
    err(QStringLiteral("%1: %2 error(s), %3 warning(s)").arg(path).arg(errors).arg(warnings));
    finish(Failed);
}

void Cli::cmdHook()
{
    reviewFile(ApprovedFile::Kind::PreStartHook);
}

void Cli::cmdMise()
{
    reviewFile(ApprovedFile::Kind::MiseToml);
}

void Cli::reviewFile(ApprovedFile::Kind kind)
{
    const bool isHook = kind == ApprovedFile::Kind::PreStartHook;
    const QString name = isHook ? QStringLiteral("hook") : QStringLiteral("mise");
    QCommandLineParser p;
    const QCommandLineOption yes({QStringLiteral("y"), QStringLiteral("yes")},
                                 QStringLiteral("Approve without asking."));
    const QCommandLineOption sha(QStringLiteral("sha256"),
                                 QStringLiteral("Approve only if the content has this SHA-256 "
                                                "(the one `show` printed)."),
                                 QStringLiteral("HASH"));
    p.addPositionalArgument(QStringLiteral("action"), QStringLiteral("show | approve"));
    if (!parse(p, {yes, sha},
               isHook ? QStringLiteral("Show or approve the pre-start hook.")
                      : QStringLiteral("Show or approve mise.toml (the image build runs "
                                       "`mise install` with it).")))
        return;
    const QString action = p.positionalArguments().value(0);
    if (action != QLatin1String("show") && action != QLatin1String("approve"))
        return fail(QStringLiteral("usage: ocs %1 show|approve [--yes] [--sha256 HASH]").arg(name),
                    Usage);
    auto project = openProject();
    if (!project)
        return;
    const ApprovedFile file(*project, kind);
    // One read: what is printed is what gets approved (by its hash).
    const ApprovedFile::Snapshot shown = file.read();
    if (shown.status == ApprovedFile::Status::Absent) {
        out(QStringLiteral("There is no %1 in %2.").arg(file.fileName(), project->root()));
        return finish(Ok);
    }
    if (shown.status == ApprovedFile::Status::Refused)
        return fail(shown.error);
    int marked = 0;
    const QString text = visibleText(shown.content, &marked);
    out(QStringLiteral("----- %1 (sha256 %2) -----").arg(file.path(), shown.sha256));
    out(text.endsWith(QLatin1Char('\n')) ? text.chopped(1) : text);
    out(QStringLiteral("----- end -----"));
    if (marked > 0)
        err(QStringLiteral("warning: %1 control or invisible character(s) (carriage returns, "
                           "escape sequences, direction overrides, zero-width marks, bytes that "
                           "are not UTF-8) are shown as \\r, \\xNN or <U+XXXX>: a terminal or "
                           "editor may hide what they do.")
                .arg(marked));
    const QString statusText = shown.status == ApprovedFile::Status::Approved
                                   ? QStringLiteral("approved")
                               : shown.status == ApprovedFile::Status::Empty
                                   ? (isHook ? QStringLiteral("nothing to run (comments only)")
                                             : QStringLiteral("nothing to install (no keys)"))
                                   : QStringLiteral("NOT approved");
    out(QStringLiteral("Status: %1").arg(statusText));
    if (action == QLatin1String("show"))
        return finish(Ok);
    if (p.isSet(sha) && p.value(sha).toLower() != shown.sha256)
        return fail(QStringLiteral("not approved: %1 has SHA-256 %2, not %3.")
                        .arg(file.path(), shown.sha256, p.value(sha)));
    if (shown.status == ApprovedFile::Status::Approved)
        return finish(Ok);
    if (!p.isSet(yes) && !stdinIsTerminal())
        return fail(QStringLiteral("not approved: no terminal to ask on; read it and run "
                                   "`ocs %1 approve --yes`.")
                        .arg(name));
    // --yes approves; confirm()'s assumeYes would answer this question's default: no.
    const QString question =
        isHook ? QStringLiteral("Run this on your machine before each start of %1?")
                     .arg(project->sandboxId())
               : QStringLiteral("Let the image build of %1 install what this says?")
                     .arg(project->sandboxId());
    if (!p.isSet(yes) && !confirm(question, false, false))
        return fail(QStringLiteral("not approved."));
    QString error;
    if (!project->ensureStateDirs(&error) || !file.approve(shown.sha256, &error))
        return fail(error);
    out(QStringLiteral("Approved."));
    finish(Ok);
}

void Cli::cmdVerify()
{
    QCommandLineParser p;
    if (!parse(
            p, {},
            QStringLiteral(
                "Check the running sandbox's isolation from inside: probes run as the agent "
                "(firewall, DNS, proxy rules, privileges, protected files, the server password).")))
        return;
    auto project = openProject();
    if (!project)
        return;
    withEngine([this, project = *project](const ContainerEngine &engine) {
        auto *c = new SandboxController(engine, project, this);
        c->containerStatus([this, c, engine](const QString &status, quint16) {
            const QString name = c->project().containerName();
            if (status != QLatin1String("running"))
                return fail(
                    QStringLiteral("%1 is not running; start it with `ocs start`.").arg(name));
            out(QStringLiteral("Verifying %1 from inside, as the agent ...").arg(name));
            auto *verifier = new SandboxVerifier(engine, name, this);
            verifier->run([this, verifier](const SandboxVerifier::Result &r) {
                verifier->deleteLater();
                if (!r.error.isEmpty())
                    return fail(r.error);
                for (const QString &line : r.reportLines())
                    out(line);
                out(QStringLiteral("%1 passed, %2 failed")
                        .arg(r.passedCount())
                        .arg(r.failedCount()));
                finish(r.allPassed() ? Ok : Failed);
            });
        });
    });
}

// ---------------------------------------------------------------------------------------
// Live network policy

namespace {

QString localTime(const QDateTime &t)
{
    return t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString decisionLine(const NetworkDecision &d)
{
    return QStringLiteral("%1  %2  %3:%4  %5  %6")
        .arg(localTime(d.time), d.allowed ? QStringLiteral("allowed") : QStringLiteral("denied "),
             d.host)
        .arg(d.port)
        .arg(d.method, d.rule);
}

} // namespace

void Cli::cmdBlocked()
{
    QCommandLineParser p;
    const QCommandLineOption follow({QStringLiteral("f"), QStringLiteral("follow")},
                                    QStringLiteral("Print new decisions as they come, until "
                                                   "Ctrl+C."));
    const QCommandLineOption all(QStringLiteral("all"),
                                 QStringLiteral("With --follow: the allowed requests too."));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("One JSON object per line."));
    if (!parse(p, {follow, all, json},
               QStringLiteral("The hosts the sandbox's proxy denied (running or stopped "
                              "sandbox), grouped by domain, with counts and the last time.")))
        return;
    auto project = openProject();
    if (!project)
        return;
    const QString logDir = policyfiles::logDir(project->stateDir());
    const bool asJson = p.isSet(json);
    if (p.isSet(follow)) {
        const bool everything = p.isSet(all);
        auto *follower = new DecisionLogFollower(logDir, this);
        connect(follower, &DecisionLogFollower::decided, this,
                [asJson, everything](const NetworkDecision &d) {
                    if (d.allowed && !everything)
                        return;
                    out(asJson ? QString::fromUtf8(DecisionLog::toJson(d)) : decisionLine(d));
                });
        auto *signals_ = new SignalWatcher(this);
        connect(signals_, &SignalWatcher::interrupted, this, [this, follower](int) {
            follower->stop();
            finish(Ok);
        });
        follower->start();
        err(QStringLiteral("Following the proxy's decisions for %1 (%2); Ctrl+C ends.")
                .arg(project->sandboxId(),
                     everything ? QStringLiteral("all of them") : QStringLiteral("denied ones")));
        return;
    }

    // Per domain: its denied hosts, the domain with the most recent denial first.
    QList<HostActivity> denied;
    for (const HostActivity &a : DecisionLog(logDir).activity()) {
        if (a.denied > 0)
            denied << a;
    }
    if (asJson) {
        for (const HostActivity &a : std::as_const(denied)) {
            QJsonObject o;
            o.insert(QStringLiteral("host"), a.host);
            o.insert(QStringLiteral("domain"), a.domain);
            o.insert(QStringLiteral("denied"), a.denied);
            o.insert(QStringLiteral("allowed"), a.allowed);
            o.insert(QStringLiteral("last"), a.last.toUTC().toString(Qt::ISODateWithMs));
            o.insert(QStringLiteral("lastDecision"),
                     a.lastAllowed ? QStringLiteral("allowed") : QStringLiteral("denied"));
            o.insert(QStringLiteral("rule"), a.lastRule);
            out(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
        }
        return finish(Ok);
    }
    if (denied.isEmpty()) {
        out(QStringLiteral("No denied requests recorded for %1.").arg(project->sandboxId()));
        return finish(Ok);
    }
    QStringList domains; // in order of their most recent denial (activity() is newest first)
    QHash<QString, QList<HostActivity>> byDomain;
    for (const HostActivity &a : std::as_const(denied)) {
        if (!byDomain.contains(a.domain))
            domains << a.domain;
        byDomain[a.domain] << a;
    }
    out(QStringLiteral("Denied requests of %1, by domain (most recent first):")
            .arg(project->sandboxId()));
    for (const QString &domain : std::as_const(domains)) {
        const QList<HostActivity> &hosts = byDomain[domain];
        qint64 count = 0;
        for (const HostActivity &a : hosts)
            count += a.denied;
        out(QStringLiteral("%1  %2 denied, last %3")
                .arg(domain)
                .arg(count)
                .arg(localTime(hosts.first().last)));
        for (const HostActivity &a : hosts)
            out(QStringLiteral("  %1  %2 denied, last %3  (%4%5)")
                    .arg(a.host)
                    .arg(a.denied)
                    .arg(localTime(a.last),
                         a.lastAllowed ? QStringLiteral("now allowed: ") : QString(), a.lastRule));
    }
    out(QStringLiteral("Allow one with `ocs allow HOST` (`--subdomains` for the host and its "
                       "subdomains)."));
    finish(Ok);
}

void Cli::cmdAllow()
{
    editPolicy(true);
}

void Cli::cmdDeny()
{
    editPolicy(false);
}

void Cli::editPolicy(bool allow)
{
    QCommandLineParser p;
    const QCommandLineOption subdomains(
        QStringLiteral("subdomains"),
        QStringLiteral("Allow the host's subdomains too (the entry \".HOST\")."));
    p.addPositionalArgument(QStringLiteral("host"),
                            allow ? QStringLiteral("The host name to allow, e.g. api.example.com.")
                                  : QStringLiteral("The host name to deny."));
    const QList<QCommandLineOption> options =
        allow ? QList<QCommandLineOption>{subdomains} : QList<QCommandLineOption>{};
    if (!parse(p, options,
               allow ? QStringLiteral("Add a host to http-domain-whitelist (and take it off "
                                      "http-domain-blacklist). A running sandbox applies it "
                                      "within a second, a stopped one at its next start.")
                     : QStringLiteral("Take a host off http-domain-whitelist, or add it to "
                                      "http-domain-blacklist when a wider entry allows it. A "
                                      "running sandbox applies it within a second.")))
        return;
    if (p.positionalArguments().size() != 1)
        return fail(QStringLiteral("usage: ocs %1 HOST%2")
                        .arg(allow ? QStringLiteral("allow") : QStringLiteral("deny"),
                             allow ? QStringLiteral(" [--subdomains]") : QString()),
                    Usage);
    auto project = openProject();
    if (!project)
        return;
    const QString host = p.positionalArguments().constFirst();
    const networkpolicy::PolicyEdit e =
        allow ? networkpolicy::allowHost(*project, host, p.isSet(subdomains))
              : networkpolicy::denyHost(*project, host);
    if (!e.ok)
        return fail(e.error);
    if (e.configChanged) {
        out(QStringLiteral("%1 %2 (%3). Changed %4:")
                .arg(allow ? QStringLiteral("Allowed") : QStringLiteral("Denied"), e.host,
                     e.after.rule, e.configPath));
        for (const QString &c : e.changes)
            out(QStringLiteral("  ") + c);
    } else {
        out(QStringLiteral("%1 was already %2 (%3); the configuration is unchanged.")
                .arg(e.host, allow ? QStringLiteral("allowed") : QStringLiteral("denied"),
                     e.after.rule));
    }
    if (e.live.allowed != e.after.allowed)
        out(QStringLiteral("Not in effect yet: the entry that allows %1 was added to the "
                           "configuration outside `ocs allow` since the last start, which asks "
                           "about it first.")
                .arg(e.host));
    if (!e.held.isEmpty())
        out(QStringLiteral("Waiting for the next start's review (not applied live): %1")
                .arg(e.held.join(QStringLiteral(", "))));
    whetherRunning(*project, [this](bool running) {
        out(running ? QStringLiteral("The policy is applied to the running sandbox.")
                    : QStringLiteral("The sandbox is not running; the policy applies at the "
                                     "next start."));
        finish(Ok);
    });
}

void Cli::whetherRunning(const Project &project, std::function<void(bool)> next)
{
    auto *locator = new EngineLocator(this);
    locator->locate(m_enginePreference,
                    [this, locator, project, next](const EngineLocator::Outcome &o) {
                        locator->deleteLater();
                        if (!o.ready())
                            return next(false);
                        auto *c = new SandboxController(*o.engine, project, this);
                        c->containerStatus([c, next](const QString &status, quint16) {
                            c->deleteLater();
                            next(status == QLatin1String("running"));
                        });
                    });
}

void Cli::cmdPolicy()
{
    QCommandLineParser p;
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("443 (HTTPS, the default) or 80 (HTTP)."),
                                  QStringLiteral("N"));
    p.addPositionalArgument(QStringLiteral("check"), QStringLiteral("check"));
    p.addPositionalArgument(QStringLiteral("host"), QStringLiteral("The host name."));
    if (!parse(p, {port},
               QStringLiteral("What the sandbox's proxy decides for a request to HOST by the "
                              "configuration's whitelist and blacklist, and the rule that "
                              "decides. Exit code 0: allowed, 1: denied.")))
        return;
    const QStringList args = p.positionalArguments();
    if (args.size() != 2 || args.first() != QLatin1String("check"))
        return fail(QStringLiteral("usage: ocs policy check HOST [--port N]"), Usage);
    bool portOk = true;
    const int portNumber = p.isSet(port) ? p.value(port).toInt(&portOk) : 443;
    if (!portOk || portNumber < 1 || portNumber > 65535)
        return fail(QStringLiteral("--port wants a port number, not \"%1\".").arg(p.value(port)),
                    Usage);
    auto project = openProject();
    if (!project)
        return;
    const ProjectConfig &c = project->config();
    const PolicyVerdict v =
        networkpolicy::check(c.httpDomainWhitelist, c.httpDomainBlacklist, args.at(1), portNumber);
    out(QStringLiteral("%1: %2 (%3)")
            .arg(args.at(1), v.allowed ? QStringLiteral("allowed") : QStringLiteral("denied"),
                 v.rule));
    finish(v.allowed ? Ok : Failed);
}

// ---------------------------------------------------------------------------------------
// ocs secret: the values of injected-secrets (SecretStore). A value is read from stdin (a
// terminal: without echo) and goes to the keychain; it is never printed, logged or put on a
// command line.

namespace {

QString scopeText(SecretStore::Scope scope)
{
    return scope == SecretStore::Scope::Shared ? QStringLiteral("all projects")
                                               : QStringLiteral("this project");
}

QString sourceText(const SecretSource &src)
{
    switch (src.kind) {
    case SecretSource::Kind::Keychain:
        return QStringLiteral("keychain");
    case SecretSource::Kind::Environment:
        return QStringLiteral("host variable %1").arg(src.variable);
    case SecretSource::Kind::Command:
        return QStringLiteral("command `%1` (cached %2 s)").arg(src.command).arg(src.cacheSeconds);
    }
    return {};
}

} // namespace

void Cli::cmdSecret()
{
    QCommandLineParser p;
    const QCommandLineOption shared(QStringLiteral("shared"),
                                    QStringLiteral("The secret of all projects (default: this "
                                                   "project's own)."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("list: as JSON."));
    const QCommandLineOption fromEnv(QStringLiteral("from-env"),
                                     QStringLiteral("set: take the value from this host variable "
                                                    "at each start."),
                                     QStringLiteral("VAR"));
    const QCommandLineOption fromCommand(
        QStringLiteral("from-command"),
        QStringLiteral("set: run this command at start (no shell) and use what it prints."),
        QStringLiteral("CMD"));
    const QCommandLineOption cache(QStringLiteral("cache"),
                                   QStringLiteral("set --from-command: reuse its output for S "
                                                  "seconds (default 300, 0 = every start)."),
                                   QStringLiteral("S"));
    p.addPositionalArgument(QStringLiteral("action"), QStringLiteral("list | set | rm"));
    p.addPositionalArgument(QStringLiteral("name"), QStringLiteral("The variable, e.g. "
                                                                   "ANTHROPIC_API_KEY."));
    if (!parse(p, {shared, json, fromEnv, fromCommand, cache},
               QStringLiteral(
                   "The values of injected-secrets: the agent sees a placeholder in NAME, the "
                   "proxy puts the value into the requests to the secret's hosts. Values live "
                   "in the keychain (set reads stdin; on a terminal without echo), or come from "
                   "a host variable or a host command at each start. Values are never shown.")))
        return;
    const QStringList args = p.positionalArguments();
    const QString action = args.value(0);
    const QString usageText =
        QStringLiteral("usage: ocs secret list [--json] | set NAME [--shared] [--from-env VAR | "
                       "--from-command CMD [--cache S]] | rm NAME [--shared]");
    const bool isList = action == QLatin1String("list");
    const bool isSet = action == QLatin1String("set");
    const bool isRm = action == QLatin1String("rm");
    if ((!isList && !isSet && !isRm) || args.size() != (isList ? 1 : 2))
        return fail(usageText, Usage);
    if (!isSet && (p.isSet(fromEnv) || p.isSet(fromCommand) || p.isSet(cache)))
        return fail(usageText, Usage);
    if (isSet && p.isSet(fromEnv) && p.isSet(fromCommand))
        return fail(QStringLiteral("--from-env and --from-command exclude each other."), Usage);
    if (p.isSet(cache) && !p.isSet(fromCommand))
        return fail(QStringLiteral("--cache goes with --from-command."), Usage);
    if (!isList) {
        const QString problem = configrules::checkEnvName(args.at(1));
        if (!problem.isEmpty())
            return fail(problem + QLatin1Char('.'), Usage);
    }
    // The project: needed for its own secrets; `list` and --shared work outside one too.
    std::optional<Project> project;
    const bool needProject = !isList && !p.isSet(shared);
    if (needProject || Project::findRoot(QDir::currentPath())) {
        project = openProject();
        if (!project)
            return;
    }
    if (isList)
        return secretList(project, p.isSet(json));
    if (isSet)
        return secretSet(project, args.at(1), p.isSet(shared), p);
    secretRemove(project, args.at(1), p.isSet(shared));
}

void Cli::secretList(const std::optional<Project> &project, bool asJson)
{
    auto *store = new SecretStore(project ? project->sandboxId() : QString(), QString(), this);
    // The config's names first (in its order), then the recorded ones.
    QStringList names;
    QHash<QString, InjectedSecret> inConfig;
    if (project) {
        for (const InjectedSecret &s : project->config().injectedSecrets) {
            names << s.name;
            inConfig.insert(s.name, s);
        }
    }
    QStringList recorded = store->names(SecretStore::Scope::Project);
    recorded += store->names(SecretStore::Scope::Shared);
    recorded.sort();
    for (const QString &n : std::as_const(recorded)) {
        if (!names.contains(n))
            names << n;
    }
    struct Row
    {
        QString name;
        std::optional<SecretStore::Entry> entry;
        std::optional<bool> set; // nullopt: unknown (keychain unavailable)
        QString error;
    };
    auto rows = std::make_shared<QList<Row>>();
    for (const QString &n : std::as_const(names))
        rows->append({n, store->effective(n), std::nullopt, {}});

    auto print = [this, store, rows, inConfig, asJson, project] {
        store->deleteLater();
        QStringList errors;
        for (const Row &r : std::as_const(*rows)) {
            if (!r.error.isEmpty() && !errors.contains(r.error))
                errors << r.error;
        }
        if (asJson) {
            QJsonArray list;
            for (const Row &r : std::as_const(*rows)) {
                QJsonObject o;
                o.insert(QStringLiteral("name"), r.name);
                o.insert(QStringLiteral("scope"), !r.entry ? QJsonValue()
                                                  : r.entry->scope == SecretStore::Scope::Shared
                                                      ? QJsonValue(QStringLiteral("shared"))
                                                      : QJsonValue(QStringLiteral("project")));
                const SecretSource src = r.entry ? r.entry->source : SecretSource{};
                o.insert(QStringLiteral("source"), src.kind == SecretSource::Kind::Keychain
                                                       ? QStringLiteral("keychain")
                                                   : src.kind == SecretSource::Kind::Environment
                                                       ? QStringLiteral("environment")
                                                       : QStringLiteral("command"));
                if (src.kind == SecretSource::Kind::Environment)
                    o.insert(QStringLiteral("variable"), src.variable);
                if (src.kind == SecretSource::Kind::Command) {
                    o.insert(QStringLiteral("command"), src.command);
                    o.insert(QStringLiteral("cacheSeconds"), src.cacheSeconds);
                }
                o.insert(QStringLiteral("set"), r.set ? QJsonValue(*r.set) : QJsonValue());
                const auto it = inConfig.constFind(r.name);
                o.insert(QStringLiteral("injected"), it != inConfig.constEnd());
                o.insert(QStringLiteral("hosts"),
                         QJsonArray::fromStringList(it != inConfig.constEnd() ? it->hosts
                                                                              : QStringList()));
                o.insert(QStringLiteral("gitHosts"),
                         QJsonArray::fromStringList(it != inConfig.constEnd() ? it->gitHosts
                                                                              : QStringList()));
                list.append(o);
            }
            QJsonObject top;
            top.insert(QStringLiteral("project"),
                       project ? QJsonValue(project->sandboxId()) : QJsonValue());
            top.insert(QStringLiteral("secrets"), list);
            top.insert(QStringLiteral("errors"), QJsonArray::fromStringList(errors));
            out(QString::fromUtf8(QJsonDocument(top).toJson(QJsonDocument::Indented)).trimmed());
            return finish(Ok);
        }
        if (rows->isEmpty()) {
            out(project ? QStringLiteral("No secrets: injected-secrets of %1 is empty and none "
                                         "is recorded.")
                              .arg(project->configPath())
                        : QStringLiteral("No shared secrets (outside a project only the shared "
                                         "ones are listed)."));
            return finish(Ok);
        }
        QList<QStringList> table{{QStringLiteral("NAME"), QStringLiteral("SCOPE"),
                                  QStringLiteral("SOURCE"), QStringLiteral("VALUE"),
                                  QStringLiteral("HOSTS")}};
        for (const Row &r : std::as_const(*rows)) {
            const auto it = inConfig.constFind(r.name);
            QString hosts = QStringLiteral("(not in injected-secrets)");
            if (it != inConfig.constEnd()) {
                hosts = it->hosts.join(QLatin1Char(','));
                if (!it->gitHosts.isEmpty())
                    hosts += QStringLiteral(" git:") + it->gitHosts.join(QLatin1Char(','));
            }
            table << QStringList{r.name, r.entry ? scopeText(r.entry->scope) : QStringLiteral("-"),
                                 r.entry ? sourceText(r.entry->source) : QStringLiteral("keychain"),
                                 !r.set   ? QStringLiteral("unknown")
                                 : *r.set ? QStringLiteral("set")
                                          : QStringLiteral("not set"),
                                 hosts};
        }
        QList<qsizetype> widths(5, 0);
        for (const QStringList &row : std::as_const(table)) {
            for (qsizetype i = 0; i < row.size(); ++i)
                widths[i] = std::max(widths[i], row[i].size());
        }
        for (const QStringList &row : std::as_const(table)) {
            QString line;
            for (qsizetype i = 0; i < row.size(); ++i)
                line += i + 1 < row.size() ? row[i].leftJustified(widths[i] + 2) : row[i];
            out(line);
        }
        for (const QString &e : std::as_const(errors))
            err(QStringLiteral("ocs: ") + e);
        finish(Ok);
    };

    // Whether each one has a value, one after the other (the keychain answers asynchronously).
    auto next = std::make_shared<std::function<void(qsizetype)>>();
    const bool hasProject = project.has_value();
    *next = [store, rows, print, next, hasProject](qsizetype i) {
        if (i >= rows->size()) {
            print();
            *next = nullptr; // break the cycle
            return;
        }
        Row &r = (*rows)[i];
        auto record = [rows, i, next](bool set, const QString &error) {
            Row &row = (*rows)[i];
            row.set = error.isEmpty() ? std::optional<bool>(set) : std::nullopt;
            row.error = error;
            (*next)(i + 1);
        };
        if (r.entry)
            return store->isSet(r.name, r.entry->scope, record);
        // Nothing recorded: the keychain of the project, then the shared one.
        const QString name = r.name;
        if (!hasProject)
            return store->isSet(name, SecretStore::Scope::Shared, record);
        store->isSet(name, SecretStore::Scope::Project,
                     [store, name, record](bool set, const QString &error) {
                         if (set || !error.isEmpty())
                             return record(set, error);
                         store->isSet(name, SecretStore::Scope::Shared, record);
                     });
    };
    (*next)(0);
}

void Cli::secretSet(const std::optional<Project> &project, const QString &name, bool shared,
                    const QCommandLineParser &p)
{
    const SecretStore::Scope scope =
        shared ? SecretStore::Scope::Shared : SecretStore::Scope::Project;
    auto *store =
        new SecretStore(project && !shared ? project->sandboxId() : QString(), QString(), this);
    const QString where = shared ? QStringLiteral("all projects")
                                 : QStringLiteral("this project, %1").arg(project->sandboxId());
    if (project) {
        bool listed = false;
        for (const InjectedSecret &s : project->config().injectedSecrets)
            listed = listed || s.name == name;
        if (!listed)
            err(QStringLiteral("note: %1 is not in injected-secrets of %2; add it there to have "
                               "it injected.")
                    .arg(name, project->configPath()));
    }
    const QString envOpt = QStringLiteral("from-env");
    const QString cmdOpt = QStringLiteral("from-command");
    if (p.isSet(envOpt) || p.isSet(cmdOpt)) {
        SecretSource src;
        if (p.isSet(envOpt)) {
            src.kind = SecretSource::Kind::Environment;
            src.variable = p.value(envOpt);
        } else {
            src.kind = SecretSource::Kind::Command;
            src.command = p.value(cmdOpt);
            if (p.isSet(QStringLiteral("cache"))) {
                bool ok = false;
                src.cacheSeconds = p.value(QStringLiteral("cache")).toInt(&ok);
                if (!ok || src.cacheSeconds < 0)
                    return fail(QStringLiteral("--cache wants a number of seconds (0 or more), "
                                               "not \"%1\".")
                                    .arg(p.value(QStringLiteral("cache"))),
                                Usage);
            }
        }
        const SecretStore::Result r = store->setSource(name, scope, src);
        store->deleteLater();
        if (!r.ok)
            return fail(r.error);
        if (src.kind == SecretSource::Kind::Environment) {
            out(QStringLiteral("%1 (%2) comes from the host variable %3 at each start.")
                    .arg(name, where, src.variable));
            if (!qEnvironmentVariableIsSet(src.variable.toLocal8Bit().constData()))
                err(QStringLiteral("note: %1 is not set here now; a start without it leaves the "
                                   "placeholder.")
                        .arg(src.variable));
        } else {
            out(QStringLiteral("%1 (%2) comes from the output of `%3` at start (reused for %4 "
                               "s).")
                    .arg(name, where, src.command)
                    .arg(src.cacheSeconds));
        }
        return finish(Ok);
    }

    // The value itself: from stdin, never from the command line.
    QByteArray value;
    if (stdinIsTerminal()) {
        const auto line =
            readHiddenLine(QStringLiteral("Value of %1 (%2; not shown): ").arg(name, where));
        if (!line) {
            store->deleteLater();
            return fail(QStringLiteral("no value given; nothing was stored."));
        }
        value = *line;
    } else {
        bool tooLong = false;
        value = readStdin(16384, &tooLong);
        if (tooLong) {
            store->deleteLater();
            return fail(QStringLiteral("the value on stdin is longer than 8192 bytes; nothing "
                                       "was stored."));
        }
    }
    QString why;
    if (!SecretStore::isValidValue(value, &why)) {
        store->deleteLater();
        value.fill('\0');
        return fail(QStringLiteral("the value cannot be used (%1); nothing was stored.").arg(why));
    }
    store->setValue(name, scope, value, [this, store, name, where](const SecretStore::Result &r) {
        store->deleteLater();
        if (!r.ok)
            return fail(r.error);
        out(QStringLiteral("Stored %1 in the keychain (%2).").arg(name, where));
        finish(Ok);
    });
    value.fill('\0');
}

void Cli::secretRemove(const std::optional<Project> &project, const QString &name, bool shared)
{
    const SecretStore::Scope scope =
        shared ? SecretStore::Scope::Shared : SecretStore::Scope::Project;
    auto *store =
        new SecretStore(project && !shared ? project->sandboxId() : QString(), QString(), this);
    const QString where = shared ? QStringLiteral("all projects")
                                 : QStringLiteral("this project, %1").arg(project->sandboxId());
    store->remove(name, scope, [this, store, name, where](const SecretStore::Result &r) {
        store->deleteLater();
        if (!r.ok)
            return fail(r.error);
        out(QStringLiteral("Removed %1 (%2).").arg(name, where));
        finish(Ok);
    });
}

} // namespace ocs::cli
