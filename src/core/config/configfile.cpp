#include "configfile.h"

#include "configanalysis.h"
#include "logging.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace ocs {

QString Diagnostic::toString() const
{
    QString s = file;
    if (line > 0) {
        s += u':' + QString::number(line);
        if (column > 0)
            s += u':' + QString::number(column);
    }
    s += severity == Severity::Error ? u": error: "_s : u": warning: "_s;
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
    QFile file(path);
    const QFileInfo info(path);
    QString problem;
    if (!info.exists())
        problem = u"the file does not exist"_s;
    else if (info.isDir())
        problem = u"this is a folder, not a file"_s;
    else if (!file.open(QIODevice::ReadOnly))
        problem = u"cannot read the file: %1"_s.arg(file.errorString());
    if (!problem.isEmpty()) {
        LoadResult result;
        Diagnostic d;
        d.file = path;
        d.message = problem;
        result.diagnostics.append(d);
        qCDebug(lcConfig) << "cannot load" << path << problem;
        return result;
    }
    return parse(file.readAll(), path);
}

ConfigFile::LoadResult ConfigFile::parse(const QByteArray &text, const QString &fileName)
{
    configdetail::Analysis a = configdetail::analyse(text, fileName);
    LoadResult result;
    result.diagnostics = a.diagnostics;
    if (!a.hasErrors())
        result.config = std::move(a.config);
    return result;
}

QByteArray ConfigFile::render(const QByteArray &originalText, const ProjectConfig &config,
                              QStringList *droppedComments)
{
    return configdetail::renderConfig(originalText, config, droppedComments);
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
            return fail(u"cannot read %1: %2"_s.arg(path, in.errorString()));
        original = in.readAll();
    }
    const QByteArray text = render(original, config, droppedComments);

    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return fail(u"cannot write %1: %2"_s.arg(path, out.errorString()));
    // QSaveFile writes a temporary file and renames it over the old one; it gives the new file
    // the old one's permissions, so a private 0600 file stays private (tested).
    if (out.write(text) != text.size()) {
        const QString reason = out.errorString();
        out.cancelWriting();
        return fail(u"cannot write %1: %2"_s.arg(path, reason));
    }
    if (!out.commit())
        return fail(u"cannot write %1: %2"_s.arg(path, out.errorString()));
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
