#include "config/configfile.h"
#include "config/configrules.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace ocs;

namespace {

QByteArray toCrlf(QByteArray text)
{
    return text.replace("\n", "\r\n");
}

QByteArray withBom(const QByteArray &text)
{
    return "\xEF\xBB\xBF" + text;
}

QString dump(const QList<Diagnostic> &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines.append(d.toString());
    return lines.isEmpty() ? u"(no diagnostics)"_s : lines.join(u'\n');
}

QStringList passthroughList(const ProjectConfig &c)
{
    QStringList out;
    for (const EnvPassthrough &e : c.envPassthrough)
        out.append(e.containerVar + u'=' + e.hostVar);
    return out;
}

QStringList envList(const ProjectConfig &c)
{
    QStringList out;
    for (const EnvVar &e : c.env)
        out.append(e.name + u'=' + e.value);
    return out;
}

QList<int> portList(const ProjectConfig &c)
{
    QList<int> out;
    for (quint16 p : c.hostPorts)
        out.append(p);
    return out;
}

ProjectConfig mustParse(const QByteArray &text)
{
    const ConfigFile::LoadResult r = ConfigFile::parse(text, u"test.yaml"_s);
    if (!r.ok())
        qWarning().noquote() << dump(r.diagnostics);
    return r.config.value_or(ProjectConfig());
}

const QByteArray ReadmeExample = R"(sandbox-name: my-project
http-domain-whitelist:
  - .github.com
  - api.anthropic.com
host-ports:
  - 5432
  - 6379
env-passthrough:
  ANTHROPIC_API_KEY: ANTHROPIC_API_KEY
  GH_TOKEN: MY_PROJECT_GH_TOKEN
env:
  GITHUB_REPOSITORY: my-org/my-repo
)"_ba;

// The form the reference's own files use: list items at the key's column, comments, blank
// lines, an empty section and an unknown key.
const QByteArray ReferenceFile = R"(# opencode sandbox config
sandbox-name: my-project

# domains
http-domain-whitelist:
# - .example.com
- .github.com  # gh and api
- api.anthropic.com

host-ports:
- 5432

env-passthrough:
  # ANTHROPIC_API_KEY: ANTHROPIC_API_KEY

env:
  GITHUB_REPOSITORY: my-org/my-repo   # the repo
  DEBUG: true
custom-thing:
  nested:
    - a
)"_ba;

} // namespace

class TestConfigFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsReferenceForms_data();
    void loadsReferenceForms();
    void envValuesAreTheTextWritten_data();
    void envValuesAreTheTextWritten();
    void optionalKeys();
    void errors_data();
    void errors();
    void multipleErrorsAtOnce();
    void crlfAndBomKeepLineNumbers_data();
    void crlfAndBomKeepLineNumbers();
    void warnings_data();
    void warnings();
    void diagnosticToString_data();
    void diagnosticToString();
    void loadFromDisk();
    void loadMissingFile();
    void loadRefusesUnsafeFiles_data();
    void loadRefusesUnsafeFiles();

    void domainRule_data();
    void domainRule();
    void reservedNames_data();
    void reservedNames();

    void renderUnchangedIsIdentical_data();
    void renderUnchangedIsIdentical();
    void renderChangedWhitelistKeepsTheRest();
    void renderChangedEnvValueKeepsComment();
    void renderRemovedItemReportsItsComment();
    void renderKeepsCrlfAndBom();
    void renderTrickyEnvValues_data();
    void renderTrickyEnvValues();
    void renderTrickyListValues();
    void renderEmptiedSections();
    void renderAddsNewSectionsAtTheEnd();
    void renderColumnZeroItems();
    void renderEmptyOriginal();
    void renderReplacesInlineValues();
    void renderDropsDuplicateSection();
    void renderBrokenOriginal();
    void renderMutations_data();
    void renderMutations();

    void defaultTemplateParses_data();
    void defaultTemplateParses();
    void defaultTemplateFillAndEmptyAgain();

    void saveKeepsMode();
    void saveCreatesNewFile();
    void saveKeepsTheInode();
    void saveDoesNotFollowASymlink();
    void saveFailsWithoutTouchingTheFile();
};

// ---------------------------------------------------------------------------------------------
// Reading

void TestConfigFile::loadsReferenceForms_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("whitelist");
    QTest::addColumn<QList<int>>("ports");
    QTest::addColumn<QStringList>("passthrough");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QStringList>("unknownKeys");

    const QStringList readmeWl{u".github.com"_s, u"api.anthropic.com"_s};
    const QStringList readmePt{u"ANTHROPIC_API_KEY=ANTHROPIC_API_KEY"_s,
                               u"GH_TOKEN=MY_PROJECT_GH_TOKEN"_s};
    const QStringList readmeEnv{u"GITHUB_REPOSITORY=my-org/my-repo"_s};

    QTest::newRow("readme") << ReadmeExample << u"my-project"_s << readmeWl
                            << QList<int>{5432, 6379} << readmePt << readmeEnv << QStringList();
    QTest::newRow("readme crlf") << toCrlf(ReadmeExample) << u"my-project"_s << readmeWl
                                 << QList<int>{5432, 6379} << readmePt << readmeEnv
                                 << QStringList();
    QTest::newRow("readme bom") << withBom(ReadmeExample) << u"my-project"_s << readmeWl
                                << QList<int>{5432, 6379} << readmePt << readmeEnv << QStringList();
    QTest::newRow("readme bom crlf")
        << withBom(toCrlf(ReadmeExample)) << u"my-project"_s << readmeWl << QList<int>{5432, 6379}
        << readmePt << readmeEnv << QStringList();
    QByteArray noFinalNewline = ReadmeExample;
    noFinalNewline.chop(1);
    QTest::newRow("no final newline")
        << noFinalNewline << u"my-project"_s << readmeWl << QList<int>{5432, 6379} << readmePt
        << readmeEnv << QStringList();

    const QStringList refEnv{u"GITHUB_REPOSITORY=my-org/my-repo"_s, u"DEBUG=true"_s};
    QTest::newRow("reference file, column-0 items, empty section")
        << ReferenceFile << u"my-project"_s << readmeWl << QList<int>{5432} << QStringList()
        << refEnv << QStringList{u"custom-thing"_s};
    QTest::newRow("reference file crlf")
        << toCrlf(ReferenceFile) << u"my-project"_s << readmeWl << QList<int>{5432} << QStringList()
        << refEnv << QStringList{u"custom-thing"_s};

    QTest::newRow("all sections empty with comments only") << R"(sandbox-name: empty-one
http-domain-whitelist:
  # - .github.com
host-ports:
  # - 5432
env-passthrough:
  # A: B
env:
  # X: y
)"_ba << u"empty-one"_s << QStringList() << QList<int>() << QStringList()
                                                           << QStringList() << QStringList();

    QTest::newRow("flow style and quoting") << R"(sandbox-name: "q-1"
http-domain-whitelist: ['*.Example.COM', "api.x.io"]
host-ports: ["5432", 80]
env-passthrough: {}
env: {A: b}
)"_ba << u"q-1"_s << QStringList{u".example.com"_s, u"api.x.io"_s}
                                            << QList<int>{5432, 80} << QStringList()
                                            << QStringList{u"A=b"_s} << QStringList();

    QTest::newRow("document markers")
        << "%YAML 1.2\n---\nsandbox-name: a\nhost-ports:\n  - 1\n...\n# end\n"_ba << u"a"_s
        << QStringList() << QList<int>{1} << QStringList() << QStringList() << QStringList();

    QTest::newRow("unknown keys kept in order")
        << R"(zeta: 1
sandbox-name: a
alpha:
  - x
Sandbox-Name: other
)"_ba << u"a"_s
        << QStringList() << QList<int>() << QStringList() << QStringList()
        << QStringList{u"zeta"_s, u"alpha"_s, u"Sandbox-Name"_s};
}

void TestConfigFile::loadsReferenceForms()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, name);
    QFETCH(QStringList, whitelist);
    QFETCH(QList<int>, ports);
    QFETCH(QStringList, passthrough);
    QFETCH(QStringList, env);
    QFETCH(QStringList, unknownKeys);

    const ConfigFile::LoadResult r = ConfigFile::parse(text, u"f.yaml"_s);
    QVERIFY2(r.ok(), qPrintable(dump(r.diagnostics)));
    QCOMPARE(r.config->sandboxName, name);
    QCOMPARE(r.config->httpDomainWhitelist, whitelist);
    QCOMPARE(portList(*r.config), ports);
    QCOMPARE(passthroughList(*r.config), passthrough);
    QCOMPARE(envList(*r.config), env);
    QCOMPARE(r.config->unknownKeys, unknownKeys);
    int warnings = 0;
    for (const Diagnostic &d : r.diagnostics) {
        QVERIFY2(!d.isError(), qPrintable(d.toString()));
        ++warnings;
    }
    QCOMPARE(warnings, unknownKeys.size());
}

