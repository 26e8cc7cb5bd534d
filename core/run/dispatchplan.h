#pragma once

// Dispatching requests over a bundle of OMs (one per batch size, or one with dynamic batch gears): the pure part,
// shared by om-runner's om_dispatch (app/omrunner), the CPU strategies (core/reference/cpudispatch) and the app.
// Qt-free, C++17, header-only, no allocation on the per-request path (planRequest reuses the caller's vector).
//
// - planRequest: a request of n samples over the available batches (one entry per loaded OM or gear) picks the
//   smallest batch >= n (the first one listed when a batch is listed twice) and pads the rest with zeros; an n
//   larger than the largest batch is split into chunks of the largest batch plus one step for the remainder (or
//   refused when chunking is off); n = 0 runs nothing.
// - parseRequestMix ("1:50,4:30,8:20", batch:weight) and parseRequestList ("1,3,8,2"), and makeRequests, which
//   draws a request stream from a mix with the tree's SplitMix64 (util/splitmix64.h): the same seed gives the same
//   stream everywhere.
// - summariseStrategy: latency percentiles (util/percentile.h), throughput in real samples per second
//   (real samples * 1000 / sum of request latencies in ms) and padding waste (padded / executed samples).
// - recommend: among the measured strategies, the one with the highest throughput whose p99 is within the budget.

#include "util/percentile.h"
#include "util/splitmix64.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace wb::dispatch {

enum class Strategy { PerBatch, Dynamic, Max };

inline const char* strategyName(Strategy strategy)
{
    switch (strategy) {
    case Strategy::PerBatch:
        return "per-batch";
    case Strategy::Dynamic:
        return "dynamic";
    case Strategy::Max:
        return "max";
    }
    return "per-batch";
}

inline bool strategyFromName(const std::string& name, Strategy& strategy)
{
    for (Strategy s : { Strategy::PerBatch, Strategy::Dynamic, Strategy::Max }) {
        if (name == strategyName(s)) {
            strategy = s;
            return true;
        }
    }
    return false;
}

// One execution of one OM (or gear) for a request.
struct Step {
    std::size_t target = 0; // index into the batches given to planRequest
    std::uint64_t batch = 0; // samples the OM executes
    std::uint64_t samples = 0; // real samples of the request in this step
    std::uint64_t padding = 0; // batch - samples zero samples
};

namespace detail {

// Index of the smallest batch >= n (first listed on ties), or batches.size() when none is.
inline std::size_t smallestFitting(std::uint64_t n, const std::vector<std::uint64_t>& batches)
{
    std::size_t best = batches.size();
    for (std::size_t i = 0; i < batches.size(); ++i) {
        if (batches[i] >= n && (best == batches.size() || batches[i] < batches[best]))
            best = i;
    }
    return best;
}

inline bool parseCount(const std::string& text, std::uint64_t max, std::uint64_t& value)
{
    if (text.empty() || text.size() > 19)
        return false;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    value = std::strtoull(text.c_str(), nullptr, 10);
    return value >= 1 && value <= max;
}

inline std::string trimmed(const std::string& text)
{
    const std::size_t first = text.find_first_not_of(" \t");
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

inline std::vector<std::string> splitOn(const std::string& text, char separator)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(separator, start);
        parts.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos)
            return parts;
        start = end + 1;
    }
}

} // namespace detail

// Plans a request of n samples over `batches` (one entry per OM or gear; the Step's target is its index).
// Returns false with a sentence in `error` when the list is empty, holds a 0, or n exceeds the largest batch with
// chunking off. `steps` is cleared first; n = 0 gives no steps and true.
inline bool planRequest(std::uint64_t n, const std::vector<std::uint64_t>& batches, bool chunking,
    std::vector<Step>& steps, std::string* error = nullptr)
{
    steps.clear();
    const auto refuse = [error](std::string message) {
        if (error)
            *error = std::move(message);
        return false;
    };
    if (batches.empty())
        return refuse("the bundle has no OM to run this strategy with");
    if (std::find(batches.begin(), batches.end(), std::uint64_t { 0 }) != batches.end())
        return refuse("a batch size of 0 cannot run a request");
    if (n == 0)
        return true;
    const std::size_t fits = detail::smallestFitting(n, batches);
    if (fits != batches.size()) {
        steps.push_back({ fits, batches[fits], n, batches[fits] - n });
        return true;
    }
    const std::size_t largest
        = static_cast<std::size_t>(std::max_element(batches.begin(), batches.end()) - batches.begin());
    const std::uint64_t max = batches[largest];
    if (!chunking) {
        return refuse("a request of " + std::to_string(n) + " samples is larger than the largest batch ("
            + std::to_string(max) + ") and chunking is off: turn chunking on, or add an OM of batch "
            + std::to_string(n) + " or more");
    }
    std::uint64_t left = n;
    while (left > max) {
        steps.push_back({ largest, max, max, 0 });
        left -= max;
    }
    const std::size_t last = detail::smallestFitting(left, batches);
    steps.push_back({ last, batches[last], left, batches[last] - left });
    return true;
}

