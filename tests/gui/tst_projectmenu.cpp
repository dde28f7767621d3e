// The tray menu per state: what each project's submenu offers when its sandbox is stopped,
// running, building (with progress), failed, and when the engine is missing; and that the
// menu is updated in place (the same QAction objects) while it may be open.

#include "guitest.h"
#include "logviewer.h"
#include "projectmenu.h"
#include "statussummary.h"

#include <QAbstractButton>
#include <QAction>
#include <QFile>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include "sandbox/sandboxrecord.h"

using namespace ocs;
using namespace ocs::test;
using ocs::tray::ProjectAction;
using ocs::tray::ProjectMenu;
using ocs::tray::TrayController;
using State = ManagedSandbox::State;

class TestProjectMenu : public QObject
{
    Q_OBJECT
private:
    static FakeEngine *engine() { return static_cast<FakeEngine *>(&ProcessLauncher::instance()); }
    static bool enabled(ProjectMenu *pm, ProjectAction a) { return pm->action(a)->isEnabled(); }
    static bool visible(ProjectMenu *pm, ProjectAction a) { return pm->action(a)->isVisible(); }

private Q_SLOTS:
    void stoppedThenRunning()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("alpha"));
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        ProjectMenu *pm = app.tray->projectMenu(root);
        QVERIFY(pm);
        ManagedSandbox *s = pm->sandbox();
        QCOMPARE(s->state(), State::Stopped);
        pm->update();
        QVERIFY2(pm->menu()->title().contains(QStringLiteral("alpha")),
                 qPrintable(pm->menu()->title()));
        QVERIFY(pm->menu()->title().contains(QStringLiteral("stopped")));
        QVERIFY(enabled(pm, ProjectAction::Start) && visible(pm, ProjectAction::Start));
        QVERIFY(!enabled(pm, ProjectAction::Stop));
        QVERIFY(!enabled(pm, ProjectAction::OpenWebUi));
        QVERIFY(!enabled(pm, ProjectAction::OpenTerminal));
        QVERIFY(enabled(pm, ProjectAction::Rebuild));
        QVERIFY(enabled(pm, ProjectAction::Settings));
        QVERIFY(enabled(pm, ProjectAction::OpenFolder));
        QVERIFY(enabled(pm, ProjectAction::Remove));
        // Verify: not in this version; disabled, and says why.
        QVERIFY(!enabled(pm, ProjectAction::Verify));
        QVERIFY(!pm->action(ProjectAction::Verify)->toolTip().isEmpty());
        QVERIFY(!visible(pm, ProjectAction::ShowErrorDetails));

        // Keep the objects: they must be the same after the state changes.
        QAction *start = pm->action(ProjectAction::Start);
        QAction *web = pm->action(ProjectAction::OpenWebUi);
        QAction *menuAction = pm->menu()->menuAction();
        const QIcon stoppedIcon = menuAction->icon();
        engine()->addImage(s->project()->imageName());

        // Start from the menu, as a user would.
        start->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), State::Running, 10000);
        app.flush();
        QCOMPARE(pm->action(ProjectAction::Start), start);
        QCOMPARE(pm->action(ProjectAction::OpenWebUi), web);
        QCOMPARE(pm->menu()->menuAction(), menuAction);
        QVERIFY(!start->isVisible());
        QVERIFY(enabled(pm, ProjectAction::Stop) && visible(pm, ProjectAction::Stop));
        QVERIFY(enabled(pm, ProjectAction::Restart));
        QVERIFY(web->isEnabled());
        QVERIFY(enabled(pm, ProjectAction::OpenTerminal));
        QVERIFY(enabled(pm, ProjectAction::ShowLogs));
        const QString title = pm->menu()->title();
        QVERIFY2(title.contains(QStringLiteral("running")) &&
                     title.contains(QString::number(s->port())),
                 qPrintable(title));
        QVERIFY(pm->stateAction()->text().contains(QString::number(s->port())));
        QVERIFY(menuAction->icon().cacheKey() != stoppedIcon.cacheKey());
        QCOMPARE(app.fleet->summary(), SandboxFleet::Summary::SomeRunning);
        QVERIFY(app.tray->notifications().constLast().title.contains(QStringLiteral("alpha")));

        // The root menu has the project as a submenu and the global actions.
        QMenu *rootMenu = app.tray->menu();
        QVERIFY(rootMenu->actions().contains(menuAction));
        QVERIFY(app.tray->action(TrayController::Action::StopAll)->isEnabled());
        QVERIFY(!app.tray->action(TrayController::Action::StartAll)->isEnabled());
        QVERIFY(app.tray->headerAction()->text().contains(QStringLiteral("1 of 1")));

        // Stop from the menu: the container goes away.
        pm->action(ProjectAction::Stop)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), State::Stopped, 10000);
        QVERIFY(engine()->containers().isEmpty());
        app.flush();
        QVERIFY(start->isVisible() && start->isEnabled());
    }

    // Issue 15: a running sandbox's published ports, each with "Open in browser", and its
    // memory against the limit; read from the engine when the menu opens. A wanted host port
    // that is taken gets another one, and the menu shows that one.
    void publishedPortsAndResources()
    {
        GuiTestEnvironment env;
        QTcpServer taken; // the host's 3000 is in use: 3000 is published elsewhere
        const bool haveTaken = taken.listen(QHostAddress::LocalHost, 0);
        QVERIFY(haveTaken);
        const quint16 busy = taken.serverPort();
        const QString root = env.makeProject(
            QStringLiteral("ports"),
            QStringLiteral("sandbox-name: ports\npublished-ports: [%1, 5173]\n").arg(busy).toUtf8(),
            /*startedBefore=*/true);
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        ProjectMenu *pm = app.tray->projectMenu(root);
        QVERIFY(pm);
        ManagedSandbox *s = pm->sandbox();
        engine()->addImage(s->project()->imageName());
        QVERIFY(!pm->publishedHeaderAction()->isVisible());
        QVERIFY(pm->publishedPortActions().isEmpty());
        QVERIFY(!pm->usageAction()->isVisible());
        QVERIFY(enabled(pm, ProjectAction::PublishPort));

        pm->action(ProjectAction::Start)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), State::Running, 10000);
        engine()->setMemoryUsage(QStringLiteral("312MiB"));
        const int statsBefore = engine()->count({QStringLiteral("stats")});
        QMetaObject::invokeMethod(pm->menu(), "aboutToShow");
        QTRY_COMPARE_WITH_TIMEOUT(pm->publishedPortActions().size(), 2, 5000);
        app.flush();
        QCOMPARE(engine()->count({QStringLiteral("stats")}), statsBefore + 1);
        const QList<QAction *> ports = pm->publishedPortActions();
        QVERIFY(pm->publishedHeaderAction()->isVisible());
        // By the port in the sandbox: the free one at its own number, the taken one elsewhere.
        QVERIFY2(ports.at(0)->text().startsWith(QStringLiteral("5173 → 127.0.0.1:5173: ")),
                 qPrintable(ports.at(0)->text()));
        const QString second = ports.at(1)->text();
        QVERIFY2(second.startsWith(QStringLiteral("%1 → 127.0.0.1:").arg(busy)) &&
                     !second.startsWith(QStringLiteral("%1 → 127.0.0.1:%1:").arg(busy)),
                 qPrintable(second));
        const QList<QAction *> all = pm->menu()->actions();
        QVERIFY(all.indexOf(pm->publishedHeaderAction()) < all.indexOf(ports.at(0)));
        QVERIFY(all.indexOf(ports.at(1)) < all.indexOf(pm->action(ProjectAction::PublishPort)));
        QVERIFY(pm->usageAction()->isVisible());
        QCOMPARE(pm->usageAction()->text(),
                 QStringLiteral("Resources: memory 312 MiB of 8 GiB, at most 4096 processes"));

        // "Open in browser" asks for http://127.0.0.1:<host port>/.
        QSignalSpy open(pm, &ProjectMenu::openUrlRequested);
        ports.at(0)->trigger();
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.at(0).at(0).toUrl(), QUrl(QStringLiteral("http://127.0.0.1:5173/")));
        // What the record remembers for the next start.
        const SandboxRecord record = SandboxRecord::load(s->project()->stateDir());
        QCOMPARE(record.publishedPorts.value(5173), quint16(5173));
        QVERIFY(record.publishedPorts.value(busy) != busy && record.publishedPorts.value(busy));

        // Stopped: no ports, no resources.
        pm->action(ProjectAction::Stop)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), State::Stopped, 10000);
        app.flush();
        QVERIFY(pm->publishedPortActions().isEmpty());
        QVERIFY(!pm->publishedHeaderAction()->isVisible());
        QVERIFY(!pm->usageAction()->isVisible());
    }

    void buildingShowsProgress()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("beta"));
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        ProjectMenu *pm = app.tray->projectMenu(root);
        ManagedSandbox *s = pm->sandbox();
        engine()->setHoldBuilds(true);
        pm->action(ProjectAction::Rebuild)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(engine()->buildRunning(), 5000);
        engine()->buildLine(QStringLiteral("Step 3/12 : RUN apt-get install things"));
        QTRY_COMPARE(s->progress().step, 3);
        app.flush();
        QCOMPARE(s->state(), State::Building);
        QVERIFY2(pm->menu()->title().contains(QStringLiteral("3/12")),
                 qPrintable(pm->menu()->title()));
        QVERIFY(pm->stateAction()->text().contains(QStringLiteral("step 3 of 12")));
        QVERIFY(pm->progressAction()->isVisible());
        QVERIFY(pm->progressAction()->text().contains(QStringLiteral("apt-get install")));
        QVERIFY(!enabled(pm, ProjectAction::Start));
        QVERIFY(!enabled(pm, ProjectAction::Rebuild));
        QCOMPARE(app.fleet->summary(), SandboxFleet::Summary::Busy);
        QVERIFY(app.tray->trayIcon()->toolTip().contains(QStringLiteral("step 3 of 12")));
        QVERIFY(app.tray->trayIcon()->toolTip().contains(QStringLiteral("apt-get install")));

        // Ends with a notification.
        engine()->finishBuild(true);
        QTRY_COMPARE(s->state(), State::Stopped);
        QTRY_VERIFY(!app.tray->notifications().isEmpty());
        QVERIFY(app.tray->notifications().constLast().title.contains(QStringLiteral("built")));
    }

    void failedBuildShowsErrorAndDetails()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("gamma"));
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        ProjectMenu *pm = app.tray->projectMenu(root);
        ManagedSandbox *s = pm->sandbox();
        engine()->setHoldBuilds(true);
        // A first start builds the image (there is none).
        pm->action(ProjectAction::Start)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(engine()->buildRunning(), 5000);
        engine()->buildLine(QStringLiteral("Step 1/2 : FROM nowhere"));
        engine()->finishBuild(false);
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), State::Error, 5000);
        app.flush();
        QVERIFY(pm->menu()->title().contains(QStringLiteral("error")));
        QVERIFY(pm->stateAction()->text().startsWith(QStringLiteral("Error")));
        QVERIFY(visible(pm, ProjectAction::ShowErrorDetails));
        QVERIFY(enabled(pm, ProjectAction::Start)); // try again
        QCOMPARE(app.fleet->summary(), SandboxFleet::Summary::Error);
        QVERIFY(app.tray->notifications().constLast().error);
        QVERIFY(app.tray->notifications().constLast().title.contains(
            QStringLiteral("Building the image")));
        // The build log travels as the error's field: the message does not even name it.
        QCOMPARE(s->lastFailure().kind, Error::Kind::ImageBuildFailed);
        const QString log = s->project()->stateDir() + QStringLiteral("/docker-build.log");
        QCOMPARE(s->lastFailure().logPath, log);
        QCOMPARE(s->lastLogPath(), log);
        QVERIFY2(!s->lastError().contains(QStringLiteral("docker-build.log")),
                 qPrintable(s->lastError()));

        // The details view has the message, the output and the build log.
        pm->action(ProjectAction::ShowErrorDetails)->trigger();
        auto *viewer = app.tray->detailsViewer(root);
        QVERIFY(viewer);
        QVERIFY(viewer->isVisible());
        QVERIFY(viewer->text().contains(QStringLiteral("The image build failed")));
        QVERIFY(viewer->text().contains(QStringLiteral("FROM nowhere")));
        QVERIFY(viewer->text().contains(QStringLiteral("===== %1 =====").arg(log)));
        QPushButton *openLog = nullptr;
        for (QPushButton *b : viewer->findChildren<QPushButton *>())
            if (b->text() == QStringLiteral("Open the &log file"))
                openLog = b;
        QVERIFY(openLog);
        QVERIFY(!openLog->isHidden());
    }

    void engineMissing()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("delta"));
        engine()->goDown();
        TestApp app(env);
        app.registry->add(root);
        app.fleet->start();
        app.tray->showUi();
        QTRY_COMPARE(app.fleet->summary(), SandboxFleet::Summary::EngineMissing);
        app.flush();
        ProjectMenu *pm = app.tray->projectMenu(root);
        // The fix text from EngineLocator, in the menu.
        QStringList lines;
        for (QAction *a : app.tray->engineProblemActions()) {
            if (a->isVisible())
                lines << a->text();
        }
        const QString text = lines.join(QLatin1Char(' '));
        QVERIFY2(text.contains(QStringLiteral("not reachable")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("systemctl start docker")), qPrintable(text));
        QVERIFY(app.tray->action(TrayController::Action::RetryEngine)->isVisible());
        QVERIFY(
            app.tray->headerAction()->text().contains(QStringLiteral("Docker is not available")));
        QVERIFY(
            app.tray->trayIcon()->toolTip().contains(QStringLiteral("Docker is not available")));
        // Nothing can be done to the project meanwhile.
        QVERIFY(!enabled(pm, ProjectAction::Start));
        QVERIFY(!enabled(pm, ProjectAction::Rebuild));
        QVERIFY(pm->problemAction()->isVisible());
        QVERIFY(!app.tray->action(TrayController::Action::StartAll)->isEnabled());
        QVERIFY(app.tray->notifications().constLast().error);
    }

    void changedSettingsAreConfirmedBeforeAStart()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("asks"));
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        ManagedSandbox *s = app.fleet->sandbox(root);
        engine()->addImage(s->project()->imageName());
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), State::Running, 10000);
        s->stop();
        QTRY_COMPARE(s->state(), State::Stopped);
        // Someone edits the file behind the app's back.
        QFile f(root + QStringLiteral("/opencode-sandbox-config.yaml"));
        QVERIFY(f.open(QIODevice::Append));
        f.write("http-domain-whitelist:\n  - sneaky.example.test\n");
        f.close();
        const int runs = engine()->count({QStringLiteral("run")});
        app.flush();
        app.tray->projectMenu(root)->action(ProjectAction::Start)->trigger();
        QMessageBox *q = nullptr;
        QTRY_VERIFY((q = app.tray->lastQuestion()) != nullptr);
        QVERIFY2(q->text().contains(QStringLiteral("+ whitelist: sneaky.example.test")),
                 qPrintable(q->text()));
        q->button(QMessageBox::Cancel)->click();
        QTRY_COMPARE(s->state(), State::Error);
        QVERIFY(s->lastError().startsWith(QStringLiteral("Not started")));
        QCOMPARE(engine()->count({QStringLiteral("run")}), runs);

        // Accepted: it starts, and the next start does not ask again.
        app.flush();
        app.tray->projectMenu(root)->action(ProjectAction::Start)->trigger();
        QTRY_VERIFY(app.tray->lastQuestion() && app.tray->lastQuestion() != q);
        q = app.tray->lastQuestion();
        for (QAbstractButton *b : q->buttons()) {
            if (q->buttonRole(b) == QMessageBox::AcceptRole)
                b->click();
        }
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), State::Running, 10000);
        s->stop();
        QTRY_COMPARE(s->state(), State::Stopped);
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), State::Running, 10000);
    }

    void projectAddedAndRemovedInPlace()
    {
        GuiTestEnvironment env;
        const QString a = env.makeProject(QStringLiteral("one"));
        const QString b = env.makeProject(QStringLiteral("two"));
        TestApp app(env);
        app.registry->add(a);
        QVERIFY(app.startAndSettle());
        QMenu *root = app.tray->menu();
        QAction *first = app.tray->projectMenu(a)->menu()->menuAction();
        const int before = int(root->actions().size());
        app.registry->add(b);
        QTRY_VERIFY(app.tray->projectMenu(b));
        QCOMPARE(int(root->actions().size()), before + 1);
        // Order kept: the new project after the first one.
        QVERIFY(root->actions().indexOf(app.tray->projectMenu(b)->menu()->menuAction()) >
                root->actions().indexOf(first));
        app.tray->projectMenu(b)->action(ProjectAction::Remove)->trigger();
        QTRY_VERIFY(!app.tray->projectMenu(b));
        QCOMPARE(int(root->actions().size()), before);
        QVERIFY(!app.registry->contains(b));
        QVERIFY(root->actions().contains(first));
    }
};

QTEST_MAIN(TestProjectMenu)
#include "tst_projectmenu.moc"