void TestConfigFile::envValuesAreTheTextWritten_data()
{
    QTest::addColumn<QByteArray>("valueText");
    QTest::addColumn<QString>("expected");

    QTest::newRow("bool") << "true"_ba << u"true"_s;
    QTest::newRow("yes") << "yes"_ba << u"yes"_s;
    QTest::newRow("int") << "8080"_ba << u"8080"_s;
    QTest::newRow("leading zero") << "0755"_ba << u"0755"_s;
    QTest::newRow("hex") << "0x1F"_ba << u"0x1F"_s;
    QTest::newRow("float") << "1.50"_ba << u"1.50"_s;
    QTest::newRow("null word") << "null"_ba << QString();
    QTest::newRow("tilde") << "~"_ba << QString();
    QTest::newRow("nothing") << ""_ba << QString();
    QTest::newRow("quoted null") << "'null'"_ba << u"null"_s;
    QTest::newRow("quoted empty") << "\"\""_ba << QString();
    QTest::newRow("double-quoted escapes") << "\"a\\\\b \\u00e9\""_ba << u"a\\b \u00e9"_s;
    QTest::newRow("single-quoted quote") << "'it''s'"_ba << u"it's"_s;
    QTest::newRow("url") << "http://x.org/a?b=c#frag"_ba << u"http://x.org/a?b=c#frag"_s;
    QTest::newRow("trailing comment") << "value # comment"_ba << u"value"_s;
    QTest::newRow("folded strip") << ">-\n    one\n    two"_ba << u"one two"_s;
    QTest::newRow("utf-8") << "gr\xC3\xBC\xC3\x9F"_ba << u"gr\u00fc\u00df"_s;
}

void TestConfigFile::envValuesAreTheTextWritten()
{
    QFETCH(QByteArray, valueText);
    QFETCH(QString, expected);
    const QByteArray text = "sandbox-name: a\nenv:\n  V: " + valueText + "\n";
    const ConfigFile::LoadResult r = ConfigFile::parse(text, u"f"_s);
    QVERIFY2(r.ok(), qPrintable(dump(r.diagnostics)));
    QCOMPARE(r.config->env.size(), 1);
    QCOMPARE(r.config->env.front().value, expected);
}

void TestConfigFile::optionalKeys()
{
    const QByteArray text = R"(sandbox-name: a
extra-ca-certificates:
  - ~/certs/root.pem
  - /etc/ssl/corp.pem
memory-limit: 4G
cpu-limit: 1.5
pids-limit: "4096"
read-only-paths:
  - docs
  - ./build/out
)"_ba;
    const ConfigFile::LoadResult r = ConfigFile::parse(text, u"f"_s);
    QVERIFY2(r.ok(), qPrintable(dump(r.diagnostics)));
    QCOMPARE(r.config->extraCaCertificates,
             (QStringList{u"~/certs/root.pem"_s, u"/etc/ssl/corp.pem"_s}));
    QCOMPARE(r.config->memoryLimit, u"4G"_s);
    QCOMPARE(r.config->cpuLimit, u"1.5"_s);
    QCOMPARE(r.config->pidsLimit, 4096);
    QCOMPARE(r.config->readOnlyPaths, (QStringList{u"docs"_s, u"./build/out"_s}));
    QVERIFY(r.diagnostics.isEmpty());

    // Empty optional keys mean "default".
    const ProjectConfig empty =
        mustParse("sandbox-name: a\nmemory-limit:\ncpu-limit: ~\npids-limit:\nread-only-paths:\n");
    QCOMPARE(empty.memoryLimit, QString());
    QCOMPARE(empty.cpuLimit, QString());
    QCOMPARE(empty.pidsLimit, 0);
    QVERIFY(empty.readOnlyPaths.isEmpty());
}

