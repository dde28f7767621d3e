#include "project.h"

#include "app/environment.h"
#include "config/configfile.h"
#include "logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <array>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace ocs {

quint32 posixCksum(const QByteArray &data)
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t{};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i << 24;
            for (int k = 0; k < 8; ++k)
                c = (c & 0x80000000u) ? (c << 1) ^ 0x04C11DB7u : (c << 1);
            t[i] = c;
        }
        return t;
    }();
    quint32 crc = 0;
    auto feed = [&](quint8 byte) {
        crc = (crc << 8) ^ table[((crc >> 24) ^ byte) & 0xFF];
    };
    for (char ch : data)
        feed(static_cast<quint8>(ch));
    for (quint64 len = static_cast<quint64>(data.size()); len != 0; len >>= 8)
        feed(static_cast<quint8>(len & 0xFF));
    return ~crc;
}

QString computeSandboxId(const QString &sandboxName, const QString &canonicalRoot)
{
    const QString hex = QString::number(posixCksum(canonicalRoot.toUtf8()), 16);
    return sandboxName + QLatin1Char('-') + hex.left(6);
}

namespace paths {

QString stateRoot()
{
    const QString overridden = environment::value(environment::Variable::StateRoot);
    if (!overridden.isEmpty())
        return overridden;
    return QDir::homePath() + QStringLiteral("/.opencode-sandbox");
}

QString imageSourceDir()
{
    QStringList candidates;
    const QString overridden = environment::value(environment::Variable::DataDir);
    if (!overridden.isEmpty())
        candidates << overridden + QStringLiteral("/docker");
    if (QCoreApplication::instance()) {
        const QString appDir = QCoreApplication::applicationDirPath();
        candidates << appDir + QStringLiteral("/../share/opencode-sandbox/docker");
        candidates << appDir + QStringLiteral("/../Resources/docker"); // macOS bundle
    }
    candidates << QStringLiteral(OCS_INSTALL_DATA_DIR "/docker");
    candidates << QStringLiteral(OCS_SOURCE_DOCKER_DIR);
    for (const QString &c : std::as_const(candidates)) {
        if (QFileInfo::exists(c + QStringLiteral("/Dockerfile")))
            return QDir(c).canonicalPath();
    }
    return QString();
}

bool ensurePrivateDirectory(const QString &dir)
{
#ifdef Q_OS_UNIX
    const QByteArray native = QFile::encodeName(dir);
    ::mkdir(native.constData(), 0700);
    struct stat st;
    if (::lstat(native.constData(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::getuid())
        return false;
    return (st.st_mode & 077) == 0 || ::chmod(native.constData(), 0700) == 0;
#else
    return QDir().mkpath(dir);
#endif
}

} // namespace paths

std::optional<QString> Project::findRoot(const QString &startDir)
{
    QDir dir(QFileInfo(startDir).canonicalFilePath());
    if (!dir.exists())
        return std::nullopt;
    while (true) {
        if (QFileInfo::exists(dir.filePath(ConfigFile::FileName)))
            return dir.canonicalPath();
        if (!dir.cdUp())
            return std::nullopt;
    }
}

std::optional<Project> Project::open(const QString &root, QString *error, QStringList *warnings)
{
    const QString canonical = QFileInfo(root).canonicalFilePath();
    if (canonical.isEmpty()) {
        if (error)
            *error = tr("%1: no such folder").arg(root);
        return std::nullopt;
    }
    const auto loaded = ConfigFile::load(canonical + QLatin1Char('/') + ConfigFile::FileName);
    if (warnings) {
        for (const Diagnostic &d : loaded.diagnostics) {
            if (!d.isError())
                *warnings << d.toString();
        }
    }
    if (!loaded.ok()) {
        if (error)
            *error = loaded.errorSummary();
        return std::nullopt;
    }
    return Project(canonical, *loaded.config);
}

Project::Project(const QString &canonicalRoot, ProjectConfig config)
    : m_root(canonicalRoot)
    , m_config(std::move(config))
    , m_sandboxId(computeSandboxId(m_config.sandboxName, canonicalRoot))
{}

QString Project::configPath() const
{
    return m_root + QLatin1Char('/') + ConfigFile::FileName;
}

QString Project::hookPath() const
{
    return m_root + QLatin1Char('/') + HookFileName;
}

QString Project::stateDir() const
{
    return paths::stateRoot() + QLatin1Char('/') + m_sandboxId;
}

QString Project::agentStateDir() const
{
    return stateDir() + QStringLiteral("/opencode-state");
}

QString Project::workspaceMountPoint() const
{
    const QString name = QFileInfo(m_root).fileName();
    return name.isEmpty() ? QStringLiteral("/workspace") : QLatin1Char('/') + name;
}

bool Project::ensureStateDirs(QString *error) const
{
    const auto ownerOnly = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
    for (const QString &dir : {paths::stateRoot(), stateDir(), agentStateDir()}) {
        if (!QDir().mkpath(dir) || !QFile::setPermissions(dir, ownerOnly)) {
            if (error)
                *error = tr("cannot create %1 with owner-only permissions").arg(dir);
            return false;
        }
    }
    return true;
}

} // namespace ocs
