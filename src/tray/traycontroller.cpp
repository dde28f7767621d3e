#include "traycontroller.h"

#include "app/appsettings.h"
#include "app/diagnostics.h"
#include "app/environment.h"
#include "app/projectregistry.h"
#include "app/sandboxfleet.h"
#include "blockedhostnotifier.h"
#include "config/configfile.h"
#include "desktopnotifier.h"
#include "hookapprovaldialog.h"
#include "hostpolicyeditor.h"
#include "initprojectdialog.h"
#include "learnedhostsdialog.h"
#include "logviewer.h"
#include "mainwindow.h"
#include "network/decisionlog.h"
#include "network/policyfiles.h"
#include "networkactivitywindow.h"
#include "preferencesdialog.h"
#include "sandbox/publishedports.h"
#include "sandbox/sandboxverifier.h"
#include "settingsdialog.h"
#include "statusfilewriter.h"
#include "statusicons.h"
#include "statussummary.h"
#include "terminalopener.h"
#include "traylogging.h"
#include "webuiopener.h"

#include <QAction>
#include <QApplication>
#include <QCursor>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QUrl>

#ifndef OCS_VERSION
#define OCS_VERSION "0.0.0"
#endif

namespace ocs::tray {

namespace {
// OCS_TRAY_MENU_TIMING (benchmarks, issue 14 figure 6): logs the time from the menu's
// aboutToShow to the end of its first paint, its update for the current state included.
class MenuTimingLogger : public QObject
{
public:
    explicit MenuTimingLogger(QMenu *menu)
        : QObject(menu)
        , m_menu(menu)
    {
        connect(menu, &QMenu::aboutToShow, this, [this] {
            m_timer.start();
            m_waiting = true;
        });
        menu->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_menu && m_waiting && event->type() == QEvent::Paint) {
            m_waiting = false;
            // After this paint event is handled.
            QTimer::singleShot(0, this, [this] {
                qCInfo(lcTray).noquote()
                    << QStringLiteral("menu shown in %1 ms")
                           .arg(double(m_timer.nsecsElapsed()) / 1e6, 0, 'f', 2);
            });
        }
        return false;
    }

private:
    QMenu *m_menu;
    QElapsedTimer m_timer;
    bool m_waiting = false;
};
} // namespace

namespace {
constexpr int EngineLineCount = 6;
constexpr int EngineLineLength = 72;

QStringList wrapped(const QString &text, int width)
{
    QStringList lines;
    QString line;
    for (const QString &word : text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > width) {
            lines << line;
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    if (!line.isEmpty())
        lines << line;
    return lines;
}
} // namespace

TrayController::TrayController(AppSettings *settings, ProjectRegistry *registry,
                               SandboxFleet *fleet, TrayOptions options, QObject *parent)
    : QObject(parent)
    , m_settingsStore(settings)
    , m_registry(registry)
    , m_fleet(fleet)
    , m_options(std::move(options))
    , m_webOpener(std::make_unique<PreferredWebUiOpener>(settings))
{
    initResources();
    buildMenu();
    m_tray = new QSystemTrayIcon(StatusIcons::trayIcon(SandboxFleet::Summary::NoneRunning), this);
    m_tray->setContextMenu(m_menu);
    if (environment::isSet(environment::Variable::TrayMenuTiming))
        new MenuTimingLogger(m_menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
        // A left click shows the same menu (debounced: a second click closes nothing).
        if (r == QSystemTrayIcon::Trigger && !m_menu->isVisible()) {
#ifndef Q_OS_MACOS
            m_menu->popup(QCursor::pos());
#endif
        }
    });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
        // A blocked host: its activity window with the host selected (Allow is one click or
        // Enter there; tray messages have no buttons of their own).
        if (m_lastBlocked)
            openNetworkActivity(m_lastBlocked, m_lastBlockedHost);
        else if (m_lastFailed)
            showErrorDetails(m_lastFailed);
    });

    // Blocked hosts with Allow/Show buttons where the desktop's notification server has actions.
    m_desktop = new DesktopNotifier(this);
    connect(m_desktop, &DesktopNotifier::allowRequested, this,
            &TrayController::allowFromNotification);
    connect(m_desktop, &DesktopNotifier::showRequested, this,
            [this](const QString &root, const QString &host) {
                for (ManagedSandbox *s : m_fleet->sandboxes()) {
                    if (s->root() == root) {
                        openNetworkActivity(s, host);
                        return;
                    }
                }
            });

    m_window = new MainWindow;
    m_window->setActions(
        {m_actions.value(int(Action::AddProject)), m_actions.value(int(Action::StartAll)),
         m_actions.value(int(Action::StopAll)), nullptr, m_actions.value(int(Action::RetryEngine)),
         m_actions.value(int(Action::Preferences)), m_actions.value(int(Action::SaveDiagnostics)),
         m_actions.value(int(Action::About)), m_actions.value(int(Action::Quit))});
    connect(m_window, &MainWindow::closeRequested, this, &TrayController::requestQuit);

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(100);
    connect(&m_refreshTimer, &QTimer::timeout, this, &TrayController::refresh);
    m_trayCheck.setSingleShot(true);
    connect(&m_trayCheck, &QTimer::timeout, this, &TrayController::checkTray);

    for (ManagedSandbox *s : m_fleet->sandboxes())
        addProjectMenu(s);
    connect(m_fleet, &SandboxFleet::sandboxAdded, this, &TrayController::addProjectMenu);
    connect(m_fleet, &SandboxFleet::sandboxRemoved, this, &TrayController::removeProjectMenu);
    connect(m_fleet, &SandboxFleet::changed, this, &TrayController::scheduleRefresh);
    connect(m_fleet, &SandboxFleet::engineStatusChanged, this,
            &TrayController::onEngineStatusChanged);
    connect(m_settingsStore, &AppSettings::enginePreferenceChanged, m_fleet,
            &SandboxFleet::setEnginePreference);
    m_fleet->setConfirmConfigChanges(
        [this](ManagedSandbox *s, const StartReview &review, std::function<void(bool)> answer) {
            confirmConfigChanges(s, review, std::move(answer));
        });

    if (environment::isSet(environment::Variable::TrayStatusFile))
        m_statusFile = new StatusFileWriter(
            environment::value(environment::Variable::TrayStatusFile), this, this);
    refresh();
}

