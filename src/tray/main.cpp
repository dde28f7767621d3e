#include "app/applog.h"

#include "app/appsettings.h"
#include "app/projectregistry.h"
#include "app/sandboxfleet.h"
#include "app/signalwatcher.h"
#include "app/traylink.h"
#include "singleinstance.h"
#include "statusicons.h"
#include "translations.h"
#include "traycontroller.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTimer>

#include <cstdio>

namespace {

// "--add PATH" with PATH made absolute (the running instance has another working folder).
QStringList absoluteArguments(const QStringList &args)
{
    QStringList out;
    for (int i = 0; i < args.size(); ++i) {
        const QString a = args.at(i);
        if (a == QLatin1String("--add") && i + 1 < args.size()) {
            out << a << QFileInfo(args.at(++i)).absoluteFilePath();
        } else if (a.startsWith(QLatin1String("--add="))) {
            out << QStringLiteral("--add") << QFileInfo(a.mid(6)).absoluteFilePath();
        }
    }
    return out;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("opencode-sandbox"));
    QApplication::setApplicationDisplayName(QStringLiteral("OpenCode Sandbox"));
    QApplication::setOrganizationName(QStringLiteral("opencode-sandbox"));
    QApplication::setApplicationVersion(QStringLiteral(OCS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("opencode-sandbox"));
    // The app lives in the tray: closing a dialog must not end it.
    QApplication::setQuitOnLastWindowClosed(false);
    // The app log in the state folder (autostart loses stderr); OCS_DEBUG too.
    ocs::AppLog::install();
    ocs::tray::initResources();
    QApplication::setWindowIcon(ocs::tray::StatusIcons::appIcon());

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "OpenCode Sandbox in the system tray: start, stop and open your projects' sandboxes."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption add(QStringLiteral("add"),
                                 QStringLiteral("Add the project folder PATH to the list (a folder "
                                                "without a config is set up first)."),
                                 QStringLiteral("PATH"));
    parser.addOption(add);
    parser.process(app);
    const QStringList forwarded = absoluteArguments(QApplication::arguments().mid(1));

    // One app per user: a second launch hands its arguments over and ends.
    ocs::tray::SingleInstance instance;
    if (instance.claim() == ocs::tray::SingleInstance::Role::Secondary) {
        instance.forward(forwarded, [](bool ok, const QString &error) {
            if (!ok)
                std::fprintf(stderr,
                             "opencode-sandbox: another instance holds the lock but did "
                             "not answer (%s)\n",
                             qPrintable(error));
            QCoreApplication::exit(ok ? 0 : 1);
        });
        return app.exec();
    }

    ocs::AppSettings settings;
    ocs::tray::Translations translations;
    translations.apply(settings.language());

    ocs::ProjectRegistry registry(settings.filePath());
    ocs::SandboxFleet fleet(&registry);
    fleet.setEnginePreference(settings.enginePreference());

    ocs::tray::TrayController tray(&settings, &registry, &fleet);
    QObject::connect(&tray, &ocs::tray::TrayController::quitRequested, &app,
                     &QCoreApplication::quit, Qt::QueuedConnection);
    QObject::connect(&settings, &ocs::AppSettings::languageChanged, &tray,
                     [&](ocs::AppSettings::Language language) {
                         translations.apply(language);
                         tray.retranslate();
                     });
    QObject::connect(&instance, &ocs::tray::SingleInstance::argumentsReceived, &tray,
                     &ocs::tray::TrayController::handleArguments);
    // `ocs web` asks for a sign-in URL of the gateway this app runs for a sandbox.
    instance.setRequestHandler([&fleet](const QJsonObject &request, auto reply) {
        return ocs::traylink::answerRequest(fleet, request, std::move(reply));
    });

    // SIGTERM/SIGINT/SIGHUP (logout, `kill`): quit through the event loop so child processes
    // (the engine's event stream) end with us. Running sandboxes keep running, as on Quit.
    ocs::SignalWatcher signalWatcher;
    // exit(), not quit(): the fallback window refuses close events (it hides instead),
    // which would cancel quit().
    QObject::connect(&signalWatcher, &ocs::SignalWatcher::interrupted, &app,
                     [] { QCoreApplication::exit(0); });

    fleet.start();
    tray.showUi();
    if (!forwarded.isEmpty())
        QTimer::singleShot(0, &tray, [&tray, forwarded] { tray.handleArguments(forwarded); });
    return app.exec();
}
