#include "util/atomicfile.h"

#include <QDir>
#include <QSaveFile>
#include <QTemporaryFile>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

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

namespace {

Result<bool> replaceAtomically(const QString& path, const QByteArray& bytes)
{
    QTemporaryFile file(path + QStringLiteral(".XXXXXX")); // created new: never an entry someone placed there
    if (!file.open())
        return writeFailed(path, file.errorString());
    file.setPermissions(
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
    if (file.write(bytes) != bytes.size() || !file.flush() || ::fsync(file.handle()) != 0)
        return writeFailed(path, file.errorString());
    file.close();
    if (std::rename(QFile::encodeName(file.fileName()).constData(), QFile::encodeName(path).constData()) != 0)
        return writeFailed(path, QString::fromLocal8Bit(std::strerror(errno)));
    file.setAutoRemove(false); // it is `path` now
    return true;
}

} // namespace

Result<bool> writeFileAtomically(const QString& path, const QByteArray& bytes, AtLink atLink)
{
    if (atLink == AtLink::Replace)
        return replaceAtomically(path, bytes);
    return writeFileAtomically(path, [&path, &bytes](QIODevice& out) -> std::optional<Error> {
        if (out.write(bytes) != bytes.size())
            return writeFailed(path, out.errorString());
        return std::nullopt;
    });
}

} // namespace wb
