#pragma once

#include "app/managedsandbox.h"
#include "app/sandboxfleet.h"

#include <QCoreApplication>
#include <QString>

namespace ocs::tray {

// The words for states: the tray's tooltip and headline, a project's state line and menu
// title. One place, so the menu, the tooltip and the fallback window say the same.
class StatusSummary
{
    Q_DECLARE_TR_FUNCTIONS(StatusSummary)
public:
    // "2 of 3 sandboxes running", "Docker is not reachable", …
    static QString headline(const SandboxFleet &fleet);
    // Application name, headline, one line per busy or failed sandbox.
    static QString tooltip(const SandboxFleet &fleet);
    // "running", "stopped", "building 3/12", "starting…", "error"
    static QString shortState(const ManagedSandbox &sandbox);
    // "Running on port 4097", "Building the image: step 3 of 12", "Error: …"
    static QString stateLine(const ManagedSandbox &sandbox);
    // The last output line while long work runs ("" otherwise), shortened.
    static QString progressLine(const ManagedSandbox &sandbox, int maxLength = 80);
    // "name — running · port 4097"
    static QString menuTitle(const ManagedSandbox &sandbox);
    static QString elided(const QString &text, int maxLength);
};

} // namespace ocs::tray
