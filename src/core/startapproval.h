#pragma once

#include "config/projectconfig.h"

#include <QJsonObject>
#include <QStringList>

namespace ocs {

// The parts of a config that widen what a sandbox may do — its whitelist, its host ports,
// the host variables it receives — as they were at the last start, and what changed since.
// The agent cannot edit the config from inside (it is mounted read-only), but anything else
// on the host could have; a start shows such changes and asks before applying them.
class StartApproval
{
public:
    static QJsonObject snapshot(const ProjectConfig &config);
    // Human-readable lines ("+ whitelist: .example.com", "- host port: 5432", …); empty when
    // nothing changed or when there is no earlier snapshot (first start).
    static QStringList describeChanges(const QJsonObject &lastStarted, const ProjectConfig &now);
};

} // namespace ocs
