#include "guitest.h"

#include "project/project.h"
#include "project/workspaceprotection.h"
#include "sandbox/runplan.h"
#include "sandbox/sandboxrecord.h"
#include "sandbox/startapproval.h"

#include "projectmenu.h"
#include "statusicons.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>

namespace ocs::test {

GuiTestEnvironment::GuiTestEnvironment()
{
    QDir().mkpath(path(QStringLiteral("state")));
    QDir().mkpath(path(QStringLiteral("config")));
    QDir().mkpath(path(QStringLiteral("xdg-config")));
    QDir().mkpath(path(QStringLiteral("runtime")));
    QFile::setPermissions(path(QStringLiteral("runtime")),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    set("OCS_STATE_ROOT", path(QStringLiteral("state")));
    set("OCS_CONFIG_DIR", path(QStringLiteral("config")));
    set("XDG_CONFIG_HOME", path(QStringLiteral("xdg-config")));
    set("XDG_RUNTIME_DIR", path(QStringLiteral("runtime")));
    set("OCS_KEYCHAIN", QStringLiteral("0"));
    set("OCS_ENGINE", QStringLiteral("/fake/bin/docker"));
    set("OCS_START_TIMEOUT", QStringLiteral("20"));
    set("OCS_NPM_REGISTRY", QStringLiteral("http://registry.invalid.test/"));
    set("OCS_TRAY_STATUS_FILE", QString());
    tray::initResources();
    FakeEngine::install();
}

GuiTestEnvironment::~GuiTestEnvironment()
{
    FakeEngine::uninstall();
    for (auto it = m_saved.crbegin(); it != m_saved.crend(); ++it) {
        if (it->second)
            qputenv(it->first.constData(), *it->second);
        else
            qunsetenv(it->first.constData());
    }
}

void GuiTestEnvironment::set(const char *name, const QString &value)
{
    m_saved.append({QByteArray(name), qEnvironmentVariableIsSet(name)
                                          ? std::optional<QByteArray>(qgetenv(name))
                                          : std::nullopt});
    if (value.isEmpty())
        qunsetenv(name);
    else
        qputenv(name, value.toUtf8());
}

QString GuiTestEnvironment::makeProject(const QString &name, const QByteArray &yaml,
                                        bool startedBefore)
{
    const QString dir = path(QStringLiteral("projects/") + name);
    QDir().mkpath(dir);
    QFile f(dir + QStringLiteral("/opencode-sandbox-config.yaml"));
    f.open(QIODevice::WriteOnly);
    f.write(yaml.isEmpty() ? "sandbox-name: " + name.toUtf8() + "\n" : yaml);
    f.close();
    const QString root = QDir(dir).canonicalPath();
    if (startedBefore) {
        if (const auto project = Project::open(root, nullptr);
            project && project->ensureStateDirs(nullptr)) {
            SandboxRecord st = SandboxRecord::load(project->stateDir());
            st.lastStartedConfig = StartApproval::snapshot(
                project->config(), WorkspaceProtection::inspect(
                                       root, RunPlanner::effectiveReadOnlyPaths(project->config()))
                                       .readOnlyMounts);
            st.save(project->stateDir(), nullptr);
        }
    }
    return root;
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
