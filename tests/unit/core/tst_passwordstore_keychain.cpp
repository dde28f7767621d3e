// PasswordStore against a real Secret Service keychain. CTest runs this inside a private
// D-Bus session with an unlocked gnome-keyring and a throwaway HOME
// (tests/unit/support/with-keyring.sh); it never touches the user's own keyring.
// When the keyring cannot be had, every test is skipped loudly and the process exits with
// 77, which CTest reports as "skipped" (SKIP_RETURN_CODE), never as passed.

#include "sandbox/passwordstore.h"
#include "testhelpers.h"

#include <QCoreApplication>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace ocs;
using namespace ocs::test;

class TestPasswordStoreKeychain : public QObject
{
    Q_OBJECT
public:
    bool skipped() const { return !m_skipReason.isEmpty(); }

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void obtain_storesInKeychain();
    void obtain_returnsSamePasswordNextTime();
    void obtain_migratesFileIntoKeychain();
    void forget_removesFromKeychain();

private:
    std::optional<PasswordStore::Result> obtain(const QString &id, const QString &stateDir);
    std::optional<PasswordStore::Result> forget(const QString &id, const QString &stateDir);
    // The secret as the Secret Service has it (QtKeychain's libsecret schema), via
    // secret-tool; nullopt when there is none.
    std::optional<QString> lookup(const QString &id);
    QString newStateDir(const QString &id);

    QString m_skipReason;
    QTemporaryDir m_tmp;
    EnvGuard m_env;
    QString m_secretTool;
    QStringList m_ids; // to clean up
};

#define LOUD_SKIP(reason)                                                                          \
    do {                                                                                           \
        m_skipReason = reason;                                                                     \
        qWarning("\n**********************************************************************\n"      \
                 "*** tst_passwordstore_keychain: THE KEYCHAIN WAS NOT TESTED\n"                   \
                 "*** %s\n"                                                                        \
                 "**********************************************************************",         \
                 qPrintable(m_skipReason));                                                        \
        QSKIP(qPrintable(m_skipReason));                                                           \
    } while (false)

void TestPasswordStoreKeychain::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    const QString unavailable = qEnvironmentVariable("OCS_KEYRING_UNAVAILABLE");
    if (!unavailable.isEmpty())
        LOUD_SKIP(QStringLiteral("with-keyring.sh could not set up a keyring: ") + unavailable);
    if (qEnvironmentVariableIsEmpty("OCS_KEYRING_WRAPPED"))
        LOUD_SKIP(QStringLiteral("not started through tests/unit/support/with-keyring.sh (run it "
                                 "with ctest, or: with-keyring.sh ./tst_passwordstore_keychain)"));
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        LOUD_SKIP(QStringLiteral("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is empty)"));
    m_secretTool = QStandardPaths::findExecutable(QStringLiteral("secret-tool"));
    if (m_secretTool.isEmpty())
        LOUD_SKIP(QStringLiteral("secret-tool is not installed (apt install libsecret-tools)"));

    // Prove the Secret Service answers before blaming PasswordStore for anything.
    QProcess store;
    store.start(m_secretTool, {QStringLiteral("store"), QStringLiteral("--label=ocs probe"),
                               QStringLiteral("ocs-test"), QStringLiteral("probe")});
    store.write("probe-value");
    store.closeWriteChannel();
    if (!store.waitForFinished(15000) || store.exitCode() != 0)
        LOUD_SKIP(QStringLiteral("the Secret Service does not store secrets: ") +
                  QString::fromUtf8(store.readAllStandardError()).trimmed());

    m_env.unset("OCS_KEYCHAIN"); // use the keychain
}

void TestPasswordStoreKeychain::cleanupTestCase()
{
    if (skipped())
        return;
    for (const QString &id : std::as_const(m_ids))
        forget(id, m_tmp.path());
    QProcess::execute(m_secretTool, {QStringLiteral("clear"), QStringLiteral("ocs-test"),
                                     QStringLiteral("probe")});
}

QString TestPasswordStoreKeychain::newStateDir(const QString &id)
{
    const QString dir = m_tmp.filePath(id);
    QDir().mkpath(dir);
    m_ids << id;
    return dir;
}

std::optional<PasswordStore::Result> TestPasswordStoreKeychain::obtain(const QString &id,
                                                                       const QString &stateDir)
{
    PasswordStore store(id, stateDir);
    std::optional<PasswordStore::Result> result;
    store.obtain([&](const PasswordStore::Result &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 20000))
        return std::nullopt;
    return result;
}

std::optional<PasswordStore::Result> TestPasswordStoreKeychain::forget(const QString &id,
                                                                       const QString &stateDir)
{
    PasswordStore store(id, stateDir);
    std::optional<PasswordStore::Result> result;
    store.forget([&](const PasswordStore::Result &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 20000))
        return std::nullopt;
    return result;
}

