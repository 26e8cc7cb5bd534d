#include "tensorsource_p.h"

#include "graphutil_p.h"
#include "wirestrip_p.h"

#include "util/checkedsize.h"

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
    const ExternalDataRef ref = readExternalData(t);
    if (!ref.ok())
        return fail(ref.problem(qs(t.name())));
    const QString location = qs(ref.location);
    qint64 offset = ref.offset;
    const qint64 length = ref.length, messageLength = ref.messageLength;
    const bool inModelFile = location == QLatin1String(kInlineLocation);
    const QString path = inModelFile ? m_path : QFileInfo(m_path).absoluteDir().filePath(location);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return fail(QStringLiteral("%1 cannot be read: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    if (offset < 0)
        offset = 0;
    qint64 size = inModelFile ? messageLength : (length >= 0 ? length : file.size() - offset);
    if (!inModelFile) { // never more than the tensor's own bytes, whatever the length says (or when it says nothing)
        const qint64 bytes = sizes::byteCount(t.dims(), dtypeSize(t.data_type())).value_or(-1);
        if (bytes < 0 || (length >= 0 && length != bytes && dtypeSize(t.data_type()) > 0))
            return fail(QStringLiteral("tensor '%1' does not hold as many bytes as its dims say").arg(qs(t.name())));
        size = qMin(size, bytes);
    }
    if (size < 0 || offset > file.size() || size > file.size() - offset || !file.seek(offset))
        return fail(
            QStringLiteral("tensor '%1' points past the end of %2").arg(qs(t.name()), QDir::toNativeSeparators(path)));
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
