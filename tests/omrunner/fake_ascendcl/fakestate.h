#pragma once

// State and configuration of the fake libascendcl.so (see fake_ascendcl.cpp for the environment variables).

#include "acl.h"

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#define FAKE_EXPORT __attribute__((visibility("default")))

// Declared from the same list om-runner resolves, so the compiler checks every definition against it.
extern "C" {
#define FAKE_DECLARE(name, ret, params) FAKE_EXPORT ret name params;
OMR_ACL_REQUIRED(FAKE_DECLARE)
OMR_ACL_OPTIONAL(FAKE_DECLARE)
#undef FAKE_DECLARE

// The opaque AscendCL types, as the fake implements them.
struct aclDataBuffer {
    void* data;
    size_t size;
    int id;
};
struct aclmdlDesc {
    uint32_t modelId;
    int id;
};
struct aclmdlDataset {
    std::vector<aclDataBuffer*> buffers;
    uint64_t batch;
    int id;
};
}

namespace fakeacl {

struct Tensor {
    std::string name;
    std::int32_t dtype = 0; // aclDataType
    std::vector<std::int64_t> dims; // as configured; for dynamic models dims[0] is per gear step
    std::size_t elementBytes = 4;
};

struct FailRule {
    std::string function;
    int code = 0;
    long after = 0; // the first `after` calls succeed
    long calls = 0;
};

struct Config {
    long execUsPerBatch = 0;
    std::string soc = "Ascend310P3";
    std::int32_t runMode = 1; // ACL_HOST
    std::vector<std::uint64_t> gears; // dynamic batch gears; empty: a static model
    std::vector<Tensor> inputs;
    std::vector<Tensor> outputs;
    std::vector<FailRule> fails;
    std::string errorMessage; // FAKE_ACL_ERR_MSG
    std::FILE* log = nullptr;
};

// Read once from the environment.
Config& config();

// Appends one line to FAKE_ACL_LOG (when set) and flushes it.
void logLine(const std::string& line);

// The code FAKE_ACL_FAIL asks `function` to fail with on this call, or 0. Records the failure for
// aclGetRecentErrMsg.
int injected(const char* function);

// Records a failure (for aclGetRecentErrMsg) and returns its code.
int failure(const char* function, int code, const std::string& why);
const char* recentError();

// A model as the fake describes it: the configured tensors, plus ascend_mbatch_shape_data when dynamic.
struct ModelShape {
    std::vector<Tensor> inputs;
    std::vector<Tensor> outputs;
    std::vector<std::uint64_t> gears; // empty: a static model
    std::size_t dynamicIndex = 0;
    std::uint64_t maxGear = 1;
    bool dynamic() const { return !gears.empty(); }
};
// The shape of loaded model `modelId` (the environment's for an unknown ID). A file "<om>.fakeacl" beside the OM
// with FAKE_ACL_INPUTS=..., FAKE_ACL_OUTPUTS=... and FAKE_ACL_DYNAMIC_BATCH=... lines overrides the environment
// for that model, so one process can load a bundle of OMs of different batch sizes.
const ModelShape& modelShape(std::uint32_t modelId);
void loadModelShape(std::uint32_t modelId, const std::string& omPath);
// Bytes of a tensor at the largest gear (dynamic) or as declared (static).
std::size_t tensorBytes(const Tensor& tensor, bool dynamic, std::uint64_t maxGear);

// AscendCL error codes the fake returns itself (acl_base.h).
constexpr int InvalidParam = 100000;
constexpr int Uninitialize = 100001;
constexpr int RepeatInitialize = 100002;
constexpr int InvalidFile = 100003;
constexpr int InvalidModelId = 100011;
constexpr int ModelSizeInvalid = 100015;
constexpr int InputNotMatch = 100017;
constexpr int OutputNotMatch = 100018;
constexpr int NotDynamic = 100019;
constexpr int RepeatFinalize = 100037;

struct State {
    bool initialized = false;
    int device = -1;
    int nextId = 1;
    std::uint32_t nextModel = 1;
    std::map<const void*, std::size_t> memory; // device allocations
    std::map<const void*, int> ids; // id of every live object, for the log
    std::map<std::uint32_t, int> models; // loaded model ID -> log id
};
State& state();

// Gives `object` a log id and logs "+kind id".
int track(const char* kind, const void* object);
// Logs "-kind id"; false (and a "!unknown kind" line) when the object is not live.
bool untrack(const char* kind, const void* object);
// True when [p, p + count) lies inside one device allocation.
bool isDevice(const void* p, std::size_t count);

// Sleeps (then spins for the last stretch) until `us` microseconds have passed.
void busyWait(long us);

} // namespace fakeacl

#define FAKE_INJECT(name)                                                                                              \
    if (const int code = injected(#name))                                                                              \
    return code
#define FAKE_NEED_INIT(name)                                                                                           \
    if (!state().initialized)                                                                                          \
    return failure(#name, Uninitialize, "aclInit has not run")
