#include "projectmenu.h"

#include "app/managedsandbox.h"
#include "app/sandboxfleet.h"
#include "statusicons.h"
#include "statussummary.h"

#include <QAction>
#include <QMenu>

namespace ocs::tray {

using State = ManagedSandbox::State;

ProjectMenu::ProjectMenu(ManagedSandbox *sandbox, const SandboxFleet *fleet, QObject *parent)
    : QObject(parent)
    , m_sandbox(sandbox)
    , m_fleet(fleet)
    , m_menu(new QMenu)
{
    m_menu->setToolTipsVisible(true);
    m_menu->setSeparatorsCollapsible(true);
    m_state = m_menu->addAction(QString());
    m_state->setEnabled(false);
    m_progress = m_menu->addAction(QString());
    m_progress->setEnabled(false);
    m_problem = m_menu->addAction(QString());
    m_problem->setEnabled(false);
    m_menu->addSeparator();
    add(ProjectAction::Start);
    add(ProjectAction::Stop);
    add(ProjectAction::Restart);
    m_menu->addSeparator();
    add(ProjectAction::OpenWebUi);
    add(ProjectAction::OpenTerminal);
    add(ProjectAction::ShowLogs);
    add(ProjectAction::ShowErrorDetails);
    m_menu->addSeparator();
    // A running sandbox's resources and published ports: read when the menu opens.
    m_usage = m_menu->addAction(QString());
    m_usage->setEnabled(false);
    m_publishedHeader = m_menu->addAction(QString());
    m_publishedHeader->setEnabled(false);
    add(ProjectAction::PublishPort);
    m_menu->addSeparator();
    add(ProjectAction::NetworkActivity);
    add(ProjectAction::LearningMode)->setCheckable(true);
    m_menu->addSeparator();
    add(ProjectAction::Rebuild);
    add(ProjectAction::Verify);
    add(ProjectAction::ApproveHook);
    add(ProjectAction::Settings);
    add(ProjectAction::OpenFolder);
    m_menu->addSeparator();
    add(ProjectAction::Remove);

    m_updateTimer.setSingleShot(true);
    m_updateTimer.setInterval(100);
    connect(&m_updateTimer, &QTimer::timeout, this, &ProjectMenu::update);
    connect(sandbox, &ManagedSandbox::changed, this, &ProjectMenu::scheduleUpdate);
    connect(m_menu, &QMenu::aboutToShow, this, [this] {
        if (m_sandbox)
            m_sandbox->refreshUsage();
    });
    update();
}

ProjectMenu::~ProjectMenu()
{
    // The menu has no QObject parent (menus are top-level widgets); a menu that is open
    // right now is closed first.
    m_menu->hide();
    m_menu->deleteLater();
}

QAction *ProjectMenu::add(ProjectAction which)
{
    auto *a = m_menu->addAction(QString());
    a->setData(int(which));
    m_actions.insert(int(which), a);
    connect(a, &QAction::triggered, this, [this, which] {
        if (m_sandbox)
            Q_EMIT triggered(which, m_sandbox);
    });
    return a;
}

QAction *ProjectMenu::action(ProjectAction which) const
{
    return m_actions.value(int(which));
}

void ProjectMenu::scheduleUpdate()
{
    if (!m_updateTimer.isActive())
        m_updateTimer.start();
}

void ProjectMenu::setVerifying(bool verifying)
{
    m_verifying = verifying;
    update();
}

void ProjectMenu::setLearning(bool learning)
{
    action(ProjectAction::LearningMode)->setChecked(learning);
}

void ProjectMenu::updatePublishedPorts(const QList<PublishedPort> &ports)
{
    if (ports == m_shownPorts)
        return;
    m_shownPorts = ports;
    qDeleteAll(m_portActions);
    m_portActions.clear();
    QAction *before = action(ProjectAction::PublishPort);
    for (const PublishedPort &p : ports) {
        auto *a = new QAction(tr("%1: Open in browser").arg(p.text()), m_menu);
        const QUrl url(p.url());
        a->setToolTip(url.toString());
        connect(a, &QAction::triggered, this, [this, url] { Q_EMIT openUrlRequested(url); });
        m_menu->insertAction(before, a);
        m_portActions << a;
    }
}

void ProjectMenu::update()
{
    m_updateTimer.stop();
    if (!m_sandbox)
        return;
    const ManagedSandbox &s = *m_sandbox;
    const bool engine = s.engineReady();

    m_menu->setTitle(StatusSummary::menuTitle(s));
    const int iconKey = int(s.state()) * 2 + (engine ? 1 : 0);
    if (iconKey != m_iconKey) {
        m_iconKey = iconKey;
        const QIcon marker = StatusIcons::marker(s.state(), engine);
        m_menu->setIcon(marker); // also the icon of menuAction()
        m_state->setIcon(marker);
    }
    m_state->setText(StatusSummary::stateLine(s));
    const QString progress = StatusSummary::progressLine(s);
    m_progress->setText(progress);
    m_progress->setToolTip(s.progress().line);
    m_progress->setVisible(!progress.isEmpty());

    QString problem;
    if (!engine)
        problem = tr("Container engine not available");
    else if (!s.configError().isEmpty())
        problem = tr("The configuration has errors (see Settings…)");
    else if (s.configOutdated())
        problem = tr("Settings changed: restart to apply them");
    else if (s.hookStatus() == PreStartHook::Status::NotApproved)
        problem = tr("The pre-start hook changed and needs your approval");
    m_problem->setText(problem);
    m_problem->setToolTip(s.configError());
    m_problem->setVisible(!problem.isEmpty());

    const bool building = s.state() == State::Building;
    QAction *start = action(ProjectAction::Start);
    start->setText(tr("&Start"));
    start->setEnabled(s.canStart());
    start->setVisible(s.state() == State::Stopped || s.state() == State::Error);

    QAction *stop = action(ProjectAction::Stop);
    stop->setText(building && s.operation() == ManagedSandbox::Operation::Start
                      ? tr("St&op (cancel the build)")
                      : tr("St&op"));
    stop->setEnabled(s.canStop());
    stop->setVisible(!start->isVisible() || s.canStop());

    QAction *restart = action(ProjectAction::Restart);
    restart->setText(tr("&Restart"));
    restart->setEnabled(s.canRestart());

    QAction *web = action(ProjectAction::OpenWebUi);
    web->setText(tr("Open &web UI"));
    web->setEnabled(s.canOpenWebUi());
    web->setToolTip(s.canOpenWebUi() ? tr("Opens the web UI in your browser, already signed in")
                                     : tr("Start the sandbox first"));

    QAction *terminal = action(ProjectAction::OpenTerminal);
    terminal->setText(tr("Open &terminal"));
    terminal->setEnabled(s.state() == State::Running);
    terminal->setToolTip(tr("Runs `ocs terminal` in a terminal window"));

    QAction *logs = action(ProjectAction::ShowLogs);
    logs->setText(tr("Show &logs"));
    logs->setEnabled(engine && !s.containerState().isEmpty());
    logs->setToolTip(tr("The sandbox's output (OpenCode, proxy, firewall)"));

    QAction *details = action(ProjectAction::ShowErrorDetails);
    details->setText(tr("Show error &details…"));
    details->setVisible(!s.lastError().isEmpty());

    const bool running = s.state() == State::Running;
    m_usage->setText(running && s.usage().isKnown() ? tr("Resources: %1").arg(s.usage().line())
                                                    : QString());
    m_usage->setVisible(!m_usage->text().isEmpty());
    updatePublishedPorts(running ? s.publishedPorts() : QList<PublishedPort>());
    m_publishedHeader->setText(tr("Published ports (this computer's 127.0.0.1):"));
    m_publishedHeader->setVisible(!m_portActions.isEmpty());
    QAction *publish = action(ProjectAction::PublishPort);
    publish->setText(tr("Publish &port…"));
    publish->setEnabled(s.project().has_value());
    publish->setToolTip(tr("Opens a port of a server in the sandbox on this computer's "
                           "127.0.0.1 (published-ports); a restart applies it"));

    QAction *network = action(ProjectAction::NetworkActivity);
    network->setText(tr("&Network activity…"));
    network->setEnabled(s.project().has_value());
    network->setToolTip(tr("The hosts the sandbox's proxy allowed and denied; allow or deny "
                           "them from there"));

    QAction *learning = action(ProjectAction::LearningMode);
    learning->setText(tr("Learning mode (collect &blocked hosts)"));
    learning->setEnabled(s.state() == State::Running);
    learning->setToolTip(tr("While on, blocked hosts are collected without notifications; when "
                            "it ends you choose which of them to allow"));

    QAction *rebuild = action(ProjectAction::Rebuild);
    rebuild->setText(tr("Re&build image"));
    rebuild->setEnabled(s.canRebuild());
    rebuild->setToolTip(tr("Builds the sandbox image again (after changing mise.toml)"));

    QAction *verify = action(ProjectAction::Verify);
    verify->setText(m_verifying ? tr("Verifying…") : tr("&Verify sandbox"));
    verify->setEnabled(engine && s.state() == State::Running && !m_verifying);
    verify->setToolTip(tr("Checks the sandbox's isolation from inside, as the agent would "
                          "(firewall, DNS, proxy, privileges), like `ocs verify`"));

    QAction *hook = action(ProjectAction::ApproveHook);
    hook->setText(tr("Review the pre-start &hook…"));
    hook->setVisible(s.hookStatus() == PreStartHook::Status::NotApproved);

    action(ProjectAction::Settings)->setText(tr("S&ettings…"));
    action(ProjectAction::OpenFolder)->setText(tr("Open project &folder"));
    action(ProjectAction::Remove)->setText(tr("Re&move from list"));
    action(ProjectAction::Remove)
        ->setToolTip(
            tr("Forgets the project here; its files and a running sandbox stay as they are"));
}

} // namespace ocs::tray
