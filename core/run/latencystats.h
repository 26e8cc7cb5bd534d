#pragma once

#include "util/result.h"

#include <QList>

#include <optional>

namespace wb {

// Summary statistics of per-iteration latencies in milliseconds.
//
// Definitions (the same as numpy's defaults, so numbers match ais_bench's summary and Python notebooks):
// - percentile p (0..100) of n sorted samples x[0..n-1]: linear interpolation between the closest ranks,
//   rank = p / 100 * (n - 1), value = x[floor(rank)] + (rank - floor(rank)) * (x[floor(rank) + 1] - x[floor(rank)])
//   (numpy.percentile(..., method="linear")); the median is the 50th percentile.
// - stddev is the population standard deviation, sqrt(sum((x - mean)^2) / n) (numpy.std with ddof=0).
// - throughput = batch * 1000 / mean ms, in samples per second.
struct LatencyStats {
    int count = 0;
    double min = 0;
    double max = 0;
    double mean = 0;
    double median = 0;
    double p90 = 0;
    double p95 = 0;
    double p99 = 0;
    double stddev = 0;

    // Rejects empty input ("no_samples") and NaN, infinite or negative samples ("bad_sample", naming the index).
    static Result<LatencyStats> compute(const QList<double>& samplesMs);

    // batch * 1000 / mean; nullopt when batch <= 0 or the mean is 0.
    std::optional<double> throughput(double batch = 1) const;
};

// Percentile of already sorted, non-empty samples (definition above, util/percentile.h); p is clamped to [0, 100].
double percentileOfSorted(const QList<double>& sorted, double p);

} // namespace wb
