#pragma once

// Small helpers shared by the unit tests: files with exact permissions, temporary
// environment changes, projects in temporary folders.

#include "config/projectconfig.h"

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace ocs::test {

// Sets and unsets environment variables; the destructor puts the previous values back.
class EnvGuard
{
public:
    EnvGuard() = default;
    EnvGuard(const EnvGuard &) = delete;
    EnvGuard &operator=(const EnvGuard &) = delete;
    ~EnvGuard() { restore(); }

    void set(const char *name, const QString &value);
    void unset(const char *name);
    void restore();

private:
    void remember(const char *name);
    QList<std::pair<QByteArray, std::optional<QByteArray>>> m_saved;
};

// Writes `content` to `path` (parent folders created) and sets the permissions exactly
// (no umask involved). Returns false on any failure.
bool writeFile(const QString &path, const QByteArray &content,
               QFile::Permissions permissions = QFile::ReadOwner | QFile::WriteOwner |
                                                QFile::ReadGroup | QFile::ReadOther);
QByteArray readFile(const QString &path);
// The permission bits of `path` as the kernel has them (st_mode & 07777), -1 if missing.
int fileMode(const QString &path);
// chmod(2) with an octal mode.
bool setMode(const QString &path, int mode);
QString canonical(const QString &path);
// Hex SHA-256 of `data`.
QString sha256Hex(const QByteArray &data);

// A config with only the sandbox name set (no YAML needed).
ProjectConfig minimalConfig(const QString &sandboxName);

// The value following each occurrence of `flag` in `arguments` ("--env A --env B" → A, B).
QStringList valuesOf(const QStringList &arguments, const QString &flag);

// Runs `printf '%s' DATA | cksum` and returns the CRC the system tool prints (nullopt
// when it cannot be run).
std::optional<quint32> systemCksum(const QByteArray &data);

} // namespace ocs::test
