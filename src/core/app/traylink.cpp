#include "traylink.h"

#include "logging.h"
#include "managedsandbox.h"
#include "project/project.h"
#include "sandboxfleet.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLocalSocket>
#include <QPointer>
#include <QStandardPaths>
#include <QTimer>
#include <QUrlQuery>

#include <memory>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace ocs::traylink {

namespace {
struct LinkText
{
    Q_DECLARE_TR_FUNCTIONS(ocs::TrayLink)
};
} // namespace

namespace {

const QString RequestKey = QStringLiteral("request");
const QString WebLoginRequest = QStringLiteral("web-login");
const QString StatusKey = QStringLiteral("status");
constexpr qint64 MaxReplyBytes = 16 * 1024;

QJsonObject replyObject(const QString &status, const QString &key, const QString &value)
{
    QJsonObject o;
    o.insert(StatusKey, status);
    o.insert(key, value);
    return o;
}

#ifdef Q_OS_UNIX
// A real folder (not a link) of this user that nobody else may write to.
bool isPrivateDirectory(const QString &path)
{
    struct stat st;
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return false;
    return S_ISDIR(st.st_mode) && st.st_uid == ::getuid() && (st.st_mode & 022) == 0;
}
#endif

// ~/.opencode-sandbox/.run, made 0700 (a dot name: not taken for a sandbox's folder).
QString ownRuntimeDirectory()
{
    const QString dir = paths::stateRoot() + QStringLiteral("/.run");
#ifdef Q_OS_UNIX
    ::mkdir(QFile::encodeName(paths::stateRoot()).constData(), 0700);
#else
    QDir().mkpath(paths::stateRoot());
#endif
    return paths::ensurePrivateDirectory(dir) ? dir : QString();
}

} // namespace

QString defaultDirectory()
{
    const QString xdg = qEnvironmentVariable("XDG_RUNTIME_DIR");
#ifdef Q_OS_UNIX
    if (!xdg.isEmpty() && isPrivateDirectory(xdg))
        return xdg;
    if (!xdg.isEmpty())
        qCWarning(lcGateway) << "XDG_RUNTIME_DIR is not a private folder of this user; not used";
#else
    if (!xdg.isEmpty())
        return xdg;
#endif
    return ownRuntimeDirectory();
}

bool isOwnSocket(const QString &path)
{
#ifdef Q_OS_UNIX
    struct stat st;
    if (path.isEmpty() || ::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return false;
    return S_ISSOCK(st.st_mode) && st.st_uid == ::getuid() && (st.st_mode & 077) == 0;
#else
    return QFileInfo::exists(path);
#endif
}

bool peerIsOwnUser(const QLocalSocket &socket)
{
#ifdef Q_OS_LINUX
    struct ucred cred = {};
    socklen_t size = sizeof(cred);
    const int fd = int(socket.socketDescriptor());
    if (fd < 0 || ::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &size) != 0)
        return false;
    return cred.uid == ::getuid();
#else
    Q_UNUSED(socket);
    return true;
#endif
}

QString socketPath(const QString &directory)
{
    return directory + QStringLiteral("/opencode-sandbox-tray.socket");
}

QString lockPath(const QString &directory)
{
    return directory + QStringLiteral("/opencode-sandbox-tray.lock");
}

bool isGatewayLoginUrl(const QUrl &url)
{
    return url.isValid() && url.scheme() == QLatin1String("http") &&
           url.host() == QLatin1String("127.0.0.1") && url.port() > 0 && url.userInfo().isEmpty() &&
           url.path() == QLatin1String("/__ocs/login") &&
           QUrlQuery(url).hasQueryItem(QStringLiteral("token"));
}

