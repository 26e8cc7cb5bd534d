#include "modelloader.h"

#include "logging/logging.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace wb {

ModelLoader::ModelLoader(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<wb::OnnxModelPtr>();
    qRegisterMetaType<wb::Error>();
}

ModelLoader::~ModelLoader()
{
    // Watchers are children; their futures finish on the pool and are then discarded.
}

void ModelLoader::load(const QString& path)
{
    const quint64 generation = ++m_generation;
    m_currentPath = path;
    if (m_running++ == 0)
        emit busyChanged(true);
    emit loadStarted(path);
    log::onnx()->info("Loading {}", path.toStdString());

    auto* watcher = new QFutureWatcher<Result<OnnxModelPtr>>(this);
    connect(watcher, &QFutureWatcher<Result<OnnxModelPtr>>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        const Result<OnnxModelPtr> result = watcher->result();
        if (--m_running == 0)
            emit busyChanged(false);
        if (generation != m_generation) {
            log::onnx()->debug("Dropping a stale load result");
            return;
        }
        if (result.ok()) {
            emit loaded(result.value());
        } else {
            log::onnx()->warn("Load failed [{}]: {}", result.error().code.toStdString(),
                result.error().message.toStdString());
            emit loadFailed(result.error());
        }
    });
    watcher->setFuture(QtConcurrent::run([path] { return OnnxModel::load(path); }));
}

} // namespace wb
