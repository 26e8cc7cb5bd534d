#include "fakestate.h"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace fakeacl {

namespace {

std::string env(const char* name, const char* fallback = "")
{
    const char* value = std::getenv(name);
    return value && *value ? value : fallback;
}

std::vector<std::string> split(const std::string& text, char separator)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = text.find(separator, start);
        parts.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    return parts;
}

// "name:dtype:1x3x224x224;name2:uint8:1x10"
std::vector<Tensor> parseTensors(const std::string& text)
{
    struct Type {
        const char* name;
        std::int32_t value;
        std::size_t bytes;
    };
    static const Type Types[] = { { "float32", 0, 4 }, { "float16", 1, 2 }, { "int8", 2, 1 }, { "int32", 3, 4 },
        { "uint8", 4, 1 }, { "int64", 9, 8 }, { "bool", 12, 1 }, { "bfloat16", 27, 2 } };
    std::vector<Tensor> tensors;
    for (const std::string& item : split(text, ';')) {
        const std::vector<std::string> parts = split(item, ':');
        if (parts.size() != 3)
            continue;
        Tensor tensor;
        tensor.name = parts[0];
        for (const Type& type : Types) {
            if (parts[1] == type.name) {
                tensor.dtype = type.value;
                tensor.elementBytes = type.bytes;
            }
        }
        for (const std::string& dim : split(parts[2], 'x'))
            tensor.dims.push_back(std::atoll(dim.c_str()));
        tensors.push_back(tensor);
    }
    return tensors;
}

std::string g_recentError;

} // namespace

Config& config()
{
    static Config c = [] {
        Config made;
        made.execUsPerBatch = std::atol(env("FAKE_ACL_EXEC_US_PER_BATCH", "0").c_str());
        made.soc = env("FAKE_ACL_SOC", "Ascend310P3");
        made.runMode = env("FAKE_ACL_RUN_MODE", "host") == "device" ? 0 : 1;
        for (const std::string& gear : split(env("FAKE_ACL_DYNAMIC_BATCH"), ',')) {
            if (!gear.empty())
                made.gears.push_back(std::strtoull(gear.c_str(), nullptr, 10));
        }
        made.inputs = parseTensors(env("FAKE_ACL_INPUTS", "input:float32:1x3x224x224"));
        made.outputs = parseTensors(env("FAKE_ACL_OUTPUTS", "output:float32:1x1000"));
        for (const std::string& rule : split(env("FAKE_ACL_FAIL"), ',')) {
            const std::vector<std::string> parts = split(rule, ':');
            if (parts.size() >= 2)
                made.fails.push_back(
                    { parts[0], std::atoi(parts[1].c_str()), parts.size() > 2 ? std::atol(parts[2].c_str()) : 0, 0 });
        }
        made.errorMessage = env("FAKE_ACL_ERR_MSG");
        const std::string logPath = env("FAKE_ACL_LOG");
        if (!logPath.empty())
            made.log = std::fopen(logPath.c_str(), "a");
        return made;
    }();
    return c;
}

void logLine(const std::string& line)
{
    if (std::FILE* log = config().log) {
        std::fputs((line + "\n").c_str(), log);
        std::fflush(log);
    }
}

int failure(const char* function, int code, const std::string& why)
{
    g_recentError = config().errorMessage.empty()
        ? "EZ9999: [fake] " + std::string(function) + " failed with " + std::to_string(code) + ": " + why
        : config().errorMessage;
    return code;
}

int injected(const char* function)
{
    for (FailRule& rule : config().fails) {
        if (rule.function != function)
            continue;
        if (++rule.calls > rule.after) {
            logLine("!injected " + rule.function + " " + std::to_string(rule.code));
            return failure(function, rule.code, "injected by FAKE_ACL_FAIL");
        }
    }
    return 0;
}

const char* recentError()
{
    return g_recentError.c_str();
}

