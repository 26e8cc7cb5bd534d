// fake_ais_bench: a stand-in for ais_bench (`python3 -m ais_bench`, `ais_bench`, `msit benchmark`) for the bench
// tests. TEST DOUBLE ONLY — never installed, never shipped, never linked into the application.
//
// Accepts the three command forms (leading "-m ais_bench" or "benchmark" skipped; underscore and hyphen options:
// --model/--om-model, --loop, --warmup_count/--warmup-count, --device, --output, --input,
// --pure_data_type/--pure-data-type, --batchsize/--batch-size, --debug) and prints ais_bench's console output
// (shared/reference/runners.md §2.3; the lines of tests/data/runners/ais_bench_04_msit_benchmark_basic.log) for the
// requested loop: the tqdm bar on stderr (one "\r" update per loop), "[DEBUG] model aclExec cost : %f" per loop
// with --debug, then the Performance Summary (min/max/mean/median/percentile(99%) of the loop times, numpy's
// definitions, %.17g) and the 2023 throughput line. With --output, writes <output>/<ts>_summary.json with
// npu_compute_time_list (every loop's time) as ais_bench does. Loop i takes 2.4 + 0.013 * ((7 i) mod 11) ms.
//
// Environment:
//   FAKE_AIS_BENCH_FAIL     no_module  "/usr/bin/python3: No module named ais_bench" on stderr, exit 1
//                           load       "[ERROR] load model from file failed ..." and a traceback, exit 1
//                           crash      abort() after 2 loops
//   FAKE_AIS_BENCH_DELAY_MS pause before each loop (for cancel tests)
//   FAKE_AIS_BENCH_NO_SUMMARY_FILE=1  do not write the summary file (only the printed summary is left)
//   FAKE_AIS_BENCH_ARGS     a file to which the argv is written, one argument a line
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

std::string env(const char* name)
{
    const char* value = std::getenv(name);
    return value ? std::string(value) : std::string();
}

void out(const std::string& text)
{
    std::fprintf(stdout, "%s\n", text.c_str());
    std::fflush(stdout);
}

void info(const std::string& text)
{
    out("[INFO] " + text);
}

std::string num(double v)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", v);
    return buffer;
}

// numpy.percentile(..., method="linear") of sorted values.
double percentile(const std::vector<double>& sorted, double p)
{
    const double rank = p / 100.0 * double(sorted.size() - 1);
    const auto lower = std::size_t(std::floor(rank));
    const std::size_t upper = std::min(lower + 1, sorted.size() - 1);
    return sorted[lower] + (rank - double(lower)) * (sorted[upper] - sorted[lower]);
}

bool isOption(const std::string& arg, const char* underscore, const char* hyphen)
{
    return arg == underscore || arg == hyphen;
}

} // namespace

