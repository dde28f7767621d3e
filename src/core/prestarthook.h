#pragma once

#include <QMap>
#include <QObject>
#include <QString>

#include <functional>

namespace ocs {

class Project;

// opencode-sandbox-pre-start-container.sh: run before a start, its exported variables feed
// env-passthrough. The agent can write to the workspace, so the hook only runs after the
// user approved its exact content (SHA-256 kept in the state folder, outside the workspace).
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

    Status status() const;
    QByteArray content() const;
    QString currentSha256() const;
    // Records approval of the content as it is now.
    bool approve(QString *error) const;
    // Why a start is refused and how to approve, for NotApproved.
    QString approvalHint() const;

    // Runs the hook in a child bash (cwd = project root) and collects the exported
    // environment. `interactive` forwards the terminal's stdin (e.g. `aws sso login`).
    // Absent or empty hooks finish at once with the current environment.
    void run(bool interactive, std::function<void(const Result &)> done);

    static QMap<QString, QString> parseEnvDump(const QByteArray &nulSeparated);

private:
    QString m_path;
    QString m_root;
    QString m_stateDir;
};

} // namespace ocs
