// SandboxVerifier: the command that runs the probe script in the sandbox, and how its
// report (PASS/FAIL lines, exit status, engine errors) is read. The engine is faked.

#include "fakeprocesslauncher.h"
#include "sandbox/sandboxverifier.h"

#include <QtTest>

using namespace ocs;
using namespace ocs::test;

namespace {
const QString Container = QStringLiteral("opencode-sandbox-demo-abc123");

// Trimmed from a real run of docker/ocs-verify.
const QByteArray GoodReport =
    "PASS firewall-v4 policies DROP (INPUT, FORWARD, OUTPUT), 18 rules, unchanged since start "
    "(iptables)\n"
    "PASS firewall-v6 policies DROP (INPUT, FORWARD, OUTPUT), 17 rules, unchanged since start "
    "(ip6tables)\n"
    "PASS listeners ocs-gate (uid 999) on :4096, OpenCode (dev) on 127.0.0.1:4097 only\n"
    "PASS dev-dns no DNS answer over UDP or TCP from 127.0.0.11:53\n"
    "PASS dev-protected-files read-only: mise.toml opencode.jsonc .git/config .git/hooks\n";
} // namespace

class TestSandboxVerifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { FakeProcessLauncher::uninstall(); }

    void commandRunsTheScriptAsRoot();
    void allPassed();
    void failuresAreReported();
    void reportLinesAlignTheIds();
    void noisyLinesAreIgnored();
    void failingExitWithoutFailedProbe();
    void errors_data();
    void errors();
    void runIsAsynchronous();
    void timeoutFromEnvironment();
};

void TestSandboxVerifier::commandRunsTheScriptAsRoot()
{
    const ContainerEngine docker(ContainerEngine::Kind::Docker, QStringLiteral("/usr/bin/docker"));
    const ProcessSpec spec = SandboxVerifier::command(docker, Container, std::chrono::seconds(42));
    QCOMPARE(spec.program, QStringLiteral("/usr/bin/docker"));
    QCOMPARE(spec.arguments,
             (QStringList{QStringLiteral("exec"), QStringLiteral("--user"), QStringLiteral("root"),
                          Container, QStringLiteral("/usr/local/lib/ocs/ocs-verify")}));
    QCOMPARE(spec.timeout, std::chrono::milliseconds(42000));
    // The script is the image's own, root-owned: nothing of the workspace is run.
    QVERIFY(SandboxVerifier::ScriptPath.startsWith(QStringLiteral("/usr/local/lib/ocs/")));
}

void TestSandboxVerifier::allPassed()
{
    const auto r = SandboxVerifier::parse(FakeProcessLauncher::finished(0, GoodReport), Container);
    QVERIFY(r.error.isEmpty());
    QCOMPARE(r.probes.size(), 5);
    QVERIFY(r.allPassed());
    QCOMPARE(r.passedCount(), 5);
    QCOMPARE(r.failedCount(), 0);
    QCOMPARE(r.probes.first().id, QStringLiteral("firewall-v4"));
    QCOMPARE(
        r.probes.first().reason,
        QStringLiteral(
            "policies DROP (INPUT, FORWARD, OUTPUT), 18 rules, unchanged since start (iptables)"));
    QCOMPARE(r.probes.last().id, QStringLiteral("dev-protected-files"));
}

void TestSandboxVerifier::failuresAreReported()
{
    const QByteArray out =
        GoodReport +
        "FAIL dev-password the server password is readable by dev: variable in readable "
        "/proc/7/environ\n" +
        "FAIL dev-state-dir /home/dev/.local/share/opencode has mode 755 (must be 0700)\n";
    const auto r = SandboxVerifier::parse(FakeProcessLauncher::finished(1, out), Container);
    QVERIFY(r.error.isEmpty());
    QCOMPARE(r.probes.size(), 7);
    QCOMPARE(r.failedCount(), 2);
    QVERIFY(!r.allPassed());
    QCOMPARE(r.probes.at(5).id, QStringLiteral("dev-password"));
    QVERIFY(!r.probes.at(5).passed);
    QVERIFY(r.probes.at(5).reason.contains(QStringLiteral("/proc/7/environ")));
}

void TestSandboxVerifier::noisyLinesAreIgnored()
{
    // CRLF, blank lines, anything not starting with PASS/FAIL and a probe without reason.
    const QByteArray out = "Verifying...\r\nPASS a first\r\n\r\npassing words\nFAILED x\nPASS b\n";
    const auto r = SandboxVerifier::parse(FakeProcessLauncher::finished(0, out), Container);
    QCOMPARE(r.probes.size(), 2);
    QCOMPARE(r.probes.at(0).reason, QStringLiteral("first"));
    QCOMPARE(r.probes.at(1).id, QStringLiteral("b"));
    QCOMPARE(r.probes.at(1).reason, QString());
    QVERIFY(r.allPassed());
}

