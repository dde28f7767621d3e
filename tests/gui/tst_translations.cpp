// Translations are compiled in; choosing German in the preferences switches the menu while
// the app runs, and back.

#include "app/managedsandbox.h"
#include "fakeengine.h"
#include "guitest.h"
#include "logviewer.h"
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

    // The core's messages (engine, sandbox, process failures) are translated too, and a
    // translated step name composes with a translated failure (no "Lesen der Ausgabe failed").
    void coreMessagesComeOutGerman()
    {
        GuiTestEnvironment env;
        const QString broken = env.makeProject(
            QStringLiteral("kaputt"), "sandbox-name: kaputt\nhost-ports:\n  - not-a-port\n");
        const QString good = env.makeProject(QStringLiteral("heil"));
        static_cast<FakeEngine *>(&ProcessLauncher::instance())->goDown();
        TestApp app(env);
        QCOMPARE(app.translations.apply(AppSettings::Language::German), QStringLiteral("de"));
        app.registry->add(broken);
        app.registry->add(good);
        app.fleet->start();
        app.tray->showUi();
        QTRY_COMPARE(app.fleet->summary(), SandboxFleet::Summary::EngineMissing);

        // The engine's problem, from EngineLocator (core), with its kind.
        const SandboxFleet::EngineStatus &engine = app.fleet->engineStatus();
        QCOMPARE(engine.error.kind, Error::Kind::EngineNotRunning);
        QVERIFY2(engine.message.contains(QStringLiteral("ist installiert, aber nicht erreichbar")),
                 qPrintable(engine.message));
        QVERIFY2(engine.message.contains(QStringLiteral("Starten Sie es: `sudo systemctl start "
                                                        "docker` unter Linux")),
                 qPrintable(engine.message));

        // Starting without an engine: the same German message, as the sandbox's error.
        ManagedSandbox *s = app.fleet->sandbox(good);
        QVERIFY(s);
        s->start();
        QCOMPARE(s->lastFailure().kind, Error::Kind::EngineNotRunning);
        QVERIFY2(s->lastError().contains(QStringLiteral("nicht erreichbar")),
                 qPrintable(s->lastError()));

        // A configuration error (ManagedSandbox), and the tray's title chosen by its kind.
        ManagedSandbox *k = app.fleet->sandbox(broken);
        QVERIFY(k);
        static_cast<FakeEngine *>(&ProcessLauncher::instance())->comeBack();
        app.fleet->retryEngineNow();
        QTRY_VERIFY(app.fleet->engineStatus().ready());
        k->start();
        QCOMPARE(k->lastFailure().kind, Error::Kind::ConfigInvalid);
        QVERIFY2(k->lastError().startsWith(QStringLiteral("Die Konfiguration enthält Fehler:\n")),
                 qPrintable(k->lastError()));
        QTRY_VERIFY(!app.tray->notifications().isEmpty());
        QCOMPARE(app.tray->notifications().constLast().title,
                 QStringLiteral("Die Einstellungen von kaputt enthalten Fehler"));

        // A failed process, described with a translated step name: German throughout.
        ProcessResult r;
        r.status = ProcessResult::Status::Finished;
        r.exitCode = 2;
        QCOMPARE(r.describeFailure(tray::LogViewer::tr("Reading the output")),
                 QStringLiteral("Lesen der Ausgabe fehlgeschlagen (Exit-Code 2)"));
        r.status = ProcessResult::Status::Cancelled;
        QCOMPARE(r.describeFailure(QStringLiteral("X")), QStringLiteral("X wurde abgebrochen"));
        app.translations.apply(AppSettings::Language::English);
        r.status = ProcessResult::Status::Finished;
        QCOMPARE(r.describeFailure(QStringLiteral("Reading the output")),
                 QStringLiteral("Reading the output failed (exit code 2)"));
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
