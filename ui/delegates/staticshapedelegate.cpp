#include "staticshapedelegate.h"

#include "models/inputshapemodel.h"

namespace wb {

void StaticShapeDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QString error = index.data(InputShapeModel::ErrorRole).toString();
    if (!error.isEmpty()) {
        option->backgroundBrush = QColor(0xfd, 0xe0, 0xdc);
        option->palette.setColor(QPalette::Text, QColor(0x9b, 0x1c, 0x1c));
        option->text += QStringLiteral("   ⚠ ") + error;
    } else if (index.data(InputShapeModel::PrefilledRole).toBool()) {
        option->font.setItalic(true);
        option->backgroundBrush = QColor(0xff, 0xf3, 0xd6);
        option->text += tr("   (proposed: dynamic dims set to 1)");
    }
}

} // namespace wb
