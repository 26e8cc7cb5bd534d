#pragma once

#include "tensordata.h"
#include "util/result.h"

#include <QStringList>

namespace wb {

// Reads one serialized onnx.TensorProto (a libonnx-testdata input_N.pb / output_N.pb). Data may be in raw_data
// or in the typed fields (float_data, int32_data, int64_data, double_data, uint64_data).
// Errors: not_found, unreadable, bad_tensor_file (not a TensorProto, a SequenceProto, external data, a string
// or unsupported type, data size not matching the dims).
Result<HostTensor> readTensorFile(const QString& path);

// Writes `tensor` as an onnx.TensorProto with name, data_type, dims and raw_data. Errors: bad_tensor,
// write_failed.
Result<bool> writeTensorFile(const HostTensor& tensor, const QString& path);

// input_0.pb, input_1.pb, ... of a test_data_set_N folder in numeric order (input_10 after input_9).
// Errors: not_found (no such folder), no_inputs.
Result<QStringList> dataSetInputFiles(const QString& dir);

} // namespace wb
