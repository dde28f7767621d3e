#pragma once

// Reading a sandbox's decision log (see policyfiles.h for the files and their format).

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

#include <chrono>
#include <optional>

class QFileSystemWatcher;
class QTimer;

namespace ocs {

struct NetworkDecision
{
    QDateTime time; // UTC
    bool allowed = false;
    QString host;
    int port = 0;
    QString method; // "CONNECT", "GET", ...
    QString rule;
};

struct HostActivity
{
    QString host;
    QString domain; // networkpolicy::domainOf(host)
    qint64 allowed = 0;
    qint64 denied = 0;
    QDateTime last;
    bool lastAllowed = false;
    QString lastRule;
};

class DecisionLog
{
public:
    // What a reader accepts from the files (written by a process in the sandbox): longer
    // lines are skipped, only the newest MaxDecisions decisions and the last MaxReadBytes of
    // each file are read.
    static constexpr qsizetype MaxLineBytes = 4096;
    static constexpr qsizetype MaxDecisions = 20000;
    static constexpr qint64 MaxReadBytes = 4 * 1024 * 1024;

    explicit DecisionLog(QString logDir);

    // The decisions of decisions.1.jsonl then decisions.jsonl, oldest first; lines that are
    // not a valid decision are skipped (the log is written by a process in the sandbox).
    QList<NetworkDecision> decisions() const;
    // Per host, from counts.json (falls back to counting decisions() when it is missing),
    // most recent first.
    QList<HostActivity> activity() const;

    // One line of decisions.jsonl; nullopt when it is not a valid decision.
    static std::optional<NetworkDecision> parseLine(const QByteArray &line);
    static QByteArray toJson(const NetworkDecision &d); // the same format, for --json output

private:
    QString m_dir;
};

// Reports decisions as they are appended (survives rotation). Woken by the file system
// (inotify through QFileSystemWatcher) when the log folder or file changes, with a slow poll
// as the fallback where no change notification arrives (a network home): an idle tray does
// not wake up several times a second per running sandbox (issue 14, figure 4).
class DecisionLogFollower : public QObject
{
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds FallbackInterval{5000};
    static constexpr std::chrono::milliseconds CoalesceDelay{50}; // a burst of writes, one read

    explicit DecisionLogFollower(QString logDir, QObject *parent = nullptr);
    // Starts at the end of the log: only decisions after this call are reported.
    void start();
    void stop();
    void setFallbackInterval(std::chrono::milliseconds interval);
    int polls() const { return m_polls; } // how often it looked (tests, benchmarks)

Q_SIGNALS:
    void decided(const ocs::NetworkDecision &decision);

private:
    void poll();
    void watchPaths();
    // Reads `path` from m_offset to its end (complete lines only).
    void readFrom(const QString &path);
    void take(const QByteArray &bytes);
    QString m_dir;
    QTimer *m_timer = nullptr; // the fallback poll
    QTimer *m_kick = nullptr;  // a change was notified: read soon
    QFileSystemWatcher *m_watcher = nullptr;
    int m_polls = 0;
    qint64 m_offset = 0;
    QByteArray m_ino; // identity of decisions.jsonl when m_offset was taken
    QByteArray m_pending;
    bool m_skipping = false; // in a line longer than DecisionLog::MaxLineBytes
};

} // namespace ocs
