// ManagedSandbox, one project's sandbox as the app sees it, against the fake engine
// (fakeengine.h): the operations (start, stop, restart, rebuild) and the states they pass
// through, a container that ends without being asked to (and the guard's explanation), a
// failed start, a stop during an image build, and what is refused without an engine or with
// a broken config. The engine's events are fed in as the fleet feeds them
// (applyContainerState).

#include "app/managedsandbox.h"
#include "apptestenvironment.h"
#include "fakeengine.h"
#include "fakehealthserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace ocs;
using namespace ocs::test;
using State = ManagedSandbox::State;
using Operation = ManagedSandbox::Operation;

namespace {

// Every state a sandbox shows, in order, without repeats, from the one it has now.
class StateLog
{
public:
    explicit StateLog(ManagedSandbox *s)
        : m_states{s->state()}
    {
        QObject::connect(s, &ManagedSandbox::changed, s, [this, s] {
            if (m_states.isEmpty() || m_states.constLast() != s->state())
                m_states << s->state();
        });
    }
    QList<State> states() const { return m_states; }
    bool contains(State s) const { return m_states.contains(s); }

private:
    QList<State> m_states;
};

ManagedSandbox::Result lastResult(const QSignalSpy &spy)
{
    return spy.constLast().at(0).value<ManagedSandbox::Result>();
}

} // namespace

class TestManagedSandbox : public QObject
{
    Q_OBJECT
private:
    static FakeEngine *engine() { return static_cast<FakeEngine *>(&ProcessLauncher::instance()); }
    static ContainerEngine docker()
    {
        return ContainerEngine(ContainerEngine::Kind::Docker, engine()->program());
    }
    // A sandbox whose image exists (no build on start) and that has an engine.
    static std::unique_ptr<ManagedSandbox> makeSandbox(AppTestEnvironment &env, const QString &name,
                                                       bool withImage = true)
    {
        auto s = std::make_unique<ManagedSandbox>(env.makeProject(name));
        s->setHealthCheckInterval(std::chrono::milliseconds(50));
        if (withImage)
            engine()->addImage(s->project()->imageName());
        s->setEngine(docker(), QString());
        return s;
    }
    static bool startAndWait(ManagedSandbox *s)
    {
        s->start();
        return QTest::qWaitFor([s] { return !s->isBusy() && s->state() == State::Running; }, 10000);
    }

private Q_SLOTS:
    void startThenStop()
    {
        AppTestEnvironment env;
        auto s = makeSandbox(env, QStringLiteral("plain"));
        QVERIFY(s->canStart());
        QVERIFY(!s->canStop());
        QSignalSpy finished(s.get(), &ManagedSandbox::operationFinished);
        StateLog log(s.get());

        s->start();
        QCOMPARE(s->operation(), Operation::Start);
        QVERIFY(!s->canStart());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(lastResult(finished).operation, Operation::Start);
        QVERIFY2(lastResult(finished).ok, qPrintable(lastResult(finished).error.message));
        QCOMPARE(s->state(), State::Running);
        QVERIFY(!s->isBusy());
        QCOMPARE(s->containerState(), QStringLiteral("running"));
        QVERIFY(s->port() != 0);
        QVERIFY(s->canOpenWebUi());
        QVERIFY(s->canStop() && s->canRestart() && !s->canStart());
        QVERIFY(!s->configOutdated());
        QCOMPARE(log.states(), QList<State>({State::Stopped, State::Starting, State::Running}));
        QVERIFY(engine()->containers().contains(s->project()->containerName()));

        s->stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
        QCOMPARE(lastResult(finished).operation, Operation::Stop);
        QVERIFY(lastResult(finished).ok);
        QCOMPARE(s->state(), State::Stopped);
        QVERIFY(s->containerState().isEmpty());
        QVERIFY(!s->canOpenWebUi());
        QVERIFY(s->canStart());
        QCOMPARE(log.states().mid(3), QList<State>({State::Stopping, State::Stopped}));
        // Stopped means removed: nothing of it is left in the engine.
        QVERIFY(!engine()->containers().contains(s->project()->containerName()));
    }

    void startBuildsAMissingImage()
    {
        AppTestEnvironment env;
        auto s = makeSandbox(env, QStringLiteral("builds"), /*withImage=*/false);
        StateLog log(s.get());
        QVERIFY(startAndWait(s.get()));
        QVERIFY2(log.contains(State::Building), qPrintable(QDebug::toString(log.states())));
        QVERIFY(engine()->hasImage(s->project()->imageName()));
        QVERIFY2(s->recentOutput().contains(QStringLiteral("Step 2/2 : RUN true")),
                 qPrintable(s->recentOutput().join(QLatin1Char('\n'))));
        QCOMPARE(engine()->count({QStringLiteral("build")}), 1);
    }

