#include "app/diagnostics.h"

#include "app/applog.h"
#include "app/managedsandbox.h"
#include "app/sandboxfleet.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QLibraryInfo>
#include <QMetaEnum>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSysInfo>

#include <memory>

namespace ocs {

namespace {

QJsonValue at(const QJsonObject &root, const QString &path)
{
    QJsonValue v = root;
    for (const QString &key : path.split(QLatin1Char('.')))
        v = v.toObject().value(key);
    return v;
}

QString scalar(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    if (v.isArray()) {
        QStringList items;
        for (const QJsonValue &i : v.toArray())
            items << scalar(i);
        return items.join(QStringLiteral(", "));
    }
    return {};
}

QString summarize(const QByteArray &json,
                  const QList<std::pair<const char *, const char *>> &fields)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject())
        return QStringLiteral("  (no answer)\n");
    QString out;
    for (const auto &[label, path] : fields) {
        const QString value = scalar(at(doc.object(), QString::fromLatin1(path)));
        if (!value.isEmpty())
            out += QStringLiteral("  %1: %2\n").arg(QLatin1String(label), value);
    }
    return out.isEmpty() ? QStringLiteral("  (nothing known)\n") : out;
}

QString stateName(ManagedSandbox::State state)
{
    return QString::fromLatin1(QMetaEnum::fromType<ManagedSandbox::State>().valueToKey(int(state)));
}

} // namespace

Diagnostics::Diagnostics(QObject *parent)
    : QObject(parent)
{}

Diagnostics::Input Diagnostics::fromFleet(const SandboxFleet &fleet)
{
    Input in;
    in.engine = fleet.engine();
    const auto &status = fleet.engineStatus();
    switch (status.state) {
    case SandboxFleet::EngineStatus::State::Locating:
        in.engineStatus = QStringLiteral("looking for the engine");
        break;
    case SandboxFleet::EngineStatus::State::Ready:
        in.engineStatus = QStringLiteral("ready: %1 %2").arg(status.displayName, status.version);
        break;
    case SandboxFleet::EngineStatus::State::Unavailable:
        in.engineStatus = QStringLiteral("unavailable: ") + status.message;
        break;
    }
    for (const ManagedSandbox *s : fleet.sandboxes()) {
        Sandbox d;
        d.name = s->displayName();
        d.root = s->root();
        d.sandboxId = s->sandboxId();
        d.state = stateName(s->state());
        d.containerState = s->containerState();
        d.port = s->port();
        d.lastError = s->lastError();
        if (!s->configError().isEmpty())
            d.lastError += (d.lastError.isEmpty() ? QString() : QStringLiteral("\n")) +
                           QStringLiteral("config: ") + s->configError();
        in.sandboxes << d;
    }
    return in;
}

QString Diagnostics::summarizeInfo(const QByteArray &json)
{
    // Docker's and Podman's field names; what one lacks is left out.
    return summarize(json, {
                               {"server version", "ServerVersion"},
                               {"operating system", "OperatingSystem"},
                               {"kernel", "KernelVersion"},
                               {"architecture", "Architecture"},
                               {"storage driver", "Driver"},
                               {"cgroup driver", "CgroupDriver"},
                               {"cgroup version", "CgroupVersion"},
                               {"security options", "SecurityOptions"},
                               {"containers", "Containers"},
                               {"containers running", "ContainersRunning"},
                               {"images", "Images"},
                               {"CPUs", "NCPU"},
                               {"memory", "MemTotal"},
                               {"podman version", "version.Version"},
                               {"host OS", "host.distribution.distribution"},
                               {"host OS version", "host.distribution.version"},
                               {"kernel", "host.kernel"},
                               {"architecture", "host.arch"},
                               {"rootless", "host.security.rootless"},
                               {"cgroup manager", "host.cgroupManager"},
                               {"cgroup version", "host.cgroupVersion"},
                               {"network backend", "host.networkBackend"},
                               {"storage driver", "store.graphDriverName"},
                               {"CPUs", "host.cpus"},
                               {"memory", "host.memTotal"},
                           });
}

QString Diagnostics::summarizeVersion(const QByteArray &json)
{
    return summarize(json, {
                               {"client", "Client.Version"},
                               {"client API", "Client.ApiVersion"},
                               {"client API", "Client.APIVersion"},
                               {"client OS/arch", "Client.Os"},
                               {"client OS/arch", "Client.OsArch"},
                               {"server", "Server.Version"},
                               {"server API", "Server.ApiVersion"},
                               {"server API", "Server.APIVersion"},
                               {"server OS/arch", "Server.OsArch"},
                               {"server OS", "Server.Os"},
                           });
}

