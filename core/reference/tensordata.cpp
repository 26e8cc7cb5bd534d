#include "tensordata.h"

#include "onnx/onnxproto_p.h"
#include "util/checkedsize.h"
#include "util/splitmix64.h"

#include <QStringList>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

namespace wb {

namespace {

template <typename T> void store(char* dst, qint64 index, T value)
{
    std::memcpy(dst + index * qint64(sizeof(T)), &value, sizeof(T));
}

template <typename T> T load(const char* src, qint64 index)
{
    T value;
    std::memcpy(&value, src + index * qint64(sizeof(T)), sizeof(T));
    return value;
}

} // namespace

QString HostTensor::dtype() const
{
    return detail::dtypeName(elemType);
}

qint64 HostTensor::elementCount() const
{
    return sizes::elementCount(shape).value_or(-1);
}

qint64 HostTensor::byteCount() const
{
    const int size = elemTypeSize(elemType);
    return size > 0 ? sizes::byteCount(shape, size).value_or(-1) : -1;
}

std::optional<Error> checkTensorShape(const QString& what, int elemType, const QList<qint64>& shape)
{
    const int size = elemTypeSize(elemType);
    if (size == 0 || sizes::byteCount(shape, size)) // an unsupported type is checkInputType's to report
        return std::nullopt;
    const bool negative = std::any_of(shape.begin(), shape.end(), [](qint64 d) { return d < 0; });
    return Error { QStringLiteral("too_large"),
        negative ? QStringLiteral("%1 has shape %2 with a negative dimension").arg(what, formatShape(shape))
                 : QStringLiteral("%1 with shape %2 would hold more than 2^63 bytes of %3: no machine can hold it. "
                                  "Check the shape for a mistyped dimension")
                       .arg(what, formatShape(shape), detail::dtypeName(elemType)),
        {} };
}

bool isSupportedElemType(int elemType)
{
    return elemTypeSize(elemType) > 0;
}

int elemTypeSize(int elemType)
{
    switch (elemType) {
    case onnx::TensorProto_DataType_STRING:
    case onnx::TensorProto_DataType_COMPLEX64:
    case onnx::TensorProto_DataType_COMPLEX128:
        return 0;
    default:
        return elemType <= onnx::TensorProto_DataType_BFLOAT16 ? detail::dtypeSize(elemType) : 0;
    }
}

QString formatShape(const QList<qint64>& shape)
{
    QStringList parts;
    for (const qint64 d : shape)
        parts.append(QString::number(d));
    return QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']');
}

quint16 floatToHalf(float value)
{
    const quint32 f = std::bit_cast<quint32>(value);
    const quint32 sign = (f >> 16) & 0x8000U;
    const quint32 absf = f & 0x7FFFFFFFU;
    if (absf >= 0x7F800000U) // inf or NaN (keep NaN quiet)
        return quint16(sign | 0x7C00U | (absf > 0x7F800000U ? 0x200U : 0U));
    if (absf >= 0x477FF000U) // rounds to >= 65520: overflow to inf
        return quint16(sign | 0x7C00U);
    if (absf < 0x38800000U) { // subnormal half (or zero): let the FPU round, as numpy does
        const float scaled = std::bit_cast<float>(absf) * 0x1.0p24f; // in units of the smallest subnormal
        return quint16(sign | quint32(std::nearbyint(scaled)));
    }
    const quint32 mant = absf & 0x7FFFFFU;
    quint32 h = ((absf >> 23) - 112U) << 10 | (mant >> 13);
    const quint32 rest = mant & 0x1FFFU;
    if (rest > 0x1000U || (rest == 0x1000U && (h & 1U)))
        ++h; // carries into the exponent correctly
    return quint16(sign | h);
}

float halfToFloat(quint16 bits)
{
    const quint32 sign = quint32(bits & 0x8000U) << 16;
    const quint32 exp = (bits >> 10) & 0x1FU;
    const quint32 mant = bits & 0x3FFU;
    if (exp == 0) {
        const float v = float(mant) * 0x1.0p-24f;
        return sign ? -v : v;
    }
    if (exp == 31)
        return std::bit_cast<float>(sign | 0x7F800000U | (mant << 13));
    return std::bit_cast<float>(sign | ((exp + 112U) << 23) | (mant << 13));
}

