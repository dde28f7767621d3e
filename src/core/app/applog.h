#pragma once

#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <memory>
#include <mutex>

namespace ocs {

// The persistent app log: every message that passes the logging filters (the `ocs.*`
// categories: warnings and up, info where a component logs it, debug with OCS_DEBUG=1) is
// appended to a file in the user's state folder, besides going to stderr as before. The tray
// starts from autostart, where stderr is lost; "Save diagnostics…" includes the file's tail.
//
// Folder: $OCS_LOG_DIR, else $XDG_STATE_HOME/opencode-sandbox, else
// ~/.local/state/opencode-sandbox (mode 0700). Files: NAME.log (mode 0600), rotated at
// maxBytes into NAME.log.1, NAME.log.2 … (keepFiles in all, the current one included).
// Several processes may write the same file: writes are O_APPEND, rotation happens under a
// lock file and a writer whose file was rotated away reopens the new one.
//
// Messages are written as they are: nothing the app logs carries a secret (passwords and
// tokens go into private files, never into argv or messages).
class AppLog
{
public:
    struct Options
    {
        QString directory;             // empty: defaultDirectory()
        QString baseName;              // "opencode-sandbox" -> opencode-sandbox.log
        qint64 maxBytes = 1024 * 1024; // rotate when the file would grow past this
        int keepFiles = 3;             // the current file and 2 rotated ones
    };

    explicit AppLog(Options options);
    ~AppLog();
    AppLog(const AppLog &) = delete;
    AppLog &operator=(const AppLog &) = delete;

    static QString defaultDirectory();

    // Appends one line (a newline is added). Thread-safe. False when the file cannot be
    // written (the folder cannot be made, the disk is full...).
    bool append(const QString &line);

    QString directory() const { return m_options.directory; }
    QString filePath() const;
    // The current file first, then the rotated ones that exist.
    QStringList files() const;
    // The last maxBytes of the log, older rotated files first if the current one is shorter.
    QString tail(qint64 maxBytes) const;

    // Installs a Qt message handler that writes every message to the default log (the tray and
    // the CLI share opencode-sandbox.log; each line names the program and its pid) and then hands
    // it to the handler that was installed before (stderr by default). The log lives until
    // uninstall() or the end of the process. Returns the log (or nullptr if its folder cannot
    // be made; the previous handler stays). Also applies OCS_DEBUG (all ocs.* debug messages).
    static AppLog *install();
    static void uninstall();
    // The installed log (nullptr if none).
    static AppLog *instance();

    // One formatted line as the handler writes it (without the newline).
    static QString formatLine(QtMsgType type, const char *category, const QString &message);

private:
    bool openLocked();
    bool rotateLocked(qint64 incoming);
    bool ensureDirectory() const;

    Options m_options;
    mutable std::mutex m_mutex;
    int m_fd = -1;
};

} // namespace ocs
