#include "runplan.h"

#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcessEnvironment>
#include <QRegularExpression>

namespace ocs {

QStringList RunPlanner::entrypointCapabilities()
{
    // NET_ADMIN: the firewall; SETUID/SETGID: Squid → proxy, setpriv → dev; SETPCAP: the
    // empty bounding set given to dev. Nothing the agent runs keeps any of them.
    return {QStringLiteral("NET_ADMIN"), QStringLiteral("SETUID"), QStringLiteral("SETGID"),
            QStringLiteral("SETPCAP")};
}

QStringList RunPlanner::defaultReadOnlyPaths()
{
    return {QStringLiteral("opencode-sandbox-config.yaml"),
            QStringLiteral("opencode-sandbox-pre-start-container.sh"),
            QStringLiteral("mise.toml"),
            QStringLiteral("opencode.json"),
            QStringLiteral("opencode.jsonc"),
            QStringLiteral(".git/config"),
            QStringLiteral(".git/hooks")};
}

QStringList RunPlanner::effectiveReadOnlyPaths(const ProjectConfig &config)
{
    QStringList paths = defaultReadOnlyPaths();
    for (const QString &entry : config.readOnlyPaths) {
        if (entry.startsWith(QLatin1Char('!')))
            paths.removeAll(entry.mid(1));
        else if (!paths.contains(entry))
            paths << entry;
    }
    return paths;
}

QStringList RunPlanner::parseExtraHosts(const QString &spec, QString *error)
{
    static const QRegularExpression nameRe(QStringLiteral(
        "^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$"));
    QStringList out;
    for (const QString &raw : spec.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString item = raw.trimmed();
        qsizetype sep = item.indexOf(QLatin1Char('='));
        if (sep < 0)
            sep = item.indexOf(QLatin1Char(':'));
        const QString name = item.left(sep);
        const QString addr = item.mid(sep + 1);
        if (sep <= 0 || !nameRe.match(name).hasMatch() || QHostAddress(addr).isNull()) {
            if (error)
                *error = QStringLiteral("OCS_EXTRA_HOSTS: \"%1\" is not NAME=ADDRESS").arg(item);
            return {};
        }
        out << name + QLatin1Char(':') + addr;
    }
    return out;
}

RunPlan RunPlanner::plan(const ContainerEngine &engine, const Project &project, const RunInputs &in)
{
    RunPlan plan;
    const ProjectConfig &cfg = project.config();
    if (project.root().contains(QLatin1Char(':')) || project.root().contains(QLatin1Char(','))) {
        plan.error = QStringLiteral("The project path %1 contains ':' or ',', which the container "
                                    "engine cannot mount; move or rename the folder.")
                         .arg(project.root());
        return plan;
    }
    const QString ws = project.workspaceMountPoint();

    QStringList a{QStringLiteral("run"),
                  QStringLiteral("--detach"),
                  QStringLiteral("--init"),
                  QStringLiteral("--name"),
                  project.containerName(),
                  QStringLiteral("--hostname"),
                  QStringLiteral("opencode-sandbox")};
    // Labels: how the app finds and adopts its sandboxes.
    const QList<std::pair<QString, QString>> labels{
        {ContainerEngine::LabelId, project.sandboxId()},
        {ContainerEngine::LabelProject, project.root()},
        {ContainerEngine::LabelConfigHash, in.configHash},
        {ContainerEngine::LabelVersion, QStringLiteral(OCS_VERSION)},
        {ContainerEngine::LabelPort, QString::number(in.port)}};
    for (const auto &[k, v] : labels)
        a << QStringLiteral("--label") << k + QLatin1Char('=') + v;

    // Privileges: only what the entrypoint needs before it drops to `dev` for good.
    a << QStringLiteral("--cap-drop") << QStringLiteral("ALL");
    for (const QString &cap : entrypointCapabilities())
        a << QStringLiteral("--cap-add") << cap;
    a << QStringLiteral("--security-opt") << QStringLiteral("no-new-privileges");
    a << engine.userNamespaceArguments();
    a << QStringLiteral("--pids-limit")
      << QString::number(cfg.pidsLimit > 0 ? cfg.pidsLimit : DefaultPidsLimit);
    a << QStringLiteral("--memory")
      << (cfg.memoryLimit.isEmpty() ? DefaultMemoryLimit : cfg.memoryLimit);
    if (!cfg.cpuLimit.isEmpty())
        a << QStringLiteral("--cpus") << cfg.cpuLimit;

    // Network: the web UI on loopback only; the host as docker.host.
    a << QStringLiteral("--publish")
      << QStringLiteral("127.0.0.1:%1:%2").arg(in.port).arg(ContainerPort);
    // Podman before 4.7 has no "host-gateway"; it adds host.containers.internal itself and
    // the entrypoint names that docker.host too.
    if (!engine.hostGatewayValue().isEmpty())
        a << QStringLiteral("--add-host")
          << QStringLiteral("docker.host:") + engine.hostGatewayValue();
    for (const QString &h : in.extraHosts)
        a << QStringLiteral("--add-host") << h;

    // Mounts: the workspace, the agent's state, and protected files read-only on top.
    a << QStringLiteral("--volume") << project.root() + QLatin1Char(':') + ws;
    a << QStringLiteral("--volume")
      << project.agentStateDir() + QStringLiteral(":/home/dev/.local/share/opencode");
    const QStringList protectedPaths = effectiveReadOnlyPaths(cfg);
    // .git: a read-only .git/config or .git/hooks alone would not stop `mv .git .git-old &&
    // mkdir .git` in the writable workspace. A .git folder is therefore mounted onto itself
    // (read-write: the agent can still commit): a mount point cannot be renamed, removed or
    // replaced from inside. A missing hooks folder is created first (empty, as git init
    // makes it) so that it can be mounted read-only. A .git *file* (worktree/submodule)
    // names the real git folder: read-only, like the files below.
    const QFileInfo gitInfo(project.root() + QStringLiteral("/.git"));
    const bool guardGit = protectedPaths.contains(QStringLiteral(".git/config")) ||
                          protectedPaths.contains(QStringLiteral(".git/hooks"));
    QStringList readOnly = protectedPaths;
    const bool gitReadOnly =
        protectedPaths.contains(QStringLiteral(".git")); // all of it, by config
    if (guardGit && !gitReadOnly && gitInfo.isDir() && !gitInfo.isSymLink()) {
        if (protectedPaths.contains(QStringLiteral(".git/hooks")))
            QDir(gitInfo.absoluteFilePath()).mkpath(QStringLiteral("hooks"));
        a << QStringLiteral("--volume")
          << gitInfo.absoluteFilePath() + QLatin1Char(':') + ws + QStringLiteral("/.git");
    } else if (guardGit && !gitReadOnly && gitInfo.isFile() && !gitInfo.isSymLink()) {
        readOnly.prepend(QStringLiteral(".git"));
    }
    for (const QString &rel : std::as_const(readOnly)) {
        const QFileInfo fi(project.root() + QLatin1Char('/') + rel);
        // Only existing paths: a mount point that does not exist would be created in the
        // workspace by the engine (as root).
        if (!fi.exists() || fi.isSymLink())
            continue;
        a << QStringLiteral("--volume")
          << fi.absoluteFilePath() + QLatin1Char(':') + ws + QLatin1Char('/') + rel +
                 QStringLiteral(":ro");
        plan.readOnlyPaths << rel;
    }
    a << QStringLiteral("--workdir") << ws;

    // Environment. Secrets by name only; their values go into the engine CLI's environment.
    QProcessEnvironment childEnv = QProcessEnvironment::systemEnvironment();
    childEnv.insert(QStringLiteral("OPENCODE_SERVER_PASSWORD"), in.password);
    a << QStringLiteral("--env") << QStringLiteral("OPENCODE_SERVER_PASSWORD");
    for (const EnvPassthrough &p : cfg.envPassthrough) {
        const auto it = in.hostEnvironment.constFind(p.hostVar);
        if (it == in.hostEnvironment.cend()) {
            plan.skippedVariables
                << QStringLiteral("%1 (%2 is not set)").arg(p.containerVar, p.hostVar);
            childEnv.remove(p.containerVar);
            continue;
        }
        childEnv.insert(p.containerVar, it.value());
        a << QStringLiteral("--env") << p.containerVar;
        plan.forwardedVariables << p.containerVar;
    }
    for (const EnvVar &v : cfg.env)
        a << QStringLiteral("--env") << v.name + QLatin1Char('=') + v.value;
    QStringList ports;
    for (quint16 p : cfg.hostPorts)
        ports << QString::number(p);
    a << QStringLiteral("--env")
      << QStringLiteral("OCS_WHITELIST=") + cfg.httpDomainWhitelist.join(QLatin1Char(','));
    a << QStringLiteral("--env")
      << QStringLiteral("OCS_HOST_PORTS=") + ports.join(QLatin1Char(','));
    a << QStringLiteral("--env") << QStringLiteral("OCS_WORKSPACE=") + ws;
    // For `ocs verify`: what was meant to be read-only (mount paths cannot contain ':').
    a << QStringLiteral("--env")
      << QStringLiteral("OCS_READONLY_PATHS=") + protectedPaths.join(QLatin1Char(':'));

    a << project.imageName();

    plan.spec = engine.command(a, std::chrono::seconds(120));
    plan.spec.environment = childEnv;
    return plan;
}

} // namespace ocs
