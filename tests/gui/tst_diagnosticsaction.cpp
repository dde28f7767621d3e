// "Save diagnostics…" in the tray: the menu action writes one private file with the versions
// and the sandboxes, and none of the secrets the app holds (the sandbox password, a
// passthrough value, an env value of the config).

#include "guitest.h"

#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ocs;
using namespace ocs::test;
using ocs::tray::TrayController;

class TestDiagnosticsAction : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void menuActionWritesAPrivateReportWithoutSecrets()
    {
        GuiTestEnvironment env;
        qputenv("OCS_DIAG_HOST_SECRET", "host-secret-value-31337");
        const QString root =
            env.makeProject(QStringLiteral("diag"), "sandbox-name: diag\n"
                                                    "http-domain-whitelist:\n"
                                                    "  - allowed.test\n"
                                                    "env-passthrough:\n"
                                                    "  TOKEN: OCS_DIAG_HOST_SECRET\n"
                                                    "env:\n"
                                                    "  CONFIG_SECRET: config-secret-value-4242\n");
        QTemporaryDir out;
        QVERIFY(out.isValid());
        const QString target = out.path() + QStringLiteral("/report.txt");
        QString suggested;
        tray::TrayOptions options = TestApp::noTray();
        options.chooseDiagnosticsFile = [&](const QString &s) {
            suggested = s;
            return target;
        };
        TestApp app(env, options);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        ManagedSandbox *s = app.fleet->sandbox(root);
        static_cast<FakeEngine *>(&ProcessLauncher::instance())
            ->addImage(s->project()->imageName());
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ManagedSandbox::State::Running, 10000);
        QFile passwordFile(s->project()->stateDir() + QStringLiteral("/opencode-password"));
        QVERIFY2(passwordFile.open(QIODevice::ReadOnly), qPrintable(passwordFile.fileName()));
        const QByteArray password = passwordFile.readAll().trimmed();
        QVERIFY(password.size() >= 16);

        QAction *save = app.tray->action(TrayController::Action::SaveDiagnostics);
        QVERIFY(save && save->isEnabled());
        const int before = int(app.tray->notifications().size());
        save->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(target), 10000);
        QTRY_VERIFY(app.tray->notifications().size() > before);
        QCOMPARE(app.tray->notifications().constLast().title, QStringLiteral("Diagnostics saved"));
        QVERIFY2(suggested.endsWith(QStringLiteral(".txt")), qPrintable(suggested));

        // 0600: the owner reads and writes, nobody else anything.
        const QFile::Permissions perms = QFileInfo(target).permissions();
        QVERIFY(perms.testFlags(QFile::ReadOwner | QFile::WriteOwner));
        QCOMPARE(perms & (QFile::ExeOwner | QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup |
                          QFile::ReadOther | QFile::WriteOther | QFile::ExeOther),
                 QFile::Permissions());
        QFile f(target);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray report = f.readAll();
        QVERIFY2(report.contains(s->project()->sandboxId().toUtf8()), report.constData());
        QVERIFY2(report.contains(QT_VERSION_STR), report.constData());
        for (const QByteArray &secret : {password, QByteArray("host-secret-value-31337"),
                                         QByteArray("config-secret-value-4242")})
            QVERIFY2(!report.contains(secret), secret.constData());
        qunsetenv("OCS_DIAG_HOST_SECRET");
    }
};

QTEST_MAIN(TestDiagnosticsAction)
#include "tst_diagnosticsaction.moc"
