#pragma once

// om-runner's command line.

#include "run/dispatchplan.h"

#include <cstdint>
#include <string>
#include <vector>

namespace omr {

struct Options {
    std::string model;
    int device = 0;
    std::int64_t loops = 100;
    std::int64_t warmup = 5;
    // One entry per data input ("zeros", "random" or a file path); a single "zeros"/"random" applies to all.
    std::vector<std::string> inputs { "zeros" };
    std::uint64_t seed = 1;
    std::int64_t batch = 0; // 0: the model's own batch (static) or its smallest gear (dynamic batch)
    std::string library; // --lib: a file or a folder; empty: search
    std::string outputDir;
    // --bundle mode (om_dispatch.h): a request stream dispatched over the OMs of a deploy.json.
    std::string bundle;
    std::vector<std::uint64_t> requests; // --requests, or drawn from --request-mix
    std::string requestMix; // as given, for the start event
    std::int64_t count = 100; // --count: requests drawn from the mix
    std::vector<std::string> strategies { "per-batch" };
    bool chunking = true; // --no-chunking refuses requests larger than the largest batch
    double latencyBudgetMs = 0; // --latency-budget: for the recommendation; 0: none
    std::int64_t calibrate = 0; // --calibrate N: timed runs of every static OM of a bundle (a calibration event each)
    bool profile = false; // --profile: per-op durations through aclprofModelSubscribe
    bool help = false;
    bool version = false;
};

constexpr std::int64_t MaxLoops = 10'000'000; // 80 MB of samples

// Parses argv; on a usage error returns false with a sentence in `error`.
bool parseOptions(int argc, char** argv, Options& options, std::string& error);

const char* usageText();

} // namespace omr
