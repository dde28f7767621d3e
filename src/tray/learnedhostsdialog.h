#pragma once

#include "networkactivitywindow.h"

#include <QDialog>

class QLabel;
class QListWidget;
class QPushButton;

namespace ocs::tray {

// The end of a learning run: the hosts blocked meanwhile as a checklist (all checked);
// "Allow selected" writes them all at once (hostpolicy::apply).
class LearnedHostsDialog : public QDialog
{
    Q_OBJECT
public:
    LearnedHostsDialog(NetworkActivityWindow::Target target, const QStringList &hosts,
                       QWidget *parent = nullptr);

    QListWidget *list() const { return m_list; }
    QPushButton *allowButton() const { return m_allow; }
    QStringList checkedHosts() const;
    // Writes the checked hosts; closes on success, else says why.
    void allowChecked();

Q_SIGNALS:
    // `text` says what was written and when it applies.
    void applied(const QString &text);

private:
    void updateButton();

    NetworkActivityWindow::Target m_target;
    QLabel *m_intro;
    QListWidget *m_list;
    QLabel *m_error;
    QPushButton *m_allow;
};

} // namespace ocs::tray
