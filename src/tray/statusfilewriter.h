#pragma once

#include <QObject>
#include <QTimer>

namespace ocs::tray {

class TrayController;

// Test hook, active only when OCS_TRAY_STATUS_FILE names a file: writes what the app shows
// (state of every project, the tray icon's place, open menus with the screen position of
// each item, open windows) as JSON whenever it changes, so an end-to-end test can wait for
// states and click real menu items. It drives nothing.
class StatusFileWriter : public QObject
{
    Q_OBJECT
public:
    StatusFileWriter(const QString &path, TrayController *tray, QObject *parent = nullptr);

    // Writes soon (coalesced).
    void write();
    void writeNow();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QString m_path;
    TrayController *m_tray;
    QTimer m_timer;
};

} // namespace ocs::tray
