// RunPlanner: the `docker run` argument list and the container's variables. Secrets (the
// server password, env-passthrough values) and env: values go only into the private
// --env-file, never into argv nor into the engine CLI's own environment (issue 10, item 6).

#include "fakeprocesslauncher.h"
#include "sandbox/runplan.h"
#include "secrets/secretdelivery.h"
#include "testhelpers.h"

#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace ocs;
using namespace ocs::test;

namespace {
const QString Password = QStringLiteral("pw-Zq8XyVb2-not-in-argv-9f3k");
const QString ApiKeyValue = QStringLiteral("sk-live-4242-very-secret");
const QString SameValue = QStringLiteral("same-name-value-777");
} // namespace

class TestRunPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void basicShape();
    void privileges();
    void limits_data();
    void limits();
    void network();
    void publishedPortsOnLoopbackOnly();
    void mounts();
    void openCodeSettingsMountedReadOnlyOnlyWhenShared();
    void readOnlyMountsOnlyForExistingFiles();
    void gitFolderIsAMountPoint();
    void symlinkedProtectedPathRefusesThePlan();
    void gitFileIsReadOnly();
    void readOnlyPathsForVerify();
    void labels();
    void secretsOnlyInEnvironment();
    void engineCliEnvironmentIsThePlainHostEnvironment();
    void valuesWithLineBreaksAreRefused_data();
    void valuesWithLineBreaksAreRefused();
    void envFileExistsOnlyWhileTheRunCommandRuns_data();
    void envFileExistsOnlyWhileTheRunCommandRuns();
    void envFileGoesAwayWithAnUnfinishedJob();
    void unsetHostVariablesAreSkipped();
    void staticEnvAndFirewallSettings();
    void injectedSecretsGetPlaceholdersAndRootTmpfs();
    void noInjectedSecretsNoTmpfs();
    void injectedSecretForGitOverHttps();
    void emptyWhitelistAndPorts();
    void refusesUnmountablePaths_data();
    void refusesUnmountablePaths();

    void parseExtraHosts_good_data();
    void parseExtraHosts_good();
    void parseExtraHosts_bad_data();
    void parseExtraHosts_bad();

    void effectiveReadOnlyPaths_data();
    void effectiveReadOnlyPaths();

private:
    ProjectConfig fullConfig() const;
    RunInputs inputs() const;
    RunPlan makePlan(const ProjectConfig &config) const;

    QTemporaryDir m_tmp;
    QString m_root;
    EnvGuard m_env;
    ContainerEngine m_engine{ContainerEngine::Kind::Docker, QStringLiteral("/usr/bin/docker")};
};

void TestRunPlan::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_env.set("OCS_STATE_ROOT", m_tmp.filePath(QStringLiteral("state")));
    m_env.set("HOME", m_tmp.filePath(QStringLiteral("home")));
    // A host variable with the same name as a skipped container variable: it must not leak
    // in through the inherited environment.
    m_env.set("MISSING_IN", QStringLiteral("leaked-from-host-env"));
    m_root = canonical(m_tmp.path()) + QStringLiteral("/my app");
    // Some of the protected files exist, some do not.
    QVERIFY(writeFile(m_root + QStringLiteral("/opencode-sandbox-config.yaml"),
                      "sandbox-name: demo\n"));
    QVERIFY(writeFile(m_root + QStringLiteral("/mise.toml"), "[tools]\n"));
    QVERIFY(writeFile(m_root + QStringLiteral("/.git/config"), "[core]\n"));
    QVERIFY(QDir().mkpath(m_root + QStringLiteral("/.git/hooks")));
    QVERIFY(writeFile(m_root + QStringLiteral("/secrets.txt"), "x"));
    QVERIFY(writeFile(m_tmp.filePath(QStringLiteral("outside.jsonc")), "{}"));
}

void TestRunPlan::symlinkedProtectedPathRefusesThePlan()
{
    // A protected path that is a symlink would be mounted from wherever it points (the
    // engine follows it), and left unprotected if skipped: no plan (issue 10, item 2).
    const QString link = m_root + QStringLiteral("/opencode.jsonc");
    QVERIFY(QFile::link(m_tmp.filePath(QStringLiteral("outside.jsonc")), link));
    const RunPlan plan = makePlan(fullConfig());
    QFile::remove(link);
    QVERIFY(!plan.ok());
    QVERIFY2(plan.error.contains(QStringLiteral("opencode.jsonc is a symbolic link")),
             qPrintable(plan.error));
    QVERIFY(plan.spec.arguments.isEmpty());
    QVERIFY(makePlan(fullConfig()).ok()); // positive control: without the link
}

ProjectConfig TestRunPlan::fullConfig() const
{
    ProjectConfig c;
    c.sandboxName = QStringLiteral("demo");
    c.httpDomainWhitelist = {QStringLiteral("api.example.com"), QStringLiteral(".github.com")};
    c.hostPorts = {5432, 8080};
    c.envPassthrough = {{QStringLiteral("API_KEY"), QStringLiteral("HOST_API_KEY")},
                        {QStringLiteral("SAME"), QStringLiteral("SAME")},
                        {QStringLiteral("MISSING_IN"), QStringLiteral("NOT_SET_ON_HOST")}};
    c.env = {{QStringLiteral("LOG_LEVEL"), QStringLiteral("debug")},
             {QStringLiteral("GREETING"), QStringLiteral("hello world")}};
    c.readOnlyPaths = {QStringLiteral("secrets.txt"), QStringLiteral("absent.txt")};
    return c;
}

RunInputs TestRunPlan::inputs() const
{
    RunInputs in;
    in.port = 4123;
    in.password = Password;
    in.hostEnvironment = {{QStringLiteral("HOST_API_KEY"), ApiKeyValue},
                          {QStringLiteral("SAME"), SameValue},
                          {QStringLiteral("PATH"), QStringLiteral("/usr/bin")}};
    in.extraHosts = {QStringLiteral("db.local:10.0.0.5")};
    in.configHash = QStringLiteral("cafe0123beef4567");
    return in;
}

