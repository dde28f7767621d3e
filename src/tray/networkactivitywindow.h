#pragma once

#include "hostpolicyeditor.h"
#include "network/decisionlog.h"

#include <QList>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeView;

namespace ocs::tray {

class NetworkActivityFilter;
class NetworkActivityModel;

// One project's "Network activity" window: the hosts its sandbox's proxy allowed and denied,
// grouped by domain, read from the decision log in its state folder (so also for a stopped
// sandbox) and followed live while the window is open. Allow host / Allow domain and
// subdomains / Deny write the config and the live policy (hostpolicy::apply).
class NetworkActivityWindow : public QWidget
{
    Q_OBJECT
public:
    struct Target
    {
        QString name;     // shown in the title
        QString root;     // the project's folder (its config is edited)
        QString stateDir; // ~/.opencode-sandbox/<SANDBOX_ID>
        // Whether the sandbox runs now (a change then applies at once).
        std::function<bool()> running = [] {
            return false;
        };
    };

    explicit NetworkActivityWindow(Target target, QWidget *parent = nullptr);
    ~NetworkActivityWindow() override;

    void setTarget(Target target);
    // Selects the host's row (once the log is read, when that is still going on).
    void selectHost(const QString &host);
    QString selectedHost() const;
    bool isLoaded() const { return m_loaded; }

    void allowSelected(bool subdomains);
    void denySelected();

    // For tests.
    QTreeView *view() const { return m_view; }
    NetworkActivityModel *model() const { return m_model; }
    NetworkActivityFilter *filter() const { return m_filter; }
    QLineEdit *filterEdit() const { return m_filterEdit; }
    QComboBox *showCombo() const { return m_show; }
    QPushButton *allowHostButton() const { return m_allowHost; }
    QPushButton *allowDomainButton() const { return m_allowDomain; }
    QPushButton *denyButton() const { return m_deny; }
    QLabel *statusLabel() const { return m_status; }

Q_SIGNALS:
    void loaded();
    // The config and the live policy were written.
    void policyChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void retranslate();
    void load();
    void onLoaded(const QList<ocs::HostActivity> &activity);
    void onDecision(const ocs::NetworkDecision &decision);
    void updateButtons();
    void apply(hostpolicy::Change change);
    void setStatus(const QString &text, bool error);

    Target m_target;
    NetworkActivityModel *m_model;
    NetworkActivityFilter *m_filter;
    DecisionLogFollower *m_follower;
    QLabel *m_intro;
    QLabel *m_filterLabel;
    QLineEdit *m_filterEdit;
    QLabel *m_showLabel;
    QComboBox *m_show;
    QTreeView *m_view;
    QPushButton *m_allowHost;
    QPushButton *m_allowDomain;
    QPushButton *m_deny;
    QPushButton *m_close;
    QLabel *m_status;
    bool m_loaded = false;
    QList<NetworkDecision> m_early; // decisions that came while the log was being read
    QString m_wantedHost;
};

} // namespace ocs::tray