void TestConfigFile::errors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("keyword");

    const QByteArray n = "sandbox-name: a\n"_ba;              // line 1
    const QByteArray wl = n + "http-domain-whitelist:\n  - "; // entry on line 3, column 5
    const QByteArray hp = n + "host-ports:\n  - ";
    const QByteArray env = n + "env:\n  ";            // entry on line 3, column 3
    const QByteArray pt = n + "env-passthrough:\n  "; // entry on line 3, column 3

    // Domains.
    QTest::newRow("domain underscore") << wl + "exa_mple.com\n" << 3 << 5 << u"'_'"_s;
    QTest::newRow("domain empty label") << wl + "a..b.com\n" << 3 << 5 << u"empty part"_s;
    QTest::newRow("domain trailing dot") << wl + "github.com.\n" << 3 << 5 << u"trailing"_s;
    QTest::newRow("domain hyphen") << wl + "-bad.com\n" << 3 << 5 << u"'-'"_s;
    QTest::newRow("domain long label") << wl + QByteArray(64, 'a') + ".com\n" << 3 << 5 << u"63"_s;
    QTest::newRow("domain too long") << wl + (QByteArray(60, 'a') + '.').repeated(5) + "com\n"
                                     << 3 << 5 << u"253"_s;
    QTest::newRow("domain non-ascii") << wl + "b\xC3\xBC"
                                              "cher.de\n"
                                      << 3 << 5 << u"xn--bcher-kva.de"_s;
    QTest::newRow("domain space") << wl + "'a.com b.com'\n" << 3 << 5 << u"space"_s;
    QTest::newRow("domain with port") << wl + "example.com:8080\n" << 3 << 5 << u"port"_s;
    QTest::newRow("domain with path") << wl + "example.com/api\n" << 3 << 5 << u"host name"_s;
    QTest::newRow("wildcard middle") << wl + "foo.*.com\n" << 3 << 5 << u"wrong place"_s;
    QTest::newRow("wildcard alone") << wl + "'*'\n" << 3 << 5 << u"wrong place"_s;
    QTest::newRow("wildcard no dot") << wl + "'*example.com'\n" << 3 << 5 << u"wrong place"_s;
    QTest::newRow("wildcard end") << wl + "example.*\n" << 3 << 5 << u"wrong place"_s;
    QTest::newRow("ipv4") << wl + "10.0.0.1\n" << 3 << 5 << u"host-ports"_s;
    QTest::newRow("ipv4 cidr") << wl + "10.0.0.0/8\n" << 3 << 5 << u"IP address"_s;
    QTest::newRow("ipv4 leading dot") << wl + ".192.168.1.1\n" << 3 << 5 << u"IP address"_s;
    QTest::newRow("ipv6") << wl + "'::1'\n" << 3 << 5 << u"IP address"_s;
    QTest::newRow("ipv6 full") << wl + "'2001:db8::8a2e:370:7334'\n" << 3 << 5 << u"IP address"_s;
    QTest::newRow("ipv6 brackets") << wl + "'[fe80::1]'\n" << 3 << 5 << u"IP address"_s;
    QTest::newRow("url") << wl + "https://github.com/\n" << 3 << 5 << u"'github.com'"_s;
    QTest::newRow("url no scheme host") << wl + "http://api.x.io:443/v1\n"
                                        << 3 << 5 << u"'api.x.io'"_s;
    QTest::newRow("duplicate domain") << wl + "a.com\n  - b.com\n  - A.com\n"
                                      << 5 << 5 << u"line 3"_s;
    QTest::newRow("duplicate wildcard") << wl + ".a.com\n  - '*.a.com'\n" << 4 << 5 << u"twice"_s;
    QTest::newRow("empty list entry") << wl + "a.com\n  -\n  - b.com\n"
                                      << 4 << 3 << u"empty entry"_s;
    QTest::newRow("empty last entry") << wl + "a.com\n  -\nhost-ports:\n"
                                      << 4 << 3 << u"empty entry"_s;
    QTest::newRow("quoted empty domain") << wl + "''\n" << 3 << 5 << u"empty"_s;

    // Ports.
    QTest::newRow("port zero") << hp + "0\n" << 3 << 5 << u"1 to 65535"_s;
    QTest::newRow("port too big") << hp + "70000\n" << 3 << 5 << u"out of range"_s;
    QTest::newRow("port huge") << hp + "99999999999999999999\n" << 3 << 5 << u"out of range"_s;
    QTest::newRow("port text") << hp + "abc\n" << 3 << 5 << u"not a port"_s;
    QTest::newRow("port float") << hp + "54.3\n" << 3 << 5 << u"not a port"_s;
    QTest::newRow("port negative") << hp + "-1\n" << 3 << 5 << u"not a port"_s;
    QTest::newRow("port leading zero") << hp + "05432\n" << 3 << 5 << u"leading zero"_s;
    QTest::newRow("port quoted text") << hp + "\"http\"\n" << 3 << 5 << u"not a port"_s;
    QTest::newRow("duplicate port") << hp + "5432\n  - '5432'\n" << 4 << 5 << u"twice"_s;
    QTest::newRow("ports as map") << n + "host-ports:\n  db: 5432\n" << 3 << 3 << u"not a map"_s;
    QTest::newRow("ports as scalar") << n + "host-ports: 5432\n" << 2 << 13 << u"must be a list"_s;

    // Variable names.
    QTest::newRow("env bad name") << env + "1ABC: x\n" << 3 << 3 << u"variable name"_s;
    QTest::newRow("env dash name") << env + "MY-VAR: x\n" << 3 << 3 << u"variable name"_s;
    QTest::newRow("passthrough bad container name") << pt + "A.B: HOST\n"
                                                    << 3 << 3 << u"variable name"_s;
    QTest::newRow("passthrough bad host name") << pt + "A: host-var\n"
                                               << 3 << 6 << u"host variable"_s;
    QTest::newRow("passthrough missing host name") << pt + "A:\n" << 3 << 3 << u"'A: A'"_s;
    QTest::newRow("passthrough host name is a list") << pt + "A: [B]\n"
                                                     << 3 << 6 << u"not a list"_s;

    // Reserved names.
    QTest::newRow("reserved password") << env + "OPENCODE_SERVER_PASSWORD: x\n"
                                       << 3 << 3 << u"set by the sandbox"_s;
    QTest::newRow("reserved path via passthrough") << pt + "PATH: MY_PATH\n"
                                                   << 3 << 3 << u"set by the sandbox"_s;
    QTest::newRow("reserved OCS_") << env + "OCS_DEBUG: 1\n" << 3 << 3 << u"OCS_"_s;
    QTest::newRow("reserved proxy mixed case") << env + "Https_Proxy: x\n" << 3 << 3 << u"proxy"_s;
    QTest::newRow("reserved LD_") << pt + "LD_PRELOAD: LD_PRELOAD\n" << 3 << 3 << u"LD_"_s;
    QTest::newRow("reserved DOCKER_") << env + "DOCKER_HOST: x\n"
                                      << 3 << 3 << u"container engine"_s;
    QTest::newRow("reserved PODMAN_") << env + "PODMAN_USERNS: x\n"
                                      << 3 << 3 << u"container engine"_s;
    // Names that make bash, the C library or node run code at start-up (issue 10, item 5).
    QTest::newRow("startup BASH_ENV") << env + "BASH_ENV: /ws/x.sh\n" << 3 << 3 << u"BASH_ENV"_s;
    QTest::newRow("startup SHELLOPTS via passthrough") << pt + "SHELLOPTS: SHELLOPTS\n"
                                                       << 3 << 3 << u"run code"_s;
    QTest::newRow("startup BASH_FUNC_ prefix") << env + "BASH_FUNC_set: x\n"
                                               << 3 << 3 << u"BASH_FUNC_"_s;
    QTest::newRow("startup GCONV_PATH") << env + "GCONV_PATH: /ws\n" << 3 << 3 << u"run code"_s;
    QTest::newRow("startup NODE_OPTIONS") << pt + "NODE_OPTIONS: NODE_OPTIONS\n"
                                          << 3 << 3 << u"run code"_s;
    QTest::newRow("env and passthrough collide")
        << n + "env-passthrough:\n  TOKEN: TOKEN\nenv:\n  TOKEN: x\n"
        << 5 << 3 << u"also set in env-passthrough (line 3)"_s;

    // Duplicate keys.
    QTest::newRow("duplicate top-level key")
        << n + "env:\n  A: b\nenv:\n  C: d\n"
        << 4 << 1 << u"duplicate key 'env' (first on line 2)"_s;
    QTest::newRow("duplicate sandbox-name") << n + "sandbox-name: b\n"
                                            << 2 << 1 << u"duplicate key"_s;
    QTest::newRow("duplicate unknown key") << n + "foo: 1\nfoo: 2\n"
                                           << 3 << 1 << u"duplicate key 'foo'"_s;
    QTest::newRow("duplicate env name") << env + "A: 1\n  B: 2\n  A: 3\n"
                                        << 5 << 3 << u"duplicate key 'A' (first on line 3)"_s;
    QTest::newRow("duplicate passthrough name") << pt + "A: A\n  A: B\n"
                                                << 4 << 3 << u"duplicate key"_s;

    // Wrong types and nesting.
    QTest::newRow("whitelist as map") << n + "http-domain-whitelist:\n  github: .github.com\n"
                                      << 3 << 3 << u"not a map"_s;
    QTest::newRow("whitelist as scalar") << n + "http-domain-whitelist: .github.com\n"
                                         << 2 << 24 << u"- value"_s;
    QTest::newRow("sandbox-name as list")
        << "sandbox-name:\n  - a\n"_ba << 2 << 3 << u"single value, not a list"_s;
    QTest::newRow("memory-limit as map") << n + "memory-limit: {a: 1}\n"
                                         << 2 << 15 << u"single value, not a map"_s;
    QTest::newRow("env as list") << n + "env:\n  - FOO=bar\n" << 3 << 3 << u"'FOO: bar'"_s;
    QTest::newRow("env as scalar") << n + "env: FOO=bar\n" << 2 << 6 << u"must be a map"_s;
    QTest::newRow("nested list item") << wl + "- a.com\n" << 3 << 5 << u"nested"_s;
    QTest::newRow("nested map item") << wl + "a: b\n" << 3 << 5 << u"nested"_s;
    QTest::newRow("env value is a map") << env + "A:\n    B: c\n" << 4 << 5 << u"single line"_s;
    QTest::newRow("env value is a list") << env + "A: [1, 2]\n" << 3 << 6 << u"single line"_s;
    QTest::newRow("env key is a list") << env + "[A]: b\n" << 3 << 3 << u"variable name"_s;

    // Control characters and line breaks in values.
    QTest::newRow("literal block scalar") << env + "A: |\n    one\n    two\n"
                                          << 3 << 6 << u"line break"_s;
    QTest::newRow("folded scalar keeps newline") << env + "A: >\n    one\n"
                                                 << 3 << 6 << u"line break"_s;
    QTest::newRow("escaped newline") << env + "A: \"a\\nb\"\n" << 3 << 6 << u"line break"_s;
    QTest::newRow("escaped tab") << env + "A: \"a\\tb\"\n" << 3 << 6 << u"tab"_s;
    QTest::newRow("escaped control") << env + "A: \"a\\x01b\"\n" << 3 << 6 << u"U+0001"_s;
    QTest::newRow("escaped C1 control") << env + "A: \"a\\x85b\"\n" << 3 << 6 << u"U+0085"_s;
    QTest::newRow("escaped line separator") << env + "A: \"a\\u2028b\"\n"
                                            << 3 << 6 << u"line separator"_s;
    QTest::newRow("raw tab in value") << env + "A: a\tb\n" << 3 << 6 << u"tab"_s;
    QTest::newRow("raw control character") << env + "A: a\x01"
                                                    "b\n"
                                           << 3 << 7 << u"U+0001"_s;
    QTest::newRow("raw DEL") << n + "# comment \x7f\n" << 2 << 11 << u"U+007F"_s;
    QTest::newRow("raw NUL") << n + "env:\n  A: x\x00y\n"_ba << 3 << 7 << u"U+0000"_s;
    QTest::newRow("newline in domain") << wl + "\"a.com\\nb.com\"\n" << 3 << 5 << u"line break"_s;
    QTest::newRow("stray carriage return") << n + "env:\r  A: b\n" << 2 << 5 << u"carriage"_s;
    QTest::newRow("invalid utf-8") << n + "env:\n  A: \xff\xfe\n" << 3 << 6 << u"UTF-8"_s;
    QTest::newRow("invalid utf-8 column counts characters")
        << n + "env:\n  \xC3\xA9T\xC3\xA9: \xC3\n"
        << 3 << 8 << u"UTF-8"_s;

    // Not valid YAML (yaml-cpp's ParserException mark).
    QTest::newRow("bad indentation") << n + "env:\n  A: b\n B: c\n"
                                     << 4 << 2 << u"not valid YAML"_s;
    QTest::newRow("list item out of place") << n + "http-domain-whitelist:\n  - a.com\n- b.com\n"
                                            << 4 << 1 << u"not valid YAML"_s;
    QTest::newRow("unclosed flow") << n + "host-ports: [1, 2\n" << 3 << 1 << u"']'"_s;
    QTest::newRow("colon in value") << n + "env:\n  A: b: c\n" << 3 << 7 << u"quotes"_s;
    QTest::newRow("tab indentation") << n + "host-ports:\n\t- 1\n" << 3 << 2 << u"tabs"_s;
    QTest::newRow("bad escape") << env + "A: \"C:\\dir\"\n" << 3 << 9 << u"single quotes"_s;
    QTest::newRow("unclosed double quote") << env + "A: \"abc\n  B: d\n"
                                           << 3 << 6 << u"closing quote"_s;
    QTest::newRow("unclosed single quote") << n + "env:\n  A: 'abc\n"
                                           << 3 << 6 << u"closing quote"_s;
    // yaml-cpp 0.7 takes a last line without ':' for a key with an empty value.
    QTest::newRow("missing colon top-level") << n + "host-ports:\n  - 1\nmemory4g\n"
                                             << 4 << 1 << u"no ':'"_s;
    QTest::newRow("missing colon in env") << env + "A: b\n  C\n" << 4 << 3 << u"'C' has no ':'"_s;
    QTest::newRow("missing colon in unknown key") << n + "other:\n  x: 1\n  y z\n"
                                                  << 4 << 3 << u"no ':'"_s;
    QTest::newRow("two documents") << n + "---\nsandbox-name: b\n"
                                   << 2 << 1 << u"more than one YAML document"_s;
    QTest::newRow("empty second document") << n + "---\n"
                                           << 2 << 1 << u"more than one YAML document"_s;

    // The shape of the file.
    QTest::newRow("top-level list") << "- sandbox-name: a\n"_ba << 1 << 1 << u"not a list"_s;
    QTest::newRow("top-level scalar") << "# c\nhello\n"_ba << 2 << 1 << u"not a single value"_s;
    QTest::newRow("top-level flow map") << "{sandbox-name: a}\n"_ba << 1 << 1 << u"one per line"_s;
    QTest::newRow("explicit key") << n + "? env\n: {}\n" << 2 << 3 << u"'? key'"_s;
    QTest::newRow("missing key name") << n + ": value\n" << 2 << 1 << u"no key name"_s;
    QTest::newRow("empty file") << ""_ba << 0 << 0 << u"empty"_s;
    QTest::newRow("blank file") << "\n  \n\n"_ba << 0 << 0 << u"empty"_s;
    QTest::newRow("bom only") << "\xEF\xBB\xBF"_ba << 0 << 0 << u"empty"_s;
    QTest::newRow("only comments")
        << "# sandbox-name: a\n\n# x\n"_ba << 0 << 0 << u"only comments"_s;
    QTest::newRow("missing sandbox-name")
        << "host-ports:\n  - 1\n"_ba << 0 << 0 << u"sandbox-name is missing"_s;
    QTest::newRow("sandbox-name empty")
        << "sandbox-name:\nenv:\n"_ba << 1 << 1 << u"sandbox-name is empty"_s;
    QTest::newRow("sandbox-name upper case")
        << "sandbox-name: My-Project\n"_ba << 1 << 15 << u"'my-project'"_s;
    QTest::newRow("sandbox-name underscore")
        << "sandbox-name: my_project\n"_ba << 1 << 15 << u"lower-case"_s;
    QTest::newRow("sandbox-name trailing hyphen")
        << "sandbox-name: a-\n"_ba << 1 << 15 << u"not a valid name"_s;
    QTest::newRow("sandbox-name too long") << "sandbox-name: " + QByteArray(64, 'a') + "\n"
                                           << 1 << 15 << u"too long"_s;

    // Anchors, aliases, tags.
    QTest::newRow("anchor") << n + "env:\n  A: &v x\n" << 3 << 6 << u"anchors"_s;
    QTest::newRow("alias") << n + "unknown: &v x\nenv:\n  A: *v\n" << 4 << 6 << u"aliases"_s;
    QTest::newRow("undefined alias") << n + "env:\n  A: *v\n" << 3 << 6 << u"aliases"_s;
    QTest::newRow("tag") << hp + "!!str 5432\n" << 3 << 5 << u"tags ('!!str')"_s;
    QTest::newRow("custom tag on section") << n + "env: !vars\n  A: b\n"
                                           << 2 << 6 << u"tags ('!vars')"_s;

    // Our optional keys.
    QTest::newRow("memory bad unit") << n + "memory-limit: 4gb\n" << 2 << 15 << u"memory size"_s;
    QTest::newRow("memory zero") << n + "memory-limit: 0g\n" << 2 << 15 << u"memory size"_s;
    QTest::newRow("memory negative") << n + "memory-limit: -1\n" << 2 << 15 << u"memory size"_s;
    QTest::newRow("cpu zero") << n + "cpu-limit: 0\n" << 2 << 12 << u"CPU"_s;
    QTest::newRow("cpu text") << n + "cpu-limit: two\n" << 2 << 12 << u"CPU"_s;
    QTest::newRow("cpu leading dot") << n + "cpu-limit: .5\n" << 2 << 12 << u"CPU"_s;
    QTest::newRow("pids too small") << n + "pids-limit: 63\n" << 2 << 13 << u"64 to 1000000"_s;
    QTest::newRow("pids too big") << n + "pids-limit: 1000001\n" << 2 << 13 << u"out of range"_s;
    QTest::newRow("pids text") << n + "pids-limit: lots\n" << 2 << 13 << u"not a number"_s;
    QTest::newRow("ro absolute") << n + "read-only-paths:\n  - /etc\n" << 3 << 5 << u"absolute"_s;
    QTest::newRow("ro dotdot") << n + "read-only-paths:\n  - a/../../b\n" << 3 << 5 << u"'..'"_s;
    QTest::newRow("ro drop absolute") << n + "read-only-paths:\n  - '!/x'\n"
                                      << 3 << 5 << u"absolute"_s;
    QTest::newRow("ro home") << n + "read-only-paths:\n  - ~/x\n" << 3 << 5 << u"outside"_s;
    QTest::newRow("ro bang only") << n + "read-only-paths:\n  - '!'\n" << 3 << 5 << u"empty"_s;
    QTest::newRow("ro duplicate") << n + "read-only-paths:\n  - docs\n  - docs\n"
                                  << 4 << 5 << u"twice"_s;
    QTest::newRow("ca duplicate") << n + "extra-ca-certificates:\n  - a.pem\n  - a.pem\n"
                                  << 4 << 5 << u"twice"_s;
    QTest::newRow("share settings not a boolean") << n + "share-opencode-settings: maybe\n"
                                                  << 2 << 26 << u"yes/no"_s;
}

