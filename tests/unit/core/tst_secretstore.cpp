// SecretStore without a keychain (OCS_KEYCHAIN=0): the recorded sources, the host variable
// and host command sources (the command's cache and its expiry on a fake clock), the rules
// for names and values, and that nothing falls back to a file. The keychain itself:
// tst_secretstore_keychain.

#include "secrets/secretstore.h"
#include "secrets/secretstore_p.h"
#include "testhelpers.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ocs;
using namespace ocs::test;

using Scope = SecretStore::Scope;

class TestSecretStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void sourcesAreRecordedWithoutValues();
    void projectEntryWinsOverShared();
    void environmentSource();
    void commandSource();
    void commandRunsWithoutShell();
    void commandFailures();
    void commandCacheExpires();
    void commandWithoutCacheRunsEveryTime();
    void withoutKeychainNothingIsStored();
    void invalidValuesAreRefused();
    void validValues_data();
    void validValues();
    void looksLikeSecret_data();
    void looksLikeSecret();
    void commandIsSplitLikeAShell();

private:
    SecretStore::Resolution resolve(SecretStore &store, const QStringList &names,
                                    const QProcessEnvironment &env);
    QString settingsFile() const { return m_tmp->filePath(u"opencode-sandbox.conf"_s); }
    // Every file under the temporary folder, with its content.
    QByteArray allFiles() const;

    std::unique_ptr<QTemporaryDir> m_tmp;
    EnvGuard m_env;
    qint64 m_clock = 0;
};

void TestSecretStore::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_env.set("OCS_KEYCHAIN", u"0"_s);
    m_clock = 1000;
    secretstore_detail::setClockForTests([this] { return m_clock; });
    secretstore_detail::clearCommandCache();
}

void TestSecretStore::cleanup()
{
    secretstore_detail::setClockForTests(nullptr);
    secretstore_detail::clearCommandCache();
    m_env.restore();
    m_tmp.reset();
}

SecretStore::Resolution TestSecretStore::resolve(SecretStore &store, const QStringList &names,
                                                 const QProcessEnvironment &env)
{
    std::optional<SecretStore::Resolution> result;
    store.resolve(names, env, [&](const SecretStore::Resolution &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 20000)) {
        qWarning("resolve did not finish");
        return {};
    }
    return *result;
}

QByteArray TestSecretStore::allFiles() const
{
    QByteArray out;
    QDirIterator it(m_tmp->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString f = it.next();
        out += f.toUtf8() + '\n' + readFile(f) + '\n';
    }
    return out;
}

void TestSecretStore::sourcesAreRecordedWithoutValues()
{
    SecretStore store(u"proj-abc123"_s, settingsFile());
    QCOMPARE(store.names(Scope::Project), QStringList());
    SecretSource env;
    env.kind = SecretSource::Kind::Environment;
    env.variable = u"HOST_KEY"_s;
    QVERIFY(store.setSource(u"B_KEY"_s, Scope::Project, env).ok);
    SecretSource cmd;
    cmd.kind = SecretSource::Kind::Command;
    cmd.command = u"printf %s%s value -from-command"_s; // prints what its text does not hold
    cmd.cacheSeconds = 60;
    QVERIFY(store.setSource(u"A_TOKEN"_s, Scope::Shared, cmd).ok);
    QCOMPARE(store.names(Scope::Project), QStringList{u"B_KEY"_s});
    QCOMPARE(store.names(Scope::Shared), QStringList{u"A_TOKEN"_s});
    QCOMPARE(store.source(u"B_KEY"_s, Scope::Project), std::optional<SecretSource>(env));
    QCOMPARE(store.source(u"A_TOKEN"_s, Scope::Shared), std::optional<SecretSource>(cmd));
    QCOMPARE(store.source(u"A_TOKEN"_s, Scope::Project), std::nullopt);

    // Another store on the same file (another process) sees them; another project does not.
    SecretStore again(u"proj-abc123"_s, settingsFile());
    QCOMPARE(again.names(Scope::Project), QStringList{u"B_KEY"_s});
    SecretStore other(u"other-def456"_s, settingsFile());
    QCOMPARE(other.names(Scope::Project), QStringList());
    QCOMPARE(other.names(Scope::Shared), QStringList{u"A_TOKEN"_s});

    // In the app's settings file, group "secrets": names and sources, never a value.
    const QByteArray ini = readFile(settingsFile());
    QVERIFY2(ini.contains("[secrets]"), ini.constData());
    QVERIFY2(ini.contains("HOST_KEY"), ini.constData());
    const auto r = resolve(again, {u"A_TOKEN"_s}, QProcessEnvironment());
    QCOMPARE(r.values.size(), 1);
    QCOMPARE(r.values[0].value, QByteArray("value-from-command"));
    QVERIFY(!allFiles().contains("value-from-command"));

    // A keychain source is recorded by setValue only; bad names and sources are refused.
    QVERIFY(!store.setSource(u"X"_s, Scope::Project, SecretSource{}).ok);
    QVERIFY(!store.setSource(u"1X"_s, Scope::Project, env).ok);
    SecretSource badEnv = env;
    badEnv.variable = u"NOT VALID"_s;
    QVERIFY(!store.setSource(u"X"_s, Scope::Project, badEnv).ok);
    SecretSource emptyCmd = cmd;
    emptyCmd.command = u"  "_s;
    QVERIFY(!store.setSource(u"X"_s, Scope::Project, emptyCmd).ok);
    // Without a project only the shared scope works.
    SecretStore noProject(QString(), settingsFile());
    const SecretStore::Result p = noProject.setSource(u"X"_s, Scope::Project, env);
    QVERIFY(!p.ok);
    QVERIFY2(p.error.contains(u"--shared"_s), qPrintable(p.error));
    QVERIFY(noProject.setSource(u"X"_s, Scope::Shared, env).ok);
}

