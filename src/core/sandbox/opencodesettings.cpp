#include "opencodesettings.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace ocs::opencodesettings {

namespace {

class SettingsText
{
    Q_DECLARE_TR_FUNCTIONS(ocs::OpenCodeSettings)
};

// Closes a descriptor when it goes out of scope.
struct Fd
{
    int fd = -1;
    explicit Fd(int f)
        : fd(f)
    {}
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    ~Fd()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

struct Copier
{
    Snapshot &out;
    int entries = 0;
    qint64 bytes = 0;

    bool fail(const QString &why)
    {
        out.error = why;
        return false;
    }

    bool copyFile(int srcDir, const QByteArray &name, int destDir, const QString &rel)
    {
        // O_NOFOLLOW: a link put in place after the directory was read is refused, not
        // followed; O_NONBLOCK: a FIFO does not block the open.
        const Fd in(::openat(srcDir, name.constData(),
                             O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
        if (in.fd < 0) {
            out.leftOut << rel;
            return true;
        }
        struct stat st
        {};
        if (::fstat(in.fd, &st) != 0 || !S_ISREG(st.st_mode)) {
            out.leftOut << rel;
            return true;
        }
        if (bytes + st.st_size > MaxTotalBytes)
            return fail(SettingsText::tr("it is larger than %1 MiB").arg(MaxTotalBytes >> 20));
        const Fd dst(::openat(destDir, name.constData(),
                              O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
        if (dst.fd < 0)
            return fail(SettingsText::tr("cannot write %1: %2")
                            .arg(rel, QString::fromLocal8Bit(std::strerror(errno))));
        char buf[65536];
        for (;;) {
            const ssize_t n = ::read(in.fd, buf, sizeof buf);
            if (n == 0)
                break;
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                return fail(SettingsText::tr("cannot read %1: %2")
                                .arg(rel, QString::fromLocal8Bit(std::strerror(errno))));
            }
            bytes += n;
            if (bytes > MaxTotalBytes)
                return fail(SettingsText::tr("it is larger than %1 MiB").arg(MaxTotalBytes >> 20));
            for (ssize_t done = 0; done < n;) {
                const ssize_t w = ::write(dst.fd, buf + done, size_t(n - done));
                if (w < 0 && errno == EINTR)
                    continue;
                if (w <= 0)
                    return fail(SettingsText::tr("cannot write %1: %2")
                                    .arg(rel, QString::fromLocal8Bit(std::strerror(errno))));
                done += w;
            }
        }
        out.copied << rel;
        return true;
    }

    // Copies the folder open as `srcDir` into the (new, empty) folder open as `destDir`.
    bool copyDir(int srcDir, int destDir, const QString &prefix, int depth)
    {
        if (depth > MaxDepth)
            return fail(SettingsText::tr("it has folders deeper than %1 levels").arg(MaxDepth));
        const int dupFd = ::dup(srcDir);
        if (dupFd < 0)
            return fail(SettingsText::tr("cannot read %1")
                            .arg(prefix.isEmpty() ? QStringLiteral(".") : prefix));
        DIR *dir = ::fdopendir(dupFd);
        if (!dir) {
            ::close(dupFd);
            return fail(SettingsText::tr("cannot read %1")
                            .arg(prefix.isEmpty() ? QStringLiteral(".") : prefix));
        }
        QList<QByteArray> names;
        while (const dirent *e = ::readdir(dir)) {
            const QByteArray n(e->d_name);
            if (n != "." && n != "..")
                names << n;
        }
        ::closedir(dir);
        std::sort(names.begin(), names.end());
        for (const QByteArray &name : names) {
            const QString rel = prefix + QFile::decodeName(name);
            if (++entries > MaxEntries)
                return fail(SettingsText::tr("it has more than %1 entries").arg(MaxEntries));
            if (isLeftOut(QFile::decodeName(name))) {
                out.leftOut << rel;
                continue;
            }
            struct stat st
            {};
            if (::fstatat(srcDir, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
                out.leftOut << rel;
                continue;
            }
            if (S_ISDIR(st.st_mode)) {
                const Fd sub(::openat(srcDir, name.constData(),
                                      O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
                if (sub.fd < 0) {
                    out.leftOut << rel + QLatin1Char('/');
                    continue;
                }
                if (::mkdirat(destDir, name.constData(), 0700) != 0)
                    return fail(SettingsText::tr("cannot write %1: %2")
                                    .arg(rel, QString::fromLocal8Bit(std::strerror(errno))));
                const Fd subDest(::openat(destDir, name.constData(),
                                          O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
                if (subDest.fd < 0)
                    return fail(SettingsText::tr("cannot write %1: %2")
                                    .arg(rel, QString::fromLocal8Bit(std::strerror(errno))));
                if (!copyDir(sub.fd, subDest.fd, rel + QLatin1Char('/'), depth + 1))
                    return false;
            } else if (S_ISREG(st.st_mode)) {
                if (!copyFile(srcDir, name, destDir, rel))
                    return false;
            } else {
                out.leftOut << rel; // symbolic links, FIFOs, sockets, devices
            }
        }
        return true;
    }
};

} // namespace

QString hostDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/opencode");
}

bool enabled(const ProjectConfig &config, bool appDefault)
{
    if (config.shareOpenCodeSettings == QStringLiteral("true"))
        return true;
    if (config.shareOpenCodeSettings == QStringLiteral("false"))
        return false;
    return appDefault;
}

bool isLeftOut(const QString &name)
{
    const QString n = name.toLower();
    static const QStringList exact{QStringLiteral("auth.json"), QStringLiteral("mcp-auth.json"),
                                   QStringLiteral(".git"), QStringLiteral("node_modules")};
    static const QStringList suffixes{QStringLiteral(".key"), QStringLiteral(".pem"),
                                      QStringLiteral(".p12"), QStringLiteral(".pfx")};
    static const QStringList prefixes{QStringLiteral(".env"), QStringLiteral("credentials"),
                                      QStringLiteral("token")};
    if (exact.contains(n) || n.contains(QStringLiteral("secret")))
        return true;
    for (const QString &s : suffixes) {
        if (n.endsWith(s))
            return true;
    }
    for (const QString &p : prefixes) {
        if (n.startsWith(p))
            return true;
    }
    return false;
}

Snapshot make(const QString &source, const QString &dest)
{
    Snapshot out;
    const QString tmp = dest + QStringLiteral(".new");
    QDir(tmp).removeRecursively();
    QDir(dest).removeRecursively();
    // The folder itself may be a link (dotfiles kept elsewhere): the user's own choice.
    const Fd src(::open(QFile::encodeName(source).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (src.fd < 0) {
        if (errno == ENOENT) {
            out.ok = true;
            return out;
        }
        out.error = SettingsText::tr("cannot read %1: %2")
                        .arg(source, QString::fromLocal8Bit(std::strerror(errno)));
        return out;
    }
    if (::mkdir(QFile::encodeName(tmp).constData(), 0700) != 0) {
        out.error = SettingsText::tr("cannot create %1: %2")
                        .arg(tmp, QString::fromLocal8Bit(std::strerror(errno)));
        return out;
    }
    ::chmod(QFile::encodeName(tmp).constData(), 0700); // whatever the umask
    const Fd destFd(::open(QFile::encodeName(tmp).constData(),
                           O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    Copier c{out};
    if (destFd.fd < 0 || !c.copyDir(src.fd, destFd.fd, QString(), 0)) {
        if (out.error.isEmpty())
            out.error = SettingsText::tr("cannot create %1").arg(tmp);
        out.copied.clear();
        QDir(tmp).removeRecursively();
        return out;
    }
    if (::rename(QFile::encodeName(tmp).constData(), QFile::encodeName(dest).constData()) != 0) {
        out.error = SettingsText::tr("cannot create %1: %2")
                        .arg(dest, QString::fromLocal8Bit(std::strerror(errno)));
        QDir(tmp).removeRecursively();
        return out;
    }
    out.ok = true;
    out.empty = false;
    return out;
}

} // namespace ocs::opencodesettings
