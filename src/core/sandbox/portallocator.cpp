#include "portallocator.h"

#include <QHostAddress>
#include <QTcpServer>

namespace ocs {

bool PortAllocator::isFree(quint16 port)
{
    if (port == 0)
        return false;
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, port);
}

quint16 PortAllocator::choose(quint16 preferred, const QList<quint16> &avoid)
{
    if (preferred && !avoid.contains(preferred) && isFree(preferred))
        return preferred;
    for (quint32 p = FirstPort; p <= LastPort; ++p) {
        if (!avoid.contains(quint16(p)) && isFree(quint16(p)))
            return quint16(p);
    }
    return 0;
}

quint16 PortAllocator::chooseAny(quint16 preferred, const QList<quint16> &avoid)
{
    if (preferred && !avoid.contains(preferred) && isFree(preferred))
        return preferred;
    for (int attempt = 0; attempt < 20; ++attempt) {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return 0;
        const quint16 port = probe.serverPort();
        if (!avoid.contains(port))
            return port;
    }
    return 0;
}

} // namespace ocs
