#pragma once

#include <QHash>
#include <QMainWindow>

class QAction;
class QCloseEvent;
class QLabel;
class QPushButton;
class QToolButton;
class QVBoxLayout;

namespace ocs::tray {

class ProjectMenu;

// Shown instead of the tray icon when the desktop has no system tray: the same project
// menus and the same actions (the very QAction objects of the tray menu), as buttons.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    void addProject(ProjectMenu *menu);
    void removeProject(ProjectMenu *menu);
    // The buttons along the bottom; each shows one action (text, state, tooltip follow it).
    void setActions(const QList<QAction *> &actions);
    void setStatus(const QString &headline, const QString &problem);
    void showMessage(const QString &text);

    // Tests: the button of a project, and of an action.
    QToolButton *projectButton(ProjectMenu *menu) const { return m_projectButtons.value(menu); }
    QToolButton *actionButton(QAction *action) const { return m_actionButtons.value(action); }
    QString headline() const;
    QString problem() const;

Q_SIGNALS:
    void closeRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QLabel *m_headline;
    QLabel *m_problem;
    QLabel *m_empty;
    QVBoxLayout *m_projects;
    QVBoxLayout *m_actionsLayout;
    QHash<ProjectMenu *, QToolButton *> m_projectButtons;
    QHash<QAction *, QToolButton *> m_actionButtons;
};

} // namespace ocs::tray
