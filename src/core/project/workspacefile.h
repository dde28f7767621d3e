#pragma once

#include <QByteArray>
#include <QString>

namespace ocs {

// Reads a file the host acts on (the pre-start hook, mise.toml, the config, extra CA
// certificates). Workspace files are written by the agent, so they are hostile input: a
// symbolic link to /dev/zero or to a file of the user's, a FIFO that never answers, a
// gigabyte of text, a hard link whose other name the agent can write. The reader refuses
// all of these with a message naming the file and the reason, and never blocks.
class WorkspaceFile
{
public:
    static constexpr qint64 DefaultMaxSize = 1024 * 1024;         // config, hook, mise.toml
    static constexpr qint64 CertificateMaxSize = 4 * 1024 * 1024; // a CA bundle

    struct Rules
    {
        qint64 maxSize = DefaultMaxSize;
        // A protected file (mounted read-only in the sandbox) must have one name only: the
        // agent could write it through a second one.
        bool refuseHardLinks = true;
    };
    struct Result
    {
        enum class Status { Ok, Absent, Refused };
        Status status = Status::Refused;
        QByteArray data;
        QString path;   // the file, for messages
        QString reason; // why it was refused ("it is a symbolic link ..."), without the path

        bool ok() const { return status == Status::Ok; }
        bool absent() const { return status == Status::Absent; }
        // "<path>: <reason>"
        QString message() const;
    };

    // `relativePath` below `root` (the canonical project root). No component of it may be a
    // symbolic link or "..", so nothing leads out of the project (checked while opening,
    // one folder at a time, so a swap between a check and the open cannot win); the file
    // must be a regular file within `rules`.
    static Result read(const QString &root, const QString &relativePath, const Rules &rules);
    static Result read(const QString &root, const QString &relativePath)
    {
        return read(root, relativePath, Rules());
    }
    // An absolute path the user wrote (e.g. a CA file in ~): symbolic links are followed,
    // but only a regular file of at most `maxSize` bytes is read, and never blocking.
    static Result readUserFile(const QString &path, qint64 maxSize);
    // A path that may be inside `root` or not: read() when it is below `root`, else
    // readUserFile() (hard links allowed either way).
    static Result readMaybeInWorkspace(const QString &root, const QString &absolutePath,
                                       qint64 maxSize);
};

// `content` as text a person can review: control characters (but tab and newline), ANSI
// escape sequences, carriage returns, Unicode bidirectional and zero-width marks and other
// invisible characters are made visible (`\r`, `\x1b`, `<U+202E>`), as are bytes that are
// not UTF-8 (`\xff`). `marked` (optional) counts what was made visible.
QString visibleText(const QByteArray &content, int *marked = nullptr);

} // namespace ocs
