// Preferences: engine choice (a path must be an executable), start at login (an XDG
// autostart entry), notifications, web UI (embedded only with WebEngine), language.

#include "app/loginitem.h"
#include "guitest.h"
#include "preferencesdialog.h"
#include "ui_preferencesdialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace ocs;
using namespace ocs::test;
using ocs::tray::PreferencesDialog;

class TestPreferencesDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appliesWhatIsChosen()
    {
        GuiTestEnvironment env;
        TestApp app(env);
        QVERIFY(app.startAndSettle());
        auto *dlg = new PreferencesDialog(app.settings.get(), app.fleet.get());
        dlg->show();
        auto *ui = dlg->form();
        QPushButton *ok = ui->buttonBox->button(QDialogButtonBox::Ok);
        QCOMPARE(ui->engineCombo->currentData().toString(), QStringLiteral("auto"));
        QVERIFY(!ui->enginePathEdit->isEnabled());
        QVERIFY(ui->engineStatusLabel->text().contains(QStringLiteral("99.0-fake")));

        // Another program: must be an executable given by its full path.
        ui->engineCombo->setCurrentIndex(ui->engineCombo->findData(QStringLiteral("path")));
        QVERIFY(ui->enginePathEdit->isEnabled());
        QVERIFY(!ok->isEnabled());
        ui->enginePathEdit->setText(QStringLiteral("docker"));
        QVERIFY(!ok->isEnabled());
        ui->enginePathEdit->setText(env.path(QStringLiteral("nothing-here")));
        QVERIFY(!ok->isEnabled());
        QVERIFY(ui->errorLabel->text().contains(QStringLiteral("not an executable")));
        ui->enginePathEdit->setText(QStringLiteral("/bin/sh"));
        QVERIFY(ok->isEnabled());
        ui->engineCombo->setCurrentIndex(ui->engineCombo->findData(QStringLiteral("podman")));

        // Enabled only in a build with WebEngine (OCS_WITH_WEBENGINE).
        QCOMPARE(ui->embeddedBrowserRadio->isEnabled(),
                 PreferencesDialog::embeddedWebUiAvailable());
        QVERIFY(ui->externalBrowserRadio->isChecked());

        const LoginItem login(QCoreApplication::applicationFilePath());
        QVERIFY(login.filePath().startsWith(env.path(QStringLiteral("xdg-config"))));
        QVERIFY(!ui->startAtLoginCheck->isChecked());
        ui->startAtLoginCheck->setChecked(true);
        ui->notificationsCheck->setChecked(false);
        QVERIFY(ui->blockedHostNotificationsCheck->isChecked());
        ui->blockedHostNotificationsCheck->setChecked(false);
        ui->languageCombo->setCurrentIndex(
            ui->languageCombo->findData(int(AppSettings::Language::German)));
        QSignalSpy engineChanged(app.settings.get(), &AppSettings::enginePreferenceChanged);
        QSignalSpy languageChanged(app.settings.get(), &AppSettings::languageChanged);
        ok->click();

        QCOMPARE(app.settings->enginePreference(), QStringLiteral("podman"));
        QCOMPARE(engineChanged.count(), 1);
        QCOMPARE(app.fleet->enginePreference(), QStringLiteral("podman"));
        QVERIFY(!app.settings->notificationsEnabled());
        QVERIFY(!app.settings->blockedHostNotificationsEnabled());
        QCOMPARE(app.settings->language(), AppSettings::Language::German);
        QCOMPARE(languageChanged.count(), 1);
        QVERIFY(login.isEnabled());
        QFile desktop(login.filePath());
        QVERIFY(desktop.open(QIODevice::ReadOnly));
        const QByteArray entry = desktop.readAll();
        QVERIFY(entry.startsWith("[Desktop Entry]"));
        QVERIFY(
            entry.contains("Exec=\"" + QCoreApplication::applicationFilePath().toUtf8() + "\""));

        // Kept in the settings file: a new AppSettings reads the same.
        AppSettings again(env.settingsFile());
        QCOMPARE(again.enginePreference(), QStringLiteral("podman"));
        QCOMPARE(again.language(), AppSettings::Language::German);

        // And off again.
        auto *dlg2 = new PreferencesDialog(app.settings.get(), app.fleet.get());
        QVERIFY(dlg2->form()->startAtLoginCheck->isChecked());
        dlg2->form()->startAtLoginCheck->setChecked(false);
        QVERIFY(dlg2->apply());
        QVERIFY(!login.isEnabled());
        delete dlg2;
    }
};

QTEST_MAIN(TestPreferencesDialog)
#include "tst_preferencesdialog.moc"
