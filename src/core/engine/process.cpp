#include "process.h"

#include "logging.h"

#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QProcess>
#include <QTimer>

#include <optional>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>
#endif

namespace ocs {

QString ProcessSpec::displayCommand() const
{
    QStringList parts{program};
    for (const QString &a : arguments)
        parts << (a.contains(QLatin1Char(' ')) ? QLatin1Char('\'') + a + QLatin1Char('\'') : a);
    return parts.join(QLatin1Char(' '));
}

QString ProcessResult::describeFailure(const QString &what) const
{
    switch (status) {
    case Status::Finished: {
        QString err = QString::fromUtf8(standardError).trimmed();
        if (err.isEmpty())
            err = QString::fromUtf8(standardOutput).trimmed();
        const QStringList lines = err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const QString tail = lines.isEmpty()
                                 ? QString()
                                 : lines.mid(qMax(0, lines.size() - 3)).join(QStringLiteral(" / "));
        return tr("%1 failed (exit code %2)%3")
            .arg(what)
            .arg(exitCode)
            .arg(tail.isEmpty() ? QString() : QStringLiteral(": ") + tail);
    }
    case Status::FailedToStart:
        return tr("%1 could not be started: %2").arg(what, errorString);
    case Status::TimedOut:
        return tr("%1 did not finish in time and was stopped").arg(what);
    case Status::Crashed:
        return tr("%1 was killed (%2)").arg(what, errorString);
    case Status::Cancelled:
        return tr("%1 was cancelled").arg(what);
    }
    return what;
}

namespace {

class QProcessJob final : public ProcessJob
{
public:
    QProcessJob(const ProcessSpec &spec, QObject *parent)
        : ProcessJob(parent)
        , m_spec(spec)
    {
        m_process.setProgram(spec.program);
        m_process.setArguments(spec.arguments);
        if (!spec.environment.isEmpty())
            m_process.setProcessEnvironment(spec.environment);
        if (!spec.workingDirectory.isEmpty())
            m_process.setWorkingDirectory(spec.workingDirectory);
        if (spec.forwardInput)
            m_process.setInputChannelMode(QProcess::ForwardedInputChannel);
        if (spec.forwardOutput)
            m_process.setProcessChannelMode(QProcess::ForwardedChannels);
        else if (spec.forwardStdErr)
            m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
#ifdef Q_OS_LINUX
        if (spec.endsWithThisProcess) {
            // In the child, between fork and exec: the kernel sends SIGTERM when the thread
            // that started it ends. If this process already ended before that was set, the
            // child ends itself.
            const pid_t app = ::getpid();
            m_process.setChildProcessModifier([app] {
                ::prctl(PR_SET_PDEATHSIG, SIGTERM);
                if (::getppid() != app)
                    ::raise(SIGTERM);
            });
        }
#endif

        connect(&m_process, &QProcess::readyReadStandardOutput, this,
                [this] { drain(QProcess::StandardOutput, m_out, m_outPartial); });
        connect(&m_process, &QProcess::readyReadStandardError, this,
                [this] { drain(QProcess::StandardError, m_err, m_errPartial); });
        connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
            if (e == QProcess::FailedToStart)
                finish(ProcessResult::Status::FailedToStart);
        });
        connect(&m_process, &QProcess::finished, this, [this](int, QProcess::ExitStatus st) {
            finish(st == QProcess::CrashExit ? ProcessResult::Status::Crashed
                                             : ProcessResult::Status::Finished);
        });
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            qCWarning(lcProcess) << "timed out after" << m_spec.timeout.count()
                                 << "ms:" << m_spec.displayCommand();
            m_pendingStatus = ProcessResult::Status::TimedOut;
            m_process.kill();
        });
    }

    ~QProcessJob() override
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(2000);
        }
    }

    void begin()
    {
        qCDebug(lcProcess) << "run:" << m_spec.displayCommand();
        m_process.start();
        if (m_spec.timeout.count() > 0)
            m_timer.start(m_spec.timeout);
        if (!m_spec.forwardInput) {
            if (!m_spec.standardInput.isEmpty())
                m_process.write(m_spec.standardInput);
            m_process.closeWriteChannel();
        }
    }

    void cancel() override
    {
        if (m_done)
            return;
        m_pendingStatus = ProcessResult::Status::Cancelled;
        m_process.terminate();
        QTimer::singleShot(3000, this, [this] {
            if (!m_done)
                m_process.kill();
        });
    }

