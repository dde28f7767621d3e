#include "approvedfile.h"

#include "project.h"
#include "sandbox/sandboxrecord.h"
#include "workspacefile.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QRegularExpression>

namespace ocs {

namespace {
struct ApprovedText
{
    Q_DECLARE_TR_FUNCTIONS(ocs::ApprovedFile)
};
} // namespace

ApprovedFile::ApprovedFile(const Project &project, Kind kind)
    : m_root(project.root())
    , m_stateDir(project.stateDir())
    , m_kind(kind)
{}

QString ApprovedFile::fileName() const
{
    return m_kind == Kind::PreStartHook ? Project::HookFileName : QStringLiteral("mise.toml");
}

QString ApprovedFile::path() const
{
    return m_root + QLatin1Char('/') + fileName();
}

QString ApprovedFile::command() const
{
    return m_kind == Kind::PreStartHook ? QStringLiteral("ocs hook") : QStringLiteral("ocs mise");
}

QString ApprovedFile::sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

bool ApprovedFile::onlyComments(const QByteArray &content)
{
    for (const QByteArray &raw : content.split('\n')) {
        const QByteArray line = raw.trimmed();
        if (!line.isEmpty() && !line.startsWith('#'))
            return false;
    }
    return true;
}

bool ApprovedFile::declaresNothing(const QByteArray &content)
{
    // Comments, blank lines and bare table headers ("[tools]", as `ocs init` writes it): no
    // key, so no tool, setting, variable or task. Anything else needs approval.
    static const QRegularExpression header(QStringLiteral(R"(^\[[A-Za-z0-9_.\- "]*\]\s*(#.*)?$)"));
    for (const QByteArray &raw : content.split('\n')) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        if (!header.match(QString::fromUtf8(line)).hasMatch())
            return false;
    }
    return true;
}

ApprovedFile::Snapshot ApprovedFile::read() const
{
    Snapshot s;
    const WorkspaceFile::Result file = WorkspaceFile::read(m_root, fileName());
    if (file.absent())
        return s;
    if (!file.ok()) {
        s.status = Status::Refused;
        s.error = file.message();
        return s;
    }
    s.content = file.data;
    s.sha256 = sha256Hex(s.content);
    if (m_kind == Kind::MiseToml ? declaresNothing(s.content) : onlyComments(s.content)) {
        s.status = Status::Empty;
        return s;
    }
    const SandboxRecord state = SandboxRecord::load(m_stateDir);
    const QString approved =
        m_kind == Kind::PreStartHook ? state.approvedHookSha256 : state.approvedMiseSha256;
    s.status = approved == s.sha256 ? Status::Approved : Status::NotApproved;
    return s;
}

bool ApprovedFile::approve(const QString &shownSha256, QString *error) const
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    const Snapshot now = read();
    if (now.status == Status::Refused)
        return fail(now.error);
    if (now.status == Status::Absent)
        return fail(
            ApprovedText::tr("%1 does not exist (any more); nothing was approved.").arg(path()));
    if (shownSha256.isEmpty() || now.sha256 != shownSha256.toLower())
        return fail(
            ApprovedText::tr("%1 changed after it was shown (it now has SHA-256 %2, not %3); "
                             "nothing was approved. Look at it again (`%4 show`) and approve "
                             "what you read.")
                .arg(path(), now.sha256, shownSha256, command()));
    SandboxRecord state = SandboxRecord::load(m_stateDir);
    state.projectRoot = m_root;
    if (m_kind == Kind::PreStartHook)
        state.approvedHookSha256 = now.sha256;
    else
        state.approvedMiseSha256 = now.sha256;
    return state.save(m_stateDir, error);
}

QString ApprovedFile::approvalHint() const
{
    if (m_kind == Kind::PreStartHook)
        return QStringLiteral(
                   "%1 is new or changed since you last approved it, so it was not run (anything "
                   "in the workspace, the agent included, can edit it). Review it and approve it "
                   "with `ocs hook approve` (it shows the content first), then start again.")
            .arg(path());
    return QStringLiteral(
               "%1 is new or changed since you last approved it, so the image was not built "
               "(the build runs `mise install` with what it says, and anything in the workspace, "
               "the agent included, can edit it). Review it and approve it with `ocs mise "
               "approve` (it shows the content first), then build again.")
        .arg(path());
}

} // namespace ocs
