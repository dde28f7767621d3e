#pragma once

#include "webuiopener.h"

#include <QPointer>
#include <QString>

class QObject;
class QWidget;

namespace ocs::tray::webview {

class WebViewHost;

// "Open web UI" in the embedded view: one window per project, with the project's own
// persistent WebEngine profile in <state dir>/webview (~/.opencode-sandbox/<ID>/webview),
// loading the sandbox gateway's one-time sign-in URL exactly like the external browser does.
// The password never reaches WebEngine: the gateway adds it upstream, and the view's session
// is the gateway's HttpOnly cookie, in that project's profile only.
//
// No WebEngine code here: the view is the plugin ocs_webview (see webviewhost.h), loaded at
// the first open() from, in this order: $OCS_WEBVIEW_PLUGIN (a file), the executable's
// folder (build tree), <bindir>/../<libdir>/opencode-sandbox (installed tree).
class EmbeddedWebUiOpener final : public WebUiOpener
{
public:
    EmbeddedWebUiOpener();
    ~EmbeddedWebUiOpener() override;

    bool open(ManagedSandbox *sandbox, const QUrl &loginUrl) override;

    // The open window of a project (by sandbox ID), if any.
    QWidget *window(const QString &sandboxId) const;
    // Why the plugin could not be loaded ("" when it was, or was not tried yet).
    QString errorString() const { return m_error; }

    // Where the plugin is looked for, in order.
    static QStringList pluginCandidates();
    // Whether one of them exists (without loading it).
    static bool isAvailable();

private:
    WebViewHost *host();

    QPointer<QObject> m_plugin;
    WebViewHost *m_host = nullptr;
    bool m_tried = false;
    QString m_error;
};

} // namespace ocs::tray::webview
