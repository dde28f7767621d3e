// Translations are compiled in; choosing German in the preferences switches the menu while
// the app runs, and back.

#include "app/managedsandbox.h"
#include "config/configfile.h"
#include "fakeengine.h"
#include "gateway/signinpage.h"
#include "guitest.h"
#include "logviewer.h"
#include "project/workspacefile.h"
#include "projectmenu.h"
#include "statussummary.h"
#include "translations.h"

#include <QAction>
#include <QFile>
#include <QMenu>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QXmlStreamReader>

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
        // The diagnostic under that header is German too: "file:line:col: Fehler: message",
        // with the offending value and the key names as written in the file.
        QVERIFY2(k->lastError().contains(QStringLiteral(
                     ":3:5: Fehler: host-ports: 'not-a-port' ist keine Portnummer; verwenden "
                     "Sie eine ganze Zahl von 1 bis 65535")),
                 qPrintable(k->lastError()));
        QVERIFY2(!k->lastError().contains(QStringLiteral(" error: ")), qPrintable(k->lastError()));
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

    // Config diagnostics (configanalysis, configrules, configkeys), a workspace file's refusal
    // and the sign-in page's error, in German; the same in English (the source text, which the
    // CLI prints and the English tests expect).
    void coreDiagnosticsComeOutGerman()
    {
        GuiTestEnvironment env;
        tray::Translations translations;
        QCOMPARE(translations.apply(AppSettings::Language::German), QStringLiteral("de"));
        const QByteArray yaml = "sandbox-name: demo\n"
                                "host-port:\n"
                                "  - 5432\n"
                                "host-ports:\n"
                                "  - 70000\n"
                                "memory-limit: viel\n";
        ConfigFile::LoadResult r = ConfigFile::parse(yaml, QStringLiteral("demo.yaml"));
        const QString german = r.errorSummary();
        QVERIFY2(german.contains(QStringLiteral(
                     "demo.yaml:2:1: Warnung: unbekannter Schlüssel 'host-port' wird ignoriert "
                     "(beim Speichern der Datei bleibt er erhalten); meinten Sie 'host-ports'?")),
                 qPrintable(german));
        QVERIFY2(
            german.contains(QStringLiteral(
                "demo.yaml:5:5: Fehler: host-ports: '70000' liegt außerhalb des gültigen Bereichs; "
                "verwenden Sie einen Port von 1 bis 65535")),
            qPrintable(german));
        QVERIFY2(german.contains(QStringLiteral(
                     "demo.yaml:6:15: Fehler: memory-limit: 'viel' ist keine Speichergröße; "
                     "schreiben Sie eine "
                     "Zahl mit optionaler Einheit b, k, m oder g, z. B. '4g' oder '512m'")),
                 qPrintable(german));
        for (const char *english : {" error: ", " warning: ", "unknown key", "out of range",
                                    "is not a memory size", "did you mean"})
            QVERIFY2(!german.contains(QLatin1String(english)), qPrintable(german));

        // A protected file that is a symbolic link, refused by WorkspaceFile.
        QTemporaryDir root;
        QVERIFY(root.isValid());
        QVERIFY(QFile::link(QStringLiteral("/etc/hostname"), root.filePath(ConfigFile::FileName)));
        const WorkspaceFile::Result link = WorkspaceFile::read(root.path(), ConfigFile::FileName);
        QVERIFY(!link.ok());
        QVERIFY2(link.reason.startsWith(QStringLiteral("es ist ein symbolischer Link; Dateien, mit "
                                                       "denen der Host arbeitet,")),
                 qPrintable(link.reason));

        // The sign-in page refuses an address that is not a gateway's sign-in link.
        QString error;
        QVERIFY(
            signinpage::writePage(QUrl(QStringLiteral("https://example.com/")), &error).isEmpty());
        QCOMPARE(error, QStringLiteral("keine Anmeldeadresse eines Gateways"));

        // Back in English: the source text, byte for byte.
        translations.apply(AppSettings::Language::English);
        const QString english = ConfigFile::parse(yaml, QStringLiteral("demo.yaml")).errorSummary();
        QVERIFY2(english.contains(QStringLiteral("demo.yaml:5:5: error: host-ports: '70000' is out "
                                                 "of range; use a port from 1 to 65535")),
                 qPrintable(english));
        QVERIFY2(english.contains(QStringLiteral("demo.yaml:2:1: warning: unknown key 'host-port' "
                                                 "is ignored (it is kept when the file is saved); "
                                                 "did you mean 'host-ports'?")),
                 qPrintable(english));
    }

    // Every message of the German translation is translated (no "unfinished" entry, no empty
    // text) and keeps the placeholders (%1, %2, … and %n) of its source.
    void germanTranslationIsComplete()
    {
        const QString dir = qEnvironmentVariable("OCS_SOURCE_DIR");
        QVERIFY2(!dir.isEmpty(), "OCS_SOURCE_DIR is set by add_unit_test");
        QFile ts(dir + QStringLiteral("/translations/opencode-sandbox_de.ts"));
        QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(ts.fileName()));
        static const QRegularExpression placeholder(QStringLiteral("%(\\d+|n)"));
        auto placeholders = [](const QString &text) {
            QSet<QString> out;
            for (const QRegularExpressionMatch &m : placeholder.globalMatch(text))
                out.insert(m.captured(0));
            return out;
        };
        QXmlStreamReader xml(&ts);
        QString context, source;
        QStringList problems;
        int messages = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (xml.name() == QLatin1String("source")) {
                source = xml.readElementText();
            } else if (xml.name() == QLatin1String("translation")) {
                ++messages;
                const QString where = context + QStringLiteral(": ") + source;
                if (xml.attributes().hasAttribute(QLatin1String("type")))
                    problems << xml.attributes().value(QLatin1String("type")).toString() +
                                    QStringLiteral(" — ") + where;
                // A plural message holds <numerusform>s, each of which must be filled in.
                QStringList forms;
                QString plain;
                while (!xml.atEnd() &&
                       !(xml.isEndElement() && xml.name() == QLatin1String("translation"))) {
                    xml.readNext();
                    if (xml.isCharacters())
                        plain += xml.text();
                    else if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                        forms << xml.readElementText();
                }
                if (forms.isEmpty())
                    forms << plain;
                for (const QString &f : std::as_const(forms)) {
                    if (f.isEmpty())
                        problems << QStringLiteral("empty — ") + where;
                    else if (placeholders(f) != placeholders(source))
                        problems << QStringLiteral("placeholders differ — ") + where +
                                        QStringLiteral(" => ") + f;
                }
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY2(messages > 500, qPrintable(QString::number(messages)));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
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
