#include "error.h"

namespace ocs {

QString Error::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::Failed:
        return QStringLiteral("failed");
    case Kind::EngineMissing:
        return QStringLiteral("engine-missing");
    case Kind::EngineNotRunning:
        return QStringLiteral("engine-not-running");
    case Kind::PermissionDenied:
        return QStringLiteral("permission-denied");
    case Kind::PortTaken:
        return QStringLiteral("port-taken");
    case Kind::ContainerGone:
        return QStringLiteral("container-gone");
    case Kind::ImageBuildFailed:
        return QStringLiteral("image-build-failed");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    case Kind::ConfigInvalid:
        return QStringLiteral("config-invalid");
    case Kind::NotApproved:
        return QStringLiteral("not-approved");
    }
    return QStringLiteral("failed");
}

} // namespace ocs
