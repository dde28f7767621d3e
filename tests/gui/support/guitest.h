#pragma once

// Shared set-up of the widget tests: a private environment (state, settings and runtime
// folders in a temporary directory, the keychain off, the fake engine), projects made from
// YAML text, and the app's objects wired like main() does.

#include "app/appsettings.h"
#include "app/managedsandbox.h"
#include "app/projectregistry.h"
#include "app/sandboxfleet.h"
#include "fakeengine.h"
#include "translations.h"
#include "traycontroller.h"

#include <QTemporaryDir>

#include <memory>

namespace ocs::test {

class GuiTestEnvironment
{
public:
    GuiTestEnvironment();
    ~GuiTestEnvironment();

    QString path(const QString &relative) const { return m_dir.filePath(relative); }
    QString settingsFile() const { return path(QStringLiteral("config/opencode-sandbox.conf")); }

    // A folder with opencode-sandbox-config.yaml holding `yaml` (default: a minimal one named
    // after the folder). Returns the canonical root. Unless `startedBefore` is false, its
    // state records a start of this very config, so that a start asks nothing (the first
    // start review and the change review have tests of their own).
    QString makeProject(const QString &name, const QByteArray &yaml = {},
                        bool startedBefore = true);

private:
    QTemporaryDir m_dir;
    QList<std::pair<QByteArray, std::optional<QByteArray>>> m_saved;
    void set(const char *name, const QString &value);
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
