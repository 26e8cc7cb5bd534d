#pragma once

// Private to wb_core: writing what a surgery function produced (static copy, sub-model, simplified copy).
#include "onnxmodel.h"
#include "onnxproto_p.h"
#include "surgery.h"

namespace wb::detail {

Error surgeryError(const QString& code, const QString& message);

// Refuses the source itself (also through a link), a missing or read-only folder, and a folder name.
// Errors: would_overwrite, not_writable.
std::optional<Error> checkDestination(const OnnxModel& model, const QString& outPath);

// ONNX's checker on `proto`, external data resolved in `modelDir`. Empty when it passes, else its message.
QString checkerVerdict(const onnx::ModelProto& proto, const QString& modelDir);

// Checks `proto` with ONNX's checker and writes it to `outPath` (external weights copied into "<out>.data"),
// atomically, then reads it back. A result the checker refuses is still written when the source model fails the
// checker with the same complaint and `warnings` is given (the copy is no worse than what the user has); the
// warning then says so and names any graph input or output without a shape with the node that makes it.
// Errors: check_failed, write_failed.
Result<SurgeryResult> checkAndWrite(
    onnx::ModelProto& proto, const OnnxModel& source, const QString& outPath, QStringList* warnings = nullptr);

} // namespace wb::detail
