// EngineLocator: which engine is used (OCS_ENGINE, preference, PATH) and the plain-language
// diagnosis when it cannot be used. The engine CLI is faked at the process boundary.

#include "engine/containerengine.h"
#include "fakeprocesslauncher.h"
#include "testhelpers.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace ocs;
using namespace ocs::test;
using Status = EngineLocator::Outcome::Status;

namespace {
const QByteArray DockerVersionJson =
    R"({"Client":{"Platform":{"Name":"Docker Engine - Community"},"Version":"24.0.5","ApiVersion":"1.43"},)"
    R"("Server":{"Platform":{"Name":"Docker Engine - Community"},"Version":"24.0.7","ApiVersion":"1.43"}})";
const QByteArray ClientOnlyJson =
    R"({"Client":{"Version":"24.0.5","ApiVersion":"1.43"},"Server":null})";
const QByteArray PodmanVersionJson =
    R"({"Client":{"APIVersion":"4.3.1","Version":"4.3.1","GoVersion":"go1.19.8"}})";
} // namespace

class TestContainerEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void command();
    void logsArguments();
    void fromName_data();
    void fromName();

    void forcedByOcsEngine_data();
    void forcedByOcsEngine();
    void preferenceWithoutOcsEngine();

    void outcome_data();
    void outcome();

    void classify_data();
    void classify();
    void failure_keepsTheEnginesWords();

    void autoDetect_firstWorkingWins();
    void autoDetect_reportsFirstRealProblem();
    void autoDetect_notInstalledButLaterNotRunning();
    void autoDetect_nothingInstalled();

private:
    std::optional<EngineLocator::Outcome> locate(const QString &preference);

    QTemporaryDir m_tmp;
    EnvGuard m_env;
    FakeProcessLauncher *m_fake = nullptr;
    QString m_bin; // a PATH with fake docker and podman executables
};

void TestContainerEngine::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_bin = canonical(m_tmp.path()) + QStringLiteral("/bin");
    const auto exe = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
    QVERIFY(writeFile(m_bin + QStringLiteral("/docker"), "#!/bin/sh\nexit 99\n", exe));
    QVERIFY(writeFile(m_bin + QStringLiteral("/podman"), "#!/bin/sh\nexit 99\n", exe));
    QVERIFY(QDir().mkpath(m_tmp.filePath(QStringLiteral("empty-bin"))));
}

void TestContainerEngine::init()
{
    m_env.unset("OCS_ENGINE");
    m_fake = FakeProcessLauncher::install();
}

void TestContainerEngine::cleanup()
{
    FakeProcessLauncher::uninstall();
    m_fake = nullptr;
    m_env.restore();
}

std::optional<EngineLocator::Outcome> TestContainerEngine::locate(const QString &preference)
{
    EngineLocator locator;
    std::optional<EngineLocator::Outcome> result;
    int calls = 0;
    locator.locate(preference, [&](const EngineLocator::Outcome &o) {
        ++calls;
        result = o;
    });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 5000))
        return std::nullopt;
    QTest::qWait(20); // a second callback would be a bug
    if (calls != 1)
        return std::nullopt;
    return result;
}

void TestContainerEngine::command()
{
    const ContainerEngine e(ContainerEngine::Kind::Podman, QStringLiteral("/opt/podman"));
    const ProcessSpec s =
        e.command({QStringLiteral("ps"), QStringLiteral("--all")}, std::chrono::seconds(7));
    QCOMPARE(s.program, QStringLiteral("/opt/podman"));
    QCOMPARE(s.arguments, (QStringList{QStringLiteral("ps"), QStringLiteral("--all")}));
    QCOMPARE(s.timeout, std::chrono::milliseconds(7000));
    QVERIFY(s.environment.isEmpty()); // inherits DOCKER_HOST and friends
    QCOMPARE(e.displayName(), QStringLiteral("Podman"));
    QCOMPARE(ContainerEngine(ContainerEngine::Kind::Docker, QStringLiteral("docker")).displayName(),
             QStringLiteral("Docker"));
    // The --add-host value for the host: Docker's magic word; Podman adds its own name.
    QCOMPARE(e.hostGatewayValue(), QString());
    QCOMPARE(
        ContainerEngine(ContainerEngine::Kind::Docker, QStringLiteral("docker")).hostGatewayValue(),
        QStringLiteral("host-gateway"));
}

