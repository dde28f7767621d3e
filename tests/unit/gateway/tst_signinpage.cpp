// Opening the browser on a sign-in URL without putting the URL on a command line (finding 3
// of issue 10): a private local page forwards the browser; the command gets only its path.

#include "gateway/signinpage.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace std::chrono_literals;

namespace {

const QByteArray Token = "SeCrEt-ToKeN_0123456789abcdefghijklmnopqrstu";

QUrl loginUrl()
{
    return QUrl(QStringLiteral("http://127.0.0.1:41234/__ocs/login?token=") +
                QString::fromLatin1(Token) + QStringLiteral("&next=%2Fsession%2Fa"));
}

int modeOf(const QString &path)
{
    struct stat st = {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

} // namespace

class TestSignInPage : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QByteArray m_oldRuntime, m_oldBrowser;

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_oldRuntime = qgetenv("XDG_RUNTIME_DIR");
        m_oldBrowser = qgetenv("OCS_BROWSER");
        const QString runtime = m_dir.filePath(QStringLiteral("runtime"));
        QVERIFY(QDir().mkpath(runtime));
        QVERIFY(
            QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime));
        qputenv("OCS_BROWSER", "/usr/bin/some-browser");
    }
    void cleanup()
    {
        qputenv("XDG_RUNTIME_DIR", m_oldRuntime);
        qputenv("OCS_BROWSER", m_oldBrowser);
    }

    void browserGetsOnlyAPrivatePage()
    {
        QString program;
        QStringList arguments;
        QString error;
        QObject context;
        QVERIFY2(ocs::signinpage::open(
                     loginUrl(), &context, &error,
                     [&](const QString &p, const QStringList &a) {
                         program = p;
                         arguments = a;
                         return true;
                     },
                     300ms),
                 qPrintable(error));
        QCOMPARE(program, QStringLiteral("/usr/bin/some-browser"));
        QCOMPARE(arguments.size(), 1);
        QVERIFY(!arguments.first().contains(QString::fromLatin1(Token)));
        const QUrl page(arguments.first());
        QVERIFY(page.isLocalFile());
        const QString file = page.toLocalFile();
        QVERIFY(file.startsWith(m_dir.filePath(QStringLiteral("runtime/"))));
        QCOMPARE(modeOf(file), 0600);
        QCOMPARE(modeOf(QFileInfo(file).absolutePath()), 0700);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray html = f.readAll();
        f.close();
        QVERIFY(html.contains("<meta http-equiv=\"refresh\" content=\"0;url=http://127.0.0.1:41234"
                              "/__ocs/login?token=" +
                              Token + "&amp;next=%2Fsession%2Fa\">"));
        // Gone once the token has expired.
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(file), 5000);
    }

    // Only gateway sign-in URLs, and a failed start leaves no page behind.
    void refusals()
    {
        QString error;
        int launches = 0;
        const auto launcher = [&](const QString &, const QStringList &) {
            ++launches;
            return false;
        };
        QVERIFY(!ocs::signinpage::open(QUrl(QStringLiteral("https://example.org/")), nullptr,
                                       &error, launcher));
        QCOMPARE(launches, 0);
        QVERIFY(!ocs::signinpage::open(loginUrl(), nullptr, &error, launcher));
        QCOMPARE(launches, 1);
        const QString dir = ocs::signinpage::directory();
        QVERIFY(QDir(dir).entryList(QDir::Files).isEmpty());
    }

    // Pages left behind by a process that ended early are removed by the next one.
    void stalePagesAreRemoved()
    {
        const QString dir = ocs::signinpage::directory();
        QVERIFY(!dir.isEmpty());
        const QString stale = dir + QStringLiteral("/signin-old.html");
        QFile f(stale);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-120),
                              QFileDevice::FileModificationTime));
        f.close();
        const QString fresh = dir + QStringLiteral("/signin-fresh.html");
        QFile g(fresh);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.close();
        QString error;
        QVERIFY(!ocs::signinpage::writePage(loginUrl(), &error).isEmpty());
        QVERIFY(!QFile::exists(stale));
        QVERIFY(QFile::exists(fresh)); // still within its minute
    }

    // Without a private runtime folder the page goes to the user's own state folder, never
    // to a shared one.
    void noSharedFolder()
    {
        const QByteArray oldRoot = qgetenv("OCS_STATE_ROOT");
        const auto restore = qScopeGuard([&] { qputenv("OCS_STATE_ROOT", oldRoot); });
        qputenv("OCS_STATE_ROOT", QFile::encodeName(m_dir.filePath(QStringLiteral("state"))));
        qunsetenv("XDG_RUNTIME_DIR");
        QString error;
        const QString page = ocs::signinpage::writePage(loginUrl(), &error);
        QVERIFY2(page.startsWith(m_dir.filePath(QStringLiteral("state/.run/"))), qPrintable(page));
        QCOMPARE(modeOf(QFileInfo(page).absolutePath()), 0700);
    }
};

QTEST_GUILESS_MAIN(TestSignInPage)
#include "tst_signinpage.moc"