struct MixEntry {
    std::uint64_t samples = 0;
    double weight = 0;
};

constexpr std::uint64_t MaxRequestSamples = 1'000'000;

// "1:50,4:30,8:20": request size (samples) : relative weight (> 0). Sizes must differ.
inline bool parseRequestMix(const std::string& text, std::vector<MixEntry>& mix, std::string& error)
{
    mix.clear();
    const std::string what = "the request mix '" + text + "' ";
    if (detail::trimmed(text).empty()) {
        error = what + "is empty: give size:weight pairs, e.g. 1:50,4:30,8:20";
        return false;
    }
    for (const std::string& raw : detail::splitOn(text, ',')) {
        const std::string item = detail::trimmed(raw);
        const std::size_t colon = item.find(':');
        MixEntry entry;
        if (colon == std::string::npos) {
            error = what + "has '" + item + "' without a weight: each item is size:weight, e.g. 4:30";
            return false;
        }
        if (!detail::parseCount(detail::trimmed(item.substr(0, colon)), MaxRequestSamples, entry.samples)) {
            error = what + "has '" + item + "': the size before ':' must be a whole number from 1 to "
                + std::to_string(MaxRequestSamples);
            return false;
        }
        const std::string weight = detail::trimmed(item.substr(colon + 1));
        char* end = nullptr;
        errno = 0;
        entry.weight = weight.empty() ? 0 : std::strtod(weight.c_str(), &end);
        if (weight.empty() || errno != 0 || *end != '\0' || !std::isfinite(entry.weight) || entry.weight <= 0) {
            error = what + "has '" + item + "': the weight after ':' must be a number above 0";
            return false;
        }
        for (const MixEntry& other : mix) {
            if (other.samples == entry.samples) {
                error = what + "lists the size " + std::to_string(entry.samples) + " twice";
                return false;
            }
        }
        mix.push_back(entry);
    }
    return true;
}

// "1,3,8,2": the request sizes in order.
inline bool parseRequestList(const std::string& text, std::vector<std::uint64_t>& requests, std::string& error)
{
    requests.clear();
    if (detail::trimmed(text).empty()) {
        error = "the request list is empty: give request sizes separated by commas, e.g. 1,3,8,2";
        return false;
    }
    for (const std::string& raw : detail::splitOn(text, ',')) {
        const std::string item = detail::trimmed(raw);
        std::uint64_t n = 0;
        if (!detail::parseCount(item, MaxRequestSamples, n)) {
            error = "the request list '" + text + "' has '" + item + "': each request is a whole number of samples "
                + "from 1 to " + std::to_string(MaxRequestSamples);
            return false;
        }
        requests.push_back(n);
    }
    return true;
}

// `count` request sizes drawn from `mix` with SplitMix64 seeded with `seed` (one uniform draw per request, the
// mix's weights in the order given).
inline std::vector<std::uint64_t> makeRequests(
    const std::vector<MixEntry>& mix, std::uint64_t count, std::uint64_t seed)
{
    std::vector<std::uint64_t> requests;
    double total = 0;
    for (const MixEntry& entry : mix)
        total += entry.weight;
    if (mix.empty() || !(total > 0))
        return requests;
    requests.reserve(static_cast<std::size_t>(count));
    SplitMix64 rng { seed };
    for (std::uint64_t i = 0; i < count; ++i) {
        const double u = rng.uniform01() * total;
        double sum = 0;
        std::uint64_t pick = mix.back().samples;
        for (const MixEntry& entry : mix) {
            sum += entry.weight;
            if (u < sum) {
                pick = entry.samples;
                break;
            }
        }
        requests.push_back(pick);
    }
    return requests;
}

struct StrategyStats {
    std::uint64_t requests = 0;
    std::uint64_t samples = 0; // real samples
    std::uint64_t executed = 0; // samples the OMs executed (real + padding)
    std::uint64_t padded = 0;
    double minMs = 0, medianMs = 0, meanMs = 0, p90Ms = 0, p95Ms = 0, p99Ms = 0, maxMs = 0;
    double throughput = 0; // real samples per second: samples * 1000 / sum of latencies (ms)
    double paddingWaste = 0; // padded / executed samples
};

