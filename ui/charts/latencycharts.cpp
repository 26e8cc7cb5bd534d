#include "latencycharts.h"
#include "imagefile.h"
#include "plotpalette.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QFontMetricsF>
#include <QTextLayout>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace wb {

namespace {

constexpr int kFrameMs = 33; // at most 30 replots a second
constexpr int kBins = 30;

QCustomPlot* makePlot(const QString& x, const QString& y, QWidget* parent)
{
    auto* plot = new QCustomPlot(parent);
    followPalette(plot, QApplication::palette());
    plot->xAxis->setLabel(x);
    plot->yAxis->setLabel(y);
    plot->setMinimumHeight(160);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    return plot;
}

} // namespace

LatencyCharts::LatencyCharts(QWidget* parent)
    : QWidget(parent)
    , m_trace(makePlot(tr("iteration"), tr("latency (ms)"), this))
    , m_histogram(makePlot(tr("latency (ms)"), tr("iterations"), this))
    , m_compare(makePlot(tr("batch size"), tr("mean latency (ms)"), this))
    , m_throttle(new QTimer(this))
    , m_traceHint(addHint(m_trace, tr("Press Run: the latency of every iteration is drawn here as it runs.")))
    , m_histogramHint(addHint(m_histogram, tr("The spread of the latencies shows here once iterations come in.")))
{
    setObjectName(QStringLiteral("latencyCharts"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* top = new QHBoxLayout;
    top->addWidget(m_trace, 3);
    top->addWidget(m_histogram, 2);
    layout->addLayout(top, 1);
    layout->addWidget(m_compare, 1);

    m_trace->addGraph();
    m_trace->graph(0)->setPen(QPen(QColor(0x1e, 0x88, 0xe5), 1.2));
    m_trace->graph(0)->setName(tr("per iteration"));
    // A 100,000-iteration trace is a dense zigzag: stroked as one antialiased wide polyline it took the raster
    // engine over a second per frame (wb_bench_responsiveness); fast polylines draw it in a few milliseconds.
    m_trace->graph(0)->setAdaptiveSampling(true);
    m_trace->setPlottingHint(QCP::phFastPolylines, true);
    auto* bars = new QCPBars(m_histogram->xAxis, m_histogram->yAxis);
    bars->setBrush(QColor(0x1e, 0x88, 0xe5, 160));
    bars->setPen(QPen(QColor(0x15, 0x65, 0xc0)));

    m_compare->yAxis2->setVisible(true);
    m_compare->yAxis2->setLabel(tr("throughput (samples/s)"));
    m_compare->legend->setVisible(true);
    m_compare->addGraph(m_compare->xAxis, m_compare->yAxis);
    m_compare->graph(0)->setName(tr("mean latency"));
    m_compare->graph(0)->setPen(QPen(QColor(0x1e, 0x88, 0xe5), 2));
    m_compare->graph(0)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 7));
    m_compare->addGraph(m_compare->xAxis, m_compare->yAxis2);
    m_compare->graph(1)->setName(tr("throughput"));
    m_compare->graph(1)->setPen(QPen(QColor(0xe5, 0x73, 0x1e), 2));
    m_compare->graph(1)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, 7));

    m_throttle->setInterval(kFrameMs);
    connect(m_throttle, &QTimer::timeout, this, [this] {
        if (m_dirty)
            replotNow();
        else
            m_throttle->stop();
    });
    setComparison({});
}

LatencyCharts::~LatencyCharts() = default;

QCPItemText* LatencyCharts::addHint(QCustomPlot* plot, const QString& text)
{
    // In the middle of the axis rect, whatever the ranges: an empty chart says what will fill it.
    auto* hint = new QCPItemText(plot);
    hint->position->setType(QCPItemPosition::ptAxisRectRatio);
    hint->position->setCoords(0.5, 0.5);
    hint->setPositionAlignment(Qt::AlignCenter);
    hint->setTextAlignment(Qt::AlignCenter);
    hint->setColor(plot->palette().color(QPalette::PlaceholderText));
    // Lines as wide as the chart allows (the histogram is a third of the width), rewrapped whenever the plot is laid
    // out; broken where Unicode allows a line break, so that Chinese, which has no spaces, wraps as well as English.
    hint->setProperty("wbHint", text); // the text as one line, for traceHint() and compareHint()
    const auto wrap = [hint, plot, text] {
        const QFontMetricsF fm(hint->font());
        const qreal width = plot->axisRect()->width() > 0 ? plot->axisRect()->width() - 2 * fm.averageCharWidth()
                                                          : 30 * fm.averageCharWidth();
        QTextLayout layout(text, hint->font());
        layout.beginLayout();
        QStringList lines;
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
            line.setLineWidth(width);
            lines.append(text.mid(line.textStart(), line.textLength()).trimmed());
        }
        layout.endLayout();
        hint->setText(lines.join(QLatin1Char('\n')));
    };
    wrap();
    connect(plot, &QCustomPlot::afterLayout, hint, wrap); // the hint as context: gone with it
    hint->setClipToAxisRect(false);
    return hint;
}

QString LatencyCharts::traceHint() const
{
    return m_traceHint->visible() ? m_traceHint->property("wbHint").toString() : QString();
}

QString LatencyCharts::compareHint() const
{
    return m_compareHint && m_compareHint->visible() ? m_compareHint->property("wbHint").toString() : QString();
}

void LatencyCharts::clearTrace()
{
    m_samples.clear();
    m_dirty = true;
    replotNow();
}

