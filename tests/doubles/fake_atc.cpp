// fake_atc: a stand-in for Huawei's `atc` for the process tests. TEST DOUBLE ONLY — never installed, never shipped,
// never linked into the application.
//
// By default it behaves like a successful ONNX conversion with ATC's argument syntax and console output
// (reference/atc.md §1, §4): prints "ATC start working now…", checks --framework/--soc_version/--output/--model,
// prints progress dots, writes <output>.om (a well-formed 256-byte OM header as run/omfileheader.h checks it, a
// partition table and the model's path as its data) and "ATC run success…"; errors in
// the CANN 8 format ("E10007: [PID: n] <time> …", exit 255). Switches, all environment variables:
//
//   FAKE_ATC_MODE            atc (default) | dots | hang | crash | oom | oom-exit | flood | nonutf8 | crlf | fork |
//   replay FAKE_ATC_MODEL_INPUTS    a,b: the model's input names (default: read from the ONNX file); an --input_shape
//   name
//                            that is not one of them fails with E10001
//   FAKE_ATC_UNSUPPORTED_OPS Convx,Foo: op types without a parser; nodes of those types fail with E19010
//   FAKE_ATC_DOTS, FAKE_ATC_DOT_MS   progress dots (no newline) and the pause between them (dots: 40 x 50 ms)
//   FAKE_ATC_DELAY_MS        pause before the final status line
//   FAKE_ATC_IGNORE_TERM=1   ignore SIGTERM (so only SIGKILL stops it and its workers)
//   FAKE_ATC_FLOOD_MB        flood size in MiB (default 100), lines of 128 bytes "flood NNNNNNNNN xxx…"
//   FAKE_ATC_FLOOD_NEWLINES=0  flood without any line end
//   FAKE_ATC_THEN            fork: what the tool does after forking its worker: hang (default) | exit
//   FAKE_ATC_REPLAY          replay: a sample log to print verbatim (its leading "# " header lines skipped)
//   FAKE_ATC_EXIT            replay: exit code (default 0), or "kill" to die by SIGKILL
//   FAKE_ATC_PRECHECK_REPORT --mode=3: write (default) | none (no check_result.json) | garbage (not JSON)
//   FAKE_ATC_OM              whole (default) | truncated: the OM stops 100 bytes short of what its header declares
//                            (as when ATC is killed while writing), yet ATC reports success
//   FAKE_ATC_JSON            --mode=1: a JSON file to write as the model's JSON (default: a minimal ModelDef JSON with
//                            the OM header's name and no graph)
//   FAKE_ATC_JSON_RESULT     --mode=1: ok (default) | fail (E10001-style error, exit 255, no JSON) | garbage (writes
//                            text that is not JSON, reports success)
//
// --mode=3 (pre-check only) walks every node, fails those of FAKE_ATC_UNSUPPORTED_OPS and writes check_result.json
// (--check_report, default ./check_result.json) in the layout of PreChecker::Save in Ascend/parser
// (parser/common/pre_checker.cc), then ends with ATC's two final sentences like a conversion.
#include "fakeatc_args.h"
#include "fakeatc_onnx.h"

#include "run/omfileheader.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <sys/resource.h>
#include <unistd.h>

