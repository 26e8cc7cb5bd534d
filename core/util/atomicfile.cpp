#include "util/atomicfile.h"

#include <QDir>
#include <QSaveFile>

namespace wb {

namespace {

Error writeFailed(const QString& path, const QString& reason)
{
    return Error { QStringLiteral("write_failed"),
        QStringLiteral("Cannot write %1: %2.").arg(QDir::toNativeSeparators(path), reason), {} };
}

} // namespace

AtomicFileWriter::AtomicFileWriter(const QString& path)
    : m_file(std::make_unique<QSaveFile>(path))
{
    m_file->setDirectWriteFallback(false); // the default, spelled out: never write in place
}

AtomicFileWriter::~AtomicFileWriter() = default; // QSaveFile's destructor removes an uncommitted temporary file

bool AtomicFileWriter::open()
{
    return m_file->open(QIODevice::WriteOnly);
}

QIODevice& AtomicFileWriter::device()
{
    return *m_file;
}

qint64 AtomicFileWriter::write(const QByteArray& bytes)
{
    return m_file->write(bytes);
}

qint64 AtomicFileWriter::write(const char* data, qint64 size)
{
    return m_file->write(data, size);
}

bool AtomicFileWriter::commit()
{
    return m_file->commit();
}

QString AtomicFileWriter::errorString() const
{
    return m_file->errorString();
}

Result<bool> writeFileAtomically(const QString& path, const std::function<std::optional<Error>(QIODevice&)>& fill)
{
    AtomicFileWriter file(path);
    if (!file.open())
        return writeFailed(path, file.errorString());
    if (std::optional<Error> abandoned = fill(file.device()))
        return *abandoned; // not committed: the destructor discards the temporary file
    if (!file.commit())
        return writeFailed(path, file.errorString());
    return true;
}

Result<bool> writeFileAtomically(const QString& path, const QByteArray& bytes)
{
    return writeFileAtomically(path, [&path, &bytes](QIODevice& out) -> std::optional<Error> {
        if (out.write(bytes) != bytes.size())
            return writeFailed(path, out.errorString());
        return std::nullopt;
    });
}

} // namespace wb