void TestSecretStore::projectEntryWinsOverShared()
{
    SecretStore store(u"proj-abc123"_s, settingsFile());
    SecretSource shared;
    shared.kind = SecretSource::Kind::Environment;
    shared.variable = u"SHARED_VAR"_s;
    SecretSource own = shared;
    own.variable = u"OWN_VAR"_s;
    QVERIFY(store.setSource(u"KEY"_s, Scope::Shared, shared).ok);
    QCOMPARE(store.effective(u"KEY"_s)->scope, Scope::Shared);
    QVERIFY(store.setSource(u"KEY"_s, Scope::Project, own).ok);
    QCOMPARE(store.effective(u"KEY"_s)->scope, Scope::Project);
    QCOMPARE(store.effective(u"KEY"_s)->source, own);
    QProcessEnvironment env;
    env.insert(u"SHARED_VAR"_s, u"shared-value"_s);
    env.insert(u"OWN_VAR"_s, u"own-value"_s);
    const auto r = resolve(store, {u"KEY"_s}, env);
    QCOMPARE(r.values.size(), 1);
    QCOMPARE(r.values[0].value, QByteArray("own-value"));
    QCOMPARE(r.values[0].scope, Scope::Project);
    // Another project gets the shared one.
    SecretStore other(u"other-def456"_s, settingsFile());
    const auto o = resolve(other, {u"KEY"_s}, env);
    QCOMPARE(o.values.size(), 1);
    QCOMPARE(o.values[0].value, QByteArray("shared-value"));
    QCOMPARE(o.values[0].scope, Scope::Shared);
    QVERIFY2(o.values[0].origin.contains(u"SHARED_VAR"_s), qPrintable(o.values[0].origin));
    QCOMPARE(store.effective(u"NONE"_s), std::nullopt);
}

void TestSecretStore::environmentSource()
{
    SecretStore store(u"proj-abc123"_s, settingsFile());
    SecretSource src;
    src.kind = SecretSource::Kind::Environment;
    src.variable = u"MY_HOST_TOKEN"_s;
    QVERIFY(store.setSource(u"GH_TOKEN"_s, Scope::Project, src).ok);
    QProcessEnvironment env;
    env.insert(u"MY_HOST_TOKEN"_s, u"ghp_from_the_host"_s);
    auto r = resolve(store, {u"GH_TOKEN"_s}, env);
    QCOMPARE(r.values.size(), 1);
    QCOMPARE(r.values[0].name, u"GH_TOKEN"_s);
    QCOMPARE(r.values[0].value, QByteArray("ghp_from_the_host"));
    QVERIFY(r.missing.isEmpty() && r.errors.isEmpty());
    // Not set on the host: missing (the start goes on), not an error.
    r = resolve(store, {u"GH_TOKEN"_s}, QProcessEnvironment());
    QVERIFY(r.values.isEmpty());
    QCOMPARE(r.missing, QStringList{u"GH_TOKEN"_s});
    QVERIFY(r.errors.isEmpty());
    // A value that cannot travel in a header: an error naming the variable, not the value.
    env.insert(u"MY_HOST_TOKEN"_s, u"line1\nline2"_s);
    r = resolve(store, {u"GH_TOKEN"_s}, env);
    QVERIFY(r.values.isEmpty());
    QCOMPARE(r.errors.size(), 1);
    QVERIFY2(r.errors[0].startsWith(u"GH_TOKEN: "_s), qPrintable(r.errors[0]));
    QVERIFY2(r.errors[0].contains(u"line break"_s), qPrintable(r.errors[0]));
    QVERIFY2(!r.errors[0].contains(u"line1"_s), qPrintable(r.errors[0]));
    // isSet follows this process's environment.
    std::optional<bool> set;
    m_env.set("MY_HOST_TOKEN", u"x"_s);
    store.isSet(u"GH_TOKEN"_s, Scope::Project, [&](bool s, const QString &) { set = s; });
    QCOMPARE(set, std::optional<bool>(true));
    m_env.unset("MY_HOST_TOKEN");
    store.isSet(u"GH_TOKEN"_s, Scope::Project, [&](bool s, const QString &) { set = s; });
    QCOMPARE(set, std::optional<bool>(false));
}