void TestConfigFile::errors()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, keyword);

    const ConfigFile::LoadResult r = ConfigFile::parse(text, u"cfg.yaml"_s);
    QVERIFY2(!r.ok(), "an erroneous file must not load");
    bool found = false;
    for (const Diagnostic &d : r.diagnostics) {
        QCOMPARE(d.file, u"cfg.yaml"_s);
        if (d.isError() && d.line == line && d.column == column &&
            d.message.contains(keyword, Qt::CaseInsensitive))
            found = true;
    }
    QVERIFY2(found, qPrintable(u"expected an error at %1:%2 containing \"%3\"; got:\n%4"_s.arg(line)
                                   .arg(column)
                                   .arg(keyword, dump(r.diagnostics))));
    QVERIFY(!r.errorSummary().isEmpty());
}

void TestConfigFile::multipleErrorsAtOnce()
{
    const QByteArray text = R"(sandbox-name: Bad_Name
http-domain-whitelist:
  - https://github.com/
  - ok.example.com
  - 10.1.2.3
host-ports:
  - 0
  - 8080
env:
  1X: a
  PATH: /bin
surprise: 1
)"_ba;
    const ConfigFile::LoadResult r = ConfigFile::parse(text, u"m.yaml"_s);
    QVERIFY(!r.ok());
    QList<std::pair<int, int>> errors;
    int warnings = 0;
    for (const Diagnostic &d : r.diagnostics) {
        if (d.isError())
            errors.append({d.line, d.column});
        else
            ++warnings;
    }
    const QList<std::pair<int, int>> expected{{1, 15}, {3, 5}, {5, 5}, {7, 5}, {10, 3}, {11, 3}};
    QCOMPARE(errors, expected);
    QCOMPARE(warnings, 1); // the unknown key, reported along with the errors
    QCOMPARE(r.errorSummary().count(u'\n'), 6);
    QVERIFY(r.errorSummary().startsWith(u"m.yaml:1:15: error: sandbox-name:"_s));
}

void TestConfigFile::crlfAndBomKeepLineNumbers_data()
{
    QTest::addColumn<QByteArray>("text");
    const QByteArray base = "# top\nsandbox-name: a\n\nhost-ports:\n  - 5432\n  - 99999\nenv:\n"
                            "  A: b\n B: c\n"_ba;
    QTest::newRow("lf") << base;
    QTest::newRow("crlf") << toCrlf(base);
    QTest::newRow("bom") << withBom(base);
    QTest::newRow("bom crlf") << withBom(toCrlf(base));
}

void TestConfigFile::crlfAndBomKeepLineNumbers()
{
    QFETCH(QByteArray, text);
    // The YAML error stops parsing: only it is reported, at the same place in every form.
    const ConfigFile::LoadResult r = ConfigFile::parse(text, u"f"_s);
    QCOMPARE(r.diagnostics.size(), 1);
    QCOMPARE(r.diagnostics[0].line, 9);
    QCOMPARE(r.diagnostics[0].column, 2);

    QByteArray fixed = text;
    fixed.replace(" B: c", "  B: c");
    const ConfigFile::LoadResult r2 = ConfigFile::parse(fixed, u"f"_s);
    QCOMPARE(r2.diagnostics.size(), 1);
    QCOMPARE(r2.diagnostics[0].line, 6);
    QCOMPARE(r2.diagnostics[0].column, 5);
    QVERIFY(r2.diagnostics[0].message.contains(u"99999"_s));
}

void TestConfigFile::warnings_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("keyword");

    QTest::newRow("unknown key") << "sandbox-name: a\nfavourite-colour: blue\n"_ba << 2 << 1
                                 << u"unknown key 'favourite-colour'"_s;
    QTest::newRow("typo suggests key")
        << "sandbox-name: a\nhost-port:\n  - 1\n"_ba << 2 << 1 << u"did you mean 'host-ports'"_s;
    QTest::newRow("case suggests key")
        << "sandbox-name: a\nENV:\n  A: b\n"_ba << 2 << 1 << u"did you mean 'env'"_s;
    QTest::newRow("read-only drop") << "sandbox-name: a\nread-only-paths:\n  - '!.git'\n"_ba << 3
                                    << 5 << u"removes a default"_s;
}

void TestConfigFile::warnings()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, keyword);
    const ConfigFile::LoadResult r = ConfigFile::parse(text, u"w"_s);
    QVERIFY2(r.ok(), qPrintable(dump(r.diagnostics)));
    QCOMPARE(r.diagnostics.size(), 1);
    const Diagnostic &d = r.diagnostics.front();
    QCOMPARE(d.severity, Diagnostic::Severity::Warning);
    QCOMPARE(d.line, line);
    QCOMPARE(d.column, column);
    QVERIFY2(d.message.contains(keyword), qPrintable(d.message));
    QVERIFY(d.toString().startsWith(u"w:%1:%2: warning: "_s.arg(line).arg(column)));
}