void TestContainerEngine::fromName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("some");
    QTest::addColumn<bool>("podman");
    QTest::addColumn<QString>("program");
    QTest::newRow("empty") << QString() << false << false << QString();
    QTest::newRow("auto") << QStringLiteral("auto") << false << false << QString();
    QTest::newRow("path docker") << QStringLiteral("/opt/x/docker") << true << false
                                 << QStringLiteral("/opt/x/docker");
    QTest::newRow("path podman-remote") << QStringLiteral("/opt/x/podman-remote") << true << true
                                        << QStringLiteral("/opt/x/podman-remote");
    QTest::newRow("name not on PATH") << QStringLiteral("nerdctl-not-installed") << true << false
                                      << QStringLiteral("nerdctl-not-installed");
}

void TestContainerEngine::fromName()
{
    QFETCH(QString, name);
    QFETCH(bool, some);
    QFETCH(bool, podman);
    QFETCH(QString, program);
    const auto e = EngineLocator::fromName(name);
    QCOMPARE(e.has_value(), some);
    if (!e)
        return;
    QCOMPARE(e->kind() == ContainerEngine::Kind::Podman, podman);
    QCOMPARE(e->program(), program);
}

void TestContainerEngine::forcedByOcsEngine_data()
{
    QTest::addColumn<QString>("ocsEngine");
    QTest::addColumn<QString>("preference");
    QTest::addColumn<QString>("program");
    QTest::addColumn<bool>("podman");
    QTest::newRow("podman by name") << QStringLiteral("podman") << QStringLiteral("docker")
                                    << QStringLiteral("BIN/podman") << true;
    QTest::newRow("docker by name") << QStringLiteral("docker") << QStringLiteral("podman")
                                    << QStringLiteral("BIN/docker") << false;
    QTest::newRow("a path") << QStringLiteral("/usr/local/bin/my-docker") << QString()
                            << QStringLiteral("/usr/local/bin/my-docker") << false;
    QTest::newRow("a podman path")
        << QStringLiteral("/usr/local/bin/podman") << QStringLiteral("docker")
        << QStringLiteral("/usr/local/bin/podman") << true;
}

void TestContainerEngine::forcedByOcsEngine()
{
    QFETCH(QString, ocsEngine);
    QFETCH(QString, preference);
    QFETCH(QString, program);
    QFETCH(bool, podman);
    program.replace(QStringLiteral("BIN"), m_bin);
    m_env.set("PATH", m_bin);
    m_env.set("OCS_ENGINE", ocsEngine);
    m_fake->reply({QStringLiteral("version")}, 0, podman ? PodmanVersionJson : DockerVersionJson);

    const auto o = locate(preference);
    QVERIFY(o);
    QCOMPARE(o->status, Status::Ready);
    QVERIFY(o->ready());
    QVERIFY(o->engine);
    QCOMPARE(o->engine->program(), program);
    QCOMPARE(o->engine->kind() == ContainerEngine::Kind::Podman, podman);
    QCOMPARE(o->serverVersion, podman ? QStringLiteral("4.3.1") : QStringLiteral("24.0.7"));
    // Exactly one probe, of the forced engine.
    QCOMPARE(m_fake->calls().size(), 1);
    QCOMPARE(m_fake->calls().first().program, program);
    QCOMPARE(m_fake->calls().first().arguments,
             (QStringList{QStringLiteral("version"), QStringLiteral("--format"),
                          QStringLiteral("{{json .}}")}));
    QCOMPARE(m_fake->calls().first().timeout, std::chrono::milliseconds(20000));
}

