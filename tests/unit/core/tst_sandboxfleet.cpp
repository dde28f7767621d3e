// SandboxFleet, every registered project's sandbox plus the engine, against the fake engine
// (fakeengine.h): the summary the tray icon shows (worst first), the engine missing at launch
// and while sandboxes run (and the recovery, with a fresh listing), state kept by the event
// stream alone, stopAll, and projects coming and going.

#include "app/projectregistry.h"
#include "app/sandboxfleet.h"
#include "apptestenvironment.h"
#include "fakeengine.h"
#include "project/project.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace ocs;
using namespace ocs::test;
using State = ManagedSandbox::State;
using Summary = SandboxFleet::Summary;

namespace {

struct Fleet
{
    explicit Fleet(AppTestEnvironment &env)
        : registry(env.settingsFile())
        , fleet(&registry)
    {
        fleet.setRetryDelays(std::chrono::milliseconds(30), std::chrono::milliseconds(200));
        fleet.setHealthCheckInterval(std::chrono::milliseconds(50));
        QObject::connect(&fleet, &SandboxFleet::adopted, [this] { adopted = true; });
    }
    bool startAndSettle()
    {
        fleet.start();
        return QTest::qWaitFor([this] { return adopted; }, 5000);
    }
    ProjectRegistry registry;
    SandboxFleet fleet;
    bool adopted = false;
};

} // namespace

class TestSandboxFleet : public QObject
{
    Q_OBJECT
private:
    static FakeEngine *engine() { return static_cast<FakeEngine *>(&ProcessLauncher::instance()); }
    static bool startAndWait(ManagedSandbox *s)
    {
        engine()->addImage(s->project()->imageName());
        s->start();
        return QTest::qWaitFor([s] { return !s->isBusy() && s->state() == State::Running; }, 10000);
    }

private Q_SLOTS:
    void sandboxesUseTheShortHealthIntervalByDefault()
    {
        // The fleet hands its interval to every sandbox: by default the sandbox's own (a
        // sandbox started elsewhere shows as running soon after OpenCode answers; the fleet
        // once had a 2 s default of its own, which kept the menu 2 s behind).
        AppTestEnvironment env;
        ProjectRegistry registry(env.settingsFile());
        SandboxFleet fleet(&registry);
        const QString root = env.makeProject(QStringLiteral("gamma"));
        registry.add(root);
        fleet.start();
        QTRY_VERIFY(fleet.sandbox(root));
        QCOMPARE(fleet.sandbox(root)->healthCheckInterval(),
                 ManagedSandbox::DefaultHealthCheckInterval);
        QCOMPARE(ManagedSandbox::DefaultHealthCheckInterval, std::chrono::milliseconds(500));
    }

    void summaryShowsTheWorstFirst()
    {
        AppTestEnvironment env;
        Fleet f(env);
        const QString a = env.makeProject(QStringLiteral("alpha"));
        const QString b = env.makeProject(QStringLiteral("beta"));
        f.registry.add(a);
        f.registry.add(b);
        QVERIFY(f.startAndSettle());
        ManagedSandbox *sa = f.fleet.sandbox(a);
        ManagedSandbox *sb = f.fleet.sandbox(b);
        QVERIFY(sa && sb);
        QCOMPARE(f.fleet.summary(), Summary::NoneRunning);

        QVERIFY(startAndWait(sa));
        QCOMPARE(f.fleet.summary(), Summary::SomeRunning);
        QCOMPARE(f.fleet.count(State::Running), 1);
        QCOMPARE(f.fleet.count(State::Stopped), 1);

        // Busy (an image build in progress) beats running.
        engine()->setHoldBuilds(true);
        sb->start();
        QTRY_VERIFY(engine()->buildRunning());
        QCOMPARE(f.fleet.summary(), Summary::Busy);

        // An error beats busy: the build fails.
        engine()->finishBuild(false);
        QTRY_COMPARE(sb->state(), State::Error);
        QCOMPARE(f.fleet.summary(), Summary::Error);
        QCOMPARE(f.fleet.count(State::Error), 1);
        // ... also while another one is busy (its image is rebuilt).
        sa->rebuild();
        QTRY_VERIFY(engine()->buildRunning());
        QVERIFY(sa->isBusy());
        QCOMPARE(f.fleet.summary(), Summary::Error);
        engine()->finishBuild(true);
        QTRY_VERIFY(!sa->isBusy());
        QCOMPARE(f.fleet.summary(), Summary::Error);

        // No engine beats everything.
        engine()->goDown();
        QTRY_COMPARE(f.fleet.summary(), Summary::EngineMissing);
        QVERIFY(!f.fleet.engineStatus().ready());
    }

