#pragma once

// A stand-in for OpenCode's web server: answers every HTTP request on 127.0.0.1:<port>
// with a fixed status and body (by default 200 {"healthy":true,...}) and keeps the request
// heads it saw (to check the Authorization header).

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTcpServer>

namespace ocs::test {

class FakeHealthServer : public QObject
{
    Q_OBJECT
public:
    explicit FakeHealthServer(QObject *parent = nullptr);

    bool listen(quint16 port);
    quint16 port() const { return m_server.serverPort(); }
    bool isListening() const { return m_server.isListening(); }

    void setResponse(int status, const QByteArray &body);
    // The next `count` requests are read and never answered (a server that took the
    // connection before it serves).
    void setUnanswered(int count) { m_unanswered = count; }
    const QList<QByteArray> &requestHeads() const { return m_heads; }
    // When each of those requests was read (ms since the server was made).
    const QList<qint64> &requestTimes() const { return m_times; }
    // The value of `name` in the last request ("" when none).
    QByteArray lastHeader(const QByteArray &name) const;

private:
    void serve(class QTcpSocket *socket);

    QTcpServer m_server;
    int m_status = 200;
    QByteArray m_body = R"({"healthy":true,"version":"0.0.0-test"})";
    QList<QByteArray> m_heads;
    QList<qint64> m_times;
    QElapsedTimer m_clock;
    int m_unanswered = 0;
};

} // namespace ocs::test
