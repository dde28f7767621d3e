#include "singleinstance.h"

#include "app/traylink.h"
#include "traylogging.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QPointer>
#include <QTimer>

namespace ocs::tray {

namespace {
constexpr int MaxMessageBytes = 64 * 1024;
}

SingleInstance::SingleInstance(const QString &directory, QObject *parent)
    : QObject(parent)
    , m_dir(directory)
{
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    connect(&m_server, &QLocalServer::newConnection, this, &SingleInstance::onConnection);
}

SingleInstance::~SingleInstance()
{
    m_server.close();
    if (m_lock)
        m_lock->unlock();
}

QString SingleInstance::defaultDirectory()
{
    return traylink::defaultDirectory();
}

QString SingleInstance::lockPath() const
{
    return traylink::lockPath(m_dir);
}

QString SingleInstance::socketPath() const
{
    return traylink::socketPath(m_dir);
}

void SingleInstance::setRequestHandler(RequestHandler handler)
{
    m_requestHandler = std::move(handler);
}

SingleInstance::Role SingleInstance::claim()
{
    if (m_dir.isEmpty()) { // no private folder (see traylink::defaultDirectory)
        qCWarning(lcTray) << "no private runtime folder - running without the single-instance "
                          << "check";
        return Role::Unavailable;
    }
    QDir().mkpath(m_dir);
    m_lock = std::make_unique<QLockFile>(lockPath());
    // Held for the app's whole life: never stale by age, only when its process is gone
    // (QLockFile checks the PID and removes such locks).
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0)) {
        if (m_lock->error() == QLockFile::LockFailedError) {
            qint64 pid = 0;
            QString host, app;
            m_lock->getLockInfo(&pid, &host, &app);
            qCInfo(lcTray) << "another instance runs, pid" << pid;
            return Role::Secondary;
        }
        qCWarning(lcTray) << "cannot create" << lockPath() << "- running without the "
                          << "single-instance check";
        return Role::Unavailable;
    }
    // We hold the lock: a socket left behind is from a dead instance.
    QLocalServer::removeServer(socketPath());
    if (!m_server.listen(socketPath()))
        qCWarning(lcTray) << "cannot listen on" << socketPath() << m_server.errorString();
    return Role::Primary;
}

void SingleInstance::onConnection()
{
    while (QLocalSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        // A client that says nothing is dropped after a while.
        QTimer::singleShot(10000, socket, [socket] { socket->abort(); });
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            if (socket->bytesAvailable() > MaxMessageBytes) {
                socket->abort();
                return;
            }
            if (!socket->canReadLine())
                return;
            // One message per connection.
            socket->disconnect(this);
            const QJsonObject msg = QJsonDocument::fromJson(socket->readLine()).object();
            if (msg.contains(QStringLiteral("request"))) {
                handleRequest(socket, msg);
                return;
            }
            QStringList args;
            for (const QJsonValue &v : msg.value(QStringLiteral("arguments")).toArray())
                args << v.toString();
            socket->write("ok\n");
            socket->flush();
            socket->disconnectFromServer();
            qCInfo(lcTray) << "arguments from another launch:" << args;
            Q_EMIT argumentsReceived(args);
        });
    }
}

void SingleInstance::handleRequest(QLocalSocket *socket, const QJsonObject &request)
{
    QPointer<QLocalSocket> guard(socket);
    auto reply = [guard](const QJsonObject &answer) {
        if (!guard)
            return;
        guard->write(QJsonDocument(answer).toJson(QJsonDocument::Compact) + "\n");
        guard->flush();
        guard->disconnectFromServer();
    };
    if (m_requestHandler && m_requestHandler(request, reply))
        return;
    qCInfo(lcTray) << "unknown request from another process:"
                   << request.value(QStringLiteral("request")).toString().left(40);
    QJsonObject answer;
    answer.insert(QStringLiteral("status"), QStringLiteral("unknown-request"));
    reply(answer);
}

void SingleInstance::forward(const QStringList &arguments,
                             std::function<void(bool, const QString &)> done)
{
    auto *socket = new QLocalSocket(this);
    auto finished = std::make_shared<bool>(false);
    auto finish = [socket, finished, done](bool ok, const QString &error) {
        if (*finished)
            return;
        *finished = true;
        socket->abort();
        socket->deleteLater();
        done(ok, error);
    };
    auto attempts = std::make_shared<int>(0);
    auto connectNow = std::make_shared<std::function<void()>>();
    QPointer<QLocalSocket> guard(socket);
    const std::weak_ptr<std::function<void()>> again = connectNow; // no reference cycle
    *connectNow = [this, guard, attempts, again, finish] {
        if (!guard)
            return;
        // Only a socket of this user that nobody else may use (a shared folder could hold
        // someone else's): checked before anything is sent.
        if (QFileInfo::exists(socketPath()) && !traylink::isOwnSocket(socketPath())) {
            qCWarning(lcTray) << "the single-instance socket is not this user's own; not used";
            return finish(false, QStringLiteral("the running instance's socket is not ours"));
        }
        if (!QFileInfo::exists(socketPath()) && ++*attempts < 10) {
            QTimer::singleShot(300, this, [again] {
                if (const auto next = again.lock())
                    (*next)();
            });
            return;
        }
        guard->connectToServer(socketPath());
    };
    connect(socket, &QLocalSocket::connected, this, [socket, arguments, finish] {
        if (!traylink::peerIsOwnUser(*socket))
            return finish(false, QStringLiteral("the running instance is another user's"));
        QJsonObject msg;
        msg.insert(QStringLiteral("arguments"), QJsonArray::fromStringList(arguments));
        socket->write(QJsonDocument(msg).toJson(QJsonDocument::Compact) + "\n");
    });
    connect(socket, &QLocalSocket::readyRead, this, [socket, finish] {
        if (socket->canReadLine() && socket->readLine().trimmed() == "ok")
            finish(true, QString());
    });
    connect(socket, &QLocalSocket::errorOccurred, this,
            [this, socket, attempts, connectNow, finish] {
                // The other instance may be starting up and not listen yet: try a few times.
                if (++*attempts < 10 && socket->state() == QLocalSocket::UnconnectedState) {
                    QTimer::singleShot(300, this, [connectNow] { (*connectNow)(); });
                    return;
                }
                finish(false, socket->errorString());
            });
    QTimer::singleShot(8000, socket, [finish] {
        finish(false, QStringLiteral("the running instance did not answer"));
    });
    (*connectNow)();
}

} // namespace ocs::tray
