#include "onnxproto_p.h"

#include <cstring>

namespace wb::detail {

namespace {

template <typename T, typename Field> QByteArray packField(const Field& field)
{
    QByteArray out(field.size() * qsizetype(sizeof(T)), '\0');
    char* dst = out.data();
    for (int i = 0; i < field.size(); ++i) {
        const T v = static_cast<T>(field.Get(i));
        std::memcpy(dst + qsizetype(i) * qsizetype(sizeof(T)), &v, sizeof(T));
    }
    return out;
}

} // namespace

QByteArray tensorProtoBytes(const onnx::TensorProto& t)
{
    if (t.has_raw_data())
        return QByteArray::fromStdString(t.raw_data());
    // ONNX stores 8/16-bit types and bool widened in int32_data, float16/bfloat16 as their bit patterns.
    switch (t.data_type()) {
    case onnx::TensorProto_DataType_FLOAT:
        return packField<float>(t.float_data());
    case onnx::TensorProto_DataType_DOUBLE:
        return packField<double>(t.double_data());
    case onnx::TensorProto_DataType_INT64:
        return packField<qint64>(t.int64_data());
    case onnx::TensorProto_DataType_UINT32:
        return packField<quint32>(t.uint64_data());
    case onnx::TensorProto_DataType_UINT64:
        return packField<quint64>(t.uint64_data());
    case onnx::TensorProto_DataType_INT32:
        return packField<qint32>(t.int32_data());
    case onnx::TensorProto_DataType_INT16:
        return packField<qint16>(t.int32_data());
    case onnx::TensorProto_DataType_UINT16:
    case onnx::TensorProto_DataType_FLOAT16:
    case onnx::TensorProto_DataType_BFLOAT16:
        return packField<quint16>(t.int32_data());
    case onnx::TensorProto_DataType_INT8:
        return packField<qint8>(t.int32_data());
    case onnx::TensorProto_DataType_UINT8:
    case onnx::TensorProto_DataType_BOOL:
        return packField<quint8>(t.int32_data());
    default:
        return {};
    }
}

} // namespace wb::detail
