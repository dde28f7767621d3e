#include "sandboxusage.h"

#include "process.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace ocs {

namespace {
struct UsageText
{
    Q_DECLARE_TR_FUNCTIONS(ocs::SandboxUsage)
};

constexpr auto StatsTimeout = std::chrono::seconds(10);
constexpr auto InspectTimeout = std::chrono::seconds(10);

const QString StatsFormat = QStringLiteral("{{.Name}}\t{{.MemUsage}}");
} // namespace

QString PublishedPort::text() const
{
    return QStringLiteral("%1 → %2:%3").arg(inside).arg(hostIp).arg(host);
}

QString PublishedPort::url() const
{
    return QStringLiteral("http://%1:%2/").arg(hostIp, QString::number(host));
}

QString SandboxUsage::line() const
{
    QStringList parts;
    if (memoryUsed >= 0 && memoryLimit > 0)
        parts << UsageText::tr("memory %1 of %2")
                     .arg(sandboxusage::formatBytes(memoryUsed),
                          sandboxusage::formatBytes(memoryLimit));
    else if (memoryUsed >= 0)
        parts << UsageText::tr("memory %1").arg(sandboxusage::formatBytes(memoryUsed));
    else if (memoryLimit > 0)
        parts << UsageText::tr("memory limit %1").arg(sandboxusage::formatBytes(memoryLimit));
    if (cpus > 0)
        parts << UsageText::tr("%1 CPUs").arg(QString::number(cpus, 'g', 4));
    if (pidsLimit > 0)
        parts << UsageText::tr("at most %1 processes").arg(pidsLimit);
    // The sandbox is always started with limits: none at all means the engine ignored them
    // (rootless Podman on cgroup v1).
    if (parts.isEmpty() && limitsKnown)
        parts << UsageText::tr("no resource limits (the container engine did not apply them)");
    return parts.join(QStringLiteral(", "));
}

namespace sandboxusage {

QList<PublishedPort> parsePorts(const QJsonObject &ports)
{
    QList<PublishedPort> out;
    for (auto it = ports.constBegin(); it != ports.constEnd(); ++it) {
        // "3000/tcp": [{"HostIp": "127.0.0.1", "HostPort": "3001"}] (null when not published)
        const QString key = it.key();
        if (!key.endsWith(QLatin1String("/tcp")))
            continue;
        const uint inside = key.section(QLatin1Char('/'), 0, 0).toUInt();
        if (inside == 0 || inside > 65535 || inside == WebUiPort)
            continue;
        for (const QJsonValue &b : it.value().toArray()) {
            const QJsonObject binding = b.toObject();
            const uint host = binding.value(QStringLiteral("HostPort")).toString().toUInt();
            if (host == 0 || host > 65535)
                continue;
            PublishedPort p;
            p.inside = quint16(inside);
            p.host = quint16(host);
            p.hostIp = binding.value(QStringLiteral("HostIp")).toString();
            if (p.hostIp.isEmpty())
                p.hostIp = QStringLiteral("0.0.0.0");
            if (!out.contains(p))
                out << p;
        }
    }
    std::sort(out.begin(), out.end(), [](const PublishedPort &a, const PublishedPort &b) {
        return a.inside != b.inside ? a.inside < b.inside : a.host < b.host;
    });
    return out;
}

void parseLimits(const QJsonObject &hostConfig, SandboxUsage *usage)
{
    if (hostConfig.isEmpty())
        return;
    usage->limitsKnown = true;
    usage->memoryLimit = qint64(hostConfig.value(QStringLiteral("Memory")).toDouble());
    const double nano = hostConfig.value(QStringLiteral("NanoCpus")).toDouble();
    usage->cpus = nano > 0 ? nano / 1e9 : 0;
    const double pids = hostConfig.value(QStringLiteral("PidsLimit")).toDouble();
    usage->pidsLimit = pids > 0 ? qint64(pids) : 0;
}

qint64 parseSize(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([kKMGTP]?i?)B\\s*$"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return -1;
    const double value = m.captured(1).toDouble();
    const QString unit = m.captured(2);
    const bool binary = unit.endsWith(QLatin1Char('i'));
    const double base = binary ? 1024.0 : 1000.0;
    int power = 0;
    if (!unit.isEmpty()) {
        power = int(QStringLiteral("KMGTP").indexOf(unit.at(0).toUpper())) + 1;
        if (power <= 0)
            return -1;
    }
    return qint64(std::llround(value * std::pow(base, power)));
}

bool parseStatsLine(const QString &line, QString *name, qint64 *memoryUsed)
{
    const QStringList fields = line.split(QLatin1Char('\t'));
    if (fields.size() != 2 || fields.at(0).trimmed().isEmpty())
        return false;
    const qint64 used = parseSize(fields.at(1).section(QLatin1Char('/'), 0, 0));
    if (used < 0)
        return false;
    *name = fields.at(0).trimmed();
    *memoryUsed = used;
    return true;
}

QString formatBytes(qint64 bytes)
{
    static const char *units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = double(bytes);
    int unit = 0;
    while (value >= 1024.0 && unit < 4) {
        value /= 1024.0;
        ++unit;
    }
    // Whole numbers from 10 up, one decimal below (1.5 GiB, 312 MiB).
    const QString number = unit == 0 || value >= 10 || std::abs(value - std::round(value)) < 0.05
                               ? QString::number(std::llround(value))
                               : QString::number(value, 'f', 1);
    return number + QLatin1Char(' ') + QLatin1String(units[unit]);
}

void readMemory(const ContainerEngine &engine, const QStringList &names, QObject *context,
                std::function<void(const QHash<QString, qint64> &)> done)
{
    if (names.isEmpty())
        return done({});
    const QStringList args = QStringList{QStringLiteral("stats"), QStringLiteral("--no-stream"),
                                         QStringLiteral("--format"), StatsFormat} +
                             names;
    runProcess(engine.command(args, StatsTimeout), context, [done](const ProcessResult &r) {
        QHash<QString, qint64> used;
        if (r.ok()) {
            const QStringList lines =
                QString::fromUtf8(r.standardOutput).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            for (const QString &line : lines) {
                QString name;
                qint64 bytes = -1;
                if (parseStatsLine(line, &name, &bytes))
                    used.insert(name, bytes);
            }
        }
        done(used);
    });
}

void read(const ContainerEngine &engine, const QString &name, QObject *context,
          std::function<void(const Reading &)> done, bool memory)
{
    const QStringList args{QStringLiteral("container"), QStringLiteral("inspect"), name};
    runProcess(engine.command(args, InspectTimeout), context,
               [engine, name, context, done, memory](const ProcessResult &r) {
                   Reading reading;
                   const QJsonObject c =
                       QJsonDocument::fromJson(r.standardOutput).array().at(0).toObject();
                   if (!r.ok() || c.isEmpty())
                       return done(reading);
                   reading.running = c.value(QStringLiteral("State"))
                                         .toObject()
                                         .value(QStringLiteral("Status"))
                                         .toString() == QLatin1String("running");
                   reading.ports = parsePorts(c.value(QStringLiteral("NetworkSettings"))
                                                  .toObject()
                                                  .value(QStringLiteral("Ports"))
                                                  .toObject());
                   parseLimits(c.value(QStringLiteral("HostConfig")).toObject(), &reading.usage);
                   if (!reading.running || !memory)
                       return done(reading);
                   readMemory(engine, {name}, context,
                              [reading, name, done](const QHash<QString, qint64> &used) mutable {
                                  reading.usage.memoryUsed = used.value(name, -1);
                                  done(reading);
                              });
               });
}

} // namespace sandboxusage

} // namespace ocs
