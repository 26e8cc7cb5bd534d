#pragma once

// The one percentile of the tree (numpy.percentile(..., method="linear"), numpy's default): for n sorted samples
// x[0..n-1] and p in [0, 100], rank = p / 100 * (n - 1) and the value is
// x[floor(rank)] + (rank - floor(rank)) * (x[floor(rank) + 1] - x[floor(rank)]); the median is the 50th percentile.
// Used by wb::LatencyStats (core/run/latencystats), om-runner's summary (app/omrunner/stats), the bundle dispatch
// statistics and the benches. Qt-free, C++17, header-only; works on any random-access container of numbers
// (QList<double>, std::vector<std::int64_t>, ...).

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace wb {

// Percentile p of already sorted samples; p is clamped to [0, 100]; NaN when there are no samples.
template <typename Sorted> double percentileOfSortedSamples(const Sorted& sorted, double p)
{
    const auto n = static_cast<std::size_t>(sorted.size());
    if (n == 0)
        return std::nan("");
    const double clamped = std::clamp(p, 0.0, 100.0);
    const double rank = clamped / 100.0 * static_cast<double>(n - 1);
    const auto lower = static_cast<std::size_t>(std::floor(rank));
    const std::size_t upper = std::min(lower + 1, n - 1);
    const double fraction = rank - static_cast<double>(lower);
    const auto low = static_cast<double>(sorted[static_cast<decltype(sorted.size())>(lower)]);
    const auto high = static_cast<double>(sorted[static_cast<decltype(sorted.size())>(upper)]);
    return low + fraction * (high - low);
}

} // namespace wb
