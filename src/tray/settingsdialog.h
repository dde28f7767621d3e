#pragma once

#include "config/configimpact.h"
#include "config/projectconfig.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QMessageBox;
class QPushButton;
class QTableWidget;

namespace Ui {
class SettingsDialog;
}

namespace ocs {
class ManagedSandbox;
class ProjectRegistry;
class WhitelistPresetResolver;
} // namespace ocs

namespace ocs::tray {

class LineListHighlighter;
class SecretsPage;

// One project's settings (forms/settingsdialog.ui): name and limits, the network
// whitelist, host ports, environment, injected secrets (SecretsPage), the pre-start hook. Every
// field is checked as it is typed with the config's own rules; Save writes through
// ConfigFile::save, which keeps comments and unknown keys (comments it cannot keep are shown before
// saving).
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(ManagedSandbox *sandbox, ProjectRegistry *registry, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    ManagedSandbox *sandbox() const { return m_sandbox; }
    Ui::SettingsDialog *form() const { return m_ui.get(); }
    QPushButton *saveButton() const;
    // The config file could be read (else everything is read-only).
    bool isLoaded() const { return m_loaded; }
    // Problems with what is typed now; Save is enabled only when there are none.
    QStringList problems() const { return m_problems; }
    // The config the fields describe now.
    ProjectConfig editedConfig() const;
    // A question this dialog is asking right now (tests answer it).
    QMessageBox *pendingQuestion() const;

    // Saves (asking first when comments would be lost or the file changed meanwhile).
    void save();
    // Adds entries to the whitelist (skipping those already there).
    void addDomains(const QStringList &domains);
    // The Secrets tab (injected-secrets, their values in the keychain).
    SecretsPage *secretsPage() const { return m_secretsPage; }
    // Environment tab: the hint about passed-through variables that look like credentials.
    QLabel *secretHint() const { return m_secretHint; }
    // Moves a passed-through variable to injected-secrets (the hint's link).
    void injectInstead(const QString &name);

Q_SIGNALS:
    // The file was written; `impact` says what the change needs (restart, rebuild).
    void saved(const ocs::ConfigImpact &impact);

protected:
    void changeEvent(QEvent *event) override;

private:
    void load();
    void fillTables();
    void fillHook();
    void setupPresets();
    void applyPreset(const QString &id);
    void validate();
    void updatePassthroughStatus(int row);
    void updateSecretHint();
    void addRow(QTableWidget *table, const QStringList &cells);
    void ask(const QString &title, const QString &text, const QString &details,
             const QString &yesText, std::function<void()> onYes);
    void writeFile();
    void retranslate();

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    QPointer<ManagedSandbox> m_sandbox;
    ProjectRegistry *m_registry;
    QString m_root;
    QString m_shownHookSha256; // the hash of the hook the Hook tab shows (what Approve approves)
    QString m_path;
    QByteArray m_fileText;
    ProjectConfig m_original;
    bool m_loaded = false;
    bool m_filling = false;
    QStringList m_problems;
    LineListHighlighter *m_whitelistHighlighter = nullptr;
    LineListHighlighter *m_portsHighlighter = nullptr;
    WhitelistPresetResolver *m_presets = nullptr;
    QPointer<QMessageBox> m_question;
    SecretsPage *m_secretsPage = nullptr;
    QLabel *m_secretHint = nullptr;
};

} // namespace ocs::tray
