// "Save diagnostics…" (ocs::Diagnostics): what the file holds, its 0600 mode, and that
// planted secrets (a password, env values of the config and of the host, a proxy password
// in the engine's info, a session cookie) never reach it, also not through the app log of a
// real run plan logged at debug level.
#include "app/applog.h"
#include "app/diagnostics.h"
#include "engine/containerengine.h"
#include "fakeprocesslauncher.h"
#include "logging.h"
#include "project/project.h"
#include "sandbox/runplan.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace ocs;
using ocs::test::FakeProcessLauncher;

namespace {

const QString Password = QStringLiteral("planted-password-7f3a9c");
const QString ConfigSecret = QStringLiteral("planted-config-env-81b2");
const QString HostSecret = QStringLiteral("planted-host-env-55d0");
const QString ProxySecret = QStringLiteral("planted-proxy-pass-c4e1");
const QString CookieSecret = QStringLiteral("planted-cookie-9a0b");

} // namespace

class TestDiagnostics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void reportHasTheFactsAndNoSecrets();
    void withoutEngine();
    void infoIsReducedToAnAllowlist();
    void urlCredentialsAreCut();

private:
    QString collect(const Diagnostics::Input &input);

    QTemporaryDir m_tmp;
    FakeProcessLauncher *m_fake = nullptr;
};

void TestDiagnostics::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    qputenv("OCS_STATE_ROOT", QFile::encodeName(m_tmp.filePath(QStringLiteral("state"))));
    qputenv("OCS_LOG_DIR", QFile::encodeName(m_tmp.filePath(QStringLiteral("log"))));
    qputenv("HOST_SECRET_TOKEN", HostSecret.toUtf8());
    QLoggingCategory::setFilterRules(QStringLiteral("ocs.*.debug=true"));
    QVERIFY(AppLog::install());
    m_fake = FakeProcessLauncher::install();
}

void TestDiagnostics::cleanupTestCase()
{
    FakeProcessLauncher::uninstall();
    AppLog::uninstall();
}

QString TestDiagnostics::collect(const Diagnostics::Input &input)
{
    Diagnostics diagnostics;
    QString report;
    bool done = false;
    diagnostics.collect(input, [&](const QString &r) {
        report = r;
        done = true;
    });
    [&] {
        QTRY_VERIFY(done);
    }();
    return report;
}

void TestDiagnostics::reportHasTheFactsAndNoSecrets()
{
    // A project whose sandbox gets secrets: the server password, an env value of its config,
    // an env-passthrough value of the host.
    const QString root = m_tmp.filePath(QStringLiteral("proj"));
    QVERIFY(QDir().mkpath(root));
    ProjectConfig config;
    config.sandboxName = QStringLiteral("demo");
    config.env = {{QStringLiteral("DB_PASSWORD"), ConfigSecret}};
    config.envPassthrough = {{QStringLiteral("TOKEN"), QStringLiteral("HOST_SECRET_TOKEN")}};
    const Project project(root, config);
    const ContainerEngine engine(ContainerEngine::Kind::Docker, QStringLiteral("/usr/bin/docker"));
    RunInputs in;
    in.port = 4123;
    in.password = Password;
    in.hostEnvironment = {{QStringLiteral("HOST_SECRET_TOKEN"), HostSecret}};
    const RunPlan plan = RunPlanner::plan(engine, project, in);
    QVERIFY2(plan.ok(), qPrintable(plan.error));
    // What process.cpp logs for every command it runs, at debug level (on here).
    qCDebug(lcProcess) << "run:" << plan.spec.displayCommand();
    qCWarning(lcSandbox) << project.sandboxId() << "Not started: the health check failed";

    m_fake->reply({QStringLiteral("version")}, 0,
                  R"({"Client":{"Version":"27.5.1","ApiVersion":"1.47","Os":"linux"},)"
                  R"("Server":{"Version":"27.5.1","ApiVersion":"1.47","Os":"linux"}})");
    m_fake->reply(
        {QStringLiteral("info")}, 0,
        QStringLiteral(R"({"ServerVersion":"27.5.1","OperatingSystem":"Debian GNU/Linux 12",)"
                       R"("Driver":"overlay2","CgroupVersion":"2","NCPU":2,)"
                       R"("HttpProxy":"http://alice:%1@proxy.example:3128",)"
                       R"("Labels":["session=%2"],)"
                       R"("RegistryConfig":{"Mirrors":["https://bob:%1@mirror.example/"]}})")
            .arg(ProxySecret, CookieSecret)
            .toUtf8());

    Diagnostics::Input input;
    input.appName = QStringLiteral("OpenCode Sandbox");
    input.appVersion = QStringLiteral("9.9.9");
    input.engine = engine;
    input.engineStatus = QStringLiteral("ready: Docker 27.5.1");
    Diagnostics::Sandbox s;
    s.name = QStringLiteral("demo");
    s.root = root;
    s.sandboxId = project.sandboxId();
    s.state = QStringLiteral("Error");
    s.containerState = QStringLiteral("exited");
    s.port = 4123;
    s.lastError = QStringLiteral("Not started: the health check failed");
    input.sandboxes << s;
    const QString report = collect(input);

    // The facts.
    QVERIFY2(report.contains(QStringLiteral("OpenCode Sandbox 9.9.9")), qPrintable(report));
    QVERIFY(report.contains(QStringLiteral("Qt ") + QString::fromLatin1(qVersion())));
    QVERIFY(report.contains(QStringLiteral("kind: Docker (/usr/bin/docker)")));
    QVERIFY(report.contains(QStringLiteral("server: 27.5.1")));
    QVERIFY(report.contains(QStringLiteral("operating system: Debian GNU/Linux 12")));
    QVERIFY(report.contains(QStringLiteral("storage driver: overlay2")));
    QVERIFY(report.contains(project.sandboxId()));
    QVERIFY(report.contains(QStringLiteral("state: Error; container: exited; port 4123")));
    QVERIFY(report.contains(QStringLiteral("last error: Not started: the health check failed")));
    // The app log's tail, with the debug line of the run command.
    QVERIFY(report.contains(QStringLiteral("ocs.process debug: run:")));
    QVERIFY(report.contains(QStringLiteral("--env-file")));
    // The engine was asked for JSON, nothing else.
    QCOMPARE(
        m_fake->argumentLists(),
        QList<QStringList>(
            {{QStringLiteral("version"), QStringLiteral("--format"), QStringLiteral("{{json .}}")},
             {QStringLiteral("info"), QStringLiteral("--format"), QStringLiteral("{{json .}}")}}));

    // No secret.
    for (const QString &secret : {Password, ConfigSecret, HostSecret, ProxySecret, CookieSecret})
        QVERIFY2(!report.contains(secret), qPrintable(secret));
    // Nor in the log file itself.
    const QString logText = AppLog::instance()->tail(1 << 20);
    QVERIFY(logText.contains(QStringLiteral("run:")));
    for (const QString &secret : {Password, ConfigSecret, HostSecret})
        QVERIFY2(!logText.contains(secret), qPrintable(secret));

    // One file, owner-only, also when it replaces a readable one.
    const QString path = m_tmp.filePath(QStringLiteral("diagnostics.txt"));
    QFile old(path);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old");
    old.close();
    QVERIFY(old.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                               QFileDevice::ReadGroup | QFileDevice::ReadOther));
    QString error;
    QVERIFY2(Diagnostics::write(path, report, &error), qPrintable(error));
    struct stat st
    {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 07777), 0600);
    QFile written(path);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(written.readAll()), report);
}

