#pragma once

#include "atc/toolkit.h"

#include <QObject>

namespace wb {

class LatestOnlyRunner;
class Settings;

// Finds the CANN toolkit off the GUI thread (discovery runs child processes) and tells the pages.
class ToolkitController : public QObject {
    Q_OBJECT
public:
    ToolkitController(Settings& settings, QObject* parent = nullptr);

    void refresh(); // runs discovery again (after the settings changed)
    const AtcToolkit& toolkit() const { return m_toolkit; }
    bool isBusy() const;

signals:
    void toolkitChanged(const wb::AtcToolkit& toolkit);

private:
    Settings& m_settings;
    LatestOnlyRunner* m_runner;
    AtcToolkit m_toolkit;
};

} // namespace wb
