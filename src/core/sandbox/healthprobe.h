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

    explicit HealthProbe(QObject *parent = nullptr);

    // One request, given up when no byte moved for `timeout`.
    void check(quint16 port, const QString &password, std::function<void(const Result &)> done,
               std::chrono::milliseconds timeout = std::chrono::seconds(5));
    static QByteArray basicAuthHeader(const QString &user, const QString &password);

private:
    QNetworkAccessManager m_nam;
};

} // namespace ocs
