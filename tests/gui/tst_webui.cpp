// "Open web UI": a sign-in gateway kept per sandbox hands the browser a one-time URL (never
// the password); the gateway lets that URL in and relays to the sandbox.

#include "app/traylink.h"
#include "guitest.h"
#include "projectmenu.h"
#include "sandbox/sandboxrecord.h"
#include "singleinstance.h"
#include "webuiopener.h"

#include <QDir>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QScopeGuard>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

#include <optional>

using namespace ocs;
using namespace ocs::test;

namespace {
struct RecordingOpener : tray::WebUiOpener
{
    QList<QUrl> *urls;
    explicit RecordingOpener(QList<QUrl> *u)
        : urls(u)
    {}
    bool open(ManagedSandbox *, const QUrl &url) override
    {
        *urls << url;
        return true;
    }
};
} // namespace

class TestWebUi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void opensAOneTimeSignInUrl()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("webby"));
        TestApp app(env);
        QList<QUrl> urls;
        app.tray->setWebUiOpener(std::make_unique<RecordingOpener>(&urls));
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        ManagedSandbox *s = app.fleet->sandbox(root);
        auto *engine = static_cast<FakeEngine *>(&ProcessLauncher::instance());
        engine->addImage(s->project()->imageName());
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ManagedSandbox::State::Running, 10000);
        app.flush();
        QAction *open = app.tray->projectMenu(root)->action(tray::ProjectAction::OpenWebUi);
        QVERIFY(open->isEnabled());
        open->trigger();
        QTRY_COMPARE(urls.size(), 1);
        const QUrl url = urls.first();
        QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(url.port() > 0);
        QVERIFY(url.port() != s->port()); // the gateway, not the sandbox itself
        QFile pw(s->project()->stateDir() + QStringLiteral("/opencode-password"));
        QVERIFY(pw.open(QIODevice::ReadOnly));
        const QString password = QString::fromUtf8(pw.readAll()).trimmed();
        QVERIFY(!password.isEmpty());
        QVERIFY(!url.toString().contains(password));

        // The same gateway serves a second request.
        open->trigger();
        QTRY_COMPARE(urls.size(), 2);
        QCOMPARE(urls.at(1).port(), url.port());

        // The browser's visit: the gateway signs in and relays to the sandbox (the fake's
        // health server answers everything with 200).
        QNetworkAccessManager nam;
        nam.setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
        QNetworkReply *reply = nam.get(QNetworkRequest(url));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();

        // Stopping closes the gateway.
        s->stop();
        QTRY_COMPARE(s->state(), ManagedSandbox::State::Stopped);
        app.flush();
        QVERIFY(!open->isEnabled());
    }

    // The browser is started on a private local page that forwards to the sign-in URL: the
    // one-time token is on no command line (/proc/<pid>/cmdline is readable by every user).
    // A stand-in xdg-open on PATH records the command the browser would get.
    void browserCommandLineHoldsNoToken()
    {
        GuiTestEnvironment env;
        const QString bin = env.path(QStringLiteral("bin"));
        QVERIFY(QDir().mkpath(bin));
        const QString record = env.path(QStringLiteral("xdg-open.args"));
        QFile script(bin + QStringLiteral("/xdg-open"));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + QFile::encodeName(record) +
                     ".part' && mv '" + QFile::encodeName(record) + ".part' '" +
                     QFile::encodeName(record) + "'\n");
        script.close();
        QVERIFY(script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        const QByteArray oldPath = qgetenv("PATH");
        const auto restore = qScopeGuard([&] { qputenv("PATH", oldPath); });
        qputenv("PATH", QFile::encodeName(bin) + ':' + oldPath);
        qunsetenv("OCS_BROWSER");
        qunsetenv("BROWSER");

        const QByteArray token = "SeCrEt-ToKeN_0123456789abcdefghijklmnopqrstu";
        const QUrl url(QStringLiteral("http://127.0.0.1:41234/__ocs/login?token=") +
                       QString::fromLatin1(token) + QStringLiteral("&next=%2F"));
        tray::ExternalBrowserOpener opener;
        QVERIFY(opener.open(nullptr, url));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(record), 10000);
        QFile args(record);
        QVERIFY(args.open(QIODevice::ReadOnly));
        const QByteArray argv = args.readAll();
        QVERIFY2(!argv.contains(token), argv.constData());

        // The argument is a page only this user can read, which forwards to the URL.
        const QUrl page(QString::fromLocal8Bit(argv.trimmed()));
        QVERIFY2(page.isLocalFile(), argv.constData());
        const QString file = page.toLocalFile();
        QVERIFY2(file.startsWith(env.path(QString())), qPrintable(file)); // not a shared /tmp
        struct stat st = {};
        QCOMPARE(::lstat(QFile::encodeName(file).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);
        QCOMPARE(st.st_uid, ::getuid());
        QCOMPARE(::lstat(QFile::encodeName(QFileInfo(file).absolutePath()).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 077), 0);
        QFile content(file);
        QVERIFY(content.open(QIODevice::ReadOnly));
        QVERIFY(content.readAll().contains("url=" + url.toEncoded().replace("&", "&amp;")));
    }

    // `ocs web` asks the running app (over its single-instance socket) and gets a URL of the
    // app's own gateway; the gateway keeps its port across restarts of the sandbox.
    void theOcsCommandGetsTheAppsGateway()
    {
        GuiTestEnvironment env;
        const QString root = env.makeProject(QStringLiteral("webby"));
        TestApp app(env);
        QList<QUrl> urls;
        app.tray->setWebUiOpener(std::make_unique<RecordingOpener>(&urls));
        app.registry->add(root);
        QVERIFY(app.startAndSettle());
        tray::SingleInstance instance(env.path(QStringLiteral("runtime")));
        QCOMPARE(instance.claim(), tray::SingleInstance::Role::Primary);
        instance.setRequestHandler([&app](const QJsonObject &request, auto reply) {
            return traylink::answerRequest(*app.fleet, request, std::move(reply));
        });
        const auto ask = [&](const QString &sandboxId) {
            std::optional<traylink::WebLoginReply> result;
            traylink::requestWebLogin(instance.socketPath(), sandboxId, QStringLiteral("/"), this,
                                      [&result](const traylink::WebLoginReply &r) { result = r; });
            [[maybe_unused]] const bool answered =
                QTest::qWaitFor([&] { return result.has_value(); }, 10000);
            return result.value_or(traylink::WebLoginReply{});
        };

        ManagedSandbox *s = app.fleet->sandbox(root);
        QCOMPARE(ask(s->sandboxId()).status, traylink::WebLoginReply::Status::NotManaged);
        QCOMPARE(ask(QStringLiteral("not-a-known-id")).status,
                 traylink::WebLoginReply::Status::NotManaged);

        auto *engine = static_cast<FakeEngine *>(&ProcessLauncher::instance());
        engine->addImage(s->project()->imageName());
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ManagedSandbox::State::Running, 10000);
        app.flush();
        const traylink::WebLoginReply fromCli = ask(s->sandboxId());
        QCOMPARE(fromCli.status, traylink::WebLoginReply::Status::Ok);
        QVERIFY(traylink::isGatewayLoginUrl(fromCli.url));
        // The same gateway as the menu's "Open web UI".
        app.tray->projectMenu(root)->action(tray::ProjectAction::OpenWebUi)->trigger();
        QTRY_COMPARE(urls.size(), 1);
        QCOMPARE(urls.first().port(), fromCli.url.port());
        QCOMPARE(SandboxRecord::load(s->project()->stateDir()).gatewayPort,
                 quint16(fromCli.url.port()));

        // Stopped: the command is told to run its own; started again: the same port.
        s->stop();
        QTRY_COMPARE(s->state(), ManagedSandbox::State::Stopped);
        QCOMPARE(ask(s->sandboxId()).status, traylink::WebLoginReply::Status::NotManaged);
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), ManagedSandbox::State::Running, 10000);
        app.flush();
        const traylink::WebLoginReply again = ask(s->sandboxId());
        QCOMPARE(again.status, traylink::WebLoginReply::Status::Ok);
        QCOMPARE(again.url.port(), fromCli.url.port());
        s->stop();
        QTRY_COMPARE(s->state(), ManagedSandbox::State::Stopped);
    }
};

QTEST_MAIN(TestWebUi)
#include "tst_webui.moc"
