// The tray's side of issue 10: a first start shows what the sandbox may reach and asks; a
// sandbox its guard ended (a protected file replaced on the host) is shown as an error with
// the guard's reason, and a notification; a changed mise.toml is shown for approval before
// a rebuild.

#include "guitest.h"
#include "hookapprovaldialog.h"
#include "project/approvedfile.h"
#include "projectmenu.h"

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>

using namespace ocs;
using namespace ocs::test;
using ocs::tray::HookApprovalDialog;
using ocs::tray::ProjectAction;

namespace {
FakeEngine *engine()
{
    return static_cast<FakeEngine *>(&ProcessLauncher::instance());
}

void press(QMessageBox *box, QMessageBox::ButtonRole role)
{
    for (QAbstractButton *b : box->buttons()) {
        if (box->buttonRole(b) == role) {
            b->click();
            return;
        }
    }
    QFAIL("no such button");
}

template<typename T> T *topLevel()
{
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (auto *t = qobject_cast<T *>(w); t && t->isVisible())
            return t;
    }
    return nullptr;
}
} // namespace

class TestStartReview : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firstStartAsksBeforeAnythingRuns_data()
    {
        QTest::addColumn<bool>("accept");
        QTest::newRow("declined") << false;
        QTest::newRow("accepted") << true;
    }

    void firstStartAsksBeforeAnythingRuns()
    {
        QFETCH(bool, accept);
        GuiTestEnvironment env;
        const QString root = env.makeProject(
            QStringLiteral("fresh"),
            "sandbox-name: fresh\nhttp-domain-whitelist:\n  - .reach.test\nhost-ports:\n  - 5432\n",
            /*startedBefore=*/false);
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        ManagedSandbox *s = app.fleet->sandbox(root);
        engine()->addImage(s->project()->imageName());
        app.tray->projectMenu(root)->action(ProjectAction::Start)->trigger();

        QTRY_VERIFY(app.tray->lastQuestion());
        QMessageBox *q = app.tray->lastQuestion();
        QVERIFY2(q->windowTitle().contains(QStringLiteral("for the first time")),
                 qPrintable(q->windowTitle()));
        for (const char *shown : {".reach.test", "5432"})
            QVERIFY2(q->text().contains(QLatin1String(shown)), qPrintable(q->text()));
        QCOMPARE(engine()->count({QStringLiteral("run")}), 0); // nothing before the answer

        press(q, accept ? QMessageBox::AcceptRole : QMessageBox::RejectRole);
        if (accept) {
            QTRY_COMPARE_WITH_TIMEOUT(s->state(), ManagedSandbox::State::Running, 10000);
            QCOMPARE(engine()->count({QStringLiteral("run")}), 1);
        } else {
            QTRY_COMPARE(s->state(), ManagedSandbox::State::Error);
            QVERIFY2(s->lastError().contains(QStringLiteral("first start")),
                     qPrintable(s->lastError()));
            QCOMPARE(engine()->count({QStringLiteral("run")}), 0);
        }
    }

    void guardStopIsAnErrorWithItsReason()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("guarded"));
        const QByteArray reason = "ocs-guard: stopped: .git/config is no longer protected: it was "
                                  "replaced or removed on the host while the sandbox ran\n";
        bool guardSpoke = false;
        engine()->setResponder([&](const ProcessSpec &spec) -> std::optional<ProcessResult> {
            if (guardSpoke && spec.arguments.value(0) == QLatin1String("logs"))
                return exitWith(0, "ocs-entrypoint: starting opencode\n" + reason);
            return std::nullopt;
        });
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        ManagedSandbox *s = app.fleet->sandbox(root);
        engine()->addImage(s->project()->imageName());
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ManagedSandbox::State::Running, 10000);
        const qsizetype notesBefore = app.tray->notifications().size();

        // The container ends by itself; its output says the guard ended it.
        guardSpoke = true;
        engine()->stopExternally(s->project()->containerName());
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ManagedSandbox::State::Error, 10000);
        QVERIFY2(s->lastError().contains(QStringLiteral(".git/config is no longer protected")),
                 qPrintable(s->lastError()));
        QTRY_VERIFY(app.tray->notifications().size() > notesBefore);
        const auto note = app.tray->notifications().constLast();
        QVERIFY(note.error);
        QVERIFY2(note.title.contains(QStringLiteral("stopped to protect your files")),
                 qPrintable(note.title));
    }

    void plainStopIsNoError()
    {
        // Positive control: a container that ends without the guard is simply stopped.
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("plain"));
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        ManagedSandbox *s = app.fleet->sandbox(root);
        engine()->addImage(s->project()->imageName());
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ManagedSandbox::State::Running, 10000);
        engine()->stopExternally(s->project()->containerName());
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ManagedSandbox::State::Stopped, 10000);
        QTest::qWait(300);
        QCOMPARE(s->state(), ManagedSandbox::State::Stopped);
        QVERIFY(s->lastError().isEmpty());
    }

    void rebuildAsksForAChangedMiseToml()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("tools"));
        QFile f(root + QStringLiteral("/mise.toml"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[tools]\nnode = \"22\"\n");
        f.close();
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        ManagedSandbox *s = app.fleet->sandbox(root);
        app.tray->projectMenu(root)->action(ProjectAction::Rebuild)->trigger();
        HookApprovalDialog *dlg = nullptr;
        QTRY_VERIFY((dlg = topLevel<HookApprovalDialog>()));
        QCOMPARE(engine()->count({QStringLiteral("build")}), 0); // not before the approval
        const QString shown = dlg->shownSha256();
        QCOMPARE(shown, ApprovedFile::sha256Hex("[tools]\nnode = \"22\"\n"));
        auto *approve = dlg->findChild<QPushButton *>(QStringLiteral("approve"));
        QVERIFY(approve && approve->isEnabled());
        approve->click();
        QTRY_VERIFY(ApprovedFile(*s->project(), ApprovedFile::Kind::MiseToml).read().status ==
                    ApprovedFile::Status::Approved);
        QTRY_COMPARE_WITH_TIMEOUT(engine()->count({QStringLiteral("build")}), 1, 10000);
    }
};

QTEST_MAIN(TestStartReview)
#include "tst_startreview.moc"
