#pragma once

#include "run/dispatchrun.h"

#include <QFutureWatcher>
#include <QWidget>

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace wb {

class StrategyChart;

// The Run page's strategy tab: which deployment is fastest for my traffic within my latency budget? One request
// stream (a mix of request sizes, seeded) runs with each strategy (per-batch OMs, one dynamic-batch OM, always the
// largest) on the CPU (ONNX Runtime, one session per batch size) or on an NPU (a bundle through om-runner), on a
// worker thread. The chart shows the latency distribution with p99 and the budget, throughput and padding waste;
// the recommendation names the batch sizes and strategy with one sentence, from a search over every subset of the
// batch sizes (run/subsetsearch.h: the sets table shows the best ones); Build These Variants asks for the
// recommended batch sizes that are not built yet. Runs are stored in the run history and listed for comparison.
class StrategyPanel : public QWidget {
    Q_OBJECT
public:
    explicit StrategyPanel(QWidget* parent = nullptr);
    ~StrategyPanel() override;

    void setModelPath(const QString& onnx);
    void setBundlePath(const QString& deployJson);
    void setBuiltBatches(const QList<qint64>& batches); // OM variants that exist (Build These Variants skips them)
    void setHistoryFolder(const QString& folder);
    void setInputShapes(const QString& spec);
    void setLatencyBudget(double ms); // 0: none

    DispatchRunRequest request() const;
    void run();
    bool isRunning() const;
    void showRun(const DispatchRunResult& run); // also for a stored run
    const DispatchRunResult& lastRun() const { return m_last; }
    StrategyChart* chart() const { return m_chart; }
    QString recommendationText() const;
    QTableWidget* subsetsTable() const { return m_subsets; } // the best sets of batch sizes, best first
    QList<qint64> unbuiltRecommendation() const; // recommended batch sizes not in setBuiltBatches
    int storedRuns() const;

signals:
    void buildVariantsRequested(const QList<qint64>& batches);
    void runFinished(bool ok);

private:
    void finished();
    void reloadHistory();
    void showSubsets();

    QComboBox* m_target;
    QLineEdit* m_model;
    QLineEdit* m_bundle;
    QLineEdit* m_batches;
    QLineEdit* m_mix;
    QSpinBox* m_count;
    QSpinBox* m_seed;
    QCheckBox* m_perBatch;
    QCheckBox* m_dynamic;
    QCheckBox* m_max;
    QDoubleSpinBox* m_budget;
    QLineEdit* m_shapes;
    QPushButton* m_start;
    QPushButton* m_cancel;
    QLabel* m_status;
    StrategyChart* m_chart;
    QLabel* m_recommendation;
    QLabel* m_subsetsCaption;
    QTableWidget* m_subsets;
    QPushButton* m_build;
    QListWidget* m_runs;
    QList<qint64> m_built;
    QString m_historyFolder;
    QList<QJsonObject> m_stored;
    DispatchRunResult m_last;
    QFutureWatcher<DispatchRunResult> m_watcher;
    std::shared_ptr<std::atomic_bool> m_cancelFlag;
};

} // namespace wb
