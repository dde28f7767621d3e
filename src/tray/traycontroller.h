#pragma once

#include "app/managedsandbox.h"
#include "config/configimpact.h"
#include "projectmenu.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSystemTrayIcon>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>

class QAction;
class QMenu;
class QMessageBox;

namespace ocs {
class AppSettings;
class ProjectRegistry;
class SandboxFleet;
} // namespace ocs

namespace ocs {
class DecisionLogFollower;
}

namespace ocs::tray {

class BlockedHostNotifier;
class DesktopNotifier;
class LearnedHostsDialog;
class LogViewer;
class NetworkActivityWindow;
class MainWindow;
class SettingsDialog;
class StatusFileWriter;
class WebUiOpener;

struct TrayOptions
{
    // Whether the desktop has a system tray now (replaceable for tests).
    std::function<bool()> trayAvailable = [] {
        return QSystemTrayIcon::isSystemTrayAvailable();
    };
    // Without a tray: look again after this long, doubling, for at most `trayRecheckLimit`.
    std::chrono::milliseconds trayRecheckFirst{2000};
    std::chrono::milliseconds trayRecheckLimit{5 * 60 * 1000};
    // Open the details window when long work fails.
    bool openDetailsOnFailure = true;
    // "Save diagnostics…": the file to write, given a suggested path ("" = cancelled).
    // Empty function: a file dialog asks (tests give one that answers at once).
    std::function<QString(const QString &suggested)> chooseDiagnosticsFile;
};

// The tray application's presentation: the tray icon and its menu (one ProjectMenu per
// project), the fallback window, notifications, and the dialogs. Everything it does goes
// through the core (SandboxFleet, ManagedSandbox, ProjectRegistry, AppSettings).
class TrayController : public QObject
{
    Q_OBJECT
public:
    enum class Action {
        AddProject,
        StartAll,
        StopAll,
        Preferences,
        SaveDiagnostics,
        About,
        Quit,
        RetryEngine
    };

    TrayController(AppSettings *settings, ProjectRegistry *registry, SandboxFleet *fleet,
                   TrayOptions options = {}, QObject *parent = nullptr);
    ~TrayController() override;

    // Shows the tray icon, or the window when there is no tray.
    void showUi();
    bool isInTray() const { return m_inTray; }
    QSystemTrayIcon *trayIcon() const { return m_tray; }
    MainWindow *mainWindow() const { return m_window; }

    QMenu *menu() const { return m_menu; }
    QAction *action(Action which) const;
    QAction *headerAction() const { return m_header; }
    // The lines telling what is wrong with the engine and how to fix it.
    QList<QAction *> engineProblemActions() const { return m_engineLines; }
    QList<ProjectMenu *> projectMenus() const;
    ProjectMenu *projectMenu(const QString &root) const;

    struct Notification
    {
        QString title;
        QString text;
        bool error = false;
    };
    QList<Notification> notifications() const { return m_notifications; }
    // The question asked last (tests answer it), and the windows of a project.
    QMessageBox *lastQuestion() const;
    SettingsDialog *settingsDialog(const QString &root) const;
    LogViewer *logViewer(const QString &root) const;
    LogViewer *detailsViewer(const QString &root) const;
    NetworkActivityWindow *networkActivity(const QString &root) const;
    LearnedHostsDialog *learnedHostsDialog(const QString &root) const;
    // What the tray tells about the hosts a project's running sandbox has blocked.
    BlockedHostNotifier *blockedHostNotifier(const QString &root) const;
    // The desktop's notification server (blocked hosts with Allow/Show when it has actions).
    DesktopNotifier *desktopNotifier() const { return m_desktop; }

    void setWebUiOpener(std::unique_ptr<WebUiOpener> opener);

