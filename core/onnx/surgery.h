#pragma once

#include "onnxmodel.h"
#include "shapespec.h"

namespace wb {

struct SurgeryResult {
    QString path; // the model written
    QString dataPath; // its external-data file, empty when every weight is inline
    ModelSummary summary; // of the written model, read back from disk
    QStringList stillDynamic; // tensors that stay dynamic: data-dependent or an input left dynamic (fix-shapes)
    QStringList unknownShapes; // tensors whose shape is unknown here (no shape function), not known to be dynamic
    QStringList warnings;
};

// Writes a copy of `model` with the given inputs fixed to static shapes and every inferred shape stored in
// value_info. Never overwrites the source; external weights go to "<out>.data" beside the copy.
// Errors: would_overwrite, not_writable, unknown_input, rank_mismatch, not_static, check_failed, write_failed.
Result<SurgeryResult> writeStaticCopy(
    const OnnxModel& model, const QList<InputShapeSpec>& shapes, const QString& outPath);

// Writes the sub-model that computes `outputs` from `inputs` (default: the model's own inputs), with the
// initializers it needs: the usual way to move post-processing such as NonMaxSuppression to the host.
// Errors: would_overwrite, not_writable, unknown_tensor, missing_input, unknown_type, check_failed, write_failed.
Result<SurgeryResult> extractSubModel(
    const OnnxModel& model, const QStringList& inputs, const QStringList& outputs, const QString& outPath);

} // namespace wb
