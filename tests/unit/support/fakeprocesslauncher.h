#pragma once

// A ProcessLauncher for tests: it runs nothing. Every ProcessSpec is recorded (program,
// arguments, environment, …) and answered from a script of rules matched on the start of
// the argument list, e.g.
//
//     auto *fake = FakeProcessLauncher::install();
//     fake->reply({"image", "inspect"}, 1, {}, "Error: No such image: x");
//     fake->reply({"run"}, 0, "0123abcd\n");
//     ...
//     FakeProcessLauncher::uninstall(); // in cleanup()
//
// Rules added later take precedence, so a test can override a default; a rule may be
// limited to a number of uses (then the next matching rule answers). Jobs finish on a
// later turn of the event loop, as real processes do: callers always get to connect first.

#include "engine/process.h"

#include <QList>
#include <QStringList>

#include <functional>
#include <optional>

namespace ocs::test {

class FakeProcessLauncher final : public ProcessLauncher
{
public:
    using Responder = std::function<ProcessResult(const ProcessSpec &)>;

    // Makes a new fake the process-wide launcher and returns it (the launcher slot owns it;
    // the pointer is valid until uninstall() or the next install()).
    static FakeProcessLauncher *install();
    // Restores the real launcher.
    static void uninstall();

    // Results.
    static ProcessResult finished(int exitCode, const QByteArray &standardOutput = {},
                                  const QByteArray &standardError = {});
    static ProcessResult failedToStart(const QString &errorString);
    static ProcessResult timedOut();

    // Rules: commands whose arguments start with `argsPrefix` ({} matches everything).
    // `times` < 0: unlimited.
    void respond(const QStringList &argsPrefix, Responder responder, int times = -1);
    void reply(const QStringList &argsPrefix, int exitCode, const QByteArray &standardOutput = {},
               const QByteArray &standardError = {}, int times = -1);
    void reply(const QStringList &argsPrefix, const ProcessResult &result, int times = -1);
    // What commands no rule matches get (default: exit code 0, no output).
    void setFallback(const ProcessResult &result) { m_fallback = result; }
    // Delay before a job finishes (default 0: the next event-loop turn).
    void setDelay(int milliseconds) { m_delayMs = milliseconds; }

    // What was started, in order.
    const QList<ProcessSpec> &calls() const { return m_calls; }
    QList<QStringList> argumentLists() const;
    QList<ProcessSpec> callsStartingWith(const QStringList &argsPrefix) const;
    int count(const QStringList &argsPrefix) const
    {
        return int(callsStartingWith(argsPrefix).size());
    }
    // Index in calls() of the first call starting with `argsPrefix` at or after `from`, -1
    // when there is none.
    int indexOf(const QStringList &argsPrefix, int from = 0) const;
    // Every argument of every call, for "this secret appears nowhere" checks.
    QStringList allArguments() const;
    void clearCalls() { m_calls.clear(); }

    static bool startsWith(const QStringList &arguments, const QStringList &prefix);

    ProcessJob *start(const ProcessSpec &spec, QObject *parent) override;

private:
    struct Rule
    {
        QStringList prefix;
        Responder responder;
        int remaining = -1;
    };
    QList<Rule> m_rules;
    QList<ProcessSpec> m_calls;
    ProcessResult m_fallback = finished(0);
    int m_delayMs = 0;
};

} // namespace ocs::test
