#pragma once

#include "webviewhost.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace ocs::tray::webview {

class WebViewWindow;

// The plugin's entry: one WebViewWindow per project, each with its own persistent profile.
class WebViewPlugin : public QObject, public WebViewHost
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID OCS_WEBVIEW_HOST_IID)
    Q_INTERFACES(ocs::tray::webview::WebViewHost)
public:
    explicit WebViewPlugin(QObject *parent = nullptr);
    ~WebViewPlugin() override;

    QWidget *openWebView(const WebViewRequest &request) override;
    QWidget *webView(const QString &key) const override;

private:
    void closeAll();

    QHash<QString, QPointer<WebViewWindow>> m_windows;
};

} // namespace ocs::tray::webview
