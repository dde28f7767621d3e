#include "cli.h"

#include "app/applog.h"

#include <QCoreApplication>
#include <QTimer>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ocs"));
    QCoreApplication::setOrganizationName(QStringLiteral("opencode-sandbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OCS_VERSION));
    ocs::AppLog::install(); // warnings and errors also go to the app log (stderr as before)
    ocs::cli::Cli cli(QCoreApplication::arguments());
    QTimer::singleShot(0, &cli, &ocs::cli::Cli::run);
    return app.exec();
}