    void engineMissingAtLaunchThenAppears()
    {
        AppTestEnvironment env;
        Fleet f(env);
        const QString root = env.makeProject(QStringLiteral("waits"));
        f.registry.add(root);
        engine()->goDown();
        QSignalSpy status(&f.fleet, &SandboxFleet::engineStatusChanged);
        f.fleet.start();
        QTRY_COMPARE(f.fleet.engineStatus().state, SandboxFleet::EngineStatus::State::Unavailable);
        QCOMPARE(f.fleet.summary(), Summary::EngineMissing);
        const QString message = f.fleet.engineStatus().message;
        QVERIFY2(message.contains(QStringLiteral("systemctl start docker")), qPrintable(message));
        ManagedSandbox *s = f.fleet.sandbox(root);
        QVERIFY(!s->engineReady() && !s->canStart());
        // Starting anyway says why it cannot.
        QSignalSpy finished(s, &ManagedSandbox::operationFinished);
        s->start();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).value<ManagedSandbox::Result>().error.message, message);
        QVERIFY(!f.adopted);
        // Keeps looking.
        const int tries = engine()->count({QStringLiteral("version")});
        QTRY_VERIFY(engine()->count({QStringLiteral("version")}) >= tries + 2);

        engine()->comeBack();
        QTRY_VERIFY_WITH_TIMEOUT(f.adopted, 3000);
        QVERIFY(f.fleet.engineStatus().ready());
        QCOMPARE(f.fleet.engineStatus().version, QStringLiteral("99.0-fake"));
        QCOMPARE(f.fleet.summary(), Summary::NoneRunning);
        QVERIFY(s->engineReady() && s->canStart());
        QCOMPARE(engine()->openEventStreams(), 1);
    }

    void engineStopsWhileRunningAndRecovers()
    {
        AppTestEnvironment env;
        Fleet f(env);
        const QString a = env.makeProject(QStringLiteral("keeps"));
        const QString b = env.makeProject(QStringLiteral("loses"));
        f.registry.add(a);
        f.registry.add(b);
        QVERIFY(f.startAndSettle());
        ManagedSandbox *sa = f.fleet.sandbox(a);
        ManagedSandbox *sb = f.fleet.sandbox(b);
        QVERIFY(startAndWait(sa));
        QVERIFY(startAndWait(sb));
        const int listings = engine()->count({QStringLiteral("ps")});

        engine()->goDown();
        QTRY_COMPARE(f.fleet.summary(), Summary::EngineMissing);
        QVERIFY(!sa->canStop());
        // Meanwhile one container went away without an event reaching the app.
        engine()->comeBack();
        engine()->stopExternally(sb->project()->containerName());

        // Recovered by itself: a fresh stream and a fresh listing put the states right.
        QTRY_VERIFY_WITH_TIMEOUT(f.fleet.engineStatus().ready(), 3000);
        QTRY_VERIFY(engine()->count({QStringLiteral("ps")}) > listings);
        QTRY_COMPARE(sb->state(), State::Stopped);
        QCOMPARE(sa->state(), State::Running);
        QVERIFY(sa->canStop());
        QCOMPARE(f.fleet.summary(), Summary::SomeRunning);
    }

    void eventsAloneKeepTheState()
    {
        AppTestEnvironment env;
        Fleet f(env);
        const QString root = env.makeProject(QStringLiteral("evented"));
        f.registry.add(root);
        QVERIFY(f.startAndSettle());
        ManagedSandbox *s = f.fleet.sandbox(root);
        QVERIFY(startAndWait(s));
        const int listings = engine()->count({QStringLiteral("ps")});

        // `docker stop` elsewhere: the event stream says so, nothing is listed again.
        engine()->stopExternally(s->project()->containerName());
        QTRY_COMPARE(s->state(), State::Stopped);
        QCOMPARE(s->containerState(), QStringLiteral("exited"));
        QCOMPARE(f.fleet.summary(), Summary::NoneRunning);

        // Another sandbox's events (a project not on the list) change nothing here.
        engine()->addRunningContainer(QStringLiteral("other-1a2b3c"), QStringLiteral("/other"), 0);
        QTest::qWait(100);
        QCOMPARE(s->state(), State::Stopped);
        QCOMPARE(f.fleet.sandboxes().size(), 1);
        QCOMPARE(engine()->count({QStringLiteral("ps")}), listings);
    }

    void stopAllStopsEveryRunningSandbox()
    {
        AppTestEnvironment env;
        Fleet f(env);
        const QString a = env.makeProject(QStringLiteral("one"));
        const QString b = env.makeProject(QStringLiteral("two"));
        const QString c = env.makeProject(QStringLiteral("idle"));
        for (const QString &r : {a, b, c})
            f.registry.add(r);
        QVERIFY(f.startAndSettle());
        QVERIFY(startAndWait(f.fleet.sandbox(a)));
        QVERIFY(startAndWait(f.fleet.sandbox(b)));
        QCOMPARE(f.fleet.count(State::Running), 2);

        int done = 0;
        f.fleet.stopAll([&done] { ++done; });
        QTRY_COMPARE_WITH_TIMEOUT(done, 1, 10000);
        QCOMPARE(f.fleet.count(State::Stopped), 3);
        QCOMPARE(engine()->count({QStringLiteral("stop")}), 2);
        QTest::qWait(100);
        QCOMPARE(done, 1);

        // Nothing to stop: done at once.
        f.fleet.stopAll([&done] { ++done; });
        QCOMPARE(done, 2);
    }

    void projectsComeAndGo()
    {
        AppTestEnvironment env;
        Fleet f(env);
        QVERIFY(f.startAndSettle());
        QSignalSpy added(&f.fleet, &SandboxFleet::sandboxAdded);
        QSignalSpy removed(&f.fleet, &SandboxFleet::sandboxRemoved);
        const QString root = env.makeProject(QStringLiteral("later"));
        // A project added while its sandbox already runs (started with `ocs`): the fleet
        // learns its state from a listing.
        const auto project = *Project::open(root, nullptr);
        QTcpServer free;
        QVERIFY(free.listen(QHostAddress::LocalHost, 0));
        const quint16 port = free.serverPort();
        free.close();
        engine()->addRunningContainer(project.sandboxId(), root, port);
        f.registry.add(root);
        QCOMPARE(added.size(), 1);
        ManagedSandbox *s = f.fleet.sandbox(root);
        QVERIFY(s);
        QCOMPARE(f.fleet.sandboxById(project.sandboxId()), s);
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), State::Running, 5000);
        QCOMPARE(s->port(), port);
        QCOMPARE(engine()->count({QStringLiteral("run")}), 0);

        f.registry.remove(root);
        QCOMPARE(removed.size(), 1);
        QVERIFY(!f.fleet.sandbox(root));
        QCOMPARE(f.fleet.summary(), Summary::NoneRunning);
    }
};

QTEST_GUILESS_MAIN(TestSandboxFleet)
#include "tst_sandboxfleet.moc"
