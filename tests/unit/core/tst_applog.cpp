// The persistent app log (ocs::AppLog): folder and file modes, rotation, the message
// handler, the tail, and where the folder is by default.
#include "app/applog.h"
#include "logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace ocs;

namespace {

int modeOf(const QString &path)
{
    struct stat st
    {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestAppLog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void privateModes();
    void fixesModesOfExistingFiles();
    void rotatesAndKeepsThreeFiles();
    void tailSpansRotatedFiles();
    void handlerWritesMessagesAndKeepsThePreviousHandler();
    void defaultDirectoryFollowsXdgStateHome();

private:
    QTemporaryDir m_tmp;
    QString m_dir;
};

void TestAppLog::init()
{
    QVERIFY(m_tmp.isValid());
    m_dir = m_tmp.filePath(QStringLiteral("state/opencode-sandbox"));
    QDir(m_dir).removeRecursively();
}

void TestAppLog::cleanup()
{
    AppLog::uninstall();
    qunsetenv("OCS_LOG_DIR");
}

void TestAppLog::privateModes()
{
    AppLog log({m_dir, QStringLiteral("test"), 1024, 3});
    QVERIFY(log.append(QStringLiteral("hello")));
    QCOMPARE(modeOf(m_dir), 0700);
    QCOMPARE(log.filePath(), m_dir + QStringLiteral("/test.log"));
    QCOMPARE(modeOf(log.filePath()), 0600);
    QCOMPARE(readAll(log.filePath()), QByteArray("hello\n"));
}

void TestAppLog::fixesModesOfExistingFiles()
{
    QVERIFY(QDir().mkpath(m_dir));
    QVERIFY(QFile::setPermissions(m_dir, QFileDevice::Permissions(0x7755)));
    QFile old(m_dir + QStringLiteral("/test.log"));
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old line\n");
    old.close();
    QVERIFY(old.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                               QFileDevice::ReadGroup | QFileDevice::ReadOther));
    QCOMPARE(modeOf(old.fileName()), 0644);

    AppLog log({m_dir, QStringLiteral("test"), 1024, 3});
    QVERIFY(log.append(QStringLiteral("new line")));
    QCOMPARE(modeOf(m_dir), 0700);
    QCOMPARE(modeOf(old.fileName()), 0600);
    QCOMPARE(readAll(old.fileName()), QByteArray("old line\nnew line\n"));
}

void TestAppLog::rotatesAndKeepsThreeFiles()
{
    const qint64 max = 1000;
    AppLog log({m_dir, QStringLiteral("test"), max, 3});
    // 100 lines of 50 bytes: 5000 bytes, i.e. five files' worth.
    for (int i = 0; i < 100; ++i)
        QVERIFY(log.append(QStringLiteral("line %1 ").arg(i, 3, 10, QLatin1Char('0')) +
                           QString(40, QLatin1Char('x'))));
    const QStringList files = log.files();
    QCOMPARE(files, QStringList({m_dir + QStringLiteral("/test.log"),
                                 m_dir + QStringLiteral("/test.log.1"),
                                 m_dir + QStringLiteral("/test.log.2")}));
    QVERIFY(!QFileInfo::exists(m_dir + QStringLiteral("/test.log.3")));
    for (const QString &f : files) {
        QVERIFY2(QFileInfo(f).size() <= max, qPrintable(f));
        QCOMPARE(modeOf(f), 0600);
    }
    // Full files: 20 lines of 50 bytes each; the newest line is last in the current file,
    // the oldest lines are gone.
    QCOMPARE(QFileInfo(files.at(1)).size(), 1000);
    QVERIFY(readAll(files.at(0)).endsWith("line 099 " + QByteArray(40, 'x') + '\n'));
    QVERIFY(readAll(files.at(1)).startsWith("line 060 "));
    QVERIFY(readAll(files.at(2)).startsWith("line 040 "));
    for (const QString &f : files)
        QVERIFY(!readAll(f).contains("line 039 "));
}

void TestAppLog::tailSpansRotatedFiles()
{
    AppLog log({m_dir, QStringLiteral("test"), 100, 3});
    for (int i = 0; i < 12; ++i)
        QVERIFY(log.append(QStringLiteral("entry %1").arg(i, 2, 10, QLatin1Char('0'))));
    // "entry NN\n" is 9 bytes: 11 per file, the 12th starts a new one.
    QCOMPARE(log.files().size(), 2);
    const QString tail = log.tail(45);
    // Whole lines only, newest last, across the rotation.
    QCOMPARE(tail, QStringLiteral("entry 08\nentry 09\nentry 10\nentry 11\n"));
    QCOMPARE(log.tail(1000).count(QLatin1Char('\n')), 12);
}

void TestAppLog::handlerWritesMessagesAndKeepsThePreviousHandler()
{
    static QStringList previous;
    previous.clear();
    const QtMessageHandler before = qInstallMessageHandler(
        [](QtMsgType, const QMessageLogContext &, const QString &msg) { previous << msg; });
    qputenv("OCS_LOG_DIR", QFile::encodeName(m_dir));
    AppLog *log = AppLog::install();
    QVERIFY(log);
    QCOMPARE(AppLog::instance(), log);
    QCOMPARE(log->filePath(), m_dir + QStringLiteral("/opencode-sandbox.log"));
    qCWarning(lcEngine) << "engine went away";
    AppLog::uninstall();
    qInstallMessageHandler(before);

    QVERIFY(previous.contains(QStringLiteral("engine went away")));
    const QByteArray text = readAll(m_dir + QStringLiteral("/opencode-sandbox.log"));
    QVERIFY2(text.contains("ocs.engine warning: engine went away\n"), text.constData());
    QVERIFY2(text.contains(QByteArray("tst_applog[") + QByteArray::number(qint64(::getpid()))),
             text.constData());
    QCOMPARE(modeOf(m_dir + QStringLiteral("/opencode-sandbox.log")), 0600);
}

void TestAppLog::defaultDirectoryFollowsXdgStateHome()
{
    const QByteArray oldState = qgetenv("XDG_STATE_HOME");
    const QByteArray oldHome = qgetenv("HOME");
    qputenv("HOME", QFile::encodeName(m_tmp.path()));
    qputenv("XDG_STATE_HOME", "/somewhere/state");
    QCOMPARE(AppLog::defaultDirectory(), QStringLiteral("/somewhere/state/opencode-sandbox"));
    qputenv("XDG_STATE_HOME", "relative/state"); // invalid per the spec: ignored
    QCOMPARE(AppLog::defaultDirectory(),
             m_tmp.path() + QStringLiteral("/.local/state/opencode-sandbox"));
    qunsetenv("XDG_STATE_HOME");
    QCOMPARE(AppLog::defaultDirectory(),
             m_tmp.path() + QStringLiteral("/.local/state/opencode-sandbox"));
    qputenv("OCS_LOG_DIR", "/elsewhere/logs");
    QCOMPARE(AppLog::defaultDirectory(), QStringLiteral("/elsewhere/logs"));
    qputenv("HOME", oldHome);
    if (oldState.isEmpty())
        qunsetenv("XDG_STATE_HOME");
    else
        qputenv("XDG_STATE_HOME", oldState);
}

QTEST_GUILESS_MAIN(TestAppLog)
#include "tst_applog.moc"
