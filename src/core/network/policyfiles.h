#pragma once

// The files that carry a sandbox's live network policy and its decision log between the host
// and the proxy in the container. The host owns the policy; the proxy's policy helper
// (docker/ocs-policy.js, running as Squid's user) reads it on every request and writes the
// decision log. Both live in the sandbox's state folder, so they work for a running and a
// stopped sandbox alike:
//
//   ~/.opencode-sandbox/<SANDBOX_ID>/network/            0700, the user's: keeps everyone else out
//       policy/      0755  -> /run/ocs-net/policy (read-only mount)
//           whitelist        one entry per line: "example.com" (that name) or ".example.com"
//           blacklist        (the name and its subdomains); blacklist entries win. Written
//                            by the host atomically (temporary file + rename in the folder).
//       log/         0777  -> /run/ocs-net/log (written by the proxy's user in the container;
//                            the agent cannot reach /run/ocs-net, root:proxy 0750)
//           decisions.jsonl    one JSON object per decision, newest last (DecisionLog)
//           decisions.1.jsonl  the previous one (rotated at PolicyFiles::LogRotateBytes)
//           counts.json        per-host counts that survive restarts and rotation
//
// Format of a decisions.jsonl line (fields in this order, no others; never a path, query,
// header or body):
//   {"time":"2026-12-03T18:00:00.123Z","decision":"denied","host":"x.test","port":443,
//    "method":"CONNECT","rule":"not whitelisted"}
// "decision" is "allowed" or "denied". "rule" is one of:
//   "whitelist ENTRY"   allowed by that whitelist entry (e.g. "whitelist .github.com")
//   "blacklist ENTRY"   denied by that blacklist entry
//   "not whitelisted"   denied: no entry matches
//   "ip address"        denied: an IP literal instead of a name
//   "port"              denied: CONNECT to a port other than 443, plain HTTP other than 80
//   "scheme"            denied: neither http:// nor CONNECT
//   "invalid host"      denied: not a valid domain name
//   "tls: no server name"            denied at the TLS ClientHello (CONNECT tunnels)
//   "tls: server name differs: NAME" denied: the ClientHello names NAME, not the CONNECT host
//   "tls: not tls"                   denied: the tunnel did not start with a TLS ClientHello
// counts.json:
//   {"version":1,"hosts":{"x.test":{"allowed":0,"denied":3,"last":"<time>",
//    "decision":"denied","rule":"not whitelisted"}}}
// (at most PolicyFiles::MaxCountedHosts hosts; the least recently seen are dropped).

#include <QString>
#include <QStringList>

namespace ocs::policyfiles {

inline constexpr qint64 LogRotateBytes = 512 * 1024;
inline constexpr int MaxCountedHosts = 2000;

// In the container.
inline const QString ContainerPolicyDir = QStringLiteral("/run/ocs-net/policy");
inline const QString ContainerLogDir = QStringLiteral("/run/ocs-net/log");

QString networkDir(const QString &stateDir); // <stateDir>/network
QString policyDir(const QString &stateDir);  // <stateDir>/network/policy
QString logDir(const QString &stateDir);     // <stateDir>/network/log

// Creates the three folders with the modes above (fixing the modes of existing ones).
bool prepare(const QString &stateDir, QString *error);
// prepare() + writes policy/whitelist and policy/blacklist atomically. A running sandbox's
// proxy applies them to its next request.
bool write(const QString &stateDir, const QStringList &whitelist, const QStringList &blacklist,
           QString *error);

} // namespace ocs::policyfiles
