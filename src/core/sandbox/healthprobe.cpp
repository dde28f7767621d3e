#include "healthprobe.h"

#include "logging.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPointer>

namespace ocs {

HealthProbe::HealthProbe(QObject *parent)
    : QObject(parent)
{
    m_nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_nam.setProxy(QNetworkProxy::NoProxy);
}

QByteArray HealthProbe::basicAuthHeader(const QString &user, const QString &password)
{
    return "Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64();
}

void HealthProbe::check(quint16 port, const QString &password,
                        std::function<void(const Result &)> done)
{
    QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1/global/health").arg(port)));
    req.setRawHeader("Authorization", basicAuthHeader(QStringLiteral("opencode"), password));
    req.setTransferTimeout(int(m_timeout.count()));
    QElapsedTimer clock;
    clock.start();
    QNetworkReply *reply = m_nam.get(req);
    connect(reply, &QNetworkReply::finished, this, [this, reply, done, clock] {
        reply->deleteLater();
        const bool ranOut =
            reply->error() != QNetworkReply::NoError && clock.elapsed() >= m_timeout.count();
        if (ranOut)
            m_timeout = std::min(m_timeout * 2, MaxTimeout);
        Result r;
        r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        // A refused connection leaves the reply closed: nothing to read then.
        const QJsonObject o =
            reply->isOpen() ? QJsonDocument::fromJson(reply->readAll()).object() : QJsonObject();
        r.healthy = r.httpStatus == 200 && o.value(QStringLiteral("healthy")).toBool();
        r.version = o.value(QStringLiteral("version")).toString();
        if (!r.healthy)
            r.error = reply->error() != QNetworkReply::NoError
                          ? reply->errorString()
                          : QStringLiteral("HTTP %1").arg(r.httpStatus);
        qCDebug(lcSandbox).nospace()
            << "health check: " << (r.healthy ? "healthy" : qPrintable(r.error)) << " after "
            << clock.elapsed() << " ms";
        done(r);
    });
}

} // namespace ocs