namespace {

constexpr std::string_view StartLine = "ATC start working now, please wait for a moment.\n";
constexpr std::string_view SuccessLine = "ATC run success, welcome to the next use.\n";
constexpr std::string_view FailedLine
    = "ATC run failed, Please check the detail log, Try 'atc --help' for more information\n";
constexpr int FailedExit = 255; // FAILED (0xFFFFFFFF) as an int32 exit status

std::string env(const char* name, const char* fallback = "")
{
    const char* value = std::getenv(name);
    return value ? std::string(value) : std::string(fallback);
}

int envInt(const char* name, int fallback)
{
    const std::string value = env(name);
    return value.empty() ? fallback : std::atoi(value.c_str());
}

// A well-formed OM: GE's 256-byte ModelFileHeader (the layout of run/omfileheader.h: magic, headsize, version,
// name, model_num, model_length), then a partition table (its entry count; no entries) and `data`.
std::string omFile(const std::string& data)
{
    const auto put = [](std::string& bytes, std::size_t at, std::uint64_t value, int width) {
        for (int i = 0; i < width; ++i)
            bytes[at + std::size_t(i)] = static_cast<char>((value >> (8 * i)) & 0xFF);
    };
    std::string om(wb::om::HeaderSize, '\0');
    put(om, 0, wb::om::MagicNumber, 4);
    put(om, 4, wb::om::HeaderSize, 4);
    put(om, 8, 0x20000000, 4); // version "2.0"
    om.replace(84, 10, "fake_model");
    put(om, 156, 1, 4); // model_num
    const std::string partitions(4, '\0'); // no entries
    std::string payload = data;
    payload.resize(std::max<std::size_t>(payload.size(), 2048), '.'); // a model's worth of bytes, more or less
    put(om, 184, partitions.size() + payload.size(), 8); // model_length: every byte after the header
    return om + partitions + payload;
}

void writeAll(int fd, std::string_view bytes)
{
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            std::_Exit(3);
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

void out(std::string_view text)
{
    writeAll(STDOUT_FILENO, text);
}
void err(std::string_view text)
{
    writeAll(STDERR_FILENO, text);
}

void sleepMs(int ms)
{
    if (ms <= 0)
        return;
    timespec ts { ms / 1000, static_cast<long>(ms % 1000) * 1000000L };
    while (::nanosleep(&ts, &ts) != 0 && errno == EINTR) { }
}

[[noreturn]] void hangForever()
{
    for (;;)
        ::pause();
}

// "[PID: 10490] 2025-03-18-09:02:18.501.341", as CANN 8 prefixes its error messages.
std::string pidStamp()
{
    timespec now {};
    ::clock_gettime(CLOCK_REALTIME, &now);
    tm local {};
    ::localtime_r(&now.tv_sec, &local);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%d-%H:%M:%S", &local);
    char buf[96];
    std::snprintf(buf, sizeof buf, "[PID: %d] %s.%03ld.%03ld", static_cast<int>(::getpid()), date,
        now.tv_nsec / 1000000L, (now.tv_nsec / 1000L) % 1000L);
    return buf;
}

void printDots(int count, int pauseMs)
{
    for (int i = 0; i < count; ++i) {
        out(".");
        sleepMs(pauseMs);
    }
}

[[noreturn]] void fail(const std::string& code, const std::string& message, const std::string& rest = {})
{
    out("...\n");
    out(FailedLine);
    out(code + ": " + pidStamp() + " " + message + "\n" + rest);
    std::exit(FailedExit);
}

[[noreturn]] void succeed()
{
    out("...\n");
    out(SuccessLine);
    std::exit(0);
}

// The opset a node's domain imports ("ai.onnx" and "" are the same domain); 11 when the model does not say.
std::int64_t opsetOf(const fakeatc::OnnxInfo& model, const std::string& domain)
{
    const std::string key = domain == "ai.onnx" ? std::string() : domain;
    const auto it = model.opsets.find(key);
    return it == model.opsets.end() ? 11 : it->second;
}

// --- modes other than a normal conversion -------------------------------------------------------------------------

[[noreturn]] void replay()
{
    const std::optional<std::string> log = fakeatc::readFile(env("FAKE_ATC_REPLAY"));
    if (!log) {
        err("fake_atc: cannot read FAKE_ATC_REPLAY\n");
        std::exit(2);
    }
    // Leading "# source:" / "# note:" lines describe the sample; they are not ATC output.
    std::string_view text = *log;
    while (text.substr(0, 2) == "# ") {
        const std::size_t end = text.find('\n');
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    }
    out(text);
    const std::string code = env("FAKE_ATC_EXIT", "0");
    if (code == "kill")
        ::raise(SIGKILL);
    std::exit(std::atoi(code.c_str()));
}

[[noreturn]] void flood()
{
    const long long total = static_cast<long long>(envInt("FAKE_ATC_FLOOD_MB", 100)) * 1024 * 1024;
    const bool newlines = env("FAKE_ATC_FLOOD_NEWLINES", "1") != "0";
    constexpr int LineBytes = 128;
    constexpr int BlockBytes = 1024 * 1024;
    std::string block(BlockBytes, 'x');
    long long lineNo = 0;
    for (long long written = 0; written < total; written += BlockBytes) {
        if (newlines) {
            for (int pos = 0; pos < BlockBytes; pos += LineBytes) {
                char head[32];
                const int n = std::snprintf(head, sizeof head, "flood %09lld ", lineNo++);
                std::copy(head, head + n, block.begin() + pos);
                block[static_cast<std::size_t>(pos + LineBytes - 1)] = '\n';
            }
        }
        out(std::string_view(block).substr(
            0, static_cast<std::size_t>(std::min<long long>(BlockBytes, total - written))));
    }
    if (!newlines)
        out("\n");
    out(SuccessLine);
    std::exit(0);
}

[[noreturn]] void nonUtf8()
{
    out("W11001: Op [caf\xe9] is Latin-1, not UTF-8\n");
    out("broken \xff\xfe bytes\n");
    out("truncated \xe6\xa8\n");
    out("valid \xe6\xa8\xa1\xe5\x9e\x8b UTF-8\n");
    out(std::string_view("nul \0 byte\n", 11));
    err("stderr \xc3\x28 invalid\n");
    out(SuccessLine);
    std::exit(0);
}

[[noreturn]] void crlf()
{
    out("windows line\r\nprogress 10%\rprogress 50%\rprogress 100%\r\nbare cr\rlast\n");
    out("split\r");
    sleepMs(envInt("FAKE_ATC_DOT_MS", 30)); // the "\n" of this "\r\n" most likely arrives in another read
    out("\nafter split\n");
    err("stderr one\r\nstderr two\n");
    out(SuccessLine);
    std::exit(0);
}

[[noreturn]] void forkWorker()
{
    const pid_t worker = ::fork();
    if (worker == 0) { // like a TBE compile worker: stays in our process group and outlives us unless it is killed
        ::signal(SIGHUP, SIG_IGN);
        hangForever();
    }
    out("worker pid " + std::to_string(worker) + "\n");
    if (env("FAKE_ATC_THEN", "hang") == "exit")
        succeed();
    printDots(3, 0);
    hangForever();
}

void checkFramework(const fakeatc::Args& args)
{
    const std::string framework = args.value("framework");
    if (framework != "0" && framework != "1" && framework != "3" && framework != "5")
        fail("E10007",
            "[--framework] is required. The value must be [0(Caffe) or 1(MindSpore) or 3(TensorFlow) or "
            "5(Onnx)].");
}

// Every --input_shape name must be a model input (E10001 otherwise).
void checkInputShape(const fakeatc::Args& args, const fakeatc::OnnxInfo& model)
{
    std::vector<std::string> inputs = model.inputs;
    if (const std::string listed = env("FAKE_ATC_MODEL_INPUTS"); !listed.empty())
        inputs = fakeatc::splitList(listed, ',');
    const std::vector<std::string> named = fakeatc::inputShapeNames(args.value("input_shape"));
    for (const std::string& name : named) {
        if (std::find(inputs.begin(), inputs.end(), name) != inputs.end())
            continue;
        // What ATC reports: the model input that got no shape (it is dynamic), else the unknown name.
        std::string unshaped = name;
        for (const std::string& input : inputs) {
            if (std::find(named.begin(), named.end(), input) == named.end()) {
                unshaped = input;
                break;
            }
        }
        fail("E10001",
            "Value [-1] for parameter [" + unshaped
                + "] is invalid. Reason: maybe you should set input_shape to "
                  "specify its shape.");
    }
}

// The checks both a conversion and a pre-check start with: --framework, the required flags, the model readable.
fakeatc::OnnxInfo loadModel(const fakeatc::Args& args, std::initializer_list<const char*> required)
{
    checkFramework(args);
    for (const char* flag : required) {
        if (args.value(flag).empty())
            fail("E10054",
                std::string("The required parameter [--") + flag
                    + "] for ATC is empty. Another possible reason is that the values of some parameters are not "
                      "enclosed by quotation marks (\"\").");
    }
    const std::string modelPath = args.value("model");
    fakeatc::OnnxInfo model = fakeatc::readOnnx(modelPath);
    if (!model.ok)
        fail("E10041", "Failed to load the model from [" + modelPath + "].");
    return model;
}

// "ai.onnx::11::Conv": how ATC names a node's operator in its errors and in check_result.json.
std::string opTypeName(const fakeatc::OnnxInfo& model, const fakeatc::OnnxNode& node)
{
    const std::string domain = node.domain.empty() ? "ai.onnx" : node.domain;
    return domain + "::" + std::to_string(opsetOf(model, node.domain)) + "::" + node.opType;
}

// --- a normal conversion ------------------------------------------------------------------------------------------

[[noreturn]] void convert(const fakeatc::Args& args)
{
    const fakeatc::OnnxInfo model = loadModel(args, { "soc_version", "output", "model" });
    const std::string modelPath = args.value("model");
    checkInputShape(args, model);

    printDots(envInt("FAKE_ATC_DOTS", 3), envInt("FAKE_ATC_DOT_MS", 0));

    const std::vector<std::string> unsupported = fakeatc::splitList(env("FAKE_ATC_UNSUPPORTED_OPS"), ',');
    std::vector<std::string> offenders;
    for (const fakeatc::OnnxNode& node : model.nodes) {
        if (std::find(unsupported.begin(), unsupported.end(), node.opType) == unsupported.end())
            continue;
        offenders.push_back(
            "No parser is registered for Op [" + node.name + ", optype [" + opTypeName(model, node) + "]].");
    }
    if (!offenders.empty()) {
        std::string rest = "        Solution: Check the version of the installation package and reinstall the "
                           "package. For details, see the operator specifications.\n"
                           "        TraceBack (most recent call last):\n";
        for (std::size_t i = 1; i < offenders.size(); ++i)
            rest += "        " + offenders[i] + "\n";
        rest += "        Model parse to graph failed, graph name:" + model.graphName
            + ".[FUNC:ModelParseToGraph][FILE:onnx_parser.cc][LINE:905]\n"
              "        ATC model parse ret fail.[FUNC:ParseGraph][FILE:omg.cc][LINE:788]\n";
        fail("E19010", offenders.front(), rest);
    }

    sleepMs(envInt("FAKE_ATC_DELAY_MS", 0));
    const std::string omPath = args.value("output") + ".om";
    std::string om = omFile("fake_atc model=" + modelPath + " soc=" + args.value("soc_version"));
    if (env("FAKE_ATC_OM") == "truncated")
        om.resize(om.size() - 100);
    std::FILE* file = std::fopen(omPath.c_str(), "wb");
    bool written = file && std::fwrite(om.data(), 1, om.size(), file) == om.size();
    if (file && std::fclose(file) != 0)
        written = false;
    if (!written)
        fail("E19999", "Internal Error!", "        An unknown error occurred. Please check the log.\n");
    succeed();
}

// --- the pre-check (--mode=3) -------------------------------------------------------------------------------------

std::string jsonString(const std::string& text)
{
    std::string quoted = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\')
            quoted += '\\';
        if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            quoted += buf;
            continue;
        }
        quoted += c;
    }
    return quoted + "\"";
}

