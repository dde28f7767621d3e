#include "fakeprocesslauncher.h"

#include <QPointer>
#include <QTimer>

namespace ocs::test {

namespace {

// A job that "ran" already: it reports its output lines and result on a later event-loop
// turn, like a real process would.
class FakeJob final : public ProcessJob
{
public:
    FakeJob(ProcessResult result, int delayMs, QObject *parent)
        : ProcessJob(parent)
        , m_result(std::move(result))
    {
        QTimer::singleShot(delayMs, this, [this] { deliver(); });
    }

    void cancel() override
    {
        if (m_done)
            return;
        m_result = ProcessResult{};
        m_result.status = ProcessResult::Status::Cancelled;
        QTimer::singleShot(0, this, [this] { deliver(); });
    }

private:
    void deliver()
    {
        if (m_done)
            return;
        m_done = true;
        for (const QByteArray *channel : {&m_result.standardOutput, &m_result.standardError}) {
            QList<QByteArray> lines = channel->split('\n');
            if (!lines.isEmpty() && lines.last().isEmpty())
                lines.removeLast();
            for (const QByteArray &line : std::as_const(lines))
                Q_EMIT outputLine(QString::fromUtf8(line));
        }
        Q_EMIT finished(m_result);
    }

    ProcessResult m_result;
    bool m_done = false;
};

} // namespace

FakeProcessLauncher *FakeProcessLauncher::install()
{
    auto fake = std::make_unique<FakeProcessLauncher>();
    FakeProcessLauncher *raw = fake.get();
    ProcessLauncher::setInstance(std::move(fake));
    return raw;
}

void FakeProcessLauncher::uninstall()
{
    ProcessLauncher::setInstance(nullptr);
}

ProcessResult FakeProcessLauncher::finished(int exitCode, const QByteArray &standardOutput,
                                            const QByteArray &standardError)
{
    ProcessResult r;
    r.status = ProcessResult::Status::Finished;
    r.exitCode = exitCode;
    r.standardOutput = standardOutput;
    r.standardError = standardError;
    return r;
}

ProcessResult FakeProcessLauncher::failedToStart(const QString &errorString)
{
    ProcessResult r;
    r.status = ProcessResult::Status::FailedToStart;
    r.exitCode = -1;
    r.errorString = errorString;
    return r;
}

ProcessResult FakeProcessLauncher::timedOut()
{
    ProcessResult r;
    r.status = ProcessResult::Status::TimedOut;
    r.exitCode = -1;
    r.errorString = QStringLiteral("Process operation timed out");
    return r;
}

void FakeProcessLauncher::respond(const QStringList &argsPrefix, Responder responder, int times)
{
    m_rules.append(Rule{argsPrefix, std::move(responder), times});
}

void FakeProcessLauncher::reply(const QStringList &argsPrefix, int exitCode,
                                const QByteArray &standardOutput, const QByteArray &standardError,
                                int times)
{
    reply(argsPrefix, finished(exitCode, standardOutput, standardError), times);
}

void FakeProcessLauncher::reply(const QStringList &argsPrefix, const ProcessResult &result,
                                int times)
{
    respond(
        argsPrefix, [result](const ProcessSpec &) { return result; }, times);
}

bool FakeProcessLauncher::startsWith(const QStringList &arguments, const QStringList &prefix)
{
    if (prefix.size() > arguments.size())
        return false;
    for (qsizetype i = 0; i < prefix.size(); ++i) {
        if (arguments.at(i) != prefix.at(i))
            return false;
    }
    return true;
}

QList<QStringList> FakeProcessLauncher::argumentLists() const
{
    QList<QStringList> out;
    for (const ProcessSpec &s : m_calls)
        out << s.arguments;
    return out;
}

QList<ProcessSpec> FakeProcessLauncher::callsStartingWith(const QStringList &argsPrefix) const
{
    QList<ProcessSpec> out;
    for (const ProcessSpec &s : m_calls) {
        if (startsWith(s.arguments, argsPrefix))
            out << s;
    }
    return out;
}

int FakeProcessLauncher::indexOf(const QStringList &argsPrefix, int from) const
{
    for (qsizetype i = qMax(0, from); i < m_calls.size(); ++i) {
        if (startsWith(m_calls.at(i).arguments, argsPrefix))
            return int(i);
    }
    return -1;
}

QStringList FakeProcessLauncher::allArguments() const
{
    QStringList out;
    for (const ProcessSpec &s : m_calls)
        out << s.program << s.arguments;
    return out;
}

ProcessJob *FakeProcessLauncher::start(const ProcessSpec &spec, QObject *parent)
{
    m_calls << spec;
    ProcessResult result = m_fallback;
    for (qsizetype i = m_rules.size() - 1; i >= 0; --i) {
        Rule &rule = m_rules[i];
        if (rule.remaining == 0 || !startsWith(spec.arguments, rule.prefix))
            continue;
        if (rule.remaining > 0)
            --rule.remaining;
        // Copy: the responder may add rules (and so move this one).
        const Responder responder = rule.responder;
        result = responder(spec);
        break;
    }
    return new FakeJob(result, m_delayMs, parent);
}

} // namespace ocs::test
