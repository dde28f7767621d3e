#include "statusfilewriter.h"

#include "app/managedsandbox.h"
#include "app/sandboxfleet.h"
#include "mainwindow.h"
#include "statussummary.h"
#include "traycontroller.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QEvent>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMetaEnum>
#include <QSaveFile>

namespace ocs::tray {

namespace {
QJsonObject rect(const QRect &r)
{
    return {{QStringLiteral("x"), r.x()},
            {QStringLiteral("y"), r.y()},
            {QStringLiteral("w"), r.width()},
            {QStringLiteral("h"), r.height()}};
}
} // namespace

StatusFileWriter::StatusFileWriter(const QString &path, TrayController *tray, QObject *parent)
    : QObject(parent)
    , m_path(path)
    , m_tray(tray)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(150);
    connect(&m_timer, &QTimer::timeout, this, &StatusFileWriter::writeNow);
    qApp->installEventFilter(this);
}

bool StatusFileWriter::eventFilter(QObject *watched, QEvent *event)
{
    if ((event->type() == QEvent::Show || event->type() == QEvent::Hide ||
         event->type() == QEvent::Move || event->type() == QEvent::Resize) &&
        watched->isWidgetType() && static_cast<QWidget *>(watched)->isWindow())
        write();
    return false;
}

void StatusFileWriter::write()
{
    if (!m_timer.isActive())
        m_timer.start();
}

void StatusFileWriter::writeNow()
{
    QJsonObject root;
    root.insert(QStringLiteral("inTray"), m_tray->isInTray());
    root.insert(QStringLiteral("trayVisible"), m_tray->trayIcon()->isVisible());
    root.insert(QStringLiteral("trayIcon"), rect(m_tray->trayIcon()->geometry()));
    root.insert(QStringLiteral("windowVisible"), m_tray->mainWindow()->isVisible());
    root.insert(QStringLiteral("toolTip"), m_tray->trayIcon()->toolTip());
    root.insert(QStringLiteral("headline"), m_tray->headerAction()->text());

    QJsonArray projects;
    const QMetaEnum states = QMetaEnum::fromType<ManagedSandbox::State>();
    for (ProjectMenu *pm : m_tray->projectMenus()) {
        const ManagedSandbox *s = pm->sandbox();
        if (!s)
            continue;
        projects.append(QJsonObject{
            {QStringLiteral("root"), s->root()},
            {QStringLiteral("id"), s->sandboxId()},
            {QStringLiteral("name"), s->displayName()},
            {QStringLiteral("state"), QString::fromLatin1(states.valueToKey(int(s->state())))},
            {QStringLiteral("port"), int(s->port())},
            {QStringLiteral("busy"), s->isBusy()},
            {QStringLiteral("stateLine"), StatusSummary::stateLine(*s)},
            {QStringLiteral("error"), s->lastError()}});
    }
    root.insert(QStringLiteral("projects"), projects);

    QJsonArray menus, windows;
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (!w->isVisible())
            continue;
        if (auto *menu = qobject_cast<QMenu *>(w)) {
            QJsonArray items;
            for (QAction *a : menu->actions()) {
                if (!a->isVisible() || a->isSeparator())
                    continue;
                const QRect g = menu->actionGeometry(a).translated(menu->mapToGlobal(QPoint(0, 0)));
                QJsonObject item = rect(g);
                item.insert(QStringLiteral("text"), a->text());
                item.insert(QStringLiteral("enabled"), a->isEnabled());
                item.insert(QStringLiteral("submenu"), a->menu() != nullptr);
                items.append(item);
            }
            QJsonObject m = rect(menu->geometry());
            m.insert(QStringLiteral("title"), menu->title());
            m.insert(QStringLiteral("items"), items);
            menus.append(m);
        } else {
            QJsonObject win = rect(w->frameGeometry());
            win.insert(QStringLiteral("title"), w->windowTitle());
            win.insert(QStringLiteral("class"), QString::fromLatin1(w->metaObject()->className()));
            win.insert(QStringLiteral("active"), w->isActiveWindow());
            windows.append(win);
        }
    }
    root.insert(QStringLiteral("menus"), menus);
    root.insert(QStringLiteral("windows"), windows);

    QJsonArray notes;
    for (const auto &n : m_tray->notifications())
        notes.append(n.title);
    root.insert(QStringLiteral("notifications"), notes);

    QSaveFile f(m_path);
    if (f.open(QIODevice::WriteOnly)) {
        f.write(QJsonDocument(root).toJson());
        f.commit();
    }
}

} // namespace ocs::tray
