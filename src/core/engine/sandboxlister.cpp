#include "sandboxlister.h"

#include "project/project.h"
#include "sandbox/sandboxrecord.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

namespace ocs {

SandboxLister::SandboxLister(ContainerEngine engine, QObject *parent)
    : QObject(parent)
    , m_engine(std::move(engine))
{}

QList<SandboxInfo> SandboxLister::parseInspect(const QByteArray &json)
{
    QList<SandboxInfo> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(json).array()) {
        const QJsonObject c = v.toObject();
        const QJsonObject labels =
            c.value(QStringLiteral("Config")).toObject().value(QStringLiteral("Labels")).toObject();
        SandboxInfo i;
        i.sandboxId = labels.value(ContainerEngine::LabelId).toString();
        if (i.sandboxId.isEmpty())
            continue;
        i.projectRoot = labels.value(ContainerEngine::LabelProject).toString();
        i.port = quint16(labels.value(ContainerEngine::LabelPort).toString().toUInt());
        i.configHash = labels.value(ContainerEngine::LabelConfigHash).toString();
        i.state =
            c.value(QStringLiteral("State")).toObject().value(QStringLiteral("Status")).toString();
        i.published = sandboxusage::parsePorts(c.value(QStringLiteral("NetworkSettings"))
                                                   .toObject()
                                                   .value(QStringLiteral("Ports"))
                                                   .toObject());
        sandboxusage::parseLimits(c.value(QStringLiteral("HostConfig")).toObject(), &i.usage);
        i.containerName = c.value(QStringLiteral("Name")).toString();
        if (i.containerName.startsWith(QLatin1Char('/')))
            i.containerName.remove(0, 1);
        out << i;
    }
    return out;
}

QList<SandboxInfo> SandboxLister::mergeStateFolders(QList<SandboxInfo> containers,
                                                    const QString &stateRoot)
{
    QSet<QString> seen;
    for (const SandboxInfo &i : std::as_const(containers))
        seen.insert(i.sandboxId);
    const QDir root(stateRoot);
    for (const QString &id : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (seen.contains(id))
            continue;
        const QString dir = root.filePath(id);
        const bool ours = QFile::exists(SandboxRecord::filePath(dir));
        const bool reference = QFile::exists(dir + QStringLiteral("/opencode-state")) ||
                               QFile::exists(dir + QStringLiteral("/opencode-password"));
        if (!ours && !reference)
            continue;
        SandboxInfo i;
        i.sandboxId = id;
        i.state = QStringLiteral("stopped");
        const SandboxRecord st = SandboxRecord::load(dir);
        i.projectRoot = st.projectRoot;
        i.port = st.port;
        i.containerName = QStringLiteral("opencode-sandbox-") + id;
        containers << i;
    }
    std::sort(containers.begin(), containers.end(),
              [](const SandboxInfo &a, const SandboxInfo &b) { return a.sandboxId < b.sandboxId; });
    return containers;
}

void SandboxLister::list(std::function<void(const QList<SandboxInfo> &, const QString &)> done)
{
    const QStringList ps{QStringLiteral("ps"), QStringLiteral("--all"), QStringLiteral("--quiet"),
                         QStringLiteral("--filter"),
                         QStringLiteral("label=") + ContainerEngine::LabelId};
    QPointer<SandboxLister> self(this);
    runProcess(
        m_engine.command(ps, std::chrono::seconds(30)), this, [self, done](const ProcessResult &r) {
            if (!self)
                return;
            if (!r.ok())
                return done(mergeStateFolders({}, paths::stateRoot()),
                            r.describeFailure(tr("Listing containers")));
            const QStringList ids =
                QString::fromUtf8(r.standardOutput).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            if (ids.isEmpty())
                return done(mergeStateFolders({}, paths::stateRoot()), QString());
            runProcess(
                self->m_engine.command(
                    QStringList{QStringLiteral("container"), QStringLiteral("inspect")} + ids,
                    std::chrono::seconds(30)),
                self, [done](const ProcessResult &ir) {
                    done(mergeStateFolders(parseInspect(ir.standardOutput), paths::stateRoot()),
                         ir.ok() ? QString() : ir.describeFailure(tr("Inspecting containers")));
                });
        });
}

} // namespace ocs
