#pragma once

// What a running sandbox uses and may use, read from its engine: its published ports (the
// actual mapping, not the plan), its limits (inspect) and its memory use (`stats`).

#include "containerengine.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

namespace ocs {

// One port of the sandbox published on the host.
struct PublishedPort
{
    quint16 inside = 0; // the port in the sandbox
    QString hostIp;     // "127.0.0.1"
    quint16 host = 0;   // the port on the host
    bool operator==(const PublishedPort &) const = default;
    // "3000 → 127.0.0.1:3001"
    QString text() const;
    // "http://127.0.0.1:3001/"
    QString url() const;
};

struct SandboxUsage
{
    qint64 memoryUsed = -1; // bytes; -1 = unknown (stats did not answer)
    qint64 memoryLimit = 0; // bytes; 0 = none
    double cpus = 0;        // 0 = no limit
    qint64 pidsLimit = 0;   // 0 = none
    bool limitsKnown = false;

    // "memory 312 MiB of 8 GiB, 2 CPUs, at most 4096 processes" (what is known).
    QString line() const;
    bool isKnown() const { return limitsKnown || memoryUsed >= 0; }
};

namespace sandboxusage {

// The container port of the web UI: not listed among the published ports.
constexpr quint16 WebUiPort = 4096;

// `.NetworkSettings.Ports` of `<engine> container inspect` (Docker and Podman): the TCP
// ports published on the host, by port in the sandbox; the web UI's left out.
QList<PublishedPort> parsePorts(const QJsonObject &ports);
// The limits in `.HostConfig` of `<engine> container inspect`.
void parseLimits(const QJsonObject &hostConfig, SandboxUsage *usage);
// One line of `stats --no-stream --format {{.Name}}\t{{.MemUsage}}`: the container's name and
// the memory it uses, in bytes ("312.4MiB / 8GiB" on Docker, "327.6MB / 8.59GB" on Podman).
// False when the line cannot be read.
bool parseStatsLine(const QString &line, QString *name, qint64 *memoryUsed);
// "312.4MiB", "327.6MB", "0B" -> bytes; -1 when it is not a size.
qint64 parseSize(const QString &text);
// 312 MiB, 8 GiB, 1.5 GiB
QString formatBytes(qint64 bytes);

// The published ports and the usage of the running container `name`: one inspect and, with
// `memory`, one stats, each with a timeout (a stats that does not answer leaves the memory use
// unknown; it takes the engine a second or two).
struct Reading
{
    bool running = false;
    QList<PublishedPort> ports;
    SandboxUsage usage;
};
void read(const ContainerEngine &engine, const QString &name, QObject *context,
          std::function<void(const Reading &)> done, bool memory = true);
// The memory use of the running containers `names` (one stats call): by name.
void readMemory(const ContainerEngine &engine, const QStringList &names, QObject *context,
                std::function<void(const QHash<QString, qint64> &used)> done);

} // namespace sandboxusage

} // namespace ocs