void TestSandboxVerifier::failingExitWithoutFailedProbe()
{
    // The script died half-way: what it said passed, but the run does not.
    const auto r = SandboxVerifier::parse(
        FakeProcessLauncher::finished(2, "PASS a fine\n", "ocs-verify: boom"), Container);
    QVERIFY(r.error.isEmpty());
    QCOMPARE(r.probes.size(), 2);
    QVERIFY(!r.allPassed());
    QCOMPARE(r.probes.last().id, QStringLiteral("verify"));
    QVERIFY(r.probes.last().reason.contains(QStringLiteral("status 2")));
    QVERIFY(r.probes.last().reason.contains(QStringLiteral("boom")));
}

void TestSandboxVerifier::errors_data()
{
    QTest::addColumn<ProcessResult>("result");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not running") << FakeProcessLauncher::finished(
                                        1, {},
                                        "Error response from daemon: Container 0123 is not running")
                                 << QStringLiteral("is not running");
    QTest::newRow("no container") << FakeProcessLauncher::finished(
                                         1, {},
                                         "Error: No such container: opencode-sandbox-demo-abc123")
                                  << QStringLiteral("is not running");
    QTest::newRow("old image")
        << FakeProcessLauncher::finished(
               126, {},
               "OCI runtime exec failed: exec failed: unable to start container "
               "process: exec: \"/usr/local/lib/ocs/ocs-verify\": stat "
               "/usr/local/lib/ocs/ocs-verify: no such file or directory: unknown")
        << QStringLiteral("ocs rebuild");
    QTest::newRow("script refuses")
        << FakeProcessLauncher::finished(2, {}, "ocs-verify: the sandbox is not ready")
        << QStringLiteral("not ready");
    QTest::newRow("timeout") << FakeProcessLauncher::timedOut()
                             << QStringLiteral("did not finish in time");
    QTest::newRow("no engine") << FakeProcessLauncher::failedToStart(QStringLiteral("No such file"))
                               << QStringLiteral("could not be started");
}

void TestSandboxVerifier::errors()
{
    QFETCH(ProcessResult, result);
    QFETCH(QString, expected);
    const auto r = SandboxVerifier::parse(result, Container);
    QVERIFY2(r.error.contains(expected), qPrintable(r.error));
    QVERIFY(r.probes.isEmpty());
    QVERIFY(!r.allPassed());
}

void TestSandboxVerifier::runIsAsynchronous()
{
    auto *fake = FakeProcessLauncher::install();
    fake->reply({QStringLiteral("exec")}, 0, GoodReport);
    SandboxVerifier v(
        ContainerEngine(ContainerEngine::Kind::Podman, QStringLiteral("/usr/bin/podman")),
        Container);
    bool called = false;
    SandboxVerifier::Result got;
    v.run([&](const SandboxVerifier::Result &r) {
        called = true;
        got = r;
    });
    QVERIFY(!called); // never synchronously
    QTRY_VERIFY(called);
    QVERIFY(got.allPassed());
    QCOMPARE(fake->calls().size(), 1);
    QCOMPARE(fake->calls().first().program, QStringLiteral("/usr/bin/podman"));
    QCOMPARE(fake->calls().first().arguments.value(3), Container);
    QVERIFY(fake->calls().first().timeout > std::chrono::seconds(0));
}

void TestSandboxVerifier::timeoutFromEnvironment()
{
    qputenv("OCS_VERIFY_TIMEOUT", "7");
    QCOMPARE(SandboxVerifier::defaultTimeout(), std::chrono::milliseconds(7000));
    qputenv("OCS_VERIFY_TIMEOUT", "nonsense");
    QCOMPARE(SandboxVerifier::defaultTimeout(), std::chrono::milliseconds(120000));
    qunsetenv("OCS_VERIFY_TIMEOUT");
}

void TestSandboxVerifier::reportLinesAlignTheIds()
{
    SandboxVerifier::Result r;
    r.probes = {{QStringLiteral("dns"), true, QStringLiteral("no resolver")},
                {QStringLiteral("firewall-v4"), false, QStringLiteral("OUTPUT policy ACCEPT")}};
    // One format for `ocs verify` and the tray's report: the status, the id padded to the
    // longest (at least 8), the reason.
    QCOMPARE(r.reportLines(),
             (QStringList{QStringLiteral("PASS  dns          no resolver"),
                          QStringLiteral("FAIL  firewall-v4  OUTPUT policy ACCEPT")}));
    QVERIFY(SandboxVerifier::Result().reportLines().isEmpty());
}

QTEST_GUILESS_MAIN(TestSandboxVerifier)
#include "tst_sandboxverifier.moc"
