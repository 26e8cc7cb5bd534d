#pragma once

#include <QDialog>

class QLineEdit;
class QCheckBox;
class QComboBox;
class QTabWidget;

namespace wb {

class HostConnections;
class HostsSettings;
class Settings;

// Where the toolkit is (an atc binary or a toolkit folder), logging and the language: applied on OK. The Hosts tab
// (remote hosts over SSH) saves as it changes; `connections` runs its probes (the window's, so the status bar sees
// them; a private one when null).
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    SettingsDialog(Settings& settings, QWidget* parent = nullptr);
    SettingsDialog(Settings& settings, HostConnections* connections, QWidget* parent = nullptr);
    void apply();
    void showHosts(); // brings the Hosts tab to the front
    HostsSettings* hosts() const { return m_hosts; }

private:
    Settings& m_settings;
    QLineEdit* m_atc;
    QLineEdit* m_home;
    QCheckBox* m_verbose;
    QComboBox* m_language;
    QTabWidget* m_tabs = nullptr;
    HostsSettings* m_hosts = nullptr;
};

} // namespace wb