void TestSecretStore::commandSource()
{
    SecretStore store(u"proj-abc123"_s, settingsFile());
    SecretSource src;
    src.kind = SecretSource::Kind::Command;
    src.command = u"printf '  sk-from-command \\n\\n'"_s;
    QVERIFY(store.setSource(u"OPENAI_API_KEY"_s, Scope::Project, src).ok);
    const auto r = resolve(store, {u"OPENAI_API_KEY"_s}, QProcessEnvironment::systemEnvironment());
    QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join(u'\n')));
    QCOMPARE(r.values.size(), 1);
    QCOMPARE(r.values[0].value, QByteArray("sk-from-command")); // trimmed
    QVERIFY2(r.values[0].origin.contains(u"printf"_s), qPrintable(r.values[0].origin));
    // The command gets the host environment given to resolve().
    src.command = u"printenv SECRET_FOR_TEST"_s;
    QVERIFY(store.setSource(u"OTHER_KEY"_s, Scope::Project, src).ok);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"SECRET_FOR_TEST"_s, u"from-env-of-command"_s);
    const auto e = resolve(store, {u"OTHER_KEY"_s}, env);
    QCOMPARE(e.values.size(), 1);
    QCOMPARE(e.values[0].value, QByteArray("from-env-of-command"));
}

void TestSecretStore::commandRunsWithoutShell()
{
    SecretStore store(u"proj-abc123"_s, settingsFile());
    const QString marker = m_tmp->filePath(u"shell-ran"_s);
    SecretSource src;
    src.kind = SecretSource::Kind::Command;
    src.command = u"echo value; touch "_s + marker;
    QVERIFY(store.setSource(u"KEY"_s, Scope::Project, src).ok);
    const auto r = resolve(store, {u"KEY"_s}, QProcessEnvironment::systemEnvironment());
    QCOMPARE(r.values.size(), 1);
    QCOMPARE(r.values[0].value, (u"value; touch "_s + marker).toUtf8());
    QVERIFY(!QFile::exists(marker));
}

void TestSecretStore::commandFailures()
{
    SecretStore store(u"proj-abc123"_s, settingsFile());
    SecretSource src;
    src.kind = SecretSource::Kind::Command;
    src.command = u"sh -c 'echo oops >&2; exit 3'"_s;
    QVERIFY(store.setSource(u"FAILS"_s, Scope::Project, src).ok);
    src.command = u"/nonexistent/ocs-no-such-command"_s;
    QVERIFY(store.setSource(u"MISSING_CMD"_s, Scope::Project, src).ok);
    src.command = u"true"_s;
    QVERIFY(store.setSource(u"SILENT"_s, Scope::Project, src).ok);
    const auto r = resolve(store, {u"FAILS"_s, u"MISSING_CMD"_s, u"SILENT"_s},
                           QProcessEnvironment::systemEnvironment());
    QVERIFY(r.values.isEmpty());
    QVERIFY(r.missing.isEmpty());
    QCOMPARE(r.errors.size(), 3);
    QVERIFY2(r.errors[0].startsWith(u"FAILS: "_s) && r.errors[0].contains(u"exit code 3"_s) &&
                 r.errors[0].contains(u"oops"_s),
             qPrintable(r.errors[0]));
    QVERIFY2(r.errors[1].startsWith(u"MISSING_CMD: "_s) &&
                 r.errors[1].contains(u"could not start"_s),
             qPrintable(r.errors[1]));
    QVERIFY2(r.errors[2].startsWith(u"SILENT: "_s) && r.errors[2].contains(u"printed nothing"_s),
             qPrintable(r.errors[2]));
}

