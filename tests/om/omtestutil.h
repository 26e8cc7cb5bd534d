#pragma once

// What the OM reader tests (tst_ombinary, tst_omjson) share: a scratch folder to write files into, and the check
// that a bad file is refused with a clear error. Test code only.
#include "om/ommodel.h"

#include <QFile>
#include <QString>
#include <QTemporaryDir>

namespace omtest {

// Files written for one test program, removed with it.
class Scratch {
public:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    // Writes `bytes` to `name` and returns its path (a test cannot go on without it: fatal when it fails).
    QString write(const QString& name, const QByteArray& bytes) const
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private:
    QTemporaryDir m_dir;
};

// Why readOmFile(path) did not refuse the file as expected: "" when it failed with `code` and a message that
// contains `says` and names the file.
inline QString refusal(const QString& path, const QString& code, const QString& says)
{
    const wb::Result<wb::OmModel> read = wb::readOmFile(path);
    if (read.ok())
        return QStringLiteral("%1 was read").arg(path);
    if (read.error().code != code)
        return QStringLiteral("code %1, expected %2").arg(read.error().code, code);
    if (!read.error().message.contains(says) || !read.error().message.contains(path))
        return QStringLiteral("the message does not say '%1' and name the file: %2").arg(says, read.error().message);
    return {};
}

} // namespace omtest
