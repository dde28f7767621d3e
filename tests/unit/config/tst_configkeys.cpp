#include "config/configfile.h"
#include "config/configimpact.h"
#include "config/configkeys.h"
#include "config/configrules.h"
#include "sandbox/sandboxcontroller.h"
#include "sandbox/startapproval.h"

#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ocs;

namespace {

// Every key set, with values that differ from the defaults.
ProjectConfig fullConfig()
{
    ProjectConfig c;
    c.sandboxName = u"full"_s;
    c.httpDomainWhitelist = {u".github.com"_s, u"api.example.test"_s};
    c.hostPorts = {5432, 6379};
    c.envPassthrough = {{u"GH_TOKEN"_s, u"MY_GH_TOKEN"_s}, {u"KEY"_s, u"KEY"_s}};
    c.env = {{u"MODE"_s, u"x"_s}, {u"EMPTY"_s, QString()}};
    c.extraCaCertificates = {u"~/certs/root.pem"_s};
    c.memoryLimit = u"4g"_s;
    c.cpuLimit = u"1.5"_s;
    c.pidsLimit = 4096;
    c.readOnlyPaths = {u"docs"_s, u"!.git/hooks"_s};
    c.httpDomainBlacklist = {u"gist.github.com"_s};
    c.publishedPorts = {3000, 5173};
    return c;
}

// A value for every key, other than its default: the YAML after "key:" and what it reads as.
// A key of the table without one fails the tests below.
struct Sample
{
    QByteArray yaml;
    ConfigValue stored;
    QStringList needs = {}; // keys whose samples this value needs (in the same file)
};

const QHash<QString, Sample> &samples()
{
    static const QHash<QString, Sample> s{
        {u"sandbox-name"_s, {" other-name", ConfigValue::ofScalar(u"other-name"_s)}},
        {u"http-domain-whitelist"_s,
         {"\n  - '*.Example.com'\n  - api.test\n",
          ConfigValue::ofList({u".example.com"_s, u"api.test"_s})}},
        {u"http-domain-blacklist"_s,
         {"\n  - '*.Gist.example.com'\n  - raw.test\n",
          ConfigValue::ofList({u".gist.example.com"_s, u"raw.test"_s})}},
        {u"host-ports"_s, {"\n  - 5432\n  - 22\n", ConfigValue::ofList({u"5432"_s, u"22"_s})}},
        {u"env-passthrough"_s,
         {"\n  GH_TOKEN: MY_GH_TOKEN\n", ConfigValue::ofMap({{u"GH_TOKEN"_s, u"MY_GH_TOKEN"_s}})}},
        {u"env"_s,
         {"\n  MODE: 'x y'\n  EMPTY:\n",
          ConfigValue::ofMap({{u"MODE"_s, u"x y"_s}, {u"EMPTY"_s, {}}})}},
        {u"extra-ca-certificates"_s, {"\n  - ~/ca.pem\n", ConfigValue::ofList({u"~/ca.pem"_s})}},
        {u"memory-limit"_s, {" 4g", ConfigValue::ofScalar(u"4g"_s)}},
        {u"cpu-limit"_s, {" 1.5", ConfigValue::ofScalar(u"1.5"_s)}},
        {u"pids-limit"_s, {" 4096", ConfigValue::ofScalar(u"4096"_s)}},
        {u"share-opencode-settings"_s, {" Yes", ConfigValue::ofScalar(u"true"_s)}},
        {u"read-only-paths"_s,
         {"\n  - docs\n  - '!.git/hooks'\n", ConfigValue::ofList({u"docs"_s, u"!.git/hooks"_s})}},
        {u"published-ports"_s, {" [3000, 5173]", ConfigValue::ofList({u"3000"_s, u"5173"_s})}},
        // The hosts of a secret must be whitelisted (the sample of the whitelist).
        {u"injected-secrets"_s,
         {"\n  OPENAI_API_KEY: {hosts: [api.test]}\n  MY_KEY:\n    hosts: [a.example.com, "
          "api.test]\n    header: 'Authorization: Token {}'\n",
          ConfigValue::ofMap({{u"OPENAI_API_KEY"_s, u"{hosts: [api.test]}"_s},
                              {u"MY_KEY"_s, u"{hosts: [a.example.com, api.test], header: "
                                            u"'Authorization: Token {}'}"_s}}),
          {u"http-domain-whitelist"_s}}},
    };
    return s;
}

ProjectConfig baseConfig()
{
    ProjectConfig c;
    c.sandboxName = u"base"_s;
    return c;
}

QByteArray section(const ConfigKey &key)
{
    return key.name.toUtf8() + ':' + samples().value(key.name).yaml + '\n';
}

// The sections of the keys a key's sample needs, and their values.
QByteArray neededSections(const ConfigKey &key)
{
    QByteArray text;
    for (const QString &n : samples().value(key.name).needs)
        text += section(*configkeys::find(n));
    return text;
}

void setNeeded(ProjectConfig &c, const ConfigKey &key)
{
    for (const QString &n : samples().value(key.name).needs)
        configkeys::find(n)->set(c, samples().value(n).stored);
}

QString dump(const QList<Diagnostic> &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines << d.toString();
    return lines.join(u'\n');
}

// One row per key of the table.
void keys_data()
{
    QTest::addColumn<QString>("name");
    for (const ConfigKey &k : configkeys::all())
        QTest::newRow(qPrintable(k.name)) << k.name;
}

} // namespace

