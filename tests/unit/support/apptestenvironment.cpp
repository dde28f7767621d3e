#include "apptestenvironment.h"

#include "fakeengine.h"
#include "project/project.h"
#include "project/workspaceprotection.h"
#include "sandbox/runplan.h"
#include "sandbox/sandboxrecord.h"
#include "sandbox/startapproval.h"

#include <QDir>
#include <QFile>

namespace ocs::test {

AppTestEnvironment::AppTestEnvironment()
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
    FakeEngine::install();
}

AppTestEnvironment::~AppTestEnvironment()
{
    FakeEngine::uninstall();
    for (auto it = m_saved.crbegin(); it != m_saved.crend(); ++it) {
        if (it->second)
            qputenv(it->first.constData(), *it->second);
        else
            qunsetenv(it->first.constData());
    }
}

void AppTestEnvironment::set(const char *name, const QString &value)
{
    m_saved.append({QByteArray(name), qEnvironmentVariableIsSet(name)
                                          ? std::optional<QByteArray>(qgetenv(name))
                                          : std::nullopt});
    if (value.isEmpty())
        qunsetenv(name);
    else
        qputenv(name, value.toUtf8());
}

QString AppTestEnvironment::makeProject(const QString &name, const QByteArray &yaml,
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

} // namespace ocs::test
