#include "configimpact.h"

#include "configrules.h"

namespace ocs {

ConfigImpact ConfigImpact::assess(const ProjectConfig &a, const ProjectConfig &b)
{
    namespace r = configrules;
    ConfigImpact i;
    auto note = [&i](bool differs, const QString &key, bool restart, bool rebuild) {
        if (!differs)
            return;
        i.changedKeys << key;
        i.needsRestart = i.needsRestart || restart;
        i.needsRebuild = i.needsRebuild || rebuild;
    };
    if (a.sandboxName != b.sandboxName) {
        i.changedKeys << r::KeySandboxName;
        i.newSandboxId = true;
    }
    note(a.httpDomainWhitelist != b.httpDomainWhitelist, r::KeyHttpDomainWhitelist, true, false);
    note(a.hostPorts != b.hostPorts, r::KeyHostPorts, true, false);
    note(a.envPassthrough != b.envPassthrough, r::KeyEnvPassthrough, true, false);
    note(a.env != b.env, r::KeyEnv, true, false);
    note(a.extraCaCertificates != b.extraCaCertificates, r::KeyExtraCaCertificates, true, true);
    note(a.memoryLimit != b.memoryLimit, r::KeyMemoryLimit, true, false);
    note(a.cpuLimit != b.cpuLimit, r::KeyCpuLimit, true, false);
    note(a.pidsLimit != b.pidsLimit, r::KeyPidsLimit, true, false);
    note(a.readOnlyPaths != b.readOnlyPaths, r::KeyReadOnlyPaths, true, false);
    return i;
}

} // namespace ocs
