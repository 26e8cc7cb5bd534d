#pragma once

#include <QString>

namespace wb {

// `atc-workbench --export-graph FILE.png MODEL`: lays the model's graph out and renders it with the view's own
// painter, headless (QT_QPA_PLATFORM=offscreen works). `atcwb graph --export x.png` calls this, because atcwb
// itself links no GUI library. Returns the process exit code.
struct GraphExportOptions {
    QString model;
    QString output;
    int collapseDepth = -1;
    bool leftToRight = false;
    QString inputShape;
};
int exportGraphImage(const GraphExportOptions& options);

} // namespace wb