TrayController::~TrayController()
{
    for (const auto &d : std::as_const(m_settings))
        delete d.data();
    for (const auto &l : std::as_const(m_logs))
        delete l.data();
    for (const auto &l : std::as_const(m_details))
        delete l.data();
    for (const auto &w : std::as_const(m_activity))
        delete w.data();
    for (const auto &d : std::as_const(m_learned))
        delete d.data();
    delete m_preferences.data();
    delete m_question.data();
    qDeleteAll(m_projectOrder);
    delete m_window;
    delete m_menu;
}

QMessageBox *TrayController::lastQuestion() const
{
    return m_question.data();
}

SettingsDialog *TrayController::settingsDialog(const QString &root) const
{
    return m_settings.value(root).data();
}

LogViewer *TrayController::logViewer(const QString &root) const
{
    return m_logs.value(root).data();
}

LogViewer *TrayController::detailsViewer(const QString &root) const
{
    return m_details.value(root).data();
}

NetworkActivityWindow *TrayController::networkActivity(const QString &root) const
{
    return m_activity.value(root).data();
}

LearnedHostsDialog *TrayController::learnedHostsDialog(const QString &root) const
{
    return m_learned.value(root).data();
}

BlockedHostNotifier *TrayController::blockedHostNotifier(const QString &root) const
{
    for (auto it = m_network.cbegin(); it != m_network.cend(); ++it) {
        if (it.key()->root() == root)
            return it->notifier;
    }
    return nullptr;
}

// --- menu ------------------------------------------------------------------------------------

void TrayController::buildMenu()
{
    m_menu = new QMenu;
    m_menu->setToolTipsVisible(true);
    m_menu->setSeparatorsCollapsible(true);
    m_header = m_menu->addAction(StatusIcons::appIcon(), QString());
    m_header->setEnabled(false);
    for (int i = 0; i < EngineLineCount; ++i) {
        QAction *line = m_menu->addAction(QString());
        line->setEnabled(false);
        line->setVisible(false);
        m_engineLines << line;
    }
    auto add = [this](Action which, const QString &themeIcon) {
        QAction *a = m_menu->addAction(QString());
        if (!themeIcon.isEmpty())
            a->setIcon(QIcon::fromTheme(themeIcon));
        m_actions.insert(int(which), a);
        return a;
    };
    connect(add(Action::RetryEngine, QStringLiteral("view-refresh")), &QAction::triggered, this,
            [this] { m_fleet->retryEngineNow(); });
    m_menu->addSeparator();
    m_noProjects = m_menu->addAction(QString());
    m_noProjects->setEnabled(false);
    m_projectsEnd = m_menu->addSeparator();
    connect(add(Action::AddProject, QStringLiteral("list-add")), &QAction::triggered, this,
            &TrayController::chooseProjectFolder);
    connect(add(Action::StartAll, QStringLiteral("media-playback-start")), &QAction::triggered,
            this, [this] {
                for (ManagedSandbox *s : m_fleet->sandboxes()) {
                    if (s->canStart())
                        startSandbox(s, false);
                }
            });
    connect(add(Action::StopAll, QStringLiteral("media-playback-stop")), &QAction::triggered, this,
            [this] { m_fleet->stopAll(); });
    m_menu->addSeparator();
    connect(add(Action::Preferences, QStringLiteral("preferences-system")), &QAction::triggered,
            this, &TrayController::showPreferences);
    connect(add(Action::SaveDiagnostics, QStringLiteral("document-save-as")), &QAction::triggered,
            this, &TrayController::chooseDiagnosticsFile);
    connect(add(Action::About, QStringLiteral("help-about")), &QAction::triggered, this,
            &TrayController::showAbout);
    connect(add(Action::Quit, QStringLiteral("application-exit")), &QAction::triggered, this,
            &TrayController::requestQuit);
    retranslate();
}

void TrayController::retranslate()
{
    m_actions.value(int(Action::RetryEngine))->setText(tr("&Look for the engine again"));
    m_noProjects->setText(tr("Add a project below to begin"));
    m_actions.value(int(Action::AddProject))->setText(tr("&Add project…"));
    m_actions.value(int(Action::StartAll))->setText(tr("Start a&ll"));
    m_actions.value(int(Action::StopAll))->setText(tr("Stop all"));
    m_actions.value(int(Action::StopAll))->setToolTip(tr("Stops every running sandbox"));
    m_actions.value(int(Action::Preferences))->setText(tr("&Preferences…"));
    m_actions.value(int(Action::SaveDiagnostics))->setText(tr("Save &diagnostics…"));
    m_actions.value(int(Action::SaveDiagnostics))
        ->setToolTip(tr("Saves the app log, versions and sandbox states into one file for a "
                        "bug report (no passwords or environment values)"));
    m_actions.value(int(Action::About))->setText(tr("A&bout OpenCode Sandbox"));
    m_actions.value(int(Action::Quit))->setText(tr("&Quit"));
    if (m_window)
        m_window->setWindowTitle(tr("OpenCode Sandbox"));
    for (ProjectMenu *pm : std::as_const(m_projectOrder))
        pm->update();
    m_summaryShown = -1;
}

QAction *TrayController::action(Action which) const
{
    return m_actions.value(int(which));
}

QList<ProjectMenu *> TrayController::projectMenus() const
{
    return m_projectOrder;
}

