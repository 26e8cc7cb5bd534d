#include "bundleexport.h"

#include "run/bundle.h"

#include <QDir>
#include <QtConcurrent/QtConcurrentRun>

namespace wb {

BundleExporter::BundleExporter(QObject* parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, [this] {
        const Outcome o = m_watcher.result();
        emit finished(o.ok, o.message, o.manifest);
    });
}

BundleExporter::~BundleExporter()
{
    m_watcher.waitForFinished();
}

bool BundleExporter::isRunning() const
{
    return m_watcher.isRunning();
}

bool BundleExporter::start(const QStringList& oms, const QString& folder)
{
    if (isRunning())
        return false;
    m_watcher.setFuture(QtConcurrent::run([oms, folder]() {
        Outcome o;
        QStringList warnings;
        const Result<BundleManifest> written = writeBundle(oms, folder, &warnings);
        if (!written.ok()) {
            o.message = written.error().message;
            return o;
        }
        o.ok = true;
        o.manifest = QDir(folder).absoluteFilePath(QStringLiteral("deploy.json"));
        QStringList batches;
        for (qint64 b : bundleBatches(written.value()))
            batches << QString::number(b);
        o.message = tr("Bundle written: %1 (%2 OMs, batch sizes %3).")
                        .arg(QDir::toNativeSeparators(o.manifest))
                        .arg(written.value().oms.size())
                        .arg(batches.join(QStringLiteral(", ")))
            + (warnings.isEmpty() ? QString() : QLatin1Char(' ') + warnings.join(QLatin1Char(' ')));
        return o;
    }));
    return true;
}

} // namespace wb
