// A long-running child of the app (the engine's event stream) must not outlive the app,
// however the app ends: killed, crashed, its display gone. Runs real processes: this test
// binary starts itself again as a "helper app" that starts `sleep` through the process
// launcher and prints the sleep's pid; the test kills the helper with SIGKILL (no clean-up
// runs) and looks whether the sleep is still there.

#include "engine/process.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTextStream>
#include <QtTest>

#include <csignal>
#include <cstdio>

using namespace ocs;

namespace {

constexpr char HelperVariable[] = "OCS_TST_PROCESSLIFETIME_HELPER";

// The helper app: starts `sh -c 'echo $$; exec sleep 300'` (the shell's pid is the sleep's),
// passes its first line on, and waits to be killed.
int runHelper(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ProcessSpec spec;
    spec.program = QStringLiteral("/bin/sh");
    spec.arguments = {QStringLiteral("-c"), QStringLiteral("echo $$; exec sleep 300")};
    spec.timeout = std::chrono::milliseconds(0);
    spec.endsWithThisProcess = qEnvironmentVariable(HelperVariable) == QLatin1String("ends");
    ProcessJob *job = ProcessLauncher::instance().start(spec, &app);
    QObject::connect(job, &ProcessJob::outputLine, &app, [](const QString &line) {
        std::fprintf(stdout, "%s\n", qPrintable(line));
        std::fflush(stdout);
    });
    return app.exec();
}

// Alive: /proc/PID exists and is not a zombie (an orphan is reaped by whoever adopts it,
// maybe late).
bool alive(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray s = stat.readAll();
    const qsizetype close = s.lastIndexOf(')');
    return close > 0 && s.mid(close + 2, 1) != "Z";
}

} // namespace

class TestProcessLifetime : public QObject
{
    Q_OBJECT

    // Starts the helper (child marked or not), returns the sleep's pid after killing the
    // helper with SIGKILL.
    static qint64 sleepOfKilledHelper(bool endsWithHelper)
    {
        QProcess helper;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(HelperVariable),
                   endsWithHelper ? QStringLiteral("ends") : QStringLiteral("stays"));
        helper.setProcessEnvironment(env);
        helper.start(QCoreApplication::applicationFilePath(), {});
        if (!helper.waitForStarted(5000) || !helper.waitForReadyRead(10000))
            return -1;
        bool ok = false;
        const qint64 pid = helper.readLine().trimmed().toLongLong(&ok);
        if (!ok || !alive(pid))
            return -1;
        helper.kill(); // SIGKILL: nothing of the helper runs any more
        helper.waitForFinished(5000);
        return pid;
    }

private Q_SLOTS:
    void markedChildEndsWithTheApp()
    {
        const qint64 pid = sleepOfKilledHelper(true);
        QVERIFY(pid > 0);
        QTRY_VERIFY_WITH_TIMEOUT(!alive(pid), 5000);
    }

    void unmarkedChildOutlivesIt()
    {
        // The control: without the mark the same child stays (so the test above can fail).
        const qint64 pid = sleepOfKilledHelper(false);
        QVERIFY(pid > 0);
        QTest::qWait(500);
        const bool stayed = alive(pid);
        ::kill(pid_t(pid), SIGKILL);
        QVERIFY(stayed);
    }
};

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsSet(HelperVariable))
        return runHelper(argc, argv);
    QCoreApplication app(argc, argv);
    TestProcessLifetime t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_processlifetime.moc"
