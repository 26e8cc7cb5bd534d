#pragma once

// Private to wb_core: shape inference that folds shape computations as it goes.
#include "foldtensor_p.h"
#include "tensorsource_p.h"
#include "util/result.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace wb::detail {

struct FoldOptions {
    // No folded tensor holds more elements than this, and no weight larger than this is read from the file to
    // fold it: shape arithmetic stays tiny, weights are never copied.
    int64_t maxElements = int64_t(1) << 16;
    bool dataPropagation = true; // ONNX's partial shape propagation (for dims left symbolic)
};

// How a node's outputs got their types.
enum class NodeOutcome {
    Inferred, // ONNX's shape function
    Folded, // evaluated: the outputs are constants
    NoSchema, // no operator schema here (custom domain, or an op this ONNX does not know)
    NoShapeFunction, // a schema without a shape function or function body
    InferenceFailed, // ONNX's shape function threw
    Invalid, // the evaluator proved the node cannot run (Reshape to an impossible shape, ...)
};

struct NodeFact {
    NodeOutcome outcome = NodeOutcome::Inferred;
    QString message; // why, for anything but Inferred/Folded; also the evaluator's reason when it did not fold
    bool inputTooSmall = false; // Invalid because an output size came out as 0 or less (input shorter than a kernel)
};

struct FoldResult {
    // The model's graph, topologically sorted, with every type inferred: node i of the sorted graph is nodes[i].
    std::vector<NodeFact> nodes;
    std::unordered_map<std::string, onnx::TypeProto> types; // every tensor with a known type
    std::unordered_map<std::string, FoldTensor> values; // constants: folded node outputs and small initializers
    int foldedNodes = 0;
};

// Sorts `model`'s main graph, drops the shapes an exporter or earlier run left (value_info, output dims), then
// infers every node in order: a node whose inputs are all constants (or, for Shape and Size, static shapes) is
// evaluated, and its outputs become constants that later shape functions read; any other node goes through
// ONNX's shape function with those constants. One pass reaches the fixed point, because each node sees
// everything before it. `source` reads weights the loader left in the file (may be null). Errors: cycle.
Result<FoldResult> foldAndInfer(onnx::ModelProto& model, const FoldOptions& options, const TensorSource* source);

} // namespace wb::detail
