#pragma once

#include "PolicyDraft.h"

#include <QAbstractTableModel>

namespace quotadesk {

// Key/value attributes of one tier (handed to executors). Values are edited as JSON text; text that is not
// JSON is taken as a string, so typing `2048` gives a number and `fast` gives "fast".
class AttributesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit AttributesModel(PolicyDraft* draft, QObject* parent = nullptr);

    void setTier(const QString& tier);
    QString tier() const { return m_tier; }
    QString key(int row) const;
    QString lastError() const { return m_lastError; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    static QJsonValue parseValue(const QString& text);
    static QString valueText(const QJsonValue& value);

private:
    void sync();
    QStringList keys() const;

    PolicyDraft* m_draft;
    QString m_tier;
    QStringList m_keys;
    QString m_lastError;
};

} // namespace quotadesk
