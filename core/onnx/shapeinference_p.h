#pragma once

#include "folding_p.h"
#include "shapeinference.h"
#include "shapespec.h"
#include "util/result.h"

#include <QStringList>

namespace onnx {
class ModelProto;
}

namespace wb::detail {

// Sets the listed graph inputs of `model` to the given static shapes. Returns an error naming the problem.
std::optional<Error> applyInputShapes(onnx::ModelProto& model, const QList<InputShapeSpec>& fixed);

// Folds and infers `model` (see foldAndInfer) and stores what it learned in the graph: value_info for every node
// output whose shape is known (a type without a shape is left out, never half-written), and graph outputs with
// the inferred dims merged into the dims the model declared. Returns the fold result.
Result<FoldResult> inferIntoModel(onnx::ModelProto& model, const TensorSource* source, const FoldOptions& options = {});

// The verdict for every tensor of `model` (already folded and inferred into `fold`), as inferShapes returns it.
InferenceResult describeShapes(const onnx::ModelProto& model, const FoldResult& fold);

// Per-node problems of a fold, one sentence each ("Node 'x' (Reshape): ..."), at most `limit`.
QStringList foldWarnings(const onnx::GraphProto& graph, const FoldResult& fold, int limit = 50);

} // namespace wb::detail
