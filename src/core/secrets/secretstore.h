#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace ocs {

// Where the value of an injected secret (ProjectConfig::injectedSecrets) comes from. Never
// from the project (the agent can write there): the choice is the user's, kept in the app's
// settings (names and sources only, never a value); the value itself is in the OS keychain,
// in a host environment variable, or printed by a host command at start.
struct SecretSource
{
    enum class Kind { Keychain, Environment, Command };
    Kind kind = Kind::Keychain;
    QString variable;       // Environment: the host variable's name
    QString command;        // Command: a command line, split like a shell would (no shell runs)
    int cacheSeconds = 300; // Command: how long its output is reused (0 = every start)
    bool operator==(const SecretSource &) const = default;
};

// The secrets of one project (its sandbox ID) and the ones shared by all projects. A
// project's own entry wins over the shared one of the same name.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    enum class Scope { Project, Shared };
    Q_ENUM(Scope)

    struct Entry
    {
        QString name;
        Scope scope = Scope::Project;
        SecretSource source;
    };
    struct Result
    {
        bool ok = false;
        QString error; // for the user: what failed and what to do
    };
    using Callback = std::function<void(const Result &)>;

    struct Resolved
    {
        QString name;
        QByteArray value; // never logged, printed or written to a file
        Scope scope = Scope::Project;
        QString origin; // for the user: "keychain (this project)", "host variable X", …
    };
    struct Resolution
    {
        QList<Resolved> values;
        QStringList missing; // names with no value anywhere (with no error)
        QStringList errors;  // "NAME: why" (keychain unavailable, command failed, …)
    };

    // keychain service: PasswordStore::ServiceName; keys "secret/<SANDBOX_ID>/<NAME>" and
    // "secret/shared/<NAME>". The sources live in AppSettings' file (group "secrets").
    // sandboxId empty: only the shared scope is usable.
    explicit SecretStore(const QString &sandboxId, const QString &settingsFile = QString(),
                         QObject *parent = nullptr);
    ~SecretStore() override;

    // The keychain entry's key: "secret/<SANDBOX_ID>/<NAME>" or "secret/shared/<NAME>".
    QString keychainKey(const QString &name, Scope scope) const;

    // Names with a recorded source in that scope (sorted).
    QStringList names(Scope scope) const;
    std::optional<SecretSource> source(const QString &name, Scope scope) const;
    // The entry a start would use: the project's, else the shared one.
    std::optional<Entry> effective(const QString &name) const;
    // Records a non-keychain source (Environment or Command).
    Result setSource(const QString &name, Scope scope, const SecretSource &source);

    // Stores the value in the keychain and records the source Keychain.
    void setValue(const QString &name, Scope scope, const QByteArray &value, Callback done);
    // Removes the keychain entry (if any) and the recorded source.
    void remove(const QString &name, Scope scope, Callback done);
    // Whether the keychain holds a value (keychain sources only; others: true).
    void isSet(const QString &name, Scope scope, std::function<void(bool set, QString error)> done);

    // Values for a start, for every name (effective entry; none recorded = the keychain of
    // the project, then the shared one). Commands run with a 10 s timeout, their output
    // (trimmed) is cached in this process for cacheSeconds.
    void resolve(const QStringList &names, const QProcessEnvironment &hostEnv,
                 std::function<void(const Resolution &)> done);

    // Whether a name looks like a credential (…_API_KEY, …_TOKEN, …_SECRET, …): `ocs
    // validate` and the Settings dialog suggest injecting it instead of env-passthrough.
    static bool looksLikeSecret(const QString &variableName);
    // A value that can travel in an HTTP header: printable ASCII, no CR/LF, 1..8192 bytes.
    static bool isValidValue(const QByteArray &value, QString *why = nullptr);

    // Why nothing is stored without a keychain (for the CLI and the tray).
    static QString keychainOffText();

private:
    struct Private;
    struct Resolving;
    struct KeychainRead
    {
        bool answered = false; // the keychain answered (found or not)
        bool found = false;
        QByteArray value;
        QString error;
    };

    QString scopeProblem(const QString &name, Scope scope) const;
    Result record(const QString &name, Scope scope, const SecretSource &source);
    void forgetSource(const QString &name, Scope scope);
    void readKeychain(const QString &name, Scope scope, std::function<void(KeychainRead)> done);
    void resolveNext(std::shared_ptr<Resolving> state);
    void runCommand(const SecretSource &source, const QProcessEnvironment &env,
                    std::function<void(const QByteArray &, const QString &)> done);

    std::shared_ptr<Private> d;
};

} // namespace ocs
