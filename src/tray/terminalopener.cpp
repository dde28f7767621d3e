#include "terminalopener.h"

#include "traylogging.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace ocs::tray {

QString TerminalOpener::ocsExecutable()
{
    const QString dir = QCoreApplication::applicationDirPath();
    for (const QString &candidate :
         {dir + QStringLiteral("/ocs"), dir + QStringLiteral("/../cli/ocs")}) {
        const QFileInfo fi(candidate);
        if (fi.isFile() && fi.isExecutable())
            return fi.canonicalFilePath();
    }
    return QStandardPaths::findExecutable(QStringLiteral("ocs"));
}

std::optional<TerminalOpener::Command> TerminalOpener::plan(const QString &projectRoot,
                                                            const QString &ocs, const Finder &find)
{
#ifdef Q_OS_MACOS
    // Terminal.app opens a .command file as a script; it holds only paths.
    const QString open = find(QStringLiteral("open"));
    if (open.isEmpty())
        return std::nullopt;
    auto quote = [](QString s) {
        return QLatin1Char('\'') + s.replace(QLatin1Char('\''), QStringLiteral("'\\''")) +
               QLatin1Char('\'');
    };
    const QString script =
        QDir::tempPath() +
        QStringLiteral("/ocs-terminal-%1.command").arg(QString::number(qHash(projectRoot), 16));
    QFile f(script);
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        f.write(QStringLiteral("#!/bin/sh\ncd %1 && exec %2 terminal\n")
                    .arg(quote(projectRoot), quote(ocs))
                    .toUtf8());
        f.close();
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    return Command{open, {QStringLiteral("-a"), QStringLiteral("Terminal"), script}, projectRoot};
#else
    const QStringList run{ocs, QStringLiteral("terminal")};
    struct Candidate
    {
        QString name;
        QStringList prefix;
    };
    const QList<Candidate> candidates{
        {QStringLiteral("x-terminal-emulator"), {QStringLiteral("-e")}},
        {QStringLiteral("gnome-terminal"),
         {QStringLiteral("--working-directory=") + projectRoot, QStringLiteral("--")}},
        {QStringLiteral("konsole"),
         {QStringLiteral("--workdir"), projectRoot, QStringLiteral("-e")}},
        {QStringLiteral("xterm"), {QStringLiteral("-e")}},
    };
    for (const Candidate &c : candidates) {
        const QString program = find(c.name);
        if (!program.isEmpty())
            return Command{program, c.prefix + run, projectRoot};
    }
    return std::nullopt;
#endif
}

bool TerminalOpener::open(const QString &projectRoot, QString *error)
{
    const QString ocs = ocsExecutable();
    if (ocs.isEmpty()) {
        if (error)
            *error = tr("The `ocs` command was not found next to this program or on PATH.");
        return false;
    }
    const auto cmd = plan(projectRoot, ocs,
                          [](const QString &name) { return QStandardPaths::findExecutable(name); });
    if (!cmd) {
        if (error)
            *error = tr("No terminal emulator found. Install one (e.g. xterm, GNOME Terminal "
                        "or Konsole), or run `ocs terminal` in %1 yourself.")
                         .arg(projectRoot);
        return false;
    }
    qCInfo(lcTray) << "terminal:" << cmd->program << cmd->arguments;
    QProcess p;
    p.setProgram(cmd->program);
    p.setArguments(cmd->arguments);
    p.setWorkingDirectory(cmd->workingDirectory);
    if (!p.startDetached()) {
        if (error)
            *error = tr("Could not start %1.").arg(cmd->program);
        return false;
    }
    return true;
}

} // namespace ocs::tray