    void restartRunsANewContainer()
    {
        AppTestEnvironment env;
        auto s = makeSandbox(env, QStringLiteral("restarts"));
        QVERIFY(startAndWait(s.get()));
        const QString firstId = engine()->containers().value(s->project()->containerName()).id;
        QSignalSpy finished(s.get(), &ManagedSandbox::operationFinished);
        const int stops = engine()->count({QStringLiteral("stop")});

        s->restart();
        QVERIFY(s->isBusy());
        QVERIFY(!s->canRestart());
        QTRY_VERIFY_WITH_TIMEOUT(
            !finished.isEmpty() && lastResult(finished).operation == Operation::Restart, 10000);
        QVERIFY2(lastResult(finished).ok, qPrintable(lastResult(finished).error.message));
        QCOMPARE(s->state(), State::Running);
        QVERIFY(!s->isBusy());
        QCOMPARE(engine()->count({QStringLiteral("stop")}), stops + 1);
        const QString secondId = engine()->containers().value(s->project()->containerName()).id;
        QVERIFY(!secondId.isEmpty());
        QVERIFY(secondId != firstId);
    }

    void restartOfAStoppedSandboxStartsIt()
    {
        AppTestEnvironment env;
        auto s = makeSandbox(env, QStringLiteral("cold"));
        QSignalSpy finished(s.get(), &ManagedSandbox::operationFinished);
        s->restart();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(lastResult(finished).operation, Operation::Restart);
        QVERIFY(lastResult(finished).ok);
        QCOMPARE(s->state(), State::Running);
        QCOMPARE(engine()->count({QStringLiteral("stop")}), 0);
    }

    void rebuildKeepsTheStateOrRestarts()
    {
        AppTestEnvironment env;
        auto s = makeSandbox(env, QStringLiteral("rebuilds"));
        QSignalSpy finished(s.get(), &ManagedSandbox::operationFinished);

        // Stopped: builds, stays stopped, reports the build log.
        s->rebuild();
        QCOMPARE(s->operation(), Operation::Rebuild);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(lastResult(finished).operation, Operation::Rebuild);
        QVERIFY(lastResult(finished).ok);
        QVERIFY(lastResult(finished).logPath.endsWith(QStringLiteral("/docker-build.log")));
        QCOMPARE(s->state(), State::Stopped);
        QCOMPARE(engine()->count({QStringLiteral("run")}), 0);

        // Running, without restartAfter: the container keeps running on the old image.
        QVERIFY(startAndWait(s.get()));
        const QString id = engine()->containers().value(s->project()->containerName()).id;
        s->rebuild(false);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 10000);
        QCOMPARE(lastResult(finished).operation, Operation::Rebuild);
        QCOMPARE(s->state(), State::Running);
        QCOMPARE(engine()->containers().value(s->project()->containerName()).id, id);
        QCOMPARE(engine()->count({QStringLiteral("build")}), 2);

