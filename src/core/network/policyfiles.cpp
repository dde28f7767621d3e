#include "network/policyfiles.h"

#include "logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace ocs::policyfiles {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(ocs::PolicyFiles)
};

bool makeDir(const QString &path, mode_t mode, QString *error)
{
    if (!QDir().mkpath(path)) {
        if (error)
            *error = Text::tr("cannot create %1").arg(path);
        return false;
    }
    // mkpath honours the umask; the mode is what the proxy in the container depends on.
    if (::chmod(QFile::encodeName(path).constData(), mode) != 0) {
        if (error)
            *error = Text::tr("cannot set the permissions of %1: %2")
                         .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    return true;
}

bool writeList(const QString &path, const QStringList &entries, QString *error)
{
    QSaveFile out(path);
    out.setDirectWriteFallback(false);
    QByteArray text;
    for (const QString &e : entries)
        text += e.trimmed().toUtf8() + '\n';
    if (!out.open(QIODevice::WriteOnly) || out.write(text) != text.size() || !out.commit()) {
        if (error)
            *error = Text::tr("cannot write %1: %2").arg(path, out.errorString());
        return false;
    }
    // Readable by the proxy's user in the container.
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                    QFile::ReadOther);
    return true;
}

} // namespace

QString networkDir(const QString &stateDir)
{
    return stateDir + QStringLiteral("/network");
}

QString policyDir(const QString &stateDir)
{
    return networkDir(stateDir) + QStringLiteral("/policy");
}

QString logDir(const QString &stateDir)
{
    return networkDir(stateDir) + QStringLiteral("/log");
}

bool prepare(const QString &stateDir, QString *error)
{
    // network/ keeps everyone but the user out, so log/ may be open to the proxy's user
    // (another uid, also under rootless Podman's user namespace).
    return makeDir(networkDir(stateDir), 0700, error) &&
           makeDir(policyDir(stateDir), 0755, error) && makeDir(logDir(stateDir), 0777, error);
}

bool write(const QString &stateDir, const QStringList &whitelist, const QStringList &blacklist,
           QString *error)
{
    if (!prepare(stateDir, error))
        return false;
    const QString dir = policyDir(stateDir);
    // The blacklist first: a narrowing change is never applied after the widening one.
    if (!writeList(dir + QStringLiteral("/blacklist"), blacklist, error) ||
        !writeList(dir + QStringLiteral("/whitelist"), whitelist, error))
        return false;
    qCDebug(lcNetwork) << "policy written to" << dir << whitelist.size() << "allowed,"
                       << blacklist.size() << "denied";
    return true;
}

} // namespace ocs::policyfiles