ProjectMenu *TrayController::projectMenu(const QString &root) const
{
    for (ProjectMenu *pm : m_projectOrder) {
        if (pm->sandbox() && pm->sandbox()->root() == root)
            return pm;
    }
    return nullptr;
}

void TrayController::addProjectMenu(ManagedSandbox *sandbox)
{
    if (m_projectMenus.contains(sandbox))
        return;
    auto *pm = new ProjectMenu(sandbox, m_fleet);
    m_projectMenus.insert(sandbox, pm);
    m_projectOrder << pm;
    // Inserted in place: an open menu gains the entry without being rebuilt.
    m_menu->insertMenu(m_projectsEnd, pm->menu());
    m_window->addProject(pm);
    connect(pm, &ProjectMenu::triggered, this, &TrayController::perform);
    connect(pm, &ProjectMenu::openUrlRequested, this,
            [](const QUrl &url) { QDesktopServices::openUrl(url); });
    connect(sandbox, &ManagedSandbox::operationFinished, this,
            [this, sandbox](const ManagedSandbox::Result &r) { onOperationFinished(sandbox, r); });
    connect(sandbox, &ManagedSandbox::protectionLost, this, [this, sandbox](const QString &why) {
        notify(tr("%1 was stopped to protect your files").arg(sandbox->displayName()), why, true);
    });
    auto *notifier = new BlockedHostNotifier(sandbox->displayName(), this);
    m_network.insert(sandbox, NetworkWatch{notifier, nullptr});
    connect(notifier, &BlockedHostNotifier::announce, this,
            [this, sandbox](const QString &title, const QString &text, const QString &host) {
                showBlocked(sandbox, title, text, host);
            });
    connect(notifier, &BlockedHostNotifier::learningFinished, this,
            [this, sandbox](const QStringList &hosts) { offerLearnedHosts(sandbox, hosts); });
    connect(sandbox, &ManagedSandbox::changed, this,
            [this, sandbox] { updateNetworkWatch(sandbox); });
    updateNetworkWatch(sandbox);
    scheduleRefresh();
}

void TrayController::removeProjectMenu(ManagedSandbox *sandbox)
{
    ProjectMenu *pm = m_projectMenus.take(sandbox);
    if (!pm)
        return;
    m_projectOrder.removeOne(pm);
    m_menu->removeAction(pm->menu()->menuAction());
    m_window->removeProject(pm);
    // The menu itself goes later (it may be on screen this very moment).
    pm->deleteLater();
    if (auto d = m_settings.take(sandbox->root()))
        d->close();
    if (auto w = m_activity.take(sandbox->root()))
        w->close();
    const NetworkWatch watch = m_network.take(sandbox);
    delete watch.follower;
    delete watch.notifier;
    scheduleRefresh();
}

