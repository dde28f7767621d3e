// Quitting: with sandboxes running the app asks; by default they keep running (and are
// adopted on the next launch), or they are stopped first.

#include "guitest.h"

#include <QAbstractButton>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace ocs;
using namespace ocs::test;
using ocs::tray::TrayController;

class TestQuit : public QObject
{
    Q_OBJECT
private:
    static FakeEngine *engine() { return static_cast<FakeEngine *>(&ProcessLauncher::instance()); }

    static void runOne(TestApp &app, const QString &root)
    {
        ManagedSandbox *s = app.fleet->sandbox(root);
        engine()->addImage(s->project()->imageName());
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ManagedSandbox::State::Running, 10000);
    }
    static void click(QMessageBox *box, const QString &text)
    {
        for (QAbstractButton *b : box->buttons()) {
            if (b->text() == text) {
                b->click();
                return;
            }
        }
        QFAIL(qPrintable(QStringLiteral("no button ") + text));
    }

private Q_SLOTS:
    void keepsRunningByDefault()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("keeps"));
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        runOne(app, root);
        QSignalSpy quit(app.tray.get(), &TrayController::quitRequested);
        app.tray->action(TrayController::Action::Quit)->trigger();
        QMessageBox *q = app.tray->lastQuestion();
        QVERIFY(q);
        QVERIFY(q->text().contains(QStringLiteral("1 sandbox running")));
        QCOMPARE(q->defaultButton()->text(), QStringLiteral("Quit, keep them running"));
        QCOMPARE(quit.count(), 0);
        const int stops = engine()->count({QStringLiteral("stop")});
        click(q, QStringLiteral("Quit, keep them running"));
        QCOMPARE(quit.count(), 1);
        QTest::qWait(100);
        QCOMPARE(engine()->count({QStringLiteral("stop")}), stops);
        QCOMPARE(engine()->containers().size(), 1);
    }

    void stopsThenQuits()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("stops"));
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        runOne(app, root);
        QSignalSpy quit(app.tray.get(), &TrayController::quitRequested);
        app.tray->requestQuit();
        click(app.tray->lastQuestion(), QStringLiteral("Stop them and quit"));
        QTRY_COMPARE(quit.count(), 1);
        QVERIFY(engine()->containers().isEmpty());
        QCOMPARE(app.fleet->sandbox(root)->state(), ManagedSandbox::State::Stopped);
    }

    void cancelKeepsTheApp()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("stays"));
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        runOne(app, root);
        QSignalSpy quit(app.tray.get(), &TrayController::quitRequested);
        app.tray->requestQuit();
        QMessageBox *q = app.tray->lastQuestion();
        q->button(QMessageBox::Cancel)->click();
        QTest::qWait(50);
        QCOMPARE(quit.count(), 0);
        QCOMPARE(engine()->containers().size(), 1);
        // Without asking when the preference says so.
        app.settings->setAskBeforeQuit(false);
        app.tray->requestQuit();
        QCOMPARE(quit.count(), 1);
        QCOMPARE(engine()->containers().size(), 1);
    }
};

QTEST_MAIN(TestQuit)
#include "tst_quit.moc"
