#include "sandboxverifier.h"

#include "app/environment.h"
#include "logging.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace ocs {

namespace {
struct VerifyText
{
    Q_DECLARE_TR_FUNCTIONS(ocs::SandboxVerifier)
};
} // namespace

QStringList SandboxVerifier::Result::reportLines() const
{
    int width = 8;
    for (const Probe &p : probes)
        width = qMax(width, int(p.id.size()));
    QStringList lines;
    for (const Probe &p : probes)
        lines << QStringLiteral("%1  %2  %3")
                     .arg(p.passed ? QStringLiteral("PASS") : QStringLiteral("FAIL"),
                          p.id.leftJustified(width), p.reason);
    return lines;
}

int SandboxVerifier::Result::passedCount() const
{
    int n = 0;
    for (const Probe &p : probes)
        n += p.passed ? 1 : 0;
    return n;
}

int SandboxVerifier::Result::failedCount() const
{
    return int(probes.size()) - passedCount();
}

SandboxVerifier::SandboxVerifier(ContainerEngine engine, QString containerName, QObject *parent)
    : QObject(parent)
    , m_engine(std::move(engine))
    , m_container(std::move(containerName))
{}

std::chrono::milliseconds SandboxVerifier::defaultTimeout()
{
    bool ok = false;
    const int secs = environment::intValue(environment::Variable::VerifyTimeout, &ok);
    return std::chrono::seconds(ok && secs > 0 ? secs : 120);
}

ProcessSpec SandboxVerifier::command(const ContainerEngine &engine, const QString &containerName,
                                     std::chrono::milliseconds timeout)
{
    // As root: the script drops to dev itself for the agent's part (like ocs-dev-exec).
    return engine.command({QStringLiteral("exec"), QStringLiteral("--user"), QStringLiteral("root"),
                           containerName, ScriptPath},
                          timeout);
}

SandboxVerifier::Result SandboxVerifier::parse(const ProcessResult &r, const QString &containerName)
{
    Result out;
    const QString name = containerName.isEmpty() ? VerifyText::tr("the sandbox") : containerName;
    const QString stderrText = QString::fromUtf8(r.standardError).trimmed();
    switch (r.status) {
    case ProcessResult::Status::Finished:
        break;
    case ProcessResult::Status::TimedOut:
        out.error = VerifyText::tr("The probes in %1 did not finish in time.").arg(name);
        return out;
    case ProcessResult::Status::FailedToStart:
        out.error = r.describeFailure(VerifyText::tr("Running the probes"));
        return out;
    case ProcessResult::Status::Crashed:
    case ProcessResult::Status::Cancelled:
        out.error = r.describeFailure(VerifyText::tr("Running the probes"));
        return out;
    }

    static const QRegularExpression line(QStringLiteral("^(PASS|FAIL) (\\S+)(?: (.*))?$"));
    for (const QString &raw : QString::fromUtf8(r.standardOutput).split(QLatin1Char('\n'))) {
        const auto m = line.match(raw.trimmed());
        if (!m.hasMatch())
            continue;
        out.probes.append(
            {m.captured(2), m.captured(1) == QLatin1String("PASS"), m.captured(3).trimmed()});
    }

    if (out.probes.isEmpty()) {
        const QString lower = stderrText.toLower();
        if (lower.contains(QLatin1String("no such container")) ||
            lower.contains(QLatin1String("is not running")) ||
            lower.contains(QLatin1String("no container with"))) {
            out.error = VerifyText::tr("%1 is not running; start it with `ocs start`.").arg(name);
        } else if (lower.contains(ScriptPath) || lower.contains(QLatin1String("no such file")) ||
                   lower.contains(QLatin1String("executable file not found")) ||
                   r.exitCode == 127) {
            out.error = VerifyText::tr(
                            "The image of %1 has no probe script (it was built before `ocs verify` "
                            "existed): run `ocs rebuild`, then stop and start the sandbox.")
                            .arg(name);
        } else {
            out.error =
                VerifyText::tr("The probes in %1 reported nothing (exit status %2)%3")
                    .arg(name)
                    .arg(r.exitCode)
                    .arg(stderrText.isEmpty() ? QString()
                                              : QStringLiteral(": ") + stderrText.left(400));
        }
        return out;
    }
    // A failing exit status without a failed probe: the script itself went wrong.
    if (r.exitCode != 0 && out.failedCount() == 0) {
        out.probes.append(
            {QStringLiteral("verify"), false,
             VerifyText::tr("the probe script ended with status %1%2")
                 .arg(r.exitCode)
                 .arg(stderrText.isEmpty() ? QString()
                                           : QStringLiteral(": ") + stderrText.left(200))});
    }
    return out;
}

void SandboxVerifier::run(Callback done)
{
    const QString name = m_container;
    qCDebug(lcSandbox) << "verifying" << name;
    runProcess(command(m_engine, m_container), this,
               [done, name](const ProcessResult &r) { done(parse(r, name)); });
}

} // namespace ocs
