// The recommendation's search over subsets of the batch sizes (core/run/subsetsearch.h): how long it takes for 3
// and 6 candidate batch sizes (7 and 63 subsets) with a 10,000-request stream, against a reference measured in the
// same run: summariseStrategy over 10,000 request latencies (what one strategy's statistics cost: a sort and the
// percentiles), the bulk of simulating one subset. Latency samples: 100 per batch size, seeded (SplitMix64), about
// 0.5 ms + 0.2 ms per sample of the batch with a 20% spread. Medians over --repeat runs, wall and this thread's CPU
// time. Not a ctest test: run it by hand.
//   wb_bench_subsets [--requests N] [--repeat R]
#include "run/subsetsearch.h"
#include "util/percentile.h"
#include "util/splitmix64.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double threadCpuMs()
{
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return wb::percentileOfSortedSamples(v, 50);
}

struct Timing {
    double wallMs = 0;
    double cpuMs = 0;
};

template <typename F> Timing timeMedian(int repeat, F&& work)
{
    std::vector<double> wall, cpu;
    for (int r = 0; r < repeat; ++r) {
        const double c0 = threadCpuMs();
        const auto t0 = Clock::now();
        work();
        wall.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        cpu.push_back(threadCpuMs() - c0);
    }
    return { median(wall), median(cpu) };
}

std::vector<wb::dispatch::BatchSamples> samplesFor(const std::vector<std::uint64_t>& batches)
{
    wb::SplitMix64 rng { 42 };
    std::vector<wb::dispatch::BatchSamples> out;
    for (std::uint64_t b : batches) {
        wb::dispatch::BatchSamples s;
        s.batch = b;
        for (int i = 0; i < 100; ++i)
            s.ms.push_back((0.5 + 0.2 * double(b)) * (0.9 + 0.2 * rng.uniform01()));
        out.push_back(s);
    }
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    std::uint64_t requests = 10000;
    int repeat = 15;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--requests"))
            requests = std::strtoull(argv[i + 1], nullptr, 10);
        else if (!std::strcmp(argv[i], "--repeat"))
            repeat = std::atoi(argv[i + 1]);
    }
    if (requests < 1 || repeat < 1) {
        std::fprintf(stderr, "usage: wb_bench_subsets [--requests N] [--repeat R]\n");
        return 2;
    }

    // The reference: one strategy's statistics over `requests` latencies.
    std::vector<double> latencies;
    wb::SplitMix64 rng { 7 };
    for (std::uint64_t i = 0; i < requests; ++i)
        latencies.push_back(1.0 + 10.0 * rng.uniform01());
    double sink = 0;
    const Timing reference
        = timeMedian(repeat, [&] { sink += wb::dispatch::summariseStrategy(latencies, requests, requests, 0).p99Ms; });

    struct Case {
        const char* name;
        std::vector<std::uint64_t> candidates;
        const char* mix;
    };
    const Case cases[] = {
        { "3 sizes (1,4,8)", { 1, 4, 8 }, "1:50,4:30,8:20" },
        { "6 sizes (1,2,4,8,16,32)", { 1, 2, 4, 8, 16, 32 }, "1:40,2:20,4:15,8:15,16:5,32:5" },
    };
    std::printf("subset search, %llu simulated requests, medians of %d runs (wall / thread CPU)\n",
        static_cast<unsigned long long>(requests), repeat);
    std::printf("reference: summariseStrategy over %llu latencies: %.3f / %.3f ms\n",
        static_cast<unsigned long long>(requests), reference.wallMs, reference.cpuMs);
    std::printf("| candidates | subsets | search (wall / CPU ms) | per subset (CPU ms) | ÷ reference (CPU) |\n");
    std::printf("| --- | ---: | ---: | ---: | ---: |\n");
    for (const Case& c : cases) {
        wb::dispatch::SubsetOptions options;
        std::string error;
        if (!wb::dispatch::parseRequestMix(c.mix, options.mix, error)) {
            std::fprintf(stderr, "%s\n", error.c_str());
            return 1;
        }
        options.candidates = c.candidates;
        options.count = requests;
        options.seed = 1;
        const std::vector<wb::dispatch::BatchSamples> samples = samplesFor(c.candidates);
        std::size_t subsets = 0;
        const Timing search = timeMedian(repeat, [&] {
            const wb::dispatch::SubsetSearch s = wb::dispatch::simulateSubsets(samples, options);
            subsets = s.subsets.size();
            sink += wb::dispatch::recommendDeployment(s, {}, 20).valid ? 1 : 0;
        });
        std::printf("| %s | %zu | %.3f / %.3f | %.3f | %.1f |\n", c.name, subsets, search.wallMs, search.cpuMs,
            search.cpuMs / double(subsets), search.cpuMs / reference.cpuMs);
    }
    std::fprintf(stderr, "(checksum %.3f)\n", sink);
    return 0;
}
