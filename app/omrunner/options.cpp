#include "options.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace omr {

namespace {

bool parseInteger(const std::string& text, std::int64_t min, std::int64_t max, std::int64_t& value)
{
    if (text.empty() || text[0] == '+' || text[0] == ' ')
        return false;
    errno = 0;
    char* end = nullptr;
    const long long parsed = std::strtoll(text.c_str(), &end, 10);
    if (errno != 0 || *end != '\0' || parsed < min || parsed > max)
        return false;
    value = parsed;
    return true;
}

std::vector<std::string> splitList(const std::string& text)
{
    std::vector<std::string> items;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = text.find(',', start);
        items.push_back(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos)
            return items;
        start = comma + 1;
    }
}

} // namespace

const char* usageText()
{
    return "Usage: om-runner --model MODEL.om [options]\n"
           "       om-runner --bundle deploy.json (--requests N,N,... | --request-mix SIZE:WEIGHT,... [--count N]\n"
           "                 [--seed S]) [--strategies per-batch,dynamic,max] [options]\n"
           "Loads libascendcl.so at run time, runs an Ascend offline model and prints one JSON object per line.\n"
           "\n"
           "  --model FILE        the .om model to run (required)\n"
           "  --device N          NPU device ID (default 0)\n"
           "  --loops N           timed iterations, 1..10000000 (default 100)\n"
           "  --warmup N          untimed warm-up iterations first (default 5)\n"
           "  --input SPEC        zeros | random | FILE[,FILE...]: one item per model input, or one zeros/random\n"
           "                      for all (default zeros); items may mix files, zeros and random\n"
           "  --seed N            seed of --input random (default 1)\n"
           "  --batch N           batch gear of a dynamic-batch model (default: its smallest gear)\n"
           "  --lib PATH          libascendcl.so to load (a file or its folder); default: search\n"
           "                      $ASCEND_TOOLKIT_HOME/lib64, $ASCEND_HOME_PATH/lib64,\n"
           "                      /usr/local/Ascend/ascend-toolkit/latest/lib64, /usr/local/Ascend/nnrt/latest/lib64,\n"
           "                      then LD_LIBRARY_PATH\n"
           "  --output-dir DIR    write each output of the last iteration to DIR/output_<index>.bin\n"
           "  --bundle FILE       dispatch requests over the OMs of a bundle (deploy.json from `atcwb bundle`): each\n"
           "                      request of n samples runs on the smallest OM whose batch >= n, padded with zeros\n"
           "  --requests LIST     the request sizes in order, e.g. 1,3,8,2\n"
           "  --request-mix MIX   draw --count requests (default 100) from SIZE:WEIGHT pairs, e.g. 1:50,4:30,8:20,\n"
           "                      with --seed\n"
           "  --strategies LIST   per-batch (every static OM), dynamic (the dynamic-batch OM's gears), max (always\n"
           "                      the largest OM); default per-batch\n"
           "  --no-chunking       refuse a request larger than the largest batch instead of splitting it\n"
           "  --latency-budget MS p99 budget for the recommendation in the summary\n"
           "  --calibrate N       after the strategies, run every static OM of the bundle N times on a full batch:\n"
           "                      one \"calibration\" line per OM with the ms of each run\n"
           "  --profile           per-op NPU durations of the timed loop (AscendCL model subscription): one \"op\"\n"
           "                      line per op, then \"op_profile\", before the summary\n"
           "  --help, --version\n"
           "\n"
           "Exit status: 0 success, 1 an AscendCL call failed, 2 bad usage or a bad file, 3 libascendcl.so not\n"
           "found or missing a call, 128+N stopped by signal N (the summary of what ran is still printed).\n";
}

