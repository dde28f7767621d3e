#pragma once

#include "config/projectconfig.h"

#include <QString>
#include <QStringList>

// The user's OpenCode settings inside the sandbox (opt-in, share-opencode-settings and the
// app's Preferences): a filtered copy of the host's ~/.config/opencode, made at each start
// into the sandbox's state folder and mounted read-only where OpenCode reads its global
// config for dev. Never anything that holds credentials: see isLeftOut(). OpenCode's data
// folder (~/.local/share/opencode, where auth.json lives) is never read.
namespace ocs::opencodesettings {

// Where OpenCode reads dev's global config inside the sandbox.
inline const QString ContainerDir = QStringLiteral("/home/dev/.config/opencode");
// The copy's folder name in the sandbox's state folder.
inline const QString SnapshotName = QStringLiteral("opencode-settings");

// Limits of the copy (a bigger folder is not shared, and the start says so).
inline constexpr int MaxEntries = 4000;
inline constexpr qint64 MaxTotalBytes = 32 * 1024 * 1024;
inline constexpr int MaxDepth = 16;

// The host's folder: $XDG_CONFIG_HOME/opencode, else ~/.config/opencode.
QString hostDir();

// Whether it is shared for a project: the config's share-opencode-settings when set
// ("false" keeps it out whatever the app says), else the app's Preferences switch.
bool enabled(const ProjectConfig &config, bool appDefault);

// Whether an entry of that name is left out (case-insensitive): auth.json, mcp-auth.json,
// *.key, *.pem, *.p12, *.pfx, .env*, credentials*, token*, *secret*, .git, node_modules.
bool isLeftOut(const QString &name);

struct Snapshot
{
    bool ok = false;
    QString error;       // why nothing is shared (ok false)
    bool empty = true;   // the host has no such folder (ok, nothing copied)
    QStringList copied;  // relative paths of the files copied
    QStringList leftOut; // relative paths not copied: by name, symlinks, special files
};

// Replaces `dest` by a copy of `source`: folders and regular files only, each opened without
// following a symbolic link (a link inside is left out, wherever it points; `source` itself
// may be one), names per isLeftOut() skipped. `dest` is 0700, its folders 0700 and files
// 0600. On failure `dest` does not exist.
Snapshot make(const QString &source, const QString &dest);

} // namespace ocs::opencodesettings
