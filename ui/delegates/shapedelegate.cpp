#include "shapedelegate.h"

#include "dimnames.h"
#include "models/roles.h"
#include "models/tensorshapemodel.h"
#include "theme.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

namespace wb {

namespace {
constexpr int kChipPad = 4;
}

QColor ShapeDelegate::dynamicColor()
{
    return QColor(0xff, 0xc1, 0x4d);
}

QStringList ShapeDelegate::shownDims(const QModelIndex& index)
{
    QStringList dims = index.data(DimsRole).toStringList();
    for (QString& dim : dims) {
        if (isUnnamedDim(dim))
            dim = QStringLiteral("?");
    }
    return dims;
}

bool ShapeDelegate::helpEvent(
    QHelpEvent* event, QAbstractItemView* view, const QStyleOptionViewItem& option, const QModelIndex& index)
{
    QStringList unnamed;
    for (const QString& dim : index.data(DimsRole).toStringList()) {
        if (isUnnamedDim(dim))
            unnamed.append(dim);
    }
    if (event->type() != QEvent::ToolTip || unnamed.isEmpty())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const QString own = index.data(Qt::ToolTipRole).toString();
    QToolTip::showText(event->globalPos(),
        (own.isEmpty() ? QString() : own + QLatin1Char('\n'))
            + tr("? is a dimension the model leaves unnamed (ONNX calls it %1).")
                  .arg(unnamed.join(QStringLiteral(", "))),
        view);
    return true;
}

void ShapeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QStringList dims = shownDims(index);
    const QVariantList dynamic = index.data(DynamicDimsRole).toList();
    // A shape unknown here is not known to be dynamic: its open dims get the neutral info tone, not amber.
    const QVariant status = index.data(TensorShapeModel::ShapeStatusRole);
    const bool unknown = status.isValid()
        && (status.toInt() == int(ShapeStatus::Unknown) || status.toInt() == int(ShapeStatus::Invalid));
    if (dims.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget* widget = opt.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    painter->save();
    painter->setClipRect(opt.rect); // never into the next column
    const QFontMetrics fm(opt.font);
    const QRect rect = opt.rect.adjusted(6, 0, -4, 0);
    int x = rect.left();
    const int baseline = rect.center().y() + (fm.ascent() - fm.descent()) / 2;
    const QColor text
        = (opt.state & QStyle::State_Selected) ? opt.palette.highlightedText().color() : opt.palette.text().color();
    auto drawText = [&](const QString& s, const QColor& color) {
        painter->setPen(color);
        painter->drawText(x, baseline, s);
        x += fm.horizontalAdvance(s);
    };
    // When the column is too narrow for the whole shape, long dim names are elided in the middle (the tooltip and
    // the model keep the full text), so the columns after it stay in view.
    QStringList shown = dims;
    const int natural = fm.horizontalAdvance(QLatin1Char('[') + dims.join(QStringLiteral(", ")) + QLatin1Char(']'))
        + int(dynamic.size()) * (2 * kChipPad + 2);
    if (natural > rect.width() && !dynamic.isEmpty()) {
        // Static sizes and separators keep their width; the dynamic names share what is left.
        int fixed = fm.horizontalAdvance(QStringLiteral("[]"))
            + fm.horizontalAdvance(QStringLiteral(", ")) * int(dims.size() - 1);
        for (int i = 0; i < dims.size(); ++i)
            fixed += dynamic.contains(i) ? 2 * kChipPad + 2 : fm.horizontalAdvance(dims.at(i));
        const int each
            = qMax(fm.horizontalAdvance(QStringLiteral("ab…yz")), (rect.width() - fixed) / int(dynamic.size()));
        QFont bold = opt.font;
        bold.setBold(true);
        const QFontMetrics bfm(bold);
        for (int i = 0; i < dims.size(); ++i) {
            if (dynamic.contains(i))
                shown[i] = bfm.elidedText(dims.at(i), Qt::ElideMiddle, each);
        }
    }
    drawText(QStringLiteral("["), text);
    for (int i = 0; i < dims.size(); ++i) {
        if (i > 0)
            drawText(QStringLiteral(", "), text);
        if (dynamic.contains(i)) {
            QFont bold = opt.font;
            bold.setBold(true);
            const QFontMetrics bfm(bold);
            const int w = bfm.horizontalAdvance(shown.at(i)) + 2 * kChipPad;
            const QRect chip(x, rect.center().y() - fm.height() / 2 - 1, w, fm.height() + 2);
            painter->setRenderHint(QPainter::Antialiasing);
            painter->setPen(Qt::NoPen);
            painter->setBrush(unknown ? theme::cellBackground(theme::Tone::Info) : dynamicColor());
            painter->drawRoundedRect(chip, 4, 4);
            painter->setFont(bold);
            painter->setPen(unknown ? theme::cellText(theme::Tone::Info) : QColor(0x4a, 0x2c, 0x00));
            painter->drawText(x + kChipPad, baseline, shown.at(i));
            painter->setFont(opt.font);
            x += w;
        } else {
            drawText(shown.at(i), text);
        }
    }
    drawText(QStringLiteral("]"), text);
    painter->restore();
}

QSize ShapeDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QStringList dims = shownDims(index);
    const QFontMetrics fm(option.font);
    const int width = fm.horizontalAdvance(QLatin1Char('[') + dims.join(QStringLiteral(", ")) + QLatin1Char(']'))
        + int(dims.size()) * (2 * kChipPad + 2) + 16;
    return { qMax(size.width(), width), qMax(size.height(), fm.height() + 8) };
}

} // namespace wb
