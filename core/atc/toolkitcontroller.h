#pragma once

#include "atc/toolkit.h"
#include "parsing/npusmi.h"

#include <QObject>

namespace wb {

class LatestOnlyRunner;
class Settings;

// Finds the CANN toolkit and the NPUs off the GUI thread (both run child processes) and tells the pages.
class ToolkitController : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ToolkitController)
public:
    ToolkitController(Settings& settings, QObject* parent = nullptr);

    void refresh(); // runs discovery again (after the settings changed)
    void refreshDevices(); // asks `npu-smi info` which NPUs this machine has (none when npu-smi is missing)
    const AtcToolkit& toolkit() const { return m_toolkit; }
    bool isBusy() const;

signals:
    void toolkitChanged(const wb::AtcToolkit& toolkit);
    // `note` says why the list is empty (npu-smi missing, failed, printed no table).
    void devicesChanged(const QList<wb::NpuDevice>& devices, const QString& note);

private:
    Settings& m_settings;
    LatestOnlyRunner* m_runner;
    LatestOnlyRunner* m_devices;
    AtcToolkit m_toolkit;
};

} // namespace wb
