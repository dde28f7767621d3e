#pragma once

#include <QByteArray>
#include <QString>

namespace ocs {

class Project;

// A workspace file whose content the host acts on only after the user approved exactly
// that content: the pre-start hook (run on the host before a start) and mise.toml (run by
// the image build's `mise install`). The approved SHA-256 is kept in the state file,
// outside the workspace. Everything works on one read of the file (a Snapshot): what is
// shown is what is approved, and what is approved is what is used.
class ApprovedFile
{
public:
    enum class Kind { PreStartHook, MiseToml };
    enum class Status {
        Absent,      // no such file
        Empty,       // only comments and blank lines: nothing would run
        Approved,    // the content's SHA-256 is the approved one
        NotApproved, // new or changed since the last approval
        Refused      // not readable as a plain file (a link, a FIFO, too large, …): see error
    };
    struct Snapshot
    {
        Status status = Status::Absent;
        QByteArray content;
        QString sha256; // hex SHA-256 of `content`
        QString error;  // for Refused: which file and why
    };

    ApprovedFile(const Project &project, Kind kind);

    QString path() const;
    QString fileName() const;
    // The CLI command that shows and approves this file ("ocs hook", "ocs mise").
    QString command() const;

    // Reads the file once (see WorkspaceFile) and rates it against the recorded approval.
    Snapshot read() const;
    // Records `shownSha256` (the hash of the content the user was shown) as approved, but
    // only if the file still holds exactly that content.
    bool approve(const QString &shownSha256, QString *error) const;
    // Why an unapproved file is refused and how to approve it.
    QString approvalHint() const;

    static QString sha256Hex(const QByteArray &data);
    // Only comments ('#') and blank lines.
    static bool onlyComments(const QByteArray &content);
    // mise.toml: only comments, blank lines and bare table headers (nothing to install).
    static bool declaresNothing(const QByteArray &content);

private:
    QString m_root;
    QString m_stateDir;
    Kind m_kind;
};

} // namespace ocs