RunPlan TestRunPlan::makePlan(const ProjectConfig &config) const
{
    return RunPlanner::plan(m_engine, Project(m_root, config), inputs());
}

void TestRunPlan::basicShape()
{
    const Project project(m_root, fullConfig());
    const RunPlan plan = makePlan(fullConfig());
    QVERIFY2(plan.ok(), qPrintable(plan.error));
    const QStringList a = plan.spec.arguments;
    QCOMPARE(plan.spec.program, QStringLiteral("/usr/bin/docker"));
    QCOMPARE(a.value(0), QStringLiteral("run"));
    QVERIFY(a.contains(QStringLiteral("--detach")));
    QVERIFY(a.contains(QStringLiteral("--init")));
    QCOMPARE(valuesOf(a, QStringLiteral("--name")), QStringList{project.containerName()});
    QCOMPARE(project.containerName(), QStringLiteral("opencode-sandbox-") + project.sandboxId());
    QCOMPARE(valuesOf(a, QStringLiteral("--workdir")), QStringList{QStringLiteral("/my app")});
    // The image (named like the container) is the last argument, every option before it.
    QCOMPARE(a.last(), project.imageName());
    QCOMPARE(a.count(project.imageName()), 2);
    QCOMPARE(a.indexOf(project.imageName()), a.indexOf(QStringLiteral("--name")) + 1);
}

void TestRunPlan::privileges()
{
    const QStringList a = makePlan(fullConfig()).spec.arguments;
    QCOMPARE(valuesOf(a, QStringLiteral("--cap-drop")), QStringList{QStringLiteral("ALL")});
    // The cap-drop comes before any cap-add.
    QVERIFY(a.indexOf(QStringLiteral("--cap-drop")) < a.indexOf(QStringLiteral("--cap-add")));
    const QStringList added = valuesOf(a, QStringLiteral("--cap-add"));
    QCOMPARE(added, RunPlanner::entrypointCapabilities());
    // The ones the entrypoint cannot do without (firewall, user switch).
    for (const char *cap : {"NET_ADMIN", "SETUID", "SETGID"})
        QVERIFY2(added.contains(QLatin1String(cap)), cap);
    QVERIFY(!added.contains(QStringLiteral("SYS_ADMIN")));
    QVERIFY(!a.contains(QStringLiteral("--privileged")));
    QCOMPARE(valuesOf(a, QStringLiteral("--security-opt")),
             QStringList{QStringLiteral("no-new-privileges")});
}

void TestRunPlan::limits_data()
{
    QTest::addColumn<int>("pids");
    QTest::addColumn<QString>("memory");
    QTest::addColumn<QString>("cpus");
    QTest::addColumn<QString>("expectedPids");
    QTest::addColumn<QString>("expectedMemory");
    QTest::addColumn<QStringList>("expectedCpus");
    QTest::newRow("defaults") << 0 << QString() << QString() << QStringLiteral("4096")
                              << QStringLiteral("8g") << QStringList();
    QTest::newRow("overrides") << 256 << QStringLiteral("2g") << QStringLiteral("1.5")
                               << QStringLiteral("256") << QStringLiteral("2g")
                               << QStringList{QStringLiteral("1.5")};
    QTest::newRow("negative pids = default")
        << -5 << QStringLiteral("512m") << QString() << QStringLiteral("4096")
        << QStringLiteral("512m") << QStringList();
}

void TestRunPlan::limits()
{
    QFETCH(int, pids);
    QFETCH(QString, memory);
    QFETCH(QString, cpus);
    QFETCH(QString, expectedPids);
    QFETCH(QString, expectedMemory);
    QFETCH(QStringList, expectedCpus);
    ProjectConfig c = fullConfig();
    c.pidsLimit = pids;
    c.memoryLimit = memory;
    c.cpuLimit = cpus;
    const QStringList a = makePlan(c).spec.arguments;
    QCOMPARE(valuesOf(a, QStringLiteral("--pids-limit")), QStringList{expectedPids});
    QCOMPARE(valuesOf(a, QStringLiteral("--memory")), QStringList{expectedMemory});
    QCOMPARE(valuesOf(a, QStringLiteral("--cpus")), expectedCpus);
}

void TestRunPlan::network()
{
    const QStringList a = makePlan(fullConfig()).spec.arguments;
    // Loopback only, never 0.0.0.0.
    QCOMPARE(valuesOf(a, QStringLiteral("--publish")),
             QStringList{QStringLiteral("127.0.0.1:4123:4096")});
    QVERIFY(!a.contains(QStringLiteral("-p")));
    QVERIFY(!a.contains(QStringLiteral("--network")));
    QCOMPARE(valuesOf(a, QStringLiteral("--add-host")),
             (QStringList{QStringLiteral("docker.host:host-gateway"),
                          QStringLiteral("db.local:10.0.0.5")}));

    // Podman has no "host-gateway" before 4.7: no docker.host entry (the entrypoint names
    // host.containers.internal docker.host); extra hosts still go in.
    const ContainerEngine podman(ContainerEngine::Kind::Podman, QStringLiteral("/usr/bin/podman"));
    const RunPlan p = RunPlanner::plan(podman, Project(m_root, fullConfig()), inputs());
    QVERIFY(p.ok());
    QCOMPARE(p.spec.program, QStringLiteral("/usr/bin/podman"));
    QCOMPARE(valuesOf(p.spec.arguments, QStringLiteral("--add-host")),
             QStringList{QStringLiteral("db.local:10.0.0.5")});
    QCOMPARE(valuesOf(p.spec.arguments, QStringLiteral("--publish")),
             QStringList{QStringLiteral("127.0.0.1:4123:4096")});
}

