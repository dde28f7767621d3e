#include "statusicons.h"

#include <QHash>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initTrayResources()
{
    Q_INIT_RESOURCE(icons);
}

namespace ocs::tray {

void initResources()
{
    static bool done = false;
    if (done)
        return;
    done = true;
    initTrayResources();
}

namespace {

QIcon themed(const QString &themeName, const QString &resource)
{
    // QIcon::fromTheme returns the fallback when the theme has no such icon.
    static QHash<QString, QIcon> cache;
    const QString key = themeName + QLatin1Char('|') + resource;
    auto it = cache.constFind(key);
    if (it != cache.cend())
        return it.value();
    // The built-in icon keeps its colours in disabled menu items (the state lines).
    QIcon fallback(resource);
    fallback.addFile(resource, QSize(), QIcon::Disabled);
    QIcon icon = QIcon::fromTheme(themeName, fallback);
    cache.insert(key, icon);
    return icon;
}

} // namespace

QIcon StatusIcons::appIcon()
{
    return themed(QStringLiteral("opencode-sandbox"),
                  QStringLiteral(":/icons/opencode-sandbox.svg"));
}

QString StatusIcons::themeName(SandboxFleet::Summary summary)
{
    switch (summary) {
    case SandboxFleet::Summary::EngineMissing:
        return QStringLiteral("opencode-sandbox-engine-missing");
    case SandboxFleet::Summary::Error:
        return QStringLiteral("opencode-sandbox-error");
    case SandboxFleet::Summary::Busy:
        return QStringLiteral("opencode-sandbox-busy");
    case SandboxFleet::Summary::SomeRunning:
        return QStringLiteral("opencode-sandbox-running");
    case SandboxFleet::Summary::NoneRunning:
        break;
    }
    return QStringLiteral("opencode-sandbox-idle");
}

QString StatusIcons::resourcePath(SandboxFleet::Summary summary)
{
    switch (summary) {
    case SandboxFleet::Summary::EngineMissing:
        return QStringLiteral(":/icons/tray-engine-missing.svg");
    case SandboxFleet::Summary::Error:
        return QStringLiteral(":/icons/tray-error.svg");
    case SandboxFleet::Summary::Busy:
        return QStringLiteral(":/icons/tray-busy.svg");
    case SandboxFleet::Summary::SomeRunning:
        return QStringLiteral(":/icons/tray-running.svg");
    case SandboxFleet::Summary::NoneRunning:
        break;
    }
    return QStringLiteral(":/icons/tray-idle.svg");
}

QIcon StatusIcons::trayIcon(SandboxFleet::Summary summary)
{
    return themed(themeName(summary), resourcePath(summary));
}

QIcon StatusIcons::marker(ManagedSandbox::State state, bool engineReady)
{
    if (!engineReady)
        return themed(QStringLiteral("opencode-sandbox-marker-unknown"),
                      QStringLiteral(":/icons/marker-unknown.svg"));
    switch (state) {
    case ManagedSandbox::State::Running:
        return themed(QStringLiteral("opencode-sandbox-marker-running"),
                      QStringLiteral(":/icons/marker-running.svg"));
    case ManagedSandbox::State::Building:
    case ManagedSandbox::State::Starting:
    case ManagedSandbox::State::Stopping:
        return themed(QStringLiteral("opencode-sandbox-marker-busy"),
                      QStringLiteral(":/icons/marker-busy.svg"));
    case ManagedSandbox::State::Error:
        return themed(QStringLiteral("opencode-sandbox-marker-error"),
                      QStringLiteral(":/icons/marker-error.svg"));
    case ManagedSandbox::State::Stopped:
        break;
    }
    return themed(QStringLiteral("opencode-sandbox-marker-stopped"),
                  QStringLiteral(":/icons/marker-stopped.svg"));
}

} // namespace ocs::tray