int main(int argc, char** argv)
{
    if (const std::string file = env("FAKE_AIS_BENCH_ARGS"); !file.empty()) {
        if (FILE* f = std::fopen(file.c_str(), "w")) {
            for (int i = 0; i < argc; ++i)
                std::fprintf(f, "%s\n", argv[i]);
            std::fclose(f);
        }
    }
    const std::string fail = env("FAKE_AIS_BENCH_FAIL");
    if (fail == "no_module") {
        std::fprintf(stderr, "/usr/bin/python3: No module named ais_bench\n");
        return 1;
    }
    int first = 1;
    if (argc > 2 && std::string(argv[1]) == "-m" && std::string(argv[2]) == "ais_bench")
        first = 3;
    else if (argc > 1 && std::string(argv[1]) == "benchmark")
        first = 2;
    std::string model, output, batch = "1";
    int loop = 1, warmup = 1, device = 0;
    bool debug = false;
    for (int i = first; i < argc; ++i) {
        const std::string key = argv[i];
        const std::string value = i + 1 < argc ? argv[i + 1] : "";
        if (isOption(key, "--model", "--om-model") || key == "-om" || key == "-m")
            model = value;
        else if (key == "--loop")
            loop = std::atoi(value.c_str());
        else if (isOption(key, "--warmup_count", "--warmup-count"))
            warmup = std::atoi(value.c_str());
        else if (key == "--device")
            device = std::atoi(value.c_str());
        else if (key == "--output")
            output = value;
        else if (isOption(key, "--batchsize", "--batch-size"))
            batch = value;
        else if (key == "--debug")
            debug = value == "1" || value == "true";
        else if (key != "--input" && !isOption(key, "--pure_data_type", "--pure-data-type")) {
            std::fprintf(stderr,
                "usage: ais_bench [-h] --model MODEL ...\nais_bench: error: unrecognized arguments: %s\n", key.c_str());
            return 2;
        }
        ++i;
    }
    if (model.empty() || ::access(model.c_str(), R_OK) != 0) {
        std::fprintf(stderr, "ais_bench: error: argument --model: om path:%s is invalid\n", model.c_str());
        return 2;
    }
    const int delayMs = std::atoi(env("FAKE_AIS_BENCH_DELAY_MS").c_str());

    info("acl init success");
    info("open device " + std::to_string(device) + " success");
    if (fail == "load") {
        out("[ERROR] load model from file failed, model file is " + model);
        std::fprintf(stderr, "Traceback (most recent call last):\nRuntimeError: [-1][ACL: general failure]\n");
        return 1;
    }
    info("load model " + model + " success");
    info("create model description success");
    info("try get model batchsize:" + batch);
    char stamp[32];
    const std::time_t now = std::time(nullptr);
    std::strftime(stamp, sizeof stamp, "%Y_%m_%d-%H_%M_%S", std::localtime(&now));
    const std::string resultDir = output.empty() ? std::string() : output + "/" + stamp;
    if (!output.empty()) {
        ::mkdir(output.c_str(), 0755);
        ::mkdir(resultDir.c_str(), 0755);
        info("output path:" + resultDir);
    }
    if (warmup > 0)
        info("warm up " + std::to_string(warmup) + " done");

    std::vector<double> times;
    for (int i = 0; i < loop; ++i) {
        if (delayMs > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
        if (i == 2 && fail == "crash")
            std::abort();
        times.push_back(2.4 + 0.013 * double((7 * i) % 11));
        if (debug) {
            char buffer[64];
            std::snprintf(buffer, sizeof buffer, "[DEBUG] model aclExec cost : %f", times.back());
            out(buffer);
        }
        std::fprintf(stderr, "\rInference array Processing: %3d%%|##| %d/%d", (i + 1) * 100 / loop, i + 1, loop);
        std::fflush(stderr);
    }
    std::fprintf(stderr, " [00:00<00:00, 10.73it/s]\n");
    std::vector<double> sorted = times;
    std::sort(sorted.begin(), sorted.end());
    double sum = 0;
    for (double t : sorted)
        sum += t;
    const double mean = sum / double(sorted.size());
    const double throughput = 1000.0 * std::atof(batch.c_str()) / mean;
    const std::string stats = "min = " + num(sorted.front()) + ", max = " + num(sorted.back()) + ", mean = " + num(mean)
        + ", median = " + num(percentile(sorted, 50)) + ", percentile(99%) = " + num(percentile(sorted, 99));
    info("-----------------Performance Summary------------------");
    info("NPU_compute_time (ms): " + stats);
    info("throughput 1000*batchsize.mean(" + batch + ")/NPU_compute_time.mean(" + num(mean) + "): " + num(throughput));
    info("------------------------------------------------------");
    if (!output.empty() && env("FAKE_AIS_BENCH_NO_SUMMARY_FILE") != "1") {
        if (FILE* f = std::fopen((output + "/" + stamp + "_summary.json").c_str(), "w")) {
            std::string list;
            for (double t : times)
                list += (list.empty() ? "" : ", ") + num(t);
            std::fprintf(f,
                "{\"NPU_compute_time\": {\"min\": %s, \"max\": %s, \"mean\": %s, \"median\": %s, \"percentile(99%%)\": "
                "%s, \"count\": %d}, \"throughput\": %s, \"npu_compute_time_list\": [%s], \"pid\": %d}",
                num(sorted.front()).c_str(), num(sorted.back()).c_str(), num(mean).c_str(),
                num(percentile(sorted, 50)).c_str(), num(percentile(sorted, 99)).c_str(), loop, num(throughput).c_str(),
                list.c_str(), int(getpid()));
            std::fclose(f);
        }
    }
    info("unload model success, model Id is 1");
    info("end to destroy context");
    info("end to reset device is " + std::to_string(device));
    info("end to finalize acl");
    return 0;
}