void TrayController::scheduleRefresh()
{
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void TrayController::refresh()
{
    m_refreshTimer.stop();
    const auto summary = m_fleet->summary();
    if (int(summary) != m_summaryShown) {
        m_summaryShown = int(summary);
        m_tray->setIcon(StatusIcons::trayIcon(summary));
    }
    const QString tooltip = StatusSummary::tooltip(*m_fleet);
    if (m_tray->toolTip() != tooltip)
        m_tray->setToolTip(tooltip);
    const QString headline = StatusSummary::headline(*m_fleet);
    m_header->setText(headline);

    const auto &engine = m_fleet->engineStatus();
    const bool engineDown = engine.state == SandboxFleet::EngineStatus::State::Unavailable;
    const QStringList lines =
        engineDown ? wrapped(engine.message, EngineLineLength) : QStringList();
    for (int i = 0; i < m_engineLines.size(); ++i) {
        QString text = lines.value(i);
        if (i == m_engineLines.size() - 1 && lines.size() > m_engineLines.size())
            text += QStringLiteral(" …");
        text.replace(QLatin1Char('&'), QStringLiteral("&&"));
        m_engineLines.at(i)->setText(text);
        m_engineLines.at(i)->setToolTip(engine.message);
        m_engineLines.at(i)->setVisible(!text.isEmpty());
    }
    action(Action::RetryEngine)->setVisible(engineDown);
    m_noProjects->setVisible(m_projectOrder.isEmpty());

    bool anyStart = false, anyStop = false;
    for (const ManagedSandbox *s : m_fleet->sandboxes()) {
        anyStart = anyStart || s->canStart();
        anyStop = anyStop || s->canStop();
    }
    action(Action::StartAll)->setEnabled(anyStart);
    action(Action::StopAll)->setEnabled(anyStop);

    m_window->setStatus(headline, engineDown ? engine.message : QString());
    if (m_statusFile)
        m_statusFile->write();
}

// --- showing the UI ----------------------------------------------------------------------------

void TrayController::showUi()
{
    if (m_options.trayAvailable()) {
        m_inTray = true;
        m_tray->show();
        m_window->hide();
        qCInfo(lcTray) << "in the system tray";
    } else {
        m_inTray = false;
        m_window->show();
        qCInfo(lcTray) << "no system tray: showing the window instead";
        m_trayCheckWaited = std::chrono::milliseconds(0);
        m_trayCheck.start(m_options.trayRecheckFirst);
        // A tray may come with a new screen or panel.
        connect(qApp, &QGuiApplication::screenAdded, this, &TrayController::checkTray,
                Qt::UniqueConnection);
        connect(qApp, &QGuiApplication::primaryScreenChanged, this, &TrayController::checkTray,
                Qt::UniqueConnection);
    }
    if (m_statusFile)
        m_statusFile->write();
}

void TrayController::checkTray()
{
    if (m_inTray)
        return;
    if (m_options.trayAvailable())
        return moveToTray();
    // Back off: 2 s, 4 s, 8 s, … until a few minutes have passed.
    const auto interval = std::chrono::milliseconds(m_trayCheck.interval());
    m_trayCheckWaited += interval;
    if (m_trayCheckWaited >= m_options.trayRecheckLimit) {
        qCInfo(lcTray) << "no system tray appeared; staying a window";
        return;
    }
    m_trayCheck.start(std::min(interval * 2, m_options.trayRecheckLimit - m_trayCheckWaited));
}

void TrayController::moveToTray()
{
    m_trayCheck.stop();
    m_inTray = true;
    m_tray->show();
    m_window->hide();
    qCInfo(lcTray) << "a system tray appeared: moved there";
    notify(tr("OpenCode Sandbox"), tr("Now in the system tray."));
    if (m_statusFile)
        m_statusFile->write();
}

// --- notifications -------------------------------------------------------------------------------

void TrayController::notify(const QString &title, const QString &text, bool error)
{
    m_lastBlocked = nullptr;
    m_notifications << Notification{title, text, error};
    if (m_notifications.size() > 50)
        m_notifications.removeFirst();
    qCInfo(lcTray) << "notify:" << title << "-" << text.section(QLatin1Char('\n'), 0, 0);
    if (!m_settingsStore->notificationsEnabled() && !error)
        return;
    if (m_inTray && m_settingsStore->notificationsEnabled()) {
        m_tray->showMessage(title, StatusSummary::elided(text, 300),
                            error ? QSystemTrayIcon::Critical : QSystemTrayIcon::Information,
                            10000);
    } else {
        m_window->showMessage(title + QStringLiteral(": ") + text.section(QLatin1Char('\n'), 0, 0));
    }
}

void TrayController::onEngineStatusChanged()
{
    const auto &engine = m_fleet->engineStatus();
    if (engine.state == SandboxFleet::EngineStatus::State::Unavailable && !m_engineWasDown) {
        m_engineWasDown = true;
        notify(StatusSummary::headline(*m_fleet), engine.message, true);
    } else if (engine.ready() && m_engineWasDown) {
        m_engineWasDown = false;
        notify(tr("%1 is back").arg(engine.displayName), tr("The sandboxes can be used again."));
    }
    scheduleRefresh();
}

void TrayController::onOperationFinished(ManagedSandbox *s, const ManagedSandbox::Result &r)
{
    using Op = ManagedSandbox::Operation;
    const QString name = s->displayName();
    if (r.ok) {
        switch (r.operation) {
        case Op::Start:
        case Op::Restart:
            notify(r.operation == Op::Start ? tr("%1 is running").arg(name)
                                            : tr("%1 restarted").arg(name),
                   tr("Web UI on port %1. Open it from the menu.").arg(s->port()));
            if (m_registry->appSettings(s->root()).openWebUiAfterStart)
                openWebUi(s);
            break;
        case Op::Rebuild:
            notify(tr("Image of %1 built").arg(name), s->state() == ManagedSandbox::State::Running
                                                          ? tr("Restart the sandbox to use it.")
                                                          : tr("It is used from the next start."));
            break;
        case Op::Stop:
        case Op::None:
            break;
        }
        scheduleRefresh();
        return;
    }
    // The title by the kind of the error where it says more than the operation does.
    QString what;
    switch (r.error.kind) {
    case Error::Kind::ImageBuildFailed:
        what = tr("Building the image of %1 failed").arg(name);
        break;
    case Error::Kind::ConfigInvalid:
        what = tr("The settings of %1 have errors").arg(name);
        break;
    case Error::Kind::EngineMissing:
    case Error::Kind::EngineNotRunning:
    case Error::Kind::PermissionDenied:
        what = tr("%1: the container engine is not usable").arg(name);
        break;
    case Error::Kind::PortTaken:
        what = tr("%1: the port is taken").arg(name);
        break;
    default:
        switch (r.operation) {
        case Op::Rebuild:
            what = tr("Building the image of %1 failed").arg(name);
            break;
        case Op::Stop:
            what = tr("Stopping %1 failed").arg(name);
            break;
        default:
            what = tr("Starting %1 failed").arg(name);
            break;
        }
        break;
    }
    m_lastFailed = s;
    notify(what, r.error.message, true);
    if (m_options.openDetailsOnFailure && r.operation != Op::Stop)
        showErrorDetails(s);
    scheduleRefresh();
}

// --- project actions ---------------------------------------------------------------------------

void TrayController::perform(ProjectAction action, ManagedSandbox *s)
{
    if (!s)
        return;
    qCDebug(lcTray) << "action" << int(action) << s->root();
    switch (action) {
    case ProjectAction::Start:
        return startSandbox(s, false);
    case ProjectAction::Restart:
        return startSandbox(s, true);
    case ProjectAction::Stop:
        return s->stop();
    case ProjectAction::OpenWebUi:
        return openWebUi(s);
    case ProjectAction::OpenTerminal: {
        QString error;
        if (!TerminalOpener::open(s->root(), &error))
            notify(tr("Cannot open a terminal"), error, true);
        return;
    }
    case ProjectAction::ShowLogs:
        return showLogs(s);
    case ProjectAction::ShowErrorDetails:
        return showErrorDetails(s);
    case ProjectAction::NetworkActivity:
        openNetworkActivity(s);
        return;
    case ProjectAction::LearningMode:
        return toggleLearning(s);
    case ProjectAction::Rebuild:
        return afterApprovals(s, [s] { s->rebuild(false); });
    case ProjectAction::Verify:
        return verify(s);
    case ProjectAction::Settings:
        openSettings(s);
        return;
    case ProjectAction::ApproveHook: {
        if (!s->project())
            return;
        auto *dlg = new HookApprovalDialog(*s->project());
        connect(dlg, &HookApprovalDialog::approved, s, &ManagedSandbox::reloadProject);
        dlg->show();
        return;
    }
    case ProjectAction::OpenFolder:
        QDesktopServices::openUrl(QUrl::fromLocalFile(s->root()));
        return;
    case ProjectAction::Remove:
        return removeProject(s);
    case ProjectAction::PublishPort:
        return publishPort(s);
    }
}

void TrayController::publishPort(ManagedSandbox *s)
{
    if (!s->project())
        return;
    auto *dlg = new QInputDialog;
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->setObjectName(QStringLiteral("publishPortDialog"));
    dlg->setWindowTitle(tr("Publish a port of %1").arg(s->displayName()));
    dlg->setLabelText(tr("Port of a server in the sandbox (it must listen on 0.0.0.0 there). It "
                         "is opened on this computer's 127.0.0.1 only, at the same number when "
                         "that is free; a restart of the sandbox applies it."));
    dlg->setInputMode(QInputDialog::IntInput);
    dlg->setIntRange(1, 65535);
    dlg->setIntValue(3000);
    QPointer<ManagedSandbox> guard(s);
    connect(dlg, &QInputDialog::intValueSelected, this, [this, guard](int port) {
        if (!guard || !guard->project())
            return;
        const publishedports::Edit e =
            publishedports::change(*guard->project(), QString::number(port), true);
        if (!e.ok)
            return notify(tr("Port %1 was not published").arg(port), e.error, true);
        guard->reloadProject();
        notify(tr("Port %1 published").arg(port),
               guard->state() == ManagedSandbox::State::Running
                   ? tr("Restart the sandbox to apply it.")
                   : tr("It is published at the next start."),
               false);
    });
    dlg->open();
}

void TrayController::startSandbox(ManagedSandbox *s, bool restart)
{
    s->reloadProject();
    afterApprovals(s, [s, restart] { restart ? s->restart() : s->start(); });
}

void TrayController::afterApprovals(ManagedSandbox *s, std::function<void()> go)
{
    // The pre-start hook (run by a start) and mise.toml (run by an image build) only run in a
    // version the user approved: a changed one is shown for approval first, one after the other.
    if (!s->project())
        return go();
    for (const auto kind : {ApprovedFile::Kind::PreStartHook, ApprovedFile::Kind::MiseToml}) {
        if (ApprovedFile(*s->project(), kind).read().status != ApprovedFile::Status::NotApproved)
            continue;
        auto *dlg = new HookApprovalDialog(*s->project(), nullptr, kind);
        QPointer<ManagedSandbox> guard(s);
        connect(dlg, &HookApprovalDialog::approved, this, [this, guard, go] {
            if (!guard)
                return;
            guard->reloadProject();
            afterApprovals(guard, go);
        });
        dlg->show();
        dlg->raise();
        return;
    }
    go();
}

void TrayController::confirmConfigChanges(ManagedSandbox *s, const StartReview &review,
                                          std::function<void(bool)> answer)
{
    const QString warnings =
        review.warnings.isEmpty()
            ? QString()
            : QStringLiteral("\n\n") + review.warnings.join(QStringLiteral("\n"));
    QMessageBox *box =
        review.firstStart
            // A first start (also after a new sandbox-name): what it may reach, before it does.
            ? question(tr("Start %1 for the first time?").arg(s->displayName()),
                       tr("This is the first start of %1. It may reach:\n\n%2%3\n\nStart it?")
                           .arg(s->displayName(), review.lines.join(QLatin1Char('\n')), warnings))
            // Anything on this computer could have edited the file: show what a start would apply.
            : question(tr("Start %1 with changed settings?").arg(s->displayName()),
                       tr("Since %1 last started, its settings changed what it may reach:\n\n%2%3"
                          "\n\nStart with these changes?")
                           .arg(s->displayName(), review.lines.join(QLatin1Char('\n')), warnings));
    QPushButton *yes = box->addButton(
        review.firstStart ? tr("Start") : tr("Start with these changes"), QMessageBox::AcceptRole);
    box->addButton(QMessageBox::Cancel)->setText(tr("Cancel"));
    box->setDefaultButton(yes);
    auto answered = std::make_shared<bool>(false);
    connect(box, &QMessageBox::buttonClicked, this, [yes, answer, answered](QAbstractButton *b) {
        *answered = true;
        answer(b == yes);
    });
    // Closed any other way: not accepted.
    connect(box, &QObject::destroyed, this, [answer, answered] {
        if (!*answered)
            answer(false);
    });
    box->show();
    box->raise();
}

void TrayController::setWebUiOpener(std::unique_ptr<WebUiOpener> opener)
{
    m_webOpener = std::move(opener);
}

void TrayController::openWebUi(ManagedSandbox *s)
{
    QPointer<ManagedSandbox> guard(s);
    s->requestWebLogin(QStringLiteral("/"), [this, guard](const QUrl &url, const QString &error) {
        if (!guard)
            return;
        if (!error.isEmpty() || !url.isValid()) {
            notify(tr("Cannot open the web UI of %1").arg(guard->displayName()), error, true);
            return;
        }
        // The external browser or the embedded view, as the preferences say (a build
        // without WebEngine always uses the browser; see PreferredWebUiOpener).
        if (!m_webOpener->open(guard, url))
            notify(tr("Cannot open the web UI of %1").arg(guard->displayName()),
                   tr("No browser could be started."), true);
    });
}

void TrayController::verify(ManagedSandbox *s)
{
    ProjectMenu *pm = m_projectMenus.value(s);
    if (!m_fleet->engine() || !s->project() || !pm || pm->isVerifying())
        return;
    pm->setVerifying(true);
    const QString name = s->displayName();
    const QString root = s->root();
    auto *verifier = new SandboxVerifier(*m_fleet->engine(), s->project()->containerName(), this);
    QPointer<ProjectMenu> menu(pm);
    verifier->run([this, verifier, menu, name, root](const SandboxVerifier::Result &r) {
        verifier->deleteLater();
        if (menu)
            menu->setVerifying(false);
        const QStringList lines = r.reportLines();
        QString summary;
        if (!r.error.isEmpty())
            summary = r.error;
        else if (r.allPassed())
            summary = tr("All %n check(s) passed.", nullptr, r.passedCount());
        else
            summary =
                tr("%1 of %n check(s) failed.", nullptr, int(r.probes.size())).arg(r.failedCount());
        const bool ok = r.allPassed();
        notify(ok ? tr("%1 verified").arg(name) : tr("Verifying %1 found problems").arg(name),
               summary, !ok);
        // The full report, one line per probe.
        LogViewer *viewer = m_details.value(root);
        if (!viewer) {
            viewer = new LogViewer;
            m_details.insert(root, viewer);
        }
        viewer->showDetails(tr("Verification — %1").arg(name),
                            summary + QStringLiteral("\n\n") + lines.join(QLatin1Char('\n')),
                            QString());
        viewer->show();
        viewer->raise();
    });
}

void TrayController::showLogs(ManagedSandbox *s)
{
    if (!m_fleet->engine() || !s->project())
        return;
    LogViewer *viewer = m_logs.value(s->root());
    if (!viewer) {
        viewer = new LogViewer;
        m_logs.insert(s->root(), viewer);
    }
    viewer->followContainer(*m_fleet->engine(), s->project()->containerName(),
                            tr("Logs — %1").arg(s->displayName()));
    viewer->show();
    viewer->raise();
    viewer->activateWindow();
}

void TrayController::showErrorDetails(ManagedSandbox *s)
{
    LogViewer *viewer = m_details.value(s->root());
    if (!viewer) {
        viewer = new LogViewer;
        m_details.insert(s->root(), viewer);
    }
    QString text = s->lastError();
    if (!s->recentOutput().isEmpty())
        text += QStringLiteral("\n\n") + tr("----- output -----") + QLatin1Char('\n') +
                s->recentOutput().join(QLatin1Char('\n'));
    viewer->showDetails(tr("What went wrong — %1").arg(s->displayName()), text, s->lastLogPath());
    viewer->show();
    viewer->raise();
}

SettingsDialog *TrayController::openSettings(ManagedSandbox *s)
{
    SettingsDialog *dlg = m_settings.value(s->root());
    if (!dlg) {
        dlg = new SettingsDialog(s, m_registry);
        m_settings.insert(s->root(), dlg);
        QPointer<ManagedSandbox> guard(s);
        connect(dlg, &SettingsDialog::saved, this, [this, guard](const ConfigImpact &impact) {
            if (guard)
                onSettingsSaved(guard, impact);
        });
    }
    dlg->show();
    dlg->raise();
    dlg->activateWindow();
    return dlg;
}

// --- network activity ------------------------------------------------------------------------

namespace {
NetworkActivityWindow::Target targetOf(ManagedSandbox *s)
{
    NetworkActivityWindow::Target t;
    t.name = s->displayName();
    if (s->project()) {
        t.root = s->root();
        t.stateDir = s->project()->stateDir();
    }
    QPointer<ManagedSandbox> guard(s);
    t.running = [guard] {
        return guard && guard->state() == ManagedSandbox::State::Running;
    };
    return t;
}
} // namespace

NetworkActivityWindow *TrayController::openNetworkActivity(ManagedSandbox *s, const QString &host)
{
    if (!s->project())
        return nullptr;
    NetworkActivityWindow *w = m_activity.value(s->root());
    if (!w) {
        w = new NetworkActivityWindow(targetOf(s));
        m_activity.insert(s->root(), w);
    }
    if (!host.isEmpty())
        w->selectHost(host);
    w->show();
    w->raise();
    w->activateWindow();
    return w;
}

void TrayController::updateNetworkWatch(ManagedSandbox *s)
{
    auto it = m_network.find(s);
    if (it == m_network.end())
        return;
    NetworkWatch &watch = *it;
    watch.notifier->setProjectName(s->displayName());
    const bool running = s->state() == ManagedSandbox::State::Running && s->project();
    if (running && !watch.follower) {
        // A new run: every host is new again.
        watch.notifier->reset();
        watch.follower =
            new DecisionLogFollower(policyfiles::logDir(s->project()->stateDir()), this);
        connect(watch.follower, &DecisionLogFollower::decided, watch.notifier,
                &BlockedHostNotifier::addDecision);
        watch.follower->start();
        qCDebug(lcTray) << "following the decision log of" << s->root();
    } else if (!running && watch.follower) {
        watch.follower->stop();
        watch.follower->deleteLater();
        watch.follower = nullptr;
        // A learning run offers what it collected.
        watch.notifier->finishRun();
        if (ProjectMenu *pm = m_projectMenus.value(s))
            pm->setLearning(false);
    }
}

void TrayController::toggleLearning(ManagedSandbox *s)
{
    const NetworkWatch watch = m_network.value(s);
    ProjectMenu *pm = m_projectMenus.value(s);
    if (!watch.notifier)
        return;
    if (!watch.follower) {
        // Only during a run.
        if (pm)
            pm->setLearning(false);
        return;
    }
    watch.notifier->setLearning(!watch.notifier->isLearning());
    if (pm)
        pm->setLearning(watch.notifier->isLearning());
}

void TrayController::showBlocked(ManagedSandbox *s, const QString &title, const QString &text,
                                 const QString &host)
{
    // Switched off in the preferences: not even kept in the list of notifications.
    if (!m_settingsStore->blockedHostNotificationsEnabled())
        return;
    m_notifications << Notification{title, text, false};
    if (m_notifications.size() > 50)
        m_notifications.removeFirst();
    qCInfo(lcTray) << "notify:" << title;
    if (!m_settingsStore->notificationsEnabled())
        return;
    m_lastBlocked = s;
    m_lastBlockedHost = host;
    if (m_desktop->isAvailable() && s->project()) {
        // The desktop's server: Allow and Show buttons, one notification per project.
        m_desktop->showBlocked(s->root(), title,
                               tr("%1 may not reach %2. Allow adds %2 to its network policy; "
                                  "Show opens its network activity.")
                                   .arg(s->displayName(), host),
                               host);
    } else if (m_inTray) {
        m_tray->showMessage(title, text, QSystemTrayIcon::Warning, 10000);
    } else {
        m_window->showMessage(title);
    }
}

void TrayController::allowFromNotification(const QString &root, const QString &host)
{
    ManagedSandbox *s = nullptr;
    for (ManagedSandbox *candidate : m_fleet->sandboxes()) {
        if (candidate->root() == root)
            s = candidate;
    }
    if (!s || !s->project())
        return;
    const QString name = s->displayName();
    const hostpolicy::Outcome out = hostpolicy::apply(root, {host}, hostpolicy::Change::AllowHost);
    QString title;
    QString text;
    if (out.ok) {
        const bool live = s->state() == ManagedSandbox::State::Running && out.live;
        title = tr("Network policy of %1 changed").arg(name);
        text = live ? tr("Allowed %1: applied to the running sandbox.").arg(host)
                    : tr("Allowed %1: applies at the next start.").arg(host);
    } else {
        title = tr("Could not allow %1 for %2").arg(host, name);
        text = out.error;
    }
    if (!m_desktop->isAvailable()) {
        notify(title, text, !out.ok);
        return;
    }
    // The confirmation replaces the blocked-host notification.
    m_notifications << Notification{title, text, !out.ok};
    if (m_notifications.size() > 50)
        m_notifications.removeFirst();
    qCInfo(lcTray) << "notify:" << title << "-" << text;
    m_desktop->showPlain(root, title, text, !out.ok);
}

void TrayController::offerLearnedHosts(ManagedSandbox *s, const QStringList &hosts)
{
    if (!s->project() || hosts.isEmpty())
        return;
    if (auto old = m_learned.take(s->root()))
        old->close();
    auto *dlg = new LearnedHostsDialog(targetOf(s), hosts);
    m_learned.insert(s->root(), dlg);
    const QString name = s->displayName();
    connect(dlg, &LearnedHostsDialog::applied, this, [this, name](const QString &text) {
        notify(tr("Network policy of %1 changed").arg(name), text);
    });
    dlg->show();
    dlg->raise();
    dlg->activateWindow();
}

QMessageBox *TrayController::question(const QString &title, const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Question, title, text);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowIcon(StatusIcons::appIcon());
    m_question = box;
    return box;
}

