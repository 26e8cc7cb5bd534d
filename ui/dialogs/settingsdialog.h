#pragma once

#include <QDialog>

class QLineEdit;
class QCheckBox;
class QComboBox;

namespace wb {

class Settings;

// Where the toolkit is (an atc binary or a toolkit folder), and logging. Changes apply on OK.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    SettingsDialog(Settings& settings, QWidget* parent = nullptr);
    void apply();

private:
    Settings& m_settings;
    QLineEdit* m_atc;
    QLineEdit* m_home;
    QCheckBox* m_verbose;
    QComboBox* m_language;
};

} // namespace wb
