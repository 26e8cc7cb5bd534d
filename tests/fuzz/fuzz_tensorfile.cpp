// Tensor files. The first byte picks the reader:
//   even: the rest is a .pb (one onnx.TensorProto, readTensorFile), then compared with itself as an accuracy
//         check does;
//   odd:  a raw .bin output (readRawOutput) read against a zero reference whose element type is the second byte
//         and whose shape is the next 0..3 bytes (rank from the first byte), then compared with it.
#include "fuzztarget.h"

#include "reference/accuracy.h"
#include "reference/tensordata.h"
#include "reference/tensorfile.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 1)
        return 0;
    const std::uint8_t mode = data[0];
    if (mode % 2 == 0) {
        const QString path = wbfuzz::writeInput(wbfuzz::bytes(data + 1, size - 1), QStringLiteral("output_0.pb"));
        const auto tensor = wb::readTensorFile(path);
        if (!tensor.ok())
            return 0;
        (void)wb::compareTensors(tensor.value(), tensor.value(), wb::AccuracyTolerance {});
        (void)wb::elementAsDouble(tensor.value(), tensor.value().elementCount() - 1);
        return 0;
    }
    const std::size_t rank = (mode >> 1) % 4;
    if (size < 2 + rank)
        return 0;
    QList<qint64> shape;
    for (std::size_t i = 0; i < rank; ++i)
        shape.append(data[2 + i] % 16); // the reference comes from a model, not from this file
    const wb::HostTensor reference
        = wb::makeTensor(QStringLiteral("out"), data[1] % 24, shape, wb::InputFill::Zeros, 0);
    const std::size_t header = 2 + rank;
    const QString path
        = wbfuzz::writeInput(wbfuzz::bytes(data + header, size - header), QStringLiteral("output_0.bin"));
    QString note;
    const auto actual = wb::readRawOutput(path, reference, &note);
    if (actual.ok() && wb::isSupportedElemType(reference.elemType))
        (void)wb::compareTensors(reference, actual.value(), wb::AccuracyTolerance {});
    return 0;
}