void TrayController::onSettingsSaved(ManagedSandbox *s, const ConfigImpact &impact)
{
    // Says what each change needs: applied live, a restart, a rebuild (ConfigImpact).
    notify(tr("Settings of %1 saved").arg(s->displayName()),
           impact.describe().join(QLatin1Char('\n')));
    const bool running = s->state() == ManagedSandbox::State::Running;
    if (!impact.needsRebuild && !(running && (impact.needsRestart || impact.newSandboxId)))
        return;
    QString text;
    if (impact.needsRebuild)
        text = running
                   ? tr("The change (%1) is built into the image: rebuild it and restart %2 "
                        "now?")
                   : tr("The change (%1) is built into the image: rebuild the image of %2 now?");
    else
        text = tr("The change (%1) takes effect when %2 restarts. Restart it now?");
    QStringList needing = impact.changedKeys; // the keys applied live need nothing
    for (const QString &live : impact.liveKeys)
        needing.removeAll(live);
    QMessageBox *box = question(tr("Apply the new settings"),
                                text.arg(needing.join(QStringLiteral(", ")), s->displayName()));
    QPushButton *now =
        box->addButton(impact.needsRebuild ? (running ? tr("Rebuild and restart") : tr("Rebuild"))
                                           : tr("Restart now"),
                       QMessageBox::AcceptRole);
    box->addButton(tr("Later"), QMessageBox::RejectRole);
    box->setDefaultButton(now);
    QPointer<ManagedSandbox> guard(s);
    connect(box, &QMessageBox::buttonClicked, this, [this, now, guard, impact](QAbstractButton *b) {
        if (b != now || !guard)
            return;
        if (impact.needsRebuild)
            guard->rebuild(true);
        else
            startSandbox(guard, true);
    });
    box->show();
}

