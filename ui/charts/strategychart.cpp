#include "strategychart.h"
#include "imagefile.h"
#include "plotpalette.h"

#include "util/percentile.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QHBoxLayout>

#include <algorithm>

namespace wb {

namespace {

const QColor kBox(0x1e, 0x88, 0xe5);
const QColor kP99(0xc6, 0x28, 0x28);
const QColor kThroughput(0x2e, 0x7d, 0x32);
const QColor kWaste(0xe5, 0x73, 0x1e);

QCustomPlot* makePlot(const QString& y, QWidget* parent)
{
    auto* plot = new QCustomPlot(parent);
    followPalette(plot, QApplication::palette());
    plot->yAxis->setLabel(y);
    plot->setMinimumHeight(180);
    plot->setMinimumWidth(90);
    return plot;
}

void setNames(QCustomPlot* plot, const QStringList& names)
{
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < names.size(); ++i)
        ticker->addTick(i + 1, names[i]);
    plot->xAxis->setTicker(ticker);
    plot->xAxis->setRange(0.4, names.size() + 0.6);
}

} // namespace

StrategyChart::StrategyChart(QWidget* parent)
    : QWidget(parent)
    , m_latency(makePlot(tr("request latency (ms)"), this))
    , m_throughput(makePlot(tr("throughput (samples/s)"), this))
    , m_waste(makePlot(tr("padding waste (%)"), this))
{
    setObjectName(QStringLiteral("strategyChart"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_latency, 3);
    layout->addWidget(m_throughput, 2);
    layout->addWidget(m_waste, 2);
    m_latency->xAxis->setLabel(tr("box 25–75 %, whiskers min–max, ◆ p99"));
}

void StrategyChart::clear()
{
    for (QCustomPlot* plot : { m_latency, m_throughput, m_waste }) {
        plot->clearPlottables();
        plot->clearItems();
        plot->replot();
    }
    m_names.clear();
    m_p99.clear();
    m_budget = 0;
}

void StrategyChart::setRun(const DispatchRunResult& run, double budgetMs)
{
    clear();
    m_budget = budgetMs > 0 ? budgetMs : 0;
    for (const wb::dispatch::Measured& m : run.measured)
        m_names << QString::fromLatin1(wb::dispatch::strategyName(m.strategy));
    for (QCustomPlot* plot : { m_latency, m_throughput, m_waste })
        setNames(plot, m_names);

    auto* boxes = new QCPStatisticalBox(m_latency->xAxis, m_latency->yAxis);
    boxes->setBrush(QColor(kBox.red(), kBox.green(), kBox.blue(), 90));
    boxes->setPen(QPen(kBox.darker(130), 1.2));
    boxes->setWidth(0.5);
    auto* p99 = m_latency->addGraph();
    p99->setLineStyle(QCPGraph::lsNone);
    p99->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, kP99, kP99, 10));
    auto* throughput = new QCPBars(m_throughput->xAxis, m_throughput->yAxis);
    throughput->setBrush(QColor(kThroughput.red(), kThroughput.green(), kThroughput.blue(), 170));
    throughput->setPen(QPen(kThroughput.darker(130)));
    throughput->setWidth(0.5);
    auto* waste = new QCPBars(m_waste->xAxis, m_waste->yAxis);
    waste->setBrush(QColor(kWaste.red(), kWaste.green(), kWaste.blue(), 170));
    waste->setPen(QPen(kWaste.darker(130)));
    waste->setWidth(0.5);

    double top = 0;
    for (int i = 0; i < int(run.measured.size()); ++i) {
        const wb::dispatch::Measured& m = run.measured[size_t(i)];
        std::vector<double> ms;
        for (const DispatchRecord& r : run.records) {
            if (r.strategy == m.strategy)
                ms.push_back(r.ms);
        }
        std::sort(ms.begin(), ms.end());
        // Quartiles from the requests when they are there; a stored run without them still has its percentiles.
        const double q1 = ms.empty() ? m.stats.minMs : percentileOfSortedSamples(ms, 25);
        const double q3 = ms.empty() ? m.stats.p90Ms : percentileOfSortedSamples(ms, 75);
        boxes->addData(i + 1, m.stats.minMs, q1, m.stats.medianMs, q3, m.stats.maxMs);
        p99->addData(i + 1, m.stats.p99Ms);
        m_p99 << m.stats.p99Ms;
        throughput->addData(i + 1, m.stats.throughput);
        waste->addData(i + 1, m.stats.paddingWaste * 100.0);
        top = std::max(top, m.stats.maxMs);
        auto* label = new QCPItemText(m_latency);
        label->position->setCoords(i + 1, m.stats.p99Ms);
        // Right of the marker, except for the last strategy (left of it, inside the plot).
        const bool last = i + 1 == int(run.measured.size()) && run.measured.size() > 1;
        label->setPositionAlignment((last ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
        label->setPadding(last ? QMargins(0, 0, 8, 0) : QMargins(8, 0, 0, 0));
        label->setText(QStringLiteral("p99 %1").arg(m.stats.p99Ms, 0, 'f', m.stats.p99Ms < 10 ? 3 : 1));
        label->setColor(kP99);
        auto* tp = new QCPItemText(m_throughput);
        tp->position->setCoords(i + 1, m.stats.throughput);
        tp->setPositionAlignment(Qt::AlignBottom | Qt::AlignHCenter);
        tp->setText(QString::number(m.stats.throughput, 'f', m.stats.throughput < 100 ? 1 : 0));
        auto* wp = new QCPItemText(m_waste);
        wp->position->setCoords(i + 1, m.stats.paddingWaste * 100.0);
        wp->setPositionAlignment(Qt::AlignBottom | Qt::AlignHCenter);
        wp->setText(QStringLiteral("%1%").arg(m.stats.paddingWaste * 100.0, 0, 'f', 1));
    }
    if (m_budget > 0) {
        auto* line = new QCPItemStraightLine(m_latency);
        line->point1->setCoords(0, m_budget);
        line->point2->setCoords(1, m_budget);
        line->setPen(QPen(kP99, 1.5, Qt::DashLine));
        auto* label = new QCPItemText(m_latency);
        label->position->setCoords(m_names.size() + 0.55, m_budget); // the right end, above the line
        label->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
        label->setText(tr("budget %1 ms").arg(m_budget));
        label->setColor(kP99);
        top = std::max(top, m_budget);
    }
    m_latency->yAxis->setRange(0, top > 0 ? top * 1.15 : 1);
    m_throughput->rescaleAxes();
    m_throughput->xAxis->setRange(0.4, m_names.size() + 0.6);
    m_throughput->yAxis->setRange(0, std::max(1.0, m_throughput->yAxis->range().upper * 1.2));
    m_waste->xAxis->setRange(0.4, m_names.size() + 0.6);
    m_waste->yAxis->setRange(0, 100);
    for (QCustomPlot* plot : { m_latency, m_throughput, m_waste })
        plot->replot();
}

bool StrategyChart::savePng(const QString& path, int width, int height)
{
    return savePngAtomically(grab().scaled(width, height, Qt::KeepAspectRatio, Qt::SmoothTransformation), path).ok();
}

} // namespace wb