class TestConfigKeys : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // What existing files, containers and records hold must not change.
    void hashValuesArePinned();
    void publishedPortsRules();
    void injectedSecretsForms();
    void injectedSecretsRules_data();
    void injectedSecretsRules();
    void injectedSecretsWriter();
    void templateIsPinned();
    void startReviewIsPinned();

    // Every key of the table, walked: the tests fail for a key the table lists but some
    // part of the app does not handle.
    void tableEntryIsComplete_data() { keys_data(); }
    void tableEntryIsComplete();
    void readerKnowsIt_data() { keys_data(); }
    void readerKnowsIt();
    void ruleRefusesBadValues_data() { keys_data(); }
    void ruleRefusesBadValues();
    void writerRoundTripsIt_data() { keys_data(); }
    void writerRoundTripsIt();
    void impactFollowsTable_data() { keys_data(); }
    void impactFollowsTable();
    void hashChangesIffRestart_data() { keys_data(); }
    void hashChangesIffRestart();
    void startReviewFollowsTable_data() { keys_data(); }
    void startReviewFollowsTable();

    void tableIsTheKnownKeys();
    void networkPolicyIsLiveTheRestIsNot();
    void variableComesFromOnePlaceOnly();
};

#define FETCH_KEY()                                                                                \
    QFETCH(QString, name);                                                                         \
    const ConfigKey *keyPtr = configkeys::find(name);                                              \
    QVERIFY(keyPtr);                                                                               \
    const ConfigKey &key = *keyPtr;                                                                \
    QVERIFY2(samples().contains(name), "no sample value for this key in tst_configkeys");          \
    const Sample sample = samples().value(name)

void TestConfigKeys::tableEntryIsComplete()
{
    FETCH_KEY();
    QVERIFY(key.get && key.set);
    if (key.shape == ConfigKey::Shape::Map)
        QVERIFY(key.checkEntry && !key.entryNoun.isEmpty() && !key.check);
    else
        QVERIFY(key.check && !key.checkEntry);
    // In the config hash iff a change needs a restart only.
    QCOMPARE(!key.hashField.isEmpty(), key.impact == ConfigKey::Impact::Restart);
    if (key.required)
        QVERIFY(!key.example.isEmpty() && !key.emptyHint.isEmpty());
    else
        QVERIFY(!key.tmpl.examples.isEmpty());
    if (key.review.reach || key.review.change)
        QVERIFY(key.review.items);
    // get and set are each other's inverse.
    ProjectConfig c;
    key.set(c, sample.stored);
    QCOMPARE(key.get(c), sample.stored);
    QVERIFY(c != ProjectConfig());
    key.set(c, ConfigValue());
    QCOMPARE(c, ProjectConfig());
}

void TestConfigKeys::readerKnowsIt()
{
    FETCH_KEY();
    QByteArray text = neededSections(key) + section(key);
    if (!key.required)
        text.prepend("sandbox-name: base\n");
    const ConfigFile::LoadResult r = ConfigFile::parse(text, u"f"_s);
    QVERIFY2(r.ok(), qPrintable(dump(r.diagnostics)));
    for (const Diagnostic &d : r.diagnostics)
        QVERIFY2(key.warn && !d.message.contains(u"unknown"_s), qPrintable(d.toString()));
    QCOMPARE(key.get(*r.config), sample.stored);
    QVERIFY(r.config->unknownKeys.isEmpty());
    // Nothing else was set.
    ProjectConfig expected = baseConfig();
    setNeeded(expected, key);
    key.set(expected, sample.stored);
    QCOMPARE(*r.config, expected);
}

void TestConfigKeys::ruleRefusesBadValues()
{
    FETCH_KEY();
    QByteArray bad;
    switch (key.shape) {
    case ConfigKey::Shape::Scalar:
        QVERIFY(!key.check(QString(), nullptr).isEmpty());
        bad = " 'bad value!'";
        break;
    case ConfigKey::Shape::List:
        QVERIFY(!key.check(QString(), nullptr).isEmpty());
        bad = "\n  - ''\n";
        break;
    case ConfigKey::Shape::Map:
        bad = "\n  1X: y\n"; // not a variable name
        break;
    }
    QByteArray text = key.name.toUtf8() + ':' + bad + '\n';
    if (!key.required)
        text.prepend("sandbox-name: base\n");
    const ConfigFile::LoadResult r = ConfigFile::parse(text, u"f"_s);
    QVERIFY(!r.ok());
    QVERIFY2(r.errorSummary().contains(key.name + u": "_s), qPrintable(r.errorSummary()));
    // The wrong shape is refused too.
    const QByteArray wrongShape = key.shape == ConfigKey::Shape::Scalar ? "\n  - a\n" : " a";
    text = key.name.toUtf8() + ':' + wrongShape + '\n';
    if (!key.required)
        text.prepend("sandbox-name: base\n");
    QVERIFY(!ConfigFile::parse(text, u"f"_s).ok());
}

void TestConfigKeys::writerRoundTripsIt()
{
    FETCH_KEY();
    ProjectConfig c = baseConfig();
    setNeeded(c, key);
    key.set(c, sample.stored);
    // Into a new file, into the template (where the key may be a comment) and into a file
    // that has the key with another value.
    QByteArray other = neededSections(key) + section(key);
    if (!key.required)
        other.prepend("sandbox-name: base\n");
    ProjectConfig otherConfig = *ConfigFile::parse(other, u"f"_s).config;
    key.set(otherConfig, ConfigValue());
    const QByteArray cleared = ConfigFile::render(other, otherConfig);
    for (const QByteArray &original :
         {QByteArray(), ConfigFile::defaultTemplate(u"base"_s), cleared}) {
        const QByteArray text = ConfigFile::render(original, c);
        QVERIFY2(text.contains('\n' + key.name.toUtf8() + ':') ||
                     text.startsWith(key.name.toUtf8() + ':'),
                 text.constData());
        const ConfigFile::LoadResult r = ConfigFile::parse(text, u"f"_s);
        QVERIFY2(r.ok(), qPrintable(dump(r.diagnostics) + u"\n"_s + QString::fromUtf8(text)));
        QCOMPARE(*r.config, c);
        // Saving an unchanged config changes nothing.
        QCOMPARE(ConfigFile::render(text, c), text);
    }
    // A cleared value is gone from the file (the key may stay, empty).
    if (!key.required) {
        const ConfigFile::LoadResult r = ConfigFile::parse(cleared, u"f"_s);
        QVERIFY2(r.ok(), cleared.constData());
        QVERIFY(key.get(*r.config).isEmpty());
    }
}

