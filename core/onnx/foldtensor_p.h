#pragma once

// Private to wb_core: the small dense tensors the folding evaluator computes with.
#include "onnxproto_p.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace wb::detail {

// Element types the evaluator computes with: int8..int64, uint8..uint64, bool, float16, float32, float64.
// Not: string, complex, bfloat16 (ONNX's own test data rounds bfloat16 by truncation, runtimes to nearest even;
// shape arithmetic never uses it), float8 and 4-bit types.
bool isFoldableType(int elemType);
bool isRealType(int elemType); // float16, float32, float64
bool isUnsignedType(int elemType); // uint8..uint64 (bool counts as neither)

// A dense tensor with its elements widened: integers and bool in `ints` (uint64 as its bit pattern), floating-point
// values in `reals` (float32 and float16 values rounded to their type after every operation). Each operator is
// then written once per family instead of once per type.
struct FoldTensor {
    int type = 0; // onnx::TensorProto_DataType
    std::vector<int64_t> dims;
    std::vector<int64_t> ints;
    std::vector<double> reals;
    bool shapeOnly = false; // only the type and dims are known (enough for Shape and Size)

    bool isReal() const { return isRealType(type); }
    int64_t count() const; // elements the dims hold (1 for a scalar)
    int64_t rank() const { return static_cast<int64_t>(dims.size()); }
    // Element i as a double (uint64 read as unsigned) and as an integer (reals truncated toward zero).
    double real(size_t i) const;
    int64_t integer(size_t i) const;

    static FoldTensor ofInts(int type, std::vector<int64_t> dims, std::vector<int64_t> values);
    static FoldTensor ofReals(int type, std::vector<int64_t> dims, std::vector<double> values);
    static FoldTensor scalarInt64(int64_t v) { return ofInts(onnx::TensorProto_DataType_INT64, {}, { v }); }
    // A tensor of `type` and `dims` with room for its elements, all zero.
    static FoldTensor zeros(int type, std::vector<int64_t> dims);
};

// The product of `dims`, or -1 when a dim is negative or the product overflows int64.
int64_t elementCount(const std::vector<int64_t>& dims);

// A value brought into `type`'s range and precision: integers wrap (two's complement), bool becomes 0/1, float32
// and float16 round to nearest even.
int64_t wrapInt(int type, int64_t v);
double roundReal(int type, double v);

// Converts element `v` of one family into `type` the way Cast does (reals to integers truncate toward zero,
// non-zero becomes true).
int64_t realToInt(int type, double v);
double intToReal(int type, int64_t v, int fromType);

// The tensor a TensorProto holds (raw_data or typed fields). nullopt, with the reason in `why`, when its type is
// not foldable, its data lives elsewhere (external data, or left in the model file by the loader), or the bytes do
// not match the dims.
std::optional<FoldTensor> foldTensorFromProto(const onnx::TensorProto& tensor, QString* why = nullptr);
// Writes `tensor` into `out` (data_type, dims, raw_data); the name is left to the caller.
void foldTensorToProto(const FoldTensor& tensor, onnx::TensorProto* out);

// "[1, 3, 640, 640]" for a 1-D tensor of at most `limit` elements, "int64[4]" style otherwise.
QString foldTensorText(const FoldTensor& tensor, int limit = 8);

} // namespace wb::detail
