#pragma once

#include "onnxmodel.h"
#include "util/latestonly.h"

#include <QObject>

namespace wb {

// Loads models on a worker thread. Only the newest request reports: a load started while another is
// running makes the older result stale, and it is dropped.
class ModelLoader : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelLoader)
public:
    explicit ModelLoader(QObject* parent = nullptr);

    void load(const QString& path);
    bool isLoading() const { return m_runner->isBusy(); }
    QString currentPath() const { return m_currentPath; }

signals:
    void loadStarted(const QString& path);
    void loaded(wb::OnnxModelPtr model);
    void loadFailed(const wb::Error& error);
    void busyChanged(bool busy);

private:
    LatestOnlyRunner* m_runner;
    QString m_currentPath;
};

} // namespace wb

Q_DECLARE_METATYPE(wb::OnnxModelPtr)
Q_DECLARE_METATYPE(wb::Error)