void TrayController::removeProject(ManagedSandbox *s)
{
    const QString root = s->root();
    if (!s->canStop()) {
        m_registry->remove(root);
        return;
    }
    QMessageBox *box = question(tr("Remove %1 from the list").arg(s->displayName()),
                                tr("%1 is running. Stop it too? Its files stay as they are either "
                                   "way.")
                                    .arg(s->displayName()));
    QPushButton *stop = box->addButton(tr("Stop and remove"), QMessageBox::DestructiveRole);
    QPushButton *keep = box->addButton(tr("Remove, keep it running"), QMessageBox::AcceptRole);
    box->addButton(QMessageBox::Cancel)->setText(tr("Cancel"));
    QPointer<ManagedSandbox> guard(s);
    connect(box, &QMessageBox::buttonClicked, this,
            [this, stop, keep, guard, root](QAbstractButton *b) {
                if (b == stop && guard)
                    guard->stop();
                if (b == stop || b == keep)
                    m_registry->remove(root);
            });
    box->show();
}

// --- global actions ------------------------------------------------------------------------------

void TrayController::chooseProjectFolder()
{
    auto *dlg = new QFileDialog(nullptr, tr("Choose the project folder"), QDir::homePath());
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->setFileMode(QFileDialog::Directory);
    dlg->setOption(QFileDialog::ShowDirsOnly);
    connect(dlg, &QFileDialog::fileSelected, this, &TrayController::addProject);
    dlg->show();
}

