#include "mainwindow.h"

#include "projectmenu.h"
#include "statusicons.h"

#include <QAction>
#include <QCloseEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QScrollArea>
#include <QStatusBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace ocs::tray {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_headline(new QLabel)
    , m_problem(new QLabel)
    , m_empty(new QLabel)
{
    setWindowTitle(tr("OpenCode Sandbox"));
    setWindowIcon(StatusIcons::appIcon());
    resize(520, 360);

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    QFont big = m_headline->font();
    big.setBold(true);
    m_headline->setFont(big);
    m_headline->setWordWrap(true);
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_problem->setVisible(false);
    layout->addWidget(m_headline);
    layout->addWidget(m_problem);

    auto *projectsBox = new QWidget;
    m_projects = new QVBoxLayout(projectsBox);
    m_projects->setContentsMargins(0, 0, 0, 0);
    m_empty->setText(tr("No projects yet: add one below."));
    m_projects->addWidget(m_empty);
    m_projects->addStretch();
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setWidget(projectsBox);
    scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(scroll, 1);

    m_actionsLayout = new QVBoxLayout;
    layout->addLayout(m_actionsLayout);
    setCentralWidget(central);
    statusBar();
}

void MainWindow::addProject(ProjectMenu *menu)
{
    if (m_projectButtons.contains(menu))
        return;
    auto *button = new QToolButton;
    // The menu's own action: its text and icon (the coloured marker) follow the project.
    button->setDefaultAction(menu->menu()->menuAction());
    button->setPopupMode(QToolButton::InstantPopup);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_projects->insertWidget(m_projects->count() - 1, button);
    m_projectButtons.insert(menu, button);
    m_empty->setVisible(false);
}

void MainWindow::removeProject(ProjectMenu *menu)
{
    QToolButton *button = m_projectButtons.take(menu);
    if (button) {
        button->hide();
        button->deleteLater();
    }
    m_empty->setVisible(m_projectButtons.isEmpty());
}

void MainWindow::setActions(const QList<QAction *> &actions)
{
    auto *row = new QHBoxLayout;
    for (QAction *a : actions) {
        if (!a) {
            // nullptr: start a new row
            row->addStretch();
            m_actionsLayout->addLayout(row);
            row = new QHBoxLayout;
            continue;
        }
        auto *b = new QToolButton;
        b->setDefaultAction(a);
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        // A button follows its action's text and state by itself, but not its visibility.
        b->setVisible(a->isVisible());
        connect(a, &QAction::changed, b, [a, b] { b->setVisible(a->isVisible()); });
        row->addWidget(b);
        m_actionButtons.insert(a, b);
    }
    row->addStretch();
    m_actionsLayout->addLayout(row);
}

void MainWindow::setStatus(const QString &headline, const QString &problem)
{
    m_headline->setText(headline);
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
}

QString MainWindow::headline() const
{
    return m_headline->text();
}

QString MainWindow::problem() const
{
    return m_problem->text();
}

void MainWindow::showMessage(const QString &text)
{
    statusBar()->showMessage(text, 15000);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Without a tray this window is the app: closing it means quitting (which may ask).
    event->ignore();
    Q_EMIT closeRequested();
}

} // namespace ocs::tray
