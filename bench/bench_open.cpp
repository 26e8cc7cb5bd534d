// wb_bench_open: "open a model and summarise it" -- wb::OnnxModel::load against Debian's onnx.load, same run.
//
//   wb_bench_open [--dir DIR] [--sizes 10,200,1500,3000] [--repeat N] [--markdown FILE] [--python PATH]
//
// Generates the benchmark models into DIR when missing (bench/benchmodels.cpp), then for every model runs each
// side once as warm-up (files hot in the page cache for both) and N more times, each load in a fresh child
// process: our side is this program in --child-load mode, which times OnnxModel::load and prints the summary's
// counts; the reference is `python3 -c SCRIPT FILE`, which imports onnx and times onnx.load(FILE). Peak RSS is
// the child's ru_maxrss from wait4(). Baseline children (ours loading a tiny model, python only importing onnx)
// give the per-process floor, so RSS is reported both raw and as the increment over that floor. Medians are
// reported. Sizes are MiB; models of 2000 MiB or more keep their weights in an external data file.
//
// Internal modes (used by the driver): --child-load FILE, --generate SIZE_MIB PATH [EXTERNAL_DATA_NAME].
//
// Exit codes: 0 measured (whether or not the targets are met), 1 a child failed or a result was wrong, 2 usage.

#include "benchmodels.h"

#include "onnx/onnxmodel.h"

#include <QString>

#include <algorithm>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr double kSpeedTarget = 5.0; // onnx.load time / ours, at least
constexpr double kRssTarget = 0.3; // our RSS increment / file size, at most (inline-weight models)
constexpr int kExternalFromMiB = 2000; // protobuf cannot hold 2 GB in one message
constexpr const char* kModelPrefix = "wb-bench-v1-"; // bump when the generated models change

// Imports onnx, then times onnx.load (which also reads external data by default). Without FILE: import only.
constexpr const char* kPythonScript = R"PY(import sys, time
import onnx
from google.protobuf.internal import api_implementation
info = "onnx=%s protobuf=%s" % (onnx.__version__, api_implementation.Type())
if len(sys.argv) > 1:
    t0 = time.perf_counter()
    m = onnx.load(sys.argv[1])
    ms = (time.perf_counter() - t0) * 1000.0
    print("nodes=%d ms=%.3f %s" % (len(m.graph.node), ms, info))
else:
    print("nodes=0 ms=0 %s" % info)
)PY";

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
std::string format(const char* fmt, ...)
{
    char buf[1024];
    va_list args;
    va_start(args, fmt);
    std::vsnprintf(buf, sizeof buf, fmt, args);
    va_end(args);
    return buf;
}

// ------------------------------------------------------------------------------------------------ child modes

// "RssAnon=... RssFile=... VmHWM=..." (KB) from /proc/self/status, to see where a load's memory goes.
std::string memoryFields(const char* prefix)
{
    std::ifstream in("/proc/self/status");
    std::string line;
    std::string out;
    for (const char* key : { "VmHWM:", "RssAnon:", "RssFile:" }) {
        in.clear();
        in.seekg(0);
        while (std::getline(in, line)) {
            if (line.rfind(key, 0) == 0) {
                std::istringstream fields(line.substr(std::strlen(key)));
                long kb = 0;
                fields >> kb;
                out += format(" %s_%.*s_kb=%ld", prefix, static_cast<int>(std::strlen(key) - 1), key, kb);
            }
        }
    }
    return out;
}

int childLoad(const char* path)
{
    const std::string before = memoryFields("before");
    const auto t0 = Clock::now();
    const wb::Result<wb::OnnxModelPtr> result = wb::OnnxModel::load(QString::fromLocal8Bit(path));
    const double ms = msSince(t0);
    if (!result.ok()) {
        std::fprintf(stderr, "wb_bench_open: %s\n", result.error().message.toLocal8Bit().constData());
        return 1;
    }
    const wb::ModelSummary& s = result.value()->summary();
    std::printf("nodes=%d ms=%.3f init_count=%d init_bytes=%lld external=%d%s%s\n", s.nodeCount, ms, s.initializerCount,
        static_cast<long long>(s.initializerBytes), s.externalTensorCount, before.c_str(),
        memoryFields("after").c_str());
    return 0;
}