void TestContainerEngine::preferenceWithoutOcsEngine()
{
    m_env.set("PATH", m_bin);
    m_fake->reply({QStringLiteral("version")}, 0, PodmanVersionJson);
    const auto o = locate(QStringLiteral("podman"));
    QVERIFY(o);
    QCOMPARE(o->status, Status::Ready);
    QCOMPARE(o->engine->program(), m_bin + QStringLiteral("/podman"));
    QCOMPARE(m_fake->calls().size(), 1);
}

void TestContainerEngine::outcome_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<ProcessResult>("result");
    QTest::addColumn<int>("status");
    QTest::addColumn<QStringList>("messageWords");
    QTest::addColumn<Error::Kind>("errorKind");

    QTest::newRow("not installed")
        << QStringLiteral("/nonexistent/docker")
        << FakeProcessLauncher::failedToStart(QStringLiteral("execvp: No such file or directory"))
        << int(Status::NotInstalled)
        << QStringList{QStringLiteral("not installed"), QStringLiteral("/nonexistent/docker"),
                       QStringLiteral("OCS_ENGINE")}
        << Error::Kind::EngineMissing;
    QTest::newRow("not running, permission denied")
        << QStringLiteral("/usr/bin/docker")
        << FakeProcessLauncher::finished(
               1, R"({"Client":{"Version":"24.0.5"}})",
               "permission denied while trying to connect to the Docker daemon socket at "
               "unix:///var/run/docker.sock: Get "
               "\"http://%2Fvar%2Frun%2Fdocker.sock/v1.24/version\": "
               "dial unix /var/run/docker.sock: connect: permission denied\n")
        << int(Status::NotRunning)
        << QStringList{QStringLiteral("not reachable"), QStringLiteral("permission denied"),
                       QStringLiteral("docker` group"), QStringLiteral("usermod -aG docker")}
        << Error::Kind::PermissionDenied;
    QTest::newRow("not running, daemon down")
        << QStringLiteral("/usr/bin/docker")
        << FakeProcessLauncher::finished(
               1, {},
               "Cannot connect to the Docker daemon at "
               "unix:///var/run/docker.sock. Is the docker daemon running?\n"
               "second line\n")
        << int(Status::NotRunning)
        << QStringList{QStringLiteral("Docker is installed but not reachable"),
                       QStringLiteral("Is the docker daemon running?"),
                       QStringLiteral("systemctl start docker"), QStringLiteral("colima start")}
        << Error::Kind::EngineNotRunning;
    QTest::newRow("podman not running")
        << QStringLiteral("/usr/bin/podman")
        << FakeProcessLauncher::finished(
               125, {},
               "Error: unable to connect to Podman socket: Get "
               "\"http://d/v4.3.1/libpod/_ping\": dial unix "
               "/run/user/1000/podman/podman.sock: connect: no such file\n")
        << int(Status::NotRunning)
        << QStringList{QStringLiteral("Podman is installed but not reachable"),
                       QStringLiteral("podman machine start")}
        << Error::Kind::EngineNotRunning;
    QTest::newRow("docker answers without server")
        << QStringLiteral("/usr/bin/docker") << FakeProcessLauncher::finished(0, ClientOnlyJson)
        << int(Status::NotRunning) << QStringList{QStringLiteral("not reachable")}
        << Error::Kind::EngineNotRunning;
    QTest::newRow("timed out") << QStringLiteral("/usr/bin/docker")
                               << FakeProcessLauncher::timedOut() << int(Status::TimedOut)
                               << QStringList{QStringLiteral("did not answer within 20 seconds"),
                                              QStringLiteral("stuck")}
                               << Error::Kind::EngineNotRunning;
    QTest::newRow("ready") << QStringLiteral("/usr/bin/docker")
                           << FakeProcessLauncher::finished(0, DockerVersionJson)
                           << int(Status::Ready) << QStringList() << Error::Kind::None;
    QTest::newRow("podman ready (no Server part)")
        << QStringLiteral("/usr/bin/podman") << FakeProcessLauncher::finished(0, PodmanVersionJson)
        << int(Status::Ready) << QStringList() << Error::Kind::None;
}