quint16 floatToBFloat16(float value)
{
    const quint32 f = std::bit_cast<quint32>(value);
    if ((f & 0x7FFFFFFFU) > 0x7F800000U)
        return quint16((f >> 16) | 0x40U); // quiet NaN
    return quint16((f + 0x7FFFU + ((f >> 16) & 1U)) >> 16);
}

float bfloat16ToFloat(quint16 bits)
{
    return std::bit_cast<float>(quint32(bits) << 16);
}

HostTensor makeTensor(const QString& name, int elemType, const QList<qint64>& shape, InputFill fill, quint64 seed)
{
    HostTensor t { name, elemType, shape, {} };
    const int size = elemTypeSize(elemType);
    if (size == 0)
        return t;
    const qint64 n = t.elementCount();
    const qint64 bytes = t.byteCount();
    if (bytes < 0)
        return t;
    t.data = QByteArray(bytes, '\0');
    if (fill != InputFill::Random)
        return t;
    SplitMix64 rng { seed };
    char* dst = t.data.data();
    for (qint64 i = 0; i < n; ++i) {
        const double u = rng.uniform01();
        const float f = float(u * 2.0 - 1.0);
        const qint64 k = qint64(u * 10.0); // 0..9
        switch (elemType) {
        case onnx::TensorProto_DataType_FLOAT:
            store(dst, i, f);
            break;
        case onnx::TensorProto_DataType_DOUBLE:
            store(dst, i, u * 2.0 - 1.0);
            break;
        case onnx::TensorProto_DataType_FLOAT16:
            store(dst, i, floatToHalf(f));
            break;
        case onnx::TensorProto_DataType_BFLOAT16:
            store(dst, i, floatToBFloat16(f));
            break;
        case onnx::TensorProto_DataType_BOOL:
            store(dst, i, quint8(k & 1));
            break;
        case onnx::TensorProto_DataType_INT8:
        case onnx::TensorProto_DataType_UINT8:
            store(dst, i, quint8(k));
            break;
        case onnx::TensorProto_DataType_INT16:
        case onnx::TensorProto_DataType_UINT16:
            store(dst, i, quint16(k));
            break;
        case onnx::TensorProto_DataType_INT32:
        case onnx::TensorProto_DataType_UINT32:
            store(dst, i, quint32(k));
            break;
        default:
            store(dst, i, quint64(k));
            break; // int64, uint64
        }
    }
    return t;
}

double elementAsDouble(const HostTensor& t, qint64 i)
{
    const int size = elemTypeSize(t.elemType);
    if (size == 0 || i < 0 || (i + 1) * size > t.data.size())
        return 0.0;
    const char* p = t.data.constData();
    switch (t.elemType) {
    case onnx::TensorProto_DataType_FLOAT:
        return load<float>(p, i);
    case onnx::TensorProto_DataType_DOUBLE:
        return load<double>(p, i);
    case onnx::TensorProto_DataType_FLOAT16:
        return halfToFloat(load<quint16>(p, i));
    case onnx::TensorProto_DataType_BFLOAT16:
        return bfloat16ToFloat(load<quint16>(p, i));
    case onnx::TensorProto_DataType_BOOL:
    case onnx::TensorProto_DataType_UINT8:
        return load<quint8>(p, i);
    case onnx::TensorProto_DataType_INT8:
        return load<qint8>(p, i);
    case onnx::TensorProto_DataType_UINT16:
        return load<quint16>(p, i);
    case onnx::TensorProto_DataType_INT16:
        return load<qint16>(p, i);
    case onnx::TensorProto_DataType_UINT32:
        return load<quint32>(p, i);
    case onnx::TensorProto_DataType_INT32:
        return load<qint32>(p, i);
    case onnx::TensorProto_DataType_UINT64:
        return double(load<quint64>(p, i));
    case onnx::TensorProto_DataType_INT64:
        return double(load<qint64>(p, i));
    default:
        return 0.0;
    }
}

} // namespace wb