void LatencyCharts::addSample(double ms)
{
    m_samples.append(ms);
    m_dirty = true;
    if (!m_throttle->isActive())
        m_throttle->start();
}

void LatencyCharts::setSamples(const QVector<double>& ms)
{
    m_samples = ms;
    m_dirty = true;
    replotNow();
}

void LatencyCharts::replotNow()
{
    m_dirty = false;
    ++m_replots;
    QVector<double> x(m_samples.size());
    std::iota(x.begin(), x.end(), 1.0);
    m_trace->graph(0)->setData(x, m_samples, true);
    m_traceHint->setVisible(m_samples.isEmpty());
    m_histogramHint->setVisible(m_samples.isEmpty());
    m_trace->rescaleAxes();
    if (!m_samples.isEmpty())
        m_trace->yAxis->setRangeLower(0);
    m_trace->replot(QCustomPlot::rpQueuedReplot);

    auto* bars = qobject_cast<QCPBars*>(m_histogram->plottable(0));
    if (!m_samples.isEmpty()) {
        const auto [lo, hi] = std::minmax_element(m_samples.cbegin(), m_samples.cend());
        const double width = std::max((*hi - *lo) / kBins, 1e-6);
        QVector<double> keys(kBins), counts(kBins, 0);
        for (int i = 0; i < kBins; ++i)
            keys[i] = *lo + (i + 0.5) * width;
        for (double v : m_samples)
            counts[std::min(kBins - 1, int((v - *lo) / width))] += 1;
        bars->setWidth(width * 0.9);
        bars->setData(keys, counts, true);
    } else {
        bars->data()->clear();
    }
    m_histogram->rescaleAxes();
    m_histogram->replot(QCustomPlot::rpQueuedReplot);
}

void LatencyCharts::setComparison(const QList<Series>& series, double budgetMs)
{
    QList<Series> sorted = series;
    std::sort(sorted.begin(), sorted.end(), [](const Series& a, const Series& b) { return a.batch < b.batch; });
    QVector<double> batch, mean, throughput;
    for (const Series& s : sorted) {
        batch.append(s.batch);
        mean.append(s.meanMs);
        throughput.append(s.throughput);
    }
    m_compare->graph(0)->setData(batch, mean, true);
    m_compare->graph(1)->setData(batch, throughput, true);
    m_compare->clearItems();
    if (budgetMs > 0) {
        auto* line = new QCPItemStraightLine(m_compare);
        line->point1->setCoords(0, budgetMs);
        line->point2->setCoords(1, budgetMs);
        line->setPen(QPen(QColor(0xc6, 0x28, 0x28), 1.5, Qt::DashLine));
        // The best variant under the budget: highest throughput whose mean latency fits.
        const Series* best = nullptr;
        for (const Series& s : sorted) {
            if (s.meanMs <= budgetMs && (!best || s.throughput > best->throughput))
                best = &s;
        }
        if (best) {
            auto* label = new QCPItemText(m_compare);
            label->position->setCoords(best->batch, best->meanMs);
            label->setPositionAlignment(Qt::AlignBottom | Qt::AlignHCenter);
            label->setText(tr("best under %1 ms: %2").arg(budgetMs).arg(best->label));
            label->setColor(QColor(0x2e, 0x7d, 0x32));
        }
    }
    QList<double> batches;
    for (const Series& s : sorted) {
        if (!batches.contains(s.batch))
            batches.append(s.batch);
    }
    if (batches.size() < 2) {
        // One batch size says nothing about scaling: say how to get a comparison.
        m_compareHint = addHint(m_compare,
            sorted.isEmpty() ? tr("Tick runs in the list to plot their latency and throughput against batch size.")
                             : tr("Tick runs of different batch sizes to compare."));
    } else {
        m_compareHint = nullptr;
    }
    m_compare->xAxis->rescale();
    m_compare->xAxis->scaleRange(1.2);
    // From 0 to the highest point and some headroom, so that no point is drawn on the chart's top edge (a single
    // point would be put in the middle of a range around it by rescaling, under the hint). The throughput axis has
    // more, so that a single run's two points do not land on each other.
    const auto highest = [](const QVector<double>& values) {
        return values.isEmpty() ? 0.0 : *std::max_element(values.cbegin(), values.cend());
    };
    m_compare->yAxis->setRange(0, highest(mean) > 0 ? highest(mean) * 1.15 : 5.0);
    m_compare->yAxis2->setRange(0, highest(throughput) > 0 ? highest(throughput) * 1.4 : 5.0);
    if (budgetMs > 0)
        m_compare->yAxis->setRangeUpper(std::max(m_compare->yAxis->range().upper, budgetMs * 1.15));
    if (m_compareHint && !sorted.isEmpty()) {
        // Clear of the run's points: where they are, from the top (0) to the bottom (1) of the chart.
        QList<double> taken;
        for (const Series& r : sorted) {
            taken.append(1.0 - r.meanMs / m_compare->yAxis->range().upper);
            taken.append(1.0 - r.throughput / m_compare->yAxis2->range().upper);
        }
        for (const double y : { 0.7, 0.3, 0.5, 0.9 }) {
            if (std::none_of(taken.cbegin(), taken.cend(), [y](double t) { return std::abs(t - y) < 0.12; })) {
                m_compareHint->position->setCoords(0.5, y);
                break;
            }
        }
    }
    m_compare->replot();
}

bool LatencyCharts::savePng(const QString& path, int width, int height)
{
    return savePngAtomically(grab().scaled(width, height, Qt::KeepAspectRatio, Qt::SmoothTransformation), path).ok();
}

} // namespace wb
