#pragma once

// Private to core/reference: turning the model's declared inputs plus the user's shapes / data choice into the
// tensors to feed. Pure functions over plain values, independent of ONNX Runtime.
#include "cpurunner.h"

namespace wb::detail {

// One model input or output as the runtime declares it.
struct IoSpec {
    QString name;
    QString kind = QStringLiteral("tensor"); // tensor, sequence, map, optional, sparse_tensor, ...
    int elemType = 0;
    QList<qint64> dims; // -1 for a dynamic dim
    QStringList symbolic; // per dim: the symbolic name, empty when none
};

// "[batch, 3, 224, 224]"; an unnamed dynamic dim shows as "?".
QString describeDims(const IoSpec& io);

// The static shape of every input: from `specs` where given (static, right rank, equal to every static dim of
// the model), else the model's own when it is static. Errors: unknown_input, not_static, rank_mismatch,
// shape_mismatch, dynamic_input (a dynamic dim with no shape given), unsupported_type.
Result<QList<QList<qint64>>> resolveInputShapes(const QList<IoSpec>& inputs, const QList<InputShapeSpec>& specs);

// The tensors to feed, in the model's input order, each named after its input. Errors: those of
// resolveInputShapes and readTensorFile, plus missing_input, extra_input, type_mismatch, too_large (a shape whose
// bytes do not fit in 64 bits) and out_of_memory (the input's memory could not be allocated).
Result<QList<HostTensor>> prepareInputs(const QList<IoSpec>& inputs, const CpuRunOptions& options);

} // namespace wb::detail
