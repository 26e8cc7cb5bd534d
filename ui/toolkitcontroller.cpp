#include "toolkitcontroller.h"

#include "logging/logging.h"
#include "settings/settings.h"
#include "util/latestonly.h"

namespace wb {

ToolkitController::ToolkitController(Settings& settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_runner(new LatestOnlyRunner(this))
{
}

bool ToolkitController::isBusy() const
{
    return m_runner->isBusy();
}

void ToolkitController::refresh()
{
    const ToolkitSearch search = ToolkitSearch::fromEnvironment(
        QProcessEnvironment::systemEnvironment(), m_settings.atcPath(), m_settings.toolkitHome());
    clearToolkitCache();
    m_runner->submit<AtcToolkit>([search] { return discoverToolkit(search); },
        [this](const AtcToolkit& toolkit) {
            m_toolkit = toolkit;
            log::atc()->info("Toolkit: {}", toolkitStatus(toolkit).toStdString());
            emit toolkitChanged(m_toolkit);
        });
}

} // namespace wb
