#include "network/decisionlog.h"

#include "logging.h"
#include "network/networkpolicy.h"
#include "network/policyfiles.h"

#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <algorithm>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ocs {

namespace {

const QString LogName = u"decisions.jsonl"_s;
const QString RotatedName = u"decisions.1.jsonl"_s;
const QString CountsName = u"counts.json"_s;
constexpr qint64 MaxCountsBytes = 4 * 1024 * 1024;
constexpr qint64 MaxPollBytes = 1024 * 1024; // read per poll, at most

// Text from the sandbox is printed on terminals and in the tray: printable ASCII only, so no
// escape sequence, line break or direction override gets through.
bool isPrintableAscii(const QString &s, qsizetype maxSize, bool allowSpace)
{
    if (s.isEmpty() || s.size() > maxSize)
        return false;
    for (QChar c : s) {
        const char16_t u = c.unicode();
        if (u > 0x7e || u < 0x20 || (u == 0x20 && !allowSpace))
            return false;
    }
    return true;
}

bool isMethod(const QString &s)
{
    if (s.isEmpty() || s.size() > 16)
        return false;
    for (QChar c : s) {
        if (c < u'A' || c > u'Z')
            return false;
    }
    return true;
}

std::optional<QDateTime> parseTime(const QJsonValue &v)
{
    if (!v.isString() || v.toString().size() > 40)
        return std::nullopt;
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    if (!t.isValid())
        return std::nullopt;
    return t.toUTC();
}

std::optional<bool> parseDecision(const QJsonValue &v)
{
    if (v == u"allowed"_s)
        return true;
    if (v == u"denied"_s)
        return false;
    return std::nullopt;
}

bool isHost(const QString &s)
{
    return isPrintableAscii(s, 255, false);
}

bool isRule(const QString &s)
{
    return isPrintableAscii(s, 320, true);
}

// The complete lines of `bytes` (the part after the last '\n' is still being written).
QList<QByteArray> completeLines(const QByteArray &bytes)
{
    QList<QByteArray> lines = bytes.split('\n');
    lines.removeLast();
    return lines;
}

// Opens a file of the log folder for reading: a regular file only, never through a symbolic
// link, never blocking (the folder is written by a process in the sandbox, which could have
// left a FIFO or a link to one of the user's files there).
bool openLogFile(QFile &f, const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(),
                          O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st
    {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        qCWarning(lcNetwork) << "not a regular file, not read:" << path;
        ::close(fd);
        return false;
    }
    return f.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle);
}

// The last MaxReadBytes of a file; when that is not the whole file, from its first full line.
QByteArray readTail(const QString &path)
{
    QFile f;
    if (!openLogFile(f, path))
        return {};
    const qint64 size = f.size();
    if (size <= DecisionLog::MaxReadBytes)
        return f.read(DecisionLog::MaxReadBytes);
    f.seek(size - DecisionLog::MaxReadBytes);
    QByteArray bytes = f.read(DecisionLog::MaxReadBytes);
    const qsizetype nl = bytes.indexOf('\n');
    return nl < 0 ? QByteArray() : bytes.mid(nl + 1);
}

QByteArray identity(const QString &path)
{
    struct stat st
    {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return {};
    return QByteArray::number(quint64(st.st_dev)) + ':' + QByteArray::number(quint64(st.st_ino));
}

} // namespace

DecisionLog::DecisionLog(QString logDir)
    : m_dir(std::move(logDir))
{}

std::optional<NetworkDecision> DecisionLog::parseLine(const QByteArray &line)
{
    if (line.isEmpty() || line.size() > MaxLineBytes)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    const auto time = parseTime(o.value(u"time"_s));
    const auto decision = parseDecision(o.value(u"decision"_s));
    const QJsonValue port = o.value(u"port"_s);
    if (!time || !decision || !port.isDouble())
        return std::nullopt;
    const double p = port.toDouble();
    if (p < 0 || p > 65535 || p != double(int(p)))
        return std::nullopt;
    NetworkDecision d;
    d.time = *time;
    d.allowed = *decision;
    d.host = o.value(u"host"_s).toString();
    d.port = int(p);
    d.method = o.value(u"method"_s).toString();
    d.rule = o.value(u"rule"_s).toString();
    if (!isHost(d.host) || !isMethod(d.method) || !isRule(d.rule))
        return std::nullopt;
    return d;
}

