#include "toolkitcontroller.h"

#include "logging/logging.h"
#include "process/toolcapture.h"
#include "settings/settings.h"
#include "util/latestonly.h"

#include <QStandardPaths>

namespace wb {

ToolkitController::ToolkitController(Settings& settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_runner(new LatestOnlyRunner(this))
    , m_devices(new LatestOnlyRunner(this))
{
}

bool ToolkitController::isBusy() const
{
    return m_runner->isBusy() || m_devices->isBusy();
}

void ToolkitController::refresh()
{
    const ToolkitSearch search = ToolkitSearch::fromEnvironment(
        QProcessEnvironment::systemEnvironment(), m_settings.atcPath(), m_settings.toolkitHome());
    clearToolkitCache();
    m_runner->submit<AtcToolkit>([search] { return discoverToolkit(search); },
        [this](const AtcToolkit& toolkit) {
            m_toolkit = toolkit;
            log::atc()->info("Toolkit: {}", toolkitStatus(toolkit));
            emit toolkitChanged(m_toolkit);
        });
}

} // namespace wb

namespace wb {

namespace {
struct DeviceProbe {
    QList<NpuDevice> devices;
    QString note;
};
} // namespace

void ToolkitController::refreshDevices()
{
    m_devices->submit<DeviceProbe>(
        [] {
            DeviceProbe probe;
            const QString npuSmi = QStandardPaths::findExecutable(QStringLiteral("npu-smi"));
            if (npuSmi.isEmpty()) {
                probe.note = QObject::tr("npu-smi was not found on PATH: this machine shows no NPU (install the Ascend "
                                         "driver, or run on a board).");
                return probe;
            }
            ToolInvocation invocation;
            invocation.program = npuSmi;
            invocation.arguments = { QStringLiteral("info") };
            invocation.timeoutMs = 10000;
            const ToolCapture capture = runToCompletion(invocation);
            const auto parsed = parseNpuSmiInfo(capture.out);
            if (!parsed.ok()) {
                probe.note = QObject::tr("npu-smi info gave no device table: %1").arg(parsed.error().message);
                return probe;
            }
            probe.devices = parsed.value().devices;
            return probe;
        },
        [this](const DeviceProbe& probe) {
            log::run()->info("NPUs: {} ({})", probe.devices.size(), probe.note);
            emit devicesChanged(probe.devices, probe.note);
        });
}

} // namespace wb
