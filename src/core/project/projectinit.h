#pragma once

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

#include <utility>

namespace ocs {

// Setting a folder up as a project (`ocs init`, the tray's "Add project"): the starter files
// and the .gitignore entry for the pre-start hook. Shared by the CLI and the tray.
class ProjectInit
{
public:
    struct StarterFile
    {
        QString fileName; // relative to the root
        QString purpose;  // what it is for, for a question or a checkbox
        QByteArray content;
        QFile::Permissions permissions;
    };

    // mise.toml, the config (with `sandboxName`), opencode.jsonc and the pre-start hook,
    // in the order `ocs init` offers them.
    static QList<StarterFile> starterFiles(const QString &sandboxName);
    // A valid sandbox-name made from a folder name ("My Project" → "my-project").
    static QString suggestedName(const QString &folderName);

    // Writes a file that must not exist yet, with exactly `permissions`.
    static bool writeNewFile(const QString &path, const QByteArray &content,
                             QFile::Permissions permissions, QString *error);

    // Whether <root>/.gitignore lists the hook file.
    static bool gitignoreListsHook(const QString &root);
    // Appends the hook file to <root>/.gitignore (created when missing).
    static bool addHookToGitignore(const QString &root, QString *error);

    // Approves the starter files init just wrote (pre-start hook, mise.toml), each by the
    // SHA-256 of the content written: (file name, SHA-256) pairs.
    static bool approveCreated(const QString &root,
                               const QList<std::pair<QString, QString>> &created, QString *error);

    struct Options
    {
        QString sandboxName;
        QStringList skip; // starter files not to create
        bool addToGitignore = true;
        // Asked, when set, before each missing starter file and before changing .gitignore
        // (`ocs init` asks on the terminal; the tray's dialog answers up front with `skip`
        // and `addToGitignore`). Gets the question; true = go ahead.
        std::function<bool(const QString &question)> ask;
    };
    struct Result
    {
        bool ok = false;
        QString error;
        QStringList created; // file names written
        QStringList kept;    // existed already, left as they were
        bool gitignoreUpdated = false;
        bool hookCreated = false; // the new hook was approved (it is only comments)
        // A new mise.toml and a new hook are approved (by the hash of what was written).
    };
    // Creates every missing starter file without asking (existing files are kept), updates
    // .gitignore and approves a newly created hook.
    static Result create(const QString &root, const Options &options);
};

} // namespace ocs
