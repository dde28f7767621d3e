// Root use (README "Running as root"): root is refused before the engine is asked anything.
#include "engine/containerengine.h"
#include "fakeprocesslauncher.h"
#include "project/project.h"
#include "sandbox/rootpolicy.h"
#include "sandbox/sandboxcontroller.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace ocs;
using ocs::test::FakeProcessLauncher;

class TestRootPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decision();
    void startAndRebuildAsRootRunNothing();
};

void TestRootPolicy::decision()
{
    const QString refusal = RootPolicy::refusal(0);
    QVERIFY(refusal.startsWith(QStringLiteral("Not started: OpenCode Sandbox does not run "
                                              "sandboxes as root.")));
    QVERIFY(refusal.contains(QStringLiteral("runuser -u USER -- ocs start")));
    QVERIFY(RootPolicy::refusal(1000).isEmpty());
    QVERIFY(RootPolicy::refusal(1).isEmpty());
    QVERIFY(RootPolicy::refusal(0, /*allowRootForTests=*/true).isEmpty());
}

void TestRootPolicy::startAndRebuildAsRootRunNothing()
{
    if (::geteuid() != 0)
        QSKIP("needs root (CI runs the tests as root)");
    const QByteArray allow = qgetenv("OCS_TEST_ALLOW_ROOT");
    qunsetenv("OCS_TEST_ALLOW_ROOT");
    QVERIFY(!RootPolicy::currentRefusal().isEmpty());

    QTemporaryDir tmp;
    qputenv("OCS_STATE_ROOT", QFile::encodeName(tmp.filePath(QStringLiteral("state"))));
    QVERIFY(QDir().mkpath(tmp.filePath(QStringLiteral("proj"))));
    ProjectConfig config;
    config.sandboxName = QStringLiteral("demo");
    FakeProcessLauncher *fake = FakeProcessLauncher::install();
    SandboxController controller(
        ContainerEngine(ContainerEngine::Kind::Docker, QStringLiteral("/usr/bin/docker")),
        Project(tmp.filePath(QStringLiteral("proj")), config));

    QList<SandboxController::Outcome> outcomes;
    controller.start({}, [&](const SandboxController::Outcome &o) { outcomes << o; });
    controller.rebuild({}, [&](const SandboxController::Outcome &o) { outcomes << o; });
    QTRY_COMPARE(outcomes.size(), 2);
    for (const auto &o : outcomes) {
        QVERIFY(!o.ok);
        QVERIFY2(o.error.message.contains(QStringLiteral("does not run sandboxes as root")),
                 qPrintable(o.error.message));
    }
    QCOMPARE(controller.state(), SandboxController::State::Error);
    // Not one engine command: no image built, no container started.
    QVERIFY(fake->calls().isEmpty());

    FakeProcessLauncher::uninstall();
    qputenv("OCS_TEST_ALLOW_ROOT", allow);
}

QTEST_GUILESS_MAIN(TestRootPolicy)
#include "tst_rootpolicy.moc"
