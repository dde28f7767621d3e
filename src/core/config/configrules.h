#pragma once

// The value rules of opencode-sandbox-config.yaml, one function per kind of value, so the
// settings dialogs can check a single field the same way ConfigFile::parse() does.
//
// Every check returns an empty string when the value is fine, otherwise a plain-language
// message about the value that does not name the key (the caller adds "key: " in front).

#include <QString>
#include <QStringList>

namespace ocs::configrules {

// Top-level keys.
inline const QString KeySandboxName = QStringLiteral("sandbox-name");
inline const QString KeyHttpDomainWhitelist = QStringLiteral("http-domain-whitelist");
inline const QString KeyHttpDomainBlacklist = QStringLiteral("http-domain-blacklist");
inline const QString KeyHostPorts = QStringLiteral("host-ports");
inline const QString KeyEnvPassthrough = QStringLiteral("env-passthrough");
inline const QString KeyEnv = QStringLiteral("env");
inline const QString KeyExtraCaCertificates = QStringLiteral("extra-ca-certificates");
inline const QString KeyMemoryLimit = QStringLiteral("memory-limit");
inline const QString KeyCpuLimit = QStringLiteral("cpu-limit");
inline const QString KeyPidsLimit = QStringLiteral("pids-limit");
inline const QString KeyReadOnlyPaths = QStringLiteral("read-only-paths");
inline const QString KeyPublishedPorts = QStringLiteral("published-ports");
inline const QString KeyShareOpenCodeSettings = QStringLiteral("share-opencode-settings");
inline const QString KeyInjectedSecrets = QStringLiteral("injected-secrets");

// The table of all keys, with what each one means, is in configkeys.h.

inline constexpr int MaxSandboxNameLength = 63;
inline constexpr int MinPidsLimit = 64;
inline constexpr int MaxPidsLimit = 1000000;

// ^[a-z0-9]([a-z0-9-]*[a-z0-9])?$, at most 63 characters.
QString checkSandboxName(const QString &name);

// One http-domain-whitelist entry. On success `normalised` (if given) receives the form
// stored in ProjectConfig: lower case, "*.example.com" written as ".example.com".
QString checkDomain(const QString &entry, QString *normalised = nullptr);

// One host-ports entry as written ("5432"); on success `port` receives the number.
QString checkPort(const QString &text, quint16 *port = nullptr);

// One published-ports entry: a port of the sandbox (checkPort) other than its web UI's.
QString checkPublishedPort(const QString &text, quint16 *port = nullptr);

// [A-Za-z_][A-Za-z0-9_]*
QString checkEnvName(const QString &name);
// Why a variable name may not be set from the config (empty when it may).
QString reservedEnvReason(const QString &name);

QString checkMemoryLimit(const QString &text);                     // "4g", "512m", "1073741824"
QString checkCpuLimit(const QString &text);                        // "2", "1.5"
QString checkPidsLimit(const QString &text, int *value = nullptr); // 64..1000000
QString checkReadOnlyPath(const QString &entry);                   // "docs", "!.git"
QString checkCaCertificatePath(const QString &path);
// A YAML boolean (true/false, yes/no, on/off, any case); `value` receives it.
QString checkBoolean(const QString &text, bool *value = nullptr);

// injected-secrets (InjectedSecret): one host (an exact name, no wildcard), an HTTP header name
// (a token, not one the proxy manages), and a header value format (printable ASCII with "{}"
// once, where the secret goes). `normalised` receives the host in lower case.
QString checkSecretHost(const QString &host, QString *normalised = nullptr);
QString checkSecretHeader(const QString &header);
QString checkSecretFormat(const QString &format);
// Whether `host` is reached through the whitelist (entries as stored: ".x" = x and below).
bool domainListed(const QStringList &list, const QString &host);

// One variable comes from one place only: the variables env-passthrough and env set (the
// names of their entries) must all differ. For `names`, in the order they are written, the
// index of the earlier entry with the same name, or -1 for a first one.
QList<qsizetype> earlierUses(const QStringList &names);

// A line break or other control character in a value (empty when there is none).
QString controlCharacterProblem(const QString &value);

} // namespace ocs::configrules
