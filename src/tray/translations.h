#pragma once

#include "app/appsettings.h"

#include <QObject>
#include <QTranslator>

namespace ocs::tray {

// Installs the app's translation (compiled in from translations/*.ts) and Qt's own for the
// chosen language; a later call switches languages while the app runs (widgets get a
// LanguageChange event).
class Translations : public QObject
{
    Q_OBJECT
public:
    explicit Translations(QObject *parent = nullptr);
    ~Translations() override;

    // Returns the language code now in use ("en", "de").
    QString apply(AppSettings::Language language);
    QString current() const { return m_current; }

private:
    QTranslator m_app;
    QTranslator m_qt;
    bool m_installed = false;
    QString m_current;
};

} // namespace ocs::tray
