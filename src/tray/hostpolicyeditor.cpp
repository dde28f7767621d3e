#include "hostpolicyeditor.h"

#include "network/livepolicy.h"
#include "network/networkpolicy.h"
#include "project/project.h"
#include "traylogging.h"

namespace ocs::tray::hostpolicy {

Outcome apply(const QString &projectRoot, const QStringList &hosts, Change change)
{
    Outcome out;
    const std::optional<Project> project = Project::open(projectRoot, &out.error);
    if (!project)
        return out;
    for (const QString &host : hosts) {
        networkpolicy::PolicyEdit edit;
        QString entry = host;
        switch (change) {
        case Change::AllowHost:
            edit = networkpolicy::allowHost(*project, host, /*subdomains=*/false);
            break;
        case Change::AllowDomain:
            entry = networkpolicy::domainOf(host);
            edit = networkpolicy::allowHost(*project, entry, /*subdomains=*/true);
            entry.prepend(QLatin1Char('.'));
            break;
        case Change::Deny:
            edit = networkpolicy::denyHost(*project, host);
            break;
        }
        if (!edit.ok) {
            out.error = edit.error;
            return out;
        }
        out.entries << entry;
        out.live = out.live && edit.live.allowed == edit.after.allowed;
        qCInfo(lcTray) << "network policy of" << projectRoot << ":" << edit.changes;
    }
    out.ok = true;
    return out;
}

} // namespace ocs::tray::hostpolicy
