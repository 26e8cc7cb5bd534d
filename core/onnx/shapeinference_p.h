#pragma once

#include "shapespec.h"
#include "util/result.h"

#include <QStringList>

namespace onnx {
class ModelProto;
}

namespace wb::detail {

// Sets the listed graph inputs of `model` to the given static shapes. Returns an error naming the problem.
std::optional<Error> applyInputShapes(onnx::ModelProto& model, const QList<InputShapeSpec>& fixed);

// Sorts, clears stale shapes (value_info, output dims) and runs ONNX shape inference in place. Returns the
// per-node problems ONNX reported (empty when every node was inferred).
Result<QStringList> runShapeInference(onnx::ModelProto& model);

} // namespace wb::detail
