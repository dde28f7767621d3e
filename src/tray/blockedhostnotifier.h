#pragma once

#include "network/decisionlog.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <chrono>

namespace ocs::tray {

// What the tray tells about the hosts one sandbox's proxy blocks during a run: a host denied
// for the first time in the run is announced at once, at most one announcement per interval
// (hosts blocked meanwhile go into the next one: "and 3 more"). In learning mode nothing is
// announced: the denied hosts are collected, and offered when learning ends (turned off, or
// the run ends). No tray here: the controller shows what `announce` carries.
class BlockedHostNotifier : public QObject
{
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds DefaultInterval{10000};

    explicit BlockedHostNotifier(const QString &projectName, QObject *parent = nullptr);

    void setProjectName(const QString &name) { m_project = name; }
    QString projectName() const { return m_project; }
    // The least time between two announcements (tests shorten it).
    void setInterval(std::chrono::milliseconds interval) { m_interval = interval; }

    // One decision of the sandbox's proxy (DecisionLogFollower::decided).
    void addDecision(const ocs::NetworkDecision &decision);

    bool isLearning() const { return m_learning; }
    // Turning it off ends learning: learningFinished() with what was collected (if anything).
    void setLearning(bool learning);
    // The denied hosts collected while learning, in the order first seen.
    QStringList collected() const { return m_collected; }
    // Hosts waiting for the next announcement.
    QStringList pending() const { return m_pending; }

    // A new run: every host is new again, nothing pending, learning off (without a report).
    void reset();
    // The run ended (the sandbox stopped): a learning run reports what it collected; then
    // reset().
    void finishRun();

    // "alpha: x.test was blocked", "alpha: x.test and 3 more were blocked".
    static QString title(const QString &project, const QString &host, int more);

Q_SIGNALS:
    // A notification to show; `host` is the one to select when it is clicked.
    void announce(const QString &title, const QString &text, const QString &host);
    void learningFinished(const QStringList &hosts);

private:
    void show(const QString &host, int more);
    void flush();

    QString m_project;
    std::chrono::milliseconds m_interval = DefaultInterval;
    QSet<QString> m_seen; // denied at least once in this run
    QStringList m_pending;
    QStringList m_collected;
    bool m_learning = false;
    QElapsedTimer m_sinceShown;
    QTimer m_flushTimer;
};

} // namespace ocs::tray
