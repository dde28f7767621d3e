#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace ocs::cli {

// Terminal I/O for the CLI: plain lines to stdout, problems to stderr, y/n questions.
void out(const QString &line);
void err(const QString &line);
void progress(const QString &line); // overwritten in place on a terminal
bool stdinIsTerminal();
bool stdoutIsTerminal();
// Asks a yes/no question; `assumeYes` answers the default without asking. When stdin is
// not a terminal the default is taken and said.
bool confirm(const QString &question, bool defaultYes, bool assumeYes);
// A secret typed on the terminal: `prompt` on stderr, the typing not echoed (termios), one
// line without its line end. nullopt when the input ends first.
std::optional<QByteArray> readHiddenLine(const QString &prompt);
// All of stdin (not a terminal), without one trailing "\n" or "\r\n"; at most `limit`
// bytes are kept (a longer input sets `tooLong`).
QByteArray readStdin(qsizetype limit, bool *tooLong);

} // namespace ocs::cli