void TestSecretStore::commandCacheExpires()
{
    SecretStore store(u"proj-abc123"_s, settingsFile());
    const QString counter = m_tmp->filePath(u"runs"_s);
    // Each run appends a line to `counter` and prints the number of lines.
    const QString script = m_tmp->filePath(u"count.sh"_s);
    QVERIFY(writeFile(script,
                      "#!/bin/sh\necho run >> \"$1\"\nprintf 'token-%s' \"$(wc -l < \"$1\")\"\n",
                      QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    SecretSource src;
    src.kind = SecretSource::Kind::Command;
    src.command = script + u' ' + counter;
    src.cacheSeconds = 30;
    QVERIFY(store.setSource(u"KEY"_s, Scope::Project, src).ok);
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    auto value = [&] {
        const auto r = resolve(store, {u"KEY"_s}, env);
        return r.values.isEmpty() ? QByteArray() : r.values[0].value.trimmed();
    };
    QCOMPARE(value(), QByteArray("token-1"));
    m_clock += 29 * 1000;
    QCOMPARE(value(), QByteArray("token-1")); // cached
    // Another store in this process shares the cache.
    SecretStore other(u"proj-abc123"_s, settingsFile());
    const auto o = resolve(other, {u"KEY"_s}, env);
    QCOMPARE(o.values.value(0).value, QByteArray("token-1"));
    m_clock += 2 * 1000; // 31 s after the first run
    QCOMPARE(value(), QByteArray("token-2"));
    QCOMPARE(value(), QByteArray("token-2"));
    QCOMPARE(readFile(counter).count('\n'), 2);
}

void TestSecretStore::commandWithoutCacheRunsEveryTime()
{
    SecretStore store(u"proj-abc123"_s, settingsFile());
    const QString counter = m_tmp->filePath(u"runs"_s);
    const QString script = m_tmp->filePath(u"count.sh"_s);
    QVERIFY(writeFile(script,
                      "#!/bin/sh\necho run >> \"$1\"\nprintf 'token-%s' \"$(wc -l < \"$1\")\"\n",
                      QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    SecretSource src;
    src.kind = SecretSource::Kind::Command;
    src.command = script + u' ' + counter;
    src.cacheSeconds = 0;
    QVERIFY(store.setSource(u"KEY"_s, Scope::Project, src).ok);
    for (int i = 1; i <= 3; ++i) {
        const auto r = resolve(store, {u"KEY"_s}, QProcessEnvironment::systemEnvironment());
        QCOMPARE(r.values.value(0).value.trimmed(), u"token-%1"_s.arg(i).toUtf8());
    }
}

void TestSecretStore::withoutKeychainNothingIsStored()
{
    SecretStore store(u"proj-abc123"_s, settingsFile());
    std::optional<SecretStore::Result> result;
    store.setValue(u"ANTHROPIC_API_KEY"_s, Scope::Project, "sk-ant-never-on-disk",
                   [&](const SecretStore::Result &r) { result = r; });
    QVERIFY(QTest::qWaitFor([&] { return result.has_value(); }, 20000));
    QVERIFY(!result->ok);
    QVERIFY2(result->error.contains(u"keychain"_s), qPrintable(result->error));
    // No file fallback: not in the settings, nor anywhere else.
    QVERIFY(!allFiles().contains("sk-ant-never-on-disk"));
    QCOMPARE(store.names(Scope::Project), QStringList());
    // A start: a clear error for a keychain name, not a silent "missing".
    const auto r = resolve(store, {u"ANTHROPIC_API_KEY"_s}, QProcessEnvironment());
    QVERIFY(r.values.isEmpty());
    QCOMPARE(r.errors.size(), 1);
    QVERIFY2(r.errors[0].startsWith(u"ANTHROPIC_API_KEY: "_s) &&
                 r.errors[0].contains(u"keychain"_s),
             qPrintable(r.errors[0]));
    // Removing a host-variable source works without a keychain.
    SecretSource env;
    env.kind = SecretSource::Kind::Environment;
    env.variable = u"X"_s;
    QVERIFY(store.setSource(u"ENV_KEY"_s, Scope::Project, env).ok);
    result.reset();
    store.remove(u"ENV_KEY"_s, Scope::Project, [&](const SecretStore::Result &x) { result = x; });
    QVERIFY(QTest::qWaitFor([&] { return result.has_value(); }, 20000));
    QVERIFY2(result->ok, qPrintable(result->error));
    QCOMPARE(store.names(Scope::Project), QStringList());
}

void TestSecretStore::invalidValuesAreRefused()
{
    m_env.unset("OCS_KEYCHAIN"); // the value is refused before any keychain is asked
    m_env.unset("DBUS_SESSION_BUS_ADDRESS");
    SecretStore store(u"proj-abc123"_s, settingsFile());
    for (const QByteArray &bad :
         {QByteArray(), QByteArray("two\nlines"), QByteArray("cr\r"), QByteArray(8193, 'a'),
          QByteArray("tab\tinside"), QByteArray("caf\xc3\xa9")}) {
        std::optional<SecretStore::Result> result;
        store.setValue(u"KEY"_s, Scope::Project, bad,
                       [&](const SecretStore::Result &r) { result = r; });
        QVERIFY(QTest::qWaitFor([&] { return result.has_value(); }, 20000));
        QVERIFY(!result->ok);
        QVERIFY2(result->error.contains(u"cannot be used"_s), qPrintable(result->error));
    }
    std::optional<SecretStore::Result> result;
    store.setValue(u"1BAD"_s, Scope::Project, "ok",
                   [&](const SecretStore::Result &r) { result = r; });
    QVERIFY(result && !result->ok);
}

void TestSecretStore::validValues_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("valid");
    QTest::newRow("api key") << QByteArray("sk-ant-api03-abcDEF_123") << true;
    QTest::newRow("with space") << QByteArray("a b") << true;
    QTest::newRow("symbols") << QByteArray("!#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\"") << true;
    QTest::newRow("8192 bytes") << QByteArray(8192, 'x') << true;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("8193 bytes") << QByteArray(8193, 'x') << false;
    QTest::newRow("LF") << QByteArray("a\nb") << false;
    QTest::newRow("trailing LF") << QByteArray("ab\n") << false;
    QTest::newRow("CR") << QByteArray("a\rb") << false;
    QTest::newRow("NUL") << QByteArray("a\0b", 3) << false;
    QTest::newRow("DEL") << QByteArray("a\x7f") << false;
    QTest::newRow("UTF-8") << QByteArray("\xc3\xa9") << false;
}

void TestSecretStore::validValues()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, valid);
    QString why;
    QCOMPARE(SecretStore::isValidValue(value, &why), valid);
    QCOMPARE(why.isEmpty(), valid);
}

void TestSecretStore::looksLikeSecret_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("secret");
    for (const char *n :
         {"ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GH_TOKEN", "GITHUB_TOKEN", "NPM_TOKEN",
          "AWS_SECRET_ACCESS_KEY", "DB_PASSWORD", "MY_APIKEY", "API_KEY", "SLACK_SECRET",
          "HF_TOKEN", "GITHUB_PAT", "TOKEN", "SECRET_KEY_BASE", "gh_token", "SSH_KEY"})
        QTest::newRow(n) << QString::fromLatin1(n) << true;
    for (const char *n :
         {"PATH", "HOME", "EDITOR", "AWS_ACCESS_KEY_ID", "AWS_REGION", "GIT_AUTHOR_NAME",
          "SSH_AUTH_SOCK", "KEYBOARD", "MONKEY", "TOKENIZERS_PARALLELISM", "GPG_PUBLIC_KEY",
          "API_URL", "BYPASS", "KEY_FILE", ""})
        QTest::newRow(*n ? n : "empty") << QString::fromLatin1(n) << false;
}

void TestSecretStore::looksLikeSecret()
{
    QFETCH(QString, name);
    QFETCH(bool, secret);
    QCOMPARE(SecretStore::looksLikeSecret(name), secret);
}

void TestSecretStore::commandIsSplitLikeAShell()
{
    using secretstore_detail::splitCommand;
    QCOMPARE(splitCommand(u"gh auth token"_s), (QStringList{u"gh"_s, u"auth"_s, u"token"_s}));
    QCOMPARE(splitCommand(u"  a\t 'b c' \"d \\\" $e\" f\\ g ''"_s),
             (QStringList{u"a"_s, u"b c"_s, u"d \" $e"_s, u"f g"_s, QString()}));
    QCOMPARE(splitCommand(u"pass show 'api/it''s'"_s),
             (QStringList{u"pass"_s, u"show"_s, u"api/its"_s}));
    QString error;
    QVERIFY(splitCommand(u"sh -c 'unclosed"_s, &error).isEmpty());
    QVERIFY2(error.contains(u"quote"_s), qPrintable(error));
    QVERIFY(splitCommand(u"   "_s, &error).isEmpty());
    QVERIFY2(error.contains(u"empty"_s), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
