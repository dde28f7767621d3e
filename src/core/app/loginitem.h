#pragma once

#include <QString>

namespace ocs {

// Starting the app at login: an XDG autostart entry (~/.config/autostart/<name>.desktop)
// on Linux and other Unix desktops, a LaunchAgent (~/Library/LaunchAgents/<label>.plist)
// on macOS.
class LoginItem
{
public:
    // `executable`: the absolute path to start at login.
    explicit LoginItem(QString executable);

    QString filePath() const;
    bool isEnabled() const;
    bool setEnabled(bool enabled, QString *error);

    // The file's content (for tests and for the record).
    QByteArray content() const;

private:
    QString m_executable;
};

} // namespace ocs