// Issue 15: published-ports on the host's 127.0.0.1 only, at the host port chosen for each,
// and the firewall told which ports accept connections from outside.
void TestRunPlan::publishedPortsOnLoopbackOnly()
{
    RunInputs in = inputs();
    in.publishedPorts = {{3000, 3000}, {5173, 40123}};
    for (const auto kind : {ContainerEngine::Kind::Docker, ContainerEngine::Kind::Podman}) {
        const ContainerEngine engine(kind, QStringLiteral("/usr/bin/engine"));
        const RunPlan plan = RunPlanner::plan(engine, Project(m_root, fullConfig()), in);
        QVERIFY2(plan.ok(), qPrintable(plan.error));
        const QStringList a = plan.spec.arguments;
        QCOMPARE(valuesOf(a, QStringLiteral("--publish")),
                 (QStringList{QStringLiteral("127.0.0.1:4123:4096"),
                              QStringLiteral("127.0.0.1:3000:3000"),
                              QStringLiteral("127.0.0.1:40123:5173")}));
        QVERIFY(valuesOf(a, QStringLiteral("--env"))
                    .contains(QStringLiteral("OCS_PUBLISHED_PORTS=3000,5173")));
    }
    // None: the web UI alone, and an empty list for the firewall.
    const QStringList a = makePlan(fullConfig()).spec.arguments;
    QCOMPARE(valuesOf(a, QStringLiteral("--publish")).size(), 1);
    QVERIFY(valuesOf(a, QStringLiteral("--env")).contains(QStringLiteral("OCS_PUBLISHED_PORTS=")));
}

void TestRunPlan::mounts()
{
    const Project project(m_root, fullConfig());
    const QStringList volumes =
        valuesOf(makePlan(fullConfig()).spec.arguments, QStringLiteral("--volume"));
    QCOMPARE(volumes.value(0), m_root + QStringLiteral(":/my app"));
    QCOMPARE(volumes.value(1),
             project.agentStateDir() + QStringLiteral(":/home/dev/.local/share/opencode"));
    QVERIFY(project.agentStateDir().startsWith(m_tmp.filePath(QStringLiteral("state"))));
    // The live network policy (read-only) and the proxy's decision log (read-write), from the
    // sandbox's state folder.
    QCOMPARE(volumes.value(2),
             project.stateDir() + QStringLiteral("/network/policy:/run/ocs-net/policy:ro"));
    QCOMPARE(volumes.value(3),
             project.stateDir() + QStringLiteral("/network/log:/run/ocs-net/log"));
    QVERIFY(project.stateDir().startsWith(m_tmp.filePath(QStringLiteral("state"))));
}

