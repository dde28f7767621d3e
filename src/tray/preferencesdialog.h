#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class PreferencesDialog;
}

namespace ocs {
class AppSettings;
class SandboxFleet;
} // namespace ocs

namespace ocs::tray {

// The app's preferences (forms/preferencesdialog.ui): engine, start at login,
// notifications, where the web UI opens, language.
class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    PreferencesDialog(AppSettings *settings, const SandboxFleet *fleet, QWidget *parent = nullptr);
    ~PreferencesDialog() override;

    Ui::PreferencesDialog *form() const { return m_ui.get(); }
    // Whether this build has the embedded web view (Qt WebEngine).
    static bool embeddedWebUiAvailable();
    // The engine preference the fields describe ("auto", "docker", "podman", a path).
    QString enginePreference() const;
    // Writes the preferences; false (with the reason shown) when something failed.
    bool apply();

Q_SIGNALS:
    void applied();

protected:
    void changeEvent(QEvent *event) override;

private:
    void load();
    void validate();
    void retranslate();

    std::unique_ptr<Ui::PreferencesDialog> m_ui;
    AppSettings *m_settings;
    const SandboxFleet *m_fleet;
};

} // namespace ocs::tray
