#pragma once

class QCustomPlot;
class QPalette;

namespace wb {

// QCustomPlot paints white with black axes whatever the palette: give a plot the palette's colours (background,
// axes, tick labels, grid, legend), so that every chart of the app follows the dark palette. One for all charts.
void followPalette(QCustomPlot* plot, const QPalette& palette);

} // namespace wb
