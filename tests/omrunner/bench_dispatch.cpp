// om_dispatch's own cost per request, against the fake libascendcl.so with a 0 µs execute (figures in the bundle
// README text). A bundle of three static OMs (batch 1, 4, 8; one float32 input of 3x8x8 and one output of 10 per
// sample) and one dynamic-batch OM (gears 1, 2, 4, 8) is written to a temporary folder; a request stream is drawn
// from the mix 1:50,4:30,8:20 (seed 1). Per strategy it measures, per request:
//   T. Dispatcher::infer (plan, copy the n samples in, zero the padding, set the gear, execute, copy n out);
//   F. the same AscendCL calls made directly, in the same order and sizes, without om_dispatch (the fake's cost);
//   P. planRequest alone (the pure decision).
// Overhead = T - F: what om_dispatch adds. Medians over --repeat runs. Not a ctest test: run it by hand.
//   omrunner_bench_dispatch [--requests N] [--repeat R]
#include "acllib.h"
#include "om_dispatch.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using wb::dispatch::Strategy;

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return wb::percentileOfSortedSamples(v, 50);
}

void writeText(const std::string& path, const std::string& text)
{
    std::ofstream(path, std::ios::binary) << text;
}

std::string om(const std::string& name)
{
    std::string bytes(256 + 300, '\0');
    const auto put = [&](std::size_t at, std::uint64_t value, int size) {
        for (int i = 0; i < size; ++i)
            bytes[at + std::size_t(i)] = char((value >> (8 * i)) & 0xFF);
    };
    bytes.replace(0, 4, "IMOD");
    put(4, 256, 4);
    put(8, 0x20000000, 4);
    bytes.replace(84, name.size(), name);
    put(156, 1, 4);
    put(184, 300, 8);
    put(256, 3, 4);
    return bytes;
}

std::string writeBundle(const std::string& dir)
{
    std::string oms;
    const auto entry = [&](const std::string& file, const std::string& batch, const std::string& shape0) {
        writeText(dir + "/" + file, om(file));
        std::string error;
        const std::string sha = omd::sha256File(dir + "/" + file, error);
        oms += std::string(oms.empty() ? "" : ",") + "{\"file\":\"" + file + "\",\"sha256\":\"" + sha + "\"," + batch
            + ",\"inputs\":[{\"name\":\"input\",\"dtype\":\"float32\",\"format\":\"NCHW\",\"shape\":[" + shape0
            + ",3,8,8]}],\"outputs\":[{\"name\":\"output\",\"dtype\":\"float32\",\"format\":\"ND\",\"shape\":[" + shape0
            + ",10]}]}";
    };
    for (int b : { 1, 4, 8 }) {
        const std::string file = "m_b" + std::to_string(b) + ".om";
        writeText(dir + "/" + file + ".fakeacl",
            "FAKE_ACL_INPUTS=input:float32:" + std::to_string(b)
                + "x3x8x8\nFAKE_ACL_OUTPUTS=output:float32:" + std::to_string(b) + "x10\n");
        entry(file, "\"batch\":" + std::to_string(b), std::to_string(b));
    }
    writeText(dir + "/m_dyn.om.fakeacl",
        "FAKE_ACL_INPUTS=input:float32:1x3x8x8\nFAKE_ACL_OUTPUTS=output:float32:1x10\nFAKE_ACL_DYNAMIC_BATCH=1,2,4,"
        "8\n");
    entry("m_dyn.om", "\"dynamic_batch\":[1,2,4,8]", "-1");
    const std::string manifest = dir + "/deploy.json";
    writeText(manifest,
        "{\"format\":\"atc-workbench-bundle\",\"version\":1,\"model\":{\"name\":\"m\"},\"soc\":\"Ascend310P3\","
        "\"oms\":["
            + oms + "]}");
    return manifest;
}

} // namespace