// The user's OpenCode settings (opencodesettings.h): the copy in the state folder, read-only at
// dev's ~/.config/opencode; nothing of it without one; never the host's folder itself.
void TestRunPlan::openCodeSettingsMountedReadOnlyOnlyWhenShared()
{
    const Project project(m_root, fullConfig());
    const QString copy = project.stateDir() + QStringLiteral("/opencode-settings");
    const auto settingsMounts = [](const QStringList &volumes) {
        QStringList out;
        for (const QString &v : volumes) {
            if (v.contains(QStringLiteral(":/home/dev/.config")))
                out << v;
        }
        return out;
    };
    const QStringList without =
        valuesOf(makePlan(fullConfig()).spec.arguments, QStringLiteral("--volume"));
    QCOMPARE(settingsMounts(without), QStringList());
    RunInputs in = inputs();
    // The copy: a folder and a file, and a name that cannot be named in a mount.
    QVERIFY(QDir().mkpath(copy + QStringLiteral("/commands")));
    for (const QString &f : {QStringLiteral("/opencode.json"), QStringLiteral("/a:b.md")}) {
        QFile file(copy + f);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    in.openCodeSettingsDir = copy;
    const RunPlan plan = RunPlanner::plan(m_engine, project, in);
    QVERIFY2(plan.ok(), qPrintable(plan.error));
    const QStringList with = valuesOf(plan.spec.arguments, QStringLiteral("--volume"));
    // Each entry read-only, inside a writable tmpfs where OpenCode writes its own files
    // (.gitignore, package.json: it fails to load a read-only config folder).
    QCOMPARE(
        settingsMounts(with),
        (QStringList{
            copy + QStringLiteral("/commands:/home/dev/.config/opencode/commands:ro"),
            copy + QStringLiteral("/opencode.json:/home/dev/.config/opencode/opencode.json:ro")}));
    QCOMPARE(with.size(), without.size() + 2);
    QCOMPARE(valuesOf(plan.spec.arguments, QStringLiteral("--tmpfs")),
             QStringList{
                 QStringLiteral("/home/dev/.config/opencode:rw,nosuid,nodev,size=256m,mode=1777")});
    QVERIFY(valuesOf(makePlan(fullConfig()).spec.arguments, QStringLiteral("--tmpfs")).isEmpty());
}

void TestRunPlan::readOnlyMountsOnlyForExistingFiles()
{
    const RunPlan plan = makePlan(fullConfig());
    QStringList readOnly;
    for (const QString &v : valuesOf(plan.spec.arguments, QStringLiteral("--volume"))) {
        if (v.endsWith(QStringLiteral(":ro")) && v.startsWith(m_root + QLatin1Char('/')))
            readOnly << v;
    }
    const QStringList expectedRel{QStringLiteral("opencode-sandbox-config.yaml"),
                                  QStringLiteral("mise.toml"), QStringLiteral(".git/config"),
                                  QStringLiteral(".git/hooks"), QStringLiteral("secrets.txt")};
    QStringList expected;
    for (const QString &rel : expectedRel)
        expected << m_root + QLatin1Char('/') + rel + QStringLiteral(":/my app/") + rel +
                        QStringLiteral(":ro");
    QCOMPARE(readOnly, expected);
    QCOMPARE(plan.readOnlyPaths, expectedRel);
    // Not there: the hook, opencode.json(c), absent.txt.
    for (const QString &v : std::as_const(readOnly)) {
        QVERIFY2(!v.contains(QStringLiteral("pre-start-container")), qPrintable(v));
        QVERIFY2(!v.contains(QStringLiteral("opencode.json")), qPrintable(v));
        QVERIFY2(!v.contains(QStringLiteral("absent.txt")), qPrintable(v));
    }
}

void TestRunPlan::gitFolderIsAMountPoint()
{
    // .git mounted onto itself (read-write, so the agent can commit) so that it cannot be
    // renamed and replaced from inside; config and hooks read-only on top of it.
    const RunPlan plan = makePlan(fullConfig());
    const QStringList volumes = valuesOf(plan.spec.arguments, QStringLiteral("--volume"));
    QVERIFY(volumes.contains(m_root + QStringLiteral("/.git:/my app/.git")));
    QVERIFY(volumes.contains(m_root + QStringLiteral("/.git/config:/my app/.git/config:ro")));
    QVERIFY(volumes.contains(m_root + QStringLiteral("/.git/hooks:/my app/.git/hooks:ro")));
    QVERIFY(!plan.readOnlyPaths.contains(QStringLiteral(".git")));

    // A repository without hooks folder gets an empty one, so that it can be protected.
    QTemporaryDir tmp;
    const QString root = canonical(tmp.path());
    QVERIFY(writeFile(root + QStringLiteral("/.git/config"), "[core]\n"));
    const RunPlan p2 = RunPlanner::plan(m_engine, Project(root, fullConfig()), inputs());
    QVERIFY(QFileInfo(root + QStringLiteral("/.git/hooks")).isDir());
    QVERIFY(p2.readOnlyPaths.contains(QStringLiteral(".git/hooks")));

    // Protection of both removed by the config: no guard either.
    ProjectConfig c = fullConfig();
    c.readOnlyPaths << QStringLiteral("!.git/config") << QStringLiteral("!.git/hooks");
    const QStringList v3 = valuesOf(makePlan(c).spec.arguments, QStringLiteral("--volume"));
    for (const QString &v : v3)
        QVERIFY2(!v.contains(QStringLiteral("/.git")), qPrintable(v));

    // All of .git read-only by the config: one read-only mount, no read-write one.
    ProjectConfig c4 = fullConfig();
    c4.readOnlyPaths << QStringLiteral(".git");
    const QStringList v4 = valuesOf(makePlan(c4).spec.arguments, QStringLiteral("--volume"));
    QVERIFY(v4.contains(m_root + QStringLiteral("/.git:/my app/.git:ro")));
    QVERIFY(!v4.contains(m_root + QStringLiteral("/.git:/my app/.git")));
}

void TestRunPlan::gitFileIsReadOnly()
{
    // A worktree's or submodule's .git file names the real git folder: read-only.
    QTemporaryDir tmp;
    const QString root = canonical(tmp.path());
    QVERIFY(writeFile(root + QStringLiteral("/.git"), "gitdir: /elsewhere/.git/worktrees/x\n"));
    const RunPlan plan = RunPlanner::plan(m_engine, Project(root, fullConfig()), inputs());
    const QStringList volumes = valuesOf(plan.spec.arguments, QStringLiteral("--volume"));
    QVERIFY(volumes.contains(root + QStringLiteral("/.git:/") + QFileInfo(root).fileName() +
                             QStringLiteral("/.git:ro")));
    QVERIFY(plan.readOnlyPaths.contains(QStringLiteral(".git")));
}

void TestRunPlan::readOnlyPathsForVerify()
{
    // The effective list (present or not) goes to the container for `ocs verify`.
    const QStringList envArgs =
        valuesOf(makePlan(fullConfig()).spec.arguments, QStringLiteral("--env"));
    const QString expected =
        QStringLiteral("OCS_READONLY_PATHS=") +
        RunPlanner::effectiveReadOnlyPaths(fullConfig()).join(QLatin1Char(':'));
    QVERIFY2(envArgs.contains(expected), qPrintable(envArgs.join(QLatin1Char(' '))));
    QVERIFY(expected.contains(QStringLiteral("absent.txt")));
}

void TestRunPlan::labels()
{
    const Project project(m_root, fullConfig());
    const QStringList labels =
        valuesOf(makePlan(fullConfig()).spec.arguments, QStringLiteral("--label"));
    QVERIFY(labels.contains(QStringLiteral("io.opencode-sandbox.id=") + project.sandboxId()));
    QVERIFY(labels.contains(QStringLiteral("io.opencode-sandbox.project=") + m_root));
    QVERIFY(labels.contains(QStringLiteral("io.opencode-sandbox.config-hash=cafe0123beef4567")));
    QVERIFY(labels.contains(QStringLiteral("io.opencode-sandbox.port=4123")));
    QVERIFY(labels.contains(QStringLiteral("io.opencode-sandbox.version=") +
                            QStringLiteral(OCS_TEST_VERSION)));
    QCOMPARE(labels.size(), 5);
}

namespace {
// NAME -> VALUE of the env file the plan names (`--env-file PATH`), as Docker and Podman
// read it: one NAME=VALUE per line, nothing quoted.
QMap<QString, QString> envFileEntries(const ProcessSpec &spec, QStringList *lines = nullptr)
{
    QMap<QString, QString> out;
    for (const QByteArray &line : spec.privateFileContents.split('\n')) {
        if (line.isEmpty())
            continue;
        const QString l = QString::fromUtf8(line);
        if (lines)
            *lines << l;
        const qsizetype eq = l.indexOf(QLatin1Char('='));
        out.insert(l.left(eq), eq < 0 ? QString() : l.mid(eq + 1));
    }
    return out;
}

// The environment the engine CLI actually gets (empty spec environment = this process's).
QProcessEnvironment effectiveEnvironment(const ProcessSpec &spec)
{
    return spec.environment.isEmpty() ? QProcessEnvironment::systemEnvironment() : spec.environment;
}
} // namespace

void TestRunPlan::secretsOnlyInEnvironment()
{
    const RunPlan plan = makePlan(fullConfig());
    QVERIFY(plan.ok());
    const QStringList all = QStringList{plan.spec.program} + plan.spec.arguments;
    for (const QString &secret :
         {Password, ApiKeyValue, SameValue, QStringLiteral("hello world")}) {
        for (const QString &arg : all)
            QVERIFY2(!arg.contains(secret),
                     qPrintable(QStringLiteral("secret in argument: ") + arg));
    }
    QVERIFY(!plan.spec.displayCommand().contains(Password));

    // Every container variable of the user's and the password: in the env file, named in
    // argv by --env-file, in the sandbox's state folder.
    const QStringList files = valuesOf(plan.spec.arguments, QStringLiteral("--env-file"));
    QCOMPARE(files, QStringList{plan.spec.privateFilePath});
    QVERIFY2(plan.spec.privateFilePath.startsWith(Project(m_root, fullConfig()).stateDir() +
                                                  QLatin1Char('/')),
             qPrintable(plan.spec.privateFilePath));
    QStringList lines;
    const QMap<QString, QString> file = envFileEntries(plan.spec, &lines);
    QCOMPARE(file.value(QStringLiteral("OPENCODE_SERVER_PASSWORD")), Password);
    QCOMPARE(file.value(QStringLiteral("API_KEY")), ApiKeyValue);
    QCOMPARE(file.value(QStringLiteral("SAME")), SameValue);
    QCOMPARE(file.value(QStringLiteral("LOG_LEVEL")), QStringLiteral("debug"));
    QCOMPARE(file.value(QStringLiteral("GREETING")), QStringLiteral("hello world"));
    QCOMPARE(lines.size(), 5); // exactly these, one a line
    QVERIFY(!file.contains(QStringLiteral("HOST_API_KEY")));
    QVERIFY(plan.spec.privateFileContents.endsWith('\n'));

    // None of them by --env any more (a bare `-e NAME` would take NAME from the CLI's
    // environment).
    const QStringList envArgs = valuesOf(plan.spec.arguments, QStringLiteral("--env"));
    for (const QString &e : envArgs)
        QVERIFY2(e.startsWith(QStringLiteral("OCS_")), qPrintable(e));
    QCOMPARE(plan.forwardedVariables,
             (QStringList{QStringLiteral("API_KEY"), QStringLiteral("SAME")}));
}

void TestRunPlan::engineCliEnvironmentIsThePlainHostEnvironment()
{
    // Passthrough names that steer the engine CLI itself when they are in its environment
    // (Podman reads containers.conf from XDG_CONFIG_HOME / CONTAINERS_CONF; Docker its
    // config from DOCKER_CONFIG): their values are for the container only.
    EnvGuard guard;
    guard.set("XDG_CONFIG_HOME", QStringLiteral("/host/own/config"));
    guard.unset("CONTAINERS_CONF");
    guard.unset("TMPDIR");
    ProjectConfig c = fullConfig();
    c.envPassthrough = {{QStringLiteral("XDG_CONFIG_HOME"), QStringLiteral("WS_XDG")},
                        {QStringLiteral("CONTAINERS_CONF"), QStringLiteral("WS_CONF")},
                        {QStringLiteral("TMPDIR"), QStringLiteral("WS_TMP")},
                        {QStringLiteral("API_KEY"), QStringLiteral("HOST_API_KEY")}};
    RunInputs in = inputs();
    in.hostEnvironment.insert(QStringLiteral("WS_XDG"), QStringLiteral("/ws/evil-xdg"));
    in.hostEnvironment.insert(QStringLiteral("WS_CONF"), QStringLiteral("/ws/containers.conf"));
    in.hostEnvironment.insert(QStringLiteral("WS_TMP"), QStringLiteral("/ws/tmp"));
    const RunPlan plan = RunPlanner::plan(m_engine, Project(m_root, c), in);
    QVERIFY2(plan.ok(), qPrintable(plan.error));

    const QProcessEnvironment env = effectiveEnvironment(plan.spec);
    QVERIFY(env.contains(QStringLiteral("PATH"))); // it is this process's environment
    QCOMPARE(env.value(QStringLiteral("XDG_CONFIG_HOME")), QStringLiteral("/host/own/config"));
    QVERIFY(!env.contains(QStringLiteral("CONTAINERS_CONF")));
    QVERIFY(!env.contains(QStringLiteral("TMPDIR")));
    QVERIFY(!env.contains(QStringLiteral("OPENCODE_SERVER_PASSWORD")));
    QVERIFY(!env.contains(QStringLiteral("API_KEY")));
    for (const QString &k : env.keys()) {
        const QString v = env.value(k);
        for (const QString &secret : {Password, ApiKeyValue, QStringLiteral("/ws/evil-xdg"),
                                      QStringLiteral("/ws/containers.conf")})
            QVERIFY2(!v.contains(secret), qPrintable(k + QLatin1Char('=') + v));
    }
    // Control: the values did go to the container.
    const QMap<QString, QString> file = envFileEntries(plan.spec);
    QCOMPARE(file.value(QStringLiteral("XDG_CONFIG_HOME")), QStringLiteral("/ws/evil-xdg"));
    QCOMPARE(file.value(QStringLiteral("CONTAINERS_CONF")), QStringLiteral("/ws/containers.conf"));
    QCOMPARE(file.value(QStringLiteral("TMPDIR")), QStringLiteral("/ws/tmp"));
    QCOMPARE(file.value(QStringLiteral("OPENCODE_SERVER_PASSWORD")), Password);
}

void TestRunPlan::valuesWithLineBreaksAreRefused_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("passthrough");
    QTest::newRow("passthrough LF") << QStringLiteral("line1\nOPENCODE_SERVER_PASSWORD=x") << true;
    QTest::newRow("passthrough CR") << QStringLiteral("value\r") << true;
    QTest::newRow("passthrough NUL")
        << QStringLiteral("a") + QChar(0) + QStringLiteral("b") << true;
    QTest::newRow("env LF") << QStringLiteral("a\nb") << false;
}