void TestConfigKeys::impactFollowsTable()
{
    FETCH_KEY();
    ProjectConfig after = baseConfig();
    key.set(after, sample.stored);
    const ConfigImpact i = ConfigImpact::assess(baseConfig(), after);
    QCOMPARE(i.changedKeys, QStringList{key.name});
    using Impact = ConfigKey::Impact;
    QCOMPARE(i.appliedLive, key.impact == Impact::Live);
    QCOMPARE(i.liveKeys, key.impact == Impact::Live ? QStringList{key.name} : QStringList{});
    QCOMPARE(i.needsRestart, key.impact == Impact::Restart || key.impact == Impact::Rebuild);
    QCOMPARE(i.needsRebuild, key.impact == Impact::Rebuild);
    QCOMPARE(i.newSandboxId, key.impact == Impact::NewSandboxId);
    // What the tray and the CLI say about it: exactly one sentence, naming the key.
    const QStringList said = i.describe();
    QCOMPARE(said.size(), 1);
    QVERIFY2(said.first().contains(key.name), qPrintable(said.first()));
    const QString kind = key.impact == Impact::Live      ? u"Applied live"_s
                         : key.impact == Impact::Restart ? u"restarts"_s
                         : key.impact == Impact::Rebuild ? u"rebuild"_s
                                                         : u"new SANDBOX_ID"_s;
    QVERIFY2(said.first().contains(kind), qPrintable(said.first()));
    QVERIFY(!ConfigImpact::assess(after, after).any());
}

// The container's label and the impact agree: the hash changes exactly when the change needs
// a restart and nothing more (a rebuild is asked for separately; a new SANDBOX_ID is a new
// container).
void TestConfigKeys::hashChangesIffRestart()
{
    FETCH_KEY();
    ProjectConfig after = baseConfig();
    key.set(after, sample.stored);
    const bool changed =
        ConfigImpact::containerHash(after) != ConfigImpact::containerHash(baseConfig());
    QCOMPARE(changed, key.impact == ConfigKey::Impact::Restart);
    QCOMPARE(SandboxController::configHash(after), ConfigImpact::containerHash(after));
    // Each item counts, and its order.
    if (key.shape != ConfigKey::Shape::Scalar && key.impact == ConfigKey::Impact::Restart) {
        ConfigValue fewer = sample.stored;
        ConfigValue reversed = sample.stored;
        if (key.shape == ConfigKey::Shape::List) {
            fewer.list.removeLast();
            std::reverse(reversed.list.begin(), reversed.list.end());
        } else {
            fewer.map.removeLast();
            std::reverse(reversed.map.begin(), reversed.map.end());
        }
        for (const ConfigValue &v : {fewer, reversed}) {
            if (v == sample.stored)
                continue;
            ProjectConfig other = baseConfig();
            key.set(other, v);
            QVERIFY(ConfigImpact::containerHash(other) != ConfigImpact::containerHash(after));
        }
    }
}

void TestConfigKeys::startReviewFollowsTable()
{
    FETCH_KEY();
    ProjectConfig after = baseConfig();
    key.set(after, sample.stored);
    const QStringList before = StartApproval::describeReach(baseConfig());
    const QStringList reach = StartApproval::describeReach(after);
    const QStringList changes =
        StartApproval::describeChanges(StartApproval::snapshot(baseConfig()), after);
    if (!key.widensReach()) {
        QCOMPARE(reach, before);
        QVERIFY(changes.isEmpty());
        return;
    }
    const QStringList items = key.review.items(after);
    QVERIFY(!items.isEmpty());
    QVERIFY2(reach.join(u'\n').contains(items.join(u", "_s)), qPrintable(reach.join(u'\n')));
    if (key.review.change) {
        QStringList expected;
        for (const QString &item : items)
            expected << u"+ %1: %2"_s.arg(QString::fromUtf8(key.review.change), item);
        QCOMPARE(changes, expected);
    } else {
        QVERIFY(changes.isEmpty());
    }
}

void TestConfigKeys::tableIsTheKnownKeys()
{
    QStringList names;
    for (const ConfigKey &k : configkeys::all()) {
        QCOMPARE(configkeys::find(k.name), &k);
        names << k.name;
    }
    QCOMPARE(QSet<QString>(names.cbegin(), names.cend()).size(), names.size());
    const QStringList sampled = samples().keys();
    QCOMPARE(QSet<QString>(sampled.cbegin(), sampled.cend()),
             QSet<QString>(names.cbegin(), names.cend()));
    QCOMPARE(configkeys::find(u"no-such-key"_s), nullptr);
    // Every sample together: the whole config, each field set by its key.
    QByteArray text;
    for (const ConfigKey &k : configkeys::all())
        text += section(k);
    const ConfigFile::LoadResult r = ConfigFile::parse(text, u"f"_s);
    QVERIFY2(r.ok(), qPrintable(dump(r.diagnostics)));
    for (const ConfigKey &k : configkeys::all())
        QCOMPARE(k.get(*r.config), samples().value(k.name).stored);
}