int childGenerate(int sizeMiB, const std::string& path, const std::string& externalName)
{
    const auto t0 = Clock::now();
    wbbench::Plan plan = wbbench::planModel(sizeMiB);
    std::fprintf(stderr, "  generating %s: %s, %d nodes, %d initializers, %.1f MiB of weights%s\n", path.c_str(),
        plan.description.c_str(), plan.nodeCount, plan.initializerCount,
        static_cast<double>(plan.initializerBytes) / 1048576.0, externalName.empty() ? "" : " (external data)");
    const std::string error = wbbench::writeModel(plan, path, externalName);
    if (!error.empty()) {
        std::fprintf(stderr, "wb_bench_open: %s\n", error.c_str());
        return 1;
    }
    std::fprintf(stderr, "  done in %.1f s\n", msSince(t0) / 1000.0);
    return 0;
}

// ------------------------------------------------------------------------------------------------ child processes

struct ChildRun {
    bool ok = false;
    std::string out;
    long maxRssKb = 0;
};

// fork + exec; stdout captured when `capture`; peak RSS from wait4(). The child's ru_maxrss can never be below
// this driver's RSS at fork time (Linux carries the pre-exec high-water mark over), so the driver stays small:
// it plans models but never generates them in-process.
ChildRun runChild(const std::vector<std::string>& args, bool capture)
{
    ChildRun run;
    int fds[2] = { -1, -1 };
    if (capture && ::pipe2(fds, O_CLOEXEC) != 0)
        return run;
    std::fflush(stdout);
    std::fflush(stderr);
    const pid_t pid = ::fork();
    if (pid < 0)
        return run;
    if (pid == 0) {
        if (capture)
            ::dup2(fds[1], STDOUT_FILENO);
        std::vector<char*> argv;
        for (const std::string& a : args)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        std::fprintf(stderr, "wb_bench_open: cannot run %s: %s\n", argv[0], std::strerror(errno));
        ::_exit(127);
    }
    if (capture) {
        ::close(fds[1]);
        char buf[4096];
        for (;;) {
            const ssize_t n = ::read(fds[0], buf, sizeof buf);
            if (n > 0)
                run.out.append(buf, static_cast<std::size_t>(n));
            else if (n == 0 || errno != EINTR)
                break;
        }
        ::close(fds[0]);
    }
    int status = 0;
    rusage usage {};
    while (::wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR)
            return run;
    }
    run.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    run.maxRssKb = usage.ru_maxrss;
    return run;
}

std::map<std::string, std::string> parseFields(const std::string& text)
{
    std::map<std::string, std::string> fields;
    std::istringstream in(text);
    std::string token;
    while (in >> token) {
        const auto eq = token.find('=');
        if (eq != std::string::npos)
            fields[token.substr(0, eq)] = token.substr(eq + 1);
    }
    return fields;
}

// ------------------------------------------------------------------------------------------------ driver

struct Options {
    std::string dir = "/tmp/wb-bench";
    std::vector<int> sizes { 10, 200, 1500, 3000 };
    int repeat = 3;
    std::string markdown;
    std::string python = "/usr/bin/python3";
};

struct Sample {
    double ms = 0;
    long rssKb = 0;
};

struct Model {
    int sizeMiB = 0; // 0: the tiny baseline model
    std::string label;
    std::string path;
    std::string dataName; // external data file name, empty when inline
    std::string description;
    int nodes = 0;
    int initializers = 0;
    long long weightBytes = 0;
    long long fileBytes = 0; // model + external data
    std::vector<Sample> ours;
    std::vector<Sample> reference;
    std::vector<std::string> problems;
};

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

double medianMs(const std::vector<Sample>& s)
{
    std::vector<double> v;
    for (const Sample& x : s)
        v.push_back(x.ms);
    return median(v);
}

double medianRssMiB(const std::vector<Sample>& s)
{
    std::vector<double> v;
    for (const Sample& x : s)
        v.push_back(static_cast<double>(x.rssKb) / 1024.0);
    return median(v);
}

class Bench {
public:
    Bench(Options options, std::string self)
        : m_opt(std::move(options))
        , m_self(std::move(self))
    {
    }

