#include "blockedhostnotifier.h"

#include "traylogging.h"

#include <algorithm>
#include <utility>

namespace ocs::tray {

BlockedHostNotifier::BlockedHostNotifier(const QString &projectName, QObject *parent)
    : QObject(parent)
    , m_project(projectName)
{
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &BlockedHostNotifier::flush);
}

QString BlockedHostNotifier::title(const QString &project, const QString &host, int more)
{
    if (more <= 0)
        return tr("%1: %2 was blocked").arg(project, host);
    return tr("%1: %2 and %n more were blocked", nullptr, more).arg(project, host);
}

void BlockedHostNotifier::addDecision(const NetworkDecision &decision)
{
    const QString host = decision.host;
    if (host.isEmpty())
        return;
    if (decision.allowed) {
        // Allowed meanwhile (the user allowed it): nothing left to offer for it.
        m_collected.removeAll(host);
        return;
    }
    if (m_seen.contains(host))
        return;
    m_seen.insert(host);
    if (m_learning) {
        m_collected << host;
        return;
    }
    if (!m_sinceShown.isValid() || m_sinceShown.hasExpired(m_interval.count())) {
        show(host, 0);
        return;
    }
    m_pending << host;
    if (!m_flushTimer.isActive())
        m_flushTimer.start(std::max<qint64>(0, m_interval.count() - m_sinceShown.elapsed()));
}

void BlockedHostNotifier::show(const QString &host, int more)
{
    m_sinceShown.start();
    qCDebug(lcTray) << "blocked host:" << m_project << host << "+" << more;
    Q_EMIT announce(title(m_project, host, more),
                    tr("Click to see the network activity of %1 and allow it.").arg(m_project),
                    host);
}

void BlockedHostNotifier::flush()
{
    if (m_pending.isEmpty())
        return;
    const QStringList hosts = std::exchange(m_pending, {});
    show(hosts.first(), int(hosts.size()) - 1);
}

void BlockedHostNotifier::setLearning(bool learning)
{
    if (learning == m_learning)
        return;
    m_learning = learning;
    if (learning) {
        // What waits for an announcement is collected instead.
        m_flushTimer.stop();
        for (const QString &h : std::exchange(m_pending, {}))
            m_collected << h;
        return;
    }
    const QStringList hosts = std::exchange(m_collected, {});
    if (!hosts.isEmpty())
        Q_EMIT learningFinished(hosts);
}

void BlockedHostNotifier::reset()
{
    m_seen.clear();
    m_pending.clear();
    m_collected.clear();
    m_learning = false;
    m_flushTimer.stop();
    m_sinceShown.invalidate();
}

void BlockedHostNotifier::finishRun()
{
    if (m_learning)
        setLearning(false);
    reset();
}

} // namespace ocs::tray