// Statistics of one strategy's run: latencyMs per request (any order), the real, executed and padded samples.
inline StrategyStats summariseStrategy(
    std::vector<double> latencyMs, std::uint64_t samples, std::uint64_t executed, std::uint64_t padded)
{
    StrategyStats s;
    s.requests = latencyMs.size();
    s.samples = samples;
    s.executed = executed;
    s.padded = padded;
    s.paddingWaste = executed > 0 ? static_cast<double>(padded) / static_cast<double>(executed) : 0.0;
    if (latencyMs.empty())
        return s;
    std::sort(latencyMs.begin(), latencyMs.end());
    double sum = 0;
    for (double v : latencyMs)
        sum += v;
    s.minMs = latencyMs.front();
    s.maxMs = latencyMs.back();
    s.meanMs = sum / static_cast<double>(latencyMs.size());
    s.medianMs = percentileOfSortedSamples(latencyMs, 50);
    s.p90Ms = percentileOfSortedSamples(latencyMs, 90);
    s.p95Ms = percentileOfSortedSamples(latencyMs, 95);
    s.p99Ms = percentileOfSortedSamples(latencyMs, 99);
    s.throughput = sum > 0 ? static_cast<double>(samples) * 1000.0 / sum : 0.0;
    return s;
}

struct Measured {
    Strategy strategy = Strategy::PerBatch;
    std::vector<std::uint64_t> batches; // the batch sizes (OMs or gears) it ran with, ascending
    StrategyStats stats;
};

struct Recommendation {
    bool valid = false;
    Strategy strategy = Strategy::PerBatch;
    std::vector<std::uint64_t> batches;
    std::string reason; // one sentence
};

inline std::string formatNumber(double value, int decimals)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

inline std::string batchList(const std::vector<std::uint64_t>& batches)
{
    std::string text;
    for (std::size_t i = 0; i < batches.size(); ++i)
        text += (i ? (i + 1 == batches.size() ? " and " : ", ") : "") + std::to_string(batches[i]);
    return text;
}

// The strategy with the highest throughput among those whose p99 is within `budgetMs` (every one when the
// budget is 0 or less); when none is within it, the one with the lowest p99. Ties keep the order given.
inline Recommendation recommend(const std::vector<Measured>& measured, double budgetMs)
{
    Recommendation r;
    const bool budget = budgetMs > 0;
    const Measured* best = nullptr;
    for (const Measured& m : measured) {
        if (m.stats.requests == 0 || (budget && m.stats.p99Ms > budgetMs))
            continue;
        if (!best || m.stats.throughput > best->stats.throughput)
            best = &m;
    }
    if (best) {
        r.valid = true;
        r.strategy = best->strategy;
        r.batches = best->batches;
        r.reason = std::string(strategyName(best->strategy)) + " with batch sizes " + batchList(best->batches)
            + " gives the highest throughput for this mix"
            + (budget ? " with p99 within the " + formatNumber(budgetMs, 3) + " ms budget" : std::string()) + " ("
            + formatNumber(best->stats.throughput, 1) + " samples/s, p99 " + formatNumber(best->stats.p99Ms, 3)
            + " ms, padding waste " + formatNumber(best->stats.paddingWaste * 100.0, 1) + "%)";
        // A faster strategy the budget ruled out: say what it would have given.
        const Measured* faster = nullptr;
        for (const Measured& m : measured) {
            if (m.stats.requests > 0 && m.stats.throughput > best->stats.throughput
                && (!faster || m.stats.throughput > faster->stats.throughput))
                faster = &m;
        }
        if (faster) {
            r.reason += "; " + std::string(strategyName(faster->strategy)) + " is faster ("
                + formatNumber(faster->stats.throughput, 1) + " samples/s) but its p99 is "
                + formatNumber(faster->stats.p99Ms, 3) + " ms";
        }
        r.reason += ".";
        return r;
    }
    for (const Measured& m : measured) {
        if (m.stats.requests > 0 && (!best || m.stats.p99Ms < best->stats.p99Ms))
            best = &m;
    }
    if (!best) {
        r.reason = "No strategy ran a request, so there is nothing to recommend.";
        return r;
    }
    r.valid = true;
    r.strategy = best->strategy;
    r.batches = best->batches;
    r.reason = "No strategy keeps p99 within the " + formatNumber(budgetMs, 3) + " ms budget; "
        + strategyName(best->strategy) + " with batch sizes " + batchList(best->batches) + " comes closest (p99 "
        + formatNumber(best->stats.p99Ms, 3) + " ms, " + formatNumber(best->stats.throughput, 1) + " samples/s).";
    return r;
}

} // namespace wb::dispatch
