// The `ocs` command's link to the running tray app (ocs::traylink), and the remembered port
// of a sandbox's sign-in gateway.

#include "app/traylink.h"
#include "engine/containerengine.h"
#include "fakeprocesslauncher.h"
#include "gateway/sandboxgateway.h"
#include "gateway/webgateway.h"
#include "project/project.h"
#include "sandbox/sandboxcontroller.h"
#include "sandbox/sandboxrecord.h"
#include "testhelpers.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLocalServer>
#include <QLocalSocket>
#include <QSaveFile>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace std::chrono_literals;
using ocs::traylink::WebLoginReply;

namespace {

// A stand-in for the tray app: records the request line, answers with `reply` (nothing
// when empty).
class FakeTray
{
public:
    explicit FakeTray(const QString &path, QByteArray reply,
                      QLocalServer::SocketOptions access = QLocalServer::UserAccessOption)
        : m_reply(std::move(reply))
    {
        QLocalServer::removeServer(path);
        m_server.setSocketOptions(access);
        QObject::connect(&m_server, &QLocalServer::newConnection, &m_server, [this] {
            QLocalSocket *s = m_server.nextPendingConnection();
            QObject::connect(s, &QLocalSocket::readyRead, s, [this, s] {
                received += s->bytesAvailable();
                if (!s->canReadLine())
                    return;
                request = QJsonDocument::fromJson(s->readLine()).object();
                if (!m_reply.isEmpty())
                    s->write(m_reply);
            });
        });
        listening = m_server.listen(path);
    }

    bool listening = false;
    QJsonObject request;
    qint64 received = 0;

private:
    QLocalServer m_server;
    QByteArray m_reply;
};

std::optional<WebLoginReply> ask(const QString &socketPath, std::chrono::milliseconds timeout = 5s)
{
    std::optional<WebLoginReply> result;
    QObject context;
    ocs::traylink::requestWebLogin(
        socketPath, QStringLiteral("myproj-123"), QStringLiteral("/session/x"), &context,
        [&result](const WebLoginReply &r) { result = r; }, timeout);
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 10000))
        return std::nullopt;
    return result;
}

} // namespace

