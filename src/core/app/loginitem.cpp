#include "loginitem.h"

#include "logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace ocs {

namespace {
struct LoginText
{
    Q_DECLARE_TR_FUNCTIONS(ocs::LoginItem)
};
} // namespace

namespace {
#ifdef Q_OS_MACOS
const QString AgentLabel = QStringLiteral("io.opencode-sandbox.tray");
#else
const QString DesktopName = QStringLiteral("opencode-sandbox.desktop");
#endif

#ifdef Q_OS_MACOS
QString xmlEscaped(const QString &s)
{
    return s.toHtmlEscaped();
}
#else
// Desktop entry Exec= quoting: the whole argument in double quotes, with \ " ` $ escaped.
QString desktopQuoted(const QString &s)
{
    QString out;
    for (QChar c : s) {
        if (c == QLatin1Char('"') || c == QLatin1Char('`') || c == QLatin1Char('$') ||
            c == QLatin1Char('\\'))
            out += QLatin1Char('\\');
        out += c;
    }
    return QLatin1Char('"') + out + QLatin1Char('"');
}
#endif
} // namespace

LoginItem::LoginItem(QString executable)
    : m_executable(std::move(executable))
{}

QString LoginItem::filePath() const
{
#ifdef Q_OS_MACOS
    return QDir::homePath() + QStringLiteral("/Library/LaunchAgents/") + AgentLabel +
           QStringLiteral(".plist");
#else
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/autostart/") + DesktopName;
#endif
}

QByteArray LoginItem::content() const
{
#ifdef Q_OS_MACOS
    return QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                          "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                          "<plist version=\"1.0\">\n<dict>\n"
                          "  <key>Label</key><string>%1</string>\n"
                          "  <key>ProgramArguments</key><array><string>%2</string></array>\n"
                          "  <key>RunAtLoad</key><true/>\n"
                          "  <key>ProcessType</key><string>Interactive</string>\n"
                          "</dict>\n</plist>\n")
        .arg(AgentLabel, xmlEscaped(m_executable))
        .toUtf8();
#else
    return QStringLiteral("[Desktop Entry]\n"
                          "Type=Application\n"
                          "Name=OpenCode Sandbox\n"
                          "Comment=Run the OpenCode agent in one isolated container per project\n"
                          "Exec=%1\n"
                          "Icon=opencode-sandbox\n"
                          "Terminal=false\n"
                          "X-GNOME-Autostart-enabled=true\n")
        .arg(desktopQuoted(m_executable))
        .toUtf8();
#endif
}

bool LoginItem::isEnabled() const
{
    return QFileInfo::exists(filePath());
}

bool LoginItem::setEnabled(bool enabled, QString *error)
{
    const QString path = filePath();
    if (!enabled) {
        if (QFileInfo::exists(path) && !QFile::remove(path)) {
            if (error)
                *error = LoginText::tr("cannot remove %1").arg(path);
            return false;
        }
        return true;
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        if (error)
            *error = LoginText::tr("cannot create %1").arg(QFileInfo(path).absolutePath());
        return false;
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content()) < 0 || !f.commit()) {
        if (error)
            *error = LoginText::tr("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    qCInfo(lcRegistry) << "login item written:" << path;
    return true;
}

} // namespace ocs