void TestConfigFile::diagnosticToString_data()
{
    QTest::addColumn<int>("severity");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("expected");
    QTest::newRow("full") << 0 << 3 << 7 << u"a.yaml:3:7: error: msg"_s;
    QTest::newRow("warning") << 1 << 3 << 7 << u"a.yaml:3:7: warning: msg"_s;
    QTest::newRow("no column") << 0 << 3 << 0 << u"a.yaml:3: error: msg"_s;
    QTest::newRow("no line") << 0 << 0 << 0 << u"a.yaml: error: msg"_s;
}

void TestConfigFile::diagnosticToString()
{
    QFETCH(int, severity);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, expected);
    Diagnostic d;
    d.severity = severity == 0 ? Diagnostic::Severity::Error : Diagnostic::Severity::Warning;
    d.file = u"a.yaml"_s;
    d.line = line;
    d.column = column;
    d.message = u"msg"_s;
    QCOMPARE(d.toString(), expected);
}

void TestConfigFile::loadFromDisk()
{
    const QString dir = qEnvironmentVariable("OCS_SOURCE_DIR");
    QVERIFY2(!dir.isEmpty(), "OCS_SOURCE_DIR is set by add_unit_test");
    const QString path = dir + u"/tests/unit/config/data/reference-config.yaml"_s;
    const ConfigFile::LoadResult r = ConfigFile::load(path);
    QVERIFY2(r.ok(), qPrintable(r.errorSummary()));
    QCOMPARE(r.config->sandboxName, u"my-project"_s);
    QCOMPARE(r.config->httpDomainWhitelist,
             (QStringList{u".github.com"_s, u"api.anthropic.com"_s, u".registry.example.org"_s}));
    QCOMPARE(portList(*r.config), (QList<int>{5432, 6379}));
    QCOMPARE(passthroughList(*r.config), (QStringList{u"ANTHROPIC_API_KEY=ANTHROPIC_API_KEY"_s,
                                                      u"GH_TOKEN=MY_PROJECT_GH_TOKEN"_s}));
    QCOMPARE(envList(*r.config), (QStringList{u"GITHUB_REPOSITORY=my-org/my-repo"_s}));

    const QString bad = dir + u"/tests/unit/config/data/broken-config.yaml"_s;
    const ConfigFile::LoadResult rb = ConfigFile::load(bad);
    QVERIFY(!rb.ok());
    QVERIFY2(rb.errorSummary().startsWith(bad + u":4:5: error: "_s), qPrintable(rb.errorSummary()));
}

void TestConfigFile::loadMissingFile()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString path = tmp.filePath(ConfigFile::FileName);
    const ConfigFile::LoadResult r = ConfigFile::load(path);
    QVERIFY(!r.ok());
    QCOMPARE(r.diagnostics.size(), 1);
    QCOMPARE(r.diagnostics[0].file, path);
    QVERIFY(r.diagnostics[0].isError());
    QVERIFY(r.errorSummary().startsWith(path + u": error: "_s));

    const ConfigFile::LoadResult rd = ConfigFile::load(tmp.path());
    QVERIFY(!rd.ok());
    QVERIFY(rd.diagnostics[0].message.contains(u"folder"_s));
}

// ---------------------------------------------------------------------------------------------
// Single-value rules (the same functions the dialogs use)

void TestConfigFile::domainRule_data()
{
    QTest::addColumn<QString>("entry");
    QTest::addColumn<QString>("normalised"); // empty: an error is expected

    QTest::newRow("plain") << u"github.com"_s << u"github.com"_s;
    QTest::newRow("leading dot") << u".github.com"_s << u".github.com"_s;
    QTest::newRow("star dot") << u"*.github.com"_s << u".github.com"_s;
    QTest::newRow("upper case") << u"API.GitHub.COM"_s << u"api.github.com"_s;
    QTest::newRow("digits and hyphens") << u"a-1.b2.io"_s << u"a-1.b2.io"_s;
    QTest::newRow("single label") << u"localhost"_s << u"localhost"_s;
    QTest::newRow("punycode") << u"xn--bcher-kva.de"_s << u"xn--bcher-kva.de"_s;
    QTest::newRow("63-char label")
        << QString(63, u'a') + u".com"_s << QString(63, u'a') + u".com"_s;
    QTest::newRow("dot only") << u"."_s << QString();
    QTest::newRow("star star") << u"*.*.a.com"_s << QString();
    QTest::newRow("double dot lead") << u"..a.com"_s << QString();
    QTest::newRow("numeric only") << u"123"_s << QString();
}

void TestConfigFile::domainRule()
{
    QFETCH(QString, entry);
    QFETCH(QString, normalised);
    QString out;
    const QString problem = configrules::checkDomain(entry, &out);
    if (normalised.isEmpty()) {
        QVERIFY2(!problem.isEmpty(), qPrintable(entry));
    } else {
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(out, normalised);
    }
}

void TestConfigFile::reservedNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("keyword"); // empty: not reserved
    QTest::newRow("password") << u"OPENCODE_SERVER_PASSWORD"_s << u"set by the sandbox"_s;
    QTest::newRow("username") << u"OPENCODE_SERVER_USERNAME"_s << u"set by the sandbox"_s;
    QTest::newRow("PATH") << u"PATH"_s << u"set by the sandbox"_s;
    QTest::newRow("HOME") << u"HOME"_s << u"set by the sandbox"_s;
    QTest::newRow("USER") << u"USER"_s << u"set by the sandbox"_s;
    QTest::newRow("SHELL") << u"SHELL"_s << u"set by the sandbox"_s;
    QTest::newRow("OCS_") << u"OCS_TOKEN"_s << u"reserved"_s;
    QTest::newRow("http_proxy") << u"http_proxy"_s << u"proxy"_s;
    QTest::newRow("HTTPS_PROXY") << u"HTTPS_PROXY"_s << u"proxy"_s;
    QTest::newRow("No_Proxy") << u"No_Proxy"_s << u"proxy"_s;
    QTest::newRow("ALL_PROXY") << u"ALL_PROXY"_s << u"proxy"_s;
    QTest::newRow("LD_LIBRARY_PATH") << u"LD_LIBRARY_PATH"_s << u"reserved"_s;
    QTest::newRow("DOCKER_HOST") << u"DOCKER_HOST"_s << u"container engine"_s;
    QTest::newRow("CONTAINER_HOST") << u"CONTAINER_HOST"_s << u"container engine"_s;
    QTest::newRow("PODMAN_X") << u"PODMAN_X"_s << u"container engine"_s;
    // Read at program start by bash, the dynamic loader / C library or node: they would run
    // code in the sandbox's root helpers before those can clean their environment.
    const QStringList startupNames =
        u"BASH_ENV ENV BASHOPTS SHELLOPTS PS4 BASH_XTRACEFD BASH_LOADABLES_PATH BASH_COMPAT "
        u"POSIXLY_CORRECT GLOBIGNORE CDPATH PROMPT_COMMAND IFS BASH_FUNC_x BASH_FUNC_set "
        u"GCONV_PATH GLIBC_TUNABLES LOCPATH NLSPATH HOSTALIASES RES_OPTIONS LOCALDOMAIN "
        u"MALLOC_TRACE NODE_OPTIONS LD_AUDIT"_s.split(u' ');
    for (const QString &n : startupNames)
        QTest::newRow(qPrintable(n)) << n << u"reserved"_s;
    QTest::newRow("GH_TOKEN is fine") << u"GH_TOKEN"_s << QString();
    QTest::newRow("BASH is fine") << u"BASH"_s << QString();
    QTest::newRow("ENVIRONMENT is fine") << u"ENVIRONMENT"_s << QString();
    QTest::newRow("MALLOC_ARENA_MAX is fine") << u"MALLOC_ARENA_MAX"_s << QString();
    QTest::newRow("NODE_ENV is fine") << u"NODE_ENV"_s << QString();
    QTest::newRow("PYTHONPATH is fine (reaches only the agent)") << u"PYTHONPATH"_s << QString();
    QTest::newRow("GIT_AUTHOR_NAME is fine") << u"GIT_AUTHOR_NAME"_s << QString();
    QTest::newRow("TMPDIR is fine") << u"TMPDIR"_s << QString();
    QTest::newRow("path lower case is fine") << u"path"_s << QString();
    QTest::newRow("MY_PATH is fine") << u"MY_PATH"_s << QString();
    QTest::newRow("OCSX is fine") << u"OCSX"_s << QString();
}

void TestConfigFile::reservedNames()
{
    QFETCH(QString, name);
    QFETCH(QString, keyword);
    const QString reason = configrules::reservedEnvReason(name);
    if (keyword.isEmpty()) {
        QVERIFY2(reason.isEmpty(), qPrintable(reason));
    } else {
        QVERIFY2(reason.contains(keyword), qPrintable(reason));
        QVERIFY(reason.contains(name));
    }
}

// ---------------------------------------------------------------------------------------------
// Writing

void TestConfigFile::renderUnchangedIsIdentical_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("readme") << ReadmeExample;
    QTest::newRow("reference") << ReferenceFile;
    QTest::newRow("reference crlf") << toCrlf(ReferenceFile);
    QTest::newRow("reference bom crlf") << withBom(toCrlf(ReferenceFile));
    QByteArray noNewline = ReadmeExample;
    noNewline.chop(1);
    QTest::newRow("no final newline") << noNewline;
    QTest::newRow("template") << ConfigFile::defaultTemplate(u"x"_s);
    QTest::newRow("odd but valid styles") << R"(---
