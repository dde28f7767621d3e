#pragma once

#include <QObject>
#include <QStringList>

#include <functional>

namespace ocs {

// Ready-made http-domain-whitelist entries for common providers and code hosts.
//
// Package registries are not written down here: which one a user needs depends on their
// own setup (mirrors, company registries), so those presets ask the user's tools at run time
// (`npm config get registry`; PIP_INDEX_URL or `pip config get global.index-url`) and fall
// back to asking the user.
struct WhitelistPreset
{
    enum class Source { Fixed, NpmConfig, PipConfig };
    QString id;    // "anthropic", "openai", "github", "npm", "pypi"
    QString label; // English; the tray translates by id
    Source source = Source::Fixed;
    QStringList domains; // Fixed only

    static QList<WhitelistPreset> all();
    static WhitelistPreset byId(const QString &id);
};

// Finds the domains of a derived preset (NpmConfig, PipConfig) through the user's tools,
// asynchronously. `done` gets the domains, or an empty list and a plain-language reason.
class WhitelistPresetResolver : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const QStringList &domains, const QString &error)>;
    explicit WhitelistPresetResolver(QObject *parent = nullptr);

    void resolve(const WhitelistPreset &preset, Callback done);

    // The host of an index/registry URL as a whitelist entry ("" when it has none).
    static QString domainOfUrl(const QString &url);

private:
    void resolvePip(Callback done);
};

} // namespace ocs
