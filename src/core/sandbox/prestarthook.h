#pragma once

#include "project/approvedfile.h"

#include <QMap>
#include <QObject>
#include <QString>

#include <functional>

namespace ocs {

class Project;

// opencode-sandbox-pre-start-container.sh: run before a start, its exported variables feed
// env-passthrough. The agent can write to the workspace, so the hook only runs after the
// user approved its exact content (SHA-256 kept in the state folder, outside the workspace).
// The file is read once per use: what is shown is what is approved (approve() takes the hash
// of what was shown), and what runs is the approved buffer, never the path read again.
class PreStartHook : public QObject
{
    Q_OBJECT
public:
    enum class Status { Absent, Empty, Approved, NotApproved };
    struct Result
    {
        bool ok = false;
        QMap<QString, QString> exportedEnvironment; // the environment after the hook ran
        QString error;
    };

    explicit PreStartHook(const Project &project, QObject *parent = nullptr);

    // One read of the hook. A hook that cannot be read safely (a link, a FIFO, too large, …)
    // has status Refused and an error naming the reason.
    ApprovedFile::Snapshot read() const { return m_file.read(); }
    // read()'s status; Refused counts as NotApproved (it cannot be approved or run).
    Status status() const;
    static Status statusOf(const ApprovedFile::Snapshot &snapshot);
    // Approves the content whose SHA-256 (from read()) was shown to the user; refused when
    // the file holds anything else now.
    bool approve(const QString &shownSha256, QString *error) const;
    // Why a start is refused and how to approve, for NotApproved.
    QString approvalHint() const;

    // Runs the hook in a child bash (cwd = project root) and collects the exported
    // environment. The hook is read once; bash sources a private 0600 copy of exactly the
    // approved bytes in the state folder (removed when it ends). `interactive` forwards the
    // terminal's stdin (e.g. `aws sso login`). Absent or empty hooks finish at once with the
    // current environment.
    void run(bool interactive, std::function<void(const Result &)> done);

    static QMap<QString, QString> parseEnvDump(const QByteArray &nulSeparated);

private:
    ApprovedFile m_file;
    QString m_path;
    QString m_root;
    QString m_stateDir;
};

} // namespace ocs
