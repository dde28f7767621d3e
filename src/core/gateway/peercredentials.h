#pragma once

#include <QByteArrayView>
#include <QHostAddress>

#include <optional>

class QTcpSocket;

namespace ocs::gateway::peercred {

// Who is at the other end of a loopback TCP connection. Linux only: the kernel lists every
// TCP socket of this network namespace in /proc/net/tcp and /proc/net/tcp6, with the uid of
// its owner. The peer's socket is the entry whose local address is the peer's address and
// port and whose remote address is ours.

// The uid column of the entry of `table` (the text of /proc/net/tcp or /proc/net/tcp6) whose
// local end is `peer`:`peerPort` and whose remote end is `self`:`selfPort`; nullopt when there
// is none. IPv4 addresses also match their IPv4-mapped form in tcp6 tables.
std::optional<uint> findSocketOwner(QByteArrayView table, const QHostAddress &peer,
                                    quint16 peerPort, const QHostAddress &self, quint16 selfPort);

// The uid of the process that owns the client end of `socket` (an accepted loopback
// connection); nullopt when it cannot be told (not Linux, not found, not loopback).
std::optional<uint> peerUid(const QTcpSocket &socket);

// This process's real uid (nullopt where there is none).
std::optional<uint> ownUid();

} // namespace ocs::gateway::peercred
