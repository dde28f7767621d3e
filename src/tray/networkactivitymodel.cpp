#include "networkactivitymodel.h"

#include "network/networkpolicy.h"

#include <QLocale>

namespace ocs::tray {

namespace {
QString timeText(const QDateTime &time)
{
    if (!time.isValid())
        return QString();
    return QLocale().toString(time.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}
} // namespace

NetworkActivityModel::NetworkActivityModel(QObject *parent)
    : QStandardItemModel(0, ColumnCount, parent)
{
    setSortRole(SortRole);
    setHeaders();
}

void NetworkActivityModel::setHeaders()
{
    setHorizontalHeaderLabels(
        {tr("Host"), tr("Allowed"), tr("Denied"), tr("Last request"), tr("Last rule")});
}

QList<QStandardItem *> NetworkActivityModel::newRow(const QString &text, int role)
{
    QList<QStandardItem *> items;
    for (int c = 0; c < ColumnCount; ++c) {
        auto *item = new QStandardItem;
        item->setEditable(false);
        if (c == AllowedColumn || c == DeniedColumn)
            item->setData(int(Qt::AlignRight | Qt::AlignVCenter), Qt::TextAlignmentRole);
        items << item;
    }
    items.first()->setText(text);
    items.first()->setData(text, role);
    items.first()->setData(text, SortRole);
    return items;
}

QStandardItem *NetworkActivityModel::domainItem(const QString &domain)
{
    if (QStandardItem *item = m_domains.value(domain))
        return item;
    QList<QStandardItem *> row = newRow(domain, DomainRole);
    appendRow(row);
    m_domains.insert(domain, row.first());
    return row.first();
}

void NetworkActivityModel::showRow(QStandardItem *first, const HostActivity &a)
{
    QStandardItem *parent = first->parent() ? first->parent() : invisibleRootItem();
    const int r = first->row();
    auto set = [&](int column, const QString &text, const QVariant &sort) {
        QStandardItem *item = parent->child(r, column);
        if (item->text() != text)
            item->setText(text);
        if (item->data(SortRole) != sort)
            item->setData(sort, SortRole);
    };
    set(AllowedColumn, QString::number(a.allowed), a.allowed);
    set(DeniedColumn, QString::number(a.denied), a.denied);
    set(LastColumn, timeText(a.last), a.last);
    set(RuleColumn, a.lastRule, a.lastRule);
    first->setData(a.allowed, AllowedCountRole);
    first->setData(a.denied, DeniedCountRole);
}

void NetworkActivityModel::addHost(const HostActivity &given)
{
    HostActivity a = given;
    if (a.domain.isEmpty())
        a.domain = networkpolicy::domainOf(a.host);
    QStandardItem *domain = domainItem(a.domain);
    QList<QStandardItem *> row = newRow(a.host, HostRole);
    domain->appendRow(row);
    m_hosts.insert(a.host, Row{row.first(), a});
    showRow(row.first(), a);
}

void NetworkActivityModel::updateDomain(const QString &domain)
{
    QStandardItem *item = m_domains.value(domain);
    if (!item)
        return;
    HostActivity sum;
    sum.host = domain;
    for (int r = 0; r < item->rowCount(); ++r) {
        const HostActivity &a = m_hosts.value(item->child(r)->data(HostRole).toString()).activity;
        sum.allowed += a.allowed;
        sum.denied += a.denied;
        if (!sum.last.isValid() || a.last > sum.last)
            sum.last = a.last;
    }
    showRow(item, sum);
}

void NetworkActivityModel::reset(const QList<HostActivity> &activity)
{
    clear();
    m_hosts.clear();
    m_domains.clear();
    setColumnCount(ColumnCount);
    setHeaders();
    for (const HostActivity &a : activity) {
        if (!a.host.isEmpty() && !m_hosts.contains(a.host))
            addHost(a);
    }
    for (auto it = m_domains.cbegin(); it != m_domains.cend(); ++it)
        updateDomain(it.key());
}

void NetworkActivityModel::addDecision(const NetworkDecision &d)
{
    if (d.host.isEmpty())
        return;
    auto it = m_hosts.find(d.host);
    if (it == m_hosts.end()) {
        HostActivity a;
        a.host = d.host;
        a.domain = networkpolicy::domainOf(d.host);
        addHost(a);
        it = m_hosts.find(d.host);
    }
    HostActivity &a = it->activity;
    (d.allowed ? a.allowed : a.denied) += 1;
    if (!a.last.isValid() || d.time >= a.last) {
        a.last = d.time;
        a.lastAllowed = d.allowed;
        a.lastRule = d.rule;
    }
    showRow(it->item, a);
    updateDomain(a.domain);
}

QModelIndex NetworkActivityModel::indexOfHost(const QString &host) const
{
    const auto it = m_hosts.constFind(host);
    return it == m_hosts.cend() ? QModelIndex() : it->item->index();
}

QModelIndex NetworkActivityModel::indexOfDomain(const QString &domain) const
{
    QStandardItem *item = m_domains.value(domain);
    return item ? item->index() : QModelIndex();
}

const HostActivity *NetworkActivityModel::activity(const QString &host) const
{
    const auto it = m_hosts.constFind(host);
    return it == m_hosts.cend() ? nullptr : &it->activity;
}

// --- the filter ------------------------------------------------------------------------------

NetworkActivityFilter::NetworkActivityFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // A domain shows when one of its hosts does.
    setRecursiveFilteringEnabled(true);
    setSortRole(NetworkActivityModel::SortRole);
    setDynamicSortFilter(true);
}

void NetworkActivityFilter::setShow(Show show)
{
    if (show == m_show)
        return;
    m_show = show;
    invalidateFilter();
}

void NetworkActivityFilter::setText(const QString &text)
{
    const QString t = text.trimmed();
    if (t == m_text)
        return;
    m_text = t;
    invalidateFilter();
}

bool NetworkActivityFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex first = sourceModel()->index(sourceRow, 0, sourceParent);
    const QString host = first.data(NetworkActivityModel::HostRole).toString();
    if (host.isEmpty())
        return false; // a domain row: shown through its hosts (recursive filtering)
    if (!m_text.isEmpty() && !host.contains(m_text, Qt::CaseInsensitive))
        return false;
    switch (m_show) {
    case Show::All:
        return true;
    case Show::Denied:
        return first.data(NetworkActivityModel::DeniedCountRole).toLongLong() > 0;
    case Show::Allowed:
        return first.data(NetworkActivityModel::AllowedCountRole).toLongLong() > 0;
    }
    return true;
}

} // namespace ocs::tray