int main(int argc, char** argv)
{
    std::uint64_t count = 100000;
    int repeat = 7;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--requests") == 0)
            count = std::strtoull(argv[i + 1], nullptr, 10);
        else if (std::strcmp(argv[i], "--repeat") == 0)
            repeat = std::atoi(argv[i + 1]);
    }
    setenv("FAKE_ACL_EXEC_US_PER_BATCH", "0", 1);
    char dir[] = "/tmp/omd-bench-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    const std::string manifest = writeBundle(dir);
    omr::AclLibrary acl = omr::openAclLibrary(WB_FAKE_ACL);
    if (!acl.handle || !acl.missing.empty()) {
        std::fprintf(stderr, "cannot load the fake AscendCL %s\n", WB_FAKE_ACL);
        return 1;
    }
    omd::Bundle bundle;
    std::string error;
    if (!omd::readBundle(manifest, bundle, error)) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    omd::Dispatcher dispatcher;
    if (!dispatcher.open(acl.api, bundle, {}, error)) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    std::vector<wb::dispatch::MixEntry> mix;
    wb::dispatch::parseRequestMix("1:50,4:30,8:20", mix, error);
    const std::vector<std::uint64_t> requests = wb::dispatch::makeRequests(mix, count, 1);
    std::vector<unsigned char> input(8 * dispatcher.inputSampleBytes(0), 1);
    std::vector<unsigned char> output(8 * dispatcher.outputSampleBytes(0));
    const void* inputs[] = { input.data() };
    void* outputs[] = { output.data() };

    // F: the AscendCL calls infer makes, straight: one OM per batch loaded here as well.
    const AclApi& api = acl.api;
    struct Direct {
        std::uint32_t id = 0;
        aclmdlDataset* in = nullptr;
        aclmdlDataset* out = nullptr;
        void* inMem = nullptr;
        void* outMem = nullptr;
        std::size_t inSize = 0, outSize = 0;
    };
    std::vector<Direct> direct(10); // [1], [4], [8]: the static OMs; [9]: the dynamic-batch one
    for (int b : { 1, 4, 8, 9 }) {
        Direct& d = direct[std::size_t(b)];
        const std::string path
            = std::string(dir) + (b == 9 ? std::string("/m_dyn.om") : "/m_b" + std::to_string(b) + ".om");
        api.aclmdlLoadFromFile(path.c_str(), &d.id);
        aclmdlDesc* desc = api.aclmdlCreateDesc();
        api.aclmdlGetDesc(desc, d.id);
        d.inSize = api.aclmdlGetInputSizeByIndex(desc, 0);
        d.outSize = api.aclmdlGetOutputSizeByIndex(desc, 0);
        api.aclrtMalloc(&d.inMem, d.inSize, 0);
        api.aclrtMalloc(&d.outMem, d.outSize, 0);
        d.in = api.aclmdlCreateDataset();
        d.out = api.aclmdlCreateDataset();
        api.aclmdlAddDatasetBuffer(d.in, api.aclCreateDataBuffer(d.inMem, d.inSize));
        if (b == 9) { // the batch-shape input
            void* shape = nullptr;
            api.aclrtMalloc(&shape, 8, 0);
            api.aclmdlAddDatasetBuffer(d.in, api.aclCreateDataBuffer(shape, 8));
        }
        api.aclmdlAddDatasetBuffer(d.out, api.aclCreateDataBuffer(d.outMem, d.outSize));
    }
    const std::vector<std::uint64_t> batches { 1, 4, 8 };
    std::vector<wb::dispatch::Step> steps;
    steps.reserve(16);
    const std::size_t inSample = dispatcher.inputSampleBytes(0);
    const std::size_t outSample = dispatcher.outputSampleBytes(0);

    std::printf("requests %llu (mix 1:50,4:30,8:20, seed 1), input 3x8x8 float32 (%zu B/sample), output 10 float32, "
                "fake execute 0 us, %d runs\n\n",
        static_cast<unsigned long long>(count), inSample, repeat);
    // Wall time and this thread's CPU time per request of `body` over the whole stream (CPU time is far less
    // disturbed by other processes on a busy machine).
    const auto measure = [&](auto&& body, double& wallUs, double& cpuUs) {
        timespec c0 {}, c1 {};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
        const auto t0 = Clock::now();
        for (std::uint64_t n : requests)
            body(n);
        const auto t1 = Clock::now();
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
        wallUs = std::chrono::duration<double, std::micro>(t1 - t0).count() / double(count);
        cpuUs = (double(c1.tv_sec - c0.tv_sec) * 1e6 + double(c1.tv_nsec - c0.tv_nsec) / 1e3) / double(count);
    };
    std::printf("| strategy | infer() per request (T), wall / CPU | the same AscendCL calls direct (F), wall / CPU | "
                "om_dispatch overhead T - F, wall / CPU | planRequest alone |\n| --- | ---: | ---: | ---: | ---: |\n");
    for (Strategy strategy : { Strategy::PerBatch, Strategy::Dynamic, Strategy::Max }) {
        std::vector<double> tw, tc, fw, fc, pw, overheadWall, overheadCpu;
        std::uint64_t gear = 0;
        for (int r = 0; r < repeat; ++r) {
            double a = 0, b = 0, c = 0, e = 0, g = 0, h = 0;
            bool ok = true;
            measure([&](std::uint64_t n) { ok = dispatcher.infer(n, inputs, outputs, strategy, error) && ok; }, a, b);
            if (!ok) {
                std::fprintf(stderr, "%s\n", error.c_str());
                return 1;
            }
            // F: the calls of the plan without om_dispatch: copy n in, zero the padding, (gear), execute, copy n out.
            measure(
                [&](std::uint64_t n) {
                    const std::uint64_t size = strategy == Strategy::Max ? 8 : n <= 1 ? 1 : n <= 4 ? 4 : 8;
                    const std::uint64_t real = strategy == Strategy::Dynamic ? (n <= 1 ? 1
                                                       : n <= 2                        ? 2
                                                       : n <= 4                        ? 4
                                                                                       : 8)
                                                                             : size;
                    Direct& d = direct[strategy == Strategy::Dynamic ? 9 : size];
                    api.aclrtMemcpy(d.inMem, d.inSize, input.data(), n * inSample, 1);
                    if (real > n)
                        api.aclrtMemset(static_cast<unsigned char*>(d.inMem) + n * inSample, d.inSize - n * inSample, 0,
                            (real - n) * inSample);
                    if (strategy == Strategy::Dynamic && gear != real) {
                        api.aclmdlSetDynamicBatchSize(d.id, d.in, 1, real);
                        gear = real;
                    }
                    api.aclmdlExecute(d.id, d.in, d.out);
                    api.aclrtMemcpy(output.data(), n * outSample, d.outMem, n * outSample, 2);
                },
                c, e);
            const std::vector<std::uint64_t> targets
                = strategy == Strategy::Max ? std::vector<std::uint64_t> { 8 } : std::vector<std::uint64_t> { 1, 4, 8 };
            std::uint64_t sink = 0;
            measure(
                [&](std::uint64_t n) {
                    wb::dispatch::planRequest(n, targets, true, steps);
                    sink += steps.front().batch;
                },
                g, h);
            if (sink == 0)
                std::printf("(never)\n");
            tw.push_back(a);
            tc.push_back(b);
            fw.push_back(c);
            fc.push_back(e);
            pw.push_back(g);
            overheadWall.push_back(a - c);
            overheadCpu.push_back(b - e);
        }
        std::printf("| %s | %.3f / %.3f µs | %.3f / %.3f µs | %.3f / %.3f µs | %.3f µs |\n",
            wb::dispatch::strategyName(strategy), median(tw), median(tc), median(fw), median(fc), median(overheadWall),
            median(overheadCpu), median(pw));
    }
    const std::string cleanup = std::string("rm -rf ") + dir;
    return std::system(cleanup.c_str()) == 0 ? 0 : 1;
}
