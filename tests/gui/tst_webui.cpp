// "Open web UI": a sign-in gateway kept per sandbox hands the browser a one-time URL (never
// the password); the gateway lets that URL in and relays to the sandbox.

#include "guitest.h"
#include "projectmenu.h"
#include "webuiopener.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

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
};

QTEST_MAIN(TestWebUi)
#include "tst_webui.moc"
