// tray_floor: the floor of figure 4 (issue 14): a minimal Qt tray app, a QSystemTrayIcon with
// a menu and nothing else, run the same way as opencode-sandbox, so that the ratio says what
// our tray costs above Qt itself (resident memory, CPU time and wake-ups at rest).
//
//   tray_floor [--menu-items N]
// With OCS_TRAY_MENU_TIMING set it logs "menu shown in N ms" like the app (figure 6's floor).

#include <QAction>
#include <QApplication>
#include <QCursor>
#include <QElapsedTimer>
#include <QEvent>
#include <QMenu>
#include <QPixmap>
#include <QSystemTrayIcon>
#include <QTimer>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {
// The time from aboutToShow to the end of the menu's first paint (as the app's hook).
class MenuTiming : public QObject
{
public:
    explicit MenuTiming(QMenu *menu)
        : m_menu(menu)
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
            QTimer::singleShot(0, this, [this] {
                std::fprintf(stderr, "menu shown in %.2f ms\n",
                             double(m_timer.nsecsElapsed()) / 1e6);
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

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setQuitOnLastWindowClosed(false);
    int items = 12;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--menu-items") == 0)
            items = std::atoi(argv[i + 1]);
    }
    QPixmap pixmap(22, 22);
    pixmap.fill(Qt::darkCyan);
    QMenu menu;
    for (int i = 0; i < items; ++i)
        menu.addAction(QStringLiteral("Item %1").arg(i + 1));
    menu.addSeparator();
    QObject::connect(menu.addAction(QStringLiteral("Quit")), &QAction::triggered, &app,
                     &QApplication::quit);
    QSystemTrayIcon tray{QIcon(pixmap)};
    tray.setToolTip(QStringLiteral("tray_floor"));
    tray.setContextMenu(&menu);
    QObject::connect(&tray, &QSystemTrayIcon::activated, &menu,
                     [&menu](QSystemTrayIcon::ActivationReason r) {
                         if (r == QSystemTrayIcon::Trigger && !menu.isVisible())
                             menu.popup(QCursor::pos());
                     });
    MenuTiming timing(&menu);
    if (!qEnvironmentVariableIsSet("OCS_TRAY_MENU_TIMING"))
        menu.removeEventFilter(&timing);
    tray.show();
    return app.exec();
}
