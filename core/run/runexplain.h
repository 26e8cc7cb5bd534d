#pragma once

// What a failed run means in terms of the model: ONNX Runtime's raw error explained with the input shapes the run
// used and the node that failed. Pure functions; the CLI and the Run page print what they return.
#include "onnx/shapespec.h"

#include <QString>

namespace wb {

struct OrtFailedNode {
    QString name; // "/pad/Pad"; empty when the message names none
    QString opType; // "Pad"; empty when the message names none
};

// The node ONNX Runtime names in a run error ("Non-zero status code returned while running Pad node.
// Name:'/pad/Pad' Status Message: ...").
OrtFailedNode ortFailedNode(const QString& message);

// `message` followed by what the app knows: the node that failed, the input shapes used, and, when some dims were
// not given and ran as 1 (`ranAsOne`: the inputs concerned), that a size of 1 is the likely reason.
QString explainOrtRunError(
    const QString& message, const QList<InputShapeSpec>& shapesUsed, const QStringList& ranAsOne = {});

// The warning of a run whose input had dynamic dims and no shape given: "Input 'x' has dynamic dims [?,3,224,224];
// it ran as x:1,3,224,224 (give an input shape to choose)." In English, as the run stores it; the Run page shows it
// translated (shownBenchText, run/benchtext.h).
QString ranAsWarning(const QString& input, const QString& declaredShape, const InputShapeSpec& ranAs);

} // namespace wb