sandbox-name:   'a'    # name
http-domain-whitelist: [ '*.A.com' ]
env: {X: "1"}
memory-limit: 4G
...
# after the end
)"_ba;
    QTest::newRow("mixed line ends") << "sandbox-name: a\r\nenv:\n  A: b\r\n"_ba;
}

void TestConfigFile::renderUnchangedIsIdentical()
{
    QFETCH(QByteArray, text);
    const ProjectConfig config = mustParse(text);
    QVERIFY(!config.sandboxName.isEmpty());
    QStringList dropped{u"stale"_s};
    QCOMPARE(ConfigFile::render(text, config, &dropped), text);
    QVERIFY(dropped.isEmpty());
}

void TestConfigFile::renderChangedWhitelistKeepsTheRest()
{
    ProjectConfig c = mustParse(ReferenceFile);
    c.httpDomainWhitelist = {u"api.anthropic.com"_s, u".github.com"_s, u"registry.example.org"_s};
    QStringList dropped;
    const QByteArray out = ConfigFile::render(ReferenceFile, c, &dropped);
    const QByteArray expected = R"(# opencode sandbox config
sandbox-name: my-project

# domains
http-domain-whitelist:
- api.anthropic.com
# - .example.com
- .github.com  # gh and api
- registry.example.org

host-ports:
- 5432

env-passthrough:
  # ANTHROPIC_API_KEY: ANTHROPIC_API_KEY

env:
  GITHUB_REPOSITORY: my-org/my-repo   # the repo
  DEBUG: true
custom-thing:
  nested:
    - a
)"_ba;
    QCOMPARE(out, expected);
    QVERIFY(dropped.isEmpty());
    QCOMPARE(mustParse(out), c);
}

void TestConfigFile::renderChangedEnvValueKeepsComment()
{
    ProjectConfig c = mustParse(ReferenceFile);
    c.env[0].value = u"other/repo"_s;
    c.env.append({u"NEW"_s, u"no"_s});
    const QByteArray out = ConfigFile::render(ReferenceFile, c);
    QVERIFY2(out.contains("\nenv:\n  GITHUB_REPOSITORY: other/repo   # the repo\n  DEBUG: true\n"
                          "  NEW: 'no'\ncustom-thing:\n"),
             out.constData());
    // Everything before env is untouched.
    const qsizetype envAt = ReferenceFile.indexOf("\nenv:");
    QCOMPARE(out.left(envAt), ReferenceFile.left(envAt));
    QCOMPARE(mustParse(out), c);
}

void TestConfigFile::renderRemovedItemReportsItsComment()
{
    ProjectConfig c = mustParse(ReferenceFile);
    c.httpDomainWhitelist = {u"api.anthropic.com"_s};
    c.env.removeFirst();
    QStringList dropped;
    const QByteArray out = ConfigFile::render(ReferenceFile, c, &dropped);
    QCOMPARE(dropped, (QStringList{u"# gh and api"_s, u"# the repo"_s}));
    QVERIFY(out.contains("http-domain-whitelist:\n# - .example.com\n- api.anthropic.com\n\n"));
    QVERIFY(!out.contains(".github.com"));
    QCOMPARE(mustParse(out), c);
}

void TestConfigFile::renderKeepsCrlfAndBom()
{
    const QByteArray original = withBom(toCrlf(ReferenceFile));
    ProjectConfig c = mustParse(original);
    c.hostPorts.append(8080);
    c.httpDomainWhitelist.removeLast();
    c.memoryLimit = u"2g"_s;
    c.env.append({u"A"_s, u"b"_s});
    const QByteArray out = ConfigFile::render(original, c);
    QVERIFY(out.startsWith("\xEF\xBB\xBF# opencode sandbox config\r\n"));
    QCOMPARE(out.count("\n"), out.count("\r\n"));
    QVERIFY(out.contains("host-ports:\r\n- 5432\r\n- 8080\r\n"));
    QVERIFY(out.endsWith("memory-limit: 2g\r\n"));
    QCOMPARE(mustParse(out), c);
}

void TestConfigFile::renderTrickyEnvValues_data()
{
    QTest::addColumn<QString>("value");
    const QStringList values{u"yes"_s,         u"No"_s,         u"TRUE"_s,
                             u"false"_s,       u"on"_s,         u"OFF"_s,
                             u"y"_s,           u"n"_s,          u"null"_s,
                             u"Null"_s,        u"~"_s,          QString(),
                             u"8080"_s,        u"0755"_s,       u"0x1F"_s,
                             u"1e3"_s,         u"-5"_s,         u"+1"_s,
                             u".5"_s,          u".inf"_s,       u"-.Inf"_s,
                             u".NaN"_s,        u"1_000"_s,      u"1:20"_s,
                             u"2024-01-31"_s,  u"a: b"_s,       u"a:b"_s,
                             u"ends:"_s,       u"x #y"_s,       u"x#y"_s,
                             u"#hash"_s,       u"- dash"_s,     u"-dash"_s,
                             u"?q"_s,          u":c"_s,         u"'single'"_s,
                             u"\"double\""_s,  u"it's"_s,       u" lead"_s,
                             u"trail "_s,      u"*star"_s,      u"&amp"_s,
                             u"!bang"_s,       u"%pct"_s,       u"@at"_s,
                             u"`tick`"_s,      u"{a}"_s,        u"[a]"_s,
                             u",comma"_s,      u"|pipe"_s,      u">gt"_s,
                             u"back\\slash"_s, u"C:\\dir\\"_s,  u"\u00fcnic\u00f6de \u20ac"_s,
                             u"---"_s,         u"..."_s,        u"="_s,
                             u"<<"_s,          u"a  b"_s,       u"http://x.y/?a=b&c=d#f"_s,
                             u"$HOME/x"_s,     u"--flag=1 -v"_s};
    for (const QString &v : values)
        QTest::newRow(qPrintable(u"[%1]"_s.arg(v))) << v;
}

void TestConfigFile::renderTrickyEnvValues()
{
    QFETCH(QString, value);
    // Into a file that has an env section, into the template, and into an empty file; also as
    // a passthrough-free variable name check via the reparse.
    const QList<QByteArray> originals{ReadmeExample, ConfigFile::defaultTemplate(u"x"_s),
                                      QByteArray()};
    for (const QByteArray &original : originals) {
        ProjectConfig c = original.isEmpty() ? ProjectConfig() : mustParse(original);
        if (original.isEmpty())
            c.sandboxName = u"x"_s;
        c.env.append({u"TRICKY"_s, value});
        const QByteArray out = ConfigFile::render(original, c);
        const ConfigFile::LoadResult r = ConfigFile::parse(out, u"out"_s);
        QVERIFY2(r.ok(), qPrintable(dump(r.diagnostics) + u"\n"_s + QString::fromUtf8(out)));
        QCOMPARE(r.config->env.back().value, value);
        QCOMPARE(*r.config, c);
    }
    // Words a YAML 1.1 reader would turn into booleans or null are quoted.
    if (value == u"yes"_s || value == u"null"_s || value == u"8080"_s) {
        ProjectConfig c = mustParse(ReadmeExample);
        c.env.append({u"TRICKY"_s, value});
        QVERIFY(ConfigFile::render(ReadmeExample, c).contains("TRICKY: '" + value.toUtf8() + "'"));
    }
}

void TestConfigFile::renderTrickyListValues()
{
    ProjectConfig c = mustParse(ReadmeExample);
    c.readOnlyPaths = {u"!.git"_s, u"docs"_s, u"a b/c"_s, u"#notes"_s};
    c.extraCaCertificates = {u"~/certs/a.pem"_s, u"certs/b c.pem"_s, u"x: y.pem"_s};
    c.sandboxName = u"null"_s; // a valid name that YAML would read as null unquoted
    c.cpuLimit = u"1.5"_s;
    c.pidsLimit = 512;
    const QByteArray out = ConfigFile::render(ReadmeExample, c);
    QVERIFY(out.contains("sandbox-name: 'null'\n"));
    QVERIFY(out.contains("  - '!.git'\n"));
    QVERIFY(out.contains("cpu-limit: 1.5\n"));
    QVERIFY(out.contains("pids-limit: 512\n"));
    QCOMPARE(mustParse(out), c);
}

void TestConfigFile::renderEmptiedSections()
{
    const QByteArray original = R"(sandbox-name: a
http-domain-whitelist:
  # examples
  - a.com   # first
  - b.com
host-ports:
  - 1
memory-limit: 4g  # enough
env:
  A: b
)"_ba;
    ProjectConfig c = mustParse(original);
    c.httpDomainWhitelist.clear();
    c.hostPorts.clear();
    c.memoryLimit.clear();
    c.env.clear();
    QStringList dropped;
    const QByteArray out = ConfigFile::render(original, c, &dropped);
    // Sections that were in the file stay, empty, with their comments; absent optional keys
    // that are empty are not added.
    QCOMPARE(out, R"(sandbox-name: a
http-domain-whitelist:
  # examples
host-ports:
memory-limit:  # enough
env:
)"_ba);
    QCOMPARE(dropped, QStringList{u"# first"_s});
    QCOMPARE(mustParse(out), c);
}

