#include "ChoiceDelegate.h"

#include <QComboBox>
#include <QDateTime>
#include <QLineEdit>
#include <QRegularExpressionValidator>

namespace quotadesk {

QWidget* ChoiceDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                                      const QModelIndex& index) const
{
    const QStringList choices = index.data(ChoicesRole).toStringList();
    if (!choices.isEmpty()) {
        auto* combo = new QComboBox(parent);
        combo->setObjectName(QStringLiteral("choiceEditor"));
        for (const QString& c : choices)
            combo->addItem(c.isEmpty() ? tr("(none)") : c, c);
        connect(combo, &QComboBox::activated, this, [this, combo] {
            auto* self = const_cast<ChoiceDelegate*>(this);
            emit self->commitData(combo);
            emit self->closeEditor(combo);
        });
        return combo;
    }
    const QVariant value = index.data(Qt::EditRole);
    if (value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Int) {
        auto* edit = new QLineEdit(parent);
        edit->setObjectName(QStringLiteral("numberEditor"));
        // Digits only: limits and bursts are whole numbers >= 0 (the range is checked by validation).
        edit->setValidator(
            new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{1,16}")), edit));
        return edit;
    }
    QWidget* editor = QStyledItemDelegate::createEditor(parent, option, index);
    if (auto* line = qobject_cast<QLineEdit*>(editor); line && value.typeId() == QMetaType::QDateTime)
        line->setPlaceholderText(tr("YYYY-MM-DDTHH:MM:SSZ, empty = permanent"));
    return editor;
}

void ChoiceDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        combo->setCurrentIndex(qMax(0, combo->findData(index.data(Qt::EditRole).toString())));
        return;
    }
    if (auto* line = qobject_cast<QLineEdit*>(editor)) {
        const QVariant v = index.data(Qt::EditRole);
        line->setText(
            v.typeId() == QMetaType::QDateTime
                ? (v.toDateTime().isValid() ? v.toDateTime().toUTC().toString(Qt::ISODate) : QString())
                : v.toString());
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void ChoiceDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const
{
    if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        model->setData(index, combo->currentData());
        return;
    }
    if (auto* line = qobject_cast<QLineEdit*>(editor)) {
        model->setData(index, line->text());
        return;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
}

} // namespace quotadesk
