#pragma once

#include "projectconfig.h"

#include <QStringList>

namespace ocs {

// What a change of a project's config means for its sandbox: settings the running
// container was started with need a restart; settings baked into the image need a
// rebuild; a new sandbox-name means a new SANDBOX_ID (a new container, image and state
// folder).
struct ConfigImpact
{
    QStringList changedKeys;   // config keys whose values differ, in file order
    bool needsRestart = false; // whitelist, ports, environment, limits, read-only paths
    bool needsRebuild = false; // extra CA certificates
    bool newSandboxId = false; // sandbox-name

    bool any() const { return !changedKeys.isEmpty(); }
    static ConfigImpact assess(const ProjectConfig &before, const ProjectConfig &after);
};

} // namespace ocs
