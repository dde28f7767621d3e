#include "sandbox/rootpolicy.h"

#include "app/environment.h"

#include <QCoreApplication>

#include <unistd.h>

namespace ocs::RootPolicy {

QString refusal(uint effectiveUid, bool allowRootForTests)
{
    if (effectiveUid != 0 || allowRootForTests)
        return {};
    return QCoreApplication::translate(
        "ocs::RootPolicy",
        "Not started: OpenCode Sandbox does not run sandboxes as root. The sandbox's user "
        "`dev` is never root, so it could not write the project folder and the state folder "
        "that root owns.\n"
        "Fix: run it as an ordinary user who owns the project, e.g. `runuser -u USER -- ocs "
        "start` (in a container or CI: create such a user first, `useradd -m USER`, and give "
        "it the project folder and access to the engine).");
}

QString currentRefusal()
{
    return refusal(uint(::geteuid()),
                   environment::value(environment::Variable::TestAllowRoot) == QLatin1String("1"));
}

} // namespace ocs::RootPolicy
