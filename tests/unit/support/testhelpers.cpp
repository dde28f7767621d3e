#include "testhelpers.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QProcess>

#include <sys/stat.h>

namespace ocs::test {

void EnvGuard::remember(const char *name)
{
    for (const auto &saved : std::as_const(m_saved)) {
        if (saved.first == name)
            return;
    }
    std::optional<QByteArray> previous;
    if (qEnvironmentVariableIsSet(name))
        previous = qgetenv(name);
    m_saved.append({QByteArray(name), previous});
}

void EnvGuard::set(const char *name, const QString &value)
{
    remember(name);
    qputenv(name, value.toLocal8Bit());
}

void EnvGuard::unset(const char *name)
{
    remember(name);
    qunsetenv(name);
}

void EnvGuard::restore()
{
    for (auto it = m_saved.crbegin(); it != m_saved.crend(); ++it) {
        if (it->second)
            qputenv(it->first.constData(), *it->second);
        else
            qunsetenv(it->first.constData());
    }
    m_saved.clear();
}

bool writeFile(const QString &path, const QByteArray &content, QFile::Permissions permissions)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    if (f.write(content) != content.size())
        return false;
    f.close();
    return f.setPermissions(permissions);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int fileMode(const QString &path)
{
    struct stat st
    {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

bool setMode(const QString &path, int mode)
{
    return ::chmod(QFile::encodeName(path).constData(), mode_t(mode)) == 0;
}

QString canonical(const QString &path)
{
    return QFileInfo(path).canonicalFilePath();
}

QString sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

ProjectConfig minimalConfig(const QString &sandboxName)
{
    ProjectConfig c;
    c.sandboxName = sandboxName;
    return c;
}

QStringList valuesOf(const QStringList &arguments, const QString &flag)
{
    QStringList out;
    for (qsizetype i = 0; i + 1 < arguments.size(); ++i) {
        if (arguments.at(i) == flag)
            out << arguments.at(i + 1);
    }
    return out;
}

std::optional<quint32> systemCksum(const QByteArray &data)
{
    QProcess p;
    // The data travels as an argument, exactly as the reference scripts pass the path.
    p.start(QStringLiteral("sh"),
            {QStringLiteral("-c"), QStringLiteral("printf '%s' \"$1\" | cksum"),
             QStringLiteral("sh"), QString::fromUtf8(data)});
    if (!p.waitForFinished(10000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return std::nullopt;
    const QList<QByteArray> fields = p.readAllStandardOutput().simplified().split(' ');
    bool ok = false;
    const quint32 crc = fields.value(0).toUInt(&ok);
    if (!ok)
        return std::nullopt;
    return crc;
}

} // namespace ocs::test
