#pragma once

// SplitMix64 (Steele, Lea and Flood 2014): a tiny, fully specified generator, so seeded sequences are the same on
// every platform and run (std:: distributions are implementation-defined). The one generator of the tree: wb_core,
// the stand-alone om-runner (app/omrunner), tools/modelgen, the benches and the tests include this header.
// Qt-free, C++17, header-only.

#include <cstdint>

namespace wb {

struct SplitMix64 {
    std::uint64_t state = 0;

    constexpr std::uint64_t next()
    {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, 1) from the top 53 bits (every value exactly representable as a double).
    constexpr double uniform01() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
    // Uniform in [0, 1) from the top 24 bits (every value exactly representable as a float).
    constexpr float unitFloat24() { return static_cast<float>(next() >> 40) / 16777216.0f; }
    // next() % n (n > 0): the slight modulo bias is irrelevant for the small n it is used with.
    constexpr std::uint64_t below(std::uint64_t n) { return next() % n; }
};

} // namespace wb
