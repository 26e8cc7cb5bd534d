#pragma once

// Writes small fake OM files: a correct 256-byte header (GE's ModelFileHeader, shared/reference/runners.md §5.1),
// a partition table and filler. Only the header matters to om-runner, the header parser and the fake AscendCL.
#include <QByteArray>
#include <QFile>
#include <QString>
#include <QtEndian>

namespace wbtest {

struct OmSpec {
    QByteArray magic = "IMOD";
    quint32 headSize = 256;
    quint32 version = 0x20000000;
    QByteArray name = "fake_resnet";
    quint32 payload = 2034; // bytes after the header (partition table included)
    qint64 declaredDelta = 0; // declared length minus the real one: > 0 truncated, < 0 trailing bytes
    bool legacyLength = false; // declare the length in the old 32-bit field (offset 76), model_length 0
    quint32 modelNum = 1;
    bool unknowModel = false;
    quint32 partitions = 3;
};

inline QByteArray makeOm(const OmSpec& spec)
{
    QByteArray bytes(256 + qsizetype(spec.payload), '\0');
    char* p = bytes.data();
    memcpy(p, spec.magic.constData(), size_t(qMin<qsizetype>(spec.magic.size(), 4)));
    qToLittleEndian<quint32>(spec.headSize, p + 4);
    qToLittleEndian<quint32>(spec.version, p + 8);
    const quint64 declared = quint64(qint64(spec.payload) + spec.declaredDelta);
    if (spec.legacyLength)
        qToLittleEndian<quint32>(quint32(declared), p + 76);
    else
        qToLittleEndian<quint64>(declared, p + 184);
    memcpy(p + 84, spec.name.constData(), size_t(qMin<qsizetype>(spec.name.size(), 32)));
    qToLittleEndian<quint32>(spec.modelNum, p + 156);
    p[193] = spec.unknowModel ? 1 : 0;
    if (spec.payload >= 4)
        qToLittleEndian<quint32>(spec.partitions, p + 256);
    for (qsizetype i = 260; i < bytes.size(); ++i)
        bytes[i] = char(i * 7 % 251); // filler standing in for the partitions
    return bytes;
}

inline bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

inline bool writeOm(const QString& path, const OmSpec& spec = {})
{
    return writeFile(path, makeOm(spec));
}

} // namespace wbtest
