#include "secretpresets.h"

#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

using namespace Qt::StringLiterals;

namespace ocs::secretpresets {

const QList<Preset> &all()
{
    static const QList<Preset> presets{
        {u"anthropic"_s,
         u"Anthropic API"_s,
         {u"ANTHROPIC_API_KEY"_s},
         {u"api.anthropic.com"_s},
         u"x-api-key"_s,
         u"{}"_s,
         {}},
        {u"openai"_s,
         u"OpenAI API"_s,
         {u"OPENAI_API_KEY"_s},
         {u"api.openai.com"_s},
         u"Authorization"_s,
         u"Bearer {}"_s,
         {}},
        {u"openrouter"_s,
         u"OpenRouter"_s,
         {u"OPENROUTER_API_KEY"_s},
         {u"openrouter.ai"_s},
         u"Authorization"_s,
         u"Bearer {}"_s,
         {}},
        {u"google"_s,
         u"Google Gemini API"_s,
         {u"GEMINI_API_KEY"_s, u"GOOGLE_API_KEY"_s, u"GOOGLE_GENERATIVE_AI_API_KEY"_s},
         {u"generativelanguage.googleapis.com"_s},
         u"x-goog-api-key"_s,
         u"{}"_s,
         {}},
        {u"mistral"_s,
         u"Mistral API"_s,
         {u"MISTRAL_API_KEY"_s},
         {u"api.mistral.ai"_s},
         u"Authorization"_s,
         u"Bearer {}"_s,
         {}},
        {u"groq"_s,
         u"Groq API"_s,
         {u"GROQ_API_KEY"_s},
         {u"api.groq.com"_s},
         u"Authorization"_s,
         u"Bearer {}"_s,
         {}},
        {u"deepseek"_s,
         u"DeepSeek API"_s,
         {u"DEEPSEEK_API_KEY"_s},
         {u"api.deepseek.com"_s},
         u"Authorization"_s,
         u"Bearer {}"_s,
         {}},
        {u"github"_s,
         u"GitHub API and git over HTTPS"_s,
         {u"GITHUB_TOKEN"_s, u"GH_TOKEN"_s},
         {u"api.github.com"_s},
         u"Authorization"_s,
         u"Bearer {}"_s,
         {u"github.com"_s}},
    };
    return presets;
}

const Preset *find(const QString &name)
{
    for (const Preset &p : all()) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

const Preset *forVariable(const QString &variable)
{
    for (const Preset &p : all()) {
        if (p.variables.contains(variable))
            return &p;
    }
    return nullptr;
}

InjectedSecret apply(const QString &variable, const Preset &preset)
{
    InjectedSecret s;
    s.name = variable;
    s.hosts = preset.hosts;
    s.header = preset.header;
    s.format = preset.format;
    s.gitHosts = preset.gitHosts;
    s.preset = preset.name;
    return s;
}

InjectedSecret defaults(const QString &variable, const QString &preset)
{
    const Preset *p = preset.isEmpty() ? forVariable(variable) : find(preset);
    if (p)
        return apply(variable, *p);
    InjectedSecret s;
    s.name = variable;
    return s;
}

namespace {

QString quotedIfNeeded(const QString &text)
{
    static const QRegularExpression plain(u"^[A-Za-z0-9][A-Za-z0-9._-]*$"_s);
    if (plain.match(text).hasMatch() && text != u"null"_s && text != u"true"_s &&
        text != u"false"_s)
        return text;
    QString q = text;
    q.replace(u"'"_s, u"''"_s);
    return u"'"_s + q + u"'"_s;
}

QString flowList(const QStringList &items)
{
    QStringList out;
    for (const QString &i : items)
        out << quotedIfNeeded(i);
    return u"["_s + out.join(u", "_s) + u"]"_s;
}

QStringList stringList(const YAML::Node &n)
{
    QStringList out;
    if (n.IsScalar()) {
        out << QString::fromStdString(n.as<std::string>());
    } else if (n.IsSequence()) {
        for (const YAML::Node &c : n)
            out << QString::fromStdString(c.as<std::string>());
    }
    return out;
}

} // namespace

QString headerText(const InjectedSecret &secret)
{
    return secret.format == u"{}"_s ? secret.header : secret.header + u": "_s + secret.format;
}

void splitHeader(const QString &text, QString *header, QString *format)
{
    const qsizetype colon = text.indexOf(u':');
    if (colon < 0) {
        *header = text.trimmed();
        *format = u"{}"_s;
        return;
    }
    *header = text.left(colon).trimmed();
    *format = text.mid(colon + 1).trimmed();
}

QString toYaml(const InjectedSecret &secret)
{
    const Preset *byName = forVariable(secret.name);
    QStringList parts;
    QString preset;
    if (!secret.preset.isEmpty() && (!byName || byName->name != secret.preset)) {
        preset = secret.preset;
        parts << u"preset: "_s + quotedIfNeeded(preset);
    }
    const InjectedSecret base = defaults(secret.name, preset);
    if (secret.hosts != base.hosts)
        parts << u"hosts: "_s + flowList(secret.hosts);
    if (secret.header != base.header || secret.format != base.format)
        parts << u"header: "_s + quotedIfNeeded(headerText(secret));
    if (secret.gitHosts != base.gitHosts)
        parts << u"git-hosts: "_s + flowList(secret.gitHosts);
    if (parts.isEmpty())
        return {};
    return u"{"_s + parts.join(u", "_s) + u"}"_s;
}

InjectedSecret fromYaml(const QString &variable, const QString &text)
{
    if (text.trimmed().isEmpty())
        return defaults(variable);
    // The reader checked what users wrote; a text from elsewhere that is not a map of these
    // fields leaves the defaults.
    try {
        const YAML::Node n = YAML::Load(text.toStdString());
        if (!n.IsMap())
            return defaults(variable);
        const QString preset =
            n["preset"] ? QString::fromStdString(n["preset"].as<std::string>()) : QString();
        InjectedSecret s = defaults(variable, preset);
        if (!preset.isEmpty())
            s.preset = preset;
        if (n["hosts"])
            s.hosts = stringList(n["hosts"]);
        if (n["header"])
            splitHeader(QString::fromStdString(n["header"].as<std::string>()), &s.header,
                        &s.format);
        if (n["git-hosts"])
            s.gitHosts = stringList(n["git-hosts"]);
        return s;
    } catch (const YAML::Exception &) {
        return defaults(variable);
    }
}

} // namespace ocs::secretpresets
