#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace ocs {

// The OpenCode server password of one sandbox: generated once from a CSPRNG, kept across
// rebuilds, stored in the OS keychain (QtKeychain) under "server-password/<SANDBOX_ID>".
// Where no keychain works it lives in <state>/opencode-password with mode 0600 (the file
// the reference scripts used, which is adopted when found).
class PasswordStore : public QObject
{
    Q_OBJECT
public:
    enum class Location { Keychain, File };
    struct Result
    {
        bool ok = false;
        QString password;
        Location location = Location::File;
        QString notice; // something to tell the user once (fallback used, file migrated)
        QString error;
    };
    using Callback = std::function<void(const Result &)>;

    static inline const QString ServiceName = QStringLiteral("opencode-sandbox");
    static inline const QString FileName = QStringLiteral("opencode-password");

    PasswordStore(const QString &sandboxId, const QString &stateDir, QObject *parent = nullptr);

    // Reads the password, creating and storing one when there is none.
    void obtain(Callback done);
    // Removes it from the keychain and the state folder.
    void forget(Callback done);

    // 36 random bytes as 48 URL-safe characters (288 bits).
    static QString generate();
    // Whether the keychain is worth asking at all (OCS_KEYCHAIN=0, no D-Bus session bus).
    static bool keychainEnabled();

    QString fallbackFile() const;
    QString keychainKey() const { return QStringLiteral("server-password/") + m_sandboxId; }

private:
    enum class KeychainOutcome { Found, NotFound, Unavailable, Written };
    void readKeychain(std::function<void(KeychainOutcome, const QString &, const QString &)> cb);
    void writeKeychain(const QString &password,
                       std::function<void(KeychainOutcome, const QString &)> cb);
    void afterKeychainMiss(bool keychainUsable, const QString &why, Callback done);
    Result useFile(const QString &why);

    QString m_sandboxId;
    QString m_stateDir;
};

} // namespace ocs
