#include "app/environment.h"

#include <QtGlobal>

namespace ocs::environment {

const QList<Entry> &table()
{
    using V = Variable;
    static const QList<Entry> entries = {
        {V::Engine, "OCS_ENGINE",
         "Container engine: `docker`, `podman` or the path of either; wins over `--engine` "
         "and the tray's preference",
         "the preference, else the first engine that answers (Docker, then Podman)", false},
        {V::StateRoot, "OCS_STATE_ROOT", "Folder of the per-project state (passwords, agent data)",
         "`~/.opencode-sandbox`", false},
        {V::DataDir, "OCS_DATA_DIR",
         "Folder that holds `docker/` (the image's build context); the AppImage sets it",
         "the install's data folder, else the source tree's `docker/`", false},
        {V::ConfigDir, "OCS_CONFIG_DIR", "Folder of the app settings `opencode-sandbox.conf`",
         "the platform's config folder (`~/.config/opencode-sandbox`)", false},
        {V::LogDir, "OCS_LOG_DIR",
         "Folder of the app log `opencode-sandbox.log` (and its rotated copies)",
         "`$XDG_STATE_HOME/opencode-sandbox`, else `~/.local/state/opencode-sandbox`", false},
        {V::Keychain, "OCS_KEYCHAIN",
         "`0` or `off`: never use the system keychain; passwords go to a 0600 file in the state "
         "folder",
         "the keychain when a D-Bus session bus exists", false},
        {V::Browser, "OCS_BROWSER", "Program that opens the sign-in page (`ocs web`, the tray)",
         "`xdg-open` (`open` on macOS)", false},
        {V::BaseImage, "OCS_BASE_IMAGE",
         "Base image (Debian/Ubuntu) of sandbox images; `ocs rebuild --base-image` wins",
         "the Dockerfile's default", false},
        {V::NpmRegistry, "OCS_NPM_REGISTRY", "npm registry used while building the image",
         "`npm config get registry`, else npm's default", false},
        {V::ExtraCaCerts, "OCS_EXTRA_CA_CERTS",
         "Extra CA certificates (`:`-separated files) for every project's image", "none", false},
        {V::ExtraHosts, "OCS_EXTRA_HOSTS",
         "Extra host names for every sandbox: `NAME=ADDRESS`, `,`-separated", "none", false},
        {V::StartTimeout, "OCS_START_TIMEOUT", "Seconds a start waits for OpenCode to answer",
         "180", false},
        {V::VerifyTimeout, "OCS_VERIFY_TIMEOUT", "Seconds `ocs verify` may take", "120", false},
        {V::Debug, "OCS_DEBUG", "Any value: debug messages of every `ocs.*` category", "off",
         false},
        {V::TrayStatusFile, "OCS_TRAY_STATUS_FILE",
         "The tray writes what it shows into this JSON file (widget and package tests)", "off",
         true},
        {V::TrayMenuTiming, "OCS_TRAY_MENU_TIMING",
         "Any value: the tray logs how long its menu took to show (benchmarks)", "off", true},
        {V::WebViewPlugin, "OCS_WEBVIEW_PLUGIN",
         "The embedded web view plugin's file (tests of a build tree)",
         "next to the executable, then the install's library folder", true},
        {V::TestAllowRoot, "OCS_TEST_ALLOW_ROOT",
         "`1`: root may start sandboxes (unit tests with a fake engine, which CI runs as "
         "root); real sandboxes then fail as described under \"Running as root\"",
         "root is refused", true},
    };
    return entries;
}

const char *name(Variable variable)
{
    for (const Entry &e : table()) {
        if (e.variable == variable)
            return e.name;
    }
    Q_UNREACHABLE();
    return "";
}

QString value(Variable variable)
{
    return qEnvironmentVariable(name(variable));
}

bool isSet(Variable variable)
{
    return !qEnvironmentVariableIsEmpty(name(variable));
}

int intValue(Variable variable, bool *ok)
{
    return qEnvironmentVariableIntValue(name(variable), ok);
}

} // namespace ocs::environment
