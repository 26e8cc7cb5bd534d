// The weight-skipping fast path on its own: stripTensorData with a threshold from the first byte (0..255, so
// small tensors are stripped too, which OnnxModel::load only does over 4 KB), the parse of its output, and
// restoreStrippedTensors reading the stripped tensors back from the file.
#include "fuzztarget.h"

#include "onnx/wirestrip_p.h"

#include <onnx/onnx_pb.h>

#include <stdexcept>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 1)
        return 0;
    const std::size_t threshold = data[0];
    ++data;
    --size;
    std::string topology;
    if (!wb::detail::stripTensorData(data, size, threshold, &topology))
        return 0;
    onnx::ModelProto model;
    if (!model.ParseFromString(topology))
        return 0;
    const QString path = wbfuzz::writeInput(wbfuzz::bytes(data, size), QStringLiteral("model.onnx"));
    (void)wb::detail::restoreStrippedTensors(model, path);
    return 0;
}
