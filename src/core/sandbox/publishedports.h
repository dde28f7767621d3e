#pragma once

// `ocs ports publish|unpublish PORT` and the tray's "Publish port…": published-ports edited
// in the project's config file (comments and layout kept), applied at the next (re)start.

#include "project/project.h"

#include <QString>

namespace ocs::publishedports {

struct Edit
{
    bool ok = false;
    QString error;        // when !ok: what to fix (the config's errors with file:line:column)
    QString configPath;   // the file edited
    quint16 port = 0;     // as checked
    bool changed = false; // false: it was published (or not) already
};

// Adds (`publish`) or removes the port `text` in published-ports of the project's config and
// saves it in place. The user asked for it: the next start does not ask about it again (it is
// recorded in the start snapshot, as `ocs allow` does). Fails, changing nothing, when the
// config has errors or `text` is not a port that can be published (configrules).
Edit change(const Project &project, const QString &text, bool publish);

} // namespace ocs::publishedports
