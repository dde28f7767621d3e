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
    void fromName_data();
    void fromName();

    void forcedByOcsEngine_data();
    void forcedByOcsEngine();
    void preferenceWithoutOcsEngine();

    void outcome_data();
    void outcome();

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

    QTest::newRow("not installed")
        << QStringLiteral("/nonexistent/docker")
        << FakeProcessLauncher::failedToStart(QStringLiteral("execvp: No such file or directory"))
        << int(Status::NotInstalled)
        << QStringList{QStringLiteral("not installed"), QStringLiteral("/nonexistent/docker"),
                       QStringLiteral("OCS_ENGINE")};
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
                       QStringLiteral("docker` group"), QStringLiteral("usermod -aG docker")};
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
                       QStringLiteral("systemctl start docker"), QStringLiteral("colima start")};
    QTest::newRow("podman not running")
        << QStringLiteral("/usr/bin/podman")
        << FakeProcessLauncher::finished(
               125, {},
               "Error: unable to connect to Podman socket: Get "
               "\"http://d/v4.3.1/libpod/_ping\": dial unix "
               "/run/user/1000/podman/podman.sock: connect: no such file\n")
        << int(Status::NotRunning)
        << QStringList{QStringLiteral("Podman is installed but not reachable"),
                       QStringLiteral("podman machine start")};
    QTest::newRow("docker answers without server")
        << QStringLiteral("/usr/bin/docker") << FakeProcessLauncher::finished(0, ClientOnlyJson)
        << int(Status::NotRunning) << QStringList{QStringLiteral("not reachable")};
    QTest::newRow("timed out") << QStringLiteral("/usr/bin/docker")
                               << FakeProcessLauncher::timedOut() << int(Status::TimedOut)
                               << QStringList{QStringLiteral("did not answer within 20 seconds"),
                                              QStringLiteral("stuck")};
    QTest::newRow("ready") << QStringLiteral("/usr/bin/docker")
                           << FakeProcessLauncher::finished(0, DockerVersionJson)
                           << int(Status::Ready) << QStringList();
    QTest::newRow("podman ready (no Server part)")
        << QStringLiteral("/usr/bin/podman") << FakeProcessLauncher::finished(0, PodmanVersionJson)
        << int(Status::Ready) << QStringList();
}

void TestContainerEngine::outcome()
{
    QFETCH(QString, engine);
    QFETCH(ProcessResult, result);
    QFETCH(int, status);
    QFETCH(QStringList, messageWords);
    m_env.set("OCS_ENGINE", engine);
    m_fake->reply({QStringLiteral("version")}, result);

    const auto o = locate(QString());
    QVERIFY(o);
    QCOMPARE(int(o->status), status);
    QCOMPARE(o->ready(), status == int(Status::Ready));
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

QTEST_GUILESS_MAIN(TestContainerEngine)
#include "tst_containerengine.moc"
