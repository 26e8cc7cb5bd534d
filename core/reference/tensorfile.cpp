#include "tensorfile.h"

#include <limits>

#include "onnx/onnxproto_p.h"
#include "util/atomicfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>

namespace wb {

namespace {

Error badFile(const QString& path, const QString& why)
{
    return { QStringLiteral("bad_tensor_file"),
        QStringLiteral("%1 is not a usable tensor file: %2").arg(QDir::toNativeSeparators(path), why), {} };
}

} // namespace

Result<HostTensor> readTensorFile(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error { QStringLiteral("not_found"),
            QStringLiteral("Tensor file %1 does not exist").arg(QDir::toNativeSeparators(path)), {} };
    QFile file(path);
    if (!info.isFile() || !file.open(QIODevice::ReadOnly))
        return Error { QStringLiteral("unreadable"),
            QStringLiteral("Cannot read tensor file %1").arg(QDir::toNativeSeparators(path)), file.errorString() };
    const QByteArray bytes = file.readAll();

    onnx::TensorProto proto;
    if (bytes.isEmpty())
        return badFile(path, QStringLiteral("the file is empty"));
    if (!proto.ParseFromArray(bytes.constData(), int(bytes.size())))
        return badFile(path, QStringLiteral("not a serialized onnx.TensorProto"));
    // A SequenceProto / OptionalProto often parses as a TensorProto with no type: say what it probably is.
    if (proto.data_type() == onnx::TensorProto_DataType_UNDEFINED)
        return badFile(path,
            QStringLiteral("no data type (a SequenceProto or OptionalProto, or not a tensor at all); only dense "
                           "tensors are supported"));
    if (proto.data_location() == onnx::TensorProto_DataLocation_EXTERNAL)
        return badFile(path, QStringLiteral("the data is stored externally, which is not supported here"));
    const int size = elemTypeSize(proto.data_type());
    if (size == 0)
        return badFile(
            path, QStringLiteral("element type %1 is not supported").arg(detail::dtypeName(proto.data_type())));

    HostTensor t;
    t.name = detail::qs(proto.name());
    t.elemType = proto.data_type();
    for (const auto d : proto.dims()) {
        if (d < 0)
            return badFile(path, QStringLiteral("negative dimension %1").arg(d));
        t.shape.append(d);
    }
    // The element count times the element size must fit: dims such as [2^62, 4] are not a real tensor.
    const qint64 expected = t.byteCount();
    if (expected < 0)
        return badFile(
            path, QStringLiteral("dimensions %1 hold more elements than any file can").arg(formatShape(t.shape)));
    t.data = detail::tensorProtoBytes(proto);
    if (t.data.size() != expected)
        return badFile(path,
            QStringLiteral("%1 bytes of %2 data for shape %3, expected %4")
                .arg(t.data.size())
                .arg(t.dtype(), formatShape(t.shape))
                .arg(expected));
    return t;
}

Result<bool> writeTensorFile(const HostTensor& tensor, const QString& path)
{
    const int size = elemTypeSize(tensor.elemType);
    if (size == 0 || tensor.byteCount() < 0 || tensor.data.size() != tensor.byteCount())
        return Error { QStringLiteral("bad_tensor"),
            QStringLiteral("Cannot save tensor '%1': %2 with shape %3 and %4 bytes")
                .arg(tensor.name, tensor.dtype(), formatShape(tensor.shape))
                .arg(tensor.data.size()),
            {} };
    onnx::TensorProto proto;
    proto.set_name(tensor.name.toStdString());
    proto.set_data_type(tensor.elemType);
    for (const qint64 d : tensor.shape)
        proto.add_dims(d);
    proto.set_raw_data(tensor.data.constData(), size_t(tensor.data.size()));
    std::string bytes;
    if (!proto.SerializeToString(&bytes))
        return Error { QStringLiteral("write_failed"),
            QStringLiteral("Cannot serialize tensor '%1' (over 2 GB?)").arg(tensor.name), {} };

    return writeFileAtomically(path, QByteArray::fromRawData(bytes.data(), qsizetype(bytes.size())));
}

Result<QStringList> dataSetInputFiles(const QString& dir)
{
    const QDir d(dir);
    if (!d.exists())
        return Error { QStringLiteral("not_found"),
            QStringLiteral("Test data folder %1 does not exist").arg(QDir::toNativeSeparators(dir)), {} };
    static const QRegularExpression re(QStringLiteral("^input_(\\d+)\\.pb$"));
    QList<std::pair<int, QString>> found;
    for (const QString& name : d.entryList({ QStringLiteral("input_*.pb") }, QDir::Files)) {
        const auto m = re.match(name);
        if (m.hasMatch())
            found.append({ m.captured(1).toInt(), d.filePath(name) });
    }
    if (found.isEmpty())
        return Error { QStringLiteral("no_inputs"),
            QStringLiteral("No input_N.pb files in %1").arg(QDir::toNativeSeparators(dir)), {} };
    std::sort(found.begin(), found.end());
    QStringList files;
    for (const auto& f : found)
        files.append(f.second);
    return files;
}

} // namespace wb