[[noreturn]] void precheck(const fakeatc::Args& args)
{
    const fakeatc::OnnxInfo model = loadModel(args, { "soc_version", "model" });
    printDots(envInt("FAKE_ATC_DOTS", 3), envInt("FAKE_ATC_DOT_MS", 0));
    sleepMs(envInt("FAKE_ATC_DELAY_MS", 0));

    const std::vector<std::string> unsupported = fakeatc::splitList(env("FAKE_ATC_UNSUPPORTED_OPS"), ',');
    std::string ops;
    int failed = 0;
    for (const fakeatc::OnnxNode& node : model.nodes) {
        const std::string type = opTypeName(model, node);
        const bool bad = std::find(unsupported.begin(), unsupported.end(), node.opType) != unsupported.end();
        failed += bad ? 1 : 0;
        if (!ops.empty())
            ops += ",\n";
        ops += "    {\"name\": " + jsonString(node.name) + ", \"type\": " + jsonString(type) + ", \"result\": \""
            + (bad ? "failed" : "success") + "\", \"cause\": [";
        if (bad)
            ops += "{\"code\": \"type_unsupported\", \"message\": "
                + jsonString("No parser is registered for Op [" + node.name + ", optype [" + type + "]].") + "}";
        ops += "]}";
    }
    const int total = static_cast<int>(model.nodes.size());
    const std::string report = "{\n  \"name\": " + jsonString(model.graphName) + ",\n  \"result\": \""
        + (failed ? "failed" : "success") + "\",\n  \"total\": " + std::to_string(total)
        + ",\n  \"pass\": " + std::to_string(total - failed) + ",\n  \"fail\": " + std::to_string(failed)
        + ",\n  \"op\": [\n" + ops + "\n  ]\n}\n";

    const std::string what = env("FAKE_ATC_PRECHECK_REPORT", "write");
    if (what != "none") {
        const std::string path = args.has("check_report") ? args.value("check_report") : "check_result.json";
        const std::string text
            = what == "garbage" ? std::string("check result: ") + (failed ? "failed" : "ok") : report;
        std::FILE* file = std::fopen(path.c_str(), "wb");
        bool written = file && std::fwrite(text.data(), 1, text.size(), file) == text.size();
        if (file && std::fclose(file) != 0)
            written = false;
        if (!written)
            fail("E19999", "Internal Error!", "        Cannot write the pre-check report " + path + ".\n");
    }
    checkInputShape(args, model); // like ATC, after the report: a bad --input_shape fails a run whose report passed
    if (failed)
        fail("E19010",
            "Pre-check failed: " + std::to_string(failed) + " of " + std::to_string(total)
                + " operators are not supported. See the check report.");
    succeed();
}

