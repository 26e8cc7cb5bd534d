#pragma once

#include "modelsummary.h"
#include "onnxmodel.h"
#include "shapespec.h"

namespace wb {

struct InferenceResult {
    QList<TensorInfo> inputs; // graph inputs after fixing
    QList<TensorInfo> outputs; // graph outputs as inferred
    QList<TensorInfo> tensors; // every tensor of the main graph: inputs, then node outputs in topological order
    QStringList stillDynamic; // names of tensors whose shape is unknown or not fully static
    QStringList warnings; // nodes inference could not handle, with ONNX's reason
    // Where static shapes turn dynamic: nodes whose inputs are all static but whose output is not (data-dependent
    // ops such as NonMaxSuppression, or shape arithmetic ONNX 1.12 cannot follow). One sentence each.
    QStringList dynamicOrigins;
    QStringList dynamicOriginNodes; // the node names of dynamicOrigins, same order (op_type#index when unnamed)
};

// Fixes the given inputs to static shapes (the rest keep theirs), clears every stale inferred shape, and
// runs ONNX shape inference (with data propagation) over a topologically sorted copy of the topology.
// Errors: unknown_input (names the inputs the model has), rank_mismatch, not_static (a -1, -2 or range),
// inference_failed.
Result<InferenceResult> inferShapes(const OnnxModel& model, const QList<InputShapeSpec>& fixed);

} // namespace wb