// Issue 11: the proxy applies the whitelist and the blacklist live; what the container was
// started with still needs a restart (never a rebuild), what the image holds a rebuild.
void TestConfigKeys::networkPolicyIsLiveTheRestIsNot()
{
    using Impact = ConfigKey::Impact;
    QCOMPARE(configkeys::find(u"http-domain-whitelist"_s)->impact, Impact::Live);
    QCOMPARE(configkeys::find(u"http-domain-blacklist"_s)->impact, Impact::Live);
    for (const char *name :
         {"host-ports", "env-passthrough", "env", "memory-limit", "cpu-limit", "pids-limit",
          "read-only-paths", "published-ports", "injected-secrets"})
        QCOMPARE(configkeys::find(QString::fromUtf8(name))->impact, Impact::Restart);
    QCOMPARE(configkeys::find(u"extra-ca-certificates"_s)->impact, Impact::Rebuild);
    // The whitelist still widens reach: a start reviews it; the blacklist only narrows.
    QVERIFY(configkeys::find(u"http-domain-whitelist"_s)->review.change);
    QVERIFY(!configkeys::find(u"http-domain-blacklist"_s)->widensReach());

    ProjectConfig before = fullConfig();
    ProjectConfig after = before;
    after.httpDomainWhitelist << u"new.test"_s;
    after.httpDomainBlacklist << u"bad.test"_s;
    ConfigImpact i = ConfigImpact::assess(before, after);
    QCOMPARE(i.changedKeys, (QStringList{u"http-domain-whitelist"_s, u"http-domain-blacklist"_s}));
    QVERIFY(i.appliedLive && !i.needsRestart && !i.needsRebuild && !i.newSandboxId);
    QCOMPARE(i.describe(), QStringList{u"Applied live to a running sandbox, no restart: "
                                       u"http-domain-whitelist, http-domain-blacklist."_s});
    QCOMPARE(ConfigImpact::containerHash(after), ConfigImpact::containerHash(before));

    after.hostPorts << 8080;
    after.env << EnvVar{u"X"_s, u"1"_s};
    i = ConfigImpact::assess(before, after);
    QVERIFY(i.appliedLive && i.needsRestart && !i.needsRebuild);
    QCOMPARE(i.describe(),
             (QStringList{u"Applied live to a running sandbox, no restart: "
                          u"http-domain-whitelist, http-domain-blacklist."_s,
                          u"Takes effect when the sandbox restarts: host-ports, env."_s}));
    QVERIFY(ConfigImpact::containerHash(after) != ConfigImpact::containerHash(before));
    QVERIFY(ConfigImpact::assess(before, before).describe().isEmpty());
}

void TestConfigKeys::variableComesFromOnePlaceOnly()
{
    QCOMPARE(configrules::earlierUses({}), QList<qsizetype>{});
    QCOMPARE(configrules::earlierUses({u"A"_s, u"B"_s, u"A"_s, u""_s, u""_s, u"A"_s}),
             (QList<qsizetype>{-1, -1, 0, -1, 3, 0}));
    const ConfigFile::LoadResult r = ConfigFile::parse("sandbox-name: p\n"
                                                       "env:\n  TOKEN: x\n"
                                                       "env-passthrough:\n  TOKEN: TOKEN\n",
                                                       u"f"_s);
    QVERIFY(!r.ok());
    QCOMPARE(r.errorSummary(), u"f:5:3: error: env-passthrough: TOKEN is also set in env (line 3); "
                               u"a variable can come from only one place"_s);
}

// The config hash is the label of running containers (io.opencode-sandbox.config-hash): a
// container started by an earlier version must not look outdated after an update.
void TestConfigKeys::hashValuesArePinned()
{
    ProjectConfig minimal;
    minimal.sandboxName = u"p"_s;
    // The values of the first versions: sha256 of
    // {"env":[],"limits":"//0","passthrough":[],"ports":[],"readonly":[],"whitelist":[]}
    QCOMPARE(SandboxController::configHash(minimal), u"02d6a4d421fc3bc6"_s);
    // The whitelist is applied live since issue 11: its field stays in the JSON, empty, so the
    // hash of a config without one (above) did not change; one with a whitelist changed once:
    // {"env":["MODE=x","EMPTY="],"limits":"4g/1.5/4096","passthrough":["GH_TOKEN=MY_GH_TOKEN",
    //  "KEY=KEY"],"ports":[5432,6379],"readonly":["docs","!.git/hooks"],"whitelist":[]}
    // (with the whitelist [".github.com","api.example.test"] it was de09d991d53a664f)
    ProjectConfig unpublished = fullConfig();
    unpublished.publishedPorts.clear();
    QCOMPARE(SandboxController::configHash(unpublished), u"3271686520bfaea0"_s);
    // published-ports (issue 15) goes in only when set: the configs without it keep their
    // hash, one with it gets a new one, and a restart publishes the ports.
    QVERIFY(SandboxController::configHash(fullConfig()) != u"3271686520bfaea0"_s);
    ProjectConfig other = fullConfig();
    other.publishedPorts = {3000};
    QVERIFY(SandboxController::configHash(other) != SandboxController::configHash(fullConfig()));
}