void TrayController::addProject(const QString &path)
{
    const QString root = ProjectRegistry::canonicalFolder(path);
    if (root.isEmpty()) {
        notify(tr("Cannot add the project"), tr("%1 is not a folder.").arg(path), true);
        return;
    }
    if (m_registry->contains(root)) {
        notify(tr("Already in the list"), root);
        return;
    }
    if (QFileInfo::exists(QDir(root).filePath(ConfigFile::FileName))) {
        m_registry->add(root);
        notify(tr("Project added"), root);
        return;
    }
    auto *dlg = new InitProjectDialog(root);
    connect(dlg, &InitProjectDialog::created, this, [this](const QString &created, bool build) {
        m_registry->add(created);
        notify(tr("Project set up"), created);
        if (build) {
            if (ManagedSandbox *s = m_fleet->sandbox(created))
                s->rebuild(false);
        }
    });
    dlg->show();
    dlg->raise();
    dlg->activateWindow();
}

void TrayController::handleArguments(const QStringList &arguments)
{
    bool acted = false;
    for (int i = 0; i < arguments.size(); ++i) {
        const QString a = arguments.at(i);
        if (a == QLatin1String("--add") && i + 1 < arguments.size()) {
            addProject(arguments.at(++i));
            acted = true;
        } else if (a.startsWith(QLatin1String("--add="))) {
            addProject(a.mid(6));
            acted = true;
        }
    }
    if (acted)
        return;
    // A plain second launch: show where the app is.
    if (m_inTray) {
        notify(tr("OpenCode Sandbox is running"), tr("Find it in the system tray."));
    } else {
        m_window->show();
        m_window->raise();
        m_window->activateWindow();
    }
}

