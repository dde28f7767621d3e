#include "prestarthook.h"

#include "engine/process.h"
#include "logging.h"
#include "project/project.h"

#include <QProcessEnvironment>
#include <QRandomGenerator>

namespace ocs {

PreStartHook::PreStartHook(const Project &project, QObject *parent)
    : QObject(parent)
    , m_file(project, ApprovedFile::Kind::PreStartHook)
    , m_path(project.hookPath())
    , m_root(project.root())
    , m_stateDir(project.stateDir())
{}

PreStartHook::Status PreStartHook::statusOf(const ApprovedFile::Snapshot &snapshot)
{
    switch (snapshot.status) {
    case ApprovedFile::Status::Absent:
        return Status::Absent;
    case ApprovedFile::Status::Empty:
        return Status::Empty;
    case ApprovedFile::Status::Approved:
        return Status::Approved;
    case ApprovedFile::Status::NotApproved:
    case ApprovedFile::Status::Refused:
        break;
    }
    return Status::NotApproved;
}

PreStartHook::Status PreStartHook::status() const
{
    return statusOf(read());
}

bool PreStartHook::approve(const QString &shownSha256, QString *error) const
{
    return m_file.approve(shownSha256, error);
}

QString PreStartHook::approvalHint() const
{
    return m_file.approvalHint();
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
    // One read: the bytes checked here are the bytes that run.
    const ApprovedFile::Snapshot hook = read();
    const Status st = statusOf(hook);
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
        r.error = hook.status == ApprovedFile::Status::Refused
                      ? tr("The pre-start hook was not run: %1").arg(hook.error)
                      : approvalHint();
        done(r);
        return;
    }
    // The hook is sourced (as the reference does) so its exports count; what it prints goes
    // to stderr, and the environment afterwards is dumped NUL-separated on fd 3 → stdout.
    // Not the workspace path: a private copy of the approved buffer (0600, in the state
    // folder the agent cannot reach), so a swap of the file after the check cannot run.
    ProcessSpec spec;
    spec.program = QStringLiteral("bash");
    const QString script =
        m_stateDir + QStringLiteral("/pre-start-hook-%1.sh")
                         .arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
    spec.privateFilePath = script;
    spec.privateFileContents = hook.content;
    spec.arguments = {QStringLiteral("-c"),
                      QStringLiteral("exec 3>&1 1>&2; source \"$1\" || exit $?; env -0 >&3"),
                      QStringLiteral("ocs-pre-start-hook"), script};
    spec.workingDirectory = m_root;
    spec.forwardInput = interactive;
    spec.forwardStdErr = interactive;
    spec.timeout = std::chrono::minutes(10);
    qCInfo(lcHook) << "running" << m_path;
    runProcess(spec, this, [done, path = m_path](const ProcessResult &pr) {
        Result r;
        if (!pr.ok()) {
            r.error = pr.describeFailure(tr("The pre-start hook %1").arg(path));
            done(r);
            return;
        }
        r.ok = true;
        r.exportedEnvironment = parseEnvDump(pr.standardOutput);
        done(r);
    });
}

} // namespace ocs
