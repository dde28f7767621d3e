#include "translations.h"

#include "traylogging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

namespace ocs::tray {

Translations::Translations(QObject *parent)
    : QObject(parent)
{}

Translations::~Translations()
{
    QCoreApplication::removeTranslator(&m_app);
    QCoreApplication::removeTranslator(&m_qt);
}

QString Translations::apply(AppSettings::Language language)
{
    QCoreApplication::removeTranslator(&m_app);
    QCoreApplication::removeTranslator(&m_qt);
    const QString code = AppSettings::languageCode(language);
    // QLocale() is the system locale unless the app set another default.
    const QLocale locale = code.isEmpty() ? QLocale() : QLocale(code);
    const QString i18n = QStringLiteral(":/i18n");
    // Languages without a translation (and the "C" locale) get English, whose file holds
    // the plural forms.
    if (m_app.load(locale, QStringLiteral("opencode-sandbox"), QStringLiteral("_"), i18n) ||
        m_app.load(QStringLiteral("opencode-sandbox_en"), i18n)) {
        QCoreApplication::installTranslator(&m_app);
        m_current = m_app.language().left(2);
    } else {
        m_current = QStringLiteral("en");
    }
    // Qt's own strings (standard buttons, file dialogs) where the system has them.
    const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    if (m_current != QLatin1String("en") &&
        (m_qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), qtDir) ||
         m_qt.load(locale, QStringLiteral("qt"), QStringLiteral("_"), qtDir)))
        QCoreApplication::installTranslator(&m_qt);
    qCInfo(lcTray) << "language" << m_current;
    return m_current;
}

} // namespace ocs::tray
