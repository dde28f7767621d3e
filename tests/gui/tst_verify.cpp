// "Verify sandbox" runs `ocs verify`'s probes (SandboxVerifier) in the running sandbox and
// shows the report; it is offered only while the sandbox runs.

#include "guitest.h"
#include "logviewer.h"
#include "projectmenu.h"
#include "sandbox/sandboxverifier.h"

#include <QTest>

using namespace ocs;
using namespace ocs::test;
using ocs::tray::ProjectAction;

class TestVerify : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void reportsTheProbes()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("checked"));
        auto *engine = static_cast<FakeEngine *>(&ProcessLauncher::instance());
        QByteArray report = "PASS firewall-v4 default deny\nFAIL dev-dns resolved example.test\n";
        int exitCode = 1;
        engine->setResponder([&](const ProcessSpec &spec) -> std::optional<ProcessResult> {
            if (spec.arguments.contains(SandboxVerifier::ScriptPath))
                return exitWith(exitCode, report);
            return std::nullopt;
        });
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        ManagedSandbox *s = app.fleet->sandbox(root);
        tray::ProjectMenu *pm = app.tray->projectMenu(root);
        QVERIFY(!pm->action(ProjectAction::Verify)->isEnabled()); // not running
        engine->addImage(s->project()->imageName());
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ManagedSandbox::State::Running, 10000);
        app.flush();
        QAction *verify = pm->action(ProjectAction::Verify);
        QVERIFY(verify->isEnabled());

        verify->trigger();
        QVERIFY(!verify->isEnabled()); // one at a time
        QTRY_VERIFY(verify->isEnabled());
        const auto exec = engine->calls().constLast();
        QCOMPARE(exec.arguments, (QStringList{QStringLiteral("exec"), QStringLiteral("--user"),
                                              QStringLiteral("root"), s->project()->containerName(),
                                              SandboxVerifier::ScriptPath}));
        QVERIFY(app.tray->notifications().constLast().error);
        QCOMPARE(app.tray->notifications().constLast().text,
                 QStringLiteral("1 of 2 checks failed."));
        auto *viewer = app.tray->detailsViewer(root);
        QVERIFY(viewer && viewer->isVisible());
        // The same lines as `ocs verify` prints (SandboxVerifier::Result::reportLines).
        QVERIFY(
            viewer->text().contains(QStringLiteral("FAIL  dev-dns      resolved example.test")));
        QVERIFY(viewer->text().contains(QStringLiteral("PASS  firewall-v4  default deny")));

        report = "PASS firewall-v4 default deny\nPASS dev-dns blocked\n";
        exitCode = 0;
        verify->trigger();
        QTRY_VERIFY(verify->isEnabled());
        QVERIFY(!app.tray->notifications().constLast().error);
        QCOMPARE(app.tray->notifications().constLast().text,
                 QStringLiteral("All 2 checks passed."));
    }
};

QTEST_MAIN(TestVerify)
#include "tst_verify.moc"
