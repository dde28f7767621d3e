#include "preferencesdialog.h"

#include "app/appsettings.h"
#include "app/environment.h"
#include "app/loginitem.h"
#include "app/sandboxfleet.h"
#include "statusicons.h"
#include "ui_preferencesdialog.h"
#ifdef OCS_HAVE_WEBENGINE
#include "webview/embeddedwebuiopener.h"
#endif

#include <QCoreApplication>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QPushButton>

namespace ocs::tray {

namespace {
const QString Custom = QStringLiteral("path");
const QString ErrorStyle = QStringLiteral("color: #c62828;");
} // namespace

PreferencesDialog::PreferencesDialog(AppSettings *settings, const SandboxFleet *fleet,
                                     QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::PreferencesDialog>())
    , m_settings(settings)
    , m_fleet(fleet)
{
    m_ui->setupUi(this);
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowIcon(StatusIcons::appIcon());
    m_ui->errorLabel->setStyleSheet(ErrorStyle);
    retranslate();
    load();
    connect(m_ui->engineCombo, &QComboBox::currentIndexChanged, this, &PreferencesDialog::validate);
    connect(m_ui->enginePathEdit, &QLineEdit::textChanged, this, &PreferencesDialog::validate);
    connect(m_ui->browseEngineButton, &QPushButton::clicked, this, [this] {
        auto *dlg = new QFileDialog(this, tr("Choose a Docker-compatible program"));
        dlg->setAttribute(Qt::WA_DeleteOnClose);
        dlg->setFileMode(QFileDialog::ExistingFile);
        connect(dlg, &QFileDialog::fileSelected, this,
                [this](const QString &f) { m_ui->enginePathEdit->setText(f); });
        dlg->open();
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, [this] {
        if (apply())
            accept();
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

PreferencesDialog::~PreferencesDialog() = default;

bool PreferencesDialog::embeddedWebUiAvailable()
{
#ifdef OCS_HAVE_WEBENGINE
    // Built with it, and its plugin is installed (it is an optional part of an install).
    return webview::EmbeddedWebUiOpener::isAvailable();
#else
    return false;
#endif
}

void PreferencesDialog::retranslate()
{
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("OK"));
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    const QString engine = m_ui->engineCombo->currentData().toString();
    const int language = m_ui->languageCombo->currentIndex();
    m_ui->engineCombo->clear();
    m_ui->engineCombo->addItem(tr("Automatic (Docker, else Podman)"), QStringLiteral("auto"));
    m_ui->engineCombo->addItem(tr("Docker"), QStringLiteral("docker"));
    m_ui->engineCombo->addItem(tr("Podman"), QStringLiteral("podman"));
    m_ui->engineCombo->addItem(tr("Another program…"), Custom);
    if (!engine.isEmpty())
        m_ui->engineCombo->setCurrentIndex(m_ui->engineCombo->findData(engine));
    m_ui->languageCombo->clear();
    m_ui->languageCombo->addItem(tr("System default"), int(AppSettings::Language::System));
    m_ui->languageCombo->addItem(QStringLiteral("English"), int(AppSettings::Language::English));
    m_ui->languageCombo->addItem(QStringLiteral("Deutsch"), int(AppSettings::Language::German));
    if (language >= 0)
        m_ui->languageCombo->setCurrentIndex(language);
    if (!embeddedWebUiAvailable())
        m_ui->embeddedBrowserRadio->setToolTip(
            tr("This build has no embedded web view (built without Qt WebEngine)."));
}

void PreferencesDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
        validate();
    }
    QDialog::changeEvent(event);
}

void PreferencesDialog::load()
{
    const QString pref = m_settings->enginePreference();
    const int known = m_ui->engineCombo->findData(pref);
    if (known >= 0) {
        m_ui->engineCombo->setCurrentIndex(known);
    } else {
        m_ui->engineCombo->setCurrentIndex(m_ui->engineCombo->findData(Custom));
        m_ui->enginePathEdit->setText(pref);
    }
    m_ui->startAtLoginCheck->setChecked(
        LoginItem(QCoreApplication::applicationFilePath()).isEnabled());
    m_ui->notificationsCheck->setChecked(m_settings->notificationsEnabled());
    m_ui->blockedHostNotificationsCheck->setChecked(m_settings->blockedHostNotificationsEnabled());
    m_ui->askBeforeQuitCheck->setChecked(m_settings->askBeforeQuit());
    m_ui->shareOpenCodeSettingsCheck->setChecked(m_settings->shareOpenCodeSettings());
    const bool embedded =
        m_settings->webUiMode() == AppSettings::WebUiMode::Embedded && embeddedWebUiAvailable();
    m_ui->embeddedBrowserRadio->setEnabled(embeddedWebUiAvailable());
    m_ui->embeddedBrowserRadio->setChecked(embedded);
    m_ui->externalBrowserRadio->setChecked(!embedded);
    m_ui->languageCombo->setCurrentIndex(
        m_ui->languageCombo->findData(int(m_settings->language())));
}

QString PreferencesDialog::enginePreference() const
{
    const QString choice = m_ui->engineCombo->currentData().toString();
    return choice == Custom ? m_ui->enginePathEdit->text().trimmed() : choice;
}

void PreferencesDialog::validate()
{
    const bool custom = m_ui->engineCombo->currentData().toString() == Custom;
    m_ui->enginePathEdit->setEnabled(custom);
    m_ui->browseEngineButton->setEnabled(custom);
    QString problem;
    if (custom) {
        const QFileInfo fi(m_ui->enginePathEdit->text().trimmed());
        if (m_ui->enginePathEdit->text().trimmed().isEmpty())
            problem = tr("Name the program (a Docker-compatible command line).");
        else if (!fi.isAbsolute())
            problem = tr("Give the full path of the program.");
        else if (!fi.isFile() || !fi.isExecutable())
            problem = tr("%1 is not an executable program.").arg(fi.filePath());
    }
    m_ui->errorLabel->setText(problem);
    m_ui->errorLabel->setVisible(!problem.isEmpty());
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());

    if (m_fleet) {
        const auto &st = m_fleet->engineStatus();
        QString text;
        switch (st.state) {
        case SandboxFleet::EngineStatus::State::Ready:
            text = tr("In use: %1 %2").arg(st.displayName, st.version);
            break;
        case SandboxFleet::EngineStatus::State::Locating:
            text = tr("Looking for the engine…");
            break;
        case SandboxFleet::EngineStatus::State::Unavailable:
            text = st.message;
            break;
        }
        if (ocs::environment::isSet(ocs::environment::Variable::Engine))
            text += QLatin1Char('\n') +
                    tr("OCS_ENGINE is set in the environment and takes precedence.");
        m_ui->engineStatusLabel->setText(text);
    }
}

bool PreferencesDialog::apply()
{
    validate();
    if (!m_ui->buttonBox->button(QDialogButtonBox::Ok)->isEnabled())
        return false;
    m_settings->setEnginePreference(enginePreference());
    m_settings->setNotificationsEnabled(m_ui->notificationsCheck->isChecked());
    m_settings->setBlockedHostNotificationsEnabled(
        m_ui->blockedHostNotificationsCheck->isChecked());
    m_settings->setAskBeforeQuit(m_ui->askBeforeQuitCheck->isChecked());
    m_settings->setShareOpenCodeSettings(m_ui->shareOpenCodeSettingsCheck->isChecked());
    m_settings->setWebUiMode(m_ui->embeddedBrowserRadio->isChecked()
                                 ? AppSettings::WebUiMode::Embedded
                                 : AppSettings::WebUiMode::External);
    m_settings->setLanguage(AppSettings::Language(m_ui->languageCombo->currentData().toInt()));
    LoginItem login(QCoreApplication::applicationFilePath());
    QString error;
    if (login.isEnabled() != m_ui->startAtLoginCheck->isChecked() &&
        !login.setEnabled(m_ui->startAtLoginCheck->isChecked(), &error)) {
        m_ui->errorLabel->setText(error);
        m_ui->errorLabel->setVisible(true);
        return false;
    }
    Q_EMIT applied();
    return true;
}

} // namespace ocs::tray
