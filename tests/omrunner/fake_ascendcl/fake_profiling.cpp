// The fake's model subscription (acl_prof.h), as AscendCL documents it: aclprofCreateSubscribeConfig takes a
// pointer to the pipe's write end; while a model is subscribed every aclmdlExecute writes one op record per op
// to that pipe; aclprofModelUnSubscribe closes the write end. A record is this fake's own struct (the real layout
// is private to AscendCL: callers size buffers with aclprofGetOpDescSize and read fields through the calls).
//   FAKE_ACL_OPS="name:type:us,..."  the ops each execution reports (default conv1:Conv2D:120,
//                                     relu1:Relu:8, trans_TransData_1:TransData:15)
// FAKE_ACL_FAIL works for these calls too (e.g. aclprofModelSubscribe:500005).
#include "fake_profiling.h"
#include "fakestate.h"

#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <unistd.h>

using namespace fakeacl;

extern "C" {
#define FAKE_DECLARE(name, ret, params) FAKE_EXPORT ret name params;
OMR_ACL_PROFILING(FAKE_DECLARE)
#undef FAKE_DECLARE
struct aclprofSubscribeConfig {
    int fd;
    int8_t timeInfo;
};
}

namespace {

struct OpRecord {
    char name[128];
    char type[64];
    uint64_t durationNs;
    uint32_t modelId;
};

struct FakeOp {
    std::string name;
    std::string type;
    double us;
};

const std::vector<FakeOp>& fakeOps()
{
    static const std::vector<FakeOp> ops = [] {
        const char* env = std::getenv("FAKE_ACL_OPS");
        std::string spec = env && *env ? env : "conv1:Conv2D:120,relu1:Relu:8,trans_TransData_1:TransData:15";
        std::vector<FakeOp> list;
        size_t start = 0;
        while (start <= spec.size()) {
            const size_t comma = spec.find(',', start);
            const std::string item = spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            const size_t a = item.find(':');
            const size_t b = a == std::string::npos ? a : item.find(':', a + 1);
            if (b != std::string::npos)
                list.push_back({ item.substr(0, a), item.substr(a + 1, b - a - 1), std::atof(item.c_str() + b + 1) });
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
        return list;
    }();
    return ops;
}

std::mutex& subscriptionsMutex()
{
    static std::mutex m;
    return m;
}

std::map<uint32_t, int>& subscriptions() // model ID -> pipe write end
{
    static std::map<uint32_t, int> s;
    return s;
}

const OpRecord* record(const void* opInfo, size_t opInfoLen, uint32_t index)
{
    if (!opInfo || size_t(index + 1) * sizeof(OpRecord) > opInfoLen)
        return nullptr;
    return static_cast<const OpRecord*>(opInfo) + index;
}

aclError copyText(const char* text, char* out, size_t len)
{
    if (!out || len == 0)
        return InvalidParam;
    std::strncpy(out, text, len - 1);
    out[len - 1] = '\0';
    return 0;
}

} // namespace

namespace fakeacl {

void profileExecution(uint32_t modelId)
{
    std::lock_guard<std::mutex> lock(subscriptionsMutex());
    const auto it = subscriptions().find(modelId);
    if (it == subscriptions().end())
        return;
    for (const FakeOp& op : fakeOps()) {
        OpRecord r {};
        std::strncpy(r.name, op.name.c_str(), sizeof r.name - 1);
        std::strncpy(r.type, op.type.c_str(), sizeof r.type - 1);
        r.durationNs = uint64_t(op.us * 1000.0);
        r.modelId = modelId;
        const char* p = reinterpret_cast<const char*>(&r);
        size_t left = sizeof r;
        while (left > 0) {
            const ssize_t n = ::write(it->second, p, left);
            if (n <= 0)
                break;
            p += n;
            left -= size_t(n);
        }
    }
}

} // namespace fakeacl

extern "C" {

aclprofSubscribeConfig* aclprofCreateSubscribeConfig(int8_t timeInfoSwitch, int32_t, void* fd)
{
    if (!fd || injected("aclprofCreateSubscribeConfig"))
        return nullptr;
    auto* config = new aclprofSubscribeConfig { *static_cast<int*>(fd), timeInfoSwitch };
    track("subscribeconfig", config);
    return config;
}

aclError aclprofDestroySubscribeConfig(const aclprofSubscribeConfig* config)
{
    FAKE_INJECT(aclprofDestroySubscribeConfig);
    if (!untrack("subscribeconfig", config))
        return failure("aclprofDestroySubscribeConfig", InvalidParam, "unknown config");
    delete config;
    return 0;
}

aclError aclprofModelSubscribe(uint32_t modelId, const aclprofSubscribeConfig* config)
{
    FAKE_INJECT(aclprofModelSubscribe);
    if (state().models.count(modelId) == 0)
        return failure("aclprofModelSubscribe", InvalidModelId, "model not loaded");
    if (!config || config->timeInfo != 1)
        return failure("aclprofModelSubscribe", InvalidParam, "no config or time info off");
    std::lock_guard<std::mutex> lock(subscriptionsMutex());
    if (!subscriptions().emplace(modelId, config->fd).second)
        return failure("aclprofModelSubscribe", InvalidParam, "already subscribed");
    logLine("+subscribe " + std::to_string(modelId));
    return 0;
}

aclError aclprofModelUnSubscribe(uint32_t modelId)
{
    FAKE_INJECT(aclprofModelUnSubscribe);
    std::lock_guard<std::mutex> lock(subscriptionsMutex());
    const auto it = subscriptions().find(modelId);
    if (it == subscriptions().end())
        return failure("aclprofModelUnSubscribe", InvalidParam, "not subscribed");
    ::close(it->second); // AscendCL closes the write end once the data is sent
    subscriptions().erase(it);
    logLine("-subscribe " + std::to_string(modelId));
    return 0;
}

aclError aclprofGetOpDescSize(size_t* opDescSize)
{
    FAKE_INJECT(aclprofGetOpDescSize);
    if (!opDescSize)
        return InvalidParam;
    *opDescSize = sizeof(OpRecord);
    return 0;
}

aclError aclprofGetOpNum(const void* opInfo, size_t opInfoLen, uint32_t* opNumber)
{
    if (!opInfo || !opNumber || opInfoLen % sizeof(OpRecord) != 0)
        return InvalidParam;
    *opNumber = uint32_t(opInfoLen / sizeof(OpRecord));
    return 0;
}

aclError aclprofGetOpTypeLen(const void* opInfo, size_t opInfoLen, uint32_t index, size_t* opTypeLen)
{
    const OpRecord* r = record(opInfo, opInfoLen, index);
    if (!r || !opTypeLen)
        return InvalidParam;
    *opTypeLen = std::strlen(r->type) + 1;
    return 0;
}

aclError aclprofGetOpType(const void* opInfo, size_t opInfoLen, uint32_t index, char* opType, size_t len)
{
    const OpRecord* r = record(opInfo, opInfoLen, index);
    return r ? copyText(r->type, opType, len) : InvalidParam;
}

aclError aclprofGetOpNameLen(const void* opInfo, size_t opInfoLen, uint32_t index, size_t* opNameLen)
{
    const OpRecord* r = record(opInfo, opInfoLen, index);
    if (!r || !opNameLen)
        return InvalidParam;
    *opNameLen = std::strlen(r->name) + 1;
    return 0;
}

aclError aclprofGetOpName(const void* opInfo, size_t opInfoLen, uint32_t index, char* opName, size_t len)
{
    const OpRecord* r = record(opInfo, opInfoLen, index);
    return r ? copyText(r->name, opName, len) : InvalidParam;
}

uint64_t aclprofGetOpDuration(const void* opInfo, size_t opInfoLen, uint32_t index)
{
    const OpRecord* r = record(opInfo, opInfoLen, index);
    return r ? r->durationNs : 0;
}

} // extern "C"