    int run()
    {
        std::error_code ec;
        fs::create_directories(m_opt.dir, ec);
        if (ec) {
            std::fprintf(stderr, "wb_bench_open: cannot create %s: %s\n", m_opt.dir.c_str(), ec.message().c_str());
            return 1;
        }
        Model tiny = prepare(0);
        std::vector<Model> models;
        for (const int size : m_opt.sizes)
            models.push_back(prepare(size));
        for (const Model& m : models) {
            if (!m.problems.empty() || !tiny.problems.empty()) {
                std::fprintf(stderr, "wb_bench_open: model generation failed\n");
                return 1;
            }
        }

        std::fprintf(
            stderr, "baselines (ours: tiny model; onnx.load: import onnx only), 1 warm-up + %d runs\n", m_opt.repeat);
        measure(tiny, true);
        for (Model& m : models) {
            std::fprintf(stderr, "%s (%.1f MiB), 1 warm-up + %d runs per side\n", m.label.c_str(),
                static_cast<double>(m.fileBytes) / 1048576.0, m_opt.repeat);
            measure(m, false);
        }
        rusage self {};
        ::getrusage(RUSAGE_SELF, &self);
        m_driverRssMiB = static_cast<double>(self.ru_maxrss) / 1024.0;

        const std::string text = report(tiny, models, false);
        std::fputs(text.c_str(), stdout);
        if (!m_opt.markdown.empty()) {
            std::ofstream out(m_opt.markdown, std::ios::trunc);
            out << report(tiny, models, true);
            if (!out) {
                std::fprintf(stderr, "wb_bench_open: cannot write %s\n", m_opt.markdown.c_str());
                return 1;
            }
        }
        bool allOk = tiny.problems.empty();
        for (const Model& m : models)
            allOk = allOk && m.problems.empty();
        return allOk ? 0 : 1;
    }

private:
    Model prepare(int sizeMiB)
    {
        Model m;
        m.sizeMiB = sizeMiB;
        const bool external = sizeMiB >= kExternalFromMiB;
        m.label = sizeMiB == 0 ? std::string("tiny") : std::to_string(sizeMiB) + (external ? "mib-ext" : "mib");
        m.path = (fs::path(m_opt.dir) / (kModelPrefix + m.label + ".onnx")).string();
        if (external)
            m.dataName = kModelPrefix + m.label + ".onnx.data";
        {
            // What the generator writes, to check both loaders against (planning is cheap: no weights).
            const wbbench::Plan plan = wbbench::planModel(sizeMiB);
            m.description = plan.description;
            m.nodes = plan.nodeCount;
            m.initializers = plan.initializerCount;
            m.weightBytes = plan.initializerBytes;
        }
        const std::string dataPath = external ? (fs::path(m_opt.dir) / m.dataName).string() : std::string();
        if (!fs::exists(m.path) || (external && !fs::exists(dataPath))) {
            const ChildRun gen = runChild({ m_self, "--generate", std::to_string(sizeMiB), m.path, m.dataName }, false);
            if (!gen.ok)
                m.problems.push_back("generation failed");
        } else {
            std::fprintf(stderr, "  using cached %s\n", m.path.c_str());
        }
        std::error_code ec;
        m.fileBytes = static_cast<long long>(fs::file_size(m.path, ec));
        if (external)
            m.fileBytes += static_cast<long long>(fs::file_size(dataPath, ec));
        return m;
    }

    Sample ours(Model& m)
    {
        const ChildRun run = runChild({ m_self, "--child-load", m.path }, true);
        const auto f = parseFields(run.out);
        if (!run.ok || !f.count("ms")) {
            m.problems.push_back("our loader failed");
            return {};
        }
        const int nodes = std::atoi(f.at("nodes").c_str());
        const long long bytes = std::atoll(f.at("init_bytes").c_str());
        const int count = std::atoi(f.at("init_count").c_str());
        if (nodes != m.nodes || bytes != m.weightBytes || count != m.initializers)
            m.problems.push_back(format("ours read nodes=%d initializers=%d bytes=%lld, expected %d/%d/%lld", nodes,
                count, bytes, m.nodes, m.initializers, m.weightBytes));
        m_oursChecked = format("nodes=%d initializers=%d initializer_bytes=%lld external=%s", nodes, count, bytes,
            f.count("external") ? f.at("external").c_str() : "?");
        return { std::atof(f.at("ms").c_str()), run.maxRssKb };
    }

