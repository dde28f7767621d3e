#include "webviewwindow.h"

#include "webviewcompat.h"
#include "webviewpage.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QKeySequence>
#include <QMessageBox>
#include <QWebEngineDownloadRequest>
#include <QWebEngineProfile>
#include <QWebEngineSettings>
#include <QWebEngineView>

namespace ocs::tray::webview {

namespace {
int g_liveCount = 0;

bool askBeforeDownloading(QWidget *parent, const QString &fileName, const QString &directory)
{
    QMessageBox box(QMessageBox::Question, QObject::tr("Download a file?"),
                    QObject::tr("The web UI wants to save \u201c%1\u201d into %2. Files from the "
                                "sandbox are the agent's work: open them with care.")
                        .arg(fileName, QDir::toNativeSeparators(directory)),
                    QMessageBox::Save | QMessageBox::Cancel, parent);
    box.setDefaultButton(QMessageBox::Cancel);
    box.setEscapeButton(QMessageBox::Cancel);
    return box.exec() == QMessageBox::Save;
}

WebViewWindow::DownloadConfirmation &downloadConfirmation()
{
    static WebViewWindow::DownloadConfirmation confirm = askBeforeDownloading;
    return confirm;
}

QWebEngineProfile *makeProfile(const WebViewOptions &options, QObject *parent)
{
    if (options.storagePath.isEmpty())
        return new QWebEngineProfile(parent); // off the record
    // A folder only its owner can read: it holds the session cookie and the UI's storage.
    QDir().mkpath(options.storagePath);
    QFile::setPermissions(options.storagePath,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    auto *profile = new QWebEngineProfile(QStringLiteral("ocs-webview-") + options.key, parent);
    profile->setPersistentStoragePath(options.storagePath);
    profile->setCachePath(options.storagePath + QStringLiteral("/cache"));
    profile->setHttpCacheType(QWebEngineProfile::DiskHttpCache);
    profile->setPersistentCookiesPolicy(QWebEngineProfile::AllowPersistentCookies);
    return profile;
}
} // namespace

WebViewWindow::WebViewWindow(WebViewOptions options, QWidget *parent)
    : QMainWindow(parent)
    , m_options(std::move(options))
{
    ++g_liveCount;
    setAttribute(Qt::WA_DeleteOnClose);
    resize(1280, 820);

    m_profile = makeProfile(m_options, this);
    m_profile->setSpellCheckEnabled(false);
    installCompatibilityScript(m_profile);
    QWebEngineSettings *settings = m_profile->settings();
    // The UI's "copy" buttons write to the clipboard; scripts may not read it.
    settings->setAttribute(QWebEngineSettings::JavascriptCanAccessClipboard, true);
    settings->setAttribute(QWebEngineSettings::JavascriptCanPaste, false);
    // target=_blank links and window.open reach WebViewPage (which opens other sites outside).
    settings->setAttribute(QWebEngineSettings::JavascriptCanOpenWindows, true);
    settings->setAttribute(QWebEngineSettings::LocalContentCanAccessRemoteUrls, false);
    settings->setAttribute(QWebEngineSettings::LocalContentCanAccessFileUrls, false);
    settings->setAttribute(QWebEngineSettings::PluginsEnabled, false);
    connect(m_profile, &QWebEngineProfile::downloadRequested, this,
            [this](QWebEngineDownloadRequest *download) {
                // Only what the user agreed to, into the user's download folder.
                const DownloadConfirmation &confirm = downloadConfirmation();
                if (confirm(this, download->downloadFileName(), download->downloadDirectory())) {
                    qCInfo(lcWebView) << "download to" << download->downloadDirectory();
                    download->accept();
                } else {
                    qCInfo(lcWebView) << "download refused";
                    download->cancel();
                }
            });

    m_page = new WebViewPage(m_profile, m_options.credentials, this);
    m_view = new QWebEngineView(this);
    m_view->setPage(m_page);
    setCentralWidget(m_view);
    connect(m_page, &QWebEnginePage::titleChanged, this, &WebViewWindow::updateTitle);
    connect(m_page, &QWebEnginePage::windowCloseRequested, this, &QWidget::close);

    auto addShortcut = [this](const QList<QKeySequence> &keys, auto slot) {
        auto *action = new QAction(this);
        action->setShortcuts(keys);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
    };
    addShortcut({QKeySequence::Refresh, QKeySequence(Qt::CTRL | Qt::Key_R)},
                [this] { m_page->triggerAction(QWebEnginePage::Reload); });
    addShortcut({QKeySequence::Close}, [this] { close(); });
    addShortcut({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)},
                [this] { m_view->setZoomFactor(std::min(3.0, m_view->zoomFactor() + 0.1)); });
    addShortcut({QKeySequence::ZoomOut},
                [this] { m_view->setZoomFactor(std::max(0.3, m_view->zoomFactor() - 0.1)); });
    addShortcut({QKeySequence(Qt::CTRL | Qt::Key_0)}, [this] { m_view->setZoomFactor(1.0); });
    updateTitle();
}

WebViewWindow::~WebViewWindow()
{
    // The page must go before its profile (WebEngine warns and may crash otherwise).
    delete m_view;
    m_view = nullptr;
    delete m_page;
    m_page = nullptr;
    delete m_profile;
    m_profile = nullptr;
    --g_liveCount;
}

void WebViewWindow::setDownloadConfirmation(DownloadConfirmation confirm)
{
    downloadConfirmation() = confirm ? std::move(confirm) : askBeforeDownloading;
}

int WebViewWindow::liveCount()
{
    return g_liveCount;
}

void WebViewWindow::open(const QUrl &url)
{
    m_page->loadApp(url);
    show();
    if (isMinimized())
        showNormal();
    raise();
    activateWindow();
}

void WebViewWindow::updateTitle()
{
    setWindowTitle(viewWindowTitle(m_options.projectName, m_page ? m_page->title() : QString()));
}

} // namespace ocs::tray::webview
