#pragma once

#include "gatewayauth.h"
#include "webgateway.h"

#include <QByteArray>
#include <QList>

#include <algorithm>
#include <functional>

namespace ocs::gateway {

// State shared by a WebGateway and its connections. Owned by the gateway, which outlives
// its connections.
struct GatewayContext
{
    quint16 listenPort = 0;
    QByteArray cookieName;            // "ocs_session_<port>"
    QList<QByteArray> allowedHosts;   // Host values that address the gateway
    QList<QByteArray> allowedOrigins; // Origin values of the gateway itself

    quint16 upstreamPort = 0;
    QByteArray upstreamAuthorization; // "Basic <base64>": a secret, never log it

    // Called when a connection to the upstream is refused or does not complete.
    std::function<void()> upstreamUnreachable;

    GatewayAuth auth;
    WebGateway::Timeouts timeouts;

    qint64 peakBufferedBytes = 0;
    void noteBuffered(qint64 bytes) { peakBufferedBytes = std::max(peakBufferedBytes, bytes); }
};

} // namespace ocs::gateway
