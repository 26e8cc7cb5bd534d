#pragma once

// Summary of per-iteration times, with the definitions wb::LatencyStats uses (numpy's defaults): percentiles
// interpolate linearly between closest ranks (rank = p/100 * (n-1)); stddev is the population one.

#include <cstdint>
#include <vector>

namespace omr {

struct Summary {
    std::int64_t count = 0;
    double meanMs = 0;
    double minMs = 0;
    double maxMs = 0;
    double medianMs = 0;
    double p90Ms = 0;
    double p95Ms = 0;
    double p99Ms = 0;
    double stddevMs = 0;
};

// Summarises the first `count` samples (nanoseconds); count 0 gives a Summary with count 0.
Summary summarise(const std::vector<std::int64_t>& samplesNs, std::int64_t count);

} // namespace omr
