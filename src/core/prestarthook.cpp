#include "prestarthook.h"

#include "logging.h"
#include "process.h"
#include "project.h"
#include "sandboxstate.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcessEnvironment>

namespace ocs {

PreStartHook::PreStartHook(const Project &project, QObject *parent)
    : QObject(parent)
    , m_path(project.hookPath())
    , m_root(project.root())
    , m_stateDir(project.stateDir())
{}

QByteArray PreStartHook::content() const
{
    QFile f(m_path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString PreStartHook::currentSha256() const
{
    return QString::fromLatin1(
        QCryptographicHash::hash(content(), QCryptographicHash::Sha256).toHex());
}

PreStartHook::Status PreStartHook::status() const
{
    if (!QFile::exists(m_path))
        return Status::Absent;
    // Only comments and blank lines: nothing would run.
    bool hasCode = false;
    for (const QByteArray &raw : content().split('\n')) {
        const QByteArray line = raw.trimmed();
        if (!line.isEmpty() && !line.startsWith('#')) {
            hasCode = true;
            break;
        }
    }
    if (!hasCode)
        return Status::Empty;
    const SandboxState state = SandboxState::load(m_stateDir);
    return state.approvedHookSha256 == currentSha256() ? Status::Approved : Status::NotApproved;
}

bool PreStartHook::approve(QString *error) const
{
    SandboxState state = SandboxState::load(m_stateDir);
    state.projectRoot = m_root;
    state.approvedHookSha256 = currentSha256();
    return state.save(m_stateDir, error);
}

QString PreStartHook::approvalHint() const
{
    return QStringLiteral(
               "%1 is new or changed since you last approved it, so it was not run (anything "
               "in the workspace, the agent included, can edit it). Review it and approve it "
               "with `ocs hook approve` (it shows the content first), then start again.")
        .arg(m_path);
}

QMap<QString, QString> PreStartHook::parseEnvDump(const QByteArray &nulSeparated)
{
    QMap<QString, QString> env;
    for (const QByteArray &entry : nulSeparated.split('\0')) {
        const qsizetype eq = entry.indexOf('=');
        if (eq <= 0)
            continue;
        env.insert(QString::fromUtf8(entry.left(eq)), QString::fromUtf8(entry.mid(eq + 1)));
    }
    return env;
}

void PreStartHook::run(bool interactive, std::function<void(const Result &)> done)
{
    const Status st = status();
    if (st == Status::Absent || st == Status::Empty) {
        Result r;
        r.ok = true;
        const auto sys = QProcessEnvironment::systemEnvironment();
        for (const QString &k : sys.keys())
            r.exportedEnvironment.insert(k, sys.value(k));
        done(r);
        return;
    }
    if (st == Status::NotApproved) {
        Result r;
        r.error = approvalHint();
        done(r);
        return;
    }
    // The hook is sourced (as the reference does) so its exports count; what it prints goes
    // to stderr, and the environment afterwards is dumped NUL-separated on fd 3 → stdout.
    ProcessSpec spec;
    spec.program = QStringLiteral("bash");
    spec.arguments = {QStringLiteral("-c"),
                      QStringLiteral("exec 3>&1 1>&2; source \"$1\" || exit $?; env -0 >&3"),
                      QStringLiteral("ocs-pre-start-hook"), m_path};
    spec.workingDirectory = m_root;
    spec.forwardInput = interactive;
    spec.forwardStdErr = interactive;
    spec.timeout = std::chrono::minutes(10);
    qCInfo(lcHook) << "running" << m_path;
    runProcess(spec, this, [done, path = m_path](const ProcessResult &pr) {
        Result r;
        if (!pr.ok()) {
            r.error = pr.describeFailure(QStringLiteral("The pre-start hook %1").arg(path));
            done(r);
            return;
        }
        r.ok = true;
        r.exportedEnvironment = parseEnvDump(pr.standardOutput);
        done(r);
    });
}

} // namespace ocs