// published-ports: ports 1..65535, each once, never one of the sandbox's own; errors with
// file:line:column like the other keys.
void TestConfigKeys::publishedPortsRules()
{
    const ConfigFile::LoadResult ok =
        ConfigFile::parse("sandbox-name: p\npublished-ports: [3000, 5173]\n", u"f"_s);
    QVERIFY2(ok.ok(), qPrintable(dump(ok.diagnostics)));
    QCOMPARE(ok.config->publishedPorts, (QList<quint16>{3000, 5173}));
    const struct
    {
        QByteArray yaml;
        QString error;
    } bad[] = {
        {"published-ports:\n  - 3000\n  - 3000\n",
         u"f:4:5: error: published-ports: '3000' is listed twice (also on line 3); remove one of "
         u"them"_s},
        {"published-ports:\n  - 70000\n",
         u"f:3:5: error: published-ports: '70000' is out of range; use a port from 1 to 65535"_s},
        {"published-ports:\n  - 0\n",
         u"f:3:5: error: published-ports: '0' is out of range; use a port from 1 to 65535"_s},
        {"published-ports:\n  - http\n",
         u"f:3:5: error: published-ports: 'http' is not a port number; use a whole number from 1 "
         u"to 65535"_s},
        {"published-ports:\n  - 4096\n",
         u"f:3:5: error: published-ports: '4096' is the sandbox's web UI, which is published "
         u"already (`ocs web`); choose another port"_s},
        {"published-ports:\n  - 3128\n",
         u"f:3:5: error: published-ports: '3128' is used by the sandbox itself (OpenCode or its "
         u"proxy) and cannot be published; choose another port"_s},
    };
    for (const auto &b : bad) {
        const ConfigFile::LoadResult r = ConfigFile::parse("sandbox-name: p\n" + b.yaml, u"f"_s);
        QVERIFY2(!r.ok(), b.yaml.constData());
        QCOMPARE(r.errorSummary(), b.error);
    }
    // A restart, never a rebuild; and a start reviews it (it lets the host in).
    const ConfigKey *k = configkeys::find(u"published-ports"_s);
    QCOMPARE(k->impact, ConfigKey::Impact::Restart);
    QVERIFY(k->widensReach() && k->review.change);
    ProjectConfig before = fullConfig();
    ProjectConfig after = before;
    after.publishedPorts << 8080;
    const ConfigImpact i = ConfigImpact::assess(before, after);
    QVERIFY(i.needsRestart && !i.needsRebuild && !i.appliedLive);
    QCOMPARE(StartApproval::describeChanges(StartApproval::snapshot(before, {}), after),
             QStringList{u"+ published port: 8080"_s});
}

// injected-secrets (issue 12): a name alone takes its preset; a map gives or overrides the
// hosts and the header; a list of names is the short form.
void TestConfigKeys::injectedSecretsForms()
{
    const QByteArray whitelist = "sandbox-name: p\n"
                                 "http-domain-whitelist:\n"
                                 "  - api.anthropic.com\n  - .github.com\n  - api.openai.com\n"
                                 "  - openrouter.ai\n  - generativelanguage.googleapis.com\n"
                                 "  - api.example.test\n";
    ConfigFile::LoadResult r =
        ConfigFile::parse(whitelist + "injected-secrets:\n"
                                      "  ANTHROPIC_API_KEY:\n"
                                      "  GH_TOKEN:\n"
                                      "  OPENAI_API_KEY: {hosts: [api.openai.com]}\n"
                                      "  ROUTER: {preset: openrouter}\n"
                                      "  GEMINI_API_KEY:\n"
                                      "  MINE:\n"
                                      "    hosts: [API.Example.test]\n"
                                      "    header: 'Authorization: Token {}'\n"
                                      "  OTHER: {hosts: api.example.test, header: X-Key}\n",
                          u"f"_s);
    QVERIFY2(r.ok(), qPrintable(dump(r.diagnostics)));
    const QList<InjectedSecret> expected{
        {u"ANTHROPIC_API_KEY"_s,
         {u"api.anthropic.com"_s},
         u"x-api-key"_s,
         u"{}"_s,
         u"anthropic"_s,
         {}},
        {u"GH_TOKEN"_s,
         {u"api.github.com"_s},
         u"Authorization"_s,
         u"Bearer {}"_s,
         u"github"_s,
         {u"github.com"_s}},
        {u"OPENAI_API_KEY"_s,
         {u"api.openai.com"_s},
         u"Authorization"_s,
         u"Bearer {}"_s,
         u"openai"_s,
         {}},
        {u"ROUTER"_s,
         {u"openrouter.ai"_s},
         u"Authorization"_s,
         u"Bearer {}"_s,
         u"openrouter"_s,
         {}},
        {u"GEMINI_API_KEY"_s,
         {u"generativelanguage.googleapis.com"_s},
         u"x-goog-api-key"_s,
         u"{}"_s,
         u"google"_s,
         {}},
        {u"MINE"_s, {u"api.example.test"_s}, u"Authorization"_s, u"Token {}"_s, QString(), {}},
        {u"OTHER"_s, {u"api.example.test"_s}, u"X-Key"_s, u"{}"_s, QString(), {}},
    };
    QCOMPARE(r.config->injectedSecrets, expected);

    // The list form: names with presets.
    r = ConfigFile::parse(whitelist + "injected-secrets:\n  - ANTHROPIC_API_KEY\n  - GH_TOKEN\n",
                          u"f"_s);
    QVERIFY2(r.ok(), qPrintable(dump(r.diagnostics)));
    QCOMPARE(r.config->injectedSecrets, expected.mid(0, 2));
    r = ConfigFile::parse(whitelist + "injected-secrets: [ANTHROPIC_API_KEY]\n", u"f"_s);
    QVERIFY2(r.ok(), qPrintable(dump(r.diagnostics)));
    QCOMPARE(r.config->injectedSecrets, expected.mid(0, 1));

    // A restart (the container gets the placeholders); in the hash only when set, so the
    // label of a container started before the key existed stays.
    const ConfigKey *k = configkeys::find(u"injected-secrets"_s);
    QCOMPARE(k->impact, ConfigKey::Impact::Restart);
    ProjectConfig before = *r.config;
    before.injectedSecrets.clear();
    QCOMPARE(SandboxController::configHash(before),
             SandboxController::configHash(*ConfigFile::parse(whitelist, u"f"_s).config));
    const ConfigImpact i = ConfigImpact::assess(before, *r.config);
    QVERIFY(i.needsRestart && !i.needsRebuild && !i.appliedLive);
    QCOMPARE(i.changedKeys, QStringList{u"injected-secrets"_s});
    QVERIFY(SandboxController::configHash(before) != SandboxController::configHash(*r.config));
}

