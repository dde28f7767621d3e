#include "fakehealthserver.h"

#include <QHostAddress>
#include <QTcpSocket>

namespace ocs::test {

FakeHealthServer::FakeHealthServer(QObject *parent)
    : QObject(parent)
{
    m_clock.start();
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *s = m_server.nextPendingConnection())
            serve(s);
    });
}

bool FakeHealthServer::listen(quint16 port)
{
    return m_server.listen(QHostAddress::LocalHost, port);
}

void FakeHealthServer::setResponse(int status, const QByteArray &body)
{
    m_status = status;
    m_body = body;
}

QByteArray FakeHealthServer::lastHeader(const QByteArray &name) const
{
    if (m_heads.isEmpty())
        return {};
    for (const QByteArray &line : m_heads.last().split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

void FakeHealthServer::serve(QTcpSocket *socket)
{
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    auto buffer = std::make_shared<QByteArray>();
    connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
        *buffer += socket->readAll();
        const qsizetype end = buffer->indexOf("\r\n\r\n");
        if (end < 0)
            return;
        m_heads << buffer->left(end);
        m_times << m_clock.elapsed();
        buffer->clear();
        if (m_unanswered > 0) {
            --m_unanswered;
            return;
        }
        const QByteArray reason = m_status == 200 ? "OK" : "Error";
        socket->write("HTTP/1.1 " + QByteArray::number(m_status) + ' ' + reason +
                      "\r\n"
                      "Content-Type: application/json\r\n"
                      "Content-Length: " +
                      QByteArray::number(m_body.size()) +
                      "\r\n"
                      "Connection: close\r\n\r\n" +
                      m_body);
        socket->disconnectFromHost();
    });
}

} // namespace ocs::test
