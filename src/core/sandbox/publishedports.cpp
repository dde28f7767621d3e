#include "publishedports.h"

#include "config/configfile.h"
#include "config/configrules.h"
#include "sandboxrecord.h"
#include "startapproval.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace ocs::publishedports {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ocs::PublishedPorts)
};

// The user's own change counts as reviewed (a snapshot exists only after a first start,
// whose review shows everything).
bool recordApproved(const Project &project, quint16 port, bool publish, QString *error)
{
    SandboxRecord record = SandboxRecord::load(project.stateDir());
    if (record.lastStartedConfig.isEmpty())
        return true;
    const QString key = configrules::KeyPublishedPorts;
    QStringList snapshot = StartApproval::snapshotList(record.lastStartedConfig.value(key));
    const QString entry = QString::number(port);
    if (publish == snapshot.contains(entry))
        return true;
    if (publish)
        snapshot << entry;
    else
        snapshot.removeAll(entry);
    record.lastStartedConfig.insert(key, QJsonArray::fromStringList(snapshot));
    return record.save(project.stateDir(), error);
}
} // namespace

Edit change(const Project &project, const QString &text, bool publish)
{
    Edit e;
    e.configPath = project.configPath();
    const ConfigFile::LoadResult loaded = ConfigFile::load(e.configPath);
    if (!loaded.ok()) {
        QStringList errors;
        for (const Diagnostic &d : loaded.diagnostics) {
            if (d.isError())
                errors << d.toString();
        }
        e.error = Text::tr("%1 has errors; fix them first (`ocs validate` lists them):\n%2")
                      .arg(e.configPath, errors.join(QLatin1Char('\n')));
        return e;
    }
    const QString problem = publish ? configrules::checkPublishedPort(text.trimmed(), &e.port)
                                    : configrules::checkPort(text.trimmed(), &e.port);
    if (!problem.isEmpty()) {
        e.error = Text::tr("%1: %2").arg(configrules::KeyPublishedPorts, problem);
        return e;
    }
    ProjectConfig after = *loaded.config;
    if (publish && !after.publishedPorts.contains(e.port))
        after.publishedPorts << e.port;
    else if (!publish)
        after.publishedPorts.removeAll(e.port);
    e.changed = after != *loaded.config;
    QString error;
    if (e.changed && !ConfigFile::save(e.configPath, after, &error)) {
        e.error = Text::tr("cannot save %1: %2").arg(e.configPath, error);
        return e;
    }
    if (!recordApproved(project, e.port, publish, &error)) {
        e.error = error;
        return e;
    }
    e.ok = true;
    return e;
}

} // namespace ocs::publishedports