bool parseOptions(int argc, char** argv, Options& options, std::string& error)
{
    bool requestList = false;
    bool countGiven = false;
    for (int i = 1; i < argc; ++i) {
        std::string argument = argv[i];
        if (argument == "--help" || argument == "-h") {
            options.help = true;
            return true;
        }
        if (argument == "--version") {
            options.version = true;
            return true;
        }
        if (argument == "--profile") {
            options.profile = true;
            continue;
        }
        std::string value;
        bool hasValue = false;
        if (const std::size_t equals = argument.find('=');
            argument.rfind("--", 0) == 0 && equals != std::string::npos) {
            value = argument.substr(equals + 1);
            argument.resize(equals);
            hasValue = true;
        }
        if (argument == "--no-chunking") {
            options.chunking = false;
            continue;
        }
        static const char* const WithValue[] = { "--model", "--device", "--loops", "--warmup", "--input", "--seed",
            "--batch", "--lib", "--output-dir", "--bundle", "--requests", "--request-mix", "--count", "--strategies",
            "--latency-budget", "--calibrate" };
        bool known = false;
        for (const char* name : WithValue)
            known = known || argument == name;
        if (!known) {
            error = "unknown option '" + argument + "' (see om-runner --help)";
            return false;
        }
        if (!hasValue) {
            if (i + 1 >= argc) {
                error = "option " + argument + " needs a value";
                return false;
            }
            value = argv[++i];
        }
        std::int64_t number = 0;
        const auto integer = [&](std::int64_t min, std::int64_t max) {
            if (parseInteger(value, min, max, number))
                return true;
            error = "option " + argument;
            error.append(" needs a whole number from ").append(std::to_string(min)).append(" to ");
            error.append(std::to_string(max)).append(", not '").append(value).append("'");
            return false;
        };
        if (argument == "--model") {
            options.model = value;
        } else if (argument == "--device") {
            if (!integer(0, 1023))
                return false;
            options.device = static_cast<int>(number);
        } else if (argument == "--loops") {
            if (!integer(1, MaxLoops))
                return false;
            options.loops = number;
        } else if (argument == "--warmup") {
            if (!integer(0, 1'000'000))
                return false;
            options.warmup = number;
        } else if (argument == "--calibrate") {
            if (!integer(0, 1'000'000))
                return false;
            options.calibrate = number;
        } else if (argument == "--seed") {
            if (!integer(0, INT64_MAX))
                return false;
            options.seed = static_cast<std::uint64_t>(number);
        } else if (argument == "--batch") {
            if (!integer(1, 1'000'000))
                return false;
            options.batch = number;
        } else if (argument == "--input") {
            options.inputs = splitList(value);
            for (const std::string& item : options.inputs) {
                if (item.empty()) {
                    error = "option --input has an empty item in '" + value + "'";
                    return false;
                }
            }
        } else if (argument == "--lib") {
            options.library = value;
        } else if (argument == "--output-dir") {
            options.outputDir = value;
        } else if (argument == "--bundle") {
            options.bundle = value;
        } else if (argument == "--requests") {
            if (!wb::dispatch::parseRequestList(value, options.requests, error))
                return false;
            requestList = true;
        } else if (argument == "--request-mix") {
            options.requestMix = value;
        } else if (argument == "--count") {
            if (!integer(1, 10'000'000))
                return false;
            options.count = number;
            countGiven = true;
        } else if (argument == "--strategies") {
            options.strategies = splitList(value);
            for (const std::string& name : options.strategies) {
                wb::dispatch::Strategy unused {};
                if (!wb::dispatch::strategyFromName(name, unused)) {
                    error = "option --strategies has '" + name + "': use per-batch, dynamic or max";
                    return false;
                }
            }
        } else if (argument == "--latency-budget") {
            char* end = nullptr;
            options.latencyBudgetMs = std::strtod(value.c_str(), &end);
            if (value.empty() || *end != '\0' || !(options.latencyBudgetMs > 0) || options.latencyBudgetMs > 1e9) {
                error = "option --latency-budget needs a number of milliseconds above 0, not '" + value + "'";
                return false;
            }
        }
        if (value.empty()
            && (argument == "--model" || argument == "--lib" || argument == "--output-dir" || argument == "--bundle")) {
            error = "option " + argument + " needs a non-empty value";
            return false;
        }
    }
    if (!options.bundle.empty()) {
        if (!options.model.empty()) {
            error = "--model and --bundle cannot be used together: --bundle runs the OMs its deploy.json lists";
            return false;
        }
        if (requestList == !options.requestMix.empty()) {
            error = "--bundle needs a request stream: either --requests LIST or --request-mix MIX (not both)";
            return false;
        }
        if (!options.requestMix.empty()) {
            std::vector<wb::dispatch::MixEntry> mix;
            if (!wb::dispatch::parseRequestMix(options.requestMix, mix, error))
                return false;
            options.requests = wb::dispatch::makeRequests(mix, static_cast<std::uint64_t>(options.count), options.seed);
        }
        return true;
    }
    if (requestList || !options.requestMix.empty() || countGiven) {
        error = "--requests, --request-mix and --count go with --bundle deploy.json";
        return false;
    }
    if (options.model.empty()) {
        error = "--model is required: the .om file to run (see om-runner --help)";
        return false;
    }
    return true;
}

} // namespace omr
