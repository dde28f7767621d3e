#pragma once

#include "projectconfig.h"

#include <QByteArray>

namespace ocs {

// Reads, validates and writes opencode-sandbox-config.yaml.
class ConfigFile
{
public:
    static inline const QString FileName = QStringLiteral("opencode-sandbox-config.yaml");

    struct LoadResult
    {
        std::optional<ProjectConfig> config; // set when there is no error (warnings allowed)
        QList<Diagnostic> diagnostics;       // errors and warnings, in file order
        // Advice (warnings) that `ocs validate` and the Settings dialog show, but not every
        // command: e.g. a credential in env-passthrough that could be injected instead.
        QList<Diagnostic> suggestions;
        bool ok() const { return config.has_value(); }
        QString errorSummary() const; // all diagnostics, one per line
    };

    // Parse the file at `path` (errors name `path`). A missing or unreadable file is an error.
    static LoadResult load(const QString &path);
    // Parse `text`; `fileName` is only used in diagnostics.
    static LoadResult parse(const QByteArray &text, const QString &fileName);

    // The new file text for `config`, starting from `originalText` (may be empty): only
    // sections whose values changed are rewritten; comments, unknown keys, key order and
    // untouched sections stay as they were. Comments that cannot be kept are listed in
    // `droppedComments` (so a caller can tell the user before saving).
    static QByteArray render(const QByteArray &originalText, const ProjectConfig &config,
                             QStringList *droppedComments = nullptr);

    // render() + write. An existing file is rewritten in place (same inode, so its
    // permissions stay and a running sandbox's read-only mount of it stays attached); a new
    // one is written atomically (QSaveFile).
    static bool save(const QString &path, const ProjectConfig &config, QString *errorMessage,
                     QStringList *droppedComments = nullptr);
    // Overwrites the regular file at `path` with `text` without replacing it (no symlink
    // followed); false with `reason` on failure.
    static bool writeInPlace(const QString &path, const QByteArray &text, QString *reason);

    // What `ocs init` writes: sandbox-name filled in, every other section present, empty,
    // with commented examples (the reference's template shape).
    static QByteArray defaultTemplate(const QString &sandboxName);
};

} // namespace ocs
