#include "workspaceprotection.h"

#include "logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <sys/stat.h>

namespace ocs {

namespace {

const QString GitDir = QStringLiteral(".git");

enum class Kind { Missing, File, Directory, Symlink, Other };

struct Entry
{
    Kind kind = Kind::Missing;
    nlink_t links = 0;
};

Entry lstatEntry(const QString &path)
{
    struct stat st
    {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return {};
    if (S_ISLNK(st.st_mode))
        return {Kind::Symlink, st.st_nlink};
    if (S_ISREG(st.st_mode))
        return {Kind::File, st.st_nlink};
    if (S_ISDIR(st.st_mode))
        return {Kind::Directory, st.st_nlink};
    return {Kind::Other, st.st_nlink};
}

QString tr(const char *text)
{
    return QCoreApplication::translate("ocs::WorkspaceProtection", text);
}

// Submodules keep their git folders in .git/modules/<name>/ (nested ones in
// .git/modules/<name>/modules/<name>/): each has a config and hooks git acts on.
void collectSubmoduleGitDirs(const QString &root, const QString &relModules, int depth,
                             QStringList *out)
{
    if (depth > 6 || out->size() > 200)
        return;
    const QDir dir(root + QLatin1Char('/') + relModules);
    const QStringList names = dir.entryList(
        QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden | QDir::NoSymLinks, QDir::Name);
    for (const QString &name : names) {
        const QString rel = relModules + QLatin1Char('/') + name;
        if (lstatEntry(root + QLatin1Char('/') + rel + QStringLiteral("/config")).kind ==
            Kind::Missing) {
            // A submodule named a/b lives in modules/a/b: look one level deeper.
            collectSubmoduleGitDirs(root, rel, depth + 1, out);
            continue;
        }
        *out << rel;
        collectSubmoduleGitDirs(root, rel + QStringLiteral("/modules"), depth + 1, out);
    }
}

// Repositories below the root (their .git, folder or file), breadth first, bounded.
QStringList nestedRepositories(const QString &root)
{
    QStringList found;
    QStringList level{QString()};
    int visited = 0;
    for (int depth = 0; depth < WorkspaceProtection::NestedRepositoryDepth && !level.isEmpty();
         ++depth) {
        QStringList next;
        for (const QString &rel : std::as_const(level)) {
            const QDir dir(rel.isEmpty() ? root : root + QLatin1Char('/') + rel);
            const QStringList names = dir.entryList(
                QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden | QDir::NoSymLinks, QDir::Name);
            for (const QString &name : names) {
                if (++visited > 20000)
                    return found;
                const QString child = rel.isEmpty() ? name : rel + QLatin1Char('/') + name;
                if (name == GitDir || name == QLatin1String("node_modules"))
                    continue;
                const Kind git =
                    lstatEntry(root + QLatin1Char('/') + child + QLatin1Char('/') + GitDir).kind;
                if (git == Kind::Directory || git == Kind::File)
                    found << child;
                next << child;
            }
        }
        level = next;
    }
    return found;
}

} // namespace

QString WorkspaceProtection::symlinkComponent(const QString &canonicalRoot,
                                              const QString &relativePath)
{
    QString prefix;
    for (const QString &part : relativePath.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        prefix = prefix.isEmpty() ? part : prefix + QLatin1Char('/') + part;
        const Kind k = lstatEntry(canonicalRoot + QLatin1Char('/') + prefix).kind;
        if (k == Kind::Symlink)
            return prefix;
        if (k == Kind::Missing)
            return QString();
    }
    return QString();
}

WorkspaceProtection::Inspection WorkspaceProtection::inspect(const QString &root,
                                                             const QStringList &protectedPaths,
                                                             bool findNested)
{
    Inspection r;
    QStringList linksReported;
    auto refuseLink = [&](const QString &rel, const QString &link) {
        if (linksReported.contains(link))
            return;
        linksReported << link;
        r.errors << tr("%1/%2 is a symbolic link (to %3): a protected path must not lead "
                       "anywhere else, since the sandbox would mount whatever it names. Replace "
                       "the link by the real file or folder, or drop \"%4\" from "
                       "read-only-paths with \"!%4\".")
                        .arg(root, link, QFileInfo(root + QLatin1Char('/') + link).symLinkTarget(),
                             rel);
    };
    auto addMount = [&](const QString &rel) {
        const QString link = symlinkComponent(root, rel);
        if (!link.isEmpty())
            return refuseLink(rel, link);
        const Entry e = lstatEntry(root + QLatin1Char('/') + rel);
        switch (e.kind) {
        case Kind::Missing:
            if (!r.missing.contains(rel))
                r.missing << rel;
            return;
        case Kind::File:
            if (e.links > 1) {
                r.errors << tr("%1/%2 has %3 hard links: the agent could change it through "
                               "another name. Give it a single name (copy it and replace the "
                               "original).")
                                .arg(root, rel)
                                .arg(e.links);
                return;
            }
            break;
        case Kind::Directory:
            break;
        case Kind::Symlink: // caught by symlinkComponent
        case Kind::Other:
            r.errors << tr("%1/%2 is neither a file nor a folder (a device, socket or FIFO); "
                           "remove it.")
                            .arg(root, rel);
            return;
        }
        if (!r.readOnlyMounts.contains(rel))
            r.readOnlyMounts << rel;
    };

    const bool guardGit = protectedPaths.contains(QStringLiteral(".git/config")) ||
                          protectedPaths.contains(QStringLiteral(".git/hooks"));
    const bool gitReadOnly = protectedPaths.contains(GitDir);
    const Entry git = lstatEntry(root + QLatin1Char('/') + GitDir);
    if (guardGit && !gitReadOnly && git.kind == Kind::Directory) {
        r.mountGitFolder = true;
        const QString gitPath = root + QLatin1Char('/') + GitDir;
        // Git reads its config from the folder `commondir` names: one the agent can write.
        if (lstatEntry(gitPath + QStringLiteral("/commondir")).kind != Kind::Missing)
            r.errors << tr("%1/.git/commondir exists: git would take its configuration from the "
                           "folder it names, which the sandbox cannot protect. A repository's "
                           "main .git folder has no commondir; remove it (it may have been "
                           "planted).")
                            .arg(root);
    } else if (guardGit && !gitReadOnly && git.kind == Kind::File) {
        addMount(GitDir); // a worktree's or submodule's pointer to its git folder
    }

    for (const QString &rel : protectedPaths) {
        // With a .git file, .git/... does not exist here: the file itself is protected.
        if (git.kind != Kind::File || !rel.startsWith(GitDir + QLatin1Char('/')))
            addMount(rel);
    }

    if (r.mountGitFolder && protectedPaths.contains(QStringLiteral(".git/config"))) {
        // Read by git when extensions.worktreeConfig is set.
        if (lstatEntry(root + QStringLiteral("/.git/config.worktree")).kind != Kind::Missing)
            addMount(QStringLiteral(".git/config.worktree"));
        QStringList submodules;
        collectSubmoduleGitDirs(root, QStringLiteral(".git/modules"), 0, &submodules);
        for (const QString &dir : std::as_const(submodules)) {
            addMount(dir + QStringLiteral("/config"));
            if (lstatEntry(root + QLatin1Char('/') + dir + QStringLiteral("/hooks")).kind ==
                Kind::Directory)
                addMount(dir + QStringLiteral("/hooks"));
        }
    }

    if (guardGit && findNested) {
        const QStringList nested = nestedRepositories(root);
        if (!nested.isEmpty()) {
            QStringList shown = nested.mid(0, 5);
            if (nested.size() > shown.size())
                shown << tr("(%1 more)").arg(nested.size() - shown.size());
            r.warnings << tr("Repositories nested in the workspace: %1. Their git configuration "
                             "and hooks are not protected: the agent can change them. Look "
                             "before you run git in them on the host.")
                              .arg(shown.join(QStringLiteral(", ")));
        }
    }
    qCDebug(lcProject) << "protection of" << root << "mounts" << r.readOnlyMounts << "missing"
                       << r.missing << "errors" << r.errors.size();
    return r;
}

} // namespace ocs
