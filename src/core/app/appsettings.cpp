#include "appsettings.h"

#include "app/environment.h"

#include <QDir>
#include <QStandardPaths>

namespace ocs {

namespace {
const QString KeyEngine = QStringLiteral("preferences/engine");
const QString KeyNotifications = QStringLiteral("preferences/notifications");
const QString KeyBlockedHostNotifications = QStringLiteral("preferences/blockedHostNotifications");
const QString KeyWebUi = QStringLiteral("preferences/web-ui");
const QString KeyLanguage = QStringLiteral("preferences/language");
const QString KeyAskBeforeQuit = QStringLiteral("preferences/ask-before-quit");
const QString KeyShareOpenCodeSettings = QStringLiteral("preferences/share-opencode-settings");
} // namespace

QString AppSettings::defaultFilePath()
{
    QString dir = environment::value(environment::Variable::ConfigDir);
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
              QStringLiteral("/opencode-sandbox");
    return dir + QStringLiteral("/opencode-sandbox.conf");
}

AppSettings::AppSettings(const QString &filePath, QObject *parent)
    : QObject(parent)
    , m_settings(filePath, QSettings::IniFormat)
{}

QVariant AppSettings::value(const QString &key, const QVariant &fallback) const
{
    return m_settings.value(key, fallback);
}

bool AppSettings::store(const QString &key, const QVariant &v)
{
    if (m_settings.contains(key) && m_settings.value(key) == v)
        return false;
    m_settings.setValue(key, v);
    m_settings.sync();
    return true;
}

QString AppSettings::enginePreference() const
{
    const QString v = value(KeyEngine, QStringLiteral("auto")).toString().trimmed();
    return v.isEmpty() ? QStringLiteral("auto") : v;
}

void AppSettings::setEnginePreference(const QString &preference)
{
    const QString p =
        preference.trimmed().isEmpty() ? QStringLiteral("auto") : preference.trimmed();
    const QString before = enginePreference();
    store(KeyEngine, p);
    if (p == before)
        return;
    Q_EMIT enginePreferenceChanged(p);
    Q_EMIT changed();
}

bool AppSettings::notificationsEnabled() const
{
    return value(KeyNotifications, true).toBool();
}

void AppSettings::setNotificationsEnabled(bool enabled)
{
    if (store(KeyNotifications, enabled))
        Q_EMIT changed();
}

bool AppSettings::blockedHostNotificationsEnabled() const
{
    return value(KeyBlockedHostNotifications, true).toBool();
}

void AppSettings::setBlockedHostNotificationsEnabled(bool enabled)
{
    if (store(KeyBlockedHostNotifications, enabled))
        Q_EMIT changed();
}

AppSettings::WebUiMode AppSettings::webUiMode() const
{
    return value(KeyWebUi, QStringLiteral("external")).toString() == QLatin1String("embedded")
               ? WebUiMode::Embedded
               : WebUiMode::External;
}

void AppSettings::setWebUiMode(WebUiMode mode)
{
    if (store(KeyWebUi, mode == WebUiMode::Embedded ? QStringLiteral("embedded")
                                                    : QStringLiteral("external")))
        Q_EMIT changed();
}

AppSettings::Language AppSettings::language() const
{
    const QString code = value(KeyLanguage, QString()).toString();
    if (code == QLatin1String("en"))
        return Language::English;
    if (code == QLatin1String("de"))
        return Language::German;
    return Language::System;
}

void AppSettings::setLanguage(Language language)
{
    if (store(KeyLanguage, languageCode(language))) {
        Q_EMIT languageChanged(language);
        Q_EMIT changed();
    }
}

QString AppSettings::languageCode(Language language)
{
    switch (language) {
    case Language::English:
        return QStringLiteral("en");
    case Language::German:
        return QStringLiteral("de");
    case Language::System:
        break;
    }
    return QString();
}

bool AppSettings::askBeforeQuit() const
{
    return value(KeyAskBeforeQuit, true).toBool();
}

void AppSettings::setAskBeforeQuit(bool ask)
{
    if (store(KeyAskBeforeQuit, ask))
        Q_EMIT changed();
}

bool AppSettings::shareOpenCodeSettings() const
{
    return value(KeyShareOpenCodeSettings, false).toBool();
}

void AppSettings::setShareOpenCodeSettings(bool share)
{
    if (store(KeyShareOpenCodeSettings, share))
        Q_EMIT changed();
}

} // namespace ocs
