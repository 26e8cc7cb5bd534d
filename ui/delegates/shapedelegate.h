#pragma once

#include <QStyledItemDelegate>

namespace wb {

// Draws a tensor shape as "[d0, d1, ...]" with every dynamic dimension on an amber chip, so the dims ATC
// cannot take stand out. Reads the shared DimsRole and DynamicDimsRole (models/roles.h). A dim ONNX left unnamed
// ("unk__165") shows as "?"; the tooltip names it.
class ShapeDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    bool helpEvent(QHelpEvent* event, QAbstractItemView* view, const QStyleOptionViewItem& option,
        const QModelIndex& index) override;
    // The dims as drawn: unnamed ones as "?".
    static QStringList shownDims(const QModelIndex& index);

    static QColor dynamicColor();
};

} // namespace wb