void TestRunPlan::valuesWithLineBreaksAreRefused()
{
    // One variable a line in the env file: a line break would end the value and start
    // another variable (it could even set the password); the engine has no quoting.
    QFETCH(QString, value);
    QFETCH(bool, passthrough);
    ProjectConfig c = fullConfig();
    RunInputs in = inputs();
    if (passthrough)
        in.hostEnvironment.insert(QStringLiteral("HOST_API_KEY"), value);
    else
        c.env.append({QStringLiteral("MULTI"), value});
    const RunPlan plan = RunPlanner::plan(m_engine, Project(m_root, c), in);
    QVERIFY(!plan.ok());
    const QString name = passthrough ? QStringLiteral("API_KEY") : QStringLiteral("MULTI");
    QVERIFY2(plan.error.contains(name) && plan.error.contains(QStringLiteral("line break")),
             qPrintable(plan.error));
    QVERIFY2(!plan.error.contains(value), qPrintable(plan.error)); // no value in a message
    QVERIFY(plan.spec.arguments.isEmpty());
    QVERIFY(plan.spec.privateFileContents.isEmpty());
    QVERIFY(makePlan(fullConfig()).ok()); // control
}

void TestRunPlan::envFileExistsOnlyWhileTheRunCommandRuns_data()
{
    QTest::addColumn<ProcessResult>("result");
    QTest::newRow("success") << FakeProcessLauncher::finished(0, "0123abcd\n");
    QTest::newRow("failure") << FakeProcessLauncher::finished(125, {}, "docker: error");
    QTest::newRow("timeout") << FakeProcessLauncher::timedOut();
    QTest::newRow("not started") << FakeProcessLauncher::failedToStart(QStringLiteral("ENOENT"));
}

