#include "onnxproto_p.h"

namespace wb::detail {

namespace {
struct DTypeRow {
    int type;
    const char* name;
    int size;
};

constexpr DTypeRow kDTypes[] = {
    { onnx::TensorProto_DataType_FLOAT, "float32", 4 },
    { onnx::TensorProto_DataType_UINT8, "uint8", 1 },
    { onnx::TensorProto_DataType_INT8, "int8", 1 },
    { onnx::TensorProto_DataType_UINT16, "uint16", 2 },
    { onnx::TensorProto_DataType_INT16, "int16", 2 },
    { onnx::TensorProto_DataType_INT32, "int32", 4 },
    { onnx::TensorProto_DataType_INT64, "int64", 8 },
    { onnx::TensorProto_DataType_STRING, "string", 0 },
    { onnx::TensorProto_DataType_BOOL, "bool", 1 },
    { onnx::TensorProto_DataType_FLOAT16, "float16", 2 },
    { onnx::TensorProto_DataType_DOUBLE, "float64", 8 },
    { onnx::TensorProto_DataType_UINT32, "uint32", 4 },
    { onnx::TensorProto_DataType_UINT64, "uint64", 8 },
    { onnx::TensorProto_DataType_COMPLEX64, "complex64", 8 },
    { onnx::TensorProto_DataType_COMPLEX128, "complex128", 16 },
    { onnx::TensorProto_DataType_BFLOAT16, "bfloat16", 2 },
    // Added after ONNX 1.12; numbered per the current onnx.proto so newer exports still read well.
    { 17, "float8e4m3fn", 1 },
    { 18, "float8e4m3fnuz", 1 },
    { 19, "float8e5m2", 1 },
    { 20, "float8e5m2fnuz", 1 },
    { 21, "uint4", 0 },
    { 22, "int4", 0 },
};
} // namespace

QString dtypeName(int elemType)
{
    for (const DTypeRow& row : kDTypes) {
        if (row.type == elemType)
            return QString::fromLatin1(row.name);
    }
    return elemType == 0 ? QStringLiteral("undefined") : QStringLiteral("type%1").arg(elemType);
}

int dtypeSize(int elemType)
{
    for (const DTypeRow& row : kDTypes) {
        if (row.type == elemType)
            return row.size;
    }
    return 0;
}

bool isDefaultDomain(const std::string& domain)
{
    return domain.empty() || domain == "ai.onnx";
}

} // namespace wb::detail
