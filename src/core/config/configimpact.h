#pragma once

#include "projectconfig.h"

#include <QStringList>

namespace ocs {

// What a change of a project's config means for its sandbox, from each key's impact in the
// table of keys (configkeys.h): the network policy (whitelist, blacklist) is applied live;
// settings the running container was started with need a restart; settings baked into the
// image need a rebuild; a new sandbox-name means a new SANDBOX_ID (a new container, image and
// state folder).
struct ConfigImpact
{
    QStringList changedKeys;   // config keys whose values differ, in table order
    QStringList liveKeys;      // those of them applied live (Impact::Live)
    bool appliedLive = false;  // whitelist, blacklist: the running proxy applies them
    bool needsRestart = false; // ports, environment, limits, read-only paths
    bool needsRebuild = false; // extra CA certificates
    bool newSandboxId = false; // sandbox-name

    bool any() const { return !changedKeys.isEmpty(); }
    static ConfigImpact assess(const ProjectConfig &before, const ProjectConfig &after);

    // What the change needs, one translated sentence per kind of impact, e.g. "Applied live:
    // http-domain-whitelist." and "Takes effect at the next start: host-ports." (for the
    // tray's and the CLI's messages). Empty when nothing changed or nothing needs saying.
    QStringList describe() const;

    // A short hash of the values of exactly the keys whose impact is Restart: what a
    // container is started with. It labels the container (io.opencode-sandbox.config-hash);
    // a running container whose label differs from the config's hash runs an outdated
    // config. Two configs have the same hash iff assess() finds no change that needs a
    // restart only (keys applied live, or that need a rebuild or a new SANDBOX_ID, are not
    // in it).
    static QString containerHash(const ProjectConfig &config);
};

} // namespace ocs
