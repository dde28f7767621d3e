#include "whitelistpresets.h"

#include "config/configrules.h"
#include "engine/process.h"

#include <QCoreApplication>
#include <QPointer>
#include <QStandardPaths>
#include <QUrl>

namespace ocs {

namespace {
struct PresetText
{
    Q_DECLARE_TR_FUNCTIONS(ocs::WhitelistPresetResolver)
};
} // namespace

QList<WhitelistPreset> WhitelistPreset::all()
{
    using S = WhitelistPreset::Source;
    return {
        {QStringLiteral("anthropic"),
         QStringLiteral("Anthropic"),
         S::Fixed,
         {QStringLiteral("api.anthropic.com")}},
        {QStringLiteral("openai"),
         QStringLiteral("OpenAI"),
         S::Fixed,
         {QStringLiteral("api.openai.com")}},
        {QStringLiteral("github"),
         QStringLiteral("GitHub"),
         S::Fixed,
         {QStringLiteral(".github.com"), QStringLiteral(".githubusercontent.com")}},
        {QStringLiteral("npm"), QStringLiteral("npm (your npm registry)"), S::NpmConfig, {}},
        {QStringLiteral("pypi"), QStringLiteral("PyPI (your pip index)"), S::PipConfig, {}},
    };
}

WhitelistPreset WhitelistPreset::byId(const QString &id)
{
    for (const WhitelistPreset &p : all()) {
        if (p.id == id)
            return p;
    }
    return {};
}

WhitelistPresetResolver::WhitelistPresetResolver(QObject *parent)
    : QObject(parent)
{}

QString WhitelistPresetResolver::domainOfUrl(const QString &url)
{
    const QString trimmed = url.trimmed();
    if (trimmed.isEmpty() || trimmed == QLatin1String("undefined"))
        return QString();
    const QUrl u(trimmed);
    QString host = u.host().toLower();
    if (host.isEmpty())
        return QString();
    QString normalised;
    if (!configrules::checkDomain(host, &normalised).isEmpty())
        return QString();
    return normalised;
}

void WhitelistPresetResolver::resolve(const WhitelistPreset &preset, Callback done)
{
    if (preset.source == WhitelistPreset::Source::Fixed) {
        done(preset.domains, QString());
        return;
    }
    if (preset.source == WhitelistPreset::Source::PipConfig) {
        resolvePip(std::move(done));
        return;
    }
    const QString npm = QStandardPaths::findExecutable(QStringLiteral("npm"));
    if (npm.isEmpty()) {
        done({}, PresetText::tr("npm is not installed here, so its registry is unknown."));
        return;
    }
    ProcessSpec spec;
    spec.program = npm;
    spec.arguments = {QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("registry")};
    spec.timeout = std::chrono::seconds(20);
    runProcess(spec, this, [done](const ProcessResult &r) {
        const QString domain =
            r.ok() ? domainOfUrl(QString::fromUtf8(r.standardOutput)) : QString();
        if (domain.isEmpty())
            return done({}, PresetText::tr("`npm config get registry` named no registry."));
        done({domain}, QString());
    });
}

void WhitelistPresetResolver::resolvePip(Callback done)
{
    const QString fromEnv = domainOfUrl(qEnvironmentVariable("PIP_INDEX_URL"));
    if (!fromEnv.isEmpty()) {
        done({fromEnv}, QString());
        return;
    }
    QString pip = QStandardPaths::findExecutable(QStringLiteral("pip3"));
    if (pip.isEmpty())
        pip = QStandardPaths::findExecutable(QStringLiteral("pip"));
    if (pip.isEmpty()) {
        done({}, PresetText::tr("pip is not installed here and PIP_INDEX_URL is not set, so the "
                                "package index is unknown."));
        return;
    }
    ProcessSpec spec;
    spec.program = pip;
    spec.arguments = {QStringLiteral("config"), QStringLiteral("get"),
                      QStringLiteral("global.index-url")};
    spec.timeout = std::chrono::seconds(20);
    runProcess(spec, this, [done](const ProcessResult &r) {
        const QString domain =
            r.ok() ? domainOfUrl(QString::fromUtf8(r.standardOutput)) : QString();
        if (domain.isEmpty())
            return done({}, PresetText::tr("Neither PIP_INDEX_URL nor `pip config get "
                                           "global.index-url` names a package index."));
        done({domain}, QString());
    });
}

} // namespace ocs