class TestTrayLink : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_socket = ocs::traylink::socketPath(m_dir.path());
    }

    void gatewayLoginUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("ours") << "http://127.0.0.1:41234/__ocs/login?token=abc&next=/" << true;
        QTest::newRow("no token") << "http://127.0.0.1:41234/__ocs/login?next=/" << false;
        QTest::newRow("https") << "https://127.0.0.1:41234/__ocs/login?token=abc" << false;
        QTest::newRow("other host") << "http://evil.test:41234/__ocs/login?token=abc" << false;
        QTest::newRow("localhost name") << "http://localhost:41234/__ocs/login?token=abc" << false;
        QTest::newRow("credentials") << "http://u:p@127.0.0.1:41234/__ocs/login?token=abc" << false;
        QTest::newRow("other path") << "http://127.0.0.1:41234/x?token=abc" << false;
        QTest::newRow("no port") << "http://127.0.0.1/__ocs/login?token=abc" << false;
        QTest::newRow("file") << "file:///etc/passwd" << false;
    }
    void gatewayLoginUrls()
    {
        QFETCH(QString, url);
        QFETCH(bool, accepted);
        QCOMPARE(ocs::traylink::isGatewayLoginUrl(QUrl(url)), accepted);
    }

    // The runtime folder is never a shared one: without XDG_RUNTIME_DIR (or with one that
    // others can write to) it is a 0700 folder in the user's own state folder.
    void runtimeFolderIsPrivate()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        const QByteArray oldRoot = qgetenv("OCS_STATE_ROOT");
        const QByteArray oldXdg = qgetenv("XDG_RUNTIME_DIR");
        const bool hadXdg = qEnvironmentVariableIsSet("XDG_RUNTIME_DIR");
        const auto restore = qScopeGuard([&] {
            qputenv("OCS_STATE_ROOT", oldRoot);
            if (hadXdg)
                qputenv("XDG_RUNTIME_DIR", oldXdg);
            else
                qunsetenv("XDG_RUNTIME_DIR");
        });
        qputenv("OCS_STATE_ROOT", QFile::encodeName(home.path() + QStringLiteral("/state")));
        const QString own = home.path() + QStringLiteral("/state/.run");
        const auto isPrivate = [](const QString &dir) {
            const QFileInfo info(dir);
            return info.isDir() &&
                   (info.permissions() &
                    (QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther |
                     QFile::WriteOther | QFile::ExeOther)) == QFile::Permissions();
        };

        qunsetenv("XDG_RUNTIME_DIR");
        QCOMPARE(ocs::traylink::defaultDirectory(), own);
        QVERIFY(isPrivate(own));

        const QString shared = home.path() + QStringLiteral("/shared");
        QVERIFY(QDir().mkpath(shared));
        QVERIFY(QFile::setPermissions(shared, QFile::Permissions(0x7777)));
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(shared));
        QCOMPARE(ocs::traylink::defaultDirectory(), own);

        // Positive control: a private XDG_RUNTIME_DIR is used.
        const QString mine = home.path() + QStringLiteral("/mine");
        QVERIFY(QDir().mkpath(mine));
        QVERIFY(
            QFile::setPermissions(mine, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(mine));
        QCOMPARE(ocs::traylink::defaultDirectory(), mine);
    }

    // A socket that others may use (or another user's) is not talked to: nothing is sent.
    void socketOthersCanUseIsNotUsed()
    {
        FakeTray open(m_socket,
                      R"({"status":"ok","url":"http://127.0.0.1:41234/__ocs/login?token=t"})"
                      "\n",
                      QLocalServer::WorldAccessOption);
        QVERIFY(open.listening);
        const auto reply = ask(m_socket);
        QVERIFY(reply);
        QCOMPARE(reply->status, WebLoginReply::Status::NoTray);
        QTest::qWait(100);
        QCOMPARE(open.received, 0);
    }

    // The `ocs web` gateway stops forwarding once the sandbox is gone: when the upstream
    // refuses a connection, the engine is asked, and a container that no longer runs closes
    // the gateway. Positive control: a running container keeps it.
    void gatewayClosesWhenTheSandboxIsGone()
    {
        auto *fake = ocs::test::FakeProcessLauncher::install();
        const auto uninstall = qScopeGuard([] { ocs::test::FakeProcessLauncher::uninstall(); });
        QTemporaryDir projectDir;
        QVERIFY(projectDir.isValid());
        const ocs::Project project(projectDir.path(),
                                   ocs::test::minimalConfig(QStringLiteral("gw")));
        const ocs::ContainerEngine engine(ocs::ContainerEngine::Kind::Docker,
                                          QStringLiteral("/usr/bin/fake-docker"));
        ocs::SandboxController controller(engine, project);
        quint16 deadPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            deadPort = probe.serverPort();
        }
        ocs::WebGateway gateway({deadPort, QStringLiteral("opencode"), QStringLiteral("pw")});
        QVERIFY(gateway.listen());
        ocs::GatewayWatch watch(&gateway, &controller);
        QSignalSpy ended(&watch, &ocs::GatewayWatch::sandboxEnded);
        const auto requestThroughGateway = [&]() -> bool {
            const QUrl login = gateway.createLoginUrl();
            QTcpSocket client;
            client.connectToHost(QHostAddress::LocalHost, gateway.port());
            client.write("GET /__ocs/login?" + login.query(QUrl::FullyEncoded).toLatin1() +
                         " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(gateway.port()) +
                         "\r\n\r\n");
            QByteArray got;
            if (!QTest::qWaitFor([&] {
                    got += client.readAll();
                    return got.contains("\r\n\r\n");
                }))
                return false;
            const QByteArray cookie = got.mid(got.indexOf("Set-Cookie: ") + 12);
            client.write("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(gateway.port()) +
                         "\r\nCookie: " + cookie.left(cookie.indexOf(';')) + "\r\n\r\n");
            got.clear();
            return QTest::qWaitFor([&] {
                got += client.readAll();
                return got.contains(" 502 ");
            });
        };
        fake->reply({QStringLiteral("container"), QStringLiteral("inspect")}, 0, "running 4096\n");
        QVERIFY(requestThroughGateway());
        QTRY_COMPARE(fake->count({QStringLiteral("container"), QStringLiteral("inspect")}), 1);
        QTest::qWait(50);
        QVERIFY(gateway.isListening());
        QCOMPARE(ended.size(), 0);

        fake->reply({QStringLiteral("container"), QStringLiteral("inspect")}, 1, {},
                    "Error: No such container");
        QVERIFY(requestThroughGateway());
        QTRY_COMPARE(ended.size(), 1);
        QVERIFY(!gateway.isListening());
    }

    void noTrayRunning()
    {
        QElapsedTimer t;
        t.start();
        const auto reply = ask(m_socket);
        QVERIFY(reply);
        QCOMPARE(reply->status, WebLoginReply::Status::NoTray);
        QVERIFY2(t.elapsed() < 2000, "without a socket the answer is immediate");
    }

    void replies_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("message");
        const QString good = QStringLiteral("http://127.0.0.1:41234/__ocs/login?token=abc&next=/");
        QTest::newRow("ok") << QByteArray("{\"status\":\"ok\",\"url\":\"" + good.toUtf8() + "\"}\n")
                            << int(WebLoginReply::Status::Ok) << good << QString();
        QTest::newRow("ok but elsewhere")
            << QByteArray("{\"status\":\"ok\",\"url\":\"http://phish.test/__ocs/login?token=a\"}"
                          "\n")
            << int(WebLoginReply::Status::NoTray) << QString() << QString();
        QTest::newRow("not managed")
            << QByteArray("{\"status\":\"not-managed\",\"message\":\"not in the list\"}"
                          "\n")
            << int(WebLoginReply::Status::NotManaged) << QString() << "not in the list";
        QTest::newRow("failed") << QByteArray("{\"status\":\"failed\",\"message\":\"no password\"}"
                                              "\n")
                                << int(WebLoginReply::Status::Failed) << QString() << "no password";
        QTest::newRow("older app")
            << QByteArray("ok\n") << int(WebLoginReply::Status::NoTray) << QString() << QString();
        QTest::newRow("unknown request")
            << QByteArray("{\"status\":\"unknown-request\"}"
                          "\n")
            << int(WebLoginReply::Status::NoTray) << QString() << QString();
    }
    void replies()
    {
        QFETCH(QByteArray, line);
        QFETCH(int, status);
        QFETCH(QString, url);
        QFETCH(QString, message);
        FakeTray tray(m_socket, line);
        QVERIFY(tray.listening);
        if (QByteArray(QTest::currentDataTag()) == "ok but elsewhere")
            QTest::ignoreMessage(QtWarningMsg,
                                 "the tray app answered with an unexpected address; ignored");
        const auto reply = ask(m_socket);
        QVERIFY(reply);
        QCOMPARE(int(reply->status), status);
        QCOMPARE(reply->url.toString(), url);
        if (!message.isEmpty())
            QCOMPARE(reply->message, message);
        QCOMPARE(tray.request.value(QStringLiteral("request")).toString(),
                 QStringLiteral("web-login"));
        QCOMPARE(tray.request.value(QStringLiteral("sandbox")).toString(),
                 QStringLiteral("myproj-123"));
        QCOMPARE(tray.request.value(QStringLiteral("path")).toString(),
                 QStringLiteral("/session/x"));
    }

    void silentTrayTimesOut()
    {
        FakeTray tray(m_socket, {});
        QVERIFY(tray.listening);
        QElapsedTimer t;
        t.start();
        const auto reply = ask(m_socket, 300ms);
        QVERIFY(reply);
        QCOMPARE(reply->status, WebLoginReply::Status::NoTray);
        QVERIFY(t.elapsed() >= 250);
        QVERIFY2(t.elapsed() < 3000, qPrintable(QString::number(t.elapsed())));
    }

    void noAnswerAfterTheContextIsGone()
    {
        FakeTray tray(m_socket, QByteArray("{\"status\":\"failed\",\"message\":\"x\"}"
                                           "\n"));
        QVERIFY(tray.listening);
        bool called = false;
        auto *context = new QObject;
        ocs::traylink::requestWebLogin(m_socket, QStringLiteral("p"), QStringLiteral("/"), context,
                                       [&called](const WebLoginReply &) { called = true; });
        delete context;
        QTest::qWait(300);
        QVERIFY(!called);
    }

    // --- SandboxRecord keeps what it does not know, and the gateway port -------------------------

    void stateKeepsUnknownKeysAndTheGatewayPort()
    {
        const QString dir = m_dir.filePath(QStringLiteral("state-a"));
        QVERIFY(QDir().mkpath(dir));
        QSaveFile f(ocs::SandboxRecord::filePath(dir));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            "{\"projectRoot\":\"/p\",\"port\":4100,\"gatewayPort\":40001,\"future\":{\"a\":1}}");
        QVERIFY(f.commit());

        ocs::SandboxRecord s = ocs::SandboxRecord::load(dir);
        QCOMPARE(s.port, quint16(4100));
        QCOMPARE(s.gatewayPort, quint16(40001));
        s.port = 4101;
        QVERIFY(s.save(dir, nullptr));

        QFile saved(ocs::SandboxRecord::filePath(dir));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QJsonObject o = QJsonDocument::fromJson(saved.readAll()).object();
        QCOMPARE(o.value(QStringLiteral("port")).toInt(), 4101);
        QCOMPARE(o.value(QStringLiteral("gatewayPort")).toInt(), 40001);
        QCOMPARE(o.value(QStringLiteral("future")).toObject().value(QStringLiteral("a")).toInt(),
                 1);
    }

    void gatewayTakesItsRememberedPort()
    {
        const QString dir = m_dir.filePath(QStringLiteral("state-b"));
        QVERIFY(QDir().mkpath(dir));
        const ocs::WebGateway::Upstream upstream{1, QStringLiteral("u"), QStringLiteral("p")};
        quint16 first = 0;
        {
            ocs::WebGateway gateway(upstream);
            QString error;
            QVERIFY2(ocs::listenOnRememberedPort(gateway, dir, &error), qPrintable(error));
            first = gateway.port();
            QVERIFY(first > 0);
            QCOMPARE(ocs::SandboxRecord::load(dir).gatewayPort, first);
        }
        {
            ocs::WebGateway gateway(upstream);
            QVERIFY(ocs::listenOnRememberedPort(gateway, dir, nullptr));
            QCOMPARE(gateway.port(), first);
        }
        // Taken by something else: another port, remembered from now on.
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, first));
        ocs::WebGateway gateway(upstream);
        QVERIFY(ocs::listenOnRememberedPort(gateway, dir, nullptr));
        QVERIFY(gateway.port() != first);
        QCOMPARE(ocs::SandboxRecord::load(dir).gatewayPort, gateway.port());
    }

private:
    QTemporaryDir m_dir;
    QString m_socket;
};

QTEST_GUILESS_MAIN(TestTrayLink)
#include "tst_traylink.moc"
