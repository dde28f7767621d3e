#include "runplan.h"

#include "network/policyfiles.h"
#include "opencodesettings.h"
#include "project/workspaceprotection.h"
#include "secrets/secretdelivery.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace ocs {

namespace {
struct PlanText
{
    Q_DECLARE_TR_FUNCTIONS(ocs::RunPlanner)
};
} // namespace

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
            QStringLiteral("opencode-sandbox-pre-start-container.sh"), QStringLiteral("mise.toml"),
            QStringLiteral("opencode.json"), QStringLiteral("opencode.jsonc"),
            QStringLiteral(".git/config"), QStringLiteral(".git/hooks"),
            // OpenCode's own project configuration: agents, commands, plugins, permissions.
            QStringLiteral(".opencode"), QStringLiteral("tui.json"), QStringLiteral("tui.jsonc"),
            // Git hooks of projects that set core.hooksPath to it (husky).
            QStringLiteral(".husky")};
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
                *error = PlanText::tr("OCS_EXTRA_HOSTS: \"%1\" is not NAME=ADDRESS").arg(item);
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
        plan.error = PlanText::tr("The project path %1 contains ':' or ',', which the container "
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
    // published-ports: on the host's loopback only, never on its other addresses.
    for (const auto &[inside, host] : in.publishedPorts)
        a << QStringLiteral("--publish") << QStringLiteral("127.0.0.1:%1:%2").arg(host).arg(inside);
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
    if (!in.openCodeSettingsDir.isEmpty()) {
        // OpenCode writes files of its own into its config folder when it loads it
        // (.gitignore, package.json, plugins' node_modules) and fails on a read-only one: the
        // folder is a writable tmpfs (gone at stop), and each entry of the copy is mounted
        // read-only in it. A top-level name with ':' or ',' cannot be named in a mount.
        a << QStringLiteral("--tmpfs")
          << opencodesettings::ContainerDir +
                 QStringLiteral(":rw,nosuid,nodev,size=256m,mode=1777");
        const QFileInfoList entries = QDir(in.openCodeSettingsDir)
                                          .entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot |
                                                             QDir::Hidden | QDir::System,
                                                         QDir::Name);
        for (const QFileInfo &e : entries) {
            const QString name = e.fileName();
            if (name.contains(QLatin1Char(':')) || name.contains(QLatin1Char(',')))
                continue;
            a << QStringLiteral("--volume")
              << e.absoluteFilePath() + QLatin1Char(':') + opencodesettings::ContainerDir +
                     QLatin1Char('/') + name + QStringLiteral(":ro");
        }
    }
    // The live network policy (read by the proxy's helper on every request) and its decision
    // log (written by it): see policyfiles.h. Only the proxy's user reaches them inside.
    a << QStringLiteral("--volume")
      << policyfiles::policyDir(project.stateDir()) + QLatin1Char(':') +
             policyfiles::ContainerPolicyDir + QStringLiteral(":ro");
    a << QStringLiteral("--volume")
      << policyfiles::logDir(project.stateDir()) + QLatin1Char(':') + policyfiles::ContainerLogDir;
    const QStringList protectedPaths = effectiveReadOnlyPaths(cfg);
    // .git: a read-only .git/config or .git/hooks alone would not stop `mv .git .git-old &&
    // mkdir .git` in the writable workspace. A .git folder is therefore mounted onto itself
    // (read-write: the agent can still commit): a mount point cannot be renamed, removed or
    // replaced from inside. A missing hooks folder is created first (empty, as git init
    // makes it) so that it can be mounted read-only. A .git *file* (worktree/submodule)
    // names the real git folder: read-only, like the files below.
    const QFileInfo gitInfo(project.root() + QStringLiteral("/.git"));
    if (protectedPaths.contains(QStringLiteral(".git/hooks")) &&
        !protectedPaths.contains(QStringLiteral(".git")) && gitInfo.isDir() && !gitInfo.isSymLink())
        QDir(gitInfo.absoluteFilePath()).mkpath(QStringLiteral("hooks"));
    const WorkspaceProtection::Inspection protection =
        WorkspaceProtection::inspect(project.root(), protectedPaths);
    if (!protection.ok()) {
        plan.error = QCoreApplication::translate("ocs::RunPlanner", "Not started:\n  %1")
                         .arg(protection.errors.join(QStringLiteral("\n  ")));
        return plan;
    }
    plan.warnings = protection.warnings;
    if (protection.mountGitFolder)
        a << QStringLiteral("--volume")
          << gitInfo.absoluteFilePath() + QLatin1Char(':') + ws + QStringLiteral("/.git");
    // Only existing paths: a mount point that does not exist would be created in the
    // workspace by the engine (as root).
    for (const QString &rel : protection.readOnlyMounts) {
        a << QStringLiteral("--volume")
          << project.root() + QLatin1Char('/') + rel + QLatin1Char(':') + ws + QLatin1Char('/') +
                 rel + QStringLiteral(":ro");
        plan.readOnlyPaths << rel;
    }
    a << QStringLiteral("--workdir") << ws;

    // Environment. The container's variables of the user (env-passthrough values, env:
    // values) and the server password go into a private env file (--env-file), which
    // runProcess() writes (0600) right before `run` and removes when it returns: never
    // into argv, and never into the engine CLI's own environment, where names such as
    // XDG_CONFIG_HOME, CONTAINERS_CONF or DOCKER_CONFIG would steer the engine on the host.
    // Docker and Podman read one NAME=VALUE a line, without any quoting: a value with a
    // line break cannot be passed (it would end the value and start another variable).
    QByteArray envFile;
    const auto refused = [&plan] {
        RunPlan r;
        r.error = plan.error;
        return r;
    };
    const auto addToEnvFile = [&](const QString &name, const QString &value,
                                  const QString &origin) {
        if (value.contains(QLatin1Char('\n')) || value.contains(QLatin1Char('\r')) ||
            value.contains(QChar(0))) {
            plan.error = QCoreApplication::translate(
                             "ocs::RunPlanner",
                             "Not started: the value of %1 (%2) contains a line break, which "
                             "the container engine cannot pass into the sandbox.")
                             .arg(name, origin);
            return false;
        }
        const QByteArray line = name.toUtf8() + '=' + value.toUtf8() + '\n';
        // The engines read the file line by line with a 64 KiB line limit.
        if (line.size() >= 65536) {
            plan.error = QCoreApplication::translate(
                             "ocs::RunPlanner",
                             "Not started: the value of %1 (%2) is longer than the container "
                             "engine can pass (64 KiB).")
                             .arg(name, origin);
            return false;
        }
        envFile += line;
        return true;
    };
    if (!addToEnvFile(QStringLiteral("OPENCODE_SERVER_PASSWORD"), in.password,
                      PlanText::tr("the server password")))
        return refused();
    for (const EnvPassthrough &p : cfg.envPassthrough) {
        const auto it = in.hostEnvironment.constFind(p.hostVar);
        if (it == in.hostEnvironment.cend()) {
            plan.skippedVariables
                << PlanText::tr("%1 (%2 is not set)").arg(p.containerVar, p.hostVar);
            continue;
        }
        if (!addToEnvFile(p.containerVar, it.value(),
                          PlanText::tr("env-passthrough from the host's %1").arg(p.hostVar)))
            return refused();
        plan.forwardedVariables << p.containerVar;
    }
    for (const EnvVar &v : cfg.env) {
        if (!addToEnvFile(v.name, v.value, QStringLiteral("env")))
            return refused();
    }
    // injected-secrets: the agent's variable holds a placeholder; the proxy puts the value in
    // its place on the way out to the secret's hosts (docker/README.md, "Injected secrets").
    for (const InjectedSecret &s : cfg.injectedSecrets) {
        const QString placeholder = secretdelivery::makePlaceholder(s.name);
        if (!addToEnvFile(s.name, placeholder, QStringLiteral("injected-secrets")))
            return refused();
        plan.secretPlaceholders.insert(s.name, placeholder);
    }
    const QString envFilePath =
        project.stateDir() +
        QStringLiteral("/engine-env-%1.env")
            .arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
    a << QStringLiteral("--env-file") << envFilePath;
    QStringList ports;
    for (quint16 p : cfg.hostPorts)
        ports << QString::number(p);
    a << QStringLiteral("--env")
      << QStringLiteral("OCS_WHITELIST=") + cfg.httpDomainWhitelist.join(QLatin1Char(','));
    a << QStringLiteral("--env")
      << QStringLiteral("OCS_HOST_PORTS=") + ports.join(QLatin1Char(','));
    // For the firewall: the ports that accept connections from outside (published-ports).
    QStringList published;
    for (const auto &[inside, host] : in.publishedPorts)
        published << QString::number(inside);
    a << QStringLiteral("--env")
      << QStringLiteral("OCS_PUBLISHED_PORTS=") + published.join(QLatin1Char(','));
    a << QStringLiteral("--env") << QStringLiteral("OCS_WORKSPACE=") + ws;
    if (!cfg.injectedSecrets.isEmpty()) {
        QStringList hosts;
        for (const InjectedSecret &s : cfg.injectedSecrets)
            for (const QString &h : s.hosts + s.gitHosts)
                if (!hosts.contains(h))
                    hosts << h;
        // git over HTTPS: a credential helper answers with the placeholder as the password.
        QStringList git;
        for (const InjectedSecret &s : cfg.injectedSecrets)
            for (const QString &h : s.gitHosts)
                git << h + QLatin1Char('=') + s.name;
        // Root's own folder for the rules with the values (ocs-secrets-load), in memory only.
        a << QStringLiteral("--tmpfs")
          << secretdelivery::ContainerDir + QLatin1Char(':') + secretdelivery::TmpfsOptions;
        a << QStringLiteral("--env") << QStringLiteral("OCS_INJECT=1");
        a << QStringLiteral("--env")
          << QStringLiteral("OCS_INJECT_HOSTS=") + hosts.join(QLatin1Char(','));
        if (!git.isEmpty())
            a << QStringLiteral("--env")
              << QStringLiteral("OCS_INJECT_GIT=") + git.join(QLatin1Char(','));
    }
    // For `ocs verify`: what was meant to be read-only (mount paths cannot contain ':').
    a << QStringLiteral("--env")
      << QStringLiteral("OCS_READONLY_PATHS=") + protectedPaths.join(QLatin1Char(':'));
    // For ocs-guard: the mount points it watches (the sandbox ends when one is replaced).
    QStringList guarded = plan.readOnlyPaths;
    if (protection.mountGitFolder)
        guarded.prepend(QStringLiteral(".git"));
    a << QStringLiteral("--env")
      << QStringLiteral("OCS_GUARDED_PATHS=") + guarded.join(QLatin1Char(':'));

    a << project.imageName();

    plan.spec = engine.command(a, std::chrono::seconds(120));
    // The engine CLI gets the plain host environment (nothing of the container's added).
    plan.spec.privateFilePath = envFilePath;
    plan.spec.privateFileContents = envFile;
    return plan;
}

} // namespace ocs
