#pragma once

#include "network/decisionlog.h"

#include <QHash>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>

namespace ocs::tray {

// One sandbox's hosts grouped by domain (domain -> hosts) with their counts, last time and
// last rule. Filled once from DecisionLog::activity(), then updated one decision at a time
// (the rows of that host and its domain only).
class NetworkActivityModel : public QStandardItemModel
{
    Q_OBJECT
public:
    enum Column { HostColumn, AllowedColumn, DeniedColumn, LastColumn, RuleColumn, ColumnCount };
    enum Role {
        HostRole = Qt::UserRole + 1, // on a host row's first column: the host
        DomainRole,                  // on a domain row's first column: the domain
        SortRole,                    // the value sorted by (numbers, times)
        AllowedCountRole,            // on the first column: the row's counts
        DeniedCountRole,
    };

    explicit NetworkActivityModel(QObject *parent = nullptr);

    void reset(const QList<ocs::HostActivity> &activity);
    void addDecision(const ocs::NetworkDecision &decision);

    // The first column of the host's row (invalid when it is not listed).
    QModelIndex indexOfHost(const QString &host) const;
    QModelIndex indexOfDomain(const QString &domain) const;
    const HostActivity *activity(const QString &host) const;
    int hostCount() const { return int(m_hosts.size()); }

private:
    struct Row
    {
        QStandardItem *item = nullptr; // first column
        HostActivity activity;
    };
    void setHeaders();
    QList<QStandardItem *> newRow(const QString &text, int role);
    QStandardItem *domainItem(const QString &domain);
    void addHost(const HostActivity &a);
    void showRow(QStandardItem *first, const HostActivity &a);
    void updateDomain(const QString &domain);

    QHash<QString, Row> m_hosts;
    QHash<QString, QStandardItem *> m_domains;
};

// What the activity window shows of the model: hosts whose name contains the filter text,
// all of them, the denied ones (denied at least once) or the allowed ones; a domain shows
// when one of its hosts does.
class NetworkActivityFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class Show { All, Denied, Allowed };

    explicit NetworkActivityFilter(QObject *parent = nullptr);

    void setShow(Show show);
    Show show() const { return m_show; }
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    Show m_show = Show::All;
    QString m_text;
};

} // namespace ocs::tray
