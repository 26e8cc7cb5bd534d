#pragma once

#include <QVector>
#include <QWidget>

class QCPItemText;
class QCustomPlot;
class QTimer;

namespace wb {

// The run charts (the only place that includes qcustomplot.h): a live per-iteration trace, a histogram, and a
// comparison of runs by batch size (latency and per-sample throughput). Replots are throttled to 30 Hz, so a run
// of any length costs a bounded number of redraws.
class LatencyCharts : public QWidget {
    Q_OBJECT
public:
    explicit LatencyCharts(QWidget* parent = nullptr);
    ~LatencyCharts() override;

    void clearTrace();
    void addSample(double ms); // cheap: appends and marks the chart dirty
    void setSamples(const QVector<double>& ms);
    int sampleCount() const { return int(m_samples.size()); }

    struct Series {
        QString label; // "resnet b4 (npu:0)"
        double batch = 1;
        double meanMs = 0;
        double p99Ms = 0;
        double throughput = 0; // samples per second
    };
    void setComparison(const QList<Series>& series, double budgetMs = 0);
    int replotCount() const { return m_replots; }
    // What an empty chart says comes next ("" while the chart has something to show).
    QString traceHint() const;
    QString compareHint() const;
    bool savePng(const QString& path, int width = 1200, int height = 900);

private:
    void replotNow();
    static QCPItemText* addHint(QCustomPlot* plot, const QString& text);

    QCustomPlot* m_trace;
    QCustomPlot* m_histogram;
    QCustomPlot* m_compare;
    QTimer* m_throttle;
    QCPItemText* m_traceHint;
    QCPItemText* m_histogramHint;
    QCPItemText* m_compareHint = nullptr; // remade by setComparison (which clears the plot's items)
    QVector<double> m_samples;
    bool m_dirty = false;
    int m_replots = 0;
};

} // namespace wb
