// SecretStore against a real Secret Service keychain, inside the private D-Bus session of
// tests/unit/support/with-keyring.sh (never the user's keyring). Skipped loudly (exit code 77,
// CTest: "not run") when no keyring can be had.

#include "sandbox/passwordstore.h"
#include "secrets/secretstore.h"
#include "testhelpers.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ocs;
using namespace ocs::test;

using Scope = SecretStore::Scope;

class TestSecretStoreKeychain : public QObject
{
    Q_OBJECT
public:
    bool skipped() const { return !m_skipReason.isEmpty(); }

private Q_SLOTS:
    void initTestCase();

    void roundTrip();
    void projectAndSharedAreSeparate();
    void removeForgetsValueAndSource();

private:
    SecretStore::Result setValue(SecretStore &s, const QString &name, Scope scope,
                                 const QByteArray &value);
    SecretStore::Result remove(SecretStore &s, const QString &name, Scope scope);
    std::pair<bool, QString> isSet(SecretStore &s, const QString &name, Scope scope);
    SecretStore::Resolution resolve(SecretStore &s, const QStringList &names);
    // The secret as the Secret Service holds it (secret-tool), nullopt when there is none.
    std::optional<QByteArray> lookup(const QString &key);
    QByteArray allFiles() const;

    QString m_skipReason;
    QTemporaryDir m_tmp;
    EnvGuard m_env;
    QString m_secretTool;
    QString m_settings;
};

#define LOUD_SKIP(reason)                                                                          \
    do {                                                                                           \
        m_skipReason = reason;                                                                     \
        qWarning("\n**********************************************************************\n"      \
                 "*** tst_secretstore_keychain: THE KEYCHAIN WAS NOT TESTED\n"                     \
                 "*** %s\n"                                                                        \
                 "**********************************************************************",         \
                 qPrintable(m_skipReason));                                                        \
        QSKIP(qPrintable(m_skipReason));                                                           \
    } while (false)

void TestSecretStoreKeychain::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_settings = m_tmp.filePath(u"opencode-sandbox.conf"_s);
    const QString unavailable = qEnvironmentVariable("OCS_KEYRING_UNAVAILABLE");
    if (!unavailable.isEmpty())
        LOUD_SKIP(u"with-keyring.sh could not set up a keyring: "_s + unavailable);
    if (qEnvironmentVariableIsEmpty("OCS_KEYRING_WRAPPED"))
        LOUD_SKIP(u"not started through tests/unit/support/with-keyring.sh"_s);
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        LOUD_SKIP(u"no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is empty)"_s);
    m_secretTool = QStandardPaths::findExecutable(u"secret-tool"_s);
    if (m_secretTool.isEmpty())
        LOUD_SKIP(u"secret-tool is not installed (apt install libsecret-tools)"_s);
    QProcess store;
    store.start(m_secretTool, {u"store"_s, u"--label=ocs probe"_s, u"ocs-test"_s, u"probe"_s});
    store.write("probe-value");
    store.closeWriteChannel();
    if (!store.waitForFinished(15000) || store.exitCode() != 0)
        LOUD_SKIP(u"the Secret Service does not store secrets: "_s +
                  QString::fromUtf8(store.readAllStandardError()).trimmed());
    m_env.unset("OCS_KEYCHAIN");
}

SecretStore::Result TestSecretStoreKeychain::setValue(SecretStore &s, const QString &name,
                                                      Scope scope, const QByteArray &value)
{
    std::optional<SecretStore::Result> result;
    s.setValue(name, scope, value, [&](const SecretStore::Result &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 20000))
        return {false, u"setValue did not finish"_s};
    return *result;
}

SecretStore::Result TestSecretStoreKeychain::remove(SecretStore &s, const QString &name,
                                                    Scope scope)
{
    std::optional<SecretStore::Result> result;
    s.remove(name, scope, [&](const SecretStore::Result &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 20000))
        return {false, u"remove did not finish"_s};
    return *result;
}

std::pair<bool, QString> TestSecretStoreKeychain::isSet(SecretStore &s, const QString &name,
                                                        Scope scope)
{
    std::optional<std::pair<bool, QString>> result;
    s.isSet(name, scope, [&](bool set, const QString &error) { result = {set, error}; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 20000))
        return {false, u"isSet did not finish"_s};
    return *result;
}

SecretStore::Resolution TestSecretStoreKeychain::resolve(SecretStore &s, const QStringList &names)
{
    std::optional<SecretStore::Resolution> result;
    s.resolve(names, QProcessEnvironment(), [&](const SecretStore::Resolution &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 20000))
        return {};
    return *result;
}

std::optional<QByteArray> TestSecretStoreKeychain::lookup(const QString &key)
{
    QProcess p;
    p.start(m_secretTool, {u"lookup"_s, u"server"_s, PasswordStore::ServiceName, u"user"_s, key});
    if (!p.waitForFinished(15000) || p.exitCode() != 0)
        return std::nullopt;
    const QByteArray out = p.readAllStandardOutput();
    if (out.isEmpty())
        return std::nullopt;
    return out;
}

