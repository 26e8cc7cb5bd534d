#include "foldtensor_p.h"

#include "reference/tensordata.h"
#include "util/checkedsize.h"

#include <QStringList>

#include <cmath>
#include <cstring>
#include <limits>

namespace wb::detail {

namespace {

using DT = onnx::TensorProto_DataType;

template <typename T> T loadAt(const char* src, size_t i)
{
    T v;
    std::memcpy(&v, src + i * sizeof(T), sizeof(T));
    return v;
}

template <typename T> void storeAt(std::string& dst, size_t i, T v)
{
    std::memcpy(dst.data() + i * sizeof(T), &v, sizeof(T));
}

} // namespace

bool isFoldableType(int t)
{
    switch (t) {
    case DT::TensorProto_DataType_FLOAT:
    case DT::TensorProto_DataType_DOUBLE:
    case DT::TensorProto_DataType_FLOAT16:
    case DT::TensorProto_DataType_INT8:
    case DT::TensorProto_DataType_INT16:
    case DT::TensorProto_DataType_INT32:
    case DT::TensorProto_DataType_INT64:
    case DT::TensorProto_DataType_UINT8:
    case DT::TensorProto_DataType_UINT16:
    case DT::TensorProto_DataType_UINT32:
    case DT::TensorProto_DataType_UINT64:
    case DT::TensorProto_DataType_BOOL:
        return true;
    default:
        return false;
    }
}

bool isRealType(int t)
{
    return t == DT::TensorProto_DataType_FLOAT || t == DT::TensorProto_DataType_DOUBLE
        || t == DT::TensorProto_DataType_FLOAT16;
}

bool isUnsignedType(int t)
{
    return t == DT::TensorProto_DataType_UINT8 || t == DT::TensorProto_DataType_UINT16
        || t == DT::TensorProto_DataType_UINT32 || t == DT::TensorProto_DataType_UINT64;
}

int64_t elementCount(const std::vector<int64_t>& dims)
{
    return sizes::elementCount(dims).value_or(-1);
}

int64_t FoldTensor::count() const
{
    return elementCount(dims);
}

double FoldTensor::real(size_t i) const
{
    if (isReal())
        return reals[i];
    if (type == DT::TensorProto_DataType_UINT64)
        return static_cast<double>(static_cast<uint64_t>(ints[i]));
    return static_cast<double>(ints[i]);
}

int64_t FoldTensor::integer(size_t i) const
{
    return isReal() ? realToInt(DT::TensorProto_DataType_INT64, reals[i]) : ints[i];
}

FoldTensor FoldTensor::ofInts(int type, std::vector<int64_t> dims, std::vector<int64_t> values)
{
    FoldTensor t;
    t.type = type;
    t.dims = std::move(dims);
    t.ints = std::move(values);
    return t;
}

FoldTensor FoldTensor::ofReals(int type, std::vector<int64_t> dims, std::vector<double> values)
{
    FoldTensor t;
    t.type = type;
    t.dims = std::move(dims);
    t.reals = std::move(values);
    return t;
}

FoldTensor FoldTensor::zeros(int type, std::vector<int64_t> dims)
{
    FoldTensor t;
    t.type = type;
    t.dims = std::move(dims);
    const auto n = static_cast<size_t>(std::max<int64_t>(t.count(), 0));
    if (t.isReal())
        t.reals.assign(n, 0.0);
    else
        t.ints.assign(n, 0);
    return t;
}

int64_t wrapInt(int type, int64_t v)
{
    switch (type) {
    case DT::TensorProto_DataType_BOOL:
        return v != 0 ? 1 : 0;
    case DT::TensorProto_DataType_INT8:
        return static_cast<int8_t>(v);
    case DT::TensorProto_DataType_INT16:
        return static_cast<int16_t>(v);
    case DT::TensorProto_DataType_INT32:
        return static_cast<int32_t>(v);
    case DT::TensorProto_DataType_UINT8:
        return static_cast<uint8_t>(v);
    case DT::TensorProto_DataType_UINT16:
        return static_cast<uint16_t>(v);
    case DT::TensorProto_DataType_UINT32:
        return static_cast<uint32_t>(v);
    default:
        return v; // int64, uint64 (bit pattern)
    }
}

double roundReal(int type, double v)
{
    if (type == DT::TensorProto_DataType_FLOAT)
        return static_cast<double>(static_cast<float>(v));
    if (type == DT::TensorProto_DataType_FLOAT16)
        return static_cast<double>(halfToFloat(floatToHalf(static_cast<float>(v))));
    return v;
}

int64_t realToInt(int type, double v)
{
    if (type == DT::TensorProto_DataType_BOOL)
        return v != 0.0 ? 1 : 0;
    if (std::isnan(v))
        return 0;
    const double t = std::trunc(v);
    if (type == DT::TensorProto_DataType_UINT64) {
        if (t <= 0)
            return 0;
        if (t >= 18446744073709551616.0)
            return static_cast<int64_t>(std::numeric_limits<uint64_t>::max());
        return static_cast<int64_t>(static_cast<uint64_t>(t));
    }
    // Saturate what int64 cannot hold (C++ leaves it undefined), then wrap into the narrower type as C does.
    if (t >= 9223372036854775807.0)
        return wrapInt(type, std::numeric_limits<int64_t>::max());
    if (t <= -9223372036854775808.0)
        return wrapInt(type, std::numeric_limits<int64_t>::min());
    return wrapInt(type, static_cast<int64_t>(t));
}

double intToReal(int type, int64_t v, int fromType)
{
    const double d = fromType == DT::TensorProto_DataType_UINT64 ? static_cast<double>(static_cast<uint64_t>(v))
                                                                 : static_cast<double>(v);
    return roundReal(type, d);
}

std::optional<FoldTensor> foldTensorFromProto(const onnx::TensorProto& p, QString* why)
{
    auto fail = [why](const QString& reason) -> std::optional<FoldTensor> {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    if (!isFoldableType(p.data_type()))
        return fail(QStringLiteral("element type %1 is not evaluated here").arg(dtypeName(p.data_type())));
    if (p.data_location() == onnx::TensorProto_DataLocation_EXTERNAL)
        return fail(QStringLiteral("its data is stored outside the model's graph"));
    FoldTensor t;
    t.type = p.data_type();
    t.dims.assign(p.dims().begin(), p.dims().end());
    const int64_t n = t.count();
    if (n < 0)
        return fail(QStringLiteral("its dimensions are negative or too large"));
    const int width = dtypeSize(t.type);
    const QByteArray bytes = tensorProtoBytes(p);
    if (n > bytes.size() / width || bytes.size() != n * width)
        return fail(QStringLiteral("it has %1 bytes of data for %2 elements").arg(bytes.size()).arg(n));
    const char* src = bytes.constData();
    const auto count = static_cast<size_t>(n);
    if (t.isReal())
        t.reals.resize(count);
    else
        t.ints.resize(count);
    for (size_t i = 0; i < count; ++i) {
        switch (t.type) {
        case DT::TensorProto_DataType_FLOAT:
            t.reals[i] = loadAt<float>(src, i);
            break;
        case DT::TensorProto_DataType_DOUBLE:
            t.reals[i] = loadAt<double>(src, i);
            break;
        case DT::TensorProto_DataType_FLOAT16:
            t.reals[i] = halfToFloat(loadAt<uint16_t>(src, i));
            break;
        case DT::TensorProto_DataType_INT8:
            t.ints[i] = loadAt<int8_t>(src, i);
            break;
        case DT::TensorProto_DataType_INT16:
            t.ints[i] = loadAt<int16_t>(src, i);
            break;
        case DT::TensorProto_DataType_INT32:
            t.ints[i] = loadAt<int32_t>(src, i);
            break;
        case DT::TensorProto_DataType_UINT8:
        case DT::TensorProto_DataType_BOOL:
            t.ints[i] = loadAt<uint8_t>(src, i);
            break;
        case DT::TensorProto_DataType_UINT16:
            t.ints[i] = loadAt<uint16_t>(src, i);
            break;
        case DT::TensorProto_DataType_UINT32:
            t.ints[i] = loadAt<uint32_t>(src, i);
            break;
        default: // int64, uint64
            t.ints[i] = loadAt<int64_t>(src, i);
            break;
        }
    }
    if (t.type == DT::TensorProto_DataType_BOOL) {
        for (int64_t& v : t.ints)
            v = v != 0 ? 1 : 0;
    }
    return t;
}

void foldTensorToProto(const FoldTensor& t, onnx::TensorProto* out)
{
    out->set_data_type(t.type);
    out->clear_dims();
    for (const int64_t d : t.dims)
        out->add_dims(d);
    const size_t count = t.isReal() ? t.reals.size() : t.ints.size();
    std::string raw(count * static_cast<size_t>(dtypeSize(t.type)), '\0');
    for (size_t i = 0; i < count; ++i) {
        switch (t.type) {
        case DT::TensorProto_DataType_FLOAT:
            storeAt<float>(raw, i, static_cast<float>(t.reals[i]));
            break;
        case DT::TensorProto_DataType_DOUBLE:
            storeAt<double>(raw, i, t.reals[i]);
            break;
        case DT::TensorProto_DataType_FLOAT16:
            storeAt<uint16_t>(raw, i, floatToHalf(static_cast<float>(t.reals[i])));
            break;
        case DT::TensorProto_DataType_INT8:
            storeAt<int8_t>(raw, i, static_cast<int8_t>(t.ints[i]));
            break;
        case DT::TensorProto_DataType_INT16:
            storeAt<int16_t>(raw, i, static_cast<int16_t>(t.ints[i]));
            break;
        case DT::TensorProto_DataType_INT32:
            storeAt<int32_t>(raw, i, static_cast<int32_t>(t.ints[i]));
            break;
        case DT::TensorProto_DataType_UINT8:
        case DT::TensorProto_DataType_BOOL:
            storeAt<uint8_t>(raw, i, static_cast<uint8_t>(t.ints[i]));
            break;
        case DT::TensorProto_DataType_UINT16:
            storeAt<uint16_t>(raw, i, static_cast<uint16_t>(t.ints[i]));
            break;
        case DT::TensorProto_DataType_UINT32:
            storeAt<uint32_t>(raw, i, static_cast<uint32_t>(t.ints[i]));
            break;
        default:
            storeAt<int64_t>(raw, i, t.ints[i]);
            break;
        }
    }
    out->clear_float_data();
    out->clear_int32_data();
    out->clear_int64_data();
    out->clear_double_data();
    out->clear_uint64_data();
    out->clear_external_data();
    out->clear_data_location();
    out->set_raw_data(std::move(raw));
}

QString foldTensorText(const FoldTensor& t, int limit)
{
    QString text;
    const bool list = !(t.shapeOnly || t.rank() > 1 || t.count() > limit);
    if (!list) {
        text = dtypeName(t.type) + QLatin1Char('[');
        for (size_t k = 0; k < t.dims.size(); ++k)
            text += (k ? QStringLiteral(", ") : QString()) + QString::number(t.dims[k]);
        return text + QLatin1Char(']');
    }
    if (t.rank() == 1)
        text += QLatin1Char('[');
    const auto n = static_cast<size_t>(t.count());
    for (size_t i = 0; i < n; ++i) {
        if (i)
            text += QStringLiteral(", ");
        if (t.isReal())
            text += QString::number(t.reals[i], 'g', 7);
        else if (t.type == onnx::TensorProto_DataType_BOOL)
            text += t.ints[i] ? QStringLiteral("true") : QStringLiteral("false");
        else if (t.type == onnx::TensorProto_DataType_UINT64)
            text += QString::number(static_cast<quint64>(t.ints[i]));
        else
            text += QString::number(t.ints[i]);
    }
    if (t.rank() == 1)
        text += QLatin1Char(']');
    return text;
}

} // namespace wb::detail
