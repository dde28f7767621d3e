#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace ocs::tray {

// Opens a terminal window running `ocs terminal` in a project folder: x-terminal-emulator,
// gnome-terminal, konsole or xterm on Linux; Terminal.app on macOS.
class TerminalOpener
{
    Q_DECLARE_TR_FUNCTIONS(TerminalOpener)
public:
    struct Command
    {
        QString program;
        QStringList arguments;
        QString workingDirectory;
    };
    using Finder = std::function<QString(const QString &name)>;

    // `ocs` next to this executable (installed side by side, or the build tree's
    // ../cli/ocs), else on PATH; "" when there is none.
    static QString ocsExecutable();

    // The command for the first terminal emulator `find` knows (nullopt: none). `ocs` is
    // the CLI's path.
    static std::optional<Command> plan(const QString &projectRoot, const QString &ocs,
                                       const Finder &find);

    // Starts it detached (never waits). On failure `error` says what to install.
    static bool open(const QString &projectRoot, QString *error);
};

} // namespace ocs::tray