QByteArray TestSecretStoreKeychain::allFiles() const
{
    QByteArray out;
    QDirIterator it(m_tmp.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        out += readFile(it.next());
    return out;
}

void TestSecretStoreKeychain::roundTrip()
{
    const QString id = u"kc-proj-%1"_s.arg(QCoreApplication::applicationPid());
    SecretStore store(id, m_settings);
    const QByteArray value = "sk-ant-api03-round-trip-value";
    QCOMPARE(isSet(store, u"ANTHROPIC_API_KEY"_s, Scope::Project),
             (std::pair<bool, QString>{false, {}}));
    const SecretStore::Result r = setValue(store, u"ANTHROPIC_API_KEY"_s, Scope::Project, value);
    QVERIFY2(r.ok, qPrintable(r.error));
    // In the Secret Service under our service and key; the settings know only the source.
    QCOMPARE(store.keychainKey(u"ANTHROPIC_API_KEY"_s, Scope::Project),
             u"secret/"_s + id + u"/ANTHROPIC_API_KEY"_s);
    QCOMPARE(lookup(u"secret/"_s + id + u"/ANTHROPIC_API_KEY"_s), std::optional(value));
    QCOMPARE(store.names(Scope::Project), QStringList{u"ANTHROPIC_API_KEY"_s});
    QCOMPARE(store.source(u"ANTHROPIC_API_KEY"_s, Scope::Project)->kind,
             SecretSource::Kind::Keychain);
    QVERIFY(!allFiles().contains(value));
    QCOMPARE(isSet(store, u"ANTHROPIC_API_KEY"_s, Scope::Project),
             (std::pair<bool, QString>{true, {}}));

    SecretStore again(id, m_settings);
    const auto res = resolve(again, {u"ANTHROPIC_API_KEY"_s, u"NOT_THERE"_s});
    QVERIFY2(res.errors.isEmpty(), qPrintable(res.errors.join(u'\n')));
    QCOMPARE(res.values.size(), 1);
    QCOMPARE(res.values[0].value, value);
    QCOMPARE(res.values[0].scope, Scope::Project);
    QCOMPARE(res.missing, QStringList{u"NOT_THERE"_s});

    // A new value replaces the old one.
    QVERIFY(setValue(store, u"ANTHROPIC_API_KEY"_s, Scope::Project, "second-value").ok);
    QCOMPARE(resolve(again, {u"ANTHROPIC_API_KEY"_s}).values.value(0).value,
             QByteArray("second-value"));
    QVERIFY(remove(store, u"ANTHROPIC_API_KEY"_s, Scope::Project).ok);
}

void TestSecretStoreKeychain::projectAndSharedAreSeparate()
{
    const QString id = u"kc-scope-%1"_s.arg(QCoreApplication::applicationPid());
    SecretStore store(id, m_settings);
    QVERIFY(setValue(store, u"GH_TOKEN"_s, Scope::Shared, "shared-token").ok);
    QCOMPARE(lookup(u"secret/shared/GH_TOKEN"_s), std::optional(QByteArray("shared-token")));
    auto res = resolve(store, {u"GH_TOKEN"_s});
    QCOMPARE(res.values.value(0).value, QByteArray("shared-token"));
    QCOMPARE(res.values.value(0).scope, Scope::Shared);
    QVERIFY(setValue(store, u"GH_TOKEN"_s, Scope::Project, "project-token").ok);
    res = resolve(store, {u"GH_TOKEN"_s});
    QCOMPARE(res.values.value(0).value, QByteArray("project-token"));
    // Another project still gets the shared one.
    SecretStore other(id + u"-other"_s, m_settings);
    QCOMPARE(resolve(other, {u"GH_TOKEN"_s}).values.value(0).value, QByteArray("shared-token"));
    // No source recorded (e.g. set by hand in the keyring): the keychain is still found.
    QVERIFY(remove(store, u"GH_TOKEN"_s, Scope::Project).ok);
    QVERIFY(remove(store, u"GH_TOKEN"_s, Scope::Shared).ok);
    QProcess put;
    put.start(m_secretTool, {u"store"_s, u"--label=x"_s, u"server"_s, PasswordStore::ServiceName,
                             u"user"_s, u"secret/shared/HAND_SET"_s, u"type"_s, u"plaintext"_s});
    put.write("by-hand");
    put.closeWriteChannel();
    QVERIFY(put.waitForFinished(15000) && put.exitCode() == 0);
    res = resolve(store, {u"HAND_SET"_s});
    QVERIFY2(res.errors.isEmpty(), qPrintable(res.errors.join(u'\n')));
    QCOMPARE(res.values.value(0).value, QByteArray("by-hand"));
    QVERIFY(remove(store, u"HAND_SET"_s, Scope::Shared).ok);
}

void TestSecretStoreKeychain::removeForgetsValueAndSource()
{
    const QString id = u"kc-rm-%1"_s.arg(QCoreApplication::applicationPid());
    SecretStore store(id, m_settings);
    QVERIFY(setValue(store, u"OPENAI_API_KEY"_s, Scope::Project, "sk-remove-me").ok);
    QVERIFY(lookup(u"secret/"_s + id + u"/OPENAI_API_KEY"_s));
    const SecretStore::Result r = remove(store, u"OPENAI_API_KEY"_s, Scope::Project);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(lookup(u"secret/"_s + id + u"/OPENAI_API_KEY"_s), std::nullopt);
    QCOMPARE(store.names(Scope::Project), QStringList());
    const auto res = resolve(store, {u"OPENAI_API_KEY"_s});
    QVERIFY(res.values.isEmpty() && res.errors.isEmpty());
    QCOMPARE(res.missing, QStringList{u"OPENAI_API_KEY"_s});
    // Removing what is not there is fine.
    QVERIFY(remove(store, u"OPENAI_API_KEY"_s, Scope::Project).ok);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    TestSecretStoreKeychain test;
    QTEST_SET_MAIN_SOURCE_PATH
    const int rc = QTest::qExec(&test, argc, argv);
    return rc == 0 && test.skipped() ? 77 : rc;
}

#include "tst_secretstore_keychain.moc"
