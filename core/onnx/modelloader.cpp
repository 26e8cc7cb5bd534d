#include "modelloader.h"

#include "logging/logging.h"

namespace wb {

ModelLoader::ModelLoader(QObject* parent)
    : QObject(parent)
    , m_runner(new LatestOnlyRunner(this))
{
    qRegisterMetaType<wb::OnnxModelPtr>();
    qRegisterMetaType<wb::Error>();
    connect(m_runner, &LatestOnlyRunner::busyChanged, this, &ModelLoader::busyChanged);
}

void ModelLoader::load(const QString& path)
{
    m_currentPath = path;
    emit loadStarted(path);
    log::onnx()->info("Loading {}", path);
    m_runner->submit<Result<OnnxModelPtr>>([path] { return OnnxModel::load(path); },
        [this](const Result<OnnxModelPtr>& result) {
            if (result.ok()) {
                emit loaded(result.value());
                return;
            }
            log::onnx()->warn("Load failed [{}]: {}", result.error().code, result.error().message);
            emit loadFailed(result.error());
        });
}

} // namespace wb
