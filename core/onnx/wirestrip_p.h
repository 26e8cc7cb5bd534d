#pragma once

#include <QString>

#include <cstddef>
#include <cstdint>
#include <string>

namespace onnx {
class ModelProto;
}

namespace wb::detail {

// Marker written into a stripped tensor's external_data "location": its data still sits inline in the source
// file, as the whole TensorProto message at `offset` (`wb_message_length` bytes long).
inline constexpr char kInlineLocation[] = "__wb_inline__";

// Rewrites a serialized ModelProto so that every TensorProto larger than `threshold` bytes (initializers and
// tensor attributes, in every subgraph) loses its data fields and instead points back at its own message in
// the source buffer. The topology comes out a small fraction of the file, and the weights' pages are never
// touched. Returns false when the bytes are not well-formed protobuf (the caller then parses the normal way
// to get protobuf's own verdict). `releaseMappedPages` is only for a read-only file mapping: pages behind the
// cursor are dropped from the process as it goes, keeping the resident set small.
bool stripTensorData(const std::uint8_t* data, std::size_t size, std::size_t threshold, std::string* out,
    bool releaseMappedPages = false);

// Puts the original tensors back (from the model file at `sourcePath`) wherever stripTensorData left a marker.
// Returns an empty string on success, else what went wrong.
QString restoreStrippedTensors(onnx::ModelProto& model, const QString& sourcePath);

} // namespace wb::detail