    // Arguments of this or a later launch ("--add PATH", …).
    void handleArguments(const QStringList &arguments);
    // Registers a folder; one without a config is set up first (InitProjectDialog).
    void addProject(const QString &path);
    void perform(ProjectAction action, ManagedSandbox *sandbox);
    SettingsDialog *openSettings(ManagedSandbox *sandbox);
    // The "Network activity" window of the project, with `host` selected when given.
    NetworkActivityWindow *openNetworkActivity(ManagedSandbox *sandbox,
                                               const QString &host = QString());
    void showErrorDetails(ManagedSandbox *sandbox);
    void requestQuit();
    void notify(const QString &title, const QString &text, bool error = false);
    // Writes the diagnostics file (see ocs::Diagnostics) to path, then notifies and calls
    // done(ok) once written (the engine is asked for its version and info first).
    void saveDiagnostics(const QString &path, std::function<void(bool ok)> done = {});
    // Re-reads all state now (it also happens by itself, coalesced).
    void refresh();
    // Sets every text again (after the language changed).
    void retranslate();

Q_SIGNALS:
    // Quit now (main() connects it to QCoreApplication::quit).
    void quitRequested();

private:
    void buildMenu();
    void addProjectMenu(ManagedSandbox *sandbox);
    void removeProjectMenu(ManagedSandbox *sandbox);
    void scheduleRefresh();
    void onOperationFinished(ManagedSandbox *sandbox, const ManagedSandbox::Result &result);
    void onSettingsSaved(ManagedSandbox *sandbox, const ConfigImpact &impact);
    void onEngineStatusChanged();
    void startSandbox(ManagedSandbox *sandbox, bool restart);
    // "Publish port…": asks for a port, adds it to published-ports.
    void publishPort(ManagedSandbox *sandbox);
    // Runs `go` once the hook and mise.toml are approved (asking for what changed).
    void afterApprovals(ManagedSandbox *sandbox, std::function<void()> go);
    void confirmConfigChanges(ManagedSandbox *sandbox, const StartReview &review,
                              std::function<void(bool)> answer);
    void openWebUi(ManagedSandbox *sandbox);
    void verify(ManagedSandbox *sandbox);
    void showLogs(ManagedSandbox *sandbox);
    // Follows the decision log of a running sandbox (notifications, learning mode).
    void updateNetworkWatch(ManagedSandbox *sandbox);
    // "Allow" on a desktop notification: the host allowed for the project at once.
    void allowFromNotification(const QString &root, const QString &host);
    void showBlocked(ManagedSandbox *sandbox, const QString &title, const QString &text,
                     const QString &host);
    void offerLearnedHosts(ManagedSandbox *sandbox, const QStringList &hosts);
    void toggleLearning(ManagedSandbox *sandbox);
    void removeProject(ManagedSandbox *sandbox);
    void chooseProjectFolder();
    void showPreferences();
    void showAbout();
    void chooseDiagnosticsFile();
    void checkTray();
    void moveToTray();
    QMessageBox *question(const QString &title, const QString &text);

    AppSettings *m_settingsStore;
    ProjectRegistry *m_registry;
    SandboxFleet *m_fleet;
    TrayOptions m_options;

    QMenu *m_menu = nullptr;
    QAction *m_header = nullptr;
    QList<QAction *> m_engineLines;
    QAction *m_noProjects = nullptr;
    QAction *m_projectsEnd = nullptr;
    QHash<int, QAction *> m_actions;
    QHash<ManagedSandbox *, ProjectMenu *> m_projectMenus;
    QList<ProjectMenu *> m_projectOrder;

    QSystemTrayIcon *m_tray = nullptr;
    MainWindow *m_window = nullptr;
    bool m_inTray = false;
    QTimer m_trayCheck;
    std::chrono::milliseconds m_trayCheckWaited{0};
    int m_summaryShown = -1;
    QTimer m_refreshTimer;
    bool m_engineWasDown = false;

    std::unique_ptr<WebUiOpener> m_webOpener;
    QHash<QString, QPointer<SettingsDialog>> m_settings;
    QHash<QString, QPointer<LogViewer>> m_logs;
    QHash<QString, QPointer<LogViewer>> m_details;
    QHash<QString, QPointer<NetworkActivityWindow>> m_activity;
    QHash<QString, QPointer<LearnedHostsDialog>> m_learned;
    struct NetworkWatch
    {
        BlockedHostNotifier *notifier = nullptr;
        DecisionLogFollower *follower = nullptr; // while the sandbox runs
    };
    QHash<ManagedSandbox *, NetworkWatch> m_network;
    // The project and host of the blocked-host notification shown last (a click opens them).
    QPointer<ManagedSandbox> m_lastBlocked;
    QString m_lastBlockedHost;
    DesktopNotifier *m_desktop = nullptr;
    QPointer<QWidget> m_preferences;
    QPointer<QMessageBox> m_question;
    QPointer<ManagedSandbox> m_lastFailed;
    QList<Notification> m_notifications;
    StatusFileWriter *m_statusFile = nullptr;
    bool m_quitting = false;
};

} // namespace ocs::tray
