#include "networkactivitywindow.h"

#include "network/networkpolicy.h"
#include "network/policyfiles.h"
#include "networkactivitymodel.h"
#include "statusicons.h"
#include "traylogging.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QThreadPool>
#include <QTreeView>
#include <QVBoxLayout>

namespace ocs::tray {

namespace {
const QString ErrorStyle = QStringLiteral("color: #c62828;");
}

NetworkActivityWindow::NetworkActivityWindow(Target target, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_target(std::move(target))
    , m_model(new NetworkActivityModel(this))
    , m_filter(new NetworkActivityFilter(this))
    , m_follower(new DecisionLogFollower(policyfiles::logDir(m_target.stateDir), this))
    , m_intro(new QLabel(this))
    , m_filterLabel(new QLabel(this))
    , m_filterEdit(new QLineEdit(this))
    , m_showLabel(new QLabel(this))
    , m_show(new QComboBox(this))
    , m_view(new QTreeView(this))
    , m_allowHost(new QPushButton(this))
    , m_allowDomain(new QPushButton(this))
    , m_deny(new QPushButton(this))
    , m_close(new QPushButton(this))
    , m_status(new QLabel(this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowIcon(StatusIcons::appIcon());
    resize(860, 560);
    m_intro->setWordWrap(true);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_filterEdit->setClearButtonEnabled(true);
    m_filterLabel->setBuddy(m_filterEdit);
    m_showLabel->setBuddy(m_show);

    m_filter->setSourceModel(m_model);
    m_view->setModel(m_filter);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(NetworkActivityModel::LastColumn, Qt::DescendingOrder);
    m_view->header()->setStretchLastSection(true);
    m_view->setColumnWidth(NetworkActivityModel::HostColumn, 280);
    m_view->installEventFilter(this);
    // New domains (also those a filter change brings back) show their hosts.
    connect(m_filter, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &where, int first, int last) {
                if (where.isValid())
                    return;
                for (int r = first; r <= last; ++r)
                    m_view->expand(m_filter->index(r, 0));
            });
    connect(m_filter, &QAbstractItemModel::modelReset, this, [this] { m_view->expandAll(); });

    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setText(text);
        m_view->expandAll();
    });
    connect(m_show, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setShow(NetworkActivityFilter::Show(m_show->currentData().toInt()));
        m_view->expandAll();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &NetworkActivityWindow::updateButtons);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this,
            &NetworkActivityWindow::updateButtons);
    connect(m_allowHost, &QPushButton::clicked, this, [this] { allowSelected(false); });
    connect(m_allowDomain, &QPushButton::clicked, this, [this] { allowSelected(true); });
    connect(m_deny, &QPushButton::clicked, this, &NetworkActivityWindow::denySelected);
    connect(m_close, &QPushButton::clicked, this, &QWidget::close);
    connect(m_follower, &DecisionLogFollower::decided, this, &NetworkActivityWindow::onDecision);

    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filterLabel);
    filterRow->addWidget(m_filterEdit, 1);
    filterRow->addSpacing(12);
    filterRow->addWidget(m_showLabel);
    filterRow->addWidget(m_show);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_allowHost);
    buttons->addWidget(m_allowDomain);
    buttons->addWidget(m_deny);
    buttons->addStretch();
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(filterRow);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    setTabOrder(m_filterEdit, m_show);
    setTabOrder(m_show, m_view);
    setTabOrder(m_view, m_allowHost);

    retranslate();
    m_status->hide();
    updateButtons();
    // Following first: what is decided while the log is read is kept (m_early).
    m_follower->start();
    load();
}

NetworkActivityWindow::~NetworkActivityWindow()
{
    m_follower->stop();
}

void NetworkActivityWindow::setTarget(Target target)
{
    m_target = std::move(target);
    retranslate();
}

void NetworkActivityWindow::retranslate()
{
    setWindowTitle(tr("Network activity — %1").arg(m_target.name));
    m_intro->setText(
        tr("Where the agent of %1 tried to connect, as its proxy decided (kept in the sandbox's "
           "state folder). Allowing or denying a host writes the project's config file (its "
           "comments stay) and the live policy of the sandbox.")
            .arg(m_target.name));
    m_filterLabel->setText(tr("&Filter:"));
    m_filterEdit->setPlaceholderText(tr("Part of a host name"));
    m_filterEdit->setAccessibleName(tr("Filter hosts"));
    m_showLabel->setText(tr("&Show:"));
    const int show = m_show->currentIndex();
    m_show->blockSignals(true);
    m_show->clear();
    m_show->addItem(tr("All"), int(NetworkActivityFilter::Show::All));
    m_show->addItem(tr("Denied"), int(NetworkActivityFilter::Show::Denied));
    m_show->addItem(tr("Allowed"), int(NetworkActivityFilter::Show::Allowed));
    m_show->setCurrentIndex(std::max(0, show));
    m_show->blockSignals(false);
    m_show->setAccessibleName(tr("Show hosts"));
    m_view->setAccessibleName(tr("Hosts by domain"));
    m_view->setAccessibleDescription(
        tr("Domains and their hosts with allowed and denied request counts. Enter allows the "
           "selected host."));
    m_allowHost->setText(tr("&Allow host"));
    m_allowHost->setAccessibleName(tr("Allow the selected host"));
    m_allowDomain->setText(tr("Allow &domain and subdomains"));
    m_allowDomain->setAccessibleName(tr("Allow the selected host's domain and its subdomains"));
    m_deny->setText(tr("De&ny"));
    m_deny->setAccessibleName(tr("Deny the selected host"));
    m_close->setText(tr("Cl&ose"));
    updateButtons();
}

void NetworkActivityWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void NetworkActivityWindow::closeEvent(QCloseEvent *event)
{
    m_follower->stop();
    QWidget::closeEvent(event);
}

void NetworkActivityWindow::load()
{
    // Reading the log (up to about a MiB, and counts.json) happens off the GUI thread.
    const QString dir = policyfiles::logDir(m_target.stateDir);
    QPointer<NetworkActivityWindow> self(this);
    QThreadPool::globalInstance()->start([dir, self] {
        const QList<HostActivity> activity = DecisionLog(dir).activity();
        QMetaObject::invokeMethod(
            qApp,
            [self, activity] {
                if (self)
                    self->onLoaded(activity);
            },
            Qt::QueuedConnection);
    });
}

void NetworkActivityWindow::onLoaded(const QList<HostActivity> &activity)
{
    QElapsedTimer took;
    took.start();
    // Filled detached from the view (one reset there, not a row at a time).
    m_filter->setSourceModel(nullptr);
    m_model->reset(activity);
    m_filter->setSourceModel(m_model);
    m_loaded = true;
    for (const NetworkDecision &d : std::exchange(m_early, {}))
        m_model->addDecision(d);
    m_view->expandAll();
    for (int c = NetworkActivityModel::HostColumn; c < NetworkActivityModel::RuleColumn; ++c)
        m_view->resizeColumnToContents(c);
    // Host names in full, up to about 48 characters.
    const int hostWidth = m_view->columnWidth(NetworkActivityModel::HostColumn);
    m_view->setColumnWidth(NetworkActivityModel::HostColumn,
                           qMin(hostWidth, m_view->fontMetrics().averageCharWidth() * 48));
    if (!m_wantedHost.isEmpty())
        selectHost(std::exchange(m_wantedHost, {}));
    qCDebug(lcTray) << "network activity:" << m_model->hostCount() << "hosts of" << m_target.name
                    << "shown in" << took.elapsed() << "ms";
    Q_EMIT loaded();
}

void NetworkActivityWindow::onDecision(const NetworkDecision &decision)
{
    if (!m_loaded) {
        m_early << decision;
        return;
    }
    m_model->addDecision(decision);
}

void NetworkActivityWindow::selectHost(const QString &host)
{
    if (!m_loaded) {
        m_wantedHost = host;
        return;
    }
    QModelIndex source = m_model->indexOfHost(host);
    if (!source.isValid())
        return;
    QModelIndex index = m_filter->mapFromSource(source);
    if (!index.isValid()) {
        // Hidden by the filter: show everything.
        m_filterEdit->clear();
        m_show->setCurrentIndex(0);
        index = m_filter->mapFromSource(source);
    }
    m_view->expand(index.parent());
    m_view->setCurrentIndex(index);
    m_view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect |
                                                QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    m_view->setFocus();
}

QString NetworkActivityWindow::selectedHost() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return QString();
    return rows.first().data(NetworkActivityModel::HostRole).toString();
}

void NetworkActivityWindow::updateButtons()
{
    const QString host = selectedHost();
    const bool any = !host.isEmpty();
    m_allowHost->setEnabled(any);
    m_allowDomain->setEnabled(any);
    m_deny->setEnabled(any);
    m_allowHost->setToolTip(any ? tr("Adds %1 to the whitelist").arg(host)
                                : tr("Select a host first"));
    m_allowDomain->setToolTip(
        any ? tr("Adds .%1 to the whitelist: the domain and all its subdomains")
                  .arg(networkpolicy::domainOf(host))
            : tr("Select a host first"));
    m_deny->setToolTip(any ? tr("Removes %1 from the whitelist (or blacklists it when a wider "
                                "entry still allows it)")
                                 .arg(host)
                           : tr("Select a host first"));
}

void NetworkActivityWindow::allowSelected(bool subdomains)
{
    apply(subdomains ? hostpolicy::Change::AllowDomain : hostpolicy::Change::AllowHost);
}

void NetworkActivityWindow::denySelected()
{
    apply(hostpolicy::Change::Deny);
}

void NetworkActivityWindow::apply(hostpolicy::Change change)
{
    const QString host = selectedHost();
    if (host.isEmpty())
        return;
    const hostpolicy::Outcome out = hostpolicy::apply(m_target.root, {host}, change);
    if (!out.ok) {
        setStatus(tr("Could not change the policy for %1: %2").arg(host, out.error), true);
        return;
    }
    const QString entries = out.entries.join(QStringLiteral(", "));
    const bool running = m_target.running && m_target.running();
    QString what = change == hostpolicy::Change::Deny ? tr("Denied %1").arg(entries)
                                                      : tr("Allowed %1").arg(entries);
    what += running && out.live ? tr(": applied to the running sandbox.")
                                : tr(": applies at the next start.");
    setStatus(what, false);
    Q_EMIT policyChanged();
}

void NetworkActivityWindow::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? ErrorStyle : QString());
    m_status->setVisible(!text.isEmpty());
}

bool NetworkActivityWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) && !selectedHost().isEmpty()) {
            allowSelected(false);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace ocs::tray
