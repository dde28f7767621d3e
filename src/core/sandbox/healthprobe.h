#pragma once

#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>

namespace ocs {

// Asks OpenCode's /global/health on the sandbox's loopback port until it answers
// {"healthy":true} (or the time is up). Uses the password; never logs it.
class HealthProbe : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        bool healthy = false;
        int httpStatus = 0;
        QString version;
        QString error;
    };

    // A request sent while OpenCode is still starting can stay unanswered (its socket takes
    // the connection before it serves): a request is given up when no byte moved for this
    // long at first; each one that runs out doubles the limit, up to MaxTimeout, for slow
    // machines.
    static constexpr std::chrono::milliseconds FirstTimeout{500};
    static constexpr std::chrono::milliseconds MaxTimeout{5000};

    explicit HealthProbe(QObject *parent = nullptr);

    // One request, given up when no byte moved for the current limit (see FirstTimeout).
    void check(quint16 port, const QString &password, std::function<void(const Result &)> done);
    // Back to FirstTimeout: for a new start.
    void resetTimeout() { m_timeout = FirstTimeout; }
    static QByteArray basicAuthHeader(const QString &user, const QString &password);

private:
    QNetworkAccessManager m_nam;
    std::chrono::milliseconds m_timeout = FirstTimeout;
};

} // namespace ocs
