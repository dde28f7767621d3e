#pragma once

#include <QString>

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

} // namespace ocs::cli
