#include "run/omheader.h"

#include "run/omfileheader.h"

#include <QByteArray>
#include <QFile>
#include <QFileInfo>

namespace wb {

namespace {

OmHeader::Error toError(om::HeaderError error)
{
    switch (error) {
    case om::HeaderError::None:
        return OmHeader::Error::None;
    case om::HeaderError::Empty:
        return OmHeader::Error::Empty;
    case om::HeaderError::TooShort:
        return OmHeader::Error::TooShort;
    case om::HeaderError::BadMagic:
        return OmHeader::Error::BadMagic;
    case om::HeaderError::BadHeadSize:
        return OmHeader::Error::BadHeadSize;
    case om::HeaderError::NoModelData:
        return OmHeader::Error::NoModelData;
    case om::HeaderError::Truncated:
        return OmHeader::Error::Truncated;
    case om::HeaderError::TrailingBytes:
        return OmHeader::Error::TrailingBytes;
    }
    return OmHeader::Error::BadMagic;
}

OmHeader failed(OmHeader::Error error, const QString& message)
{
    OmHeader header;
    header.error = error;
    header.message = message;
    return header;
}

} // namespace

QString OmHeader::versionString() const
{
    return QString::fromStdString(om::versionText(version));
}

QString OmHeader::errorCode() const
{
    switch (error) {
    case Error::None:
        return {};
    case Error::NotFound:
        return QStringLiteral("not_found");
    case Error::Unreadable:
        return QStringLiteral("unreadable");
    case Error::Empty:
        return QStringLiteral("empty");
    case Error::TooShort:
        return QStringLiteral("too_short");
    case Error::BadMagic:
        return QStringLiteral("not_om");
    case Error::BadHeadSize:
        return QStringLiteral("bad_headsize");
    case Error::NoModelData:
        return QStringLiteral("no_model_data");
    case Error::Truncated:
        return QStringLiteral("truncated");
    case Error::TrailingBytes:
        return QStringLiteral("trailing_bytes");
    }
    return QStringLiteral("not_om");
}

OmHeader parseOmHeader(const QByteArray& data, qint64 fileSize)
{
    const quint64 total = fileSize >= 0 ? quint64(fileSize) : quint64(data.size());
    const om::FileHeader raw
        = om::parseFileHeader(reinterpret_cast<const unsigned char*>(data.constData()), size_t(data.size()), total);
    OmHeader h;
    h.magicOk = raw.magicOk;
    h.headSize = raw.headSize;
    h.version = raw.version;
    h.name = QString::fromUtf8(raw.name.data(), qsizetype(raw.name.size()));
    h.modelLength = raw.modelLength;
    h.fileSize = raw.fileSize;
    h.modelNum = raw.modelNum;
    h.isUnknowModel = raw.isUnknowModel;
    h.dynamic = raw.dynamic;
    h.encrypted = raw.isEncrypt != 0;
    h.modelType = raw.modelType;
    h.partitionCount = raw.partitionCount;
    h.valid = raw.valid;
    h.error = toError(raw.error);
    h.message = QString::fromStdString(raw.message);
    return h;
}

OmHeader readOmHeaderFile(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        return failed(OmHeader::Error::NotFound,
            QStringLiteral("%1 does not exist. Check the path, or convert the model with ATC first.").arg(path));
    }
    if (info.isDir())
        return failed(OmHeader::Error::Unreadable, QStringLiteral("%1 is a folder, not an OM file.").arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return failed(OmHeader::Error::Unreadable,
            QStringLiteral("%1 cannot be read: %2. Check its permissions.").arg(path, file.errorString()));
    }
    const QByteArray start = file.read(qint64(om::BytesToParse));
    if (file.error() != QFileDevice::NoError) {
        return failed(
            OmHeader::Error::Unreadable, QStringLiteral("%1 cannot be read: %2.").arg(path, file.errorString()));
    }
    OmHeader header = parseOmHeader(start, file.size());
    if (!header.valid)
        header.message = path + QLatin1Char(' ') + header.message;
    return header;
}

} // namespace wb
