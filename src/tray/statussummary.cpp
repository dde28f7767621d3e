#include "statussummary.h"

namespace ocs::tray {

using State = ManagedSandbox::State;

QString StatusSummary::elided(const QString &text, int maxLength)
{
    QString t = text.simplified();
    if (t.size() <= maxLength)
        return t;
    return t.left(maxLength - 1) + QChar(0x2026);
}

QString StatusSummary::headline(const SandboxFleet &fleet)
{
    const auto &engine = fleet.engineStatus();
    if (engine.state == SandboxFleet::EngineStatus::State::Unavailable)
        return engine.displayName.isEmpty() ? tr("No container engine available")
                                            : tr("%1 is not available").arg(engine.displayName);
    if (engine.state == SandboxFleet::EngineStatus::State::Locating)
        return tr("Looking for Docker or Podman…");
    const int total = int(fleet.sandboxes().size());
    if (total == 0)
        return tr("No projects yet");
    const int running = fleet.count(State::Running);
    if (running == 0)
        return tr("No sandbox running (%n project(s))", nullptr, total);
    return tr("%1 of %n sandbox(es) running", nullptr, total).arg(running);
}

QString StatusSummary::tooltip(const SandboxFleet &fleet)
{
    QStringList lines{tr("OpenCode Sandbox"), headline(fleet)};
    for (const ManagedSandbox *s : fleet.sandboxes()) {
        if (s->state() == State::Stopped)
            continue;
        QString line = QStringLiteral("%1: %2").arg(s->displayName(), stateLine(*s));
        lines << elided(line, 100);
        const QString progress = progressLine(*s, 90);
        if (!progress.isEmpty())
            lines << QStringLiteral("  ") + progress;
    }
    return lines.join(QLatin1Char('\n'));
}

QString StatusSummary::shortState(const ManagedSandbox &s)
{
    switch (s.state()) {
    case State::Running:
        return tr("running");
    case State::Building: {
        const auto p = s.progress();
        return p.total > 0 ? tr("building %1/%2").arg(p.step).arg(p.total) : tr("building…");
    }
    case State::Starting:
        return tr("starting…");
    case State::Stopping:
        return tr("stopping…");
    case State::Error:
        return tr("error");
    case State::Stopped:
        break;
    }
    return tr("stopped");
}

QString StatusSummary::stateLine(const ManagedSandbox &s)
{
    switch (s.state()) {
    case State::Running:
        return s.port() ? tr("Running on port %1").arg(s.port()) : tr("Running");
    case State::Building: {
        const auto p = s.progress();
        return p.total > 0 ? tr("Building the image: step %1 of %2").arg(p.step).arg(p.total)
                           : tr("Building the image…");
    }
    case State::Starting:
        return tr("Starting…");
    case State::Stopping:
        return tr("Stopping…");
    case State::Error: {
        const QString first = s.lastError().section(QLatin1Char('\n'), 0, 0);
        return first.isEmpty() ? tr("Error") : tr("Error: %1").arg(elided(first, 90));
    }
    case State::Stopped:
        break;
    }
    return tr("Stopped");
}

QString StatusSummary::progressLine(const ManagedSandbox &s, int maxLength)
{
    if (!s.isBusy() && s.state() != State::Building && s.state() != State::Starting)
        return QString();
    // The newest line: a build step, or what the start is doing now.
    const QStringList output = s.recentOutput();
    const QString line = output.isEmpty() ? s.progress().line : output.constLast();
    return elided(line, maxLength);
}

QString StatusSummary::menuTitle(const ManagedSandbox &s)
{
    // Menu titles treat '&' as a mnemonic marker.
    QString name = s.displayName();
    name.replace(QLatin1Char('&'), QStringLiteral("&&"));
    if (s.state() == State::Running && s.port())
        return tr("%1 — %2 · port %3").arg(name, shortState(s)).arg(s.port());
    return tr("%1 — %2").arg(name, shortState(s));
}

} // namespace ocs::tray
