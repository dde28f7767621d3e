#include "peercredentials.h"

#include <QFile>
#include <QTcpSocket>
#include <QtEndian>

#include <cstring>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace ocs::gateway::peercred {

namespace {

bool parseHex(QByteArrayView text, quint32 *value)
{
    if (text.isEmpty() || text.size() > 8)
        return false;
    quint32 v = 0;
    for (char c : text) {
        int digit = 0;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else
            return false;
        v = (v << 4) | quint32(digit);
    }
    *value = v;
    return true;
}

// "0100007F:1F90" (IPv4) or 32 hex digits ":" port (IPv6). The kernel prints each 32-bit word
// of the address as a number in host byte order, so its bytes in memory are the address's.
bool parseEndpoint(QByteArrayView text, QHostAddress *address, quint16 *port)
{
    const qsizetype colon = text.indexOf(':');
    if (colon < 0)
        return false;
    const QByteArrayView hexAddress = text.first(colon);
    quint32 p = 0;
    if (!parseHex(text.sliced(colon + 1), &p) || p > 0xffff)
        return false;
    *port = quint16(p);
    if (hexAddress.size() == 8) {
        quint32 word = 0;
        if (!parseHex(hexAddress, &word))
            return false;
        quint8 bytes[4];
        std::memcpy(bytes, &word, 4);
        *address = QHostAddress(qFromBigEndian<quint32>(bytes));
        return true;
    }
    if (hexAddress.size() == 32) {
        Q_IPV6ADDR ip;
        for (int i = 0; i < 4; ++i) {
            quint32 word = 0;
            if (!parseHex(hexAddress.sliced(i * 8, 8), &word))
                return false;
            std::memcpy(ip.c + i * 4, &word, 4);
        }
        *address = QHostAddress(ip);
        return true;
    }
    return false;
}

bool sameAddress(const QHostAddress &a, const QHostAddress &b)
{
    return a.isEqual(b, QHostAddress::TolerantConversion);
}

QByteArrayView nextField(QByteArrayView &line)
{
    while (!line.isEmpty() && line.front() == ' ')
        line = line.sliced(1);
    qsizetype end = line.indexOf(' ');
    if (end < 0)
        end = line.size();
    const QByteArrayView field = line.first(end);
    line = line.sliced(end);
    return field;
}

std::optional<uint> lookUp(const char *path, const QHostAddress &peer, quint16 peerPort,
                           const QHostAddress &self, quint16 selfPort)
{
    QFile file(QString::fromLatin1(path));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return findSocketOwner(file.readAll(), peer, peerPort, self, selfPort);
}

} // namespace

std::optional<uint> findSocketOwner(QByteArrayView table, const QHostAddress &peer,
                                    quint16 peerPort, const QHostAddress &self, quint16 selfPort)
{
    while (!table.isEmpty()) {
        const qsizetype lf = table.indexOf('\n');
        QByteArrayView line = lf < 0 ? table : table.first(lf);
        table = lf < 0 ? QByteArrayView() : table.sliced(lf + 1);
        // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid ...
        const QByteArrayView slot = nextField(line);
        if (!slot.endsWith(':'))
            continue; // the heading
        QHostAddress local, remote;
        quint16 localPort = 0, remotePort = 0;
        if (!parseEndpoint(nextField(line), &local, &localPort) || localPort != peerPort)
            continue;
        if (!parseEndpoint(nextField(line), &remote, &remotePort) || remotePort != selfPort)
            continue;
        if (!sameAddress(local, peer) || !sameAddress(remote, self))
            continue;
        nextField(line); // st
        nextField(line); // tx_queue:rx_queue
        nextField(line); // tr:tm->when
        nextField(line); // retrnsmt
        const QByteArrayView uid = nextField(line);
        bool ok = false;
        const uint value = uid.toByteArray().toUInt(&ok);
        if (ok)
            return value;
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<uint> peerUid(const QTcpSocket &socket)
{
#ifdef Q_OS_LINUX
    const QHostAddress peer = socket.peerAddress();
    const QHostAddress self = socket.localAddress();
    if (!peer.isLoopback() || !self.isLoopback())
        return std::nullopt;
    const quint16 peerPort = socket.peerPort();
    const quint16 selfPort = socket.localPort();
    bool isV4 = false;
    peer.toIPv4Address(&isV4);
    if (isV4) {
        if (const auto uid = lookUp("/proc/net/tcp", peer, peerPort, self, selfPort))
            return uid;
    }
    return lookUp("/proc/net/tcp6", peer, peerPort, self, selfPort);
#else
    Q_UNUSED(socket);
    return std::nullopt;
#endif
}

std::optional<uint> ownUid()
{
#ifdef Q_OS_UNIX
    return uint(::getuid());
#else
    return std::nullopt;
#endif
}

} // namespace ocs::gateway::peercred
