#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ocs {

// One problem found in a file, with a 1-based position (0 = unknown).
struct Diagnostic
{
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    QString file;
    int line = 0;
    int column = 0;
    QString message;

    bool isError() const { return severity == Severity::Error; }
    // "file:line:column: error: message" (or "warning:"), the form `ocs validate` prints.
    QString toString() const;
};

struct EnvPassthrough
{
    QString containerVar; // name inside the sandbox
    QString hostVar;      // name read from the host environment at start
    bool operator==(const EnvPassthrough &) const = default;
};

struct EnvVar
{
    QString name;
    QString value; // literal, no expansion
    bool operator==(const EnvVar &) const = default;
};

// One entry of injected-secrets: the agent's variable NAME holds a placeholder; for HOSTS the
// proxy (which terminates TLS for those hosts only) puts the value, kept on the host, into
// HEADER in place of the placeholder. Presets (common providers) fill hosts/header from the
// name alone.
struct InjectedSecret
{
    QString name;      // the variable the agent sees (holding a placeholder)
    QStringList hosts; // exact host names, lower case; each must be whitelisted
    QString header;    // header name, e.g. "x-api-key", "Authorization"
    QString format;    // the header's value, "{}" standing for the secret: "{}", "Bearer {}"
    QString preset;    // the preset the defaults came from ("" = none)
    // git over HTTPS to these hosts: basic auth (x-access-token:{}) through a git credential
    // helper of the sandbox; each must be whitelisted too
    QStringList gitHosts;
    bool operator==(const InjectedSecret &) const = default;
};

// The parsed opencode-sandbox-config.yaml. Keys of the reference project plus our own
// optional keys; every list keeps the file's order.
struct ProjectConfig
{
    // --- keys of the reference project
    QString sandboxName;                  // sandbox-name (required)
    QStringList httpDomainWhitelist;      // http-domain-whitelist, normalised: lower case,
                                          // "*.x" written as ".x"
    QList<quint16> hostPorts;             // host-ports
    QList<EnvPassthrough> envPassthrough; // env-passthrough (CONTAINER_VAR: HOST_VAR)
    QList<EnvVar> env;                    // env (NAME: literal value)

    // --- our optional keys (absent = default)
    QStringList httpDomainBlacklist; // http-domain-blacklist: the whitelist's syntax; wins over it
    QStringList extraCaCertificates; // extra-ca-certificates: PEM paths (~ and relative to root)
    QString memoryLimit;             // memory-limit: e.g. "4g" (docker --memory syntax)
    QString cpuLimit;                // cpu-limit: e.g. "2" or "1.5"
    int pidsLimit = 0;               // pids-limit: 0 = default
    QStringList readOnlyPaths;       // read-only-paths: added to the defaults; "!path" drops one
    QList<quint16> publishedPorts;   // published-ports: sandbox ports opened on the host's
                                     // 127.0.0.1 (at the same number when it is free)
    // share-opencode-settings: "true", "false", or "" (unset: the app's Preferences decide)
    QString shareOpenCodeSettings;
    QList<InjectedSecret> injectedSecrets; // injected-secrets

    // Unknown top-level keys, kept verbatim on write; reported as warnings.
    QStringList unknownKeys;

    bool operator==(const ProjectConfig &) const = default;
};

} // namespace ocs
