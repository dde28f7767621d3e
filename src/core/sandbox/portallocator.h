#pragma once

#include <QList>
#include <QtGlobal>

namespace ocs {

// Picks the loopback port a sandbox's web UI is published on: the one it had before if
// that is still free, otherwise the first free one from 4096 (the reference's port) up.
class PortAllocator
{
public:
    static constexpr quint16 FirstPort = 4096;
    static constexpr quint16 LastPort = 4999;

    static bool isFree(quint16 port);
    // 0 when nothing in the range is free. `avoid` lists ports not to hand out (e.g. one
    // that just failed to publish).
    static quint16 choose(quint16 preferred, const QList<quint16> &avoid = {});
    // A host port for a published port of the sandbox: `preferred` when it is free on
    // 127.0.0.1 and not in `avoid`, otherwise one the system hands out as free (0: none).
    static quint16 chooseAny(quint16 preferred, const QList<quint16> &avoid = {});
};

} // namespace ocs
