#pragma once

#include <QStyledItemDelegate>

namespace quotadesk {

// Editors that offer only valid values: a combo box with the model's choices (Qt::UserRole + 1, a
// QStringList) where the model gives some, else a line edit that accepts whole numbers for numeric cells.
// A choice is committed as soon as it is picked.
class ChoiceDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    static constexpr int ChoicesRole = Qt::UserRole + 1;

    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;
};

} // namespace quotadesk
