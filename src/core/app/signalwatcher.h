#pragma once

#include <QObject>

class QSocketNotifier;

namespace ocs {

// Turns SIGINT/SIGTERM/SIGHUP into a Qt signal (self-pipe), so Ctrl+C can stop a sandbox
// cleanly from the event loop.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void interrupted(int signal);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace ocs
