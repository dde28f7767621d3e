#include "projectinit.h"

#include "approvedfile.h"
#include "config/configfile.h"
#include "logging.h"
#include "project.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace ocs {

namespace {
struct InitText
{
    Q_DECLARE_TR_FUNCTIONS(ocs::ProjectInit)
};
} // namespace

namespace {

const QString MiseTemplate =
    QStringLiteral("# Tools for the sandbox, installed with mise when the image is built\n"
                   "# (`ocs rebuild` after changes). OpenCode itself comes with the image.\n"
                   "[tools]\n"
                   "# node = \"22\"\n"
                   "# python = \"3.12\"\n");

const QString OpencodeTemplate = QStringLiteral(
    "{\n"
    "  \"$schema\": \"https://opencode.ai/config.json\",\n"
    "  // Pick a provider and model; pass its API key in with env-passthrough in\n"
    "  // opencode-sandbox-config.yaml (e.g. ANTHROPIC_API_KEY) and whitelist its API domain.\n"
    "  // \"model\": \"anthropic/claude-sonnet-4-5\",\n"
    "  // The sandbox pins OpenCode's version; updates come with `ocs rebuild`.\n"
    "  \"autoupdate\": false,\n"
    "  \"permission\": {\n"
    "    \"edit\": \"allow\",\n"
    "    \"bash\": \"ask\",\n"
    "    \"webfetch\": \"ask\"\n"
    "  }\n"
    "}\n");

const QString HookTemplate = QStringLiteral(
    "#!/usr/bin/env bash\n"
    "# Sourced by `ocs start` on the host before the sandbox starts; its exports feed\n"
    "# env-passthrough in opencode-sandbox-config.yaml. It runs only after you approve its\n"
    "# exact content (`ocs hook approve`). Example:\n"
    "#   eval \"$(aws configure export-credentials --profile my-profile --format env)\"\n");

} // namespace

QList<ProjectInit::StarterFile> ProjectInit::starterFiles(const QString &sandboxName)
{
    const auto rw = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther;
    const auto rwx = rw | QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther;
    return {
        {QStringLiteral("mise.toml"), InitText::tr("tools for the sandbox"), MiseTemplate.toUtf8(),
         rw},
        {ConfigFile::FileName, InitText::tr("name, network whitelist, host ports, environment"),
         ConfigFile::defaultTemplate(sandboxName), rw},
        {QStringLiteral("opencode.jsonc"), InitText::tr("model, provider, permissions"),
         OpencodeTemplate.toUtf8(), rw},
        {Project::HookFileName, InitText::tr("runs on the host before each start"),
         HookTemplate.toUtf8(), rwx},
    };
}

QString ProjectInit::suggestedName(const QString &folderName)
{
    QString n = folderName.toLower();
    n.replace(QRegularExpression(QStringLiteral("[^a-z0-9-]+")), QStringLiteral("-"));
    n.replace(QRegularExpression(QStringLiteral("-{2,}")), QStringLiteral("-"));
    while (n.startsWith(QLatin1Char('-')))
        n.remove(0, 1);
    while (n.endsWith(QLatin1Char('-')))
        n.chop(1);
    n = n.left(50);
    while (n.endsWith(QLatin1Char('-')))
        n.chop(1);
    return n.isEmpty() ? QStringLiteral("project") : n;
}

bool ProjectInit::writeNewFile(const QString &path, const QByteArray &content,
                               QFile::Permissions permissions, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly) || f.write(content) != content.size()) {
        if (error)
            *error = InitText::tr("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    f.close();
    f.setPermissions(permissions);
    return true;
}

bool ProjectInit::gitignoreListsHook(const QString &root)
{
    QFile gi(root + QStringLiteral("/.gitignore"));
    if (!gi.open(QIODevice::ReadOnly))
        return false;
    const QList<QByteArray> lines = gi.readAll().split('\n');
    for (const QByteArray &l : lines) {
        if (l.trimmed() == Project::HookFileName.toUtf8())
            return true;
    }
    return false;
}

bool ProjectInit::addHookToGitignore(const QString &root, QString *error)
{
    const QString path = root + QStringLiteral("/.gitignore");
    QFile gi(path);
    QByteArray existing;
    if (gi.open(QIODevice::ReadOnly)) {
        existing = gi.readAll();
        gi.close();
    }
    if (!gi.open(QIODevice::Append)) {
        if (error)
            *error = InitText::tr("cannot write %1: %2").arg(path, gi.errorString());
        return false;
    }
    if (!existing.isEmpty() && !existing.endsWith('\n'))
        gi.write("\n");
    gi.write(Project::HookFileName.toUtf8() + "\n");
    gi.close();
    return true;
}

bool ProjectInit::approveCreated(const QString &root,
                                 const QList<std::pair<QString, QString>> &created, QString *error)
{
    auto project = Project::open(root, error);
    if (!project || !project->ensureStateDirs(error))
        return false;
    for (const auto &[fileName, sha256] : created) {
        const ApprovedFile file(*project, fileName == Project::HookFileName
                                              ? ApprovedFile::Kind::PreStartHook
                                              : ApprovedFile::Kind::MiseToml);
        // The hash of what init wrote: if anything changed the file since, it stays
        // unapproved.
        if (!file.approve(sha256, error))
            return false;
    }
    return true;
}

ProjectInit::Result ProjectInit::create(const QString &root, const Options &options)
{
    Result r;
    const QString canonical = QFileInfo(root).canonicalFilePath();
    if (canonical.isEmpty() || !QFileInfo(canonical).isDir()) {
        r.error = InitText::tr("%1 is not a folder.").arg(root);
        return r;
    }
    const QDir dir(canonical);
    QList<std::pair<QString, QString>> approvals; // created files that run: name, SHA-256
    for (const StarterFile &f : starterFiles(options.sandboxName)) {
        const QString path = dir.filePath(f.fileName);
        if (QFileInfo::exists(path) || QFileInfo(path).isSymLink()) {
            r.kept << f.fileName;
            continue;
        }
        if (options.skip.contains(f.fileName))
            continue;
        if (options.ask &&
            !options.ask(QCoreApplication::translate("ocs::ProjectInit", "Create %1 (%2)?")
                             .arg(f.fileName, f.purpose)))
            continue;
        if (!writeNewFile(path, f.content, f.permissions, &r.error))
            return r;
        r.created << f.fileName;
        if (f.fileName == Project::HookFileName)
            r.hookCreated = true;
        if (f.fileName == Project::HookFileName || f.fileName == QLatin1String("mise.toml"))
            approvals << std::make_pair(f.fileName, ApprovedFile::sha256Hex(f.content));
    }
    if (options.addToGitignore && !gitignoreListsHook(canonical) &&
        (!options.ask ||
         options.ask(QCoreApplication::translate("ocs::ProjectInit",
                                                 "Add %1 to .gitignore (it may hold secrets)?")
                         .arg(Project::HookFileName)))) {
        if (!addHookToGitignore(canonical, &r.error))
            return r;
        r.gitignoreUpdated = true;
    }
    if (!approvals.isEmpty() && !approveCreated(canonical, approvals, &r.error))
        return r;
    qCInfo(lcProject) << "initialised" << canonical << "created" << r.created;
    r.ok = true;
    return r;
}

} // namespace ocs
