#pragma once

#include <QJsonObject>
#include <QLocalServer>
#include <QLockFile>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

class QLocalSocket;

namespace ocs::tray {

// One app per user: a QLockFile in the runtime folder says who runs, a QLocalServer (socket
// readable by the user only) takes the arguments of later launches and the requests of the
// `ocs` command (ocs::traylink). Locks left by a process that died are taken over.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    enum class Role { Primary, Secondary, Unavailable };

    // `directory`: where the lock and the socket live (default: the user's runtime folder).
    explicit SingleInstance(const QString &directory = defaultDirectory(),
                            QObject *parent = nullptr);
    ~SingleInstance() override;

    static QString defaultDirectory();
    QString lockPath() const;
    QString socketPath() const;

    // Primary: this process is the one (it listens now). Secondary: another one runs;
    // forward() to it. Unavailable: no lock could be made (the app runs anyway).
    Role claim();

    // Primary: answers requests of other processes (the `ocs` command, see ocs::traylink).
    // The handler returns false for requests it does not know; it calls `reply` once.
    using RequestHandler = std::function<bool(const QJsonObject &request,
                                              std::function<void(const QJsonObject &reply)> reply)>;
    void setRequestHandler(RequestHandler handler);

    // Secondary: sends `arguments` to the primary; `done(true)` once it confirmed.
    void forward(const QStringList &arguments,
                 std::function<void(bool ok, const QString &error)> done);

Q_SIGNALS:
    // Primary: a later launch sent its arguments (paths already absolute).
    void argumentsReceived(const QStringList &arguments);

private:
    void onConnection();
    void handleRequest(QLocalSocket *socket, const QJsonObject &request);

    QString m_dir;
    std::unique_ptr<QLockFile> m_lock;
    QLocalServer m_server;
    RequestHandler m_requestHandler;
};

} // namespace ocs::tray
