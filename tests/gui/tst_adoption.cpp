// Adoption: sandboxes that already run when the app starts (started with `ocs` or left
// running by a previous session) are picked up from the engine's listing, without a start;
// running sandboxes of projects not on the list are added to it. Afterwards the engine's
// event stream alone keeps the state right (nothing polls).

#include "guitest.h"
#include "projectmenu.h"
#include "sandbox/sandboxcontroller.h"
#include "sandbox/sandboxrecord.h"

#include <QMenu>
#include <QTcpServer>
#include <QTest>

using namespace ocs;
using namespace ocs::test;
using State = ManagedSandbox::State;

class TestAdoption : public QObject
{
    Q_OBJECT
private:
    static FakeEngine *engine() { return static_cast<FakeEngine *>(&ProcessLauncher::instance()); }
    static quint16 freePort()
    {
        QTcpServer s;
        s.listen(QHostAddress::LocalHost, 0);
        return s.serverPort();
    }

private Q_SLOTS:
    void runningSandboxesAreAdopted()
    {
        GuiTestEnvironment env;
        const QString listed = env.makeProject(QStringLiteral("listed"));
        const QString unlisted = env.makeProject(QStringLiteral("unlisted"));
        const QString stopped = env.makeProject(QStringLiteral("stopped"));
        const auto listedProject = *Project::open(listed, nullptr);
        const auto unlistedProject = *Project::open(unlisted, nullptr);
        const quint16 portA = freePort();
        const quint16 portB = freePort();
        engine()->addRunningContainer(listedProject.sandboxId(), listed, portA,
                                      SandboxController::configHash(listedProject.config()));
        engine()->addRunningContainer(unlistedProject.sandboxId(), unlisted, portB);
        // A sandbox of another user of the same engine: its state folder is not ours.
        const QString foreign =
            env.makeProject(QStringLiteral("foreign"), {}, /*startedBefore=*/false);
        const auto foreignProject = *Project::open(foreign, nullptr);
        engine()->addRunningContainer(foreignProject.sandboxId(), foreign, freePort());
        // State as `ocs start` left it: the state file and the password (file fallback: the
        // keychain is off here).
        for (const Project &p : {listedProject, unlistedProject}) {
            QVERIFY(p.ensureStateDirs(nullptr));
            SandboxRecord st;
            st.projectRoot = p.root();
            QVERIFY(st.save(p.stateDir(), nullptr));
            QFile f(p.stateDir() + QStringLiteral("/opencode-password"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("pw-for-tests-only");
            f.close();
            f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        }

        TestApp app(env);
        app.registry->add(listed);
        app.registry->add(stopped);
        QVERIFY(app.startAndSettle());

        ManagedSandbox *a = app.fleet->sandbox(listed);
        QTRY_COMPARE(a->state(), State::Running);
        QCOMPARE(a->port(), portA);
        QVERIFY(!a->configOutdated());
        // Adopted without starting anything.
        QCOMPARE(engine()->count({QStringLiteral("run")}), 0);
        QCOMPARE(engine()->count({QStringLiteral("build")}), 0);

        // The running sandbox of a project not on the list: added to it.
        QVERIFY(app.registry->contains(unlisted));
        ManagedSandbox *b = app.fleet->sandbox(unlisted);
        QVERIFY(b);
        QTRY_COMPARE(b->state(), State::Running);
        QCOMPARE(b->port(), portB);
        app.flush();
        QVERIFY(app.tray->projectMenu(unlisted));
        QVERIFY(app.tray->projectMenu(unlisted)->menu()->title().contains(QString::number(portB)));

        QVERIFY(!app.registry->contains(foreign));
        QCOMPARE(app.fleet->sandbox(stopped)->state(), State::Stopped);
        QCOMPARE(app.fleet->summary(), SandboxFleet::Summary::SomeRunning);
        QVERIFY(app.tray->headerAction()->text().contains(QStringLiteral("2 of 3")));

        // Stopped elsewhere (`ocs stop`): the event stream tells.
        const int listings = engine()->count({QStringLiteral("ps")});
        engine()->stopExternally(listedProject.containerName());
        QTRY_COMPARE(a->state(), State::Stopped);
        QCOMPARE(engine()->count({QStringLiteral("ps")}), listings); // no polling, no re-listing

        // Another sandbox, not ours to show, changes nothing here.
        engine()->addRunningContainer(QStringLiteral("not-ours-123456"),
                                      QStringLiteral("/elsewhere"), freePort());
        QTest::qWait(200);
        QCOMPARE(a->state(), State::Stopped);
        QCOMPARE(app.fleet->sandboxes().size(), 3); // listed, unlisted (adopted), stopped
    }

    void startedElsewhereGoesThroughStarting()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("later"));
        const auto project = *Project::open(root, nullptr);
        QVERIFY(project.ensureStateDirs(nullptr));
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        ManagedSandbox *s = app.fleet->sandbox(root);
        QCOMPARE(s->state(), State::Stopped);

        // Run by someone else (`ocs start`); its web server does not answer yet.
        engine()->setHealthy(false);
        engine()->addRunningContainer(project.sandboxId(), root, freePort());
        QTRY_COMPARE(s->state(), State::Starting);
        QTRY_COMPARE(app.fleet->summary(), SandboxFleet::Summary::Busy);
        QTest::qWait(400); // several health checks (every 100 ms here) fail meanwhile
        QCOMPARE(s->state(), State::Starting);
        engine()->setHealthy(true);
        QTRY_COMPARE(s->state(), State::Running);
        QTRY_COMPARE(app.fleet->summary(), SandboxFleet::Summary::SomeRunning);
        QCOMPARE(engine()->count({QStringLiteral("run")}), 0);
    }
};

QTEST_MAIN(TestAdoption)
#include "tst_adoption.moc"