void TestRunPlan::envFileExistsOnlyWhileTheRunCommandRuns()
{
    QFETCH(ProcessResult, result);
    const RunPlan plan = makePlan(fullConfig());
    QVERIFY(plan.ok());
    const QString path = plan.spec.privateFilePath;
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QVERIFY(!QFileInfo::exists(path));

    auto *fake = FakeProcessLauncher::install();
    bool seen = false;
    int mode = -1;
    QByteArray contents;
    fake->respond({QStringLiteral("run")}, [&](const ProcessSpec &) {
        seen = QFileInfo::exists(path);
        mode = fileMode(path);
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            contents = f.readAll();
        return result;
    });
    QObject context;
    bool done = false;
    ProcessResult got;
    runProcess(plan.spec, &context, [&](const ProcessResult &r) {
        got = r;
        done = true;
        // Already gone when the caller learns the outcome.
        QVERIFY(!QFileInfo::exists(path));
    });
    QTRY_VERIFY(done);
    FakeProcessLauncher::uninstall();
    QCOMPARE(got.status, result.status);
    QVERIFY(seen); // the engine could read it while it ran ...
    QCOMPARE(contents, plan.spec.privateFileContents);
    QCOMPARE(mode, 0600);              // ... and only its owner
    QVERIFY(!QFileInfo::exists(path)); // ... and it is gone afterwards
}

void TestRunPlan::envFileGoesAwayWithAnUnfinishedJob()
{
    const RunPlan plan = makePlan(fullConfig());
    const QString path = plan.spec.privateFilePath;
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    auto *fake = FakeProcessLauncher::install();
    fake->setDelay(60000);
    {
        QObject context;
        runProcess(plan.spec, &context, [](const ProcessResult &) {});
        QVERIFY(QFileInfo::exists(path)); // control: written at the start
    } // the caller goes away (e.g. the app quits) before the engine answered
    FakeProcessLauncher::uninstall();
    QVERIFY(!QFileInfo::exists(path));
}

void TestRunPlan::unsetHostVariablesAreSkipped()
{
    const RunPlan plan = makePlan(fullConfig());
    QCOMPARE(plan.skippedVariables.size(), 1);
    QVERIFY(plan.skippedVariables.first().contains(QStringLiteral("MISSING_IN")));
    QVERIFY(plan.skippedVariables.first().contains(QStringLiteral("NOT_SET_ON_HOST")));
    const QStringList envArgs = valuesOf(plan.spec.arguments, QStringLiteral("--env"));
    for (const QString &e : envArgs)
        QVERIFY2(!e.startsWith(QStringLiteral("MISSING_IN")), qPrintable(e));
    QVERIFY(!plan.forwardedVariables.contains(QStringLiteral("MISSING_IN")));
    // Not in the env file either, neither with a value nor as a bare name (which the engine
    // would fill from its own environment, where this process has MISSING_IN set).
    QVERIFY(qEnvironmentVariableIsSet("MISSING_IN"));
    QVERIFY(!plan.spec.privateFileContents.contains("MISSING_IN"));
}

void TestRunPlan::staticEnvAndFirewallSettings()
{
    const RunPlan plan = makePlan(fullConfig());
    const QStringList envArgs = valuesOf(plan.spec.arguments, QStringLiteral("--env"));
    QVERIFY(envArgs.contains(QStringLiteral("OCS_WHITELIST=api.example.com,.github.com")));
    QVERIFY(envArgs.contains(QStringLiteral("OCS_HOST_PORTS=5432,8080")));
    QVERIFY(envArgs.contains(QStringLiteral("OCS_WORKSPACE=/my app")));
    const QMap<QString, QString> file = envFileEntries(plan.spec);
    QCOMPARE(file.value(QStringLiteral("LOG_LEVEL")), QStringLiteral("debug"));
    QCOMPARE(file.value(QStringLiteral("GREETING")), QStringLiteral("hello world"));
}