void TestContainerEngine::outcome()
{
    QFETCH(QString, engine);
    QFETCH(ProcessResult, result);
    QFETCH(int, status);
    QFETCH(QStringList, messageWords);
    QFETCH(Error::Kind, errorKind);
    m_env.set("OCS_ENGINE", engine);
    m_fake->reply({QStringLiteral("version")}, result);

    const auto o = locate(QString());
    QVERIFY(o);
    QCOMPARE(int(o->status), status);
    QCOMPARE(o->ready(), status == int(Status::Ready));
    QCOMPARE(o->error.kind, errorKind);
    QCOMPARE(o->error.message, o->message);
    for (const QString &w : messageWords)
        QVERIFY2(o->message.contains(w),
                 qPrintable(QStringLiteral("\"%1\" not in: %2").arg(w, o->message)));
    if (o->ready()) {
        QVERIFY(o->message.isEmpty());
        QVERIFY(!o->serverVersion.isEmpty());
    } else {
        // Only the first line of the engine's error is quoted.
        QVERIFY(!o->message.contains(QStringLiteral("second line")));
    }
    QVERIFY(o->engine);
    QCOMPARE(o->engine->program(), engine);
}

// Recorded from Docker 28 (client and daemon) and Podman 4.3.1 on Debian, run as root and as
// an unprivileged user; the Podman port message is rootless Podman's (rootlessport).
void TestContainerEngine::classify_data()
{
    QTest::addColumn<ProcessResult>("result");
    QTest::addColumn<Error::Kind>("kind");
    using K = Error::Kind;
    using F = FakeProcessLauncher;

    QTest::newRow("success") << F::finished(0, "running 4100\n") << K::None;
    QTest::newRow("not installed")
        << F::failedToStart(QStringLiteral("execvp: No such file or directory"))
        << K::EngineMissing;
    QTest::newRow("timed out") << F::timedOut() << K::Timeout;
    ProcessResult cancelled = F::finished(143);
    cancelled.status = ProcessResult::Status::Cancelled;
    QTest::newRow("cancelled") << cancelled << K::Cancelled;

    QTest::newRow("docker: daemon down")
        << F::finished(1, {},
                       "Cannot connect to the Docker daemon at unix:///tmp/ocs-nope.sock. Is the "
                       "docker daemon running?\n")
        << K::EngineNotRunning;
    QTest::newRow("docker: permission denied")
        << F::finished(1, {},
                       "WARNING: Error loading config file: open /root/.docker/config.json: "
                       "permission denied\n"
                       "permission denied while trying to connect to the Docker daemon socket at "
                       "unix:///var/run/docker.sock: Get "
                       "\"http://%2Fvar%2Frun%2Fdocker.sock/v1.50/version\": dial unix "
                       "/var/run/docker.sock: connect: permission denied\n")
        << K::PermissionDenied;
    QTest::newRow("docker: no such container (stop)")
        << F::finished(1, {},
                       "Error response from daemon: No such container: ocs-nonexistent-xyz\n")
        << K::ContainerGone;
    QTest::newRow("docker: port in use (run)")
        << F::finished(
               125, {},
               "docker: Error response from daemon: driver failed programming external "
               "connectivity on endpoint strange_tesla "
               "(48a2a63763ee804845317215563129ad749e24b9e7ad493229d69842797f789f): Error "
               "starting userland proxy: listen tcp4 127.0.0.1:47391: bind: address already in "
               "use\n\nRun 'docker run --help' for more information\n")
        << K::PortTaken;
    QTest::newRow("docker: port allocated (run)")
        << F::finished(125, {},
                       "docker: Error response from daemon: driver failed programming external "
                       "connectivity on endpoint opencode-sandbox-demo-123abc "
                       "(5b0a9c): Bind for 127.0.0.1:4100 failed: port is already allocated.\n")
        << K::PortTaken;
    QTest::newRow("docker: other failure")
        << F::finished(125, {},
                       "docker: Error response from daemon: failed to create task: "
                       "unique-engine-error-7781.\n")
        << K::Failed;

    const QByteArray cniWarning =
        "time=\"2026-12-03T16:03:12Z\" level=warning msg=\"Error validating CNI config file "
        "/etc/cni/net.d/87-podman-bridge.conflist: [failed to find plugin \\\"bridge\\\" in "
        "path [/usr/local/libexec/cni /usr/libexec/cni /usr/local/lib/cni /usr/lib/cni "
        "/opt/cni/bin]]\"\n";
    QTest::newRow("podman: no such container (stop)")
        << F::finished(125, {},
                       cniWarning + "Error: no container with name or ID \"ocs-nonexistent-xyz\" "
                                    "found: no such container\n")
        << K::ContainerGone;
    QTest::newRow("podman: no such container (inspect)")
        << F::finished(125, {}, "Error: inspecting object: no such container ocs-nonexistent-xyz\n")
        << K::ContainerGone;
    QTest::newRow("podman: not running")
        << F::finished(125, {},
                       "Cannot connect to Podman. Please verify your connection to the Linux "
                       "system using `podman system connection list`, or try `podman machine "
                       "init` and `podman machine start` to manage a new Linux VM\n"
                       "Error: unable to connect to Podman socket: Get "
                       "\"http://d/v4.3.1/libpod/_ping\": dial unix /tmp/ocs-nope.sock: connect: "
                       "no such file or directory\n")
        << K::EngineNotRunning;
    QTest::newRow("podman: permission denied")
        << F::finished(125, {},
                       "Cannot connect to Podman. Please verify your connection to the Linux "
                       "system using `podman system connection list`, or try `podman machine "
                       "init` and `podman machine start` to manage a new Linux VM\n"
                       "Error: unable to connect to Podman socket: Get "
                       "\"http://d/v4.3.1/libpod/_ping\": dial unix /tmp/ocs-perm.sock: connect: "
                       "permission denied\n")
        << K::PermissionDenied;
    QTest::newRow("podman: port in use (rootless)")
        << F::finished(126, {},
                       "Error: rootlessport listen tcp 127.0.0.1:4100: bind: address already in "
                       "use\n")
        << K::PortTaken;
    // A file the build cannot read is not the engine refusing us.
    QTest::newRow("build: a file's permission denied")
        << F::finished(1, {},
                       "cp: cannot open '/etc/ssl/private/key.pem' for reading: Permission "
                       "denied\n")
        << K::Failed;
}

