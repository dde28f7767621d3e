// PasswordStore without a keychain (OCS_KEYCHAIN=0): the owner-only file fallback, the
// reference's file adopted as it is. The real keychain: tst_passwordstore_keychain.

#include "sandbox/passwordstore.h"
#include "testhelpers.h"

#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace ocs;
using namespace ocs::test;

class TestPasswordStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void generate_isUrlSafeAnd48Chars();
    void generate_differsEachCall();
    void keychainEnabled_data();
    void keychainEnabled();

    void obtain_createsOwnerOnlyFile();
    void obtain_returnsSamePasswordNextTime();
    void obtain_adoptsReferenceFile();
    void obtain_tightensLooseFile();
    void obtain_replacesEmptyFile();
    void obtain_failsWhenStateFolderIsMissing();
    void forget_removesFile();

private:
    PasswordStore::Result obtain(const QString &stateDir);

    QTemporaryDir m_tmp;
    QString m_stateDir;
    EnvGuard m_env;
    int m_n = 0;
};

void TestPasswordStore::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_env.set("OCS_KEYCHAIN", QStringLiteral("0"));
    m_env.set("HOME", m_tmp.filePath(QStringLiteral("home")));
}

void TestPasswordStore::init()
{
    // A fresh state folder for every test.
    m_stateDir = m_tmp.filePath(QStringLiteral("state-%1").arg(++m_n));
    QVERIFY(QDir().mkpath(m_stateDir));
    QVERIFY(setMode(m_stateDir, 0700));
}

PasswordStore::Result TestPasswordStore::obtain(const QString &stateDir)
{
    PasswordStore store(QStringLiteral("demo-123abc"), stateDir);
    std::optional<PasswordStore::Result> result;
    store.obtain([&](const PasswordStore::Result &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 5000)) {
        PasswordStore::Result none;
        none.error = QStringLiteral("obtain() never called back");
        return none;
    }
    return *result;
}

void TestPasswordStore::generate_isUrlSafeAnd48Chars()
{
    static const QRegularExpression urlSafe(QStringLiteral("^[A-Za-z0-9_-]{48}$"));
    for (int i = 0; i < 50; ++i) {
        const QString pw = PasswordStore::generate();
        QCOMPARE(pw.size(), 48);
        QVERIFY2(urlSafe.match(pw).hasMatch(), qPrintable(pw));
    }
}

void TestPasswordStore::generate_differsEachCall()
{
    QSet<QString> seen;
    for (int i = 0; i < 200; ++i)
        seen.insert(PasswordStore::generate());
    QCOMPARE(seen.size(), 200);
    QVERIFY(PasswordStore::generate() != PasswordStore::generate());
}

void TestPasswordStore::keychainEnabled_data()
{
    QTest::addColumn<QString>("setting"); // "<unset>" = not set
    QTest::addColumn<QString>("bus");     // "<unset>" = not set
    QTest::addColumn<bool>("enabled");
    const QString unset = QStringLiteral("<unset>");
    const QString bus = QStringLiteral("unix:path=/run/user/1000/bus");
    QTest::newRow("0") << QStringLiteral("0") << bus << false;
    QTest::newRow("off") << QStringLiteral("off") << bus << false;
    QTest::newRow("on with a bus") << QStringLiteral("1") << bus << true;
    QTest::newRow("default with a bus") << unset << bus << true;
    QTest::newRow("no session bus") << unset << unset << false;
}

void TestPasswordStore::keychainEnabled()
{
    QFETCH(QString, setting);
    QFETCH(QString, bus);
    QFETCH(bool, enabled);
    EnvGuard env;
    if (setting == QLatin1String("<unset>"))
        env.unset("OCS_KEYCHAIN");
    else
        env.set("OCS_KEYCHAIN", setting);
    if (bus == QLatin1String("<unset>"))
        env.unset("DBUS_SESSION_BUS_ADDRESS");
    else
        env.set("DBUS_SESSION_BUS_ADDRESS", bus);
    QCOMPARE(PasswordStore::keychainEnabled(), enabled);
}

