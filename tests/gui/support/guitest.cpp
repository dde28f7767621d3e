#include "guitest.h"

#include "projectmenu.h"
#include "statusicons.h"

#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>

namespace ocs::test {

GuiTestEnvironment::GuiTestEnvironment()
{
    tray::initResources();
}

TestApp::TestApp(GuiTestEnvironment &env, tray::TrayOptions options)
    : settings(std::make_unique<AppSettings>(env.settingsFile()))
    , registry(std::make_unique<ProjectRegistry>(env.settingsFile()))
    , fleet(std::make_unique<SandboxFleet>(registry.get()))
{
    translations.apply(AppSettings::Language::English);
    fleet->setRetryDelays(std::chrono::milliseconds(50), std::chrono::milliseconds(400));
    fleet->setHealthCheckInterval(std::chrono::milliseconds(100));
    options.openDetailsOnFailure = false;
    tray = std::make_unique<tray::TrayController>(settings.get(), registry.get(), fleet.get(),
                                                  std::move(options));
    QObject::connect(fleet.get(), &SandboxFleet::adopted, [this] { adopted = true; });
}

TestApp::~TestApp()
{
    tray.reset();
    fleet.reset();
    registry.reset();
    settings.reset();
}

tray::TrayOptions TestApp::noTray()
{
    tray::TrayOptions o;
    o.trayAvailable = [] {
        return false;
    };
    return o;
}

bool TestApp::startAndSettle(int timeoutMs)
{
    fleet->start();
    tray->showUi();
    const bool ok = QTest::qWaitFor([this] { return adopted; }, timeoutMs);
    flush();
    return ok;
}

void TestApp::flush()
{
    tray->refresh();
    for (tray::ProjectMenu *pm : tray->projectMenus())
        pm->update();
}

QStringList visibleTexts(const QMenu *menu)
{
    QStringList out;
    for (const QAction *a : menu->actions()) {
        if (a->isVisible() && !a->isSeparator())
            out << (a->isEnabled() ? QString() : QStringLiteral("(disabled) ")) + a->text();
    }
    return out;
}

} // namespace ocs::test
