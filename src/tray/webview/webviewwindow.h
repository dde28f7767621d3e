#pragma once

#include "webviewpolicy.h"

#include <QMainWindow>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

class QWebEngineProfile;
class QWebEngineView;

namespace ocs::tray::webview {

class WebViewPage;

struct WebViewOptions
{
    // Unique per project (the sandbox ID): names the WebEngine profile.
    QString key;
    // Shown in the window title.
    QString projectName;
    // The profile's own folder (cookies, local storage, cache), e.g.
    // ~/.opencode-sandbox/<ID>/webview; empty: an off-the-record profile that keeps nothing.
    QString storagePath;
    // HTTP credentials, answered only for their exact origin; none: every authentication
    // request is cancelled (the tray passes none: it loads the gateway's one-time URL).
    std::optional<OriginCredentials> credentials;
};

// A window showing one project's web UI in Qt WebEngine, with a WebEngine profile of its own
// (sessions and storage do not bleed between projects) and a WebViewPage (links to other
// sites open in the default browser). Deletes itself when closed, which ends its renderer.
//
// Creating one initialises Qt WebEngine (heavy): the tray creates it only when the user opens
// a project's web UI, never at start-up.
class WebViewWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit WebViewWindow(WebViewOptions options, QWidget *parent = nullptr);
    ~WebViewWindow() override;

    // Loads `url` (its origin becomes the web UI's) and shows, raises and activates the window.
    void open(const QUrl &url);

    const WebViewOptions &options() const { return m_options; }
    QWebEngineView *view() const { return m_view; }
    WebViewPage *page() const { return m_page; }
    QWebEngineProfile *profile() const { return m_profile; }

    // How many windows (and so WebEngine profiles and pages) exist now.
    static int liveCount();

    // Asked before a download (the page is the agent's work, so a file it offers is too):
    // true saves `fileName` into `directory`. The default asks the user, "No" preselected;
    // tests substitute an answer. Must answer at once (WebEngine drops an unanswered one).
    using DownloadConfirmation =
        std::function<bool(QWidget *parent, const QString &fileName, const QString &directory)>;
    static void setDownloadConfirmation(DownloadConfirmation confirm);

private:
    void updateTitle();

    WebViewOptions m_options;
    QWebEngineProfile *m_profile = nullptr;
    WebViewPage *m_page = nullptr;
    QWebEngineView *m_view = nullptr;
};

} // namespace ocs::tray::webview