void TrayController::showPreferences()
{
    if (m_preferences) {
        m_preferences->raise();
        m_preferences->activateWindow();
        return;
    }
    auto *dlg = new PreferencesDialog(m_settingsStore, m_fleet);
    m_preferences = dlg;
    dlg->show();
}

void TrayController::chooseDiagnosticsFile()
{
    const QString suggested =
        QDir::homePath() +
        QStringLiteral("/opencode-sandbox-diagnostics-%1.txt")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    if (m_options.chooseDiagnosticsFile) {
        const QString path = m_options.chooseDiagnosticsFile(suggested);
        if (!path.isEmpty())
            saveDiagnostics(path);
        return;
    }
    auto *dlg = new QFileDialog(nullptr, tr("Save diagnostics"), suggested);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->setAcceptMode(QFileDialog::AcceptSave);
    dlg->setFileMode(QFileDialog::AnyFile);
    dlg->selectFile(suggested);
    connect(dlg, &QFileDialog::fileSelected, this,
            [this](const QString &path) { saveDiagnostics(path); });
    dlg->show();
}

void TrayController::saveDiagnostics(const QString &path, std::function<void(bool)> done)
{
    Diagnostics::Input input = Diagnostics::fromFleet(*m_fleet);
    input.appName = QStringLiteral("OpenCode Sandbox");
    input.appVersion = QStringLiteral(OCS_VERSION);
    auto *collector = new Diagnostics(this);
    collector->collect(input, [this, collector, path, done](const QString &report) {
        collector->deleteLater();
        QString error;
        const bool ok = Diagnostics::write(path, report, &error);
        if (ok)
            notify(tr("Diagnostics saved"), path);
        else
            notify(tr("Cannot save the diagnostics"), tr("%1: %2").arg(path, error), true);
        if (done)
            done(ok);
    });
}

void TrayController::showAbout()
{
    auto *box = new QMessageBox(QMessageBox::NoIcon, tr("About OpenCode Sandbox"),
                                tr("<h3>OpenCode Sandbox %1</h3>"
                                   "<p>Runs the OpenCode agent in one isolated container per "
                                   "project, with a network whitelist, and keeps it one click "
                                   "away.</p><p>Also on the command line: <code>ocs</code>.</p>")
                                    .arg(QStringLiteral(OCS_VERSION)));
    box->setIconPixmap(StatusIcons::appIcon().pixmap(64, 64));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowIcon(StatusIcons::appIcon());
    box->show();
}

void TrayController::requestQuit()
{
    if (m_quitting)
        return;
    int active = 0;
    for (const ManagedSandbox *s : m_fleet->sandboxes())
        active += s->canStop() ? 1 : 0;
    if (active == 0 || !m_settingsStore->askBeforeQuit()) {
        m_quitting = true;
        Q_EMIT quitRequested();
        return;
    }
    QMessageBox *box = question(
        tr("Quit OpenCode Sandbox"),
        tr("%n sandbox(es) running. They keep running after you quit, and the app picks them up "
           "again when it starts. Stop them now?",
           nullptr, active));
    QPushButton *keep = box->addButton(tr("Quit, keep them running"), QMessageBox::AcceptRole);
    QPushButton *stop = box->addButton(tr("Stop them and quit"), QMessageBox::DestructiveRole);
    box->addButton(QMessageBox::Cancel)->setText(tr("Cancel"));
    box->setDefaultButton(keep);
    connect(box, &QMessageBox::buttonClicked, this, [this, keep, stop](QAbstractButton *b) {
        if (b == keep) {
            m_quitting = true;
            Q_EMIT quitRequested();
        } else if (b == stop) {
            m_quitting = true;
            notify(tr("Stopping the sandboxes"), tr("The app quits when they are stopped."));
            m_fleet->stopAll([this] { Q_EMIT quitRequested(); });
            // Do not hang on an engine that does not answer.
            QTimer::singleShot(std::chrono::seconds(90), this, [this] { Q_EMIT quitRequested(); });
        }
    });
    box->show();
    box->raise();
}

} // namespace ocs::tray
