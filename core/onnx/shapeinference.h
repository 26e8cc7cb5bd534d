#pragma once

#include "modelsummary.h"
#include "onnxmodel.h"
#include "shapespec.h"

namespace wb {

// Why a tensor's shape is what it is after folding.
enum class ShapeStatus {
    Static, // every dim is a size
    FollowsInput, // a graph input left dynamic (not fixed) reaches it
    DataDependent, // its size depends on input *values*: NonMaxSuppression, NonZero, TopK with a computed k, ...
    Unknown, // no shape function here (a custom domain), or inference failed: not known to be dynamic
    Invalid, // the node that makes it cannot run (a Reshape to an impossible shape)
};
QString shapeStatusName(ShapeStatus status); // "static", "follows_input", "data_dependent", "unknown", "invalid"

// One tensor's verdict. `origin` names the node (or the input) the status comes from; `value` holds a folded
// constant's value when it is small ("[1, 3, 640, 640]"), empty otherwise.
struct ShapeFact {
    ShapeStatus status = ShapeStatus::Static;
    QString origin;
    QString value;
    bool folded = false; // computed from constants and static shapes (shape arithmetic), not from data
};

// A node where tensors stop being static although everything it reads is static (or is a fixed input).
struct ShapeOrigin {
    QString node; // its label: the name, or op_type#index
    QString opType; // "NonMaxSuppression", "com.microsoft::FusedConv"
    ShapeStatus status = ShapeStatus::DataDependent;
    QString message; // one sentence: what the node does to which tensors, and why
    QStringList tensors; // its outputs that are not static
};

struct InferenceResult {
    QList<TensorInfo> inputs; // graph inputs after fixing
    QList<TensorInfo> outputs; // graph outputs as inferred
    QList<TensorInfo> tensors; // every tensor of the main graph: inputs, then node outputs in topological order
    QList<ShapeFact> facts; // one per entry of `tensors`
    QStringList stillDynamic; // tensors that are truly dynamic: FollowsInput or DataDependent
    QStringList unknownShapes; // tensors whose shape is Unknown or Invalid
    QList<ShapeOrigin> origins; // data-dependent origins first, then unknown and invalid ones
    QStringList warnings; // per-node problems (ONNX inference errors, evaluator refusals), one sentence each
    int foldedNodes = 0; // nodes evaluated into constants (shape arithmetic)

    const ShapeFact* fact(const QString& tensor) const;
};

// Fixes the given inputs to static shapes (the rest keep theirs), clears every stale inferred shape, and infers
// every tensor while folding shape computations (Shape -> Gather -> Concat -> Reshape chains and the like): a
// tensor is reported dynamic only when its shape depends on input values or on an input left dynamic.
// Errors: unknown_input (names the inputs the model has), rank_mismatch, not_static (a -1, -2 or range),
// not_a_tensor, cycle, inference_failed.
Result<InferenceResult> inferShapes(const OnnxModel& model, const QList<InputShapeSpec>& fixed);

} // namespace wb
