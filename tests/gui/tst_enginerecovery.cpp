// The engine going away and coming back: at launch without an engine the app says so (icon,
// menu, the fix) and keeps looking with backoff; when the engine answers it recovers by
// itself. When the engine stops while the app runs, the event stream ends, the app says so,
// and re-lists everything once the engine is back.

#include "engine/engineevents.h"
#include "guitest.h"
#include "projectmenu.h"
#include "statusicons.h"

#include <QTest>

using namespace ocs;
using namespace ocs::test;
using State = ManagedSandbox::State;
using Summary = SandboxFleet::Summary;

class TestEngineRecovery : public QObject
{
    Q_OBJECT
private:
    static FakeEngine *engine() { return static_cast<FakeEngine *>(&ProcessLauncher::instance()); }

private Q_SLOTS:
    void missingAtLaunchThenAppears()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("waits"));
        engine()->goDown();
        TestApp app(env);
        app.registry->add(root);
        app.fleet->start();
        app.tray->showUi();
        QTRY_COMPARE(app.fleet->summary(), Summary::EngineMissing);
        app.flush();
        QCOMPARE(app.tray->trayIcon()->icon().cacheKey(),
                 tray::StatusIcons::trayIcon(Summary::EngineMissing).cacheKey());
        QVERIFY(
            app.fleet->engineStatus().message.contains(QStringLiteral("systemctl start docker")));
        // It keeps looking, with growing pauses (50, 100, 200, 400, 400 ms here).
        const int before = engine()->count({QStringLiteral("version")});
        QTest::qWait(1000);
        const int tries = engine()->count({QStringLiteral("version")}) - before;
        QVERIFY2(tries >= 2 && tries <= 6, qPrintable(QString::number(tries)));

        engine()->comeBack();
        QTRY_VERIFY_WITH_TIMEOUT(app.fleet->engineStatus().ready(), 3000);
        QTRY_VERIFY(app.adopted);
        QTRY_COMPARE(engine()->openEventStreams(), 1);
        app.flush();
        QCOMPARE(app.fleet->summary(), Summary::NoneRunning);
        QVERIFY(app.fleet->sandbox(root)->canStart());
        for (QAction *a : app.tray->engineProblemActions())
            QVERIFY(!a->isVisible());
        QVERIFY(app.tray->notifications().constLast().title.contains(QStringLiteral("back")));
    }

    void stopsWhileRunningThenReturns()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("survives"));
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        ManagedSandbox *s = app.fleet->sandbox(root);
        engine()->addImage(s->project()->imageName());
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), State::Running, 10000);
        const int listings = engine()->count({QStringLiteral("ps")});

        engine()->goDown();
        QTRY_COMPARE(app.fleet->summary(), Summary::EngineMissing);
        app.flush();
        tray::ProjectMenu *pm = app.tray->projectMenu(root);
        QVERIFY(!pm->action(tray::ProjectAction::Stop)->isEnabled());
        QVERIFY(pm->problemAction()->isVisible());
        QVERIFY(app.tray->headerAction()->text().contains(QStringLiteral("Docker")));

        // Meanwhile the container went away (the daemon restarted without it).
        engine()->comeBack();
        engine()->stopExternally(s->project()->containerName());
        QTRY_VERIFY_WITH_TIMEOUT(app.fleet->engineStatus().ready(), 3000);
        // Recovered by itself: a fresh stream and a fresh listing.
        QTRY_COMPARE(engine()->openEventStreams(), 1);
        QTRY_VERIFY(engine()->count({QStringLiteral("ps")}) > listings);
        QTRY_COMPARE(s->state(), State::Stopped);
        QTRY_COMPARE(app.fleet->summary(), Summary::NoneRunning);
    }

    void retryNowLooksAtOnce()
    {
        GuiTestEnvironment env;
        engine()->goDown();
        TestApp app(env);
        app.fleet->setRetryDelays(std::chrono::seconds(60), std::chrono::seconds(60));
        app.fleet->start();
        app.tray->showUi();
        QTRY_COMPARE(app.fleet->summary(), Summary::EngineMissing);
        engine()->comeBack();
        QTest::qWait(200);
        QCOMPARE(app.fleet->summary(), Summary::EngineMissing); // the next try is a minute away
        app.flush();
        QAction *retry = app.tray->action(tray::TrayController::Action::RetryEngine);
        QVERIFY(retry->isVisible());
        retry->trigger();
        QTRY_VERIFY(app.fleet->engineStatus().ready());
    }

    void eventLinesAreParsed()
    {
        const QByteArray docker =
            R"({"status":"start","id":"abc","Type":"container","Action":"start","Actor":{"ID":"abc","Attributes":{"name":"opencode-sandbox-p-1a2b3c","io.opencode-sandbox.id":"p-1a2b3c","io.opencode-sandbox.port":"4101","io.opencode-sandbox.config-hash":"h1"}}})";
        auto e = ContainerEvent::parse(docker);
        QVERIFY(e);
        QCOMPARE(e->sandboxId, QStringLiteral("p-1a2b3c"));
        QCOMPARE(e->state, QStringLiteral("running"));
        QCOMPARE(e->port, quint16(4101));
        QCOMPARE(e->configHash, QStringLiteral("h1"));
        QCOMPARE(e->containerName, QStringLiteral("opencode-sandbox-p-1a2b3c"));
        const QByteArray podman =
            R"({"ID":"abc","Name":"opencode-sandbox-p-1a2b3c","Status":"died","Type":"container","Attributes":{"io.opencode-sandbox.id":"p-1a2b3c"}})";
        e = ContainerEvent::parse(podman);
        QVERIFY(e);
        QCOMPARE(e->state, QStringLiteral("exited"));
        const QByteArray removed =
            R"({"Type":"container","Action":"destroy","Actor":{"Attributes":{"io.opencode-sandbox.id":"p-1a2b3c"}}})";
        e = ContainerEvent::parse(removed);
        QVERIFY(e);
        QVERIFY(e->state.isEmpty());
        // Not state changes: exec and health events, other types, other labels, noise.
        QVERIFY(!ContainerEvent::parse(
            R"({"Type":"container","Action":"exec_start: bash","Actor":{"Attributes":{"io.opencode-sandbox.id":"x"}}})"));
        QVERIFY(!ContainerEvent::parse(
            R"({"Type":"container","Action":"health_status: healthy","Actor":{"Attributes":{"io.opencode-sandbox.id":"x"}}})"));
        QVERIFY(!ContainerEvent::parse(
            R"({"Type":"image","Action":"tag","Actor":{"Attributes":{"io.opencode-sandbox.id":"x"}}})"));
        QVERIFY(!ContainerEvent::parse(
            R"({"Type":"container","Action":"start","Actor":{"Attributes":{"name":"other"}}})"));
        QVERIFY(!ContainerEvent::parse("Error response from daemon: something"));
    }
};

QTEST_MAIN(TestEngineRecovery)
#include "tst_enginerecovery.moc"
