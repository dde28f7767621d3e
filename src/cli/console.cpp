#include "console.h"

#include <QTextStream>

#include <cstdio>
#include <iostream>
#include <string>
#include <termios.h>
#include <unistd.h>

namespace ocs::cli {

namespace {
bool g_progressOpen = false;
void closeProgress()
{
    if (g_progressOpen) {
        std::fputs("\n", stderr);
        g_progressOpen = false;
    }
}
} // namespace

void out(const QString &line)
{
    closeProgress();
    std::fputs(line.toLocal8Bit().constData(), stdout);
    std::fputs("\n", stdout);
    std::fflush(stdout);
}

void err(const QString &line)
{
    closeProgress();
    std::fflush(stdout);
    std::fputs(line.toLocal8Bit().constData(), stderr);
    std::fputs("\n", stderr);
    std::fflush(stderr);
}

void progress(const QString &line)
{
    if (::isatty(STDERR_FILENO)) {
        QString shown = line;
        if (shown.size() > 110)
            shown = shown.left(107) + QStringLiteral("...");
        std::fprintf(stderr, "\r\033[K%s", shown.toLocal8Bit().constData());
        g_progressOpen = true;
    } else {
        std::fprintf(stderr, "%s\n", line.toLocal8Bit().constData());
    }
    std::fflush(stderr);
}

bool stdinIsTerminal()
{
    return ::isatty(STDIN_FILENO);
}

bool stdoutIsTerminal()
{
    return ::isatty(STDOUT_FILENO);
}

bool confirm(const QString &question, bool defaultYes, bool assumeYes)
{
    const QString hint = defaultYes ? QStringLiteral("[Y/n]") : QStringLiteral("[y/N]");
    if (assumeYes) {
        out(QStringLiteral("%1 %2 %3")
                .arg(question, hint, defaultYes ? QStringLiteral("yes") : QStringLiteral("no")));
        return defaultYes;
    }
    closeProgress();
    std::fprintf(stdout, "%s %s ", question.toLocal8Bit().constData(), hint.toLatin1().constData());
    std::fflush(stdout);
    std::string answer;
    if (!std::getline(std::cin, answer)) {
        out(defaultYes ? QStringLiteral("yes (no input)") : QStringLiteral("no (no input)"));
        return defaultYes;
    }
    const QString a = QString::fromStdString(answer).trimmed().toLower();
    if (a.isEmpty())
        return defaultYes;
    return a == QLatin1String("y") || a == QLatin1String("yes");
}

std::optional<QByteArray> readHiddenLine(const QString &prompt)
{
    closeProgress();
    std::fflush(stdout);
    // Echo goes off before the prompt shows: what is typed as soon as it appears is never shown.
    termios saved{};
    const bool terminal = ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (terminal) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        quiet.c_lflag |= ECHONL;
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::fputs(prompt.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
    QByteArray line;
    bool ended = false;
    for (;;) {
        char c = 0;
        const ssize_t n = ::read(STDIN_FILENO, &c, 1);
        if (n <= 0) {
            ended = line.isEmpty();
            break;
        }
        if (c == '\n')
            break;
        line += c;
    }
    if (terminal)
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    if (line.endsWith('\r'))
        line.chop(1);
    if (ended)
        return std::nullopt;
    return line;
}

QByteArray readStdin(qsizetype limit, bool *tooLong)
{
    QByteArray data;
    *tooLong = false;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
        if (n <= 0)
            break;
        if (data.size() + n > limit + 2) {
            *tooLong = true;
            continue; // drain, keep nothing more
        }
        data.append(buf, n);
    }
    if (data.endsWith("\r\n"))
        data.chop(2);
    else if (data.endsWith('\n'))
        data.chop(1);
    if (data.size() > limit)
        *tooLong = true;
    return data;
}

} // namespace ocs::cli
