// Without a system tray the app shows a small window with the same menus and the same
// QAction objects; when a tray appears later it moves there and hides the window.

#include "guitest.h"
#include "mainwindow.h"
#include "projectmenu.h"

#include <QMenu>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace ocs;
using namespace ocs::test;
using ocs::tray::TrayController;

class TestFallbackWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void windowWithTheSameActionsThenTray()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("windowed"));
        bool trayThere = false;
        tray::TrayOptions options;
        options.trayAvailable = [&trayThere] {
            return trayThere;
        };
        options.trayRecheckFirst = std::chrono::milliseconds(50);
        TestApp app(env, options);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());

        QVERIFY(!app.tray->isInTray());
        tray::MainWindow *w = app.tray->mainWindow();
        QVERIFY(w->isVisible());
        QVERIFY(!app.tray->trayIcon()->isVisible());
        tray::ProjectMenu *pm = app.tray->projectMenu(root);
        QToolButton *projectButton = w->projectButton(pm);
        QVERIFY(projectButton);
        // The very objects of the tray menu.
        QCOMPARE(projectButton->defaultAction(), pm->menu()->menuAction());
        QCOMPARE(projectButton->defaultAction()->menu(), pm->menu());
        for (auto which : {TrayController::Action::AddProject, TrayController::Action::StartAll,
                           TrayController::Action::StopAll, TrayController::Action::Preferences,
                           TrayController::Action::Quit}) {
            QToolButton *b = w->actionButton(app.tray->action(which));
            QVERIFY(b);
            QCOMPARE(b->defaultAction(), app.tray->action(which));
        }
        QCOMPARE(w->actionButton(app.tray->action(TrayController::Action::StartAll))->isEnabled(),
                 true);
        QVERIFY(w->headline().contains(QStringLiteral("No sandbox running")));

        // Triggering the window's button runs the same action (Start all → start).
        static_cast<FakeEngine *>(&ProcessLauncher::instance())
            ->addImage(app.fleet->sandbox(root)->project()->imageName());
        w->actionButton(app.tray->action(TrayController::Action::StartAll))->click();
        QTRY_COMPARE_WITH_TIMEOUT(app.fleet->sandbox(root)->state(), ManagedSandbox::State::Running,
                                  10000);
        app.flush();
        QVERIFY(projectButton->text().contains(QStringLiteral("running")));
        QVERIFY(!w->actionButton(app.tray->action(TrayController::Action::StartAll))->isEnabled());

        // A tray appears: the app moves there.
        trayThere = true;
        QTRY_VERIFY_WITH_TIMEOUT(app.tray->isInTray(), 3000);
        QVERIFY(!w->isVisible());
    }

    void givesUpLookingAfterTheLimit()
    {
        GuiTestEnvironment env;
        int asked = 0;
        tray::TrayOptions options;
        options.trayAvailable = [&asked] {
            ++asked;
            return false;
        };
        options.trayRecheckFirst = std::chrono::milliseconds(20);
        options.trayRecheckLimit = std::chrono::milliseconds(300);
        TestApp app(env, options);
        QVERIFY(app.startAndSettle());
        QTest::qWait(800);
        const int after = asked;
        // 20, 40, 80, 160 (capped by the limit): a handful of looks, then none.
        QVERIFY2(after >= 3 && after <= 7, qPrintable(QString::number(after)));
        QTest::qWait(300);
        QCOMPARE(asked, after);
        QVERIFY(app.tray->mainWindow()->isVisible());
    }

    void closingTheWindowQuitsWhenNothingRuns()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("closing"));
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        QSignalSpy quit(app.tray.get(), &TrayController::quitRequested);
        // Nothing running: closing quits at once.
        app.tray->mainWindow()->close();
        QCOMPARE(quit.count(), 1);
    }
};

QTEST_MAIN(TestFallbackWindow)
#include "tst_fallbackwindow.moc"
