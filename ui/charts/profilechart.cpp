#include "profilechart.h"
#include "plotpalette.h"

#include "profile/opprofile.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QVBoxLayout>

#include <algorithm>

namespace wb {

namespace {

constexpr int kTypesShown = 12;

} // namespace

ProfileChart::ProfileChart(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    setObjectName(QStringLiteral("profileChart"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setMinimumHeight(160);
    followPalette(m_plot, QApplication::palette());
    m_plot->xAxis->setLabel(tr("µs per iteration, by op type"));
    auto* bars = new QCPBars(m_plot->yAxis, m_plot->xAxis); // keys on the vertical axis: horizontal bars
    bars->setBrush(QColor(0x1e, 0x88, 0xe5, 160));
    bars->setPen(QPen(QColor(0x15, 0x65, 0xc0)));
    bars->setWidth(0.7);
}

ProfileChart::~ProfileChart() = default;

void ProfileChart::setProfile(const OpProfile* profile)
{
    auto* bars = qobject_cast<QCPBars*>(m_plot->plottable(0));
    QVector<double> keys;
    QVector<double> values;
    QVector<QString> labels;
    m_plot->clearItems();
    if (profile) {
        const int iterations = std::max(1, profile->iterations);
        const qsizetype shown = std::min<qsizetype>(kTypesShown, profile->byType.size());
        double rest = 0;
        double restPercent = 0;
        for (qsizetype i = shown; i < profile->byType.size(); ++i) {
            rest += profile->byType.at(i).totalUs / iterations;
            restPercent += profile->byType.at(i).percent;
        }
        const qsizetype count = shown + (rest > 0 ? 1 : 0);
        for (qsizetype i = 0; i < count; ++i) {
            const bool other = i == shown;
            const double value = other ? rest : profile->byType.at(i).totalUs / iterations;
            const double percent = other ? restPercent : profile->byType.at(i).percent;
            const double key = double(count - i); // largest on top
            keys.append(key);
            values.append(value);
            labels.append(other ? tr("other") : profile->byType.at(i).type);
            auto* text = new QCPItemText(m_plot);
            text->position->setType(QCPItemPosition::ptPlotCoords);
            text->position->setAxes(m_plot->xAxis, m_plot->yAxis);
            text->position->setCoords(value, key);
            text->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
            text->setText(QStringLiteral(" %1 %").arg(percent, 0, 'f', 1));
            text->setColor(palette().color(QPalette::WindowText));
        }
    }
    bars->setData(keys, values, true);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    ticker->addTicks(keys, labels);
    m_plot->yAxis->setTicker(ticker);
    m_plot->yAxis->setRange(0.3, double(keys.size()) + 0.7);
    const double max = values.isEmpty() ? 1.0 : *std::max_element(values.cbegin(), values.cend());
    m_plot->xAxis->setRange(0, max * 1.25 + 1e-9);
    m_bars = static_cast<int>(keys.size());
    m_plot->replot();
}

} // namespace wb
