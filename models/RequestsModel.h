#pragma once

#include "QuotaRequest.h"

#include <QAbstractTableModel>
#include <QList>

namespace quotadesk {

// Quota-increase requests as read by RequestStore::list (pending queue or decided history).
class RequestsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        IdColumn,
        SubjectColumn,
        LimitColumn,
        AmountColumn,
        ExpiresColumn,
        ReasonColumn,
        StateColumn,
        SubmittedColumn,
        DecidedColumn,
        CommentColumn,
        ColumnCount
    };

    explicit RequestsModel(QObject* parent = nullptr);

    // Replaces the rows, keeping rows whose id stays in place (a refresh does not lose the selection).
    void setRequests(const QList<QuotaRequest>& requests);
    const QList<QuotaRequest>& requests() const { return m_requests; }
    const QuotaRequest& request(int row) const { return m_requests.at(row); }
    int rowOf(qint64 id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString timeText(qint64 ms);

private:
    QList<QuotaRequest> m_requests;
};

} // namespace quotadesk
