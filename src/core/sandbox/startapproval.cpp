#include "startapproval.h"

#include "config/configfile.h"
#include "config/configkeys.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>

namespace ocs {

namespace {
const QString KeyProtected = QStringLiteral("protected-present");

QString tr(const char *text)
{
    return QCoreApplication::translate("ocs::StartApproval", text);
}

} // namespace

QStringList StartApproval::snapshotList(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &e : value.toArray())
        out << e.toString();
    return out;
}

void StartApproval::appendChanges(const QString &what, const QStringList &before,
                                  const QStringList &after, QStringList *out)
{
    for (const QString &s : after) {
        if (!before.contains(s))
            *out << QStringLiteral("+ %1: %2").arg(what, s);
    }
    for (const QString &s : before) {
        if (!after.contains(s))
            *out << QStringLiteral("- %1: %2").arg(what, s);
    }
}

// The items of each key whose changes a start asks about, under the key's name.
QJsonObject StartApproval::snapshot(const ProjectConfig &c, const QStringList &protectedPresent)
{
    QJsonObject o;
    o.insert(KeyProtected, QJsonArray::fromStringList(protectedPresent));
    for (const ConfigKey &k : configkeys::all()) {
        if (k.review.change)
            o.insert(k.name, QJsonArray::fromStringList(k.review.items(c)));
    }
    return o;
}

QStringList StartApproval::describeChanges(const QJsonObject &lastStarted, const ProjectConfig &now)
{
    if (lastStarted.isEmpty())
        return {};
    QStringList out;
    for (const ConfigKey &k : configkeys::all()) {
        if (k.review.change)
            StartApproval::appendChanges(tr(k.review.change),
                                         StartApproval::snapshotList(lastStarted.value(k.name)),
                                         k.review.items(now), &out);
    }
    return out;
}

QStringList StartApproval::describeNewProtectedPaths(const QJsonObject &lastStarted,
                                                     const QStringList &protectedPresent)
{
    // Snapshots of older versions have no such list: nothing to compare with.
    if (!lastStarted.contains(KeyProtected))
        return {};
    const QStringList before = StartApproval::snapshotList(lastStarted.value(KeyProtected));
    QStringList out;
    for (const QString &p : protectedPresent) {
        if (!before.contains(p))
            out << tr("+ new protected path: %1 (it did not exist at the last start, so the "
                      "agent could have written it; read it before you start)")
                       .arg(p);
    }
    return out;
}

QStringList StartApproval::describeReach(const ProjectConfig &c)
{
    QList<const ConfigKey *> keys;
    for (const ConfigKey &k : configkeys::all()) {
        if (k.review.reach)
            keys << &k;
    }
    std::stable_sort(keys.begin(), keys.end(), [](const ConfigKey *a, const ConfigKey *b) {
        return a->review.position < b->review.position;
    });
    QStringList out;
    for (const ConfigKey *k : std::as_const(keys)) {
        const QStringList items = k->review.items(c);
        if (items.isEmpty() && !k->review.always)
            continue;
        out << tr(k->review.reach)
                   .arg(items.isEmpty() ? tr("(nothing)") : items.join(QStringLiteral(", ")));
    }
    return out;
}

QStringList StartApproval::enclosingProjects(const QString &canonicalRoot)
{
    QStringList out;
    QDir dir(canonicalRoot);
    while (dir.cdUp()) {
        if (QFileInfo::exists(dir.filePath(ConfigFile::FileName)))
            out << dir.absolutePath();
        if (dir.isRoot())
            break;
    }
    return out;
}

StartReview StartApproval::review(const QJsonObject &lastStarted, const ProjectConfig &config,
                                  const QString &canonicalRoot, const QStringList &protectedPresent)
{
    StartReview r;
    r.firstStart = lastStarted.isEmpty();
    if (r.firstStart)
        r.lines = describeReach(config);
    else
        r.lines = describeChanges(lastStarted, config) +
                  describeNewProtectedPaths(lastStarted, protectedPresent);
    for (const QString &outer : enclosingProjects(canonicalRoot))
        r.warnings << tr("This project lies inside the workspace of the project in %1: its "
                         "sandbox's agent could have written this configuration.")
                          .arg(outer);
    // Only worth asking about when there is something to decide; a warning alone for a
    // start that is not the first is shown, and asked about too.
    if (!r.warnings.isEmpty() && r.lines.isEmpty())
        r.lines << tr("(no change to what it may reach)");
    return r;
}

} // namespace ocs
