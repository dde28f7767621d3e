#pragma once

#include "config/projectconfig.h"
#include "secrets/secretstore.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

#include <functional>

class QCheckBox;
class QDialog;
class QLabel;
class QPushButton;
class QTableWidget;

namespace ocs::tray {

// The Secrets tab of the project settings (issue 12): the project's injected-secrets (name,
// hosts, header, where the value comes from, whether it is set; never the value). The list
// itself is part of the config the dialog saves (Add…, Remove); the values and their sources
// are not: "Set value…", "Source…" and "Forget value" act on SecretStore at once (the OS
// keychain, the app's settings), asynchronously, without nested event loops.
class SecretsPage : public QWidget
{
    Q_OBJECT
public:
    enum Column { ColName, ColHosts, ColHeader, ColSource, ColValue, ColumnCount };

    // sandboxId: the project's (its keychain entries); settingsFile: AppSettings' file.
    SecretsPage(const QString &sandboxId, const QString &settingsFile, QWidget *parent = nullptr);
    ~SecretsPage() override;

    // The config's entries (shown as they are; the status of each is asked for).
    void setSecrets(const QList<InjectedSecret> &secrets);
    // The entries as edited now (what Save writes).
    QList<InjectedSecret> secrets() const { return m_secrets; }

    // Problems of the entries with the rest of the edited config (a host not whitelisted, a
    // name also set by env or env-passthrough); shown under the table.
    QStringList checkAgainst(const ProjectConfig &config);

    // Adds NAME, with its preset when its name chooses one (else the Add dialog opens with the
    // name filled in). hostVariable: where env-passthrough took it from; recorded as its
    // source when it is set here and nothing else is recorded. `added` runs once it is in.
    void addByName(const QString &name, const QString &hostVariable,
                   std::function<void()> added = {});

    // Asks again whether each value is set.
    void refreshStatus();
    void selectName(const QString &name);
    QString selectedName() const;

    SecretStore *store() const { return m_store; }
    QTableWidget *table() const { return m_table; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *setValueButton() const { return m_setValue; }
    QPushButton *sourceButton() const { return m_source; }
    QPushButton *forgetButton() const { return m_forget; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *problemsLabel() const { return m_problems; }
    // The Add, Set value or Source dialog open now (tests fill it in).
    QDialog *pendingDialog() const { return m_dialog.data(); }
    // Answers to isSet still awaited.
    int pendingChecks() const { return m_pendingChecks; }

    void retranslate();

Q_SIGNALS:
    // The list (the config) changed.
    void changed();
    // A value or source was stored or forgotten (the message says which; error: it failed).
    void storeFinished(bool ok, const QString &message);
    // Every status question of the last refresh was answered.
    void statusRefreshed();
    // The user asked to add these hosts to the network whitelist.
    void whitelistRequested(const QStringList &hosts);

private:
    void fillTable();
    void updateButtons();
    void openAddDialog(const QString &name, std::function<void()> added);
    void openSetValueDialog(const QString &name);
    void openSourceDialog(const QString &name);
    void confirmForget(const QString &name);
    void forgetValue(const QString &name);
    void removeSelected();
    void askKeychain(const QString &name, SecretStore::Scope scope, bool fallBack, int generation);
    void setRowValue(const QString &name, const QString &text, const QString &toolTip);
    void report(bool ok, const QString &message);
    void showStatus(bool ok, const QString &message);
    int rowOf(const QString &name) const;
    std::optional<SecretStore::Scope> scopeOf(const QString &name) const;
    bool sharedChosen(const QString &name) const;

    SecretStore *m_store = nullptr;
    QList<InjectedSecret> m_secrets;
    QHash<QString, SecretStore::Scope> m_foundScope; // where a keychain value was found
    QTableWidget *m_table = nullptr;
    QLabel *m_intro = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_problems = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_setValue = nullptr;
    QPushButton *m_source = nullptr;
    QPushButton *m_forget = nullptr;
    QPointer<QDialog> m_dialog;
    QStringList m_missingHosts;
    int m_generation = 0;
    int m_pendingChecks = 0;
};

} // namespace ocs::tray
