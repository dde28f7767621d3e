#include "learnedhostsdialog.h"

#include "statusicons.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace ocs::tray {

LearnedHostsDialog::LearnedHostsDialog(NetworkActivityWindow::Target target,
                                       const QStringList &hosts, QWidget *parent)
    : QDialog(parent)
    , m_target(std::move(target))
    , m_intro(new QLabel(this))
    , m_list(new QListWidget(this))
    , m_error(new QLabel(this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowIcon(StatusIcons::appIcon());
    setWindowTitle(tr("Blocked hosts — %1").arg(m_target.name));
    m_intro->setWordWrap(true);
    m_intro->setText(tr("While learning, the proxy of %1 blocked these hosts. Allow the ones "
                        "the agent needs: they are added to the project's whitelist.")
                         .arg(m_target.name));
    m_list->setAccessibleName(tr("Blocked hosts"));
    for (const QString &host : hosts) {
        auto *item = new QListWidgetItem(host, m_list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(Qt::Checked);
    }
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();

    auto *box = new QDialogButtonBox(this);
    m_allow = box->addButton(tr("&Allow selected"), QDialogButtonBox::AcceptRole);
    box->addButton(tr("&Not now"), QDialogButtonBox::RejectRole);
    m_allow->setDefault(true);
    connect(m_allow, &QPushButton::clicked, this, &LearnedHostsDialog::allowChecked);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemChanged, this, &LearnedHostsDialog::updateButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_error);
    layout->addWidget(box);
    updateButton();
}

QStringList LearnedHostsDialog::checkedHosts() const
{
    QStringList hosts;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked)
            hosts << m_list->item(i)->text();
    }
    return hosts;
}

void LearnedHostsDialog::updateButton()
{
    m_allow->setEnabled(!checkedHosts().isEmpty());
}

void LearnedHostsDialog::allowChecked()
{
    const QStringList hosts = checkedHosts();
    if (hosts.isEmpty())
        return;
    const hostpolicy::Outcome out =
        hostpolicy::apply(m_target.root, hosts, hostpolicy::Change::AllowHost);
    if (!out.ok) {
        m_error->setText(tr("Could not allow them: %1").arg(out.error));
        m_error->show();
        return;
    }
    const bool running = m_target.running && m_target.running() && out.live;
    Q_EMIT applied(running ? tr("Allowed %1: applied to the running sandbox.")
                                 .arg(out.entries.join(QStringLiteral(", ")))
                           : tr("Allowed %1: applies at the next start.")
                                 .arg(out.entries.join(QStringLiteral(", "))));
    accept();
}

} // namespace ocs::tray
