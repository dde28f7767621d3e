#include "keychainjob.h"

#include "logging.h"

#include <qt6keychain/keychain.h>

#include <QTimer>

#include <memory>

namespace ocs::keychain {

void runWithTimeout(QKeychain::Job *job, QObject *context,
                    std::function<void(QKeychain::Job *)> done)
{
    auto answered = std::make_shared<bool>(false);
    auto *timer = new QTimer(context);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, context, [answered, done, timer] {
        timer->deleteLater();
        if (*answered)
            return;
        *answered = true;
        qCWarning(lcSecrets) << "keychain did not answer in time";
        done(nullptr);
    });
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [answered, done, timer](QKeychain::Job *j) {
                         timer->stop();
                         timer->deleteLater();
                         if (*answered)
                             return;
                         *answered = true;
                         done(j);
                     });
    timer->start(JobTimeoutMs);
    job->start();
}

} // namespace ocs::keychain
