#include "staticshapedelegate.h"

#include "theme.h"

#include "models/inputshapemodel.h"

namespace wb {

void StaticShapeDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QString error = index.data(InputShapeModel::ErrorRole).toString();
    if (!error.isEmpty()) {
        option->backgroundBrush = theme::cellBackground(theme::Tone::Error);
        option->palette.setColor(QPalette::Text, theme::cellText(theme::Tone::Error));
        option->text += QStringLiteral("   ⚠ ") + error;
    } else if (index.data(InputShapeModel::PrefilledRole).toBool()) {
        option->font.setItalic(true);
        option->backgroundBrush = theme::cellBackground(theme::Tone::Warning);
        option->palette.setColor(QPalette::Text, theme::cellText(theme::Tone::Warning));
        option->text += tr("   (proposed: the batch set to 1)");
    }
}

} // namespace wb
