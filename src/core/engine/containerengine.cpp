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
    none.message = QStringLiteral(
        "No container engine found. Install Docker (Debian/Ubuntu: `sudo apt install docker.io`, "
        "then add yourself to the `docker` group) or Podman (`sudo apt install podman`); on "
        "macOS, Docker Desktop, Colima or Podman. To use a specific one, set OCS_ENGINE=docker, "
        "podman or a path.");
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
            if (r.status == ProcessResult::Status::FailedToStart) {
                o.status = Outcome::Status::NotInstalled;
                o.message = QStringLiteral("%1 (%2) is not installed or not executable. "
                                           "Install it or set OCS_ENGINE.")
                                .arg(engine.displayName(), engine.program());
            } else if (r.status == ProcessResult::Status::TimedOut) {
                o.status = Outcome::Status::TimedOut;
                o.message = QStringLiteral("%1 did not answer within 20 seconds; is its "
                                           "daemon or virtual machine stuck?")
                                .arg(engine.displayName());
            } else {
                o.status = Outcome::Status::NotRunning;
                QString fix;
                if (err.contains(QLatin1String("permission denied"), Qt::CaseInsensitive))
                    fix = QStringLiteral("Add yourself to the `docker` group (`sudo usermod "
                                         "-aG docker $USER`, then log in again).");
                else if (engine.kind() == ContainerEngine::Kind::Docker)
                    fix = QStringLiteral("Start it: `sudo systemctl start docker` on Linux; "
                                         "start Docker Desktop or `colima start` on macOS.");
                else
                    fix = QStringLiteral("Start it: `podman machine start` on macOS; check "
                                         "`podman info` on Linux.");
                o.message = QStringLiteral("%1 is installed but not reachable%2. %3")
                                .arg(engine.displayName(),
                                     err.isEmpty() ? QString()
                                                   : QStringLiteral(" (") +
                                                         err.section(QLatin1Char('\n'), 0, 0) +
                                                         QLatin1Char(')'),
                                     fix);
            }
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