// --mode=1: the OM (its header checked as GE's loader does) to JSON at --json.
[[noreturn]] void toJson(const fakeatc::Args& args)
{
    for (const char* flag : { "om", "json" }) {
        if (!args.has(flag))
            fail("E10004", std::string("Value for --") + flag + " is empty.");
    }
    const std::string omPath = args.value("om");
    std::FILE* om = std::fopen(omPath.c_str(), "rb");
    if (!om)
        fail("E10001", "Value [" + omPath + "] for parameter [--om] is invalid. Reason: the file does not exist.");
    unsigned char head[wb::om::BytesToParse] = {};
    const std::size_t got = std::fread(head, 1, sizeof head, om);
    std::fseek(om, 0, SEEK_END);
    const long size = std::ftell(om);
    std::fclose(om);
    const wb::om::FileHeader header = wb::om::parseFileHeader(head, got, static_cast<std::uint64_t>(size));
    if (!header.valid)
        fail("E19999", "Internal Error! Load model " + omPath + " failed: " + header.message);
    const std::string result = env("FAKE_ATC_JSON_RESULT", "ok");
    if (result == "fail")
        fail("E10001", "Value [" + omPath + "] for parameter [--om] is invalid. Reason: convert om to json failed.");
    std::string text = "{\n  \"name\": " + jsonString(header.name) + ",\n  \"graph\": [],\n  \"attr\": []\n}\n";
    if (result == "garbage") {
        text = "model dump: " + header.name + "\n";
    } else if (const std::string source = env("FAKE_ATC_JSON"); !source.empty()) {
        std::FILE* in = std::fopen(source.c_str(), "rb");
        if (!in)
            fail("E19999", "fake_atc: cannot read FAKE_ATC_JSON " + source);
        text.clear();
        char buf[65536];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, in)) > 0;)
            text.append(buf, n);
        std::fclose(in);
    }
    const std::string path = args.value("json");
    std::FILE* file = std::fopen(path.c_str(), "wb");
    bool written = file && std::fwrite(text.data(), 1, text.size(), file) == text.size();
    if (file && std::fclose(file) != 0)
        written = false;
    if (!written)
        fail("E19999", "Internal Error!", "        Cannot write the JSON file " + path + ".\n");
    succeed();
}

} // namespace

