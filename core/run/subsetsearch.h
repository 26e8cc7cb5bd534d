#pragma once

// Which batch sizes to build for a traffic: the recommendation over subsets of the candidate batch sizes (issue
// #15), beside the pure dispatch it simulates (run/dispatchplan.h). Qt-free, C++17, header-only.
//
// Inputs: measured latency samples per batch size (ms of one execution of that batch's OM or session: the
// single-step requests of a per-batch or max run, and on the CPU calibration runs of every candidate size), the
// request mix, the candidate batch sizes and whether chunking is on.
//
// - simulateSubsets: for every non-empty subset S of the candidates that have samples, one request stream of
//   `count` requests drawn from the mix with SplitMix64 (makeRequests, seeded) is dispatched over S exactly as
//   om_dispatch does (planRequest: the smallest batch >= n, zero padding; n above max(S) in chunks of max(S) plus
//   one step for the remainder, or the subset is left out when chunking is off). A request's latency is the sum,
//   over its steps, of one latency drawn (SplitMix64) from the samples of the step's batch size; the draws of
//   request i come from a generator seeded with (seed, i), so subsets that plan a request alike give it the same
//   latency (common random numbers: the comparison is not blurred by the draw). Figures per subset:
//   summariseStrategy (percentiles of util/percentile.h, throughput = real samples * 1000 / sum of latencies,
//   padding waste = padded / executed samples).
// - pickSubset: the subset with the highest throughput whose p99 is within the budget (every subset without a
//   budget). Throughputs within `tieTolerance` (relative, default 1%) of the best are a tie: the subset with fewer
//   OMs wins (each loaded OM costs device memory), then the higher throughput. When no subset is within the budget,
//   the one with the lowest p99; p99s within the tolerance of the lowest are a tie, decided as above (the highest
//   throughput, ties: fewer OMs), and the reason says so.
// - recommendDeployment: the subset pick against a measured dynamic-batch run (one OM) by the same rule; without a
//   search (no per-batch samples) the strategies' own recommendation (dispatchplan.h: recommend).

#include "run/dispatchplan.h"
#include "util/splitmix64.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace wb::dispatch {

// Latency samples (ms) of one execution at `batch`, and how many of them are calibration runs (the rest are
// requests of the run that executed this batch alone).
struct BatchSamples {
    std::uint64_t batch = 0;
    std::vector<double> ms;
    std::uint64_t calibrationRuns = 0;
};

struct SubsetOptions {
    std::vector<MixEntry> mix;
    std::vector<std::uint64_t> candidates; // built or proposed batch sizes
    bool chunking = true;
    std::uint64_t count = 10000; // requests simulated per subset
    std::uint64_t seed = 1;
    std::size_t maxCandidates = 10; // 2^10 - 1 subsets at most (20 at the very most)
};

struct SubsetFigures {
    std::vector<std::uint64_t> batches; // ascending
    StrategyStats stats;
};

// The simulated subsets and what the candidates were made of. `subsets` are in the order of their bit masks over
// the measured candidates (ascending), so {smallest} first and the whole set last.
struct SubsetSearch {
    bool valid = false; // at least one subset could be simulated
    std::string error; // why not, when !valid
    std::vector<SubsetFigures> subsets;
    std::vector<std::uint64_t> measured; // candidates with samples, ascending
    std::vector<std::uint64_t> calibratedOnly; // of those, measured by calibration runs only
    std::vector<std::uint64_t> unmeasured; // candidates without samples: left out
    std::vector<std::uint64_t> infeasible; // chunking off: none (the largest request needs this many samples)
    std::uint64_t largestRequest = 0;
    std::uint64_t count = 0;
    std::uint64_t seed = 1;
};

namespace detail {

inline std::vector<std::uint64_t> sortedUnique(std::vector<std::uint64_t> values)
{
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return values;
}

// The per-request generator of the latency draws: request i of a stream seeded with `seed`.
inline SplitMix64 drawsFor(std::uint64_t seed, std::uint64_t i)
{
    SplitMix64 mixer { seed ^ 0x5DEECE66DULL };
    mixer.state += i * 0xD1B54A32D192ED03ULL;
    return SplitMix64 { mixer.next() };
}

} // namespace detail

