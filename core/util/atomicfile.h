#pragma once

// The one way the app writes a file a user sees or keeps (recipes, run history, exported models and their weights,
// tensors, scripts, SVG/PNG/CSV exports): the complete new content or, after a crash at any moment (SIGKILL
// included), the complete old one — never a torn file. QSaveFile underneath: a temporary file in the same folder,
// flushed and fsync'd, then rename(2)d over the target. No direct-write fallback: when the folder does not allow a
// temporary file, writing fails instead of writing in place. QSettings writes its own file the same way (see
// settings.h); tests/util/crashwriter.cpp and tst_crashsafe kill writers with SIGKILL to check all of them.
#include "util/result.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QIODevice;
class QSaveFile;

namespace wb {

// When `path` is a symlink: Follow writes the file it points to (what someone who picked the path in a dialog
// expects; QSaveFile's way); Replace puts a regular file in the link's place and never writes through it — for
// names a run derives in a folder others may write to (the recipe beside an OM), where a planted link must not
// redirect the write. Replace writes a temporary file created new (O_EXCL) beside `path`, fsyncs it and rename(2)s
// it over `path`, which replaces a link instead of following it.
enum class AtLink { Follow, Replace };

// Writes `bytes` to `path`. Errors: write_failed ("Cannot write <path>: <reason>.").
Result<bool> writeFileAtomically(const QString& path, const QByteArray& bytes, AtLink atLink = AtLink::Follow);

// For content produced by something that writes to a QIODevice (QImage::save, a streamed copy): `fill` writes to
// the device and returns an Error to abandon (returned as is; `path` is then untouched).
Result<bool> writeFileAtomically(const QString& path, const std::function<std::optional<Error>(QIODevice&)>& fill);

// The same writer for a file written in pieces over a longer stretch of code: open(), write to device(), commit().
// Destroyed without commit() (an error on the way), it discards what was written and `path` is untouched.
class AtomicFileWriter {
public:
    explicit AtomicFileWriter(const QString& path);
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    bool open();
    QIODevice& device();
    qint64 write(const QByteArray& bytes);
    qint64 write(const char* data, qint64 size);
    bool commit(); // false when a write failed or the rename did not happen
    QString errorString() const;

private:
    std::unique_ptr<QSaveFile> m_file;
};

} // namespace wb
