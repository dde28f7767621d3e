#pragma once

#include <QHash>
#include <QObject>
#include <QString>

namespace ocs::tray {

// Blocked-host notifications through the desktop's notification server
// (org.freedesktop.Notifications on the session bus) when it offers actions: "Allow" and
// "Show" (the default action, a click on the notification). One notification per key (the
// project's root): a newer one replaces it (replaces_id), so rate-limited summaries update
// rather than pile up. Every D-Bus call is asynchronous. Without Qt D-Bus (not Linux), without
// a server or without the "actions" capability isAvailable() is false: the tray's own messages
// are used instead.
class DesktopNotifier : public QObject
{
    Q_OBJECT
public:
    static constexpr const char *AllowAction = "allow";
    static constexpr const char *ShowAction = "default";

    explicit DesktopNotifier(QObject *parent = nullptr);
    ~DesktopNotifier() override;

    // A server with the "actions" capability answered (asked at start and whenever the
    // server's name changes owner).
    bool isAvailable() const { return m_available; }
    // Asks the server for its capabilities again (asynchronously).
    void refresh();

    // Shows (or replaces) the notification of `key` with the Allow and Show actions for
    // `host`.
    void showBlocked(const QString &key, const QString &title, const QString &text,
                     const QString &host);
    // Shows (or replaces) the notification of `key` with no actions (a confirmation).
    void showPlain(const QString &key, const QString &title, const QString &text,
                   bool error = false);

    // The server's id of the notification shown for `key` (0: none).
    uint notificationId(const QString &key) const;

Q_SIGNALS:
    void availabilityChanged(bool available);
    // "Allow" was chosen on the notification of `key`.
    void allowRequested(const QString &key, const QString &host);
    // The notification of `key` was clicked, or "Show" chosen.
    void showRequested(const QString &key, const QString &host);

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &action);
    void onNotificationClosed(uint id, uint reason);

private:
    struct Request
    {
        QString title;
        QString text;
        QString host; // empty: no actions
        bool error = false;
    };
    struct Shown
    {
        uint id = 0;
        QString host;
        bool inFlight = false;  // a Notify call waits for its id
        bool hasQueued = false; // shown once the call in flight answers
        Request queued;
    };
    void send(const QString &key, const Request &request);
    void setAvailable(bool available);

    bool m_available = false;
    QHash<QString, Shown> m_shown; // by key
    struct Private;
    Private *d = nullptr;
};

} // namespace ocs::tray
