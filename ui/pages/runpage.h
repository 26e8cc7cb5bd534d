#pragma once

#include "onnx/onnxmodel.h"
#include "parsing/npusmi.h"
#include "run/bench.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTabWidget;

namespace wb {

class LatencyCharts;
class StrategyPanel;

// Run and compare: execute a model (ONNX on the CPU through ONNX Runtime, or an OM on an NPU through om-runner,
// ais_bench or msame), chart every iteration live, show the percentiles, and compare stored runs by batch size.
class RunPage : public QWidget {
    Q_OBJECT
public:
    explicit RunPage(QWidget* parent = nullptr);

    void setModel(const OnnxModelPtr& model);
    void addOmCandidates(const QStringList& omPaths); // outputs of the latest conversion, every batch variant
    void setInputShapes(const QString& spec);
    void setHistoryFolder(const QString& folder);
    void setDevices(const QList<NpuDevice>& devices, const QString& note);

    BenchRequest request() const;
    void run(); // starts the request the form describes
    bool isRunning() const;
    const BenchResult& lastResult() const { return m_last; }
    LatencyCharts* charts() const { return m_charts; }
    StrategyPanel* strategies() const { return m_strategies; }
    void showStrategies(); // brings the Strategies tab to the front
    QString statsText() const;
    int historyCount() const;
    void compareAll(); // checks every stored run and plots them against batch size
    bool exportCsv(const QString& path) const;

signals:
    void runFinished(bool ok);

private:
    void onFinished(const BenchResult& result);
    void showStats(const BenchResult& result);
    void reloadHistory();
    void updateComparison();

    OnnxModelPtr m_model;
    BenchRun* m_run;
    BenchResult m_last;
    QList<BenchResult> m_history;
    QString m_historyFolder;
    QComboBox* m_target;
    QComboBox* m_modelPath;
    QComboBox* m_runner;
    QSpinBox* m_warmup;
    QSpinBox* m_loops;
    QComboBox* m_inputs;
    QLineEdit* m_shapes;
    QLineEdit* m_outputDir; // empty: outputs are not kept
    QLabel* m_outputHint; // random inputs + kept outputs: they will not compare across runners
    QCheckBox* m_profileOps; // om-runner --profile (NPU only)
    QCheckBox* m_underMsprof; // run the NPU runner under msprof (when msprof is found)
    QPushButton* m_start;
    QPushButton* m_cancel;
    QLabel* m_status;
    QTableWidget* m_stats;
    LatencyCharts* m_charts;
    QListWidget* m_runs;
    QDoubleSpinBox* m_budget;
    StrategyPanel* m_strategies; // the "Strategies" tab: per-batch / dynamic / max for a request mix
    QTabWidget* m_tabs;
};

} // namespace wb