int main(int argc, char** argv)
{
    const std::string mode = env("FAKE_ATC_MODE", "atc");
    if (mode == "replay")
        replay();
    if (env("FAKE_ATC_IGNORE_TERM") == "1")
        ::signal(SIGTERM, SIG_IGN);

    out(StartLine); // before argument parsing, as ATC does
    if (mode == "hang") {
        out("....");
        hangForever();
    }
    if (mode == "crash") {
        const rlimit noCore { 0, 0 };
        ::setrlimit(RLIMIT_CORE, &noCore);
        ::signal(SIGSEGV, SIG_DFL); // a sanitizer build would catch it and exit instead of dying
        printDots(3, 0);
        ::raise(SIGSEGV);
    }
    if (mode == "oom") { // the kernel's OOM killer: SIGKILL, no final line (reference/atc.md §4.1)
        err("Process ForkServerPoolWorker-2:\nTraceback (most recent call last):\n");
        ::raise(SIGKILL);
    }
    if (mode == "oom-exit") // the same seen through a shell wrapper: exit status 128 + 9
        std::exit(137);
    if (mode == "flood")
        flood();
    if (mode == "nonutf8")
        nonUtf8();
    if (mode == "crlf")
        crlf();
    if (mode == "fork")
        forkWorker();
    if (mode != "atc" && mode != "dots") {
        err("fake_atc: unknown FAKE_ATC_MODE " + mode + "\n");
        return 2;
    }
    if (mode == "dots") {
        ::setenv("FAKE_ATC_DOTS", env("FAKE_ATC_DOTS", "40").c_str(), 1);
        ::setenv("FAKE_ATC_DOT_MS", env("FAKE_ATC_DOT_MS", "50").c_str(), 1);
    }

    const fakeatc::ParseResult parsed = fakeatc::parseArgs(argc, argv);
    if (parsed.error) {
        err(*parsed.error + "\n");
        return FailedExit;
    }
    if (parsed.args.has("help")) {
        out(fakeatc::helpText());
        return 0;
    }
    if (parsed.args.value("mode") == "3")
        precheck(parsed.args);
    if (parsed.args.value("mode") == "1")
        toJson(parsed.args);
    convert(parsed.args);
}
