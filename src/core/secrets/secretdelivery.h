#pragma once

#include "config/projectconfig.h"
#include "engine/containerengine.h"
#include "engine/process.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>

namespace ocs {

// Hands the values of injected secrets (ProjectConfig::injectedSecrets) to the proxy of a
// running sandbox: `<engine> exec -i --user 0 <container> /usr/local/bin/ocs-secrets-load`,
// the rules on its standard input (docker/README.md, "Injected secrets"). A value is never in
// an argument list, an environment, a file of the host or a log.
namespace secretdelivery {

// Where the loader keeps the rules in the container (root's 0700 tmpfs) and the tmpfs
// options of `run`.
inline const QString ContainerDir = QStringLiteral("/run/ocs-secrets");
inline const QString TmpfsOptions = QStringLiteral("rw,nosuid,nodev,noexec,size=1m,mode=0700");
inline const QString LoaderPath = QStringLiteral("/usr/local/bin/ocs-secrets-load");
inline constexpr std::chrono::seconds Timeout{30};

// One header replacement: on a request to one of `hosts` whose header `header` is exactly
// `match` (what the agent sends with the placeholder), the proxy sends `replacement`.
struct Rule
{
    QString name;
    QStringList hosts;
    QString header;
    QByteArray match;
    QByteArray replacement; // holds the value: never logged
};

// A fresh placeholder for NAME: "ocs-secret-NAME-<16 random hex digits>".
QString makePlaceholder(const QString &name);
// The header's value for a format ("{}", "Bearer {}"): every "{}" replaced by `value`.
QByteArray headerValue(const QString &format, const QByteArray &value);
// git over HTTPS (InjectedSecret::gitHosts): the user name the sandbox's credential helper
// gives git, and the Authorization value of basic auth with `password`.
inline const QString GitUser = QStringLiteral("x-access-token");
QByteArray gitBasicAuth(const QByteArray &password);
// The rules for the secrets that have a value (`values`: NAME -> value; names without one
// get no rule and keep their placeholder).
QList<Rule> rules(const QList<InjectedSecret> &secrets, const QMap<QString, QString> &placeholders,
                  const QMap<QString, QByteArray> &values);
// The loader's input: "ocs-secrets 1", one "rule NAME HOSTS HEADER B64(MATCH) B64(REPLACEMENT)"
// line per rule, "end".
QByteArray protocol(const QList<Rule> &rules);
// The command (no value in it); the rules go to its standard input.
ProcessSpec command(const ContainerEngine &engine, const QString &container,
                    const QList<Rule> &rules);
// Runs it; `done(error)`: empty = delivered.
void deliver(const ContainerEngine &engine, const QString &container, const QList<Rule> &rules,
             QObject *context, std::function<void(const QString &error)> done);

} // namespace secretdelivery
} // namespace ocs
