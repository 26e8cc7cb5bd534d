// Shared by the layout benchmarks (bench_layout.cpp, bench_graphview.cpp): deterministic ONNX-like graphs and a few
// measuring helpers.
#pragma once

#include <QSizeF>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace wbbench {

enum class Role { Input, Main, Join, Source, Side, Head, Concat };

struct SynthGraph {
    std::string name;
    std::vector<QSizeF> sizes;
    std::vector<Role> roles;
    std::vector<std::pair<int, int>> edges;
};

constexpr uint64_t kSeed = 20240601;

// A main chain of ops with: a residual skip every 4 steps (ResNet), a source side input (shape/constant
// subgraph that is not folded) every 3rd step, a 3-node side branch every 40 steps that rejoins 6 steps later,
// 2-4 parallel "heads" of 2-4 nodes every 60 steps merged by a Concat (attention/FPN-like), and U-Net-style long
// skips: every 256 steps form a stage whose encoder levels (steps 32, 64, 96) feed the decoder levels (224, 192,
// 160). Node boxes are 80-160 x 40 like ONNX op boxes. Exactly `count` nodes, in topological (export) order.
SynthGraph generateGraph(int count, uint64_t seed);

// printf into a std::string (at most 1023 characters).
std::string format(const char* fmt, ...);
double median(std::vector<double> v);
// CPU time of the calling thread, in ms.
double threadCpuMs();
// "<date>, <n> CPUs ..., <OS> <kernel>, load average before the run <l1 l5 l15>", for the report's first line.
std::string machineLine();

} // namespace wbbench
