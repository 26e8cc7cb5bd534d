#pragma once

// Private to wb_core: the built-in evaluator for the operators shape arithmetic uses, so that folding gives the
// same verdict with or without ONNX Runtime. Validated against every node test of libonnx-testdata for the
// operators it covers (tests/conformance/tst_evaluatornodes.cpp).
#include "foldtensor_p.h"

#include <string>
#include <vector>

namespace wb::detail {

struct EvalOutcome {
    enum class Status {
        Done, // outputs hold one tensor per node output (an omitted optional output: type 0)
        NotCovered, // this evaluator does not compute the op, an attribute or an element type: not an error
        Invalid, // the inputs cannot be right (Reshape of 6 elements to [4, 2], an index out of range, ...)
        TooLarge, // an output would hold more than the element cap
    };
    Status status = Status::NotCovered;
    std::vector<FoldTensor> outputs;
    QString message; // why, one sentence, when not Done
};

// Operators of the default domain evaluateNode computes (at the opsets ONNX 1.12 defines).
const std::vector<std::string>& evaluatedOps();
bool isEvaluatedOp(const std::string& opType);
// Operators whose result needs only their first input's type and dims, not its values (Shape, Size).
bool needsOnlyShape(const std::string& opType);
// Operators that can also take a first input whose value is unknown (shapeOnly): their output is then shapeOnly
// too, which still proves the shapes fit (a Reshape of 6 elements to [4, 2] is Invalid whatever the values).
bool acceptsShapeOnlyData(const std::string& opType);

// Evaluates one node of the default domain at `opset`. `inputs` lines up with node.input(); nullptr stands for an
// omitted optional input. No output may hold more than `maxElements` elements (checked before anything is
// allocated). Never throws.
EvalOutcome evaluateNode(
    const onnx::NodeProto& node, int opset, const std::vector<const FoldTensor*>& inputs, int64_t maxElements);

} // namespace wb::detail
