#include "profilefiles.h"

#include "profilecsv.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace wb {

namespace {

constexpr int kMaxDepth = 6; // PROF_x/device_0/summary is 3 deep; torch_npu output a little deeper

// Files under `root` (at most kMaxDepth folders down) whose name matches one of `patterns`.
QStringList filesUnder(const QString& root, const QStringList& patterns)
{
    QStringList found;
    const int rootDepth = QDir::cleanPath(root).count(QLatin1Char('/'));
    QDirIterator it(root, patterns, QDir::Files | QDir::Readable, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        if (file.count(QLatin1Char('/')) - rootDepth <= kMaxDepth)
            found.append(file);
    }
    std::sort(found.begin(), found.end());
    return found;
}

QStringList inFolder(const QStringList& files, const QString& folder)
{
    QStringList kept;
    for (const QString& f : files) {
        if (QFileInfo(f).dir().dirName() == folder)
            kept.append(f);
    }
    return kept;
}

// The files of one kind, preferring the current layout over the older one (both exist after some exports;
// reading both would count every op twice).
QStringList pick(const QStringList& files)
{
    const QStringList current = inFolder(files, QStringLiteral("mindstudio_profiler_output"));
    if (!current.isEmpty())
        return current;
    const QStringList older = inFolder(files, QStringLiteral("summary"));
    if (!older.isEmpty())
        return older;
    return files;
}

} // namespace

Result<QStringList> findProfileFiles(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error { QStringLiteral("not_found"), QStringLiteral("%1 does not exist").arg(path), {} };
    if (info.isFile())
        return QStringList { info.absoluteFilePath() };
    const QString root = info.absoluteFilePath();
    for (const QStringList& patterns :
        { QStringList { QStringLiteral("op_summary*.csv") }, QStringList { QStringLiteral("op_statistic*.csv") },
            QStringList { QStringLiteral("kernel_details*.csv") } }) {
        const QStringList files = pick(filesUnder(root, patterns));
        if (!files.isEmpty())
            return files;
    }
    return Error { QStringLiteral("no_profile"),
        QStringLiteral("%1 holds no profile results: no op_summary_*.csv, op_statistic_*.csv or kernel_details.csv "
                       "(looked in mindstudio_profiler_output/, device_*/summary/ and ASCEND_PROFILER_OUTPUT/). If "
                       "msprof collected but did not export, run `msprof --export=on --output=%1`")
            .arg(path),
        {} };
}

Result<OpProfile> loadProfile(const QString& path, const std::function<bool()>& cancelled)
{
    auto files = findProfileFiles(path);
    if (!files)
        return files.error();
    ProfileCsvReader reader;
    QByteArray chunk(1 << 20, Qt::Uninitialized);
    for (const QString& name : files.value()) {
        QFile file(name);
        if (!file.open(QIODevice::ReadOnly))
            return Error { QStringLiteral("unreadable"),
                QStringLiteral("%1 cannot be read: %2").arg(name, file.errorString()), {} };
        reader.beginFile(name);
        while (true) {
            if (cancelled && cancelled())
                return Error { QStringLiteral("cancelled"), QStringLiteral("reading %1 was cancelled").arg(name), {} };
            const qint64 n = file.read(chunk.data(), chunk.size());
            if (n < 0)
                return Error { QStringLiteral("unreadable"),
                    QStringLiteral("%1 cannot be read: %2").arg(name, file.errorString()), {} };
            if (n == 0)
                break;
            if (!reader.feed(QByteArrayView(chunk.constData(), n)))
                break;
        }
        if (!reader.endFile())
            break;
    }
    return reader.finish();
}

} // namespace wb