        // Running, with restartAfter: restarted on the new image.
        s->rebuild(true);
        QTRY_VERIFY_WITH_TIMEOUT(lastResult(finished).operation == Operation::Restart, 10000);
        QVERIFY(lastResult(finished).ok);
        QCOMPARE(s->state(), State::Running);
        QVERIFY(engine()->containers().value(s->project()->containerName()).id != id);
        QCOMPARE(engine()->count({QStringLiteral("build")}), 3);
    }

    void containerEndsByItself()
    {
        AppTestEnvironment env;
        auto s = makeSandbox(env, QStringLiteral("dies"));
        QVERIFY(startAndWait(s.get()));
        QSignalSpy lost(s.get(), &ManagedSandbox::protectionLost);

        // The engine reports it exited (crash, `docker stop` elsewhere): stopped, no error.
        engine()->stopExternally(s->project()->containerName());
        s->applyContainerState(QStringLiteral("exited"), 0, QString());
        QCOMPARE(s->state(), State::Stopped);
        QCOMPARE(s->containerState(), QStringLiteral("exited"));
        // Its logs are read for the guard's word; there is none.
        QTRY_COMPARE(engine()->count({QStringLiteral("logs")}), 1);
        QTest::qWait(100);
        QCOMPARE(s->state(), State::Stopped);
        QVERIFY(s->lastError().isEmpty());
        QCOMPARE(lost.size(), 0);
        QVERIFY(s->canStart());
    }

    void guardInfoIsNotAStopReport()
    {
        // The guard also says what it watches when it starts: a sandbox stopped from
        // elsewhere (`ocs stop`, `docker stop`) with only that in its output ended normally.
        AppTestEnvironment env;
        auto s = makeSandbox(env, QStringLiteral("watched"));
        QVERIFY(startAndWait(s.get()));
        engine()->setResponder([](const ProcessSpec &spec) -> std::optional<ProcessResult> {
            if (spec.arguments.value(0) == QLatin1String("logs"))
                return exitWith(0, "ocs-guard: watching 4 protected path(s)\nopencode serving\n",
                                "ocs-guard: no protected path is mounted; nothing to guard\n");
            return std::nullopt;
        });
        QSignalSpy lost(s.get(), &ManagedSandbox::protectionLost);

        engine()->stopExternally(s->project()->containerName());
        s->applyContainerState(QStringLiteral("exited"), 0, QString());
        QTRY_COMPARE(engine()->count({QStringLiteral("logs")}), 1);
        QTest::qWait(100);
        QCOMPARE(s->state(), State::Stopped);
        QVERIFY2(s->lastError().isEmpty(), qPrintable(s->lastError()));
        QCOMPARE(lost.size(), 0);
    }

    void guardEndsTheSandbox()
    {
        AppTestEnvironment env;
        auto s = makeSandbox(env, QStringLiteral("guarded"));
        QVERIFY(startAndWait(s.get()));
        const QByteArray guard = "ocs-guard: stopped: .git/config was replaced on the host";
        engine()->setResponder([guard](const ProcessSpec &spec) -> std::optional<ProcessResult> {
            if (spec.arguments.value(0) == QLatin1String("logs"))
                return exitWith(0, "ocs-guard: watching 4 protected path(s)\nopencode serving\n"
                                   "2024-01-01T00:00:00Z " +
                                       guard + "\n");
            return std::nullopt;
        });
        QSignalSpy lost(s.get(), &ManagedSandbox::protectionLost);

        engine()->stopExternally(s->project()->containerName());
        s->applyContainerState(QStringLiteral("exited"), 0, QString());
        QTRY_COMPARE(lost.size(), 1);
        QCOMPARE(s->state(), State::Error);
        QCOMPARE(s->lastError(), QString::fromUtf8(guard));
        QCOMPARE(lost.at(0).at(0).toString(), QString::fromUtf8(guard));
        // The error stays when the container is then removed, and the sandbox can be started
        // (or its leftover container stopped) again.
        s->applyContainerState(QString(), 0, QString());
        QCOMPARE(s->state(), State::Error);
        QVERIFY(s->canStart());
    }

    void failedStartIsAnError()
    {
        AppTestEnvironment env;
        auto s = makeSandbox(env, QStringLiteral("fails"));
        engine()->setFailRun(QStringLiteral("docker: Error response from daemon: driver failed "
                                            "programming external connectivity: port is "
                                            "already allocated."));
        QSignalSpy finished(s.get(), &ManagedSandbox::operationFinished);
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QVERIFY(!lastResult(finished).ok);
        QVERIFY2(lastResult(finished).error.message.contains(
                     QStringLiteral("port is already allocated")),
                 qPrintable(lastResult(finished).error.message));
        QCOMPARE(s->state(), State::Error);
        QCOMPARE(s->lastError(), lastResult(finished).error.message);
        QVERIFY(s->canStart() && !s->isBusy());

        // Fixed: the next start succeeds and clears the error.
        engine()->setFailRun(QString());
        QVERIFY(startAndWait(s.get()));
        QVERIFY(s->lastError().isEmpty());
    }

    void stopDuringTheBuildCancelsIt()
    {
        AppTestEnvironment env;
        auto s = makeSandbox(env, QStringLiteral("cancels"), /*withImage=*/false);
        engine()->setHoldBuilds(true);
        QSignalSpy finished(s.get(), &ManagedSandbox::operationFinished);
        s->start();
        QTRY_COMPARE(s->state(), State::Building);
        QTRY_VERIFY(engine()->buildRunning());
        engine()->buildLine(QStringLiteral("Step 1/2 : FROM fake"));
        QVERIFY(s->canStop());

        s->stop();
        QVERIFY(!s->canStop()); // asked once
        QVERIFY(s->recentOutput().contains(QStringLiteral("Stop requested.")));
        QTRY_VERIFY_WITH_TIMEOUT(
            !finished.isEmpty() && lastResult(finished).operation == Operation::Stop, 10000);
        QCOMPARE(s->state(), State::Stopped);
        QVERIFY(!s->isBusy());
        QCOMPARE(engine()->count({QStringLiteral("run")}), 0);
        QVERIFY(!engine()->hasImage(s->project()->imageName()));
    }

    void nothingRunsWithoutAnEngine()
    {
        AppTestEnvironment env;
        auto s = makeSandbox(env, QStringLiteral("noengine"));
        const QString why = QStringLiteral("Docker is not running. Start it with: sudo systemctl "
                                           "start docker");
        s->setEngine(std::nullopt, why);
        QVERIFY(!s->engineReady());
        QVERIFY(!s->canStart() && !s->canStop() && !s->canRestart() && !s->canRebuild());
        QSignalSpy finished(s.get(), &ManagedSandbox::operationFinished);
        s->start();
        QCOMPARE(finished.size(), 1);
        QVERIFY(!lastResult(finished).ok);
        QCOMPARE(lastResult(finished).error.message, why);
        QCOMPARE(s->state(), State::Stopped);
        QVERIFY(!s->isBusy());
        QCOMPARE(engine()->calls().size(), 0);
    }

    void brokenConfigRefusesToStart()
    {
        AppTestEnvironment env;
        auto s = makeSandbox(env, QStringLiteral("broken"));
        QFile f(s->root() + QStringLiteral("/opencode-sandbox-config.yaml"));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("sandbox-name: [unclosed\n");
        f.close();
        QSignalSpy finished(s.get(), &ManagedSandbox::operationFinished);
        s->start();
        QCOMPARE(finished.size(), 1);
        QVERIFY(lastResult(finished).error.message.startsWith(
            QStringLiteral("The configuration has errors:\n")));
        QVERIFY(!s->configError().isEmpty());
        QCOMPARE(s->state(), State::Error);
        QCOMPARE(engine()->count({QStringLiteral("run")}), 0);
        // The last good config is kept: its sandbox id and name still work.
        QCOMPARE(s->displayName(), QStringLiteral("broken"));
    }

    void startedElsewhereIsWatchedUntilHealthy()
    {
        AppTestEnvironment env;
        auto s = makeSandbox(env, QStringLiteral("elsewhere"));
        // `ocs start` ran it, with settings that have changed since; it answers on `port`.
        QTcpServer free;
        QVERIFY(free.listen(QHostAddress::LocalHost, 0));
        const quint16 port = free.serverPort();
        free.close();
        engine()->addRunningContainer(s->sandboxId(), s->root(), port, QStringLiteral("old"));
        StateLog log(s.get());
        // The first event carries no port: it waits for one, "starting" meanwhile.
        s->applyContainerState(QStringLiteral("running"), 0, QStringLiteral("old"));
        QCOMPARE(s->state(), State::Starting);
        QVERIFY(s->canStop());
        QVERIFY(!s->canOpenWebUi());
        QTest::qWait(150);
        QCOMPARE(s->state(), State::Starting);
        // The port arrives: the health check passes.
        s->applyContainerState(QStringLiteral("running"), port, QString());
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), State::Running, 5000);
        QCOMPARE(s->port(), port);
        QVERIFY(s->configOutdated());
        QCOMPARE(log.states(), QList<State>({State::Stopped, State::Starting, State::Running}));
        QCOMPARE(engine()->count({QStringLiteral("run")}), 0);
    }

    void startedElsewhereIsSeenSoonAfterOpenCodeAnswers()
    {
        // OpenCode takes the first health request while it is still starting and never
        // answers it (as in every traced start): the watch gives that request up after a
        // moment (HealthProbe::FirstTimeout), not after the 5 s a request may take
        // on a slow machine, and asks again.
        AppTestEnvironment env;
        auto s = makeSandbox(env, QStringLiteral("slowstart"));
        engine()->setHealthy(false); // the fake server below answers instead
        test::FakeHealthServer opencode;
        QVERIFY(opencode.listen(0));
        opencode.setUnanswered(1);
        engine()->addRunningContainer(s->sandboxId(), s->root(), opencode.port());
        QElapsedTimer clock;
        clock.start();
        s->applyContainerState(QStringLiteral("running"), opencode.port(), QString());
        QCOMPARE(s->state(), State::Starting);
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), State::Running, 10000);
        QVERIFY2(clock.elapsed() < 2500, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(opencode.requestHeads().size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestManagedSandbox)
#include "tst_managedsandbox.moc"
