#include "app/applog.h"

#include "app/environment.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QLoggingCategory>

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ocs {

namespace {

std::mutex g_installMutex;
AppLog *g_log = nullptr;
QtMessageHandler g_previous = nullptr;

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "critical";
    case QtFatalMsg:
        return "fatal";
    }
    return "?";
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    // A message while writing one (e.g. from QLockFile) goes to stderr only.
    thread_local bool inside = false;
    if (AppLog *log = g_log; log && !inside) {
        inside = true;
        log->append(AppLog::formatLine(type, context.category, message));
        inside = false;
    }
    if (g_previous)
        g_previous(type, context, message);
    else
        std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}

bool writeAll(int fd, const QByteArray &data)
{
    const char *p = data.constData();
    qsizetype left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, size_t(left));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        p += n;
        left -= n;
    }
    return true;
}

} // namespace

AppLog::AppLog(Options options)
    : m_options(std::move(options))
{
    if (m_options.directory.isEmpty())
        m_options.directory = defaultDirectory();
    if (m_options.baseName.isEmpty())
        m_options.baseName = QStringLiteral("opencode-sandbox");
    if (m_options.keepFiles < 1)
        m_options.keepFiles = 1;
}

AppLog::~AppLog()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

QString AppLog::defaultDirectory()
{
    const QString overridden = environment::value(environment::Variable::LogDir);
    if (!overridden.isEmpty())
        return overridden;
    QString state = qEnvironmentVariable("XDG_STATE_HOME");
    // The XDG spec: a relative path is invalid and is to be ignored.
    if (state.isEmpty() || !QDir::isAbsolutePath(state))
        state = QDir::homePath() + QStringLiteral("/.local/state");
    return state + QStringLiteral("/opencode-sandbox");
}

QString AppLog::filePath() const
{
    return m_options.directory + QLatin1Char('/') + m_options.baseName + QStringLiteral(".log");
}

QStringList AppLog::files() const
{
    QStringList out;
    for (int i = 0; i < m_options.keepFiles; ++i) {
        const QString f = i == 0 ? filePath() : filePath() + QLatin1Char('.') + QString::number(i);
        if (QFileInfo::exists(f))
            out << f;
    }
    return out;
}

bool AppLog::ensureDirectory() const
{
    const QString dir = m_options.directory;
    if (!QDir().mkpath(dir))
        return false;
    // Our own folder: private, whatever made it.
    return ::chmod(QFile::encodeName(dir).constData(), 0700) == 0;
}

bool AppLog::openLocked()
{
    if (m_fd >= 0) {
        // Still the file at the path? Another process may have rotated it away.
        struct stat open
        {
        }, named{};
        if (::fstat(m_fd, &open) == 0 &&
            ::stat(QFile::encodeName(filePath()).constData(), &named) == 0 &&
            open.st_dev == named.st_dev && open.st_ino == named.st_ino)
            return true;
        ::close(m_fd);
        m_fd = -1;
    }
    if (!ensureDirectory())
        return false;
    m_fd = ::open(QFile::encodeName(filePath()).constData(),
                  O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (m_fd < 0)
        return false;
    // A file made by someone else's umask or an older version: private all the same.
    ::fchmod(m_fd, 0600);
    return true;
}

bool AppLog::rotateLocked(qint64 incoming)
{
    // Across processes: only one rotates; the others see the new file and reopen it.
    QLockFile lock(m_options.directory + QLatin1Char('/') + m_options.baseName +
                   QStringLiteral(".log.lock"));
    lock.setStaleLockTime(10000);
    if (!lock.tryLock(2000))
        return false;
    const QByteArray path = QFile::encodeName(filePath());
    struct stat named
    {};
    // Another process may have rotated it in the meantime: look again.
    if (::stat(path.constData(), &named) == 0 && named.st_size > 0 &&
        named.st_size + incoming > m_options.maxBytes) {
        const auto numbered = [&](int i) {
            return QFile::encodeName(filePath() + QLatin1Char('.') + QString::number(i));
        };
        const int last = m_options.keepFiles - 1;
        if (last == 0) {
            ::unlink(path.constData());
        } else {
            ::unlink(numbered(last).constData());
            for (int i = last - 1; i >= 1; --i)
                ::rename(numbered(i).constData(), numbered(i + 1).constData());
            ::rename(path.constData(), numbered(1).constData());
        }
    }
    return openLocked();
}

bool AppLog::append(const QString &line)
{
    const QByteArray data = line.toUtf8() + '\n';
    std::lock_guard guard(m_mutex);
    if (!openLocked())
        return false;
    struct stat st
    {};
    if (::fstat(m_fd, &st) == 0 && st.st_size > 0 &&
        st.st_size + data.size() > m_options.maxBytes) {
        if (!rotateLocked(data.size()))
            return false;
    }
    return writeAll(m_fd, data);
}

QString AppLog::tail(qint64 maxBytes) const
{
    QByteArray out;
    for (const QString &f : files()) {
        if (qint64(out.size()) >= maxBytes)
            break;
        QFile file(f);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const qint64 want = maxBytes - out.size();
        if (file.size() > want)
            file.seek(file.size() - want);
        out.prepend(file.readAll());
    }
    // Start at a line: the cut may have split one (or a UTF-8 sequence).
    if (qint64(out.size()) >= maxBytes) {
        const qsizetype nl = out.indexOf('\n');
        if (nl >= 0)
            out.remove(0, nl + 1);
    }
    return QString::fromUtf8(out);
}

QString AppLog::formatLine(QtMsgType type, const char *category, const QString &message)
{
    const QString app =
        QCoreApplication::instance() ? QCoreApplication::applicationName() : QStringLiteral("?");
    return QStringLiteral("%1 %2[%3] %4 %5: %6")
        .arg(QDateTime::currentDateTime().toString(Qt::ISODateWithMs), app)
        .arg(qint64(::getpid()))
        .arg(QLatin1String(category ? category : "default"), QLatin1String(levelName(type)),
             message);
}

AppLog *AppLog::install()
{
    if (environment::isSet(environment::Variable::Debug))
        QLoggingCategory::setFilterRules(QStringLiteral("ocs.*.debug=true"));
    std::lock_guard guard(g_installMutex);
    if (g_log)
        return g_log;
    auto log = std::make_unique<AppLog>(Options{});
    if (!log->ensureDirectory())
        return nullptr;
    g_log = log.release();
    g_previous = qInstallMessageHandler(handler);
    return g_log;
}

void AppLog::uninstall()
{
    std::lock_guard guard(g_installMutex);
    if (!g_log)
        return;
    qInstallMessageHandler(g_previous);
    g_previous = nullptr;
    delete std::exchange(g_log, nullptr);
}

AppLog *AppLog::instance()
{
    return g_log;
}

} // namespace ocs
