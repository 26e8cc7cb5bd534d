// ONNX loader: OnnxModel::load over the bytes as a model file (foreign-format sniffing, the weight-skipping fast
// path over the mapped file, the protobuf parse, summary, graph and external-data checks), then what a loaded
// model is used for first: the summary's JSON (`atcwb inspect --json`) and fullProto(), which reads the skipped
// weights back from the file.
#include "fuzztarget.h"

#include "onnx/onnxmodel.h"
#include "onnx/summaryjson.h"

#include <onnx/onnx_pb.h>

#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    // The external-data seed names weights.bin: give it one beside the model so the check goes past "missing".
    static const bool weights = !wbfuzz::writeInput(QByteArray(64, '\x01'), QStringLiteral("weights.bin")).isEmpty();
    (void)weights;
    const QString path = wbfuzz::writeInput(wbfuzz::bytes(data, size), QStringLiteral("model.onnx"));
    const auto loaded = wb::OnnxModel::load(path);
    if (!loaded.ok()) {
        (void)wb::errorToJson(loaded.error());
        return 0;
    }
    (void)wb::summaryToJson(loaded.value()->summary());
    (void)loaded.value()->fullProto();
    return 0;
}
