#pragma once

#include "onnx/onnxmodel.h"
#include "parsing/npusmi.h"
#include "remote/probe.h"
#include "remote/remotetarget.h"
#include "run/bench.h"

#include <QElapsedTimer>
#include <QMap>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTabWidget;
class QTimer;

namespace wb {

class LatencyCharts;
class OmRunnerOnHost;
class StrategyPanel;
class LatestOnlyRunner;
class ModelShapes;

// Run and compare: execute a model (ONNX on the CPU through ONNX Runtime, or an OM on an NPU through om-runner,
// ais_bench or msame), chart every iteration live, show the percentiles, and compare stored runs by batch size.
class RunPage : public QWidget {
    Q_OBJECT
public:
    explicit RunPage(QWidget* parent = nullptr); // with shapes of its own
    // Shows and edits the input shapes of `shapes`, the open model's one set of shapes.
    explicit RunPage(ModelShapes* shapes, QWidget* parent = nullptr);

    void setModel(const OnnxModelPtr& model);
    void addOmCandidates(const QStringList& omPaths); // outputs of the latest conversion, every batch variant
    // Sets the input shapes (ATC syntax) as if typed: into the shared shapes when it parses and names inputs of the
    // model; false (and the reason under the field) otherwise.
    bool setInputShapes(const QString& spec);
    QString inputShapesText() const;
    QString inputShapesError() const; // why the typed shapes were not taken ("" when they were)
    void setTimeBudget(double seconds); // 0: run the loop count
    QString progressText() const; // "Iteration 40 / 200 · about 8 s left" while running
    const BenchRun* benchRun() const { return m_run; }
    QString warningsText() const; // the run's warnings (the CLI prints the same), "" when none
    void setHistoryFolder(const QString& folder);
    void setDevices(const QList<NpuDevice>& devices, const QString& note);
    // A host's NPUs (its probe's npu-smi) as targets "HOST · NPU N": a run there goes through `target`, with the
    // runner found on its PATH (`runners`: name -> path there). No devices: the host's targets go.
    void setHostDevices(
        const QString& host, const RemoteTarget& target, const ProbeFacts& facts, const QList<NpuDevice>& devices);
    bool selectTarget(const QString& value); // "cpu", "npu:0", "host:NAME:npu:0"; false when not listed

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
    void runStarted(const wb::BenchRequest& request);
    void runFinished(bool ok);
    void hostsRefreshRequested(); // the refresh button beside the targets: probe the hosts again

private:
    void onFinished(const BenchResult& result);
    void showSharedShapes(); // the shared static input shapes into the field
    void takeTypedShapes();
    void updateProgress();
    void showStats(const BenchResult& result);
    void reloadHistory();
    void showHistory(const QList<BenchResult>& history);
    void updateComparison();

    void startRun(const BenchRequest& request);
    struct HostTarget {
        RemoteTarget target;
        ProbeFacts facts; // the probe's: architecture, C library, runners on the host's PATH
    };
    QMap<QString, HostTarget> m_hostTargets;
    OmRunnerOnHost* m_omRunnerOnHost = nullptr; // finding or making om-runner on a host before a run there
    QStringList m_runNotes; // how the runner on a host was chosen: shown with the run's warnings
    OnnxModelPtr m_model;
    ModelShapes* m_state;
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
    QLabel* m_shapesError;
    QLabel* m_warnings;
    QProgressBar* m_progress;
    QDoubleSpinBox* m_timeBudget;
    QTimer* m_progressTicker; // refreshes the progress line (not once per iteration)
    LatestOnlyRunner* m_historyIo; // stores a finished run and reads the history back
    QElapsedTimer m_runClock;
    int m_warmupsDone = 0;
    QString m_preparing; // on a host, before the first warm-up: "Uploading model.om (12.3 MiB) to board"
    int m_iterationsDone = 0;
    QTableWidget* m_stats;
    LatencyCharts* m_charts;
    QListWidget* m_runs;
    QDoubleSpinBox* m_budget;
    StrategyPanel* m_strategies; // the "Strategies" tab: per-batch / dynamic / max for a request mix
    QTabWidget* m_tabs;
};

} // namespace wb
