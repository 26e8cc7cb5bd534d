#include "stats.h"

#include "util/percentile.h"

#include <algorithm>
#include <cmath>

namespace omr {

namespace {

double percentile(const std::vector<std::int64_t>& sorted, double p)
{
    return wb::percentileOfSortedSamples(sorted, p) / 1e6;
}

} // namespace

Summary summarise(const std::vector<std::int64_t>& samplesNs, std::int64_t count)
{
    Summary s;
    if (count <= 0)
        return s;
    std::vector<std::int64_t> sorted(samplesNs.begin(), samplesNs.begin() + count);
    std::sort(sorted.begin(), sorted.end());
    s.count = count;
    s.minMs = static_cast<double>(sorted.front()) / 1e6;
    s.maxMs = static_cast<double>(sorted.back()) / 1e6;
    long double sum = 0; // integer nanoseconds: exact up to 2^64
    for (std::int64_t v : sorted)
        sum += static_cast<long double>(v);
    const long double mean = sum / static_cast<long double>(count);
    long double squares = 0;
    for (std::int64_t v : sorted)
        squares += (static_cast<long double>(v) - mean) * (static_cast<long double>(v) - mean);
    s.meanMs = static_cast<double>(mean / 1e6L);
    s.stddevMs = static_cast<double>(std::sqrt(squares / static_cast<long double>(count)) / 1e6L);
    s.medianMs = percentile(sorted, 50);
    s.p90Ms = percentile(sorted, 90);
    s.p95Ms = percentile(sorted, 95);
    s.p99Ms = percentile(sorted, 99);
    return s;
}

} // namespace omr
