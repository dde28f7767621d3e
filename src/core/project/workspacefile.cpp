#include "workspacefile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStringList>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ocs {

namespace {
struct WsText
{
    Q_DECLARE_TR_FUNCTIONS(ocs::WorkspaceFile)
};
} // namespace

namespace {

using Result = WorkspaceFile::Result;

QString errnoText(int e)
{
    return QString::fromLocal8Bit(std::strerror(e));
}

QString sizeText(qint64 bytes)
{
    return bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0
               ? WsText::tr("%1 MiB").arg(bytes / (1024 * 1024))
               : WsText::tr("%1 bytes").arg(bytes);
}

// Why a file of this type is not read.
QString notRegularReason(mode_t mode)
{
    if (S_ISLNK(mode))
        return WsText::tr("it is a symbolic link; files the host acts on are not followed "
                          "through links (anything in the workspace, the agent included, "
                          "can point one anywhere): replace it with the file itself");
    if (S_ISDIR(mode))
        return WsText::tr("it is a folder, not a file");
    if (S_ISFIFO(mode))
        return WsText::tr("it is a named pipe (FIFO), not a regular file");
    if (S_ISSOCK(mode))
        return WsText::tr("it is a socket, not a regular file");
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return WsText::tr("it is a device, not a regular file");
    return WsText::tr("it is not a regular file");
}

Result refused(const QString &path, const QString &reason)
{
    Result r;
    r.path = path;
    r.reason = reason;
    return r;
}

Result absent(const QString &path)
{
    Result r;
    r.path = path;
    r.status = Result::Status::Absent;
    r.reason = WsText::tr("there is no such file");
    return r;
}

// Reads the open descriptor `fd` (closed here) after checking it is what the path promised.
Result readDescriptor(int fd, const QString &path, qint64 maxSize, bool refuseHardLinks)
{
    struct stat st
    {};
    if (::fstat(fd, &st) != 0) {
        const int e = errno;
        ::close(fd);
        return refused(path, errnoText(e));
    }
    auto fail = [&](const QString &reason) {
        ::close(fd);
        return refused(path, reason);
    };
    // The name may have been swapped since it was looked at: what counts is what was opened.
    if (!S_ISREG(st.st_mode))
        return fail(notRegularReason(st.st_mode));
    if (refuseHardLinks && st.st_nlink > 1)
        return fail(WsText::tr("it has %1 hard links; a protected file must have exactly one "
                               "(the agent could change it through another name). Replace "
                               "it with a copy (cp, then mv over it)")
                        .arg(qulonglong(st.st_nlink)));
    const QString tooLarge =
        WsText::tr("it is larger than %1, the most read from such a file").arg(sizeText(maxSize));
    if (st.st_size > maxSize)
        return fail(tooLarge);
    // Regular files ignore O_NONBLOCK; read at most one byte more than allowed (st_size may
    // be stale or, for some file systems, 0).
    QByteArray data;
    data.resize(qsizetype(maxSize) + 1);
    qint64 total = 0;
    while (total < data.size()) {
        const ssize_t n = ::read(fd, data.data() + total, size_t(data.size() - total));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fail(errnoText(errno));
        if (n == 0)
            break;
        total += n;
    }
    ::close(fd);
    if (total > maxSize)
        return refused(path, tooLarge);
    data.truncate(qsizetype(total));
    Result r;
    r.status = Result::Status::Ok;
    r.path = path;
    r.data = std::move(data);
    return r;
}

} // namespace

QString WorkspaceFile::Result::message() const
{
    return QStringLiteral("%1: %2").arg(path, reason);
}