std::optional<QString> TestPasswordStoreKeychain::lookup(const QString &id)
{
    QProcess p;
    p.start(m_secretTool,
            {QStringLiteral("lookup"), QStringLiteral("server"), PasswordStore::ServiceName,
             QStringLiteral("user"), QStringLiteral("server-password/") + id});
    if (!p.waitForFinished(15000) || p.exitCode() != 0)
        return std::nullopt;
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    if (out.isEmpty())
        return std::nullopt;
    return out;
}

void TestPasswordStoreKeychain::obtain_storesInKeychain()
{
    const QString id = QStringLiteral("kc-store-%1").arg(QCoreApplication::applicationPid());
    const QString dir = newStateDir(id);
    QCOMPARE(lookup(id), std::nullopt);

    const auto r = obtain(id, dir);
    QVERIFY(r);
    QVERIFY2(r->ok, qPrintable(r->error));
    QCOMPARE(r->location, PasswordStore::Location::Keychain);
    QCOMPARE(r->password.size(), 48);
    QVERIFY2(r->notice.isEmpty(), qPrintable(r->notice));
    // No file: the keychain holds it.
    QVERIFY(!QFile::exists(dir + QStringLiteral("/opencode-password")));
    QCOMPARE(QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList());
    // It really is in the Secret Service, under our service and key.
    QCOMPARE(lookup(id), std::optional<QString>(r->password));
}

void TestPasswordStoreKeychain::obtain_returnsSamePasswordNextTime()
{
    const QString id = QStringLiteral("kc-again-%1").arg(QCoreApplication::applicationPid());
    const QString dir = newStateDir(id);
    const auto first = obtain(id, dir);
    QVERIFY(first && first->ok);
    const auto second = obtain(id, dir);
    QVERIFY(second);
    QVERIFY2(second->ok, qPrintable(second->error));
    QCOMPARE(second->location, PasswordStore::Location::Keychain);
    QCOMPARE(second->password, first->password);
    QVERIFY(!QFile::exists(dir + QStringLiteral("/opencode-password")));
    // Another sandbox gets its own password.
    const QString other = QStringLiteral("kc-other-%1").arg(QCoreApplication::applicationPid());
    const auto third = obtain(other, newStateDir(other));
    QVERIFY(third && third->ok);
    QVERIFY(third->password != first->password);
}

void TestPasswordStoreKeychain::obtain_migratesFileIntoKeychain()
{
    const QString id = QStringLiteral("kc-migrate-%1").arg(QCoreApplication::applicationPid());
    const QString dir = newStateDir(id);
    const QString file = dir + QStringLiteral("/opencode-password");
    QVERIFY(writeFile(file, "password-from-the-reference-scripts\n",
                      QFile::ReadOwner | QFile::WriteOwner));

    const auto r = obtain(id, dir);
    QVERIFY(r);
    QVERIFY2(r->ok, qPrintable(r->error));
    QCOMPARE(r->location, PasswordStore::Location::Keychain);
    QCOMPARE(r->password, QStringLiteral("password-from-the-reference-scripts"));
    QVERIFY(!QFile::exists(file));
    QVERIFY2(r->notice.contains(file), qPrintable(r->notice));
    QVERIFY2(r->notice.contains(QStringLiteral("keychain")), qPrintable(r->notice));
    QCOMPARE(lookup(id),
             std::optional<QString>(QStringLiteral("password-from-the-reference-scripts")));

    // Afterwards it comes from the keychain, still without a file.
    const auto again = obtain(id, dir);
    QVERIFY(again && again->ok);
    QCOMPARE(again->password, r->password);
    QVERIFY(again->notice.isEmpty());
    QVERIFY(!QFile::exists(file));
}

void TestPasswordStoreKeychain::forget_removesFromKeychain()
{
    const QString id = QStringLiteral("kc-forget-%1").arg(QCoreApplication::applicationPid());
    const QString dir = newStateDir(id);
    const auto first = obtain(id, dir);
    QVERIFY(first && first->ok);
    QVERIFY(lookup(id));

    const auto f = forget(id, dir);
    QVERIFY(f);
    QVERIFY2(f->ok, qPrintable(f->error));
    QCOMPARE(lookup(id), std::nullopt);
    // Forgetting what is not there is fine too.
    const auto twice = forget(id, dir);
    QVERIFY(twice && twice->ok);

    const auto fresh = obtain(id, dir);
    QVERIFY(fresh && fresh->ok);
    QCOMPARE(fresh->location, PasswordStore::Location::Keychain);
    QVERIFY(fresh->password != first->password);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    TestPasswordStoreKeychain test;
    QTEST_SET_MAIN_SOURCE_PATH
    const int rc = QTest::qExec(&test, argc, argv);
    // Skipped is not passed: 77 makes CTest say so (SKIP_RETURN_CODE).
    return rc == 0 && test.skipped() ? 77 : rc;
}

#include "tst_passwordstore_keychain.moc"
