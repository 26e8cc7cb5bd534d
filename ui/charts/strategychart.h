#pragma once

#include "run/dispatchrun.h"

#include <QWidget>

class QCustomPlot;

namespace wb {

// The strategy chart of the Run page, side by side for one request stream: per-strategy latency distribution (a
// box from the 25th to the 75th percentile, whiskers at min and max, the median line, and the p99 marked), the
// latency budget as a dashed line across it, throughput (real samples per second) and padding waste (padded /
// executed samples) as bars.
class StrategyChart : public QWidget {
    Q_OBJECT
public:
    explicit StrategyChart(QWidget* parent = nullptr);

    void setRun(const DispatchRunResult& run, double budgetMs);
    void clear();
    bool savePng(const QString& path, int width = 1200, int height = 500);

    // What is drawn, for tests: strategy names in order, their p99 markers and the budget line (0: none).
    QStringList strategies() const { return m_names; }
    QList<double> p99Markers() const { return m_p99; }
    double budgetLine() const { return m_budget; }

private:
    QCustomPlot* m_latency;
    QCustomPlot* m_throughput;
    QCustomPlot* m_waste;
    QStringList m_names;
    QList<double> m_p99;
    double m_budget = 0;
};

} // namespace wb
