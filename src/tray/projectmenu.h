#pragma once

#include "engine/sandboxusage.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QAction;
class QMenu;

namespace ocs {
class ManagedSandbox;
class SandboxFleet;
} // namespace ocs

namespace ocs::tray {

// What the user can ask of one project.
enum class ProjectAction {
    Start,
    Stop,
    Restart,
    OpenWebUi,
    OpenTerminal,
    ShowLogs,
    ShowErrorDetails,
    NetworkActivity,
    LearningMode, // checkable: collect blocked hosts quietly during this run
    Rebuild,
    Verify,
    Settings,
    ApproveHook,
    OpenFolder,
    Remove,
    PublishPort, // asks for a port and adds it to published-ports
};

// The submenu of one project: its state (coloured marker, state, port, progress) and its
// actions. The QAction objects live as long as the project is listed; update() changes
// their texts and enabled states in place, so an open menu follows along. The same menu
// serves the tray and the fallback window.
class ProjectMenu : public QObject
{
    Q_OBJECT
public:
    ProjectMenu(ManagedSandbox *sandbox, const SandboxFleet *fleet, QObject *parent = nullptr);
    ~ProjectMenu() override;

    ManagedSandbox *sandbox() const { return m_sandbox; }
    QMenu *menu() const { return m_menu; }
    QAction *action(ProjectAction which) const;
    // The status lines at the top (disabled items).
    QAction *stateAction() const { return m_state; }
    QAction *progressAction() const { return m_progress; }
    QAction *problemAction() const { return m_problem; }
    // The resources line of a running sandbox ("memory 312 MiB of 8 GiB, …").
    QAction *usageAction() const { return m_usage; }
    // "Published ports" and one "Open in browser" entry per published port, in order.
    QAction *publishedHeaderAction() const { return m_publishedHeader; }
    QList<QAction *> publishedPortActions() const { return m_portActions; }

    // Re-reads everything from the sandbox (also after a language change). Changes of the
    // sandbox arrive many times a second during a build: they are coalesced.
    void update();
    void scheduleUpdate();
    // A verification (`ocs verify`'s probes) of this sandbox runs.
    void setVerifying(bool verifying);
    bool isVerifying() const { return m_verifying; }
    // Learning mode of this run is on (the check mark of LearningMode).
    void setLearning(bool learning);

Q_SIGNALS:
    void triggered(ocs::tray::ProjectAction action, ocs::ManagedSandbox *sandbox);
    // An "Open in browser" entry of a published port: http://127.0.0.1:PORT/.
    void openUrlRequested(const QUrl &url);

private:
    QAction *add(ProjectAction which);
    void updatePublishedPorts(const QList<PublishedPort> &ports);

    QPointer<ManagedSandbox> m_sandbox;
    const SandboxFleet *m_fleet;
    QMenu *m_menu;
    QAction *m_state = nullptr;
    QAction *m_progress = nullptr;
    QAction *m_problem = nullptr;
    QAction *m_usage = nullptr;
    QAction *m_publishedHeader = nullptr;
    QList<QAction *> m_portActions;
    QList<PublishedPort> m_shownPorts;
    QHash<int, QAction *> m_actions;
    QTimer m_updateTimer;
    int m_iconKey = -1; // state + engine of the icons set last
    bool m_verifying = false;
};

} // namespace ocs::tray