void requestWebLogin(const QString &socketPath, const QString &sandboxId, const QString &path,
                     QObject *context, std::function<void(const WebLoginReply &)> done,
                     std::chrono::milliseconds timeout)
{
    using Status = WebLoginReply::Status;
    QPointer<QObject> guard(context);
    auto called = std::make_shared<bool>(false);
    auto socket = std::make_shared<QPointer<QLocalSocket>>();
    // Ends the exchange once: closes the socket, then reports (later, from the event loop,
    // so `done` never runs inside a socket signal or before this function returned).
    auto finish = [guard, called, socket, done](Status status, const QUrl &url,
                                                const QString &message) {
        if (*called)
            return;
        *called = true;
        if (QLocalSocket *s = socket->data()) {
            s->disconnect();
            s->abort();
            s->deleteLater();
        }
        if (!guard)
            return;
        QTimer::singleShot(0, guard.data(), [guard, done, status, url, message] {
            if (guard)
                done(WebLoginReply{status, url, message});
        });
    };

    // A socket another user made, or that others may use, is not ours to trust.
    if (!isOwnSocket(socketPath)) {
        finish(Status::NoTray, {}, LinkText::tr("no tray app is listening"));
        return;
    }
    auto *s = new QLocalSocket(context);
    *socket = s;
    QObject::connect(s, &QLocalSocket::connected, s, [s, sandboxId, path, finish] {
        if (!peerIsOwnUser(*s)) {
            qCWarning(lcGateway) << "the tray socket belongs to another user; not used";
            return finish(Status::NoTray, {}, LinkText::tr("not this user's tray app"));
        }
        QJsonObject request;
        request.insert(RequestKey, WebLoginRequest);
        request.insert(QStringLiteral("sandbox"), sandboxId);
        request.insert(QStringLiteral("path"), path);
        s->write(QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n');
    });
    QObject::connect(s, &QLocalSocket::readyRead, s, [s, finish] {
        if (s->bytesAvailable() > MaxReplyBytes)
            return finish(Status::NoTray, {}, LinkText::tr("the tray app's reply is too long"));
        if (!s->canReadLine())
            return;
        const QJsonObject reply = QJsonDocument::fromJson(s->readLine()).object();
        const QString status = reply.value(StatusKey).toString();
        const QString message = reply.value(QStringLiteral("message")).toString();
        if (status == QLatin1String("ok")) {
            const QUrl url(reply.value(QStringLiteral("url")).toString(), QUrl::StrictMode);
            if (isGatewayLoginUrl(url))
                return finish(Status::Ok, url, QString());
            qCWarning(lcGateway) << "the tray app answered with an unexpected address; ignored";
            return finish(Status::NoTray, {}, LinkText::tr("unexpected reply"));
        }
        if (status == QLatin1String("not-managed"))
            return finish(Status::NotManaged, {}, message);
        if (status == QLatin1String("failed"))
            return finish(Status::Failed, {}, message);
        // An app that does not know this request (an older version) answers something else.
        finish(Status::NoTray, {}, LinkText::tr("the tray app does not know this request"));
    });
    QObject::connect(s, &QLocalSocket::errorOccurred, s,
                     [s, finish] { finish(Status::NoTray, {}, s->errorString()); });
    QObject::connect(s, &QLocalSocket::disconnected, s, [finish] {
        finish(Status::NoTray, {}, LinkText::tr("the tray app closed the connection"));
    });
    QTimer::singleShot(timeout, s, [finish] {
        finish(Status::NoTray, {}, LinkText::tr("the tray app did not answer in time"));
    });
    s->connectToServer(socketPath);
}

bool answerRequest(SandboxFleet &fleet, const QJsonObject &request,
                   std::function<void(const QJsonObject &reply)> reply)
{
    if (request.value(RequestKey).toString() != WebLoginRequest)
        return false;
    const QString id = request.value(QStringLiteral("sandbox")).toString();
    QString path = request.value(QStringLiteral("path")).toString();
    if (path.isEmpty() || path.size() > 2048)
        path = QStringLiteral("/");
    ManagedSandbox *sandbox = id.isEmpty() ? nullptr : fleet.sandboxById(id);
    if (!sandbox) {
        reply(replyObject(QStringLiteral("not-managed"), QStringLiteral("message"),
                          LinkText::tr("this project is not in the app's list")));
        return true;
    }
    if (!sandbox->canOpenWebUi()) {
        reply(
            replyObject(QStringLiteral("not-managed"), QStringLiteral("message"),
                        LinkText::tr("%1 is not running in the app").arg(sandbox->displayName())));
        return true;
    }
    qCInfo(lcGateway) << id << "sign-in URL requested by the ocs command";
    sandbox->requestWebLogin(path, [reply](const QUrl &url, const QString &error) {
        if (url.isValid())
            reply(replyObject(QStringLiteral("ok"), QStringLiteral("url"), url.toString()));
        else
            reply(replyObject(QStringLiteral("failed"), QStringLiteral("message"), error));
    });
    return true;
}

} // namespace ocs::traylink
