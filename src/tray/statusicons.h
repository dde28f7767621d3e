#pragma once

#include "app/managedsandbox.h"
#include "app/sandboxfleet.h"

#include <QIcon>

namespace ocs::tray {

// The app's icons: the theme's when it has them (so a theme can restyle the tray), else
// the SVGs compiled into the app (icons/*.svg, crisp at any scale).
class StatusIcons
{
public:
    static QIcon appIcon();
    static QIcon trayIcon(SandboxFleet::Summary summary);
    // The coloured dot in front of a project in the menu.
    static QIcon marker(ManagedSandbox::State state, bool engineReady = true);

    // Theme name and built-in file of each tray icon (for tests and packagers).
    static QString themeName(SandboxFleet::Summary summary);
    static QString resourcePath(SandboxFleet::Summary summary);
};

// Makes the compiled-in resources (icons, translations) available; call once from main()
// and from tests (the tray library is static).
void initResources();

} // namespace ocs::tray
