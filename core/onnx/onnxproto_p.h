#pragma once

// Private to wb_core: the only place the onnx/protobuf headers are pulled in.
#include <onnx/onnx_pb.h>

#include <QByteArray>
#include <QString>

namespace wb::detail {

inline QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

// Lowercase dtype name for an onnx::TensorProto_DataType value ("float32", "int64", ...).
QString dtypeName(int elemType);
// Bytes per element, 0 when not fixed-size (string) or unknown.
int dtypeSize(int elemType);

bool isDefaultDomain(const std::string& domain);

// A tensor's elements as little-endian bytes: raw_data as it is, or the typed field (float_data, int32_data, ...)
// packed at the element type's width. Empty for string and unknown types, and for data stored elsewhere.
QByteArray tensorProtoBytes(const onnx::TensorProto& tensor);

} // namespace wb::detail
