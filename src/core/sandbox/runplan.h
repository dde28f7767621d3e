#pragma once

#include "engine/containerengine.h"
#include "engine/process.h"
#include "project/project.h"

#include <QMap>
#include <QStringList>

namespace ocs {

// Everything `docker run` needs for one sandbox: an argument list, plus the container's
// variables of the user and the server password in a private env file (`--env-file`,
// spec.privateFilePath/Contents, written by runProcess() only while `run` runs). Neither
// argv nor the engine CLI's environment holds any of them.
struct RunInputs
{
    quint16 port = 0;
    QString password;
    QMap<QString, QString> hostEnvironment; // the host's environment after the pre-start hook
    QStringList extraHosts;                 // "name:address", from OCS_EXTRA_HOSTS
    QString configHash;
    // published-ports: (port in the sandbox, host port on 127.0.0.1), in the config's order
    QList<std::pair<quint16, quint16>> publishedPorts;
    // The filtered copy of the user's OpenCode settings (opencodesettings.h), mounted
    // read-only at opencodesettings::ContainerDir; empty: not shared.
    QString openCodeSettingsDir;
};

struct RunPlan
{
    ProcessSpec spec;
    QStringList forwardedVariables; // container names passed through
    QStringList skippedVariables;   // "CONTAINER_VAR (HOST_VAR not set)"
    QStringList readOnlyPaths;      // relative paths mounted read-only
    QStringList warnings;           // to show at the start (WorkspaceProtection)
    // injected-secrets: NAME -> the placeholder the agent gets in NAME (new at every plan);
    // the values follow after `run` (secretdelivery.h), never through the plan.
    QMap<QString, QString> secretPlaceholders;
    QString error; // set when no plan can be made
    bool ok() const { return error.isEmpty(); }
};

class RunPlanner
{
public:
    // The port OpenCode listens on inside the container.
    static constexpr quint16 ContainerPort = 4096;
    static constexpr int DefaultPidsLimit = 4096;
    static inline const QString DefaultMemoryLimit = QStringLiteral("8g");
    // Capabilities the entrypoint needs before it drops to `dev` (docker/README.md).
    static QStringList entrypointCapabilities();
    // Files the agent may not change although the workspace is writable (issue: hardening).
    static QStringList defaultReadOnlyPaths();
    // Defaults plus the config's read-only-paths ("!x" removes a default).
    static QStringList effectiveReadOnlyPaths(const ProjectConfig &config);

    static RunPlan plan(const ContainerEngine &engine, const Project &project,
                        const RunInputs &inputs);

    // "a:1.2.3.4,b:5.6.7.8" (or '=' instead of ':') → validated list; errors in `error`.
    static QStringList parseExtraHosts(const QString &spec, QString *error);
};

} // namespace ocs