private:
    void drain(QProcess::ProcessChannel ch, QByteArray &all, QByteArray &partial)
    {
        m_process.setReadChannel(ch);
        const QByteArray chunk = m_process.readAll();
        all += chunk;
        partial += chunk;
        qsizetype nl;
        while ((nl = partial.indexOf('\n')) >= 0) {
            const QString line = QString::fromUtf8(partial.left(nl)).remove(QLatin1Char('\r'));
            partial.remove(0, nl + 1);
            Q_EMIT outputLine(line);
        }
    }

    void finish(ProcessResult::Status status)
    {
        if (m_done)
            return;
        m_done = true;
        m_timer.stop();
        drain(QProcess::StandardOutput, m_out, m_outPartial);
        if (!m_spec.forwardStdErr)
            drain(QProcess::StandardError, m_err, m_errPartial);
        for (QByteArray *p : {&m_outPartial, &m_errPartial}) {
            if (!p->isEmpty())
                Q_EMIT outputLine(QString::fromUtf8(*p));
            p->clear();
        }
        ProcessResult r;
        r.status = m_pendingStatus ? *m_pendingStatus : status;
        r.exitCode = m_process.exitCode();
        r.standardOutput = m_out;
        r.standardError = m_err;
        r.errorString = m_process.errorString();
        qCDebug(lcProcess) << "done:" << m_spec.program << "status" << int(r.status) << "exit"
                           << r.exitCode;
        Q_EMIT finished(r);
    }

    ProcessSpec m_spec;
    QProcess m_process;
    QTimer m_timer;
    QByteArray m_out, m_err, m_outPartial, m_errPartial;
    std::optional<ProcessResult::Status> m_pendingStatus;
    bool m_done = false;
};

class QProcessLauncher final : public ProcessLauncher
{
public:
    ProcessJob *start(const ProcessSpec &spec, QObject *parent) override
    {
        auto *job = new QProcessJob(spec, parent);
        // Start on the next event-loop turn so callers can connect first.
        QTimer::singleShot(0, job, [job] { job->begin(); });
        return job;
    }
};

std::unique_ptr<ProcessLauncher> &launcherSlot()
{
    static std::unique_ptr<ProcessLauncher> slot = std::make_unique<QProcessLauncher>();
    return slot;
}

} // namespace

ProcessLauncher &ProcessLauncher::instance()
{
    return *launcherSlot();
}

void ProcessLauncher::setInstance(std::unique_ptr<ProcessLauncher> launcher)
{
    launcherSlot() = launcher ? std::move(launcher) : std::make_unique<QProcessLauncher>();
}

namespace {

// Owns ProcessSpec::privateFilePath while the child may read it: removes it when released
// (explicitly once the child has ended, or when the last copy of the finish handler goes
// away with an unfinished job).
class PrivateFile
{
public:
    explicit PrivateFile(QString path)
        : m_path(std::move(path))
    {}
    ~PrivateFile() { release(); }
    PrivateFile(const PrivateFile &) = delete;
    PrivateFile &operator=(const PrivateFile &) = delete;

    bool write(const QByteArray &contents, QString *error)
    {
        // O_EXCL + 0600 from the start: the contents are never readable by anyone else, not
        // even for a moment, and a link planted at the path is not followed.
        if (QFileInfo(m_path).isSymLink() || QFileInfo::exists(m_path))
            QFile::remove(m_path);
        QFile f(m_path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                    QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
            *error = f.errorString();
            return false;
        }
        m_created = true;
        if (f.write(contents) != contents.size() || !f.flush()) {
            *error = f.errorString();
            return false;
        }
        return true;
    }

    void release()
    {
        if (m_created && !QFile::remove(m_path) && QFileInfo::exists(m_path))
            qCWarning(lcProcess) << "could not remove" << m_path;
        m_created = false;
    }

private:
    QString m_path;
    bool m_created = false;
};

} // namespace

void runProcess(const ProcessSpec &spec, QObject *context,
                std::function<void(const ProcessResult &)> done,
                std::function<void(const QString &)> onLine)
{
    std::shared_ptr<PrivateFile> privateFile;
    if (!spec.privateFilePath.isEmpty()) {
        privateFile = std::make_shared<PrivateFile>(spec.privateFilePath);
        QString error;
        if (!privateFile->write(spec.privateFileContents, &error)) {
            privateFile->release();
            ProcessResult r;
            r.status = ProcessResult::Status::FailedToStart;
            r.errorString =
                ProcessResult::tr("cannot write %1: %2").arg(spec.privateFilePath, error);
            // As for any other start: the result arrives on a later event-loop turn.
            QTimer::singleShot(0, context, [r, done = std::move(done)] {
                if (done)
                    done(r);
            });
            return;
        }
    }
    ProcessJob *job = ProcessLauncher::instance().start(spec, context);
    if (onLine)
        QObject::connect(job, &ProcessJob::outputLine, context, onLine);
    QObject::connect(job, &ProcessJob::finished, context,
                     [job, privateFile, done = std::move(done)](const ProcessResult &r) {
                         if (privateFile)
                             privateFile->release();
                         job->deleteLater();
                         if (done)
                             done(r);
                     });
}

} // namespace ocs
