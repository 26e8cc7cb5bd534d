#pragma once

// Private to wb_core: reads one tensor's data on demand, wherever the model keeps it.
#include "onnxproto_p.h"

#include <QString>

#include <optional>

namespace wb::detail {

// Tensors of a loaded model whose data is not in memory: those the loader left in the model file (larger than a
// few KB, see wirestrip_p.h) and those in external data files. Reads them one at a time, so folding can use a
// small weight without the model's other weights ever being read.
class TensorSource {
public:
    explicit TensorSource(QString modelPath);

    // Whether `t` carries its data in memory (neither left in the file nor external).
    static bool hasInlineData(const onnx::TensorProto& t);
    // `t` with its data read in; nullopt, with the reason in `why`, when it cannot be read. An empty model path
    // (a model built in memory) reads nothing.
    std::optional<onnx::TensorProto> load(const onnx::TensorProto& t, QString* why = nullptr) const;

private:
    QString m_path;
};

} // namespace wb::detail