void TestConfigKeys::injectedSecretsRules_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("error");
    QTest::newRow("no preset")
        << QByteArray("injected-secrets:\n  MY_KEY:\n")
        << u"f:4:3: error: injected-secrets: MY_KEY: no preset is known for MY_KEY; write its "
           u"hosts and header as 'MY_KEY: {hosts: [api.example.com], header: 'Authorization: "
           u"Bearer {}'}', or choose a preset with '{preset: NAME}'"_s;
    QTest::newRow("unknown preset")
        << QByteArray("injected-secrets:\n  MY_KEY: {preset: antropic}\n")
        << u"f:4:20: error: injected-secrets: MY_KEY: unknown preset 'antropic'; known presets: "
           u"anthropic, openai, openrouter, google, mistral, groq, deepseek, github"_s;
    QTest::newRow("bad header name")
        << QByteArray("injected-secrets:\n  MY_KEY:\n    hosts: [api.example.test]\n"
                      "    header: 'x api key'\n")
        << u"f:6:13: error: injected-secrets: MY_KEY: 'x api key' is not a valid HTTP header "
           u"name; use letters, digits and '-'"_s;
    QTest::newRow("header without {}")
        << QByteArray("injected-secrets:\n  MY_KEY:\n    hosts: [api.example.test]\n"
                      "    header: 'Authorization: Bearer'\n")
        << u"f:6:13: error: injected-secrets: MY_KEY: 'Bearer' must contain '{}' exactly once, "
           u"where the secret goes (e.g. 'Bearer {}')"_s;
    QTest::newRow("managed header")
        << QByteArray("injected-secrets:\n  MY_KEY: {hosts: [api.example.test], header: Host}\n")
        << u"f:4:47: error: injected-secrets: MY_KEY: 'Host' cannot carry a secret; use the "
           u"header the API reads the key from"_s;
    QTest::newRow("no host")
        << QByteArray("injected-secrets:\n  MY_KEY: {header: x-api-key}\n")
        << u"f:4:3: error: injected-secrets: MY_KEY: no host; name the hosts the secret is for, "
           u"e.g. '{hosts: [api.example.com], header: 'Authorization: Bearer {}'}'"_s;
    QTest::newRow("empty hosts")
        << QByteArray("injected-secrets:\n  MY_KEY: {hosts: [], header: x-api-key}\n")
        << u"f:4:19: error: injected-secrets: MY_KEY: no host; name the hosts the secret is for, "
           u"e.g. '{hosts: [api.example.com], header: 'Authorization: Bearer {}'}'"_s;
    QTest::newRow("no header")
        << QByteArray("injected-secrets:\n  MY_KEY: {hosts: [api.example.test]}\n")
        << u"f:4:3: error: injected-secrets: MY_KEY: no header; write e.g. 'header: x-api-key' "
           u"or 'header: 'Authorization: Bearer {}''"_s;
    QTest::newRow("wildcard host")
        << QByteArray("injected-secrets:\n  MY_KEY: {hosts: ['*.example.test'], header: x}\n")
        << u"f:4:20: error: injected-secrets: MY_KEY: '*.example.test' is a wildcard; name each "
           u"host exactly (a secret goes to exact hosts only)"_s;
    QTest::newRow("host not whitelisted")
        << QByteArray("injected-secrets:\n  MY_KEY: {hosts: [api.example.test, evil.test], "
                      "header: x}\n")
        << u"f:4:38: error: injected-secrets: MY_KEY: 'evil.test' is not in "
           u"http-domain-whitelist; whitelist it too (the agent must be able to reach it)"_s;
    QTest::newRow("preset host not whitelisted")
        << QByteArray("injected-secrets:\n  - ANTHROPIC_API_KEY\n")
        << u"f:4:5: error: injected-secrets: ANTHROPIC_API_KEY: 'api.anthropic.com' is not in "
           u"http-domain-whitelist; whitelist it too (the agent must be able to reach it)"_s;
    QTest::newRow("git host not whitelisted")
        << QByteArray("injected-secrets:\n  GH_TOKEN: {hosts: [api.example.test]}\n")
        << u"f:4:3: error: injected-secrets: GH_TOKEN: 'github.com' is not in "
           u"http-domain-whitelist; whitelist it too (the agent must be able to reach it)"_s;
    QTest::newRow("not a variable name")
        << QByteArray("injected-secrets:\n  1KEY: {hosts: [api.example.test], header: x}\n")
        << u"f:4:3: error: injected-secrets: '1KEY' is not a valid variable name; use letters, "
           u"digits and '_', not starting with a digit"_s;
    QTest::newRow("reserved name")
        << QByteArray("injected-secrets:\n  HTTPS_PROXY: {hosts: [api.example.test], header: x}\n")
        << u"f:4:3: error: injected-secrets: HTTPS_PROXY is set by the sandbox to send traffic "
           u"through its filtering proxy and cannot be set here"_s;
    QTest::newRow("also in env")
        << QByteArray("env:\n  TOKEN: x\ninjected-secrets:\n  TOKEN: {hosts: [api.example.test], "
                      "header: x}\n")
        << u"f:6:3: error: injected-secrets: TOKEN is also set in env (line 4); a variable can "
           u"come from only one place"_s;
    QTest::newRow("also in env-passthrough")
        << QByteArray("injected-secrets:\n  - ANTHROPIC_API_KEY\nenv-passthrough:\n"
                      "  ANTHROPIC_API_KEY: ANTHROPIC_API_KEY\n")
        << u"f:4:5: error: injected-secrets: ANTHROPIC_API_KEY: 'api.anthropic.com' is not in "
           u"http-domain-whitelist; whitelist it too (the agent must be able to reach it)\n"
           u"f:6:3: error: env-passthrough: ANTHROPIC_API_KEY is also set in injected-secrets "
           u"(line 4); a variable can come from only one place"_s;
    QTest::newRow("unknown field")
        << QByteArray("injected-secrets:\n  MY_KEY: {hosts: [api.example.test], heder: x}\n")
        << u"f:4:39: error: injected-secrets: MY_KEY: unknown field 'heder'; use hosts, header, "
           u"preset or git-hosts"_s;
    QTest::newRow("scalar value")
        << QByteArray("injected-secrets:\n  MY_KEY: anthropic\n")
        << u"f:4:11: error: injected-secrets: MY_KEY: the value must be a map such as '{hosts: "
           u"[api.example.com], header: 'Authorization: Bearer {}'}' (or nothing, for a name "
           u"with a preset)"_s;
    QTest::newRow("duplicate")
        << QByteArray("injected-secrets:\n  - GH_TOKEN\n  - GH_TOKEN\n")
        << u"f:4:5: error: injected-secrets: GH_TOKEN: 'api.github.com' is not in "
           u"http-domain-whitelist; whitelist it too (the agent must be able to reach it)\n"
           u"f:4:5: error: injected-secrets: GH_TOKEN: 'github.com' is not in "
           u"http-domain-whitelist; whitelist it too (the agent must be able to reach it)\n"
           u"f:5:5: error: injected-secrets: duplicate key 'GH_TOKEN' (first on line 4); keep "
           u"only one"_s;
    QTest::newRow("not a map")
        << QByteArray("injected-secrets: ANTHROPIC_API_KEY\n")
        << u"f:3:19: error: injected-secrets must be a map; write each variable on its own line "
           u"as 'NAME: value'"_s;
}