void TestContainerEngine::classify()
{
    QFETCH(ProcessResult, result);
    QFETCH(Error::Kind, kind);
    QCOMPARE(ContainerEngine::classify(result), kind);
}

void TestContainerEngine::failure_keepsTheEnginesWords()
{
    const ProcessResult r = FakeProcessLauncher::finished(
        1, {}, "Error response from daemon: No such container: opencode-sandbox-x\n");
    const Error e = ContainerEngine::failure(r, QStringLiteral("Stopping opencode-sandbox-x"));
    QCOMPARE(e.kind, Error::Kind::ContainerGone);
    QCOMPARE(e.detail,
             QStringLiteral("Error response from daemon: No such container: opencode-sandbox-x"));
    QVERIFY2(
        e.message.startsWith(QStringLiteral("Stopping opencode-sandbox-x failed (exit code 1)")),
        qPrintable(e.message));
    QVERIFY(e.logPath.isEmpty());
    QVERIFY(
        !ContainerEngine::failure(FakeProcessLauncher::finished(0), QStringLiteral("x")).isError());
}

void TestContainerEngine::autoDetect_firstWorkingWins()
{
    m_env.set("PATH", m_bin);
    const QString docker = m_bin + QStringLiteral("/docker");
    m_fake->respond({QStringLiteral("version")}, [docker](const ProcessSpec &s) {
        if (s.program == docker)
            return FakeProcessLauncher::finished(1, {}, "Cannot connect to the Docker daemon\n");
        return FakeProcessLauncher::finished(0, PodmanVersionJson);
    });
    const auto o = locate(QString());
    QVERIFY(o);
    QCOMPARE(o->status, Status::Ready);
    QCOMPARE(o->engine->kind(), ContainerEngine::Kind::Podman);
    QCOMPARE(m_fake->calls().size(), 2);
    QCOMPARE(m_fake->calls().at(0).program, docker); // Docker is asked first
    QCOMPARE(m_fake->calls().at(1).program, m_bin + QStringLiteral("/podman"));
}