void TestRunPlan::emptyWhitelistAndPorts()
{
    const RunPlan plan = makePlan(minimalConfig(QStringLiteral("demo")));
    QVERIFY(plan.ok());
    const QStringList envArgs = valuesOf(plan.spec.arguments, QStringLiteral("--env"));
    QVERIFY(envArgs.contains(QStringLiteral("OCS_WHITELIST=")));
    QVERIFY(envArgs.contains(QStringLiteral("OCS_HOST_PORTS=")));
    QVERIFY(plan.skippedVariables.isEmpty());
    QVERIFY(plan.forwardedVariables.isEmpty());
    QCOMPARE(plan.spec.privateFileContents,
             QByteArray("OPENCODE_SERVER_PASSWORD=") + Password.toUtf8() + '\n');
}

void TestRunPlan::refusesUnmountablePaths_data()
{
    QTest::addColumn<QString>("root");
    QTest::newRow("colon") << QStringLiteral("/home/dev/a:b");
    QTest::newRow("comma") << QStringLiteral("/home/dev/a,b");
}

void TestRunPlan::refusesUnmountablePaths()
{
    QFETCH(QString, root);
    const RunPlan plan =
        RunPlanner::plan(m_engine, Project(root, minimalConfig(QStringLiteral("x"))), inputs());
    QVERIFY(!plan.ok());
    QVERIFY2(plan.error.contains(root), qPrintable(plan.error));
    QVERIFY(plan.spec.arguments.isEmpty());
    QVERIFY(plan.spec.environment.isEmpty());
}

void TestRunPlan::parseExtraHosts_good_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("empty") << QString() << QStringList();
    QTest::newRow("colon") << QStringLiteral("db:10.0.0.5")
                           << QStringList{QStringLiteral("db:10.0.0.5")};
    QTest::newRow("equals") << QStringLiteral("db=10.0.0.5")
                            << QStringList{QStringLiteral("db:10.0.0.5")};
    QTest::newRow("two, spaces, dotted name")
        << QStringLiteral(" git.corp.example=192.168.1.10 , cache-1:172.17.0.1")
        << QStringList{QStringLiteral("git.corp.example:192.168.1.10"),
                       QStringLiteral("cache-1:172.17.0.1")};
    QTest::newRow("ipv6 with =") << QStringLiteral("v6host=fd00::1")
                                 << QStringList{QStringLiteral("v6host:fd00::1")};
    QTest::newRow("trailing comma")
        << QStringLiteral("a:1.2.3.4,") << QStringList{QStringLiteral("a:1.2.3.4")};
}

void TestRunPlan::parseExtraHosts_good()
{
    QFETCH(QString, spec);
    QFETCH(QStringList, expected);
    QString error;
    QCOMPARE(RunPlanner::parseExtraHosts(spec, &error), expected);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestRunPlan::parseExtraHosts_bad_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("culprit");
    QTest::newRow("no separator") << QStringLiteral("justaname") << QStringLiteral("justaname");
    QTest::newRow("no name") << QStringLiteral("=1.2.3.4") << QStringLiteral("=1.2.3.4");
    QTest::newRow("underscore") << QStringLiteral("bad_name:1.2.3.4")
                                << QStringLiteral("bad_name:1.2.3.4");
    QTest::newRow("leading dash") << QStringLiteral("-x:1.2.3.4") << QStringLiteral("-x:1.2.3.4");
    QTest::newRow("not an address")
        << QStringLiteral("db=not-an-ip") << QStringLiteral("db=not-an-ip");
    QTest::newRow("octet out of range")
        << QStringLiteral("db=10.0.0.300") << QStringLiteral("db=10.0.0.300");
    QTest::newRow("second bad") << QStringLiteral("ok:1.2.3.4,also ok:5.6.7.8")
                                << QStringLiteral("also ok:5.6.7.8");
    QTest::newRow("option injection")
        << QStringLiteral("--privileged=1.2.3.4") << QStringLiteral("--privileged=1.2.3.4");
}

void TestRunPlan::parseExtraHosts_bad()
{
    QFETCH(QString, spec);
    QFETCH(QString, culprit);
    QString error;
    QCOMPARE(RunPlanner::parseExtraHosts(spec, &error), QStringList());
    QVERIFY2(error.contains(QLatin1Char('"') + culprit + QLatin1Char('"')), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("OCS_EXTRA_HOSTS")), qPrintable(error));
}

void TestRunPlan::effectiveReadOnlyPaths_data()
{
    const QStringList defaults = RunPlanner::defaultReadOnlyPaths();
    QTest::addColumn<QStringList>("configured");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("none") << QStringList() << defaults;

    QStringList added = defaults;
    added << QStringLiteral("secrets/") << QStringLiteral(".env");
    QTest::newRow("additions") << QStringList{QStringLiteral("secrets/"), QStringLiteral(".env")}
                               << added;

    QStringList removed = defaults;
    removed.removeAll(QStringLiteral("mise.toml"));
    removed.removeAll(QStringLiteral(".git/hooks"));
    QTest::newRow("removals") << QStringList{QStringLiteral("!mise.toml"),
                                             QStringLiteral("!.git/hooks")}
                              << removed;

    QStringList mixed = defaults;
    mixed.removeAll(QStringLiteral("opencode.json"));
    mixed << QStringLiteral("Makefile");
    QTest::newRow("mixed, duplicate, unknown removal")
        << QStringList{QStringLiteral("Makefile"), QStringLiteral("!opencode.json"),
                       QStringLiteral("mise.toml"), QStringLiteral("!not-a-default")}
        << mixed;
}

