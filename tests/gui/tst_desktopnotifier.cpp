// Blocked hosts through the desktop's notification server (DesktopNotifier), against a fake
// org.freedesktop.Notifications registered on the test's private session bus (ctest runs this
// test under dbus-run-session): with the "actions" capability a blocked host is a Notify with
// Allow and Show and the project and host in its text; Allow writes the host into the
// project's config and live policy without opening a window; Show (the default action) opens
// the Network activity window with the host selected; the next blocked host of the project
// replaces the notification; switched off in the preferences nothing is sent. Without the
// server, or without "actions", the tray's own message is used as before.

#include "blockedhostnotifier.h"
#include "config/configfile.h"
#include "desktopnotifier.h"
#include "guitest.h"
#include "network/policyfiles.h"
#include "networkactivitywindow.h"
#include "project/project.h"
#include "projectmenu.h"

#include <QAction>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDir>
#include <QFile>
#include <QTest>

using namespace ocs;
using namespace ocs::test;
using ocs::tray::DesktopNotifier;
using ocs::tray::NetworkActivityWindow;
using ocs::tray::ProjectAction;
using State = ManagedSandbox::State;

namespace {

const QString ServiceName = QStringLiteral("org.freedesktop.Notifications");
const QString ObjectPath = QStringLiteral("/org/freedesktop/Notifications");

// The notification server: records what it is asked, hands out ids, emits actions.
class FakeNotifications : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Call
    {
        uint replacesId = 0;
        QString summary;
        QString body;
        QStringList actions;
        uint id = 0;
    };
    QStringList capabilities{QStringLiteral("actions"), QStringLiteral("body")};
    QList<Call> calls;
    QList<uint> closed;
    int capabilityQuestions = 0;

public Q_SLOTS:
    QStringList GetCapabilities()
    {
        ++capabilityQuestions;
        return capabilities;
    }
    uint Notify(const QString &appName, uint replacesId, const QString &appIcon,
                const QString &summary, const QString &body, const QStringList &actions,
                const QVariantMap &hints, int expireTimeout)
    {
        Q_UNUSED(appName);
        Q_UNUSED(appIcon);
        Q_UNUSED(hints);
        Q_UNUSED(expireTimeout);
        const uint id = replacesId != 0 ? replacesId : ++m_next;
        calls << Call{replacesId, summary, body, actions, id};
        return id;
    }
    void CloseNotification(uint id) { closed << id; }

Q_SIGNALS:
    void ActionInvoked(uint id, const QString &action_key);
    void NotificationClosed(uint id, uint reason);

private:
    uint m_next = 40;
};

// The fake server on a connection of its own (another peer on the bus, like a real server).
class FakeServer
{
public:
    explicit FakeServer(bool registerName = true)
        : m_bus(QDBusConnection::connectToBus(QDBusConnection::SessionBus, name()))
    {
        QVERIFY2(m_bus.isConnected(), "no session bus: run under dbus-run-session");
        QVERIFY(m_bus.registerObject(ObjectPath, &fake,
                                     QDBusConnection::ExportAllSlots |
                                         QDBusConnection::ExportAllSignals));
        if (registerName)
            QVERIFY(m_bus.registerService(ServiceName));
    }
    ~FakeServer()
    {
        m_bus.unregisterService(ServiceName);
        m_bus.unregisterObject(ObjectPath);
        QDBusConnection::disconnectFromBus(name());
    }
    static QString name() { return QStringLiteral("fake-notifications"); }

    FakeNotifications fake;

private:
    QDBusConnection m_bus;
};

QByteArray denied(const QString &host)
{
    return QStringLiteral("{\"time\":\"2026-12-03T19:00:00.000Z\",\"decision\":\"denied\","
                          "\"host\":\"%1\",\"port\":443,\"method\":\"CONNECT\","
                          "\"rule\":\"not whitelisted\"}\n")
        .arg(host)
        .toUtf8();
}

QStringList lines(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QStringList whitelistOf(const QString &root)
{
    const auto loaded = ConfigFile::load(QDir(root).filePath(ConfigFile::FileName));
    return loaded.ok() ? loaded.config->httpDomainWhitelist : QStringList{QStringLiteral("?")};
}

} // namespace

class TestDesktopNotifier : public QObject
{
    Q_OBJECT
private:
    static FakeEngine *engine() { return static_cast<FakeEngine *>(&ProcessLauncher::instance()); }

