#pragma once

#include <QString>

namespace ocs {

class WebGateway;

// Starts `gateway` (not yet listening) on the port this sandbox's gateway had last time, so
// the browser sees the same origin after a restart and the web UI keeps what it stored in the
// browser (settings, open sessions). When that port is taken, or there was none, it takes a
// free one and remembers it in the sandbox's ocs-state.json. `error` says why it could not
// listen at all.
bool listenOnRememberedPort(WebGateway &gateway, const QString &stateDir, QString *error);

} // namespace ocs
