#include "containerengine.h"

#include "app/environment.h"
#include "logging.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QStandardPaths>

#include <unistd.h>

namespace ocs {

ContainerEngine::ContainerEngine(Kind kind, QString program)
    : m_kind(kind)
    , m_program(std::move(program))
{}

QString ContainerEngine::displayName() const
{
    return m_kind == Kind::Podman ? QStringLiteral("Podman") : QStringLiteral("Docker");
}

ProcessSpec ContainerEngine::command(const QStringList &args,
                                     std::chrono::milliseconds timeout) const
{
    ProcessSpec spec;
    spec.program = m_program;
    spec.arguments = args;
    spec.timeout = timeout;
    return spec;
}

QString ContainerEngine::hostGatewayValue() const
{
    return m_kind == Kind::Docker ? QStringLiteral("host-gateway") : QString();
}

QStringList ContainerEngine::userNamespaceArguments() const
{
    if (m_kind != Kind::Podman || ::getuid() == 0)
        return {};
    return {QStringLiteral("--userns=keep-id"), QStringLiteral("--user"), QStringLiteral("0:0")};
}

QStringList ContainerEngine::logsArguments(const QString &container, int tail, bool follow,
                                           const QString &since)
{
    QStringList a{QStringLiteral("logs")};
    if (follow)
        a << QStringLiteral("--follow");
    if (!since.isEmpty())
        a << QStringLiteral("--since") << since;
    if (tail >= 0)
        a << QStringLiteral("--tail") << QString::number(tail);
    a << container;
    return a;
}

bool ContainerEngine::ignoredResourceLimits(const ProcessResult &r)
{
    // Podman: "Resource limits are not supported and ignored on cgroups V1 rootless systems".
    return r.ok() && QString::fromUtf8(r.standardError)
                         .contains(QLatin1String("Resource limits are not supported and ignored"),
                                   Qt::CaseInsensitive);
}

Error::Kind ContainerEngine::classify(const ProcessResult &r)
{
    switch (r.status) {
    case ProcessResult::Status::FailedToStart:
        return Error::Kind::EngineMissing;
    case ProcessResult::Status::TimedOut:
        return Error::Kind::Timeout;
    case ProcessResult::Status::Cancelled:
        return Error::Kind::Cancelled;
    case ProcessResult::Status::Crashed:
        return Error::Kind::Failed;
    case ProcessResult::Status::Finished:
        break;
    }
    if (r.exitCode == 0)
        return Error::Kind::None;
    const QString err = QString::fromUtf8(r.standardError);
    auto has = [&err](const char *words) {
        return err.contains(QLatin1String(words), Qt::CaseInsensitive);
    };
    // The socket refuses us. Docker: "permission denied while trying to connect to the Docker
    // daemon socket at unix:///var/run/docker.sock: … connect: permission denied"; Podman
    // (remote): "unable to connect to Podman socket: … dial unix …: connect: permission
    // denied". A `permission denied` of a file (in a build, in a bind mount) is not this.
    if (has("permission denied while trying to connect") ||
        (has("connect: permission denied") &&
         (has(".sock") || has("docker daemon") || has("podman socket"))))
        return Error::Kind::PermissionDenied;
    // No daemon / VM. Docker: "Cannot connect to the Docker daemon at unix://…. Is the docker
    // daemon running?", Docker Desktop: "error during connect: …"; Podman: "Cannot connect to
    // Podman. Please verify your connection …" and "unable to connect to Podman socket".
    if (has("Cannot connect to the Docker daemon") || has("Is the docker daemon running") ||
        has("error during connect") || has("Cannot connect to Podman") ||
        has("unable to connect to Podman"))
        return Error::Kind::EngineNotRunning;
    // Docker: "Bind for 127.0.0.1:4100 failed: port is already allocated" and "listen tcp4
    // 127.0.0.1:4100: bind: address already in use"; Podman: "rootlessport listen tcp
    // 127.0.0.1:4100: bind: address already in use".
    if (has("port is already allocated") || has("address already in use"))
        return Error::Kind::PortTaken;
    // Docker: "Error response from daemon: No such container: NAME" ("Error: No such object:
    // NAME" for inspect); Podman: "Error: no container with name or ID "NAME" found: no such
    // container".
    if (has("No such container") || has("no container with name or ID") ||
        has("Error: No such object"))
        return Error::Kind::ContainerGone;
    return Error::Kind::Failed;
}

Error ContainerEngine::failure(const ProcessResult &r, const QString &what)
{
    const Error::Kind kind = classify(r);
    if (kind == Error::Kind::None)
        return {};
    return Error(kind, r.describeFailure(what), QString::fromUtf8(r.standardError).trimmed());
}

std::optional<ContainerEngine> EngineLocator::fromName(const QString &nameOrPath)
{
    const QString n = nameOrPath.trimmed();
    if (n.isEmpty() || n == QLatin1String("auto"))
        return std::nullopt;
    QString program = n;
    if (!n.contains(QLatin1Char('/'))) {
        program = QStandardPaths::findExecutable(n);
        if (program.isEmpty())
            program = n; // reported as "not installed" when it fails to start
    }
    const bool podman = QFileInfo(program).fileName().contains(QLatin1String("podman"));
    return ContainerEngine(podman ? ContainerEngine::Kind::Podman : ContainerEngine::Kind::Docker,
                           program);
}

EngineLocator::EngineLocator(QObject *parent)
    : QObject(parent)
{}

void EngineLocator::locate(const QString &preference, std::function<void(const Outcome &)> done)
{
    QList<ContainerEngine> candidates;
    const QString forced = environment::value(environment::Variable::Engine);
    const QString choice = !forced.isEmpty() ? forced : preference;
    if (auto e = fromName(choice)) {
        candidates << *e;
    } else {
        for (const QString &name : {QStringLiteral("docker"), QStringLiteral("podman")}) {
            const QString path = QStandardPaths::findExecutable(name);
            if (!path.isEmpty())
                candidates << *fromName(path);
        }
    }
    Outcome none;
    none.status = Outcome::Status::NotInstalled;
    none.message = tr(
        "No container engine found. Install Docker (Debian/Ubuntu: `sudo apt install docker.io`, "
        "then add yourself to the `docker` group) or Podman (`sudo apt install podman`); on "
        "macOS, Docker Desktop, Colima or Podman. To use a specific one, set OCS_ENGINE=docker, "
        "podman or a path.");
    none.error = Error(Error::Kind::EngineMissing, none.message);
    probe(candidates, none, std::move(done));
}

void EngineLocator::probe(QList<ContainerEngine> candidates, Outcome firstFailure,
                          std::function<void(const Outcome &)> done)
{
    if (candidates.isEmpty()) {
        done(firstFailure);
        return;
    }
    const ContainerEngine engine = candidates.takeFirst();
    const QStringList args{QStringLiteral("version"), QStringLiteral("--format"),
                           QStringLiteral("{{json .}}")};
    QPointer<EngineLocator> self(this);
    runProcess(
        engine.command(args, std::chrono::seconds(20)), this,
        [self, engine, candidates, firstFailure, done](const ProcessResult &r) {
            if (!self)
                return;
            Outcome o;
            o.engine = engine;
            const QJsonObject v = QJsonDocument::fromJson(r.standardOutput).object();
            const QString server = v.value(QStringLiteral("Server"))
                                       .toObject()
                                       .value(QStringLiteral("Version"))
                                       .toString();
            const QString client = v.value(QStringLiteral("Client"))
                                       .toObject()
                                       .value(QStringLiteral("Version"))
                                       .toString();
            if (r.ok() && (!server.isEmpty() || engine.kind() == ContainerEngine::Kind::Podman)) {
                o.status = Outcome::Status::Ready;
                o.serverVersion = server.isEmpty() ? client : server;
                qCInfo(lcEngine) << "using" << engine.program() << o.serverVersion;
                done(o);
                return;
            }
            const QString err = QString::fromUtf8(r.standardError).trimmed();
            const Error::Kind kind = ContainerEngine::classify(r);
            if (kind == Error::Kind::EngineMissing) {
                o.status = Outcome::Status::NotInstalled;
                o.message = tr("%1 (%2) is not installed or not executable. "
                               "Install it or set OCS_ENGINE.")
                                .arg(engine.displayName(), engine.program());
            } else if (kind == Error::Kind::Timeout) {
                o.status = Outcome::Status::TimedOut;
                o.message = tr("%1 did not answer within 20 seconds; is its "
                               "daemon or virtual machine stuck?")
                                .arg(engine.displayName());
            } else {
                o.status = Outcome::Status::NotRunning;
                QString fix;
                if (kind == Error::Kind::PermissionDenied)
                    fix = tr("Add yourself to the `docker` group (`sudo usermod "
                             "-aG docker $USER`, then log in again).");
                else if (engine.kind() == ContainerEngine::Kind::Docker)
                    fix = tr("Start it: `sudo systemctl start docker` on Linux; "
                             "start Docker Desktop or `colima start` on macOS.");
                else
                    fix = tr("Start it: `podman machine start` on macOS; check "
                             "`podman info` on Linux.");
                const QString firstLine = err.section(QLatin1Char('\n'), 0, 0);
                o.message =
                    (firstLine.isEmpty()
                         ? tr("%1 is installed but not reachable.").arg(engine.displayName())
                         : tr("%1 is installed but not reachable (%2).")
                               .arg(engine.displayName(), firstLine)) +
                    QLatin1Char(' ') + fix;
            }
            // An engine that does not answer (no daemon, stuck, any other failure of
            // `version`) is "not running"; missing and refusing us are told apart.
            const Error::Kind errorKind =
                kind == Error::Kind::EngineMissing || kind == Error::Kind::PermissionDenied
                    ? kind
                    : Error::Kind::EngineNotRunning;
            o.error = Error(errorKind, o.message, err);
            qCInfo(lcEngine) << "engine not usable:" << o.message;
            // Candidates come in order of preference: report the first one's
            // problem, unless it is merely "not installed" and a later one is there.
            Outcome keep = o;
            if (firstFailure.engine && !(firstFailure.status == Outcome::Status::NotInstalled &&
                                         o.status != Outcome::Status::NotInstalled))
                keep = firstFailure;
            self->probe(candidates, keep, done);
        });
}

} // namespace ocs
