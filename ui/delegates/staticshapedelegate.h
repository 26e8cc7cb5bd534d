#pragma once

#include <QStyledItemDelegate>

namespace wb {

// The editable static-shape cell: red tint and the reason when invalid, italic while it holds the proposal.
class StaticShapeDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

} // namespace wb
