// om-runner's own cost per iteration, against the fake libascendcl.so with a 0 µs execute
// (bench/omrunner_overhead.md). In one run it measures:
//   A. the fake's aclmdlExecute alone: this program loads the fake and calls it in a tight loop;
//   B. om-runner --loops N: its "wall_ms" for the timed loop (clock reads, execute, line formatting, output),
//      with stdout read through a pipe as the app reads it;
//   C. the whole om-runner process at N and at N/100 loops: the difference per extra iteration, measured from
//      outside (start-up and teardown cancel out).
// Overhead = B / N - A and C - A, in wall time; and the same from CPU time (the fake's loop measured with
// CLOCK_PROCESS_CPUTIME_ID, om-runner's from wait4's rusage), which a busy machine disturbs far less.
// Not a ctest test: run it by hand.
//   omrunner_bench_overhead [--loops N] [--repeat R]
#include "acl.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <dlfcn.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point from, Clock::time_point to)
{
    return std::chrono::duration<double>(to - from).count();
}

double processCpuSeconds()
{
    timespec now {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

struct Cost {
    double wallNs = 0;
    double cpuNs = 0;
};

template <typename Function> Function symbol(void* handle, const char* name)
{
    void* address = dlsym(handle, name);
    if (!address) {
        std::fprintf(stderr, "the fake lacks %s\n", name);
        std::exit(1);
    }
    Function function = nullptr;
    std::memcpy(&function, &address, sizeof function);
    return function;
}

// A 2290-byte OM with a valid header.
std::string writeModel()
{
    char path[] = "/tmp/omrunner-bench-XXXXXX";
    const int fd = mkstemp(path);
    std::vector<unsigned char> bytes(2290, 0);
    std::memcpy(bytes.data(), "IMOD", 4);
    const std::uint32_t head = 256;
    const std::uint64_t length = 2034;
    std::memcpy(bytes.data() + 4, &head, 4);
    std::memcpy(bytes.data() + 184, &length, 8);
    if (fd < 0 || write(fd, bytes.data(), bytes.size()) != static_cast<ssize_t>(bytes.size())) {
        std::perror("cannot write the model");
        std::exit(1);
    }
    close(fd);
    return path;
}

// A: ns per call of the fake's aclmdlExecute, after the same set-up om-runner does.
Cost fakeExecuteNs(const std::string& model, long loops)
{
    void* fake = dlopen(WB_FAKE_ACL, RTLD_NOW | RTLD_LOCAL);
    if (!fake) {
        std::fprintf(stderr, "%s\n", dlerror());
        std::exit(1);
    }
// NOLINTNEXTLINE(bugprone-macro-parentheses): ret and params are a type and a parameter list
#define BENCH_RESOLVE(name, ret, params) api.name = symbol<ret(*) params>(fake, #name);
    AclApi api;
    OMR_ACL_REQUIRED(BENCH_RESOLVE)
#undef BENCH_RESOLVE
    uint32_t id = 0;
    aclrtContext context = nullptr;
    if (api.aclInit(nullptr) || api.aclrtSetDevice(0) || api.aclrtCreateContext(&context, 0)
        || api.aclmdlLoadFromFile(model.c_str(), &id)) {
        std::fprintf(stderr, "the fake refused the set-up\n");
        std::exit(1);
    }
    aclmdlDesc* desc = api.aclmdlCreateDesc();
    api.aclmdlGetDesc(desc, id);
    aclmdlDataset* input = api.aclmdlCreateDataset();
    aclmdlDataset* output = api.aclmdlCreateDataset();
    std::vector<void*> memory;
    const auto add = [&](aclmdlDataset* dataset, size_t size) {
        void* p = nullptr;
        api.aclrtMalloc(&p, size, acl::MallocHugeFirst);
        api.aclrtMemset(p, size, 0, size);
        api.aclmdlAddDatasetBuffer(dataset, api.aclCreateDataBuffer(p, size));
        memory.push_back(p);
    };
    for (size_t i = 0; i < api.aclmdlGetNumInputs(desc); ++i)
        add(input, api.aclmdlGetInputSizeByIndex(desc, i));
    for (size_t i = 0; i < api.aclmdlGetNumOutputs(desc); ++i)
        add(output, api.aclmdlGetOutputSizeByIndex(desc, i));
    for (long i = 0; i < 1000; ++i)
        api.aclmdlExecute(id, input, output);
    const Clock::time_point start = Clock::now();
    const double cpuStart = processCpuSeconds();
    for (long i = 0; i < loops; ++i) {
        if (api.aclmdlExecute(id, input, output) != 0) {
            std::fprintf(stderr, "the fake's execute failed\n");
            std::exit(1);
        }
    }
    Cost cost;
    cost.cpuNs = (processCpuSeconds() - cpuStart) * 1e9 / static_cast<double>(loops);
    cost.wallNs = seconds(start, Clock::now()) * 1e9 / static_cast<double>(loops);
    // Left loaded: the process ends soon, and this mirrors om-runner, which never unloads AscendCL.
    return cost;
}

// fakeExecuteNs in a child process: AscendCL (and the fake) may be initialised once per process.
Cost fakeExecuteNsInChild(const std::string& model, long loops)
{
    int pipeFds[2];
    if (pipe(pipeFds) != 0)
        std::exit(1);
    const pid_t pid = fork();
    if (pid == 0) {
        close(pipeFds[0]);
        const Cost cost = fakeExecuteNs(model, loops);
        const bool written = write(pipeFds[1], &cost, sizeof cost) == static_cast<ssize_t>(sizeof cost);
        _exit(written ? 0 : 1);
    }
    close(pipeFds[1]);
    Cost cost;
    const bool got = read(pipeFds[0], &cost, sizeof cost) == static_cast<ssize_t>(sizeof cost);
    close(pipeFds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!got || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "measuring the fake failed\n");
        std::exit(1);
    }
    return cost;
}

struct ChildRun {
    double processSeconds = 0;
    double cpuSeconds = 0; // user + system time of the child
    double wallMs = -1; // the summary's wall_ms
    long lines = 0;
};

// Runs om-runner with stdout on a pipe that is read in 64 KiB chunks, like the app's QProcess.
ChildRun runOmRunner(const std::string& model, long loops)
{
    int pipeFds[2];
    if (pipe(pipeFds) != 0)
        std::exit(1);
    const std::string loopText = std::to_string(loops);
    const Clock::time_point start = Clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(pipeFds[1], STDOUT_FILENO);
        close(pipeFds[0]);
        close(pipeFds[1]);
        setenv("FAKE_ACL_EXEC_US_PER_BATCH", "0", 1);
        unsetenv("FAKE_ACL_LOG");
        execl(WB_OM_RUNNER, "om-runner", "--model", model.c_str(), "--lib", WB_FAKE_ACL, "--loops", loopText.c_str(),
            "--warmup", "0", static_cast<char*>(nullptr));
        _exit(127);
    }
    close(pipeFds[1]);
    ChildRun run;
    std::string tail; // the last line, for the summary
    std::vector<char> buffer(std::size_t { 64 } * 1024);
    ssize_t n = 0;
    while ((n = read(pipeFds[0], buffer.data(), buffer.size())) > 0) {
        for (ssize_t i = 0; i < n; ++i) {
            if (buffer[static_cast<size_t>(i)] == '\n') {
                ++run.lines;
                if (tail.find("\"event\":\"summary\"") != std::string::npos) {
                    const size_t at = tail.find("\"wall_ms\":");
                    run.wallMs = std::atof(tail.c_str() + at + 10);
                }
                tail.clear();
            } else if (tail.size() < 4096) {
                tail += buffer[static_cast<size_t>(i)];
            }
        }
    }
    close(pipeFds[0]);
    int status = 0;
    rusage usage {};
    wait4(pid, &status, 0, &usage);
    run.processSeconds = seconds(start, Clock::now());
    run.cpuSeconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || run.wallMs < 0) {
        std::fprintf(stderr, "om-runner failed (status %d)\n", status);
        std::exit(1);
    }
    return run;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    long loops = 100000;
    int repeat = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--loops") == 0)
            loops = std::max(1000L, std::atol(argv[i + 1]));
        else if (std::strcmp(argv[i], "--repeat") == 0)
            repeat = std::max(1, std::atoi(argv[i + 1]));
    }
    setenv("FAKE_ACL_EXEC_US_PER_BATCH", "0", 1);
    unsetenv("FAKE_ACL_LOG");
    const std::string model = writeModel();
    const long small = loops / 100;

    std::vector<double> fake, inside, outside, fakeCpu, outsideCpu;
    for (int r = 0; r < repeat; ++r) {
        const Cost fakeCost = fakeExecuteNsInChild(model, loops);
        const ChildRun big = runOmRunner(model, loops);
        const ChildRun little = runOmRunner(model, small);
        const auto extra = static_cast<double>(loops - small);
        const double insideNs = big.wallMs * 1e6 / static_cast<double>(loops);
        const double outsideNs = (big.processSeconds - little.processSeconds) * 1e9 / extra;
        const double outsideCpuNs = (big.cpuSeconds - little.cpuSeconds) * 1e9 / extra;
        fake.push_back(fakeCost.wallNs);
        fakeCpu.push_back(fakeCost.cpuNs);
        inside.push_back(insideNs - fakeCost.wallNs);
        outside.push_back(outsideNs - fakeCost.wallNs);
        outsideCpu.push_back(outsideCpuNs - fakeCost.cpuNs);
        std::fprintf(stderr,
            "run %d: fake execute %.0f ns (cpu %.0f); om-runner loop %.0f ns/iteration (%ld lines read), process "
            "delta %.0f ns/iteration (cpu %.0f)\n",
            r + 1, fakeCost.wallNs, fakeCost.cpuNs, insideNs, big.lines, outsideNs, outsideCpuNs);
    }
    unlink(model.c_str());
    std::printf(
        "| measure (median of %d runs, %ld iterations each) | ns per iteration |\n| --- | ---: |\n", repeat, loops);
    std::printf("| A. fake aclmdlExecute alone, wall | %.0f |\n", median(fake));
    std::printf("| A'. the same, CPU time | %.0f |\n", median(fakeCpu));
    std::printf("| B. om-runner overhead inside its loop (wall_ms / N - A) | %.0f |\n", median(inside));
    std::printf(
        "| C. om-runner overhead from outside (process wall-time delta per iteration - A) | %.0f |\n", median(outside));
    std::printf("| D. om-runner overhead in CPU time (process CPU-time delta per iteration - A') | %.0f |\n",
        median(outsideCpu));
    return 0;
}