QByteArray DecisionLog::toJson(const NetworkDecision &d)
{
    // By hand: the contract fixes the order of the fields.
    const auto str = [](const QString &s) {
        const QByteArray a = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
        return a.mid(1, a.size() - 2); // ["..."] -> "..."
    };
    return "{\"time\":" + str(d.time.toUTC().toString(Qt::ISODateWithMs)) +
           ",\"decision\":" + (d.allowed ? "\"allowed\"" : "\"denied\"") +
           ",\"host\":" + str(d.host) + ",\"port\":" + QByteArray::number(d.port) +
           ",\"method\":" + str(d.method) + ",\"rule\":" + str(d.rule) + '}';
}

QList<NetworkDecision> DecisionLog::decisions() const
{
    QList<NetworkDecision> out;
    int skipped = 0;
    for (const QString &name : {RotatedName, LogName}) {
        const QByteArray bytes = readTail(m_dir + u'/' + name);
        for (const QByteArray &line : completeLines(bytes)) {
            if (line.trimmed().isEmpty())
                continue;
            if (auto d = parseLine(line))
                out << *d;
            else
                ++skipped;
        }
    }
    if (skipped)
        qCDebug(lcNetwork) << "decision log" << m_dir << ":" << skipped << "bad lines skipped";
    if (out.size() > MaxDecisions)
        out.remove(0, out.size() - MaxDecisions);
    return out;
}

QList<HostActivity> DecisionLog::activity() const
{
    QList<HostActivity> out;
    bool fromCounts = false;
    QFile f;
    if (openLogFile(f, m_dir + u'/' + CountsName) && f.size() <= MaxCountsBytes) {
        const QJsonDocument doc = QJsonDocument::fromJson(f.read(MaxCountsBytes));
        const QJsonObject root = doc.object();
        if (root.value(u"version"_s) == 1 && root.value(u"hosts"_s).isObject()) {
            fromCounts = true;
            const QJsonObject hosts = root.value(u"hosts"_s).toObject();
            for (auto it = hosts.begin(); it != hosts.end(); ++it) {
                const QJsonObject h = it.value().toObject();
                const auto last = parseTime(h.value(u"last"_s));
                const auto decision = parseDecision(h.value(u"decision"_s));
                const double allowed = h.value(u"allowed"_s).toDouble(-1);
                const double denied = h.value(u"denied"_s).toDouble(-1);
                const QString rule = h.value(u"rule"_s).toString();
                if (!isHost(it.key()) || !last || !decision || !isRule(rule) || allowed < 0 ||
                    denied < 0 || allowed > 9e15 || denied > 9e15)
                    continue;
                HostActivity a;
                a.host = it.key();
                a.domain = networkpolicy::domainOf(a.host);
                a.allowed = qint64(allowed);
                a.denied = qint64(denied);
                a.last = *last;
                a.lastAllowed = *decision;
                a.lastRule = rule;
                out << a;
            }
        }
    }
    if (!fromCounts) {
        QHash<QString, qsizetype> index;
        for (const NetworkDecision &d : decisions()) {
            auto it = index.find(d.host);
            if (it == index.end()) {
                it = index.insert(d.host, out.size());
                HostActivity a;
                a.host = d.host;
                a.domain = networkpolicy::domainOf(d.host);
                out << a;
            }
            HostActivity &a = out[*it];
            (d.allowed ? a.allowed : a.denied)++;
            if (!a.last.isValid() || d.time >= a.last) {
                a.last = d.time;
                a.lastAllowed = d.allowed;
                a.lastRule = d.rule;
            }
        }
    }
    std::sort(out.begin(), out.end(), [](const HostActivity &a, const HostActivity &b) {
        return a.last != b.last ? a.last > b.last : a.host < b.host;
    });
    if (out.size() > policyfiles::MaxCountedHosts)
        out.resize(policyfiles::MaxCountedHosts);
    return out;
}

