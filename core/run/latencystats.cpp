#include "run/latencystats.h"

#include "util/percentile.h"

#include <algorithm>
#include <cmath>

namespace wb {

double percentileOfSorted(const QList<double>& sorted, double p)
{
    return percentileOfSortedSamples(sorted, p);
}

Result<LatencyStats> LatencyStats::compute(const QList<double>& samplesMs)
{
    if (samplesMs.isEmpty())
        return Error { QStringLiteral("no_samples"), QStringLiteral("No latency samples to summarise."), {} };
    for (qsizetype i = 0; i < samplesMs.size(); ++i) {
        const double v = samplesMs.at(i);
        if (!std::isfinite(v) || v < 0) {
            return Error { QStringLiteral("bad_sample"),
                QStringLiteral("Latency sample %1 is %2; samples must be finite and not negative.").arg(i).arg(v), {} };
        }
    }
    QList<double> sorted = samplesMs;
    std::sort(sorted.begin(), sorted.end());

    LatencyStats s;
    s.count = int(sorted.size());
    s.min = sorted.front();
    s.max = sorted.back();
    // Sum in sorted order (small first) to keep rounding low.
    double sum = 0;
    for (double v : sorted)
        sum += v;
    s.mean = sum / double(sorted.size());
    double squares = 0;
    for (double v : sorted)
        squares += (v - s.mean) * (v - s.mean);
    s.stddev = std::sqrt(squares / double(sorted.size()));
    s.median = percentileOfSorted(sorted, 50);
    s.p90 = percentileOfSorted(sorted, 90);
    s.p95 = percentileOfSorted(sorted, 95);
    s.p99 = percentileOfSorted(sorted, 99);
    return s;
}

std::optional<double> LatencyStats::throughput(double batch) const
{
    if (!(batch > 0) || !(mean > 0))
        return std::nullopt;
    return batch * 1000.0 / mean;
}

} // namespace wb
