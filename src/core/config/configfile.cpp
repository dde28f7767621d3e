#include "configfile.h"

#include "configanalysis.h"
#include "logging.h"
#include "project/workspacefile.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ocs {

namespace {
struct FileText
{
    Q_DECLARE_TR_FUNCTIONS(ocs::ConfigAnalysis)
};
} // namespace

QString Diagnostic::toString() const
{
    QString s = file;
    if (line > 0) {
        s += u':' + QString::number(line);
        if (column > 0)
            s += u':' + QString::number(column);
    }
    // "file:line: error: message" (the severity word translated; the CLI prints English).
    s += u": "_s + (severity == Severity::Error ? FileText::tr("error") : FileText::tr("warning")) +
         u": "_s;
    return s + message;
}

QString ConfigFile::LoadResult::errorSummary() const
{
    QStringList lines;
    lines.reserve(diagnostics.size());
    for (const Diagnostic &d : diagnostics)
        lines.append(d.toString());
    return lines.join(u'\n');
}

ConfigFile::LoadResult ConfigFile::load(const QString &path)
{
    // The config is in the workspace, which the agent writes: no link followed, no FIFO
    // waited on, no hard-linked or huge file read (WorkspaceFile).
    const QFileInfo info(path);
    const WorkspaceFile::Result file = WorkspaceFile::read(info.absolutePath(), info.fileName());
    QString problem;
    if (file.absent())
        problem = FileText::tr("the file does not exist");
    else if (!file.ok())
        problem = FileText::tr("cannot read the file: %1").arg(file.reason);
    if (!problem.isEmpty()) {
        LoadResult result;
        Diagnostic d;
        d.file = path;
        d.message = problem;
        result.diagnostics.append(d);
        qCDebug(lcConfig) << "cannot load" << path << problem;
        return result;
    }
    return parse(file.data, path);
}

ConfigFile::LoadResult ConfigFile::parse(const QByteArray &text, const QString &fileName)
{
    configdetail::Analysis a = configdetail::analyse(text, fileName);
    LoadResult result;
    result.diagnostics = a.diagnostics;
    result.suggestions = a.suggestions;
    if (!a.hasErrors())
        result.config = std::move(a.config);
    return result;
}

QByteArray ConfigFile::render(const QByteArray &originalText, const ProjectConfig &config,
                              QStringList *droppedComments)
{
    return configdetail::renderConfig(originalText, config, droppedComments);
}

bool ConfigFile::writeInPlace(const QString &path, const QByteArray &text, QString *reason)
{
    // No symlink followed, no FIFO waited on; the file must be a plain file of its own.
    const int fd =
        ::open(QFile::encodeName(path).constData(), O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        *reason = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    auto failWith = [&](const QString &why) {
        *reason = why;
        ::close(fd);
        return false;
    };
    struct stat st
    {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return failWith(FileText::tr("not a regular file"));
    qsizetype written = 0;
    while (written < text.size()) {
        const ssize_t n =
            ::pwrite(fd, text.constData() + written, size_t(text.size() - written), off_t(written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return failWith(QString::fromLocal8Bit(std::strerror(errno)));
        written += n;
    }
    if (::ftruncate(fd, off_t(text.size())) != 0 || ::fsync(fd) != 0)
        return failWith(QString::fromLocal8Bit(std::strerror(errno)));
    ::close(fd);
    return true;
}

bool ConfigFile::save(const QString &path, const ProjectConfig &config, QString *errorMessage,
                      QStringList *droppedComments)
{
    auto fail = [&](const QString &message) {
        if (errorMessage)
            *errorMessage = message;
        qCWarning(lcConfig) << "cannot save" << path << message;
        return false;
    };
    QByteArray original;
    if (QFileInfo::exists(path)) {
        QFile in(path);
        if (!in.open(QIODevice::ReadOnly))
            return fail(FileText::tr("cannot read %1: %2").arg(path, in.errorString()));
        original = in.readAll();
    }
    const QByteArray text = render(original, config, droppedComments);

    if (QFileInfo::exists(path)) {
        // In place, keeping the inode: a running sandbox has this very file mounted read-only,
        // and replacing it (a new file renamed over it) would detach that mount inside the
        // sandbox, leaving the agent the new, writable file.
        QString reason;
        if (!writeInPlace(path, text, &reason))
            return fail(FileText::tr("cannot write %1: %2").arg(path, reason));
    } else {
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly))
            return fail(FileText::tr("cannot write %1: %2").arg(path, out.errorString()));
        if (out.write(text) != text.size()) {
            const QString reason = out.errorString();
            out.cancelWriting();
            return fail(FileText::tr("cannot write %1: %2").arg(path, reason));
        }
        if (!out.commit())
            return fail(FileText::tr("cannot write %1: %2").arg(path, out.errorString()));
    }
    if (errorMessage)
        errorMessage->clear();
    qCDebug(lcConfig) << "saved" << path;
    return true;
}

QByteArray ConfigFile::defaultTemplate(const QString &sandboxName)
{
    return configdetail::renderTemplate(sandboxName);
}

} // namespace ocs
