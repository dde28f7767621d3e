// One app per user: the first launch holds a lock and listens on a socket only the user can
// open; a second launch forwards its arguments (`--add PATH`, made absolute) and ends; a
// lock left by a dead process is taken over.

#include "guitest.h"
#include "singleinstance.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace ocs;
using namespace ocs::test;
using ocs::tray::SingleInstance;

class TestSingleInstance : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void secondInstanceForwardsArguments()
    {
        GuiTestEnvironment env;
        const QString dir = env.path(QStringLiteral("runtime"));
        SingleInstance first(dir);
        QCOMPARE(first.claim(), SingleInstance::Role::Primary);
        // The socket is for this user only.
        struct stat st
        {};
        QCOMPARE(::stat(QFile::encodeName(first.socketPath()).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 077), 0);

        SingleInstance second(dir);
        QCOMPARE(second.claim(), SingleInstance::Role::Secondary);
        QSignalSpy received(&first, &SingleInstance::argumentsReceived);
        bool done = false, ok = false;
        second.forward({QStringLiteral("--add"), QStringLiteral("/some/where")},
                       [&](bool success, const QString &) {
                           done = true;
                           ok = success;
                       });
        QTRY_VERIFY(done);
        QVERIFY(ok);
        QCOMPARE(received.count(), 1);
        QCOMPARE(received.first().first().toStringList(),
                 (QStringList{QStringLiteral("--add"), QStringLiteral("/some/where")}));
    }

    void forwardedAddRegistersTheProject()
    {
        // The real executable as the second launch, with a relative path.
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("forwarded"));
        TestApp app(env);
        QVERIFY(app.startAndSettle());
        SingleInstance first(env.path(QStringLiteral("runtime")));
        QCOMPARE(first.claim(), SingleInstance::Role::Primary);
        connect(&first, &SingleInstance::argumentsReceived, app.tray.get(),
                &tray::TrayController::handleArguments);

        QProcess second;
        second.setProgram(QStringLiteral(OCS_TRAY_BINARY));
        second.setArguments({QStringLiteral("--add"), QStringLiteral("forwarded")});
        second.setWorkingDirectory(QFileInfo(root).absolutePath());
        QProcessEnvironment pe = QProcessEnvironment::systemEnvironment();
        pe.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        second.setProcessEnvironment(pe);
        second.start();
        QTRY_VERIFY_WITH_TIMEOUT(second.state() == QProcess::NotRunning, 20000);
        QCOMPARE(second.exitStatus(), QProcess::NormalExit);
        QVERIFY2(second.exitCode() == 0, second.readAllStandardError().constData());
        QTRY_VERIFY(app.registry->contains(root));
        QTRY_VERIFY(app.tray->projectMenu(root));
    }

    // A second launch sends nothing to a socket that others may use (in a shared folder it
    // could be anyone's): secondInstanceForwardsArguments is the positive control.
    void forwardSendsNothingToASocketOthersCanUse()
    {
        GuiTestEnvironment env;
        const QString dir = env.path(QStringLiteral("runtime"));
        QVERIFY(QDir().mkpath(dir));
        SingleInstance second(dir);
        QLocalServer impostor;
        impostor.setSocketOptions(QLocalServer::WorldAccessOption);
        QVERIFY(impostor.listen(second.socketPath()));
        qint64 received = 0;
        connect(&impostor, &QLocalServer::newConnection, this, [&] {
            QLocalSocket *s = impostor.nextPendingConnection();
            connect(s, &QLocalSocket::readyRead, s, [&received, s] {
                received += s->readAll().size();
                s->write("ok\n");
            });
        });
        bool done = false, ok = true;
        second.forward({QStringLiteral("--add"), QStringLiteral("/secret/path")},
                       [&](bool success, const QString &) {
                           done = true;
                           ok = success;
                       });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QVERIFY(!ok);
        QTest::qWait(100);
        QCOMPARE(received, 0);
    }

    // Without XDG_RUNTIME_DIR the lock and socket are in the user's own 0700 folder, never
    // in a shared one.
    void defaultFolderIsPrivate()
    {
        GuiTestEnvironment env;
        qunsetenv("XDG_RUNTIME_DIR");
        const QString dir = SingleInstance::defaultDirectory();
        QVERIFY2(!dir.startsWith(QDir::tempPath() + QLatin1Char('/')) ||
                     dir.startsWith(env.path(QString())),
                 qPrintable(dir));
        struct stat st
        {};
        QCOMPARE(::lstat(QFile::encodeName(dir).constData(), &st), 0);
        QCOMPARE(int(st.st_uid), int(::getuid()));
        QCOMPARE(int(st.st_mode & 077), 0);
    }

    void staleLockIsTakenOver()
    {
        GuiTestEnvironment env;
        const QString dir = env.path(QStringLiteral("runtime"));
        SingleInstance probe(dir);
        // A lock file as a crashed instance leaves it: a PID that is not running.
        QFile lock(probe.lockPath());
        QVERIFY(lock.open(QIODevice::WriteOnly));
        lock.write("999999\nopencode-sandbox\n" + QSysInfo::machineHostName().toUtf8() + "\n");
        lock.close();
        QFile stale(probe.socketPath());
        QVERIFY(stale.open(QIODevice::WriteOnly)); // a leftover socket file
        stale.close();
        SingleInstance first(dir);
        QCOMPARE(first.claim(), SingleInstance::Role::Primary);
        SingleInstance second(dir);
        QCOMPARE(second.claim(), SingleInstance::Role::Secondary);
    }
};

QTEST_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
