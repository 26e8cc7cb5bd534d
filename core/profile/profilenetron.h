#pragma once

#include "onnx/onnxmodel.h"
#include "profilemap.h"

namespace wb {

// Writes a copy of `model` for Netron: every profiled node carries its NPU time in its doc_string (Netron shows
// it as the node's description in the sidebar) and in a metadata_props entry "npu_time_us" (ONNX 1.16's
// NodeProto field 9, shown by Netron versions that read node metadata). Weights are kept (external data goes to
// "<out>.data"); the source is never overwritten. Returns the number of annotated nodes.
// Errors: would_overwrite, not_writable, check_failed, write_failed, and the model's own load errors.
Result<int> writeNetronAttachment(const OnnxModel& model, const ProfileMapping& mapping, const QString& outPath);

} // namespace wb