void TestContainerEngine::autoDetect_reportsFirstRealProblem()
{
    m_env.set("PATH", m_bin);
    const QString docker = m_bin + QStringLiteral("/docker");
    m_fake->respond({QStringLiteral("version")}, [docker](const ProcessSpec &s) {
        if (s.program == docker)
            return FakeProcessLauncher::finished(1, {}, "Cannot connect to the Docker daemon\n");
        return FakeProcessLauncher::failedToStart(QStringLiteral("No such file or directory"));
    });
    const auto o = locate(QString());
    QVERIFY(o);
    QCOMPARE(o->status, Status::NotRunning);
    QCOMPARE(o->engine->program(), docker);
    QVERIFY2(o->message.contains(QStringLiteral("systemctl start docker")), qPrintable(o->message));
}

void TestContainerEngine::autoDetect_notInstalledButLaterNotRunning()
{
    m_env.set("PATH", m_bin);
    const QString docker = m_bin + QStringLiteral("/docker");
    m_fake->respond({QStringLiteral("version")}, [docker](const ProcessSpec &s) {
        if (s.program == docker)
            return FakeProcessLauncher::failedToStart(QStringLiteral("Permission denied"));
        return FakeProcessLauncher::finished(125, {}, "Error: cannot connect to Podman\n");
    });
    const auto o = locate(QString());
    QVERIFY(o);
    // "Podman is not running" is more useful than "Docker is not installed".
    QCOMPARE(o->status, Status::NotRunning);
    QCOMPARE(o->engine->kind(), ContainerEngine::Kind::Podman);
    QVERIFY2(o->message.contains(QStringLiteral("podman machine start")), qPrintable(o->message));
}

void TestContainerEngine::autoDetect_nothingInstalled()
{
    m_env.set("PATH", m_tmp.filePath(QStringLiteral("empty-bin")));
    const auto o = locate(QStringLiteral("auto"));
    QVERIFY(o);
    QCOMPARE(o->status, Status::NotInstalled);
    QVERIFY(!o->engine);
    for (const char *w :
         {"No container engine found", "apt install docker.io", "podman", "OCS_ENGINE"})
        QVERIFY2(o->message.contains(QLatin1String(w)), qPrintable(o->message));
    QVERIFY(m_fake->calls().isEmpty());
}

void TestContainerEngine::logsArguments()
{
    const QString c = QStringLiteral("opencode-sandbox-x");
    QCOMPARE(ContainerEngine::logsArguments(c), (QStringList{QStringLiteral("logs"), c}));
    QCOMPARE(
        ContainerEngine::logsArguments(c, 25),
        (QStringList{QStringLiteral("logs"), QStringLiteral("--tail"), QStringLiteral("25"), c}));
    QCOMPARE(ContainerEngine::logsArguments(c, 2000, true),
             (QStringList{QStringLiteral("logs"), QStringLiteral("--follow"),
                          QStringLiteral("--tail"), QStringLiteral("2000"), c}));
    QCOMPARE(ContainerEngine::logsArguments(c, -1, true, QStringLiteral("0s")),
             (QStringList{QStringLiteral("logs"), QStringLiteral("--follow"),
                          QStringLiteral("--since"), QStringLiteral("0s"), c}));
}

QTEST_GUILESS_MAIN(TestContainerEngine)
#include "tst_containerengine.moc"
