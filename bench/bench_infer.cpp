// wb_bench_infer: fold + infer (wb::inferShapes) against onnx.shape_inference.infer_shapes, same run, as ratios.
//
//   wb_bench_infer [--dir DIR] [--repeat N] [--markdown FILE] [--python PATH]
//
// Two models, generated into DIR when missing:
//   - the 3 GiB external-data transformer of wb_bench_open (bench/benchmodels.cpp, wb-bench-v1-3000mib-ext.onnx);
//   - a 20k-node model exported the way torch.onnx writes a stack of attention reshapes: each of its 1,430 blocks
//     reads Shape(x), gathers batch and sequence, concatenates a Reshape target, reshapes into heads and back.
// Inputs are fixed on both sides (batch 1, sequence 128). Ours: OnnxModel::load is timed apart from inferShapes.
// The reference: /usr/bin/python3 loads the model with onnx.load(load_external_data=False), fixes the same inputs
// and times onnx.shape_inference.infer_shapes(model, data_prop=True) alone. Each side runs once as warm-up, then
// N times; medians are reported, with how many node outputs each side leaves without a static shape.
//
// Exit codes: 0 measured, 1 a side failed, 2 usage.
#include "benchmodels.h"

#include "onnx/onnxmodel.h"
#include "onnx/shapeinference.h"

#include <QString>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kBlocks = 1430; // 14 nodes each: 20,020 nodes

constexpr const char* kPythonScript = R"PY(import sys, time
import onnx
from onnx import shape_inference
m = onnx.load(sys.argv[1], load_external_data=False)
fixed = dict(kv.split(":") for kv in sys.argv[3].split(";"))
for vi in m.graph.input:
    if vi.name in fixed:
        dims = vi.type.tensor_type.shape.dim
        for d, v in zip(dims, fixed[vi.name].split(",")):
            d.ClearField("dim_param")
            d.dim_value = int(v)
del m.graph.value_info[:]
for o in m.graph.output:
    o.type.tensor_type.ClearField("shape")
times = []
for _ in range(int(sys.argv[2])):
    t0 = time.perf_counter()
    r = shape_inference.infer_shapes(m, data_prop=True)
    times.append((time.perf_counter() - t0) * 1000.0)
known = {vi.name: vi for vi in list(r.graph.value_info) + list(r.graph.output)}
open_ = 0
for n in r.graph.node:
    for o in n.output:
        vi = known.get(o)
        ok = vi is not None and vi.type.tensor_type.HasField("shape") and all(
            d.HasField("dim_value") for d in vi.type.tensor_type.shape.dim)
        open_ += 0 if ok else 1
times.sort()
print("ms=%.3f open=%d nodes=%d" % (times[len(times) // 2], open_, len(r.graph.node)))
)PY";

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

struct Side {
    double ms = 0;
    int open = -1;
};

Side reference(const std::string& python, const std::string& path, const std::string& spec, int repeat)
{
    const std::string script = "/tmp/wb_bench_infer.py";
    std::ofstream(script) << kPythonScript;
    const std::string cmd = python + " " + script + " '" + path + "' " + std::to_string(repeat) + " '" + spec + "'";
    FILE* p = popen(cmd.c_str(), "r");
    Side s;
    if (!p)
        return s;
    char line[512] = {};
    while (std::fgets(line, sizeof line, p)) {
        int nodes = 0;
        if (std::sscanf(line, "ms=%lf open=%d nodes=%d", &s.ms, &s.open, &nodes) == 3)
            break;
    }
    pclose(p);
    return s;
}

} // namespace

int main(int argc, char** argv)
{
    std::string dir = "/tmp/wb-bench", markdown, python = "/usr/bin/python3";
    int repeat = 5;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--dir" && i + 1 < argc)
            dir = argv[++i];
        else if (a == "--repeat" && i + 1 < argc)
            repeat = std::max(1, std::atoi(argv[++i]));
        else if (a == "--markdown" && i + 1 < argc)
            markdown = argv[++i];
        else if (a == "--python" && i + 1 < argc)
            python = argv[++i];
        else {
            std::fprintf(stderr, "usage: wb_bench_infer [--dir DIR] [--repeat N] [--markdown FILE] [--python PATH]\n");
            return 2;
        }
    }
    fs::create_directories(dir);
    const std::string big = dir + "/wb-bench-v1-3000mib-ext.onnx";
    const std::string torch = dir + "/wb-bench-infer-v1-20k-nodes.onnx";
    if (!fs::exists(big)) {
        std::fprintf(stderr, "generating %s (about 3 GiB) ...\n", big.c_str());
        wbbench::Plan plan = wbbench::planModel(3000);
        const std::string error = wbbench::writeModel(plan, big, fs::path(big).filename().string() + ".data");
        if (!error.empty()) {
            std::fprintf(stderr, "wb_bench_infer: %s\n", error.c_str());
            return 1;
        }
    }
    if (!fs::exists(torch) && !wbbench::writeTorchStyleModel(torch, kBlocks)) {
        std::fprintf(stderr, "wb_bench_infer: cannot write %s\n", torch.c_str());
        return 1;
    }
    struct Case {
        const char* label;
        std::string path;
        std::string spec;
    };
    const Case cases[] = {
        { "3 GiB transformer, external data", big, "input_ids:1,128;position_ids:1,128" },
        { "20,020-node torch-style reshapes", torch, "x:1,128,64" },
    };
    std::string table = "| Model | nodes | load (ms) | fold + infer (ms) | onnx infer_shapes (ms) | ratio | not "
                        "static: ours / onnx |\n"
                        "| --- | --- | --- | --- | --- | --- | --- |\n";
    int code = 0;
    for (const Case& c : cases) {
        const auto t0 = Clock::now();
        const auto model = wb::OnnxModel::load(QString::fromStdString(c.path));
        const double loadMs = msSince(t0);
        if (!model.ok()) {
            std::fprintf(stderr, "%s: %s\n", c.label, qPrintable(model.error().message));
            code = 1;
            continue;
        }
        const auto specs = wb::parseInputShapeSpec(QString::fromStdString(c.spec)).value();
        std::vector<double> times;
        int open = -1;
        for (int r = 0; r <= repeat; ++r) {
            const auto t1 = Clock::now();
            const auto inferred = wb::inferShapes(*model.value(), specs);
            const double ms = msSince(t1);
            if (!inferred.ok()) {
                std::fprintf(stderr, "%s: %s\n", c.label, qPrintable(inferred.error().message));
                return 1;
            }
            open = 0;
            for (qsizetype i = 0; i < inferred.value().tensors.size(); ++i)
                open += inferred.value().facts.at(i).status == wb::ShapeStatus::Static ? 0 : 1;
            if (r > 0) // the first run is the warm-up
                times.push_back(ms);
        }
        std::sort(times.begin(), times.end());
        const double ours = times[times.size() / 2];
        reference(python, c.path, c.spec, 1); // warm-up
        const Side ref = reference(python, c.path, c.spec, repeat);
        if (ref.open < 0) {
            std::fprintf(stderr, "%s: the reference failed\n", c.label);
            code = 1;
        }
        char row[512];
        std::snprintf(row, sizeof row, "| %s | %d | %.0f | %.1f | %.1f | %.2fx | %d / %d |\n", c.label,
            model.value()->summary().nodeCount, loadMs, ours, ref.ms, ours > 0 ? ref.ms / ours : 0.0, open, ref.open);
        table += row;
        std::fprintf(stderr, "%s", row);
    }
    std::printf("%s", table.c_str());
    if (!markdown.empty())
        std::ofstream(markdown) << table;
    return code;
}
