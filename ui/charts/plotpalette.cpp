#include "plotpalette.h"

#include "theme.h"

#include <qcustomplot.h>

#include <QPalette>

namespace wb {

void followPalette(QCustomPlot* plot, const QPalette& palette)
{
    const QColor text = palette.color(QPalette::WindowText);
    QColor grid = palette.color(QPalette::Mid);
    if (theme::isDark())
        grid = palette.color(QPalette::Light);
    plot->setBackground(palette.brush(QPalette::Base));
    for (QCPAxis* axis : { plot->xAxis, plot->yAxis, plot->xAxis2, plot->yAxis2 }) {
        axis->setBasePen(QPen(text));
        axis->setTickPen(QPen(text));
        axis->setSubTickPen(QPen(text));
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
        axis->grid()->setPen(QPen(grid, 0, Qt::DotLine));
        axis->grid()->setSubGridPen(QPen(Qt::NoPen));
        axis->grid()->setZeroLinePen(QPen(grid));
    }
    plot->legend->setBrush(palette.brush(QPalette::Base));
    plot->legend->setBorderPen(QPen(text));
    plot->legend->setTextColor(text);
}

} // namespace wb
