#pragma once

#include "gateway/signinpage.h"

#include <QUrl>

#include <memory>

namespace ocs {
class AppSettings;
class ManagedSandbox;
} // namespace ocs

namespace ocs::tray {

// Shows a sandbox's web UI given its one-time sign-in URL. The external browser is the
// default; an embedded web view (Qt WebEngine, a build option) plugs in here.
class WebUiOpener
{
public:
    virtual ~WebUiOpener() = default;
    virtual bool open(ManagedSandbox *sandbox, const QUrl &loginUrl) = 0;
};

// The user's browser, through a private local page that forwards to the sign-in URL (the URL
// is on no command line; see signinpage). `launcher` starts the browser (tests record it).
class ExternalBrowserOpener final : public WebUiOpener
{
public:
    explicit ExternalBrowserOpener(signinpage::Launcher launcher = {});
    bool open(ManagedSandbox *sandbox, const QUrl &loginUrl) override;

private:
    signinpage::Launcher m_launcher;
};

// Opens the web UI as the preferences say (AppSettings::webUiMode, read at each open): in the
// embedded view (webview::EmbeddedWebUiOpener) when this build has one (OCS_HAVE_WEBENGINE),
// else in the external browser. The embedded opener, and with it Qt WebEngine, comes into
// being at the first embedded open, never before.
class PreferredWebUiOpener final : public WebUiOpener
{
public:
    explicit PreferredWebUiOpener(const AppSettings *settings);
    ~PreferredWebUiOpener() override;
    bool open(ManagedSandbox *sandbox, const QUrl &loginUrl) override;

    // Null until the first embedded open.
    WebUiOpener *embeddedOpener() const { return m_embedded.get(); }

private:
    const AppSettings *m_settings;
    ExternalBrowserOpener m_external;
    std::unique_ptr<WebUiOpener> m_embedded;
};

} // namespace ocs::tray
