#pragma once

#include "util/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace wb {

// A dense tensor in host memory: what the CPU reference run feeds and returns, and what a .pb file holds.
// `elemType` is the ONNX TensorProto data type number (1 float32, 7 int64, 9 bool, 10 float16, ...), which ONNX
// Runtime's ONNXTensorElementDataType shares. `data` is little-endian, row-major, bool as one byte per element.
struct HostTensor {
    QString name;
    int elemType = 0;
    QList<qint64> shape; // empty: a scalar
    QByteArray data;

    QString dtype() const; // "float32", "int64", ... (the names `atcwb inspect --json` uses)
    qint64 elementCount() const; // product of the dims (1 for a scalar); -1 when a dim is negative or it overflows
    qint64 byteCount() const; // elementCount() times the element size; -1 when unsupported, negative or too large
    bool operator==(const HostTensor& o) const
    {
        return name == o.name && elemType == o.elemType && shape == o.shape && data == o.data;
    }
};

// Element types the reference backend can feed, return and save: every fixed-size numeric type plus bool
// (float32/64, float16, bfloat16, int8..64, uint8..64). Not: string, complex, float8, 4-bit types.
bool isSupportedElemType(int elemType);
int elemTypeSize(int elemType); // bytes per element, 0 when not supported
QString formatShape(const QList<qint64>& shape); // "[1, 3, 224, 224]", "[]" for a scalar

enum class InputFill {
    Zeros,
    Random, // seeded: floats uniform in [-1, 1), integers uniform in [0, 9], bool 0/1
    Files, // TensorProto .pb files (libonnx-testdata's input_N.pb)
};

// A tensor of `shape` filled with zeros, or with seeded pseudo-random values (same seed, same bytes on every
// machine: a fixed-width generator, no std::*_distribution). Returns an empty `data` for an unsupported type and for
// a shape whose byte count is negative or overflows (check it first with checkTensorShape). Throws std::bad_alloc
// when the memory cannot be had.
HostTensor makeTensor(const QString& name, int elemType, const QList<qint64>& shape, InputFill fill, quint64 seed);

// Why a tensor named `name` of `elemType` and `shape` cannot be made (error code too_large: a negative dim, or more
// bytes than 64 bits count); std::nullopt when it can. `what` names it in the message ("Input 'x'").
std::optional<Error> checkTensorShape(const QString& what, int elemType, const QList<qint64>& shape);

// IEEE half precision and bfloat16 conversions (round to nearest even).
quint16 floatToHalf(float value);
float halfToFloat(quint16 bits);
quint16 floatToBFloat16(float value);
float bfloat16ToFloat(quint16 bits);

// Element `index` of a numeric tensor as a double (for comparisons and summaries); 0 when out of range.
double elementAsDouble(const HostTensor& tensor, qint64 index);

} // namespace wb
