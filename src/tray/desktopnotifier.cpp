#include "desktopnotifier.h"

#include "traylogging.h"

#ifdef OCS_HAVE_QTDBUS
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusServiceWatcher>
#include <QDBusVariant>
#endif

#include <QCoreApplication>
#include <QVariantMap>

namespace ocs::tray {

namespace {
const QString Service = QStringLiteral("org.freedesktop.Notifications");
const QString Path = QStringLiteral("/org/freedesktop/Notifications");
const QString Interface = QStringLiteral("org.freedesktop.Notifications");
} // namespace

struct DesktopNotifier::Private
{
    int generation = 0; // capability answers older than the latest question are ignored
};

DesktopNotifier::DesktopNotifier(QObject *parent)
    : QObject(parent)
    , d(new Private)
{
#ifdef OCS_HAVE_QTDBUS
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        qCDebug(lcTray) << "desktop notifications: no session bus";
        return;
    }
    bus.connect(Service, Path, Interface, QStringLiteral("ActionInvoked"), this,
                SLOT(onActionInvoked(uint, QString)));
    bus.connect(Service, Path, Interface, QStringLiteral("NotificationClosed"), this,
                SLOT(onNotificationClosed(uint, uint)));
    auto *watcher =
        new QDBusServiceWatcher(Service, bus, QDBusServiceWatcher::WatchForOwnerChange, this);
    connect(watcher, &QDBusServiceWatcher::serviceOwnerChanged, this,
            [this](const QString &, const QString &, const QString &newOwner) {
                // Another server (or none): its ids mean nothing here.
                m_shown.clear();
                if (newOwner.isEmpty())
                    setAvailable(false);
                refresh();
            });
    refresh();
#endif
}

DesktopNotifier::~DesktopNotifier()
{
    delete d;
}

void DesktopNotifier::setAvailable(bool available)
{
    if (available == m_available)
        return;
    m_available = available;
    qCInfo(lcTray) << "desktop notifications with actions:" << available;
    Q_EMIT availabilityChanged(available);
}

void DesktopNotifier::refresh()
{
#ifdef OCS_HAVE_QTDBUS
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return;
    const int generation = ++d->generation;
    const QDBusMessage call =
        QDBusMessage::createMethodCall(Service, Path, Interface, QStringLiteral("GetCapabilities"));
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, generation](QDBusPendingCallWatcher *w) {
                w->deleteLater();
                if (generation != d->generation)
                    return;
                const QDBusPendingReply<QStringList> reply = *w;
                if (reply.isError()) {
                    qCDebug(lcTray) << "desktop notifications:" << reply.error().message();
                    setAvailable(false);
                    return;
                }
                setAvailable(reply.value().contains(QStringLiteral("actions")));
            });
#endif
}

uint DesktopNotifier::notificationId(const QString &key) const
{
    return m_shown.value(key).id;
}

void DesktopNotifier::showBlocked(const QString &key, const QString &title, const QString &text,
                                  const QString &host)
{
    send(key, Request{title, text, host, false});
}

void DesktopNotifier::showPlain(const QString &key, const QString &title, const QString &text,
                                bool error)
{
    send(key, Request{title, text, QString(), error});
}

void DesktopNotifier::send(const QString &key, const Request &request)
{
#ifdef OCS_HAVE_QTDBUS
    Shown &shown = m_shown[key];
    if (shown.inFlight) {
        // Its id is not known yet: the newest request follows, replacing it.
        shown.queued = request;
        shown.hasQueued = true;
        return;
    }
    shown.inFlight = true;
    QStringList actions;
    if (!request.host.isEmpty()) {
        actions << QLatin1String(ShowAction) << tr("Show") << QLatin1String(AllowAction)
                << tr("Allow");
    }
    QVariantMap hints;
    hints.insert(QStringLiteral("desktop-entry"), QStringLiteral("opencode-sandbox"));
    hints.insert(QStringLiteral("urgency"), QVariant::fromValue(uchar(request.error ? 2 : 1)));
    hints.insert(QStringLiteral("category"), QStringLiteral("network"));
    QDBusMessage call =
        QDBusMessage::createMethodCall(Service, Path, Interface, QStringLiteral("Notify"));
    call << tr("OpenCode Sandbox") << shown.id << QStringLiteral("opencode-sandbox")
         << request.title << request.text << actions << hints << int(-1);
    auto *watcher =
        new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call), this);
    const QString host = request.host;
    const int generation = d->generation;
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, key, host, generation](QDBusPendingCallWatcher *w) {
                w->deleteLater();
                auto it = m_shown.find(key);
                if (it == m_shown.end() || generation != d->generation)
                    return; // another server meanwhile
                it->inFlight = false;
                const QDBusPendingReply<uint> reply = *w;
                if (reply.isError()) {
                    qCWarning(lcTray) << "desktop notification failed:" << reply.error().message();
                    it->id = 0;
                } else {
                    it->id = reply.value();
                    it->host = host;
                }
                if (it->hasQueued) {
                    it->hasQueued = false;
                    const Request next = it->queued;
                    send(key, next);
                }
            });
#else
    Q_UNUSED(key);
    Q_UNUSED(request);
#endif
}

void DesktopNotifier::onActionInvoked(uint id, const QString &action)
{
    for (auto it = m_shown.cbegin(); it != m_shown.cend(); ++it) {
        if (it->id != id || id == 0)
            continue;
        const QString key = it.key();
        const QString host = it->host;
        qCInfo(lcTray) << "desktop notification action:" << action << key << host;
        if (host.isEmpty())
            return;
        if (action == QLatin1String(AllowAction))
            Q_EMIT allowRequested(key, host);
        else if (action == QLatin1String(ShowAction) || action == QLatin1String("show"))
            Q_EMIT showRequested(key, host);
        return;
    }
}

void DesktopNotifier::onNotificationClosed(uint id, uint reason)
{
    Q_UNUSED(reason);
    for (auto it = m_shown.begin(); it != m_shown.end(); ++it) {
        if (it->id == id && id != 0 && !it->inFlight) {
            m_shown.erase(it);
            return;
        }
    }
}

} // namespace ocs::tray