    Sample reference(Model& m, bool importOnly)
    {
        std::vector<std::string> args { m_opt.python, "-c", kPythonScript };
        if (!importOnly)
            args.push_back(m.path);
        const ChildRun run = runChild(args, true);
        const auto f = parseFields(run.out);
        if (!run.ok || !f.count("ms")) {
            m.problems.push_back("onnx.load failed");
            return {};
        }
        if (!importOnly && std::atoi(f.at("nodes").c_str()) != m.nodes)
            m.problems.push_back("onnx.load read nodes=" + f.at("nodes"));
        if (f.count("onnx"))
            m_pythonInfo = "onnx " + f.at("onnx") + ", protobuf " + (f.count("protobuf") ? f.at("protobuf") : "?");
        return { std::atof(f.at("ms").c_str()), run.maxRssKb };
    }

    void measure(Model& m, bool baseline)
    {
        // Warm-up: both sides read the files once, so every measured run finds them in the page cache.
        ours(m);
        reference(m, baseline);
        for (int i = 0; i < m_opt.repeat; ++i) {
            m.ours.push_back(ours(m));
            m.reference.push_back(reference(m, baseline));
            std::fprintf(stderr, "  run %d: ours %.2f ms %.1f MiB | onnx.load %.2f ms %.1f MiB\n", i + 1,
                m.ours.back().ms, static_cast<double>(m.ours.back().rssKb) / 1024.0, m.reference.back().ms,
                static_cast<double>(m.reference.back().rssKb) / 1024.0);
        }
        if (!baseline)
            std::fprintf(stderr, "  ours read %s\n", m_oursChecked.c_str());
        for (const std::string& p : m.problems)
            std::fprintf(stderr, "  PROBLEM: %s\n", p.c_str());
    }

    std::string report(const Model& tiny, const std::vector<Model>& models, bool markdown) const
    {
        const double oursBase = medianRssMiB(tiny.ours);
        const double refBase = medianRssMiB(tiny.reference);
        std::string out;
        utsname u {};
        ::uname(&u);
        char date[32];
        const std::time_t now = std::time(nullptr);
        std::strftime(date, sizeof date, "%Y-%m-%d", std::localtime(&now));
        const std::string machine = format(
            "%s, %ld CPUs, Linux %s, %s", date, ::sysconf(_SC_NPROCESSORS_ONLN), u.release, m_pythonInfo.c_str());

        const std::vector<std::string> head { "model", "file MiB", "ours ms", "onnx.load ms", "speed-up",
            "ours peak RSS MiB", "ours RSS incr MiB", "incr / file", "onnx.load peak RSS MiB",
            "onnx.load RSS incr MiB" };
        std::vector<std::vector<std::string>> rows;
        double worstSpeed = 1e300;
        std::string worstSpeedModel;
        double worstRss = 0;
        std::string worstRssModel;
        for (const Model& m : models) {
            const double fileMiB = static_cast<double>(m.fileBytes) / 1048576.0;
            const double oursMs = medianMs(m.ours);
            const double refMs = medianMs(m.reference);
            const double speed = oursMs > 0 ? refMs / oursMs : 0;
            const double rss = medianRssMiB(m.ours);
            const double incr = std::max(0.0, rss - oursBase);
            const double ratio = incr / fileMiB;
            const double refRss = medianRssMiB(m.reference);
            rows.push_back({ m.label, format("%.1f", fileMiB), format("%.2f", oursMs), format("%.1f", refMs),
                format(speed < 100 ? "%.1fx" : "%.0fx", speed), format("%.1f", rss), format("%.1f", incr),
                m.dataName.empty() ? format("%.4f", ratio) : format("%.4f (ext.)", ratio), format("%.1f", refRss),
                format("%.1f", std::max(0.0, refRss - refBase)) });
            if (speed < worstSpeed) {
                worstSpeed = speed;
                worstSpeedModel = m.label;
            }
            if (m.dataName.empty() && ratio >= worstRss) {
                worstRss = ratio;
                worstRssModel = m.label;
            }
        }

        std::vector<std::size_t> width(head.size());
        for (std::size_t c = 0; c < head.size(); ++c) {
            width[c] = head[c].size();
            for (const auto& r : rows)
                width[c] = std::max(width[c], r[c].size());
        }
        auto line = [&](const std::vector<std::string>& cells) {
            std::string l = markdown ? "|" : "";
            for (std::size_t c = 0; c < cells.size(); ++c) {
                const std::string pad(width[c] - cells[c].size(), ' ');
                l += markdown ? " " : (c ? "  " : "");
                l += c == 0 ? cells[c] + pad : pad + cells[c];
                l += markdown ? " |" : "";
            }
            return l + "\n";
        };

        out += markdown ? "Measured " + machine + ".\n\n" : "\n" + machine + "\n\n";
        out += line(head);
        if (markdown) {
            std::vector<std::string> rule;
            for (std::size_t c = 0; c < head.size(); ++c)
                rule.push_back(std::string(width[c] - 1, '-') + (c == 0 ? "-" : ":"));
            out += line(rule);
        }
        for (const auto& r : rows)
            out += line(r);
        out += "\n";
        const std::string bullet = markdown ? "- " : "";
        out += bullet
            + format("Baselines (median peak RSS): ours %.1f MiB (loading the tiny model), onnx.load %.1f MiB "
                     "(python3 + import onnx). Medians of %d runs after 1 warm-up; driver peak RSS %.1f MiB.\n",
                oursBase, refBase, m_opt.repeat, m_driverRssMiB);
        out += bullet
            + format("Target speed-up >= %.0fx over onnx.load: %s (lowest %.1fx, %s)\n", kSpeedTarget,
                worstSpeed >= kSpeedTarget ? "met" : "NOT met", worstSpeed, worstSpeedModel.c_str());
        if (!worstRssModel.empty())
            out += bullet
                + format("Target peak RSS <= %.1fx file size, inline-weight models (increment over baseline): %s "
                         "(highest %.4fx, %s)\n",
                    kRssTarget, worstRss <= kRssTarget ? "met" : "NOT met", worstRss, worstRssModel.c_str());

        out += markdown ? "\n| model | generated as | nodes | initializers | weight bytes | checks |\n"
                          "| --- | --- | ---: | ---: | ---: | --- |\n"
                        : "\n";
        for (const Model& m : models) {
            const std::string checks = m.problems.empty()
                ? "ours and onnx.load read the node count; ours the initializer count and bytes"
                : "FAILED: " + m.problems.front();
            out += markdown ? format("| %s | %s%s | %d | %d | %lld | %s |\n", m.label.c_str(), m.description.c_str(),
                       m.dataName.empty() ? ", inline" : ", external data", m.nodes, m.initializers, m.weightBytes,
                       checks.c_str())
                            : format("%s: %s%s; %d nodes, %d initializers, %lld weight bytes; %s\n", m.label.c_str(),
                                m.description.c_str(), m.dataName.empty() ? ", inline" : ", external data", m.nodes,
                                m.initializers, m.weightBytes, checks.c_str());
        }
        return out;
    }

