#include "AttributesModel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace quotadesk {

AttributesModel::AttributesModel(PolicyDraft* draft, QObject* parent)
    : QAbstractTableModel(parent), m_draft(draft)
{
    connect(draft, &PolicyDraft::changed, this, &AttributesModel::sync);
}

QStringList AttributesModel::keys() const
{
    const PolicyTier* t = m_draft->policy().tier(m_tier);
    return t ? t->attributes.keys() : QStringList();
}

void AttributesModel::setTier(const QString& tier)
{
    beginResetModel();
    m_tier = tier;
    m_keys = keys();
    endResetModel();
}

void AttributesModel::sync()
{
    const QStringList now = keys();
    if (now == m_keys) {
        if (!m_keys.isEmpty())
            emit dataChanged(index(0, 0), index(int(m_keys.size()) - 1, 1));
        return;
    }
    beginResetModel();
    m_keys = now;
    endResetModel();
}

QString AttributesModel::key(int row) const
{
    return row >= 0 && row < m_keys.size() ? m_keys.at(row) : QString();
}

int AttributesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_keys.size());
}

int AttributesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : 2;
}

QJsonValue AttributesModel::parseValue(const QString& text)
{
    // Wrapped in an array so scalars parse too.
    const QJsonDocument d = QJsonDocument::fromJson(QByteArray("[") + text.toUtf8() + QByteArray("]"));
    if (d.isArray() && d.array().size() == 1)
        return d.array().first();
    return QJsonValue(text);
}

QString AttributesModel::valueText(const QJsonValue& value)
{
    const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

QVariant AttributesModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const QString k = m_keys.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::EditRole) {
        if (index.column() == 0)
            return k;
        const PolicyTier* t = m_draft->policy().tier(m_tier);
        return t ? valueText(t->attributes.value(k)) : QString();
    }
    return {};
}

QVariant AttributesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return section == 0 ? tr("Attribute") : tr("Value (JSON)");
    return QAbstractTableModel::headerData(section, orientation, role);
}

Qt::ItemFlags AttributesModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable;
}

bool AttributesModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !index.isValid())
        return false;
    m_lastError.clear();
    const QString k = m_keys.at(index.row());
    if (index.column() == 0)
        return k == value.toString().trimmed() ||
               m_draft->renameAttribute(m_tier, k, value.toString().trimmed(), &m_lastError);
    return m_draft->setAttribute(m_tier, k, parseValue(value.toString()), &m_lastError);
}

} // namespace quotadesk