    // A running sandbox of the project "netrun" whose decision log the tray follows.
    struct Running
    {
        GuiTestEnvironment env;
        QString root;
        QString stateDir;
        std::unique_ptr<TestApp> app;
        ManagedSandbox *sandbox = nullptr;

        QString log() const
        {
            return QDir(policyfiles::logDir(stateDir)).filePath(QStringLiteral("decisions.jsonl"));
        }
        void block(const QString &host) const
        {
            QFile f(log());
            QVERIFY(f.open(QIODevice::Append));
            f.write(denied(host));
        }
        bool notified(const QString &title) const
        {
            for (const auto &n : app->tray->notifications()) {
                if (n.title == title)
                    return true;
            }
            return false;
        }
    };

    static void start(Running &r)
    {
        r.root = r.env.makeProject(QStringLiteral("netrun"));
        r.app = std::make_unique<TestApp>(r.env);
        r.app->registry->add(r.root);
        QVERIFY(r.app->startAndSettle());
        tray::ProjectMenu *pm = r.app->tray->projectMenu(r.root);
        QVERIFY(pm);
        r.sandbox = pm->sandbox();
        r.stateDir = r.sandbox->project()->stateDir();
        QString error;
        QVERIFY2(policyfiles::prepare(r.stateDir, &error), qPrintable(error));
        engine()->addImage(r.sandbox->project()->imageName());
        pm->action(ProjectAction::Start)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(r.sandbox->state(), State::Running, 10000);
        r.app->flush();
        r.app->tray->blockedHostNotifier(r.root)->setInterval(std::chrono::milliseconds(100));
    }