void TestConfigFile::renderAddsNewSectionsAtTheEnd()
{
    ProjectConfig c = mustParse(ReadmeExample);
    c.readOnlyPaths = {u"docs"_s};
    c.pidsLimit = 100;
    c.extraCaCertificates = {u"ca.pem"_s};
    const QByteArray out = ConfigFile::render(ReadmeExample, c);
    QCOMPARE(out, ReadmeExample + "extra-ca-certificates:\n  - ca.pem\npids-limit: 100\n"
                                  "read-only-paths:\n  - docs\n");
    QCOMPARE(mustParse(out), c);

    // A missing sandbox-name goes in front of the first key.
    const QByteArray noName = "# c\nhost-ports:\n  - 1\n"_ba;
    ProjectConfig d;
    d.sandboxName = u"proj"_s;
    d.hostPorts = {1};
    QCOMPARE(ConfigFile::render(noName, d), "# c\nsandbox-name: proj\nhost-ports:\n  - 1\n"_ba);
}

void TestConfigFile::renderColumnZeroItems()
{
    const QByteArray original = "sandbox-name: a\nhttp-domain-whitelist:\n- a.com\nenv:\n"_ba;
    ProjectConfig c = mustParse(original);
    c.httpDomainWhitelist.append(u"b.com"_s);
    c.hostPorts = {22};
    const QByteArray out = ConfigFile::render(original, c);
    // The file's own list style is used for new items and new sections.
    QCOMPARE(out, "sandbox-name: a\nhttp-domain-whitelist:\n- a.com\n- b.com\nenv:\n"
                  "host-ports:\n- 22\n"_ba);
    QCOMPARE(mustParse(out), c);
}

void TestConfigFile::renderEmptyOriginal()
{
    ProjectConfig c;
    c.sandboxName = u"fresh"_s;
    c.httpDomainWhitelist = {u".github.com"_s};
    c.envPassthrough = {{u"A"_s, u"B"_s}};
    c.env = {{u"yes"_s, u"no"_s}};
    c.hostPorts = {5432};
    const QByteArray out = ConfigFile::render(QByteArray(), c);
    QCOMPARE(out, R"(sandbox-name: fresh
http-domain-whitelist:
  - .github.com
host-ports:
  - 5432
env-passthrough:
  A: B
env:
  'yes': 'no'
)"_ba);
    QCOMPARE(mustParse(out), c);
}

void TestConfigFile::renderReplacesInlineValues()
{
    const QByteArray original = R"(sandbox-name: a  # the name
host-ports: [1, 2]   # flow
env: {A: b}
)"_ba;
    ProjectConfig c = mustParse(original);
    c.sandboxName = u"b"_s;
    c.hostPorts = {2, 3};
    c.env.append({u"C"_s, u"d"_s});
    QStringList dropped;
    const QByteArray out = ConfigFile::render(original, c, &dropped);
    QCOMPARE(out, R"(sandbox-name: b  # the name
host-ports:   # flow
  - 2
  - 3
env:
  A: b
  C: d
)"_ba);
    QVERIFY(dropped.isEmpty());
    QCOMPARE(mustParse(out), c);
}

void TestConfigFile::renderDropsDuplicateSection()
{
    const QByteArray original = "sandbox-name: a\nenv:\n  A: b\nenv:  # again\n  C: d\n"_ba;
    QVERIFY(!ConfigFile::parse(original, u"f"_s).ok());
    ProjectConfig c;
    c.sandboxName = u"a"_s;
    c.env = {{u"A"_s, u"b"_s}};
    QStringList dropped;
    const QByteArray out = ConfigFile::render(original, c, &dropped);
    QCOMPARE(out, "sandbox-name: a\nenv:\n  A: b\n"_ba);
    QCOMPARE(dropped, QStringList{u"# again"_s});
}

void TestConfigFile::renderBrokenOriginal()
{
    const QByteArray original = "# keep me?\nsandbox-name: a\nenv:\n  A: b\n B: c\n"_ba;
    ProjectConfig c;
    c.sandboxName = u"a"_s;
    c.env = {{u"A"_s, u"b"_s}};
    QStringList dropped;
    const QByteArray out = ConfigFile::render(toCrlf(original), c, &dropped);
    QCOMPARE(out, "sandbox-name: a\r\nenv:\r\n  A: b\r\n"_ba);
    QCOMPARE(dropped, QStringList{u"# keep me?"_s});
    QCOMPARE(mustParse(out), c);
}

void TestConfigFile::renderMutations_data()
{
    QTest::addColumn<QByteArray>("original");
    QTest::addColumn<int>("mutation");
    const QList<std::pair<const char *, QByteArray>> bases{
        {"readme", ReadmeExample},
        {"reference", ReferenceFile},
        {"reference crlf", toCrlf(ReferenceFile)},
        {"template", ConfigFile::defaultTemplate(u"t"_s)},
        {"flow",
         "sandbox-name: f\nhost-ports: [1, 2]\nenv: {A: b}\nhttp-domain-whitelist: []\n"_ba},
        {"indented 4",
         "sandbox-name: f\nhttp-domain-whitelist:\n    - a.com\n    # c\n    - b.com\n"
         "env:\n    A: b\n\n\n# end\n"_ba},
        {"no final newline", "sandbox-name: f\nhost-ports:\n  - 1"_ba},
        {"comments between items", "sandbox-name: f\nhost-ports:\n  # one\n  - 1\n\n  # two\n"
                                   "  - 2 # second\n  # three\n  - 3\n# after\nenv:\n"_ba},
    };
    for (const auto &[name, text] : bases) {
        for (int m = 0; m < 9; ++m)
            QTest::newRow(qPrintable(u"%1 #%2"_s.arg(QString::fromUtf8(name)).arg(m))) << text << m;
    }
}

void TestConfigFile::renderMutations()
{
    QFETCH(QByteArray, original);
    QFETCH(int, mutation);
    ProjectConfig c = mustParse(original);
    QVERIFY(!c.sandboxName.isEmpty());
    switch (mutation) {
    case 0: // reverse every list
        std::reverse(c.httpDomainWhitelist.begin(), c.httpDomainWhitelist.end());
        std::reverse(c.hostPorts.begin(), c.hostPorts.end());
        std::reverse(c.env.begin(), c.env.end());
        break;
    case 1: // clear everything
        c.httpDomainWhitelist.clear();
        c.hostPorts.clear();
        c.envPassthrough.clear();
        c.env.clear();
        break;
    case 2: // add to everything
        c.httpDomainWhitelist.prepend(u".first.org"_s);
        c.httpDomainWhitelist.append(u"last.org"_s);
        c.hostPorts.append(65535);
        c.envPassthrough.append({u"P"_s, u"Q"_s});
        c.env.prepend({u"Z"_s, u"off"_s});
        break;
    case 3: // drop the first item of every list
        if (!c.httpDomainWhitelist.isEmpty())
            c.httpDomainWhitelist.removeFirst();
        if (!c.hostPorts.isEmpty())
            c.hostPorts.removeFirst();
        if (!c.env.isEmpty())
            c.env.removeFirst();
        if (!c.envPassthrough.isEmpty())
            c.envPassthrough.removeFirst();
        break;
    case 4: // change values in place
        for (EnvVar &e : c.env)
            e.value += u" # not a comment"_s;
        for (EnvPassthrough &p : c.envPassthrough)
            p.hostVar = u"OTHER"_s;
        c.sandboxName = u"renamed"_s;
        break;
    case 5: // all optional keys
        c.extraCaCertificates = {u"a.pem"_s};
        c.memoryLimit = u"1g"_s;
        c.cpuLimit = u"2"_s;
        c.pidsLimit = 64;
        c.readOnlyPaths = {u"!x"_s, u"y"_s};
        break;
    case 6: // replace every list
        c.httpDomainWhitelist = {u"x.org"_s};
        c.hostPorts = {9};
        c.env = {{u"K"_s, u"v"_s}};
        break;
    case 7: // insert in the middle
        c.httpDomainWhitelist.insert(c.httpDomainWhitelist.size() / 2, u"mid.org"_s);
        c.hostPorts.insert(c.hostPorts.size() / 2, 4242);
        c.env.insert(c.env.size() / 2, {u"MID"_s, QString()});
        break;
    case 8: // nothing
        break;
    }
    QStringList dropped;
    const QByteArray out = ConfigFile::render(original, c, &dropped);
    const ConfigFile::LoadResult r = ConfigFile::parse(out, u"out"_s);
    QVERIFY2(r.ok(), qPrintable(dump(r.diagnostics) + u"\n"_s + QString::fromUtf8(out)));
    QCOMPARE(*r.config, c);
    if (mutation == 8)
        QCOMPARE(out, original);
    // Comments of the original survive unless they were reported as dropped.
    int kept = 0;
    for (const QByteArray &line : original.split('\n')) {
        const QByteArray t = line.trimmed();
        if (!t.startsWith('#'))
            continue;
        QVERIFY2(out.contains(t) || dropped.contains(QString::fromUtf8(t)), t.constData());
        ++kept;
    }
    Q_UNUSED(kept);
    // Line ends stay as they were.
    if (original.contains("\r\n"))
        QCOMPARE(out.count("\n"), out.count("\r\n"));
    else
        QVERIFY(!out.contains('\r'));
}

// ---------------------------------------------------------------------------------------------
// Template

void TestConfigFile::defaultTemplateParses_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("simple") << u"my-project"_s;
    QTest::newRow("digits") << u"123"_s;
    QTest::newRow("bool word") << u"yes"_s;
    QTest::newRow("null word") << u"null"_s;
    QTest::newRow("max length") << QString(63, u'a');
}

