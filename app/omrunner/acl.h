#pragma once

// Our own declarations of the AscendCL calls om-runner makes, so it builds without the CANN headers and loads
// libascendcl.so at run time. Types, values and signatures are those of CANN's public headers acl/acl.h,
// acl_base.h, acl_rt.h and acl_mdl.h (ACL 1.10; see shared/reference/runners.md §4). C enums are passed as
// int32_t, which has the same size and calling convention. tests/omrunner/fake_ascendcl implements the same list.

#include <cstddef>
#include <cstdint>

extern "C" {
typedef int aclError;
typedef void* aclrtStream;
typedef void* aclrtContext;
typedef struct aclDataBuffer aclDataBuffer;
typedef struct aclmdlDesc aclmdlDesc;
typedef struct aclmdlDataset aclmdlDataset;
typedef struct aclprofSubscribeConfig aclprofSubscribeConfig; // acl_prof.h

typedef struct aclmdlIODims {
    char name[128]; // ACL_MAX_TENSOR_NAME_LEN
    size_t dimCount;
    int64_t dims[128]; // ACL_MAX_DIM_CNT
} aclmdlIODims;

typedef struct aclmdlBatch {
    size_t batchCount;
    uint64_t batch[128]; // ACL_MAX_BATCH_NUM
} aclmdlBatch;
}

namespace acl {

constexpr aclError Success = 0; // ACL_SUCCESS
constexpr int32_t RunModeDevice = 0; // ACL_DEVICE: the program runs on the board's own CPU
constexpr int32_t RunModeHost = 1; // ACL_HOST: host + PCIe card
constexpr int32_t MemcpyHostToDevice = 1; // ACL_MEMCPY_HOST_TO_DEVICE
constexpr int32_t MemcpyDeviceToHost = 2; // ACL_MEMCPY_DEVICE_TO_HOST
constexpr int32_t MallocHugeFirst = 0; // ACL_MEM_MALLOC_HUGE_FIRST
constexpr const char* DynamicTensorName = "ascend_mbatch_shape_data"; // ACL_DYNAMIC_TENSOR_NAME
constexpr int32_t AicoreNone = 0xFF; // ACL_AICORE_NONE (aclprofAicoreMetrics): durations only

} // namespace acl

// X(name, return type, parameter list): every call om-runner needs. A library missing any of these is refused.
#define OMR_ACL_REQUIRED(X)                                                                                            \
    X(aclInit, aclError, (const char* configPath))                                                                     \
    X(aclFinalize, aclError, ())                                                                                       \
    X(aclrtSetDevice, aclError, (int32_t deviceId))                                                                    \
    X(aclrtResetDevice, aclError, (int32_t deviceId))                                                                  \
    X(aclrtCreateContext, aclError, (aclrtContext * context, int32_t deviceId))                                        \
    X(aclrtDestroyContext, aclError, (aclrtContext context))                                                           \
    X(aclrtCreateStream, aclError, (aclrtStream * stream))                                                             \
    X(aclrtDestroyStream, aclError, (aclrtStream stream))                                                              \
    X(aclrtGetRunMode, aclError, (int32_t * runMode))                                                                  \
    X(aclrtMalloc, aclError, (void** devPtr, size_t size, int32_t policy))                                             \
    X(aclrtFree, aclError, (void* devPtr))                                                                             \
    X(aclrtMemcpy, aclError, (void* dst, size_t destMax, const void* src, size_t count, int32_t kind))                 \
    X(aclrtMemset, aclError, (void* devPtr, size_t maxCount, int32_t value, size_t count))                             \
    X(aclCreateDataBuffer, aclDataBuffer*, (void* data, size_t size))                                                  \
    X(aclDestroyDataBuffer, aclError, (const aclDataBuffer* dataBuffer))                                               \
    X(aclmdlLoadFromFile, aclError, (const char* modelPath, uint32_t* modelId))                                        \
    X(aclmdlUnload, aclError, (uint32_t modelId))                                                                      \
    X(aclmdlCreateDesc, aclmdlDesc*, ())                                                                               \
    X(aclmdlDestroyDesc, aclError, (aclmdlDesc * modelDesc))                                                           \
    X(aclmdlGetDesc, aclError, (aclmdlDesc * modelDesc, uint32_t modelId))                                             \
    X(aclmdlGetNumInputs, size_t, (aclmdlDesc * modelDesc))                                                            \
    X(aclmdlGetNumOutputs, size_t, (aclmdlDesc * modelDesc))                                                           \
    X(aclmdlGetInputSizeByIndex, size_t, (aclmdlDesc * modelDesc, size_t index))                                       \
    X(aclmdlGetOutputSizeByIndex, size_t, (aclmdlDesc * modelDesc, size_t index))                                      \
    X(aclmdlGetInputNameByIndex, const char*, (const aclmdlDesc* modelDesc, size_t index))                             \
    X(aclmdlGetOutputNameByIndex, const char*, (const aclmdlDesc* modelDesc, size_t index))                            \
    X(aclmdlGetInputDims, aclError, (const aclmdlDesc* modelDesc, size_t index, aclmdlIODims* dims))                   \
    X(aclmdlGetOutputDims, aclError, (const aclmdlDesc* modelDesc, size_t index, aclmdlIODims* dims))                  \
    X(aclmdlGetInputFormat, int32_t, (const aclmdlDesc* modelDesc, size_t index))                                      \
    X(aclmdlGetOutputFormat, int32_t, (const aclmdlDesc* modelDesc, size_t index))                                     \
    X(aclmdlGetInputDataType, int32_t, (const aclmdlDesc* modelDesc, size_t index))                                    \
    X(aclmdlGetOutputDataType, int32_t, (const aclmdlDesc* modelDesc, size_t index))                                   \
    X(aclmdlGetInputIndexByName, aclError, (const aclmdlDesc* modelDesc, const char* name, size_t* index))             \
    X(aclmdlGetDynamicBatch, aclError, (const aclmdlDesc* modelDesc, aclmdlBatch* batch))                              \
    X(aclmdlCreateDataset, aclmdlDataset*, ())                                                                         \
    X(aclmdlDestroyDataset, aclError, (const aclmdlDataset* dataset))                                                  \
    X(aclmdlAddDatasetBuffer, aclError, (aclmdlDataset * dataset, aclDataBuffer * dataBuffer))                         \
    X(aclmdlSetDynamicBatchSize, aclError, (uint32_t modelId, aclmdlDataset * dataset, size_t index, uint64_t batch))  \
    X(aclmdlExecute, aclError, (uint32_t modelId, const aclmdlDataset* input, aclmdlDataset* output))