// Simulates every non-empty subset of the candidates that have samples (see above). Not valid (with `error`) when
// the mix is empty, no candidate has samples, there are more than maxCandidates measured candidates, or with
// chunking off no subset can serve the largest request.
inline SubsetSearch simulateSubsets(const std::vector<BatchSamples>& samples, const SubsetOptions& options)
{
    SubsetSearch search;
    search.count = options.count;
    search.seed = options.seed;
    std::vector<const BatchSamples*> sources;
    for (std::uint64_t b : detail::sortedUnique(options.candidates)) {
        if (b == 0)
            continue;
        const BatchSamples* found = nullptr;
        for (const BatchSamples& s : samples) {
            if (s.batch == b && !s.ms.empty()) {
                found = &s;
                break;
            }
        }
        if (!found) {
            search.unmeasured.push_back(b);
            continue;
        }
        search.measured.push_back(b);
        if (found->calibrationRuns >= found->ms.size())
            search.calibratedOnly.push_back(b);
        sources.push_back(found);
    }
    double totalWeight = 0;
    for (const MixEntry& e : options.mix) {
        totalWeight += e.weight;
        search.largestRequest = std::max(search.largestRequest, e.samples);
    }
    if (options.mix.empty() || !(totalWeight > 0) || options.count == 0) {
        search.error = "the request mix is empty, so there is no traffic to choose batch sizes for";
        return search;
    }
    if (sources.empty()) {
        search.error = "no candidate batch size has a measured latency";
        return search;
    }
    const std::size_t maxCandidates = std::min<std::size_t>(options.maxCandidates, 20);
    if (sources.size() > maxCandidates) {
        search.error = "there are " + std::to_string(sources.size()) + " measured candidate batch sizes; the search "
            + "takes at most " + std::to_string(maxCandidates) + " (" + std::to_string((1u << maxCandidates) - 1)
            + " subsets)";
        return search;
    }
    // The stream once, as indices into the mix, so each subset plans each request size once.
    const std::vector<std::uint64_t> stream = makeRequests(options.mix, options.count, options.seed);
    std::vector<std::size_t> streamIndex(stream.size());
    for (std::size_t i = 0; i < stream.size(); ++i) {
        for (std::size_t m = 0; m < options.mix.size(); ++m) {
            if (options.mix[m].samples == stream[i]) {
                streamIndex[i] = m;
                break;
            }
        }
    }
    const std::size_t k = sources.size();
    std::vector<std::uint64_t> batches;
    std::vector<const BatchSamples*> subsetSources;
    std::vector<std::vector<Step>> plans(options.mix.size());
    std::vector<double> latency(stream.size());
    for (std::uint32_t mask = 1; mask < (1u << k); ++mask) {
        batches.clear();
        subsetSources.clear();
        for (std::size_t j = 0; j < k; ++j) {
            if (mask & (1u << j)) {
                batches.push_back(sources[j]->batch);
                subsetSources.push_back(sources[j]);
            }
        }
        if (!options.chunking && batches.back() < search.largestRequest)
            continue;
        for (std::size_t m = 0; m < options.mix.size(); ++m)
            planRequest(options.mix[m].samples, batches, options.chunking, plans[m]);
        std::uint64_t real = 0, executed = 0, padded = 0;
        for (std::size_t i = 0; i < stream.size(); ++i) {
            SplitMix64 draws = detail::drawsFor(options.seed, i);
            double ms = 0;
            for (const Step& step : plans[streamIndex[i]]) {
                const std::vector<double>& from = subsetSources[step.target]->ms;
                ms += from[static_cast<std::size_t>(draws.below(from.size()))];
                executed += step.batch;
                padded += step.padding;
            }
            real += stream[i];
            latency[i] = ms;
        }
        search.subsets.push_back({ batches, summariseStrategy(latency, real, executed, padded) });
    }
    if (search.subsets.empty()) {
        search.infeasible = search.measured;
        search.error = "with chunking off no measured batch size (largest " + std::to_string(search.measured.back())
            + ") can serve a request of " + std::to_string(search.largestRequest) + " samples";
        return search;
    }
    search.valid = true;
    return search;
}

