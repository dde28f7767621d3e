#include "signinpage.h"

#include "app/environment.h"
#include "app/traylink.h"
#include "gatewayauth.h"
#include "logging.h"
#include "project/project.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>

#include <cerrno>
#include <cstring>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace ocs::signinpage {

namespace {

struct SignInText
{
    Q_DECLARE_TR_FUNCTIONS(ocs::SignInPage)
};

const QString Prefix = QStringLiteral("signin-");
const QString Suffix = QStringLiteral(".html");

void removeStalePages(const QString &dir)
{
    const QDateTime limit = QDateTime::currentDateTimeUtc().addMSecs(-qint64(Lifetime.count()));
    const QFileInfoList pages = QDir(dir).entryInfoList({Prefix + QLatin1Char('*') + Suffix},
                                                        QDir::Files | QDir::Hidden | QDir::System);
    for (const QFileInfo &page : pages) {
        if (page.lastModified().toUTC() < limit)
            QFile::remove(page.absoluteFilePath());
    }
}

QByteArray pageFor(const QUrl &loginUrl)
{
    // A sign-in URL holds only URL-safe characters; escaped for HTML all the same.
    const QByteArray url = QString::fromLatin1(loginUrl.toEncoded()).toHtmlEscaped().toLatin1();
    //: The language code of the sign-in page (<html lang="…">).
    const QByteArray lang = SignInText::tr("en").toUtf8();
    const QByteArray opening = SignInText::tr("Opening the web UI…").toHtmlEscaped().toUtf8();
    const QByteArray next = SignInText::tr("Continue").toHtmlEscaped().toUtf8();
    return "<!DOCTYPE html>\n<html lang=\"" + lang +
           "\"><head><meta charset=\"utf-8\">"
           "<meta name=\"referrer\" content=\"no-referrer\">"
           "<meta http-equiv=\"refresh\" content=\"0;url=" +
           url +
           "\"><title>OpenCode Sandbox</title></head>\n"
           "<body><p>" +
           opening + " <a href=\"" + url + "\">" + next + "</a></p></body></html>\n";
}

// Creates `path` (which must not exist) readable by this user only, with `content`.
bool writePrivateFile(const QString &path, const QByteArray &content, QString *error)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(path).constData(),
                          O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error = QString::fromLocal8Bit(::strerror(errno));
        return false;
    }
    QFile file;
    const bool ok = file.open(fd, QIODevice::WriteOnly, QFileDevice::AutoCloseHandle) &&
                    file.write(content) == content.size() && file.flush();
    if (!ok) {
        *error = file.errorString();
        file.close();
        QFile::remove(path);
    }
    return ok;
#else
    QFile file(path);
    if (!file.open(QIODevice::NewOnly | QIODevice::WriteOnly) || file.write(content) < 0) {
        *error = file.errorString();
        return false;
    }
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return true;
#endif
}

} // namespace

bool launchDetached(const QString &program, const QStringList &arguments)
{
    return QProcess::startDetached(program, arguments);
}

QString directory()
{
    const QString runtime = traylink::defaultDirectory();
    if (runtime.isEmpty())
        return {};
    const QString dir = runtime + QStringLiteral("/opencode-sandbox-signin");
    return paths::ensurePrivateDirectory(dir) ? dir : QString();
}

QString writePage(const QUrl &loginUrl, QString *error)
{
    if (!traylink::isGatewayLoginUrl(loginUrl)) {
        *error = SignInText::tr("not a sign-in address of a gateway");
        return {};
    }
    const QString dir = directory();
    if (dir.isEmpty()) {
        *error = SignInText::tr("no private folder for the sign-in page");
        return {};
    }
    removeStalePages(dir);
    // The name is random too: not guessable, never an existing file.
    const QString path = dir + QLatin1Char('/') + Prefix +
                         QString::fromLatin1(gateway::GatewayAuth::randomSecret().left(16)) +
                         Suffix;
    if (!writePrivateFile(path, pageFor(loginUrl), error))
        return {};
    return path;
}

bool open(const QUrl &loginUrl, QObject *context, QString *error, const Launcher &launcher,
          std::chrono::milliseconds lifetime)
{
#ifdef Q_OS_MACOS
    const QString opener = QStringLiteral("open");
#else
    const QString opener = QStringLiteral("xdg-open");
#endif
    const QString custom = environment::value(environment::Variable::Browser);
    const QString program = custom.isEmpty() ? QStandardPaths::findExecutable(opener) : custom;
    if (program.isEmpty()) {
        *error = SignInText::tr("%1 not found").arg(opener);
        return false;
    }
    const QString page = writePage(loginUrl, error);
    if (page.isEmpty())
        return false;
    const Launcher &launch = launcher ? launcher : Launcher(launchDetached);
    if (!launch(program, {QUrl::fromLocalFile(page).toString(QUrl::FullyEncoded)})) {
        QFile::remove(page);
        *error = SignInText::tr("%1 could not be started").arg(program);
        return false;
    }
    qCInfo(lcGateway) << "opened the browser on a sign-in page";
    if (context) {
        QTimer::singleShot(lifetime, context, [page] { QFile::remove(page); });
    }
    return true;
}

} // namespace ocs::signinpage