    // Without a usable server: the tray's message, and its click opens the window.
    static void checkTrayPath(Running &r, const FakeNotifications *fake)
    {
        QVERIFY(!r.app->tray->desktopNotifier()->isAvailable());
        r.block(QStringLiteral("old.test"));
        QTRY_VERIFY_WITH_TIMEOUT(r.notified(QStringLiteral("netrun: old.test was blocked")), 2000);
        QTest::qWait(200);
        if (fake)
            QCOMPARE(fake->calls.size(), 0);
        QVERIFY(!r.app->tray->networkActivity(r.root));
        Q_EMIT r.app->tray->trayIcon()->messageClicked();
        NetworkActivityWindow *w = r.app->tray->networkActivity(r.root);
        QVERIFY(w);
        QTRY_VERIFY_WITH_TIMEOUT(w->isLoaded(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(w->selectedHost(), QStringLiteral("old.test"), 2000);
        w->close();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QDBusConnection::sessionBus().isConnected())
            QFAIL("no session bus: the test runs under dbus-run-session (see CMakeLists.txt)");
    }

    void allowAndShowThroughTheServer()
    {
        FakeServer server;
        FakeNotifications &fake = server.fake;
        Running r;
        start(r);
        if (QTest::currentTestFailed())
            return;
        DesktopNotifier *desktop = r.app->tray->desktopNotifier();
        QTRY_VERIFY_WITH_TIMEOUT(desktop->isAvailable(), 5000);

        // A blocked host: one Notify with Allow and Show, the project and host in the text.
        r.block(QStringLiteral("blocked.test"));
        QTRY_COMPARE_WITH_TIMEOUT(fake.calls.size(), 1, 3000);
        const FakeNotifications::Call first = fake.calls.at(0);
        QCOMPARE(first.replacesId, 0u);
        QCOMPARE(first.summary, QStringLiteral("netrun: blocked.test was blocked"));
        QVERIFY2(first.body.contains(QStringLiteral("netrun")) &&
                     first.body.contains(QStringLiteral("blocked.test")),
                 qPrintable(first.body));
        QCOMPARE(first.actions.size(), 4);
        QVERIFY(first.actions.contains(QStringLiteral("allow")));
        QVERIFY(first.actions.contains(QStringLiteral("default")));
        QCOMPARE(first.actions.at(first.actions.indexOf(QStringLiteral("allow")) + 1),
                 QStringLiteral("Allow"));
        QCOMPARE(first.actions.at(first.actions.indexOf(QStringLiteral("default")) + 1),
                 QStringLiteral("Show"));
        // The status file's list of notifications as before.
        QVERIFY(r.notified(QStringLiteral("netrun: blocked.test was blocked")));
        QTRY_COMPARE_WITH_TIMEOUT(desktop->notificationId(r.sandbox->root()), first.id, 2000);

        // Allow: the config and the live policy, no window; a confirmation replaces it.
        Q_EMIT fake.ActionInvoked(first.id, QStringLiteral("allow"));
        QTRY_VERIFY_WITH_TIMEOUT(whitelistOf(r.root).contains(QStringLiteral("blocked.test")),
                                 3000);
        QVERIFY(
            lines(QDir(policyfiles::policyDir(r.stateDir)).filePath(QStringLiteral("whitelist")))
                .contains(QStringLiteral("blocked.test")));
        QTRY_COMPARE_WITH_TIMEOUT(fake.calls.size(), 2, 3000);
        QCOMPARE(fake.calls.at(1).replacesId, first.id);
        QVERIFY2(fake.calls.at(1).body.contains(QStringLiteral("applied to the running sandbox")),
                 qPrintable(fake.calls.at(1).body));
        QVERIFY(fake.calls.at(1).actions.isEmpty());
        QVERIFY(!r.app->tray->networkActivity(r.root));

        // The next blocked host of the project replaces the notification.
        r.block(QStringLiteral("second.test"));
        QTRY_COMPARE_WITH_TIMEOUT(fake.calls.size(), 3, 3000);
        QCOMPARE(fake.calls.at(2).replacesId, first.id);
        QCOMPARE(fake.calls.at(2).summary, QStringLiteral("netrun: second.test was blocked"));
        QVERIFY(!whitelistOf(r.root).contains(QStringLiteral("second.test")));

        // Show (the default action, a click): the window with the host selected.
        QTest::qWait(100); // the id of the replacement is known
        Q_EMIT fake.ActionInvoked(first.id, QStringLiteral("default"));
        QTRY_VERIFY_WITH_TIMEOUT(r.app->tray->networkActivity(r.root), 3000);
        NetworkActivityWindow *w = r.app->tray->networkActivity(r.root);
        QTRY_VERIFY_WITH_TIMEOUT(w->isLoaded(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(w->selectedHost(), QStringLiteral("second.test"), 2000);
        QVERIFY(!whitelistOf(r.root).contains(QStringLiteral("second.test")));
        w->close();

        // An action on someone else's notification: nothing.
        Q_EMIT fake.ActionInvoked(first.id + 1000, QStringLiteral("allow"));
        QTest::qWait(300);
        QVERIFY(!whitelistOf(r.root).contains(QStringLiteral("second.test")));

        // Switched off in the preferences: nothing sent.
        r.app->settings->setBlockedHostNotificationsEnabled(false);
        r.block(QStringLiteral("quiet.test"));
        QTest::qWait(500);
        QCOMPARE(fake.calls.size(), 3);
        r.app->settings->setBlockedHostNotificationsEnabled(true);
        r.app->settings->setNotificationsEnabled(false);
        r.block(QStringLiteral("quiet2.test"));
        QTRY_VERIFY_WITH_TIMEOUT(r.notified(QStringLiteral("netrun: quiet2.test was blocked")),
                                 2000);
        QTest::qWait(300);
        QCOMPARE(fake.calls.size(), 3);
        // On again: sent (the control).
        r.app->settings->setNotificationsEnabled(true);
        r.block(QStringLiteral("loud.test"));
        QTRY_COMPARE_WITH_TIMEOUT(fake.calls.size(), 4, 3000);
        QCOMPARE(fake.calls.at(3).summary, QStringLiteral("netrun: loud.test was blocked"));
    }

    void withoutActionsTheTrayMessage()
    {
        FakeServer server;
        server.fake.capabilities = {QStringLiteral("body"), QStringLiteral("body-markup")};
        Running r;
        start(r);
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY_WITH_TIMEOUT(server.fake.capabilityQuestions > 0, 5000);
        QTest::qWait(200);
        checkTrayPath(r, &server.fake);
    }

    void withoutServerTheTrayMessage()
    {
        // Registered as an object only: no one owns the server's name.
        FakeServer server(/*registerName=*/false);
        Running r;
        start(r);
        if (QTest::currentTestFailed())
            return;
        QTest::qWait(300);
        checkTrayPath(r, &server.fake);
    }
};

QTEST_MAIN(TestDesktopNotifier)
#include "tst_desktopnotifier.moc"
