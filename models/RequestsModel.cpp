#include "RequestsModel.h"

#include <QDateTime>

namespace quotadesk {

RequestsModel::RequestsModel(QObject* parent) : QAbstractTableModel(parent)
{}

QString RequestsModel::timeText(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
                        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))
                  : QString();
}

void RequestsModel::setRequests(const QList<QuotaRequest>& requests)
{
    bool sameIds = requests.size() == m_requests.size();
    for (qsizetype i = 0; sameIds && i < requests.size(); ++i)
        sameIds = requests[i].id == m_requests[i].id;
    if (sameIds) {
        m_requests = requests;
        if (!m_requests.isEmpty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_requests = requests;
    endResetModel();
}

int RequestsModel::rowOf(qint64 id) const
{
    for (int i = 0; i < m_requests.size(); ++i) {
        if (m_requests[i].id == id)
            return i;
    }
    return -1;
}

int RequestsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_requests.size());
}

int RequestsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const QuotaRequest& r = m_requests.at(index.row());
    if (role == Qt::UserRole)
        return r.id;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case IdColumn:
        return r.id;
    case SubjectColumn:
        return r.subject;
    case LimitColumn:
        return r.window.isEmpty() ? r.metric : r.metric + QLatin1Char('/') + r.window;
    case AmountColumn:
        if (r.state == QLatin1String("approved") && r.approvedAmount != r.amount)
            return tr("%1 (asked %2)").arg(r.approvedAmount).arg(r.amount);
        return QString::number(r.amount);
    case ExpiresColumn: {
        const qint64 at = r.state == QLatin1String("approved") ? r.approvedExpiresAtMs : r.expiresAtMs;
        return at > 0 ? timeText(at) : tr("permanent");
    }
    case ReasonColumn:
        return r.reason;
    case StateColumn:
        return r.state;
    case SubmittedColumn:
        return QStringLiteral("%1 (%2), %3").arg(r.submittedBy, r.submittedOsUser, timeText(r.submittedAtMs));
    case DecidedColumn:
        return r.decidedBy.isEmpty()
                   ? QString()
                   : QStringLiteral("%1 (%2), %3").arg(r.decidedBy, r.decidedOsUser, timeText(r.decidedAtMs));
    case CommentColumn:
        return r.decisionComment;
    }
    return {};
}

QVariant RequestsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* names[] = {QT_TR_NOOP("#"),      QT_TR_NOOP("Subject"),   QT_TR_NOOP("Limit"),
                                  QT_TR_NOOP("Amount"), QT_TR_NOOP("Expires"),   QT_TR_NOOP("Reason"),
                                  QT_TR_NOOP("State"),  QT_TR_NOOP("Submitted"), QT_TR_NOOP("Decided"),
                                  QT_TR_NOOP("Comment")};
    return tr(names[section]);
}

} // namespace quotadesk
