// Translations are compiled in; choosing German in the preferences switches the menu while
// the app runs, and back.

#include "guitest.h"
#include "projectmenu.h"
#include "statussummary.h"
#include "translations.h"

#include <QAction>
#include <QFile>
#include <QMenu>
#include <QTest>

using namespace ocs;
using namespace ocs::test;
using ocs::tray::TrayController;

class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void switchesLanguageLive()
    {
        GuiTestEnvironment env;
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/opencode-sandbox_de.qm")));
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/opencode-sandbox_en.qm")));
        const QString root = env.makeProject(QStringLiteral("sprachen"));
        TestApp app(env);
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        tray::Translations translations;
        QObject::connect(app.settings.get(), &AppSettings::languageChanged, app.tray.get(),
                         [&](AppSettings::Language l) {
                             translations.apply(l);
                             app.tray->retranslate();
                         });
        app.settings->setLanguage(AppSettings::Language::English);
        app.flush();
        QCOMPARE(app.tray->action(TrayController::Action::Quit)->text(), QStringLiteral("&Quit"));
        QCOMPARE(app.tray->headerAction()->text(),
                 QStringLiteral("No sandbox running (1 project)"));

        app.settings->setLanguage(AppSettings::Language::German);
        QCOMPARE(translations.current(), QStringLiteral("de"));
        app.flush();
        QCOMPARE(app.tray->action(TrayController::Action::Quit)->text(),
                 QStringLiteral("&Beenden"));
        QCOMPARE(app.tray->action(TrayController::Action::AddProject)->text(),
                 QStringLiteral("Projekt &hinzufügen…"));
        tray::ProjectMenu *pm = app.tray->projectMenu(root);
        QCOMPARE(pm->action(tray::ProjectAction::Start)->text(), QStringLiteral("&Starten"));
        QVERIFY2(pm->menu()->title().contains(QStringLiteral("gestoppt")),
                 qPrintable(pm->menu()->title()));
        QCOMPARE(app.tray->headerAction()->text(),
                 QStringLiteral("Keine Sandbox läuft (1 Projekt)"));

        app.settings->setLanguage(AppSettings::Language::English);
        app.flush();
        QCOMPARE(app.tray->action(TrayController::Action::Quit)->text(), QStringLiteral("&Quit"));
    }

    void untranslatedSystemLanguageFallsBackToEnglish()
    {
        // e.g. LANG=C or a language without a translation: English, plurals included.
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::Japanese));
        tray::Translations translations;
        QCOMPARE(translations.apply(AppSettings::Language::System), QStringLiteral("en"));
        QCOMPARE(tray::StatusSummary::tr("%1 of %n sandbox(es) running", nullptr, 2).arg(1),
                 QStringLiteral("1 of 2 sandboxes running"));
        QLocale::setDefault(before);
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