void TestPasswordStore::obtain_createsOwnerOnlyFile()
{
    const QString file = m_stateDir + QStringLiteral("/opencode-password");
    QVERIFY(!QFile::exists(file));
    const auto r = obtain(m_stateDir);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.location, PasswordStore::Location::File);
    QCOMPARE(r.password.size(), 48);
    QCOMPARE(fileMode(file), 0600);
    QCOMPARE(readFile(file), r.password.toUtf8() + '\n');
    QCOMPARE(PasswordStore(QStringLiteral("x"), m_stateDir).fallbackFile(), file);
    // The user is told where it is and why.
    QVERIFY2(r.notice.contains(file), qPrintable(r.notice));
    QVERIFY2(r.notice.contains(QStringLiteral("keychain")), qPrintable(r.notice));
    // No temporary files left behind.
    QCOMPARE(QDir(m_stateDir).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("opencode-password")});
}

void TestPasswordStore::obtain_returnsSamePasswordNextTime()
{
    const auto first = obtain(m_stateDir);
    QVERIFY(first.ok);
    const auto second = obtain(m_stateDir);
    QVERIFY(second.ok);
    QCOMPARE(second.password, first.password);
    QCOMPARE(second.location, PasswordStore::Location::File);
    QVERIFY2(second.notice.isEmpty(), qPrintable(second.notice)); // said once is enough
    QCOMPARE(fileMode(m_stateDir + QStringLiteral("/opencode-password")), 0600);
}

void TestPasswordStore::obtain_adoptsReferenceFile()
{
    // What the reference scripts left: the password and a newline, mode 0600.
    const QString file = m_stateDir + QStringLiteral("/opencode-password");
    const QByteArray content = "ReferenceScriptPassword_0123456789abcdefABCDEF\n";
    QVERIFY(writeFile(file, content, QFile::ReadOwner | QFile::WriteOwner));
    const auto r = obtain(m_stateDir);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.password, QStringLiteral("ReferenceScriptPassword_0123456789abcdefABCDEF"));
    QCOMPARE(readFile(file), content);
    QCOMPARE(fileMode(file), 0600);
}

void TestPasswordStore::obtain_tightensLooseFile()
{
    const QString file = m_stateDir + QStringLiteral("/opencode-password");
    QVERIFY(writeFile(file, "loose-password\n"));
    QVERIFY(setMode(file, 0644));
    QCOMPARE(fileMode(file), 0644);
    const auto r = obtain(m_stateDir);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.password, QStringLiteral("loose-password"));
    QCOMPARE(fileMode(file), 0600);
    QCOMPARE(readFile(file), QByteArray("loose-password\n"));
}

void TestPasswordStore::obtain_replacesEmptyFile()
{
    const QString file = m_stateDir + QStringLiteral("/opencode-password");
    QVERIFY(writeFile(file, "\n", QFile::ReadOwner | QFile::WriteOwner));
    const auto r = obtain(m_stateDir);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.password.size(), 48);
    QCOMPARE(readFile(file), r.password.toUtf8() + '\n');
    QCOMPARE(fileMode(file), 0600);
}

void TestPasswordStore::obtain_failsWhenStateFolderIsMissing()
{
    const QString missing = m_tmp.filePath(QStringLiteral("no/such/folder"));
    const auto r = obtain(missing);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(missing + QStringLiteral("/opencode-password")), qPrintable(r.error));
}

void TestPasswordStore::forget_removesFile()
{
    const auto first = obtain(m_stateDir);
    QVERIFY(first.ok);
    const QString file = m_stateDir + QStringLiteral("/opencode-password");
    QVERIFY(QFile::exists(file));
    PasswordStore store(QStringLiteral("demo-123abc"), m_stateDir);
    std::optional<PasswordStore::Result> forgotten;
    store.forget([&](const PasswordStore::Result &r) { forgotten = r; });
    QTRY_VERIFY(forgotten.has_value());
    QVERIFY(forgotten->ok);
    QVERIFY(!QFile::exists(file));
    const auto fresh = obtain(m_stateDir);
    QVERIFY(fresh.ok);
    QVERIFY(fresh.password != first.password);
}

QTEST_GUILESS_MAIN(TestPasswordStore)
#include "tst_passwordstore.moc"
