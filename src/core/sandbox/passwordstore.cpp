#include "passwordstore.h"

#include "app/environment.h"
#include "logging.h"
#include "secrets/keychainjob.h"

#include <qt6keychain/keychain.h>

#include <QCoreApplication>
#include <QFile>
#include <QPointer>
#include <QRandomGenerator>
#include <QSaveFile>

namespace ocs {

namespace {
struct PwText
{
    Q_DECLARE_TR_FUNCTIONS(ocs::PasswordStore)
};
} // namespace

PasswordStore::PasswordStore(const QString &sandboxId, const QString &stateDir, QObject *parent)
    : QObject(parent)
    , m_sandboxId(sandboxId)
    , m_stateDir(stateDir)
{}

QString PasswordStore::fallbackFile() const
{
    return m_stateDir + QLatin1Char('/') + FileName;
}

QString PasswordStore::generate()
{
    QByteArray bytes(36, Qt::Uninitialized);
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool PasswordStore::keychainEnabled()
{
    const QString setting = environment::value(environment::Variable::Keychain);
    if (setting == QLatin1String("0") || setting == QLatin1String("off"))
        return false;
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    // Without a session bus there is no Secret Service to ask (and asking may hang).
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        return false;
#endif
    return true;
}

void PasswordStore::readKeychain(
    std::function<void(KeychainOutcome, const QString &, const QString &)> cb)
{
    auto *job = new QKeychain::ReadPasswordJob(ServiceName);
    job->setKey(keychainKey());
    job->setInsecureFallback(false);
    keychain::runWithTimeout(job, this, [cb](QKeychain::Job *j) {
        if (!j)
            return cb(KeychainOutcome::Unavailable, QString(), PwText::tr("no answer"));
        auto *rj = static_cast<QKeychain::ReadPasswordJob *>(j);
        switch (j->error()) {
        case QKeychain::NoError:
            if (!rj->textData().isEmpty())
                return cb(KeychainOutcome::Found, rj->textData(), QString());
            return cb(KeychainOutcome::NotFound, QString(), QString());
        case QKeychain::EntryNotFound:
            return cb(KeychainOutcome::NotFound, QString(), QString());
        default:
            return cb(KeychainOutcome::Unavailable, QString(), j->errorString());
        }
    });
}

void PasswordStore::writeKeychain(const QString &password,
                                  std::function<void(KeychainOutcome, const QString &)> cb)
{
    auto *job = new QKeychain::WritePasswordJob(ServiceName);
    job->setKey(keychainKey());
    job->setInsecureFallback(false);
    job->setTextData(password);
    keychain::runWithTimeout(job, this, [cb](QKeychain::Job *j) {
        if (j && j->error() == QKeychain::NoError)
            return cb(KeychainOutcome::Written, QString());
        return cb(KeychainOutcome::Unavailable, j ? j->errorString() : PwText::tr("no answer"));
    });
}

void PasswordStore::obtain(Callback done)
{
    if (!keychainEnabled()) {
        done(useFile(tr("the keychain is switched off or no D-Bus session is running")));
        return;
    }
    QPointer<PasswordStore> self(this);
    readKeychain([self, done](KeychainOutcome outcome, const QString &pw, const QString &why) {
        if (!self)
            return;
        if (outcome == KeychainOutcome::Found) {
            Result r;
            r.ok = true;
            r.password = pw;
            r.location = Location::Keychain;
            return done(r);
        }
        self->afterKeychainMiss(outcome == KeychainOutcome::NotFound, why, done);
    });
}

void PasswordStore::afterKeychainMiss(bool keychainUsable, const QString &why, Callback done)
{
    if (!keychainUsable) {
        qCInfo(lcSecrets) << "keychain unavailable:" << why;
        done(useFile(tr("the keychain is not available (%1)").arg(why)));
        return;
    }
    // The keychain works but holds nothing: adopt an existing file or make a new password.
    QString password;
    bool fromFile = false;
    QFile f(fallbackFile());
    if (f.open(QIODevice::ReadOnly)) {
        password = QString::fromUtf8(f.readAll()).trimmed();
        fromFile = !password.isEmpty();
    }
    if (!fromFile)
        password = generate();
    QPointer<PasswordStore> self(this);
    writeKeychain(password, [self, password, fromFile, done](KeychainOutcome o, const QString &w) {
        if (!self)
            return;
        if (o != KeychainOutcome::Written) {
            done(self->useFile(tr("the keychain refused to store it (%1)").arg(w)));
            return;
        }
        Result r;
        r.ok = true;
        r.password = password;
        r.location = Location::Keychain;
        if (fromFile) {
            QFile::remove(self->fallbackFile());
            r.notice = tr("Moved the server password from %1 into the keychain.")
                           .arg(self->fallbackFile());
        }
        done(r);
    });
}

PasswordStore::Result PasswordStore::useFile(const QString &why)
{
    Result r;
    r.location = Location::File;
    const QString path = fallbackFile();
    QFile f(path);
    if (f.open(QIODevice::ReadOnly)) {
        r.password = QString::fromUtf8(f.readAll()).trimmed();
        f.close();
        // Tighten a file left with looser permissions (e.g. by an old umask).
        if (f.permissions() != (QFile::ReadOwner | QFile::WriteOwner))
            QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    }
    if (!r.password.isEmpty()) {
        r.ok = true;
        return r;
    }
    r.password = generate();
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly)) {
        r.error = tr("cannot write %1: %2").arg(path, out.errorString());
        return r;
    }
    out.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    out.write(r.password.toUtf8() + '\n');
    if (!out.commit()) {
        r.error = tr("cannot write %1: %2").arg(path, out.errorString());
        return r;
    }
    r.ok = true;
    r.notice = tr("Stored the server password in %1 (owner-only), because %2.").arg(path, why);
    return r;
}

void PasswordStore::forget(Callback done)
{
    QFile::remove(fallbackFile());
    if (!keychainEnabled()) {
        Result r;
        r.ok = true;
        done(r);
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(ServiceName);
    job->setKey(keychainKey());
    keychain::runWithTimeout(job, this, [done](QKeychain::Job *j) {
        Result r;
        r.ok = j && (j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound);
        if (!r.ok)
            r.error = j ? j->errorString() : tr("the keychain did not answer");
        done(r);
    });
}

} // namespace ocs
