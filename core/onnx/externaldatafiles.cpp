#include "externaldatafiles.h"

#include "graphutil_p.h"
#include "onnxproto_p.h"
#include "wirestrip_p.h"

#include <QDir>
#include <QFile>

#include <string>

namespace wb {

Result<QStringList> onnxExternalDataFiles(const QString& modelPath)
{
    QFile file(modelPath);
    if (!file.open(QIODevice::ReadOnly))
        return Error { QStringLiteral("unreadable"),
            QStringLiteral("Cannot read %1: %2.").arg(modelPath, file.errorString()), {} };
    const qint64 size = file.size();
    onnx::ModelProto proto;
    bool parsed = false;
    if (size > 0) {
        uchar* mapped = file.map(0, size);
        if (!mapped)
            return Error { QStringLiteral("unreadable"),
                QStringLiteral("Cannot map %1: %2.").arg(modelPath, file.errorString()), {} };
        std::string topology;
        try {
            parsed = detail::stripTensorData(mapped, static_cast<std::size_t>(size), 4096, &topology)
                ? proto.ParseFromString(topology)
                : proto.ParseFromArray(mapped, static_cast<int>(size));
        } catch (const std::exception&) {
            parsed = false;
        }
        file.unmap(mapped);
    }
    if (!parsed)
        return Error { QStringLiteral("parse_error"),
            QStringLiteral("%1 is not a valid ONNX protobuf, so its external-data files are unknown.").arg(modelPath),
            {} };
    QStringList files;
    detail::forEachTensor(proto.graph(), [&](const onnx::TensorProto& t) {
        if (t.data_location() != onnx::TensorProto_DataLocation_EXTERNAL)
            return;
        const QString location = detail::qs(detail::readExternalData(t).location);
        if (location.isEmpty() || location == QLatin1String(detail::kInlineLocation) || QDir::isAbsolutePath(location))
            return;
        const QString clean = QDir::cleanPath(location);
        if (clean == QLatin1String("..") || clean.startsWith(QLatin1String("../")) || files.contains(clean))
            return;
        files << clean;
    });
    return files;
}

} // namespace wb