    Options m_opt;
    std::string m_self;
    std::string m_oursChecked;
    std::string m_pythonInfo;
    double m_driverRssMiB = 0;
};

} // namespace

int usage()
{
    std::fputs("usage: wb_bench_open [--dir DIR] [--sizes 10,200,1500,3000] [--repeat N] [--markdown FILE] "
               "[--python PATH]\n"
               "Times wb::OnnxModel::load against onnx.load on generated models (sizes in MiB; >= 2000 MiB use "
               "external data)\n"
               "and reports medians of N runs (default 3) after one warm-up, with peak RSS from wait4().\n",
        stderr);
    return 2;
}

int main(int argc, char** argv)
{
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() == 2 && args[0] == "--child-load")
        return childLoad(argv[2]);
    if ((args.size() == 3 || args.size() == 4) && args[0] == "--generate")
        return childGenerate(std::atoi(argv[2]), args[2], args.size() == 4 ? args[3] : std::string());

    Options opt;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const bool hasValue = i + 1 < args.size();
        if (args[i] == "--dir" && hasValue) {
            opt.dir = args[++i];
        } else if (args[i] == "--sizes" && hasValue) {
            opt.sizes.clear();
            std::istringstream in(args[++i]);
            std::string item;
            while (std::getline(in, item, ',')) {
                const int size = std::atoi(item.c_str());
                if (size <= 0)
                    return usage();
                opt.sizes.push_back(size);
            }
        } else if (args[i] == "--repeat" && hasValue) {
            opt.repeat = std::atoi(args[++i].c_str());
            if (opt.repeat < 1)
                return usage();
        } else if (args[i] == "--markdown" && hasValue) {
            opt.markdown = args[++i];
        } else if (args[i] == "--python" && hasValue) {
            opt.python = args[++i];
        } else {
            return usage();
        }
    }
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (ec) {
        std::fprintf(stderr, "wb_bench_open: cannot find my own executable: %s\n", ec.message().c_str());
        return 1;
    }
    return Bench(opt, self.string()).run();
}
