#include "secretstore.h"

#include "app/appsettings.h"
#include "config/configrules.h"
#include "keychainjob.h"
#include "logging.h"
#include "sandbox/passwordstore.h"
#include "secretstore_p.h"

#include <qt6keychain/keychain.h>

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace ocs {

namespace {

constexpr int CommandTimeoutMs = 10000;
constexpr int MaxValueSize = 8192;

const QString Group = u"secrets"_s;
const QString SharedScope = u"shared"_s;

// The command cache: command line -> output and when it expires (monotonic ms).
struct CachedOutput
{
    QByteArray value;
    qint64 expires = 0;
};

QHash<QString, CachedOutput> &commandCache()
{
    static QHash<QString, CachedOutput> cache;
    return cache;
}

std::function<qint64()> &clockOverride()
{
    static std::function<qint64()> clock;
    return clock;
}

qint64 now()
{
    if (clockOverride())
        return clockOverride()();
    static QElapsedTimer timer;
    if (!timer.isValid())
        timer.start();
    return timer.elapsed();
}

QString kindText(SecretSource::Kind kind)
{
    switch (kind) {
    case SecretSource::Kind::Keychain:
        return u"keychain"_s;
    case SecretSource::Kind::Environment:
        return u"environment"_s;
    case SecretSource::Kind::Command:
        return u"command"_s;
    }
    return {};
}

} // namespace

namespace secretstore_detail {

void setClockForTests(std::function<qint64()> clock)
{
    clockOverride() = std::move(clock);
}

void clearCommandCache()
{
    commandCache().clear();
}

QStringList splitCommand(const QString &command, QString *error)
{
    QStringList words;
    QString word;
    bool inWord = false;
    enum class Quote { None, Single, Double } quote = Quote::None;
    for (qsizetype i = 0; i < command.size(); ++i) {
        const QChar c = command[i];
        switch (quote) {
        case Quote::Single:
            if (c == u'\'')
                quote = Quote::None;
            else
                word += c;
            continue;
        case Quote::Double:
            if (c == u'"') {
                quote = Quote::None;
            } else if (c == u'\\' && i + 1 < command.size() &&
                       QStringView(u"\"\\$`").contains(command[i + 1])) {
                word += command[++i];
            } else {
                word += c;
            }
            continue;
        case Quote::None:
            break;
        }
        if (c == u' ' || c == u'\t' || c == u'\n') {
            if (inWord)
                words << std::exchange(word, QString());
            inWord = false;
            continue;
        }
        inWord = true;
        if (c == u'\'') {
            quote = Quote::Single;
        } else if (c == u'"') {
            quote = Quote::Double;
        } else if (c == u'\\') {
            if (i + 1 < command.size())
                word += command[++i];
        } else {
            word += c;
        }
    }
    if (quote != Quote::None) {
        if (error)
            *error = SecretStore::tr("a quote in the command is not closed");
        return {};
    }
    if (inWord)
        words << word;
    if (words.isEmpty() && error)
        *error = SecretStore::tr("the command is empty");
    return words;
}

} // namespace secretstore_detail

// ---------------------------------------------------------------------------------------------

struct SecretStore::Private
{
    QString sandboxId;
    QString settingsFile;

    QString scopeKey(Scope scope) const { return scope == Scope::Shared ? SharedScope : sandboxId; }
    QString keychainKey(const QString &name, Scope scope) const
    {
        return u"secret/"_s + scopeKey(scope) + u'/' + name;
    }
};

SecretStore::SecretStore(const QString &sandboxId, const QString &settingsFile, QObject *parent)
    : QObject(parent)
    , d(std::make_shared<Private>())
{
    d->sandboxId = sandboxId;
    d->settingsFile = settingsFile.isEmpty() ? AppSettings::defaultFilePath() : settingsFile;
}

SecretStore::~SecretStore() = default;

QString SecretStore::keychainKey(const QString &name, Scope scope) const
{
    return d->keychainKey(name, scope);
}

QString SecretStore::scopeProblem(const QString &name, Scope scope) const
{
    const QString problem = configrules::checkEnvName(name);
    if (!problem.isEmpty())
        return problem;
    if (scope == Scope::Project && d->sandboxId.isEmpty())
        return tr("no project here: use --shared for a secret of all projects");
    return {};
}

QStringList SecretStore::names(Scope scope) const
{
    if (scope == Scope::Project && d->sandboxId.isEmpty())
        return {};
    QSettings s(d->settingsFile, QSettings::IniFormat);
    s.beginGroup(Group);
    s.beginGroup(d->scopeKey(scope));
    QStringList out = s.childGroups();
    out.sort();
    return out;
}

std::optional<SecretSource> SecretStore::source(const QString &name, Scope scope) const
{
    if (!scopeProblem(name, scope).isEmpty())
        return std::nullopt;
    QSettings s(d->settingsFile, QSettings::IniFormat);
    s.beginGroup(Group);
    s.beginGroup(d->scopeKey(scope));
    if (!s.childGroups().contains(name))
        return std::nullopt;
    s.beginGroup(name);
    const QString kind = s.value(u"kind"_s).toString();
    SecretSource src;
    if (kind == u"environment"_s) {
        src.kind = SecretSource::Kind::Environment;
        src.variable = s.value(u"variable"_s).toString();
    } else if (kind == u"command"_s) {
        src.kind = SecretSource::Kind::Command;
        src.command = s.value(u"command"_s).toString();
        src.cacheSeconds = s.value(u"cache"_s, 300).toInt();
    } else {
        src.kind = SecretSource::Kind::Keychain;
    }
    return src;
}

std::optional<SecretStore::Entry> SecretStore::effective(const QString &name) const
{
    for (Scope scope : {Scope::Project, Scope::Shared}) {
        if (const auto src = source(name, scope))
            return Entry{name, scope, *src};
    }
    return std::nullopt;
}

SecretStore::Result SecretStore::record(const QString &name, Scope scope, const SecretSource &src)
{
    QSettings s(d->settingsFile, QSettings::IniFormat);
    s.beginGroup(Group);
    s.beginGroup(d->scopeKey(scope));
    s.remove(name);
    s.beginGroup(name);
    s.setValue(u"kind"_s, kindText(src.kind));
    if (src.kind == SecretSource::Kind::Environment)
        s.setValue(u"variable"_s, src.variable);
    if (src.kind == SecretSource::Kind::Command) {
        s.setValue(u"command"_s, src.command);
        s.setValue(u"cache"_s, src.cacheSeconds);
    }
    s.endGroup();
    s.endGroup();
    s.endGroup();
    s.sync();
    Result r;
    r.ok = s.status() == QSettings::NoError;
    if (!r.ok)
        r.error = tr("cannot write %1").arg(d->settingsFile);
    return r;
}

void SecretStore::forgetSource(const QString &name, Scope scope)
{
    QSettings s(d->settingsFile, QSettings::IniFormat);
    s.beginGroup(Group);
    s.beginGroup(d->scopeKey(scope));
    s.remove(name);
    s.endGroup();
    s.endGroup();
    s.sync();
}

SecretStore::Result SecretStore::setSource(const QString &name, Scope scope,
                                           const SecretSource &source)
{
    Result r;
    r.error = scopeProblem(name, scope);
    if (!r.error.isEmpty())
        return r;
    switch (source.kind) {
    case SecretSource::Kind::Keychain:
        r.error = tr("a keychain value is stored with its value (`ocs secret set NAME`)");
        return r;
    case SecretSource::Kind::Environment:
        r.error = configrules::checkEnvName(source.variable);
        if (!r.error.isEmpty()) {
            r.error = tr("host variable %1").arg(r.error);
            return r;
        }
        break;
    case SecretSource::Kind::Command:
        if (secretstore_detail::splitCommand(source.command, &r.error).isEmpty())
            return r;
        if (source.cacheSeconds < 0) {
            r.error = tr("the cache time must be 0 or more seconds");
            return r;
        }
        break;
    }
    qCInfo(lcSecrets) << "source of" << name << "set to" << kindText(source.kind);
    return record(name, scope, source);
}

void SecretStore::setValue(const QString &name, Scope scope, const QByteArray &value, Callback done)
{
    Result r;
    r.error = scopeProblem(name, scope);
    QString why;
    if (r.error.isEmpty() && !isValidValue(value, &why))
        r.error = tr("the value cannot be used: %1").arg(why);
    if (r.error.isEmpty() && !PasswordStore::keychainEnabled())
        r.error = keychainOffText();
    if (!r.error.isEmpty()) {
        done(r);
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(PasswordStore::ServiceName);
    job->setKey(d->keychainKey(name, scope));
    job->setInsecureFallback(false); // never a file
    job->setTextData(QString::fromLatin1(value));
    QPointer<SecretStore> self(this);
    keychain::runWithTimeout(job, this, [self, name, scope, done](QKeychain::Job *j) {
        if (!self)
            return;
        if (!j || j->error() != QKeychain::NoError) {
            Result failed;
            failed.error = tr("the keychain did not store %1 (%2)")
                               .arg(name, j ? j->errorString() : tr("no answer"));
            return done(failed);
        }
        qCInfo(lcSecrets) << "value of" << name << "stored in the keychain";
        done(self->record(name, scope, SecretSource{}));
    });
}

void SecretStore::remove(const QString &name, Scope scope, Callback done)
{
    Result r;
    r.error = scopeProblem(name, scope);
    if (!r.error.isEmpty()) {
        done(r);
        return;
    }
    const std::optional<SecretSource> src = source(name, scope);
    if (!PasswordStore::keychainEnabled()) {
        if (src && src->kind != SecretSource::Kind::Keychain) {
            forgetSource(name, scope);
            r.ok = true;
        } else {
            r.error = keychainOffText();
        }
        done(r);
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(PasswordStore::ServiceName);
    job->setKey(d->keychainKey(name, scope));
    job->setInsecureFallback(false);
    QPointer<SecretStore> self(this);
    keychain::runWithTimeout(job, this, [self, name, scope, done](QKeychain::Job *j) {
        if (!self)
            return;
        Result removed;
        removed.ok =
            j && (j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound);
        if (!removed.ok) {
            removed.error = tr("the keychain did not remove %1 (%2)")
                                .arg(name, j ? j->errorString() : tr("no answer"));
            return done(removed);
        }
        self->forgetSource(name, scope);
        done(removed);
    });
}

void SecretStore::readKeychain(const QString &name, Scope scope,
                               std::function<void(KeychainRead)> done)
{
    if (!PasswordStore::keychainEnabled()) {
        done({false, false, {}, keychainOffText()});
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(PasswordStore::ServiceName);
    job->setKey(d->keychainKey(name, scope));
    job->setInsecureFallback(false);
    QPointer<SecretStore> self(this);
    keychain::runWithTimeout(job, this, [self, done](QKeychain::Job *j) {
        if (!self)
            return;
        if (!j)
            return done({false, false, {}, tr("the keychain did not answer")});
        auto *rj = static_cast<QKeychain::ReadPasswordJob *>(j);
        switch (j->error()) {
        case QKeychain::NoError: {
            const QByteArray value = rj->textData().toLatin1();
            return done({true, !value.isEmpty(), value, {}});
        }
        case QKeychain::EntryNotFound:
            return done({true, false, {}, {}});
        default:
            return done(
                {false, false, {}, tr("the keychain is not available (%1)").arg(j->errorString())});
        }
    });
}

void SecretStore::isSet(const QString &name, Scope scope,
                        std::function<void(bool set, QString error)> done)
{
    const QString problem = scopeProblem(name, scope);
    if (!problem.isEmpty()) {
        done(false, problem);
        return;
    }
    const std::optional<SecretSource> src = source(name, scope);
    if (src && src->kind == SecretSource::Kind::Environment) {
        done(qEnvironmentVariableIsSet(src->variable.toLocal8Bit().constData()), QString());
        return;
    }
    if (src && src->kind == SecretSource::Kind::Command) {
        done(true, QString());
        return;
    }
    readKeychain(name, scope, [done](const KeychainRead &r) {
        done(r.found, r.answered ? QString() : r.error);
    });
}

QString SecretStore::keychainOffText()
{
    return tr("no keychain is available (OCS_KEYCHAIN is off or no D-Bus session is running); "
              "secrets are kept only in the keychain, or come from a host variable or command "
              "(--from-env, --from-command)");
}

// ---------------------------------------------------------------------------------------------
// resolve(): one name after the other.

struct SecretStore::Resolving
{
    QStringList names;
    qsizetype next = 0;
    QProcessEnvironment env;
    Resolution result;
    std::function<void(const Resolution &)> done;
};

void SecretStore::resolve(const QStringList &names, const QProcessEnvironment &hostEnv,
                          std::function<void(const Resolution &)> done)
{
    auto state = std::make_shared<Resolving>();
    state->names = names;
    state->env = hostEnv;
    state->done = std::move(done);
    resolveNext(state);
}

void SecretStore::resolveNext(std::shared_ptr<Resolving> state)
{
    if (state->next >= state->names.size()) {
        qCInfo(lcSecrets) << "resolved" << state->result.values.size()
                          << "secrets; missing:" << state->result.missing
                          << "errors:" << state->result.errors.size();
        auto done = std::move(state->done);
        done(state->result);
        return;
    }
    const QString name = state->names[state->next++];
    QPointer<SecretStore> self(this);
    auto finish = [self, state, name](std::optional<Resolved> value, const QString &error) {
        if (!self)
            return;
        if (!error.isEmpty()) {
            state->result.errors << name + u": "_s + error;
        } else if (value) {
            QString why;
            if (isValidValue(value->value, &why)) {
                state->result.values << *value;
            } else {
                state->result.errors
                    << name + u": "_s +
                           tr("the value from %1 cannot be used: %2").arg(value->origin, why);
            }
        } else {
            state->result.missing << name;
        }
        // Asynchronously: a long list does not grow the stack.
        QTimer::singleShot(0, self, [self, state] {
            if (self)
                self->resolveNext(state);
        });
    };
    if (!configrules::checkEnvName(name).isEmpty()) {
        finish(std::nullopt, configrules::checkEnvName(name));
        return;
    }
    const std::optional<Entry> entry = effective(name);
    if (!entry) {
        // Nothing recorded: the keychain of the project, then the shared one.
        auto tryShared = [self, name, finish](const QString &projectError) {
            if (!self)
                return;
            self->readKeychain(name, Scope::Shared,
                               [name, finish, projectError](const KeychainRead &r) {
                                   if (r.found)
                                       return finish(Resolved{name, r.value, Scope::Shared,
                                                              tr("keychain (all projects)")},
                                                     QString());
                                   if (!r.answered)
                                       return finish(std::nullopt, r.error);
                                   finish(std::nullopt, projectError);
                               });
        };
        if (d->sandboxId.isEmpty()) {
            tryShared(QString());
            return;
        }
        readKeychain(name, Scope::Project, [name, finish, tryShared](const KeychainRead &r) {
            if (r.found)
                return finish(
                    Resolved{name, r.value, Scope::Project, tr("keychain (this project)")},
                    QString());
            if (!r.answered)
                return finish(std::nullopt, r.error);
            tryShared(QString());
        });
        return;
    }
    const Scope scope = entry->scope;
    const SecretSource &src = entry->source;
    switch (src.kind) {
    case SecretSource::Kind::Keychain:
        readKeychain(name, scope, [name, scope, finish](const KeychainRead &r) {
            if (r.found)
                return finish(Resolved{name, r.value, scope,
                                       scope == Scope::Project ? tr("keychain (this project)")
                                                               : tr("keychain (all projects)")},
                              QString());
            finish(std::nullopt, r.answered ? QString() : r.error);
        });
        return;
    case SecretSource::Kind::Environment: {
        if (!state->env.contains(src.variable))
            return finish(std::nullopt, QString());
        finish(Resolved{name, state->env.value(src.variable).toUtf8(), scope,
                        tr("host variable %1").arg(src.variable)},
               QString());
        return;
    }
    case SecretSource::Kind::Command:
        runCommand(src, state->env,
                   [name, scope, src, finish](const QByteArray &value, const QString &error) {
                       if (!error.isEmpty())
                           return finish(std::nullopt, error);
                       finish(Resolved{name, value, scope, tr("command `%1`").arg(src.command)},
                              QString());
                   });
        return;
    }
}

void SecretStore::runCommand(const SecretSource &src, const QProcessEnvironment &env,
                             std::function<void(const QByteArray &, const QString &)> done)
{
    QHash<QString, CachedOutput> &cache = commandCache();
    const auto cached = cache.constFind(src.command);
    if (src.cacheSeconds > 0 && cached != cache.constEnd() && cached->expires > now()) {
        qCDebug(lcSecrets) << "command output reused from the cache";
        done(cached->value, QString());
        return;
    }
    cache.remove(src.command);
    QString splitError;
    QStringList args = secretstore_detail::splitCommand(src.command, &splitError);
    if (args.isEmpty()) {
        done({}, splitError);
        return;
    }
    const QString program = args.takeFirst();
    auto *p = new QProcess(this);
    p->setProcessEnvironment(env);
    p->setStandardInputFile(QProcess::nullDevice());
    auto finished = std::make_shared<bool>(false);
    auto *timer = new QTimer(p);
    timer->setSingleShot(true);
    const QString command = src.command;
    const int cacheSeconds = src.cacheSeconds;
    auto finish = [p, finished, done](const QByteArray &value, const QString &error) {
        if (*finished)
            return;
        *finished = true;
        p->deleteLater();
        done(value, error);
    };
    connect(timer, &QTimer::timeout, p, [p, command, finish] {
        qCWarning(lcSecrets) << "secret command timed out:" << command;
        p->kill();
        finish({}, tr("the command `%1` did not finish within %2 s")
                       .arg(command)
                       .arg(CommandTimeoutMs / 1000));
    });
    connect(p, &QProcess::errorOccurred, p, [p, command, finish](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            finish({}, tr("the command `%1` could not start: %2").arg(command, p->errorString()));
    });
    connect(p, &QProcess::finished, p,
            [p, command, cacheSeconds, finish](int code, QProcess::ExitStatus status) {
                if (status != QProcess::NormalExit || code != 0) {
                    QString err = QString::fromLocal8Bit(p->readAllStandardError()).trimmed();
                    err = err.section(u'\n', 0, 0).left(200);
                    return finish({}, tr("the command `%1` failed (exit code %2)%3")
                                          .arg(command)
                                          .arg(code)
                                          .arg(err.isEmpty() ? QString() : u": "_s + err));
                }
                const QByteArray value = p->readAllStandardOutput().trimmed();
                if (value.isEmpty())
                    return finish({}, tr("the command `%1` printed nothing").arg(command));
                if (cacheSeconds > 0)
                    commandCache().insert(command, {value, now() + qint64(cacheSeconds) * 1000});
                finish(value, QString());
            });
    timer->start(CommandTimeoutMs);
    p->start(program, args);
}

// ---------------------------------------------------------------------------------------------

bool SecretStore::looksLikeSecret(const QString &variableName)
{
    static const QRegularExpression re(
        u"(^|_)(API_?KEY|KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASS|PAT|CREDENTIALS?|AUTH)$|"
        u"(^|_)(SECRET|TOKEN|PASSWORD|API_?KEY)_"_s,
        QRegularExpression::CaseInsensitiveOption);
    if (variableName.isEmpty())
        return false;
    // Public keys, key files and the like are not secrets themselves.
    static const QRegularExpression harmless(
        u"(PUBLIC|PUBKEY|_ID$|_FILE$|_PATH$|_URL$|_HOST$|_NAME$|_USER$|_USERNAME$|_REGION$)"_s,
        QRegularExpression::CaseInsensitiveOption);
    if (harmless.match(variableName).hasMatch())
        return false;
    return re.match(variableName).hasMatch();
}

bool SecretStore::isValidValue(const QByteArray &value, QString *why)
{
    auto fail = [why](const QString &text) {
        if (why)
            *why = text;
        return false;
    };
    if (value.isEmpty())
        return fail(tr("it is empty"));
    if (value.size() > MaxValueSize)
        return fail(tr("it is longer than %1 bytes").arg(MaxValueSize));
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u == '\r' || u == '\n')
            return fail(tr("it holds a line break"));
        if (u < 0x20 || u > 0x7e)
            return fail(tr("it holds characters other than printable ASCII"));
    }
    return true;
}

} // namespace ocs
