#include "AuditModel.h"

#include <QDateTime>

namespace quotadesk {

namespace {
QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QByteArray csvField(const QString& s)
{
    QByteArray b = s.toUtf8();
    if (b.contains(',') || b.contains('"') || b.contains('\n') || b.contains('\r'))
        b = '"' + b.replace("\"", "\"\"") + '"';
    return b;
}
} // namespace

AuditModel::AuditModel(QObject* parent) : QAbstractTableModel(parent)
{}

void AuditModel::setEntries(const QList<AuditEntry>& entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

QByteArray AuditModel::toCsv(const QList<AuditEntry>& entries)
{
    QByteArray out = "time,actor,os_user,action,subject,before,after,comment\r\n";
    for (const AuditEntry& e : entries) {
        const QStringList fields{timeText(e.atMs), e.actor,  e.osUser, e.action,
                                 e.subject,        e.before, e.after,  e.comment};
        QList<QByteArray> encoded;
        for (const QString& f : fields)
            encoded.append(csvField(f));
        out += encoded.join(',') + "\r\n";
    }
    return out;
}

int AuditModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int AuditModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    const AuditEntry& e = m_entries.at(index.row());
    switch (index.column()) {
    case TimeColumn:
        return QDateTime::fromMSecsSinceEpoch(e.atMs, Qt::UTC)
            .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case ActorColumn:
        return QStringLiteral("%1 (%2)").arg(e.actor, e.osUser);
    case ActionColumn:
        return e.action;
    case SubjectColumn:
        return e.subject;
    case CommentColumn:
        return e.comment;
    }
    return {};
}

QVariant AuditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* names[] = {QT_TR_NOOP("Time (UTC)"), QT_TR_NOOP("Actor"), QT_TR_NOOP("Action"),
                                  QT_TR_NOOP("Subject"), QT_TR_NOOP("Comment")};
    return tr(names[section]);
}

} // namespace quotadesk