std::size_t tensorBytes(const Tensor& tensor, bool dynamic, std::uint64_t maxGear)
{
    std::size_t count = 1;
    for (std::int64_t dim : tensor.dims)
        count *= static_cast<std::size_t>(dim > 0 ? dim : 1);
    return count * tensor.elementBytes * (dynamic ? maxGear : 1);
}

namespace {

ModelShape makeShape(std::vector<Tensor> inputs, std::vector<Tensor> outputs, std::vector<std::uint64_t> gears)
{
    ModelShape made;
    made.inputs = std::move(inputs);
    made.outputs = std::move(outputs);
    made.gears = std::move(gears);
    for (std::uint64_t gear : made.gears)
        made.maxGear = gear > made.maxGear ? gear : made.maxGear;
    if (!made.gears.empty()) {
        made.dynamicIndex = made.inputs.size();
        made.inputs.push_back({ acl::DynamicTensorName, 9, { 1 }, 8 });
    }
    return made;
}

std::vector<std::uint64_t> parseGears(const std::string& text)
{
    std::vector<std::uint64_t> gears;
    for (const std::string& gear : split(text, ',')) {
        if (!gear.empty())
            gears.push_back(std::strtoull(gear.c_str(), nullptr, 10));
    }
    return gears;
}

std::map<std::uint32_t, ModelShape>& shapes()
{
    static std::map<std::uint32_t, ModelShape> loaded;
    return loaded;
}

} // namespace

const ModelShape& modelShape(std::uint32_t modelId)
{
    static const ModelShape fromEnvironment = makeShape(config().inputs, config().outputs, config().gears);
    const auto it = shapes().find(modelId);
    return it == shapes().end() ? fromEnvironment : it->second;
}

void loadModelShape(std::uint32_t modelId, const std::string& omPath)
{
    std::string inputs = env("FAKE_ACL_INPUTS", "input:float32:1x3x224x224");
    std::string outputs = env("FAKE_ACL_OUTPUTS", "output:float32:1x1000");
    std::string gears = env("FAKE_ACL_DYNAMIC_BATCH");
    std::FILE* file = std::fopen((omPath + ".fakeacl").c_str(), "r");
    if (!file)
        return; // the environment's shape
    char line[4096];
    while (std::fgets(line, sizeof line, file)) {
        std::string text(line);
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
            text.pop_back();
        const std::size_t equals = text.find('=');
        if (equals == std::string::npos)
            continue;
        const std::string key = text.substr(0, equals);
        const std::string value = text.substr(equals + 1);
        if (key == "FAKE_ACL_INPUTS")
            inputs = value;
        else if (key == "FAKE_ACL_OUTPUTS")
            outputs = value;
        else if (key == "FAKE_ACL_DYNAMIC_BATCH")
            gears = value;
    }
    std::fclose(file);
    shapes()[modelId] = makeShape(parseTensors(inputs), parseTensors(outputs), parseGears(gears));
}

State& state()
{
    static State s;
    return s;
}

int track(const char* kind, const void* object)
{
    const int id = state().nextId++;
    state().ids[object] = id;
    logLine(std::string("+") + kind + " " + std::to_string(id));
    return id;
}

bool untrack(const char* kind, const void* object)
{
    const auto it = state().ids.find(object);
    if (it == state().ids.end()) {
        logLine(std::string("!unknown ") + kind);
        return false;
    }
    logLine(std::string("-") + kind + " " + std::to_string(it->second));
    state().ids.erase(it);
    return true;
}

bool isDevice(const void* p, std::size_t count)
{
    auto it = state().memory.upper_bound(p);
    if (it == state().memory.begin())
        return false;
    --it;
    const auto* base = static_cast<const unsigned char*>(it->first);
    const auto* q = static_cast<const unsigned char*>(p);
    return q >= base && q + count <= base + it->second;
}

void busyWait(long us)
{
    using Clock = std::chrono::steady_clock;
    const Clock::time_point deadline = Clock::now() + std::chrono::microseconds(us);
    const auto spin = std::chrono::microseconds(200);
    if (us > 400)
        std::this_thread::sleep_until(deadline - spin);
    while (Clock::now() < deadline) { }
}

} // namespace fakeacl