void TestConfigFile::defaultTemplateParses()
{
    QFETCH(QString, name);
    const QByteArray t = ConfigFile::defaultTemplate(name);
    const ConfigFile::LoadResult r = ConfigFile::parse(t, u"tpl"_s);
    QVERIFY2(r.ok(), qPrintable(dump(r.diagnostics)));
    QVERIFY2(r.diagnostics.isEmpty(), qPrintable(dump(r.diagnostics)));
    ProjectConfig expected;
    expected.sandboxName = name;
    QCOMPARE(*r.config, expected);
    // Every reference section is present (empty, with commented examples)...
    for (const char *key : {"\nhttp-domain-whitelist:\n  # - ", "\nhost-ports:\n  # - ",
                            "\nenv-passthrough:\n  # ", "\nenv:\n  # "})
        QVERIFY2(t.contains(key), key);
    // ...and our optional keys are there as comments only.
    for (const char *key : {"\n# extra-ca-certificates:", "\n# memory-limit:", "\n# cpu-limit:",
                            "\n# pids-limit:", "\n# read-only-paths:"})
        QVERIFY2(t.contains(key), key);
    QVERIFY(t.endsWith('\n'));
}

void TestConfigFile::defaultTemplateFillAndEmptyAgain()
{
    const QByteArray t = ConfigFile::defaultTemplate(u"p"_s);
    ProjectConfig c = mustParse(t);
    c.httpDomainWhitelist = {u".github.com"_s, u"api.anthropic.com"_s};
    c.envPassthrough = {{u"GH_TOKEN"_s, u"MY_GH_TOKEN"_s}};
    QStringList dropped;
    const QByteArray filled = ConfigFile::render(t, c, &dropped);
    QVERIFY(dropped.isEmpty());
    // Commented examples stay above the new items.
    QVERIFY2(filled.contains("http-domain-whitelist:\n  # - .github.com\n  # - api.anthropic.com\n"
                             "  - .github.com\n  - api.anthropic.com\n\n"),
             filled.constData());
    QVERIFY(filled.contains("  # GH_TOKEN: MY_PROJECT_GH_TOKEN\n  GH_TOKEN: MY_GH_TOKEN\n\n"));
    QCOMPARE(mustParse(filled), c);
    // Emptying the sections again gives back the template byte for byte.
    c.httpDomainWhitelist.clear();
    c.envPassthrough.clear();
    QCOMPARE(ConfigFile::render(filled, c), t);
}

// ---------------------------------------------------------------------------------------------
// Saving

void TestConfigFile::saveKeepsMode()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString path = tmp.filePath(ConfigFile::FileName);
    for (const QFile::Permissions perms :
         {QFile::ReadOwner | QFile::WriteOwner,
          QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther}) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(ReferenceFile);
        f.close();
        QVERIFY(QFile::setPermissions(path, perms));

        ProjectConfig c = mustParse(ReferenceFile);
        c.hostPorts.append(3000);
        QString error;
        QVERIFY2(ConfigFile::save(path, c, &error), qPrintable(error));
        QVERIFY(error.isEmpty());
        const QFile::Permissions modeBits = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                            QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup |
                                            QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
        QCOMPARE(QFile::permissions(path) & modeBits, perms);
        struct stat st;
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        const bool isPrivate = perms == (QFile::ReadOwner | QFile::WriteOwner);
        QCOMPARE(st.st_mode & 0777, isPrivate ? 0600u : 0644u);
        const ConfigFile::LoadResult r = ConfigFile::load(path);
        QVERIFY2(r.ok(), qPrintable(r.errorSummary()));
        QCOMPARE(*r.config, c);
    }
}

void TestConfigFile::saveCreatesNewFile()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString path = tmp.filePath(ConfigFile::FileName);
    ProjectConfig c;
    c.sandboxName = u"new-one"_s;
    c.hostPorts = {80};
    QString error;
    QVERIFY2(ConfigFile::save(path, c, &error), qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), "sandbox-name: new-one\nhost-ports:\n  - 80\n"_ba);
}

void TestConfigFile::saveKeepsTheInode()
{
    // A running sandbox has the config mounted read-only on top of its workspace. Replacing
    // the file (a new one renamed over it, as QSaveFile does) detaches that mount inside the
    // sandbox and leaves the agent the new, writable file (issue 10, item 1): the save must
    // rewrite the same inode.
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString path = tmp.filePath(ConfigFile::FileName);
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(ReadmeExample);
    }
    struct stat before
    {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &before), 0);
    ProjectConfig c = mustParse(ReadmeExample);
    c.httpDomainWhitelist = {u"changed.org"_s};
    QString error;
    QVERIFY2(ConfigFile::save(path, c, &error), qPrintable(error));
    struct stat after
    {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &after), 0);
    QCOMPARE(after.st_ino, before.st_ino);
    QCOMPARE(*ConfigFile::load(path).config, c);
    // Shorter than before: nothing of the old text is left at the end.
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray textBefore = f.readAll();
    f.close();
    c = mustParse("sandbox-name: x\n");
    QVERIFY2(ConfigFile::save(path, c, &error), qPrintable(error));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray expected = ConfigFile::render(textBefore, c);
    QVERIFY(expected.size() < textBefore.size());
    QCOMPARE(f.readAll(), expected);
    QCOMPARE(*ConfigFile::load(path).config, c);
    // No temporary files are left behind.
    QCOMPARE(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{ConfigFile::FileName});
}

void TestConfigFile::saveDoesNotFollowASymlink()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString target = tmp.filePath(u"elsewhere.yaml"_s);
    {
        QFile f(target);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(ReadmeExample);
    }
    const QString path = tmp.filePath(ConfigFile::FileName);
    QVERIFY(QFile::link(target, path));
    ProjectConfig c = mustParse(ReadmeExample);
    c.hostPorts = {1};
    QString error;
    QVERIFY(!ConfigFile::save(path, c, &error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QFile f(target);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), ReadmeExample);
}

void TestConfigFile::saveFailsWithoutTouchingTheFile()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    // The target is a directory: nothing can be written, and nothing is changed.
    const QString dirPath = tmp.filePath(u"a-folder"_s);
    QVERIFY(QDir().mkdir(dirPath));
    ProjectConfig c;
    c.sandboxName = u"x"_s;
    QString error;
    QVERIFY(!ConfigFile::save(dirPath, c, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(QFileInfo(dirPath).isDir());

    // The folder of the file does not exist.
    const QString missing = tmp.filePath(u"no/such/dir/"_s + ConfigFile::FileName);
    QVERIFY(!ConfigFile::save(missing, c, &error));
    QVERIFY(error.contains(missing));
    QVERIFY(!QFileInfo::exists(missing));
}

void TestConfigFile::loadRefusesUnsafeFiles_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expectedWords");
    QTest::newRow("symlink to /dev/zero") << u"devzero"_s << u"symbolic link"_s;
    QTest::newRow("symlink to a config elsewhere") << u"outside"_s << u"symbolic link"_s;
    QTest::newRow("FIFO") << u"fifo"_s << u"FIFO"_s;
    QTest::newRow("2 MiB") << u"big"_s << u"larger than 1 MiB"_s;
    QTest::newRow("hard link") << u"hardlink"_s << u"hard links"_s;
    QTest::newRow("regular file (control)") << u"plain"_s << QString();
}

void TestConfigFile::loadRefusesUnsafeFiles()
{
    QFETCH(QString, kind);
    QFETCH(QString, expectedWords);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    QVERIFY(QDir().mkpath(tmp.filePath(u"project"_s)));
    const QString path = tmp.filePath(u"project/"_s + ConfigFile::FileName);
    const QByteArray native = QFile::encodeName(path);
    const QByteArray valid = "sandbox-name: safe\n";
    auto write = [](const QString &file, const QByteArray &data) {
        QFile f(file);
        return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
    };
    if (kind == u"devzero"_s) {
        QVERIFY(::symlink("/dev/zero", native.constData()) == 0);
    } else if (kind == u"outside"_s) {
        QVERIFY(write(tmp.filePath(u"elsewhere.yaml"_s), valid));
        QVERIFY(QFile::link(tmp.filePath(u"elsewhere.yaml"_s), path));
    } else if (kind == u"fifo"_s) {
        QVERIFY(::mkfifo(native.constData(), 0600) == 0);
    } else if (kind == u"big"_s) {
        QVERIFY(write(path, valid + "# " + QByteArray(2 * 1024 * 1024, 'x') + "\n"));
    } else if (kind == u"hardlink"_s) {
        QVERIFY(write(path, valid));
        QVERIFY(::link(native.constData(), QFile::encodeName(tmp.filePath(u"project/x"_s))) == 0);
    } else {
        QVERIFY(write(path, valid));
    }
    QElapsedTimer timer;
    timer.start();
    const auto result = ConfigFile::load(path);
    QVERIFY2(timer.elapsed() < 5000, "loading the config blocked");
    if (expectedWords.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(dump(result.diagnostics)));
        QCOMPARE(result.config->sandboxName, u"safe"_s);
        return;
    }
    QVERIFY(!result.ok());
    QCOMPARE(result.diagnostics.size(), 1);
    QCOMPARE(result.diagnostics.first().file, path);
    QVERIFY2(result.diagnostics.first().message.contains(expectedWords),
             qPrintable(dump(result.diagnostics)));
}

QTEST_GUILESS_MAIN(TestConfigFile)
#include "tst_configfile.moc"
