#include "webuiopener.h"

#include "app/appsettings.h"
#include "traylogging.h"
#ifdef OCS_HAVE_WEBENGINE
#include "webview/embeddedwebuiopener.h"
#endif

#include <QCoreApplication>

namespace ocs::tray {

ExternalBrowserOpener::ExternalBrowserOpener(signinpage::Launcher launcher)
    : m_launcher(std::move(launcher))
{}

bool ExternalBrowserOpener::open(ManagedSandbox *, const QUrl &loginUrl)
{
    // The URL carries a one-time token only (no password); it is not logged.
    qCInfo(lcTray) << "opening the web UI in the browser";
    QString error;
    if (signinpage::open(loginUrl, QCoreApplication::instance(), &error, m_launcher))
        return true;
    qCWarning(lcTray) << "cannot open the browser:" << error;
    return false;
}

PreferredWebUiOpener::PreferredWebUiOpener(const AppSettings *settings)
    : m_settings(settings)
{}

PreferredWebUiOpener::~PreferredWebUiOpener() = default;

bool PreferredWebUiOpener::open(ManagedSandbox *sandbox, const QUrl &loginUrl)
{
#ifdef OCS_HAVE_WEBENGINE
    if (m_settings && m_settings->webUiMode() == AppSettings::WebUiMode::Embedded) {
        if (!m_embedded)
            m_embedded = std::make_unique<webview::EmbeddedWebUiOpener>();
        if (m_embedded->open(sandbox, loginUrl))
            return true;
        qCWarning(lcTray) << "the embedded web view is not available; opening the browser";
    }
#endif
    return m_external.open(sandbox, loginUrl);
}

} // namespace ocs::tray