QString Diagnostics::redactUrlCredentials(QString text)
{
    static const QRegularExpression userinfo(
        QStringLiteral(R"(([A-Za-z][A-Za-z0-9+.-]*://)[^/@\s]+@)"));
    return text.replace(userinfo, QStringLiteral("\\1[credentials removed]@"));
}

QString Diagnostics::compose(const Input &in, const QString &engineVersion,
                             const QString &engineInfo)
{
    QString r;
    r += QStringLiteral("OpenCode Sandbox diagnostics\n");
    r += QStringLiteral("written: %1\n\n").arg(QDateTime::currentDateTime().toString(Qt::ISODate));
    r += QStringLiteral("== app\n");
    r += QStringLiteral("  %1 %2\n").arg(in.appName, in.appVersion);
    r += QStringLiteral("  Qt %1 (built with %2)\n")
             .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR));
    r += QStringLiteral("  OS: %1; kernel %2 %3; %4\n")
             .arg(QSysInfo::prettyProductName(), QSysInfo::kernelType(), QSysInfo::kernelVersion(),
                  QSysInfo::currentCpuArchitecture());
    r += QStringLiteral("\n== engine\n");
    if (in.engine) {
        r +=
            QStringLiteral("  kind: %1 (%2)\n").arg(in.engine->displayName(), in.engine->program());
    } else {
        r += QStringLiteral("  none\n");
    }
    if (!in.engineStatus.isEmpty())
        r += QStringLiteral("  status: %1\n").arg(in.engineStatus);
    if (in.engine) {
        r += QStringLiteral("-- version\n") + engineVersion;
        r += QStringLiteral("-- info (summary)\n") + engineInfo;
    }
    r += QStringLiteral("\n== sandboxes (%1)\n").arg(in.sandboxes.size());
    for (const Sandbox &s : in.sandboxes) {
        r += QStringLiteral("- %1\n  folder: %2\n  id: %3\n  state: %4; container: %5")
                 .arg(s.name, s.root, s.sandboxId.isEmpty() ? QStringLiteral("-") : s.sandboxId,
                      s.state,
                      s.containerState.isEmpty() ? QStringLiteral("none") : s.containerState);
        if (s.port)
            r += QStringLiteral("; port %1").arg(s.port);
        r += QLatin1Char('\n');
        if (!s.lastError.isEmpty())
            r += QStringLiteral("  last error: ") +
                 QString(s.lastError).replace(QLatin1Char('\n'), QStringLiteral("\n    ")) +
                 QLatin1Char('\n');
    }
    QString tail = in.logTail;
    if (tail.isEmpty()) {
        if (const AppLog *log = AppLog::instance())
            tail = log->tail(LogTailBytes);
    }
    r += QStringLiteral("\n== app log (last %1 KiB)\n").arg(LogTailBytes / 1024);
    r += tail.isEmpty() ? QStringLiteral("(empty)\n") : tail;
    return redactUrlCredentials(r);
}

void Diagnostics::collect(const Input &input, std::function<void(const QString &)> done)
{
    if (!input.engine) {
        done(compose(input, {}, {}));
        return;
    }
    const ContainerEngine engine = *input.engine;
    auto version = std::make_shared<QString>();
    runProcess(engine.command({QStringLiteral("version"), QStringLiteral("--format"),
                               QStringLiteral("{{json .}}")},
                              std::chrono::seconds(20)),
               this, [this, input, engine, version, done](const ProcessResult &r) {
                   *version = r.ok() ? summarizeVersion(r.standardOutput)
                                     : QStringLiteral("  ") +
                                           r.describeFailure(QStringLiteral("version")) +
                                           QLatin1Char('\n');
                   runProcess(engine.command({QStringLiteral("info"), QStringLiteral("--format"),
                                              QStringLiteral("{{json .}}")},
                                             std::chrono::seconds(20)),
                              this, [input, version, done](const ProcessResult &ri) {
                                  const QString info =
                                      ri.ok() ? summarizeInfo(ri.standardOutput)
                                              : QStringLiteral("  ") +
                                                    ri.describeFailure(QStringLiteral("info")) +
                                                    QLatin1Char('\n');
                                  done(compose(input, *version, info));
                              });
               });
}

bool Diagnostics::write(const QString &path, const QString &report, QString *error)
{
    QSaveFile file(path);
    // QSaveFile writes a new file next to the target and renames it: created owner-only.
    if (!file.open(QIODevice::WriteOnly) ||
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.write(report.toUtf8());
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace ocs
