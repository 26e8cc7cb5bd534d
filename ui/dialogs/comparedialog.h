#pragma once

#include "reference/accuracy.h"

#include <QDialog>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace wb {

class LatestOnlyRunner;

// Accuracy in the app (Tools > Compare Outputs…): the reference's saved outputs (ONNX Runtime's output_N.pb) and a
// run's (the OM's output_N.bin), the tolerances, and one row per output with cosine, errors and PASS/FAIL. The
// comparison runs on a worker thread.
class CompareDialog : public QDialog {
    Q_OBJECT
public:
    explicit CompareDialog(QWidget* parent = nullptr);

    void setPaths(const QString& reference, const QString& actual);
    void compare(); // also what the Compare button does
    bool isComparing() const;
    QString statusText() const;
    QTableWidget* table() const { return m_table; }

signals:
    void compared(bool pass);

private:
    void showReport(const AccuracyReport& report);

    QLineEdit* m_reference;
    QLineEdit* m_actual;
    QDoubleSpinBox* m_atol;
    QDoubleSpinBox* m_rtol;
    QDoubleSpinBox* m_cosine;
    QPushButton* m_compare;
    QTableWidget* m_table;
    QLabel* m_status;
    LatestOnlyRunner* m_runner;
};

} // namespace wb