void TestDiagnostics::withoutEngine()
{
    Diagnostics::Input input;
    input.appName = QStringLiteral("OpenCode Sandbox");
    input.appVersion = QStringLiteral("1.0");
    input.engineStatus = QStringLiteral("unavailable: Docker is not running");
    input.logTail = QStringLiteral("a log line\n");
    const QString report = collect(input);
    QVERIFY(
        report.contains(QStringLiteral("  none\n  status: unavailable: Docker is not running")));
    QVERIFY(report.contains(QStringLiteral("== sandboxes (0)")));
    QVERIFY(report.endsWith(QStringLiteral("a log line\n")));
}

void TestDiagnostics::infoIsReducedToAnAllowlist()
{
    // Podman's shape.
    const QString podman = Diagnostics::summarizeInfo(
        R"({"host":{"arch":"amd64","kernel":"6.1.0","security":{"rootless":true},)"
        R"("distribution":{"distribution":"debian","version":"12"},"cgroupVersion":"v2"},)"
        R"("store":{"graphDriverName":"overlay"},"version":{"Version":"4.3.1"},)"
        R"("registries":{"search":["docker.io"]},"plugins":{"secret":"x"}})");
    QVERIFY2(podman.contains(QStringLiteral("podman version: 4.3.1")), qPrintable(podman));
    QVERIFY(podman.contains(QStringLiteral("rootless: true")));
    QVERIFY(podman.contains(QStringLiteral("host OS: debian")));
    QVERIFY(podman.contains(QStringLiteral("storage driver: overlay")));
    QVERIFY(!podman.contains(QStringLiteral("docker.io")));
    QVERIFY(!podman.contains(QStringLiteral("secret")));
    QCOMPARE(Diagnostics::summarizeInfo("not json"), QStringLiteral("  (no answer)\n"));
}

void TestDiagnostics::urlCredentialsAreCut()
{
    QCOMPARE(Diagnostics::redactUrlCredentials(
                 QStringLiteral("proxy http://u:p@host:3128/ and https://tok@x.example/a")),
             QStringLiteral("proxy http://[credentials removed]@host:3128/ and "
                            "https://[credentials removed]@x.example/a"));
    QCOMPARE(Diagnostics::redactUrlCredentials(QStringLiteral("mail me: a@b.example")),
             QStringLiteral("mail me: a@b.example"));
}

QTEST_GUILESS_MAIN(TestDiagnostics)
#include "tst_diagnostics.moc"
