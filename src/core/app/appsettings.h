#pragma once

#include <QObject>
#include <QSettings>
#include <QString>

namespace ocs {

// The desktop app's preferences (not a project's config): which engine, notifications,
// how the web UI opens, the language. Kept in an INI file next to the project list
// (ProjectRegistry); never holds a secret.
class AppSettings : public QObject
{
    Q_OBJECT
public:
    enum class WebUiMode { External, Embedded };
    Q_ENUM(WebUiMode)
    enum class Language { System, English, German };
    Q_ENUM(Language)

    // $OCS_CONFIG_DIR/opencode-sandbox.conf when set (tests), else
    // <XDG config>/opencode-sandbox/opencode-sandbox.conf.
    static QString defaultFilePath();

    explicit AppSettings(const QString &filePath = defaultFilePath(), QObject *parent = nullptr);

    QString filePath() const { return m_settings.fileName(); }

    // "auto", "docker", "podman" or a path to a Docker-compatible CLI.
    QString enginePreference() const;
    void setEnginePreference(const QString &preference);

    bool notificationsEnabled() const;
    void setNotificationsEnabled(bool enabled);
    // A notification when a running sandbox's proxy blocks a host for the first time.
    bool blockedHostNotificationsEnabled() const;
    void setBlockedHostNotificationsEnabled(bool enabled);

    WebUiMode webUiMode() const;
    void setWebUiMode(WebUiMode mode);

    Language language() const;
    void setLanguage(Language language);
    // "" for System, "en", "de".
    static QString languageCode(Language language);

    // Whether quitting asks about running sandboxes (else they keep running).
    bool askBeforeQuit() const;
    void setAskBeforeQuit(bool ask);

    // Whether the user's OpenCode settings (~/.config/opencode, filtered) are shared read-only
    // with the sandboxes whose config does not set share-opencode-settings (off by default).
    // Read by the tray and by `ocs start` alike.
    bool shareOpenCodeSettings() const;
    void setShareOpenCodeSettings(bool share);

    void sync() { m_settings.sync(); }

Q_SIGNALS:
    void enginePreferenceChanged(const QString &preference);
    void languageChanged(ocs::AppSettings::Language language);
    void changed();

private:
    QVariant value(const QString &key, const QVariant &fallback) const;
    bool store(const QString &key, const QVariant &value); // true when it changed

    QSettings m_settings;
};

} // namespace ocs
