#include "configkeys.h"

#include "configrules.h"
#include "secrets/secretpresets.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace ocs::configkeys {

namespace {

struct KeyText
{
    Q_DECLARE_TR_FUNCTIONS(ocs::ConfigAnalysis)
};

using Shape = ConfigKey::Shape;
using Items = ConfigKey::Items;
using Impact = ConfigKey::Impact;

QString quoted(const QString &s)
{
    return u"'"_s + s + u"'"_s;
}

// A rule whose stored form is the text itself.
QString keep(const QString &problem, const QString &text, QString *stored)
{
    if (problem.isEmpty() && stored)
        *stored = text;
    return problem;
}

QString checkSandboxName(const QString &text, QString *stored)
{
    return keep(configrules::checkSandboxName(text), text, stored);
}

QString checkPort(const QString &text, QString *stored)
{
    quint16 port = 0;
    const QString problem = configrules::checkPort(text, &port);
    if (problem.isEmpty() && stored)
        *stored = QString::number(port);
    return problem;
}

QString checkPublishedPort(const QString &text, QString *stored)
{
    quint16 port = 0;
    const QString problem = configrules::checkPublishedPort(text, &port);
    if (problem.isEmpty() && stored)
        *stored = QString::number(port);
    return problem;
}

QString checkMemoryLimit(const QString &text, QString *stored)
{
    return keep(configrules::checkMemoryLimit(text), text, stored);
}

QString checkCpuLimit(const QString &text, QString *stored)
{
    return keep(configrules::checkCpuLimit(text), text, stored);
}

QString checkPidsLimit(const QString &text, QString *stored)
{
    int value = 0;
    const QString problem = configrules::checkPidsLimit(text, &value);
    if (problem.isEmpty() && stored)
        *stored = QString::number(value);
    return problem;
}

QString checkBoolean(const QString &text, QString *stored)
{
    bool value = false;
    const QString problem = configrules::checkBoolean(text, &value);
    if (problem.isEmpty() && stored)
        *stored = value ? u"true"_s : u"false"_s;
    return problem;
}

QString checkReadOnlyPath(const QString &text, QString *stored)
{
    return keep(configrules::checkReadOnlyPath(text), text, stored);
}

QString checkCaCertificatePath(const QString &text, QString *stored)
{
    return keep(configrules::checkCaCertificatePath(text), text, stored);
}

QString warnDroppedReadOnlyPath(const QString &entry)
{
    if (!entry.startsWith(u'!'))
        return {};
    return KeyText::tr(
               "%1 removes a default read-only path, so the agent will be able to change %2")
        .arg(quoted(entry), quoted(entry.mid(1)));
}

QString checkPassthroughEntry(const QString &name, const QString *host)
{
    if (!host) {
        const QString n = name.isEmpty() ? u"NAME"_s : name;
        return KeyText::tr(
                   "the host variable name is missing; write '%1: %1' to pass the host's %1")
            .arg(n);
    }
    const QString problem = configrules::checkEnvName(*host);
    return problem.isEmpty() ? QString() : KeyText::tr("host variable %1").arg(problem);
}

QString checkEnvEntry(const QString &, const QString *)
{
    return {}; // any single line of text, or nothing (an empty value)
}

// injected-secrets: the reader checks an entry's map itself (configanalysis.cpp); a name alone
// needs a preset.
QString checkSecretEntry(const QString &name, const QString *value)
{
    if ((!value || value->trimmed().isEmpty()) && !secretpresets::forVariable(name)) {
        return KeyText::tr("no preset is known for %1; write its hosts and header")
            .arg(name.isEmpty() ? u"NAME"_s : name);
    }
    return {};
}

QStringList portTexts(const ProjectConfig &c)
{
    QStringList out;
    for (quint16 p : c.hostPorts)
        out << QString::number(p);
    return out;
}

QStringList publishedTexts(const ProjectConfig &c)
{
    QStringList out;
    for (quint16 p : c.publishedPorts)
        out << QString::number(p);
    return out;
}

QStringList passthroughTexts(const ProjectConfig &c)
{
    QStringList out;
    for (const EnvPassthrough &p : c.envPassthrough)
        out << (p.containerVar == p.hostVar
                    ? p.hostVar
                    : u"%1 (from host %2)"_s.arg(p.containerVar, p.hostVar));
    return out;
}

// "NAME (host, host; git: host)": which hosts receive the secret's value.
QStringList secretTexts(const ProjectConfig &c)
{
    QStringList out;
    for (const InjectedSecret &s : c.injectedSecrets) {
        QString where = s.hosts.join(u", "_s);
        if (!s.gitHosts.isEmpty())
            where += (where.isEmpty() ? u"git: "_s : u"; git: "_s) + s.gitHosts.join(u", "_s);
        out << u"%1 (%2)"_s.arg(s.name, where);
    }
    return out;
}

QStringList envNames(const ProjectConfig &c)
{
    QStringList out;
    for (const EnvVar &e : c.env)
        out << e.name;
    return out;
}

QStringList droppedReadOnlyPaths(const ProjectConfig &c)
{
    QStringList out;
    for (const QString &r : c.readOnlyPaths) {
        if (r.startsWith(u'!'))
            out << r.mid(1);
    }
    return out;
}

// Designated initializers leave the fields an entry does not name at their defaults; GCC
// before 13 warns about that all the same.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif
QList<ConfigKey> makeTable()
{
    using namespace configrules;
    return {
        {
            .name = KeySandboxName,
            .shape = Shape::Scalar,
            .impact = Impact::NewSandboxId,
            .required = true,
            .example = u"my-project"_s,
            .emptyHint = QStringLiteral(
                QT_TRANSLATE_NOOP("ocs::ConfigAnalysis", "write a name such as 'my-project'")),
            .check = checkSandboxName,
            .get = [](const ProjectConfig &c) { return ConfigValue::ofScalar(c.sandboxName); },
            .set = [](ProjectConfig &c, const ConfigValue &v) { c.sandboxName = v.scalar; },
        },
        {
            .name = KeyHttpDomainWhitelist,
            .shape = Shape::List,
            // The proxy reads the policy files on every request (`ocs allow`); a start still
            // reviews what changed since the last one.
            .impact = Impact::Live,
            .check = &configrules::checkDomain,
            .get =
                [](const ProjectConfig &c) { return ConfigValue::ofList(c.httpDomainWhitelist); },
            .set = [](ProjectConfig &c, const ConfigValue &v) { c.httpDomainWhitelist = v.list; },
            .review = {.items = [](const ProjectConfig &c) { return c.httpDomainWhitelist; },
                       .reach =
                           QT_TRANSLATE_NOOP("ocs::StartApproval", "whitelist (HTTP/HTTPS): %1"),
                       .always = true,
                       .position = 1,
                       .change = QT_TRANSLATE_NOOP("ocs::StartApproval", "whitelist")},
            .tmpl =
                {.note =
                     "Web domains the agent may reach (HTTP and HTTPS). A leading dot allows the\n"
                     "domain and all of its subdomains.",
                 .examples = {u".github.com"_s, u"api.anthropic.com"_s}},
        },
        {
            .name = KeyHostPorts,
            .shape = Shape::List,
            .items = Items::Number,
            .impact = Impact::Restart,
            .check = checkPort,
            .get = [](const ProjectConfig &c) { return ConfigValue::ofList(portTexts(c)); },
            .set =
                [](ProjectConfig &c, const ConfigValue &v) {
                    c.hostPorts.clear();
                    for (const QString &p : v.list)
                        c.hostPorts << quint16(p.toUInt());
                },
            .hashField = u"ports"_s,
            .review = {.items = portTexts,
                       .reach =
                           QT_TRANSLATE_NOOP("ocs::StartApproval", "host ports at docker.host: %1"),
                       .always = true,
                       .position = 2,
                       .change = QT_TRANSLATE_NOOP("ocs::StartApproval", "host port")},
            .tmpl = {.note = "Ports of services on this computer that the sandbox may connect to.",
                     .examples = {u"5432"_s, u"6379"_s}},
        },
        {
            .name = KeyEnvPassthrough,
            .shape = Shape::Map,
            .impact = Impact::Restart,
            .checkEntry = checkPassthroughEntry,
            .entryNoun =
                QStringLiteral(QT_TRANSLATE_NOOP("ocs::ConfigAnalysis", "a host variable name")),
            .get =
                [](const ProjectConfig &c) {
                    ConfigValue v;
                    for (const EnvPassthrough &p : c.envPassthrough)
                        v.map.append({p.containerVar, p.hostVar});
                    return v;
                },
            .set =
                [](ProjectConfig &c, const ConfigValue &v) {
                    c.envPassthrough.clear();
                    for (const auto &[container, host] : v.map)
                        c.envPassthrough.append({container, host});
                },
            .hashField = u"passthrough"_s,
            .review = {.items = passthroughTexts,
                       .reach =
                           QT_TRANSLATE_NOOP("ocs::StartApproval", "host variables passed in: %1"),
                       .always = true,
                       .position = 3,
                       .change = QT_TRANSLATE_NOOP("ocs::StartApproval", "env passthrough")},
            .tmpl = {.note = "Variables copied from your environment into the sandbox, as\n"
                             "NAME_IN_SANDBOX: NAME_ON_THIS_COMPUTER.",
                     .examples = {u"ANTHROPIC_API_KEY: ANTHROPIC_API_KEY"_s,
                                  u"GH_TOKEN: MY_PROJECT_GH_TOKEN"_s}},
        },
        {
            .name = KeyEnv,
            .shape = Shape::Map,
            .impact = Impact::Restart,
            .checkEntry = checkEnvEntry,
            .entryNoun =
                QStringLiteral(QT_TRANSLATE_NOOP("ocs::ConfigAnalysis", "a single line of text")),
            .get =
                [](const ProjectConfig &c) {
                    ConfigValue v;
                    for (const EnvVar &e : c.env)
                        v.map.append({e.name, e.value});
                    return v;
                },
            .set =
                [](ProjectConfig &c, const ConfigValue &v) {
                    c.env.clear();
                    for (const auto &[name, value] : v.map)
                        c.env.append({name, value});
                },
            .hashField = u"env"_s,
            // Shown at a first start; a later change of a fixed value is not asked about.
            .review = {.items = envNames,
                       .reach =
                           QT_TRANSLATE_NOOP("ocs::StartApproval", "fixed variables (env): %1"),
                       .always = true,
                       .position = 4},
            .tmpl = {.note = "Variables with a fixed value inside the sandbox, as NAME: value.",
                     .examples = {u"GITHUB_REPOSITORY: my-org/my-repo"_s}},
        },
        {
            // Narrows what the whitelist allows, so a start does not ask about it.
            .name = KeyHttpDomainBlacklist,
            .shape = Shape::List,
            .impact = Impact::Live,
            .check = &configrules::checkDomain,
            .get =
                [](const ProjectConfig &c) { return ConfigValue::ofList(c.httpDomainBlacklist); },
            .set = [](ProjectConfig &c, const ConfigValue &v) { c.httpDomainBlacklist = v.list; },
            .tmpl = {.commented = true,
                     .note = "Web domains the agent may not reach even when the whitelist allows\n"
                             "them (same syntax; `ocs deny` adds to it):",
                     .examples = {u"gist.github.com"_s}},
        },
        {
            .name = KeyExtraCaCertificates,
            .shape = Shape::List,
            .impact = Impact::Rebuild,
            .check = checkCaCertificatePath,
            .get =
                [](const ProjectConfig &c) { return ConfigValue::ofList(c.extraCaCertificates); },
            .set = [](ProjectConfig &c, const ConfigValue &v) { c.extraCaCertificates = v.list; },
            .review = {.items = [](const ProjectConfig &c) { return c.extraCaCertificates; },
                       .reach = QT_TRANSLATE_NOOP("ocs::StartApproval",
                                                  "extra CA certificates trusted: %1"),
                       .position = 6,
                       .change = QT_TRANSLATE_NOOP("ocs::StartApproval", "extra CA certificate")},
            .tmpl = {.commented = true,
                     .note = "Extra certificate authorities (PEM files) the sandbox should trust:",
                     .examples = {u"~/certs/company-root.pem"_s}},
        },
        {
            .name = KeyMemoryLimit,
            .shape = Shape::Scalar,
            .items = Items::Word,
            .impact = Impact::Restart,
            .check = checkMemoryLimit,
            .get = [](const ProjectConfig &c) { return ConfigValue::ofScalar(c.memoryLimit); },
            .set = [](ProjectConfig &c, const ConfigValue &v) { c.memoryLimit = v.scalar; },
            .hashField = u"limits"_s,
            .tmpl = {.commented = true,
                     .note = "Resource limits of the sandbox container:",
                     .examples = {u"4g"_s}},
        },
        {
            .name = KeyCpuLimit,
            .shape = Shape::Scalar,
            .items = Items::Word,
            .impact = Impact::Restart,
            .check = checkCpuLimit,
            .get = [](const ProjectConfig &c) { return ConfigValue::ofScalar(c.cpuLimit); },
            .set = [](ProjectConfig &c, const ConfigValue &v) { c.cpuLimit = v.scalar; },
            .hashField = u"limits"_s,
            .tmpl = {.commented = true, .examples = {u"2"_s}},
        },
        {
            .name = KeyPidsLimit,
            .shape = Shape::Scalar,
            .items = Items::Number,
            .impact = Impact::Restart,
            .check = checkPidsLimit,
            .get =
                [](const ProjectConfig &c) {
                    return ConfigValue::ofScalar(c.pidsLimit ? QString::number(c.pidsLimit)
                                                             : QString());
                },
            .set = [](ProjectConfig &c, const ConfigValue &v) { c.pidsLimit = v.scalar.toInt(); },
            .hashField = u"limits"_s,
            .tmpl = {.commented = true, .examples = {u"4096"_s}},
        },
        {
            .name = KeyReadOnlyPaths,
            .shape = Shape::List,
            .impact = Impact::Restart,
            .check = checkReadOnlyPath,
            .warn = warnDroppedReadOnlyPath,
            .get = [](const ProjectConfig &c) { return ConfigValue::ofList(c.readOnlyPaths); },
            .set = [](ProjectConfig &c, const ConfigValue &v) { c.readOnlyPaths = v.list; },
            .hashField = u"readonly"_s,
            .review = {.items = droppedReadOnlyPaths,
                       .reach =
                           QT_TRANSLATE_NOOP("ocs::StartApproval",
                                             "protection dropped (the agent may change these): %1"),
                       .position = 5,
                       .change = QT_TRANSLATE_NOOP("ocs::StartApproval", "protection dropped")},
            .tmpl = {.commented = true,
                     .note =
                         "Project paths the agent may read but not change (a leading '!' removes\n"
                         "one of the defaults instead):",
                     .examples = {u"docs"_s}},
        },
        {
            // Opens the sandbox to the host's loopback: reviewed like the other ways in.
            .name = KeyPublishedPorts,
            .shape = Shape::List,
            .items = Items::Number,
            .impact = Impact::Restart,
            .check = checkPublishedPort,
            .get = [](const ProjectConfig &c) { return ConfigValue::ofList(publishedTexts(c)); },
            .set =
                [](ProjectConfig &c, const ConfigValue &v) {
                    c.publishedPorts.clear();
                    for (const QString &p : v.list)
                        c.publishedPorts << quint16(p.toUInt());
                },
            .hashField = u"published"_s,
            .hashOnlyWhenSet = true,
            .review = {.items = publishedTexts,
                       .reach = QT_TRANSLATE_NOOP("ocs::StartApproval",
                                                  "sandbox ports published on this computer's "
                                                  "127.0.0.1: %1"),
                       .position = 7,
                       .change = QT_TRANSLATE_NOOP("ocs::StartApproval", "published port")},
            .tmpl = {.commented = true,
                     .note = "Ports of servers in the sandbox to open on this computer's\n"
                             "127.0.0.1 (a server must listen on 0.0.0.0 in the sandbox):",
                     .examples = {u"3000"_s, u"5173"_s}},
        },
        {
            // Read-only and without credentials (OpenCodeSettings): reaches nothing new.
            .name = KeyShareOpenCodeSettings,
            .shape = Shape::Scalar,
            .items = Items::Word,
            .impact = Impact::Restart,
            .check = checkBoolean,
            .get =
                [](const ProjectConfig &c) {
                    return ConfigValue::ofScalar(c.shareOpenCodeSettings);
                },
            .set = [](ProjectConfig &c,
                      const ConfigValue &v) { c.shareOpenCodeSettings = v.scalar; },
            .hashField = u"opencode-settings"_s,
            .hashOnlyWhenSet = true,
            .tmpl = {.commented = true,
                     .note =
                         "Your OpenCode settings (~/.config/opencode: agents, commands, themes,\n"
                         "opencode.json) read-only inside, without credential files; 'false'\n"
                         "keeps them out even when the app's Preferences share them:",
                     .examples = {u"true"_s}},
        },
        {
            // The agent's variable holds a placeholder; the proxy puts the value (kept on the
            // host, see SecretStore) into a header for the listed hosts, which must be
            // whitelisted: it reaches nothing new.
            .name = KeyInjectedSecrets,
            .shape = Shape::Map,
            .impact = Impact::Restart,
            .checkEntry = checkSecretEntry,
            .entryNoun = QStringLiteral(QT_TRANSLATE_NOOP(
                "ocs::ConfigAnalysis", "nothing (a preset) or a map of hosts and header")),
            .yamlEntries = true,
            .get =
                [](const ProjectConfig &c) {
                    ConfigValue v;
                    for (const InjectedSecret &s : c.injectedSecrets)
                        v.map.append({s.name, secretpresets::toYaml(s)});
                    return v;
                },
            .set =
                [](ProjectConfig &c, const ConfigValue &v) {
                    c.injectedSecrets.clear();
                    for (const auto &[name, text] : v.map)
                        c.injectedSecrets.append(secretpresets::fromYaml(name, text));
                },
            .hashField = u"injected-secrets"_s,
            .hashOnlyWhenSet = true,
            // Which hosts receive a value is asked about like the other ways out: a host
            // added to a secret (by anything on the host that edits the file) is shown.
            .review = {.items = secretTexts,
                       .reach = QT_TRANSLATE_NOOP(
                           "ocs::StartApproval",
                           "secrets the proxy puts into requests to these hosts (the agent "
                           "sees placeholders): %1"),
                       .position = 8,
                       .change = QT_TRANSLATE_NOOP("ocs::StartApproval", "injected secret")},
            .tmpl = {.commented = true,
                     .note =
                         "API keys the agent uses but never reads: it sees a placeholder, the\n"
                         "proxy puts the value (`ocs secret set NAME`) into the request to the\n"
                         "listed hosts, which must be whitelisted. Known names need no more:",
                     .examples = {u"ANTHROPIC_API_KEY:"_s,
                                  u"MY_API_KEY: {hosts: [api.example.com], header: x-api-key}"_s}},
        },
    };
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

} // namespace

const QList<ConfigKey> &all()
{
    static const QList<ConfigKey> table = makeTable();
    return table;
}

const ConfigKey *find(const QString &name)
{
    for (const ConfigKey &k : all()) {
        if (k.name == name)
            return &k;
    }
    return nullptr;
}

} // namespace ocs::configkeys