void TestRunPlan::effectiveReadOnlyPaths()
{
    QFETCH(QStringList, configured);
    QFETCH(QStringList, expected);
    ProjectConfig c = minimalConfig(QStringLiteral("x"));
    c.readOnlyPaths = configured;
    QCOMPARE(RunPlanner::effectiveReadOnlyPaths(c), expected);
    // The defaults protect the sandbox's own configuration.
    QVERIFY(RunPlanner::defaultReadOnlyPaths().contains(
        QStringLiteral("opencode-sandbox-config.yaml")));
    QVERIFY(RunPlanner::defaultReadOnlyPaths().contains(
        QStringLiteral("opencode-sandbox-pre-start-container.sh")));
}

void TestRunPlan::injectedSecretsGetPlaceholdersAndRootTmpfs()
{
    ProjectConfig c = fullConfig();
    c.injectedSecrets = {{QStringLiteral("ANTHROPIC_API_KEY"),
                          {QStringLiteral("api.example.com")},
                          QStringLiteral("x-api-key"),
                          QStringLiteral("{}"),
                          QStringLiteral("anthropic"),
                          {}},
                         {QStringLiteral("GH_TOKEN"),
                          {QStringLiteral("api.github.com"), QStringLiteral("api.example.com")},
                          QStringLiteral("Authorization"),
                          QStringLiteral("Bearer {}"),
                          QString(),
                          {}}};
    const RunPlan plan = makePlan(c);
    QVERIFY2(plan.ok(), qPrintable(plan.error));
    const QStringList a = plan.spec.arguments;
    // Root's in-memory folder for the values, and the entrypoint told to wait for them.
    const qsizetype t =
        a.indexOf(QStringLiteral("/run/ocs-secrets:rw,nosuid,nodev,noexec,size=1m,mode=0700"));
    QVERIFY2(t > 0 && a.at(t - 1) == QStringLiteral("--tmpfs"),
             qPrintable(a.join(QLatin1Char(' '))));
    QVERIFY(a.contains(QStringLiteral("OCS_INJECT=1")));
    QVERIFY(a.contains(QStringLiteral("OCS_INJECT_HOSTS=api.example.com,api.github.com")));
    // The agent's variable holds a placeholder, in the private env file only.
    QCOMPARE(plan.secretPlaceholders.size(), 2);
    static const QRegularExpression re(QStringLiteral("^ocs-secret-GH_TOKEN-[0-9a-f]{16}$"));
    const QString ph = plan.secretPlaceholders.value(QStringLiteral("GH_TOKEN"));
    QVERIFY2(re.match(ph).hasMatch(), qPrintable(ph));
    QVERIFY(plan.spec.privateFileContents.contains("\nGH_TOKEN=" + ph.toUtf8() + '\n'));
    QVERIFY(plan.spec.privateFileContents.contains(
        "\nANTHROPIC_API_KEY=" +
        plan.secretPlaceholders.value(QStringLiteral("ANTHROPIC_API_KEY")).toUtf8() + '\n'));
    for (const QString &arg : a)
        QVERIFY2(!arg.contains(QStringLiteral("ocs-secret-")), qPrintable(arg));
    // A new placeholder at every start.
    QVERIFY(makePlan(c).secretPlaceholders.value(QStringLiteral("GH_TOKEN")) != ph);
}

void TestRunPlan::noInjectedSecretsNoTmpfs()
{
    const RunPlan plan = makePlan(fullConfig());
    QVERIFY(plan.ok());
    QVERIFY(plan.secretPlaceholders.isEmpty());
    for (const QString &arg : plan.spec.arguments) {
        QVERIFY2(!arg.startsWith(QStringLiteral("/run/ocs-secrets")), qPrintable(arg));
        QVERIFY2(!arg.startsWith(QStringLiteral("OCS_INJECT")), qPrintable(arg));
    }
}

void TestRunPlan::injectedSecretForGitOverHttps()
{
    ProjectConfig c = fullConfig();
    c.injectedSecrets = {{QStringLiteral("GH_TOKEN"),
                          {QStringLiteral("api.github.com")},
                          QStringLiteral("Authorization"),
                          QStringLiteral("Bearer {}"),
                          QStringLiteral("github"),
                          {QStringLiteral("github.com")}}};
    const RunPlan plan = makePlan(c);
    QVERIFY2(plan.ok(), qPrintable(plan.error));
    const QStringList a = plan.spec.arguments;
    QVERIFY(a.contains(QStringLiteral("OCS_INJECT_HOSTS=api.github.com,github.com")));
    QVERIFY(a.contains(QStringLiteral("OCS_INJECT_GIT=github.com=GH_TOKEN")));
    // Two rules: the API's bearer header, and git's basic auth on github.com.
    const QString ph = plan.secretPlaceholders.value(QStringLiteral("GH_TOKEN"));
    const QList<secretdelivery::Rule> rules = secretdelivery::rules(
        c.injectedSecrets, plan.secretPlaceholders, {{QStringLiteral("GH_TOKEN"), "ghp_value"}});
    QCOMPARE(rules.size(), 2);
    QCOMPARE(rules[0].match, "Bearer " + ph.toUtf8());
    QCOMPARE(rules[0].replacement, QByteArray("Bearer ghp_value"));
    QCOMPARE(rules[1].hosts, QStringList{QStringLiteral("github.com")});
    QCOMPARE(rules[1].header, QStringLiteral("Authorization"));
    QCOMPARE(rules[1].match, "Basic " + ("x-access-token:" + ph.toUtf8()).toBase64());
    QCOMPARE(rules[1].replacement, "Basic " + QByteArray("x-access-token:ghp_value").toBase64());
    // No value: no rule (the placeholder goes out unchanged).
    QVERIFY(secretdelivery::rules(c.injectedSecrets, plan.secretPlaceholders, {}).isEmpty());
}

QTEST_GUILESS_MAIN(TestRunPlan)
#include "tst_runplan.moc"
