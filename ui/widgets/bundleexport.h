#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>

namespace wb {

// Writes a deployment bundle (run/bundle.h: the OMs copied into a folder with deploy.json) on a worker thread, for
// Export Bundle… on the ATC Run page; finished() follows every accepted start().
class BundleExporter : public QObject {
    Q_OBJECT
public:
    explicit BundleExporter(QObject* parent = nullptr);
    ~BundleExporter() override;

    // False (nothing happens) while an export runs.
    bool start(const QStringList& oms, const QString& folder);
    bool isRunning() const;

    struct Outcome {
        bool ok = false;
        QString message; // what was written, or the error naming the file
        QString manifest; // deploy.json when ok
    };

signals:
    void finished(bool ok, const QString& message, const QString& manifest);

private:
    QFutureWatcher<Outcome> m_watcher;
};

} // namespace wb