DecisionLogFollower::DecisionLogFollower(QString logDir, QObject *parent)
    : QObject(parent)
    , m_dir(std::move(logDir))
    , m_timer(new QTimer(this))
    , m_kick(new QTimer(this))
    , m_watcher(new QFileSystemWatcher(this))
{
    m_timer->setInterval(FallbackInterval);
    connect(m_timer, &QTimer::timeout, this, &DecisionLogFollower::poll);
    m_kick->setSingleShot(true);
    m_kick->setInterval(CoalesceDelay);
    connect(m_kick, &QTimer::timeout, this, &DecisionLogFollower::poll);
    const auto changed = [this] {
        if (m_timer->isActive() && !m_kick->isActive())
            m_kick->start();
    };
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, changed);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, changed);
}

void DecisionLogFollower::setFallbackInterval(std::chrono::milliseconds interval)
{
    m_timer->setInterval(interval);
}

void DecisionLogFollower::start()
{
    const QString path = m_dir + u'/' + LogName;
    m_ino = identity(path);
    m_offset = m_ino.isEmpty() ? 0 : QFileInfo(path).size();
    m_pending.clear();
    m_skipping = false;
    watchPaths();
    m_timer->start();
}

void DecisionLogFollower::stop()
{
    m_timer->stop();
    m_kick->stop();
    const QStringList watched = m_watcher->files() + m_watcher->directories();
    if (!watched.isEmpty())
        m_watcher->removePaths(watched);
}

// Watches the folder (a new, renamed or removed file) and the log file itself (appends);
// again after a rotation, or once the folder appears.
void DecisionLogFollower::watchPaths()
{
    const QString path = m_dir + u'/' + LogName;
    if (!m_watcher->directories().contains(m_dir) && QFileInfo(m_dir).isDir())
        m_watcher->addPath(m_dir);
    if (!m_watcher->files().contains(path) && QFileInfo::exists(path))
        m_watcher->addPath(path);
}

void DecisionLogFollower::poll()
{
    ++m_polls;
    const QString path = m_dir + u'/' + LogName;
    const QByteArray ino = identity(path);
    if (ino != m_ino && m_watcher->files().contains(path))
        m_watcher->removePath(path); // may still watch the rotated file under this name
    watchPaths();
    if (ino != m_ino) {
        // Rotated (or removed, or created): what was appended to the old file before it was
        // renamed to decisions.1.jsonl first, then the new file from its start.
        const QString rotated = m_dir + u'/' + RotatedName;
        if (!m_ino.isEmpty() && identity(rotated) == m_ino)
            readFrom(rotated);
        m_ino = ino;
        m_offset = 0;
        m_pending.clear();
        m_skipping = false;
        if (ino.isEmpty())
            return;
    } else if (ino.isEmpty()) {
        return;
    }
    if (QFileInfo(path).size() < m_offset) {
        // Truncated in place: start again from its beginning.
        m_offset = 0;
        m_pending.clear();
        m_skipping = false;
    }
    readFrom(path);
}

void DecisionLogFollower::readFrom(const QString &path)
{
    QFile f;
    if (!openLogFile(f, path) || !f.seek(m_offset))
        return;
    for (;;) {
        const QByteArray bytes = f.read(MaxPollBytes);
        if (bytes.isEmpty())
            break;
        m_offset += bytes.size();
        take(bytes);
        if (bytes.size() < MaxPollBytes)
            break;
    }
}

void DecisionLogFollower::take(const QByteArray &bytes)
{
    qsizetype from = 0;
    while (from < bytes.size()) {
        const qsizetype nl = bytes.indexOf('\n', from);
        const QByteArray piece = bytes.mid(from, nl < 0 ? -1 : nl - from);
        if (nl < 0) {
            // An incomplete line: kept until its end arrives, unless it is already too long.
            if (!m_skipping) {
                m_pending += piece;
                if (m_pending.size() > DecisionLog::MaxLineBytes) {
                    m_pending.clear();
                    m_skipping = true;
                }
            }
            return;
        }
        if (!m_skipping) {
            const QByteArray line = m_pending + piece;
            if (auto d = DecisionLog::parseLine(line))
                Q_EMIT decided(*d);
        }
        m_pending.clear();
        m_skipping = false;
        from = nl + 1;
    }
}

} // namespace ocs
