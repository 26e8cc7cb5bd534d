#include "tensorsource_p.h"

#include "wirestrip_p.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace wb::detail {

TensorSource::TensorSource(QString modelPath)
    : m_path(std::move(modelPath))
{
}

bool TensorSource::hasInlineData(const onnx::TensorProto& t)
{
    return t.data_location() != onnx::TensorProto_DataLocation_EXTERNAL;
}

std::optional<onnx::TensorProto> TensorSource::load(const onnx::TensorProto& t, QString* why) const
{
    auto fail = [why](const QString& reason) -> std::optional<onnx::TensorProto> {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    if (hasInlineData(t))
        return t;
    if (m_path.isEmpty())
        return fail(QStringLiteral("the model was not read from a file"));
    QString location;
    qint64 offset = -1, length = -1, messageLength = -1;
    for (const auto& kv : t.external_data()) {
        if (kv.key() == "location")
            location = qs(kv.value());
        else if (kv.key() == "offset")
            offset = QString::fromStdString(kv.value()).toLongLong();
        else if (kv.key() == "length")
            length = QString::fromStdString(kv.value()).toLongLong();
        else if (kv.key() == "wb_message_length")
            messageLength = QString::fromStdString(kv.value()).toLongLong();
    }
    const bool inModelFile = location == QLatin1String(kInlineLocation);
    const QString path = inModelFile ? m_path : QFileInfo(m_path).absoluteDir().filePath(location);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return fail(QStringLiteral("%1 cannot be read: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    if (offset < 0)
        offset = 0;
    qint64 size = inModelFile ? messageLength : (length >= 0 ? length : file.size() - offset);
    if (!inModelFile) { // never more than the tensor's own bytes, whatever the length says (or when it says nothing)
        qint64 elements = 1;
        for (const auto d : t.dims())
            elements = d < 0 || (d != 0 && elements > (qint64(1) << 40) / d) ? -1 : elements * d;
        const qint64 bytes = elements < 0 ? -1 : elements * dtypeSize(t.data_type());
        if (bytes < 0 || (length >= 0 && length != bytes && dtypeSize(t.data_type()) > 0))
            return fail(QStringLiteral("tensor '%1' does not hold as many bytes as its dims say").arg(qs(t.name())));
        size = qMin(size, bytes);
    }
    if (size < 0 || offset + size > file.size() || !file.seek(offset))
        return fail(QStringLiteral("tensor '%1' points past the end of %2").arg(qs(t.name()), QDir::toNativeSeparators(path)));
    const QByteArray bytes = file.read(size);
    if (bytes.size() != size)
        return fail(QStringLiteral("reading %1 bytes of tensor '%2' failed").arg(size).arg(qs(t.name())));
    if (inModelFile) {
        onnx::TensorProto original;
        if (!original.ParseFromArray(bytes.constData(), int(bytes.size())))
            return fail(QStringLiteral("the model file changed on disk since it was opened; open it again"));
        return original;
    }
    onnx::TensorProto full = t;
    full.clear_external_data();
    full.clear_data_location();
    full.set_raw_data(bytes.constData(), size_t(bytes.size()));
    return full;
}

} // namespace wb::detail
