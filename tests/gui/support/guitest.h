#pragma once

// Shared set-up of the widget tests: a private environment (state, settings and runtime
// folders in a temporary directory, the keychain off, the fake engine), projects made from
// YAML text, and the app's objects wired like main() does.

#include "app/appsettings.h"
#include "app/managedsandbox.h"
#include "app/projectregistry.h"
#include "app/sandboxfleet.h"
#include "apptestenvironment.h"
#include "fakeengine.h"
#include "translations.h"
#include "traycontroller.h"

#include <memory>

namespace ocs::test {

// The app test environment plus the tray's resources.
class GuiTestEnvironment : public AppTestEnvironment
{
public:
    GuiTestEnvironment();
};

// The app's objects, wired as main() wires them (no tray: the offscreen platform has none).
struct TestApp
{
    explicit TestApp(GuiTestEnvironment &env, tray::TrayOptions options = noTray());
    ~TestApp();

    static tray::TrayOptions noTray();
    // Starts the fleet and waits until the engine answered and the first listing is done.
    bool startAndSettle(int timeoutMs = 5000);
    // Applies coalesced updates now (tray icon, tooltip, menus).
    void flush();

    // English, as main() installs it on an English system (plural forms come from it).
    tray::Translations translations;
    std::unique_ptr<AppSettings> settings;
    std::unique_ptr<ProjectRegistry> registry;
    std::unique_ptr<SandboxFleet> fleet;
    std::unique_ptr<tray::TrayController> tray;
    bool adopted = false;
};

// The text of the menu's visible actions, for readable failure messages.
QStringList visibleTexts(const class QMenu *menu);

} // namespace ocs::test