void TestConfigKeys::injectedSecretsRules()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, error);
    const ConfigFile::LoadResult r = ConfigFile::parse(
        "sandbox-name: p\nhttp-domain-whitelist: [api.example.test]\n" + yaml, u"f"_s);
    QVERIFY(!r.ok());
    QCOMPARE(r.errorSummary(), error);
}

// The writer keeps what the user wrote (list or block form, comments) while the value stays,
// and writes a changed entry as a one-line flow map.
void TestConfigKeys::injectedSecretsWriter()
{
    const QByteArray text = "sandbox-name: p\n"
                            "http-domain-whitelist: [api.anthropic.com, api.example.test]\n"
                            "injected-secrets:\n"
                            "  ANTHROPIC_API_KEY: # the preset\n"
                            "  MINE:\n"
                            "    # for the example API\n"
                            "    hosts:\n"
                            "      - api.example.test\n"
                            "    header: x-key\n";
    const ConfigFile::LoadResult r = ConfigFile::parse(text, u"f"_s);
    QVERIFY2(r.ok(), qPrintable(dump(r.diagnostics)));
    QCOMPARE(ConfigFile::render(text, *r.config), text);

    ProjectConfig changed = *r.config;
    changed.injectedSecrets[1].format = u"Key {}"_s;
    InjectedSecret added;
    added.name = u"THIRD"_s;
    added.hosts = {u"api.example.test"_s};
    added.header = u"Authorization"_s;
    added.format = u"It's {}"_s;
    changed.injectedSecrets << added;
    const QByteArray out = ConfigFile::render(text, changed);
    QCOMPARE(out, QByteArray("sandbox-name: p\n"
                             "http-domain-whitelist: [api.anthropic.com, api.example.test]\n"
                             "injected-secrets:\n"
                             "  ANTHROPIC_API_KEY: # the preset\n"
                             "  MINE: {hosts: [api.example.test], header: 'x-key: Key {}'}\n"
                             "  THIRD: {hosts: [api.example.test], header: 'Authorization: It''s "
                             "{}'}\n"));
    const ConfigFile::LoadResult back = ConfigFile::parse(out, u"f"_s);
    QVERIFY2(back.ok(), qPrintable(dump(back.diagnostics)));
    QCOMPARE(back.config->injectedSecrets, changed.injectedSecrets);

    // The list form stays while unchanged; a change writes the map form.
    const QByteArray list = "sandbox-name: p\n"
                            "http-domain-whitelist: [api.anthropic.com, api.example.test]\n"
                            "injected-secrets:\n  - ANTHROPIC_API_KEY\n";
    const ConfigFile::LoadResult l = ConfigFile::parse(list, u"f"_s);
    QVERIFY2(l.ok(), qPrintable(dump(l.diagnostics)));
    QCOMPARE(ConfigFile::render(list, *l.config), list);
    ProjectConfig more = *l.config;
    more.injectedSecrets << added;
    const QByteArray moreText = ConfigFile::render(list, more);
    QCOMPARE(*ConfigFile::parse(moreText, u"f"_s).config, more);
    QVERIFY2(moreText.contains("  ANTHROPIC_API_KEY:\n"), moreText.constData());
}

