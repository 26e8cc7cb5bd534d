#pragma once

// Private to the evaluator's sources: what every operator implementation shares.
#include "evaluator_p.h"

#include <optional>

namespace wb::detail::eval {

// Thrown inside an operator and turned into an EvalOutcome by evaluateNode; never leaves the evaluator.
struct Failure {
    EvalOutcome::Status status;
    QString message;
};

[[noreturn]] void invalid(const QString& message);
[[noreturn]] void notCovered(const QString& message);

struct Call {
    const onnx::NodeProto& node;
    int opset;
    const std::vector<const FoldTensor*>& inputs;
    int64_t maxElements;

    size_t inputCount() const { return inputs.size(); }
    const FoldTensor* input(size_t i) const { return i < inputs.size() ? inputs[i] : nullptr; }
    // The input's value; Failure (Invalid) when it is missing, NotCovered when only its shape is known.
    const FoldTensor& value(size_t i) const;
    const onnx::AttributeProto* attribute(const char* name) const;
    int64_t attrInt(const char* name, int64_t fallback) const;
    float attrFloat(const char* name, float fallback) const;
    std::optional<std::vector<int64_t>> attrInts(const char* name) const;
    // An int64/int32 tensor input read as a list (axes, shape, starts, ...); nullopt when the input is omitted.
    std::optional<std::vector<int64_t>> intList(size_t i, const char* what) const;
    // A scalar (or one-element) input as an integer.
    int64_t intScalar(size_t i, const char* what) const;

    // Throws TooLarge when `dims` hold more than the cap (or overflow), else returns the element count.
    size_t checkedCount(const std::vector<int64_t>& dims) const;
    // Normalises an axis in [-rank, rank) (or [-rank-1, rank] for `insert`) to [0, rank).
    int64_t axis(int64_t a, int64_t rank, const char* what) const;
};

using OpFn = std::vector<FoldTensor> (*)(const Call&);

// A tensor built from the elements of `src` at `indices` (as many as `dims` hold).
FoldTensor pick(const FoldTensor& src, const std::vector<int64_t>& dims, const std::vector<size_t>& indices);
// Steps `coord` to the next element of a row-major walk over `dims` (the last axis fastest).
inline void nextCoord(std::vector<int64_t>& coord, const std::vector<int64_t>& dims)
{
    for (size_t k = dims.size(); k-- > 0;) {
        if (++coord[k] < dims[k])
            return;
        coord[k] = 0;
    }
}

// For every element of an output of `dims` (n of them, in row-major order), the index of the source element
// `sourceOf(coord)` names.
template <typename SourceOf>
std::vector<size_t> walkIndices(const std::vector<int64_t>& dims, size_t n, SourceOf sourceOf)
{
    std::vector<size_t> indices(n);
    std::vector<int64_t> coord(dims.size(), 0);
    for (size_t i = 0; i < n; ++i) {
        indices[i] = static_cast<size_t>(sourceOf(coord));
        nextCoord(coord, dims);
    }
    return indices;
}

// Row-major strides of `dims`.
std::vector<int64_t> stridesOf(const std::vector<int64_t>& dims);
// ONNX (numpy) multidirectional broadcasting of several shapes; Invalid when they do not broadcast.
std::vector<int64_t> broadcastShapes(const std::vector<const std::vector<int64_t>*>& shapes);
// For every element of `out` (in order), the index of the element of a tensor with `in` dims it reads.
std::vector<size_t> broadcastIndices(const std::vector<int64_t>& in, const std::vector<int64_t>& out);

// Registration tables of the two halves (structural ops, element-wise maths and reductions).
struct OpEntry {
    const char* name;
    OpFn fn;
};
const std::vector<OpEntry>& structuralOps();
const std::vector<OpEntry>& mathOps();

} // namespace wb::detail::eval