WorkspaceFile::Result WorkspaceFile::read(const QString &root, const QString &relativePath,
                                          const Rules &rules)
{
    const QString path = QDir::cleanPath(root + QLatin1Char('/') + relativePath);
    QStringList parts = relativePath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    parts.removeAll(QStringLiteral("."));
    if (QDir::isAbsolutePath(relativePath) || parts.isEmpty() ||
        parts.contains(QStringLiteral("..")))
        return refused(path, WsText::tr("the path leads out of the project folder %1").arg(root));
    int dir = ::open(QFile::encodeName(root).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) {
        const int e = errno;
        return refused(path,
                       WsText::tr("cannot open the project folder %1: %2").arg(root, errnoText(e)));
    }
    // One folder at a time, never following a link: what is opened is below the root.
    QString walked = root;
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        walked += QLatin1Char('/') + parts.at(i);
        const QByteArray name = QFile::encodeName(parts.at(i));
        const int next =
            ::openat(dir, name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (next < 0) {
            const int e = errno;
            struct stat st
            {};
            const bool seen = ::fstatat(dir, name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0;
            ::close(dir);
            if (e == ENOENT)
                return absent(path);
            if (seen && S_ISLNK(st.st_mode))
                return refused(path, WsText::tr("the folder %1 on its way is a symbolic link; "
                                                "the host does not follow links in the "
                                                "workspace (they can lead out of the project)")
                                         .arg(walked));
            if (seen && !S_ISDIR(st.st_mode))
                return refused(path, WsText::tr("%1 on its way is not a folder").arg(walked));
            return refused(path, WsText::tr("cannot open %1: %2").arg(walked, errnoText(e)));
        }
        ::close(dir);
        dir = next;
    }
    const QByteArray name = QFile::encodeName(parts.last());
    struct stat st
    {};
    if (::fstatat(dir, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        const int e = errno;
        ::close(dir);
        return e == ENOENT ? absent(path) : refused(path, errnoText(e));
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(dir);
        return refused(path, notRegularReason(st.st_mode));
    }
    const int fd =
        ::openat(dir, name.constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    const int e = errno;
    ::close(dir);
    if (fd < 0) {
        // ELOOP: it became a link after the look above.
        return e == ENOENT  ? absent(path)
               : e == ELOOP ? refused(path, notRegularReason(S_IFLNK))
                            : refused(path, errnoText(e));
    }
    return readDescriptor(fd, path, rules.maxSize, rules.refuseHardLinks);
}

WorkspaceFile::Result WorkspaceFile::readUserFile(const QString &path, qint64 maxSize)
{
    const QByteArray native = QFile::encodeName(path);
    struct stat st
    {};
    if (::stat(native.constData(), &st) != 0) {
        const int e = errno;
        return e == ENOENT ? absent(path) : refused(path, errnoText(e));
    }
    if (!S_ISREG(st.st_mode))
        return refused(path, notRegularReason(st.st_mode));
    const int fd = ::open(native.constData(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        const int e = errno;
        return e == ENOENT ? absent(path) : refused(path, errnoText(e));
    }
    return readDescriptor(fd, path, maxSize, false);
}

WorkspaceFile::Result WorkspaceFile::readMaybeInWorkspace(const QString &root,
                                                          const QString &absolutePath,
                                                          qint64 maxSize)
{
    const QString cleanRoot = QDir::cleanPath(root);
    const QString clean = QDir::cleanPath(absolutePath);
    if (clean.startsWith(cleanRoot + QLatin1Char('/')))
        return read(cleanRoot, clean.mid(cleanRoot.size() + 1), Rules{maxSize, false});
    return readUserFile(clean, maxSize);
}

namespace {

bool isInvisible(char32_t c)
{
    if (c < 0x20 || (c >= 0x7f && c < 0xa0))
        return true;
    switch (c) {
    case 0x00ad: // soft hyphen
    case 0x034f: // combining grapheme joiner
    case 0x061c: // Arabic letter mark
    case 0x115f:
    case 0x1160:
    case 0x3164:
    case 0xffa0: // Hangul fillers (look like nothing)
    case 0x180e: // Mongolian vowel separator
    case 0x2028: // line separator
    case 0x2029: // paragraph separator
    case 0xfeff: // zero-width no-break space / BOM
        return true;
    default:
        break;
    }
    if ((c >= 0x200b && c <= 0x200f) || // zero-width space/joiners, LRM, RLM
        (c >= 0x202a && c <= 0x202e) || // bidi embeddings and overrides (RLO)
        (c >= 0x2060 && c <= 0x206f) || // word joiner, invisible operators, bidi isolates
        (c >= 0xfe00 && c <= 0xfe0f) || // variation selectors
        (c >= 0xfff0 && c <= 0xfffb) || // interlinear annotations, specials
        (c >= 0xe0000 && c <= 0xe0fff)) // tags, variation selectors supplement
        return true;
    // Whatever else Unicode calls a control, format or unusual space character.
    const QChar::Category cat = QChar::category(c);
    return cat == QChar::Other_Control || cat == QChar::Other_Format ||
           cat == QChar::Other_NotAssigned || cat == QChar::Other_PrivateUse ||
           cat == QChar::Separator_Line || cat == QChar::Separator_Paragraph ||
           (cat == QChar::Separator_Space && c != 0x20);
}

// The code point at `data[i]` and its length in bytes; length 0 for a byte that does not
// start valid UTF-8 (overlong forms, surrogates and values above U+10FFFF included).
std::pair<char32_t, int> decodeUtf8(const QByteArray &data, qsizetype i)
{
    const auto b = [&](qsizetype k) {
        return uchar(data.at(k));
    };
    const uchar lead = b(i);
    if (lead < 0x80)
        return {lead, 1};
    int len = 0;
    char32_t c = 0;
    char32_t min = 0;
    if ((lead & 0xe0) == 0xc0) {
        len = 2;
        c = lead & 0x1f;
        min = 0x80;
    } else if ((lead & 0xf0) == 0xe0) {
        len = 3;
        c = lead & 0x0f;
        min = 0x800;
    } else if ((lead & 0xf8) == 0xf0) {
        len = 4;
        c = lead & 0x07;
        min = 0x10000;
    } else {
        return {0, 0};
    }
    if (i + len > data.size())
        return {0, 0};
    for (int k = 1; k < len; ++k) {
        if ((b(i + k) & 0xc0) != 0x80)
            return {0, 0};
        c = (c << 6) | (b(i + k) & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return {0, 0};
    return {c, len};
}

} // namespace

QString visibleText(const QByteArray &content, int *marked)
{
    int count = 0;
    QString out;
    out.reserve(content.size());
    for (qsizetype i = 0; i < content.size();) {
        const auto [c, len] = decodeUtf8(content, i);
        if (len == 0) {
            out += QStringLiteral("\\x%1").arg(uint(uchar(content.at(i))), 2, 16, QLatin1Char('0'));
            ++count;
            ++i;
            continue;
        }
        i += len;
        if (c == '\n' || c == '\t') {
            out += QChar(c);
        } else if (c == '\r') {
            out += QStringLiteral("\\r");
            ++count;
        } else if (c < 0x20 || c == 0x7f) {
            out += QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
            ++count;
        } else if (isInvisible(c)) {
            out += QStringLiteral("<U+%1>").arg(uint(c), 4, 16, QLatin1Char('0')).toUpper();
            ++count;
        } else {
            out += QString::fromUcs4(&c, 1);
        }
    }
    if (marked)
        *marked = count;
    return out;
}

} // namespace ocs