void TestConfigKeys::templateIsPinned()
{
    QCOMPARE(ConfigFile::defaultTemplate(u"my-project"_s),
             QByteArray("# opencode-sandbox settings for this project.\n"
                        "# Remove the '#' in front of an example line to use it.\n"
                        "\n"
                        "sandbox-name: my-project\n"
                        "\n"
                        "# Web domains the agent may reach (HTTP and HTTPS). A leading dot allows "
                        "the\n"
                        "# domain and all of its subdomains.\n"
                        "http-domain-whitelist:\n"
                        "  # - .github.com\n"
                        "  # - api.anthropic.com\n"
                        "\n"
                        "# Ports of services on this computer that the sandbox may connect to.\n"
                        "host-ports:\n"
                        "  # - 5432\n"
                        "  # - 6379\n"
                        "\n"
                        "# Variables copied from your environment into the sandbox, as\n"
                        "# NAME_IN_SANDBOX: NAME_ON_THIS_COMPUTER.\n"
                        "env-passthrough:\n"
                        "  # ANTHROPIC_API_KEY: ANTHROPIC_API_KEY\n"
                        "  # GH_TOKEN: MY_PROJECT_GH_TOKEN\n"
                        "\n"
                        "# Variables with a fixed value inside the sandbox, as NAME: value.\n"
                        "env:\n"
                        "  # GITHUB_REPOSITORY: my-org/my-repo\n"
                        "\n"
                        "# Optional settings; remove the '#' to use one.\n"
                        "# Web domains the agent may not reach even when the whitelist allows\n"
                        "# them (same syntax; `ocs deny` adds to it):\n"
                        "# http-domain-blacklist:\n"
                        "#   - gist.github.com\n"
                        "# Extra certificate authorities (PEM files) the sandbox should trust:\n"
                        "# extra-ca-certificates:\n"
                        "#   - ~/certs/company-root.pem\n"
                        "# Resource limits of the sandbox container:\n"
                        "# memory-limit: 4g\n"
                        "# cpu-limit: 2\n"
                        "# pids-limit: 4096\n"
                        "# Project paths the agent may read but not change (a leading '!' "
                        "removes\n"
                        "# one of the defaults instead):\n"
                        "# read-only-paths:\n"
                        "#   - docs\n"
                        "# Ports of servers in the sandbox to open on this computer's\n"
                        "# 127.0.0.1 (a server must listen on 0.0.0.0 in the sandbox):\n"
                        "# published-ports:\n"
                        "#   - 3000\n"
                        "#   - 5173\n"
                        "# Your OpenCode settings (~/.config/opencode: agents, commands, themes,\n"
                        "# opencode.json) read-only inside, without credential files; 'false'\n"
                        "# keeps them out even when the app's Preferences share them:\n"
                        "# share-opencode-settings: true\n"
                        "# API keys the agent uses but never reads: it sees a placeholder, the\n"
                        "# proxy puts the value (`ocs secret set NAME`) into the request to the\n"
                        "# listed hosts, which must be whitelisted. Known names need no more:\n"
                        "# injected-secrets:\n"
                        "#   ANTHROPIC_API_KEY:\n"
                        "#   MY_API_KEY: {hosts: [api.example.com], header: x-api-key}\n"));
}

// The snapshot is stored in ocs-state.json (lastStartedConfig) and compared at later starts.
void TestConfigKeys::startReviewIsPinned()
{
    const ProjectConfig c = fullConfig();
    QCOMPARE(QJsonDocument(StartApproval::snapshot(c, {u"opencode.json"_s}))
                 .toJson(QJsonDocument::Compact),
             QByteArray("{\"env-passthrough\":[\"GH_TOKEN (from host MY_GH_TOKEN)\",\"KEY\"],"
                        "\"extra-ca-certificates\":[\"~/certs/root.pem\"],"
                        "\"host-ports\":[\"5432\",\"6379\"],"
                        "\"http-domain-whitelist\":[\".github.com\",\"api.example.test\"],"
                        "\"injected-secrets\":[],"
                        "\"protected-present\":[\"opencode.json\"],"
                        "\"published-ports\":[\"3000\",\"5173\"],"
                        "\"read-only-paths\":[\".git/hooks\"]}"));
    QCOMPARE(StartApproval::describeReach(c),
             (QStringList{u"whitelist (HTTP/HTTPS): .github.com, api.example.test"_s,
                          u"host ports at docker.host: 5432, 6379"_s,
                          u"host variables passed in: GH_TOKEN (from host MY_GH_TOKEN), KEY"_s,
                          u"fixed variables (env): MODE, EMPTY"_s,
                          u"protection dropped (the agent may change these): .git/hooks"_s,
                          u"extra CA certificates trusted: ~/certs/root.pem"_s,
                          u"sandbox ports published on this computer's 127.0.0.1: 3000, 5173"_s}));
    // Injected secrets (issue 12): which hosts receive each value, git hosts included.
    ProjectConfig withSecrets = c;
    InjectedSecret apiKey;
    apiKey.name = u"ANTHROPIC_API_KEY"_s;
    apiKey.hosts = {u"api.example.test"_s};
    InjectedSecret ghToken;
    ghToken.name = u"GH_TOKEN"_s;
    ghToken.hosts = {u"api.github.com"_s};
    ghToken.gitHosts = {u"github.com"_s};
    withSecrets.injectedSecrets = {apiKey, ghToken};
    QCOMPARE(StartApproval::describeReach(withSecrets).last(),
             u"secrets the proxy puts into requests to these hosts (the agent sees "
             "placeholders): ANTHROPIC_API_KEY (api.example.test), GH_TOKEN (api.github.com; "
             "git: github.com)"_s);
    ProjectConfig moved = withSecrets;
    moved.injectedSecrets[0].hosts = {u"api.example.test"_s, u"evil.example.test"_s};
    QCOMPARE(StartApproval::describeChanges(StartApproval::snapshot(withSecrets), moved),
             (QStringList{u"+ injected secret: ANTHROPIC_API_KEY (api.example.test, "
                          "evil.example.test)"_s,
                          u"- injected secret: ANTHROPIC_API_KEY (api.example.test)"_s}));
    ProjectConfig minimal;
    minimal.sandboxName = u"p"_s;
    QCOMPARE(StartApproval::describeReach(minimal),
             (QStringList{
                 u"whitelist (HTTP/HTTPS): (nothing)"_s, u"host ports at docker.host: (nothing)"_s,
                 u"host variables passed in: (nothing)"_s, u"fixed variables (env): (nothing)"_s}));
}

QTEST_GUILESS_MAIN(TestConfigKeys)
#include "tst_configkeys.moc"