// Informational calls: used when present (older CANN releases may lack them), never a reason to refuse a library.
#define OMR_ACL_OPTIONAL(X)                                                                                            \
    X(aclGetRecentErrMsg, const char*, ())                                                                             \
    X(aclrtGetSocName, const char*, ())                                                                                \
    X(aclrtGetVersion, aclError, (int32_t * majorVersion, int32_t * minorVersion, int32_t * patchVersion))

// Model subscription (acl_prof.h: per-op durations of a loaded model, delivered through a pipe), used by
// --profile only. CANN ships them in libmsprofiler.so beside libascendcl.so; both are searched.
#define OMR_ACL_PROFILING(X)                                                                                           \
    X(aclprofCreateSubscribeConfig, aclprofSubscribeConfig*, (int8_t timeInfoSwitch, int32_t aicoreMetrics, void* fd)) \
    X(aclprofDestroySubscribeConfig, aclError, (const aclprofSubscribeConfig* config))                                 \
    X(aclprofModelSubscribe, aclError, (uint32_t modelId, const aclprofSubscribeConfig* config))                       \
    X(aclprofModelUnSubscribe, aclError, (uint32_t modelId))                                                           \
    X(aclprofGetOpDescSize, aclError, (size_t * opDescSize))                                                           \
    X(aclprofGetOpNum, aclError, (const void* opInfo, size_t opInfoLen, uint32_t* opNumber))                           \
    X(aclprofGetOpTypeLen, aclError, (const void* opInfo, size_t opInfoLen, uint32_t index, size_t* opTypeLen))        \
    X(aclprofGetOpType, aclError, (const void* opInfo, size_t opInfoLen, uint32_t index, char* opType, size_t len))    \
    X(aclprofGetOpNameLen, aclError, (const void* opInfo, size_t opInfoLen, uint32_t index, size_t* opNameLen))        \
    X(aclprofGetOpName, aclError, (const void* opInfo, size_t opInfoLen, uint32_t index, char* opName, size_t len))    \
    X(aclprofGetOpDuration, uint64_t, (const void* opInfo, size_t opInfoLen, uint32_t index))

// The resolved entry points; a null pointer means an optional call the library does not have.
struct AclApi {
// NOLINTNEXTLINE(bugprone-macro-parentheses): ret and params are a type and a parameter list
#define OMR_ACL_POINTER(name, ret, params) ret(*name) params = nullptr;
    OMR_ACL_REQUIRED(OMR_ACL_POINTER)
    OMR_ACL_OPTIONAL(OMR_ACL_POINTER)
    OMR_ACL_PROFILING(OMR_ACL_POINTER)
#undef OMR_ACL_POINTER
};