// Index into search.subsets of the pick (see above), or subsets.size() when the search is not valid.
// `withinBudget` tells whether the pick's p99 is within the budget (always true without one).
inline std::size_t pickSubset(
    const SubsetSearch& search, double budgetMs, double tieTolerance = 0.01, bool* withinBudget = nullptr)
{
    const std::size_t none = search.subsets.size();
    const bool budget = budgetMs > 0;
    const auto within = [&](const SubsetFigures& s) { return !budget || s.stats.p99Ms <= budgetMs; };
    double bestThroughput = -1;
    for (const SubsetFigures& s : search.subsets) {
        if (within(s))
            bestThroughput = std::max(bestThroughput, s.stats.throughput);
    }
    std::size_t best = none;
    if (bestThroughput >= 0) {
        for (std::size_t i = 0; i < search.subsets.size(); ++i) {
            const SubsetFigures& s = search.subsets[i];
            if (!within(s) || s.stats.throughput < bestThroughput * (1.0 - tieTolerance))
                continue;
            if (best == none || s.batches.size() < search.subsets[best].batches.size()
                || (s.batches.size() == search.subsets[best].batches.size()
                    && s.stats.throughput > search.subsets[best].stats.throughput))
                best = i;
        }
        if (withinBudget)
            *withinBudget = true;
        return best;
    }
    double lowestP99 = 0;
    for (std::size_t i = 0; i < search.subsets.size(); ++i) {
        if (i == 0 || search.subsets[i].stats.p99Ms < lowestP99)
            lowestP99 = search.subsets[i].stats.p99Ms;
    }
    // The sets whose p99 ties the lowest: among them, as above (the highest throughput, ties: fewer OMs).
    double tiedThroughput = -1;
    for (const SubsetFigures& s : search.subsets) {
        if (s.stats.p99Ms <= lowestP99 * (1.0 + tieTolerance))
            tiedThroughput = std::max(tiedThroughput, s.stats.throughput);
    }
    for (std::size_t i = 0; i < search.subsets.size(); ++i) {
        const SubsetFigures& s = search.subsets[i];
        if (s.stats.p99Ms > lowestP99 * (1.0 + tieTolerance)
            || s.stats.throughput < tiedThroughput * (1.0 - tieTolerance))
            continue;
        if (best == none || s.batches.size() < search.subsets[best].batches.size()
            || (s.batches.size() == search.subsets[best].batches.size()
                && s.stats.throughput > search.subsets[best].stats.throughput))
            best = i;
    }
    if (withinBudget)
        *withinBudget = false;
    return best;
}

// A subset as a strategy: one OM of the largest candidate is "max", anything else "per-batch" over the set.
inline Strategy subsetStrategy(const SubsetSearch& search, const std::vector<std::uint64_t>& batches)
{
    return batches.size() == 1 && !search.measured.empty() && batches.front() == search.measured.back()
        ? Strategy::Max
        : Strategy::PerBatch;
}

namespace detail {

inline std::string figuresText(const StrategyStats& s)
{
    return formatNumber(s.throughput, 1) + " samples/s, p99 " + formatNumber(s.p99Ms, 3) + " ms, padding waste "
        + formatNumber(s.paddingWaste * 100.0, 1) + "%";
}

inline std::string sizesText(const std::vector<std::uint64_t>& batches)
{
    return (batches.size() == 1 ? "batch size " : "batch sizes ") + batchList(batches);
}

// Where the figures come from, and which candidates were estimated from what or left out.
inline std::string provenance(const SubsetSearch& search)
{
    std::string text = "estimated over " + std::to_string(search.count)
        + " simulated requests from the measured latencies per batch size";
    if (!search.calibratedOnly.empty())
        text += " (" + batchList(search.calibratedOnly) + " from calibration runs only)";
    if (!search.unmeasured.empty())
        text += "; " + batchList(search.unmeasured) + (search.unmeasured.size() == 1 ? " was" : " were")
            + " not measured and " + (search.unmeasured.size() == 1 ? "is" : "are") + " left out";
    return text;
}

} // namespace detail

// The recommendation: the subset pick (strategy per-batch, or max for the largest candidate alone), against a
// measured dynamic-batch run (`measured`'s Dynamic entry, one OM) by the same rule; without a valid search, the
// strategies' own recommendation.
inline Recommendation recommendDeployment(
    const SubsetSearch& search, const std::vector<Measured>& measured, double budgetMs, double tieTolerance = 0.01)
{
    bool within = true;
    const std::size_t pick = search.valid ? pickSubset(search, budgetMs, tieTolerance, &within) : 0;
    if (!search.valid || pick >= search.subsets.size()) {
        Recommendation r = recommend(measured, budgetMs);
        if (!search.error.empty() && r.valid && !r.reason.empty() && r.reason.back() == '.') {
            r.reason.pop_back();
            r.reason += "; no subset of the batch sizes was searched: " + search.error + ".";
        }
        return r;
    }
    const SubsetFigures& best = search.subsets[pick];
    const bool budget = budgetMs > 0;
    const Measured* dynamic = nullptr;
    for (const Measured& m : measured) {
        if (m.strategy == Strategy::Dynamic && m.stats.requests > 0)
            dynamic = &m;
    }
    if (dynamic) {
        const bool dynamicWithin = !budget || dynamic->stats.p99Ms <= budgetMs;
        const bool wins = within
            ? dynamicWithin && dynamic->stats.throughput >= best.stats.throughput * (1.0 - tieTolerance)
                && (best.batches.size() > 1 || dynamic->stats.throughput > best.stats.throughput)
            : dynamicWithin || dynamic->stats.p99Ms < best.stats.p99Ms * (1.0 - tieTolerance);
        if (wins) {
            Recommendation r;
            r.valid = true;
            r.strategy = Strategy::Dynamic;
            r.batches = dynamic->batches;
            r.reason = "One dynamic-batch OM with gears " + batchList(dynamic->batches)
                + (dynamicWithin ? " gives the highest throughput for this mix"
                                 : " comes closest to the " + formatNumber(budgetMs, 3) + " ms budget")
                + (budget && dynamicWithin ? " with p99 within the " + formatNumber(budgetMs, 3) + " ms budget"
                                           : std::string())
                + " (" + detail::figuresText(dynamic->stats) + ", measured); the best set of static OMs, "
                + batchList(best.batches) + ", gives " + formatNumber(best.stats.throughput, 1) + " samples/s, p99 "
                + formatNumber(best.stats.p99Ms, 3) + " ms, " + detail::provenance(search) + ".";
            return r;
        }
    }
    Recommendation r;
    r.valid = true;
    r.strategy = subsetStrategy(search, best.batches);
    r.batches = best.batches;
    const std::string sizes = detail::sizesText(best.batches);
    if (within) {
        r.reason = static_cast<char>(std::toupper(static_cast<unsigned char>(sizes.front()))) + sizes.substr(1)
            + " give" + (best.batches.size() == 1 ? "s" : "") + " the highest throughput for this mix"
            + (budget ? " with p99 within the " + formatNumber(budgetMs, 3) + " ms budget" : std::string()) + " ("
            + detail::figuresText(best.stats) + "), " + detail::provenance(search);
        // The whole measured set, when it is not the pick: what the extra OMs would give.
        for (const SubsetFigures& all : search.subsets) {
            if (all.batches == search.measured && all.batches != best.batches) {
                r.reason += "; all of " + batchList(all.batches) + " would give "
                    + formatNumber(all.stats.throughput, 1) + " samples/s, p99 " + formatNumber(all.stats.p99Ms, 3)
                    + " ms";
            }
        }
        r.reason += ".";
    } else {
        r.reason = "No set of batch sizes keeps p99 within the " + formatNumber(budgetMs, 3) + " ms budget; " + sizes
            + " come" + (best.batches.size() == 1 ? "s" : "") + " closest (" + detail::figuresText(best.stats) + "), "
            + detail::provenance(search) + ".";
    }
    return r;
}

} // namespace wb::dispatch
