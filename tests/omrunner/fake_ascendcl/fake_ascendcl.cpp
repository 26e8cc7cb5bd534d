// A fake libascendcl.so for om-runner's tests: the subset of AscendCL om-runner calls, with the same C
// signatures (declared once in app/omrunner/acl.h), on plain host memory. Never installed, never linked into the
// application. Behaviour comes from the environment, read once:
//   FAKE_ACL_EXEC_US_PER_BATCH=N   aclmdlExecute takes N µs per sample of the batch (default 0)
//   FAKE_ACL_FAIL=fn:code[:after]  fn returns code (after its first `after` calls succeed); comma-separated list
//   FAKE_ACL_ERR_MSG=text          what aclGetRecentErrMsg returns after a failure (default names fn and code)
//   FAKE_ACL_SOC=Ascend310P3       aclrtGetSocName;  FAKE_ACL_RUN_MODE=host|device  aclrtGetRunMode
//   FAKE_ACL_DYNAMIC_BATCH=1,2,4,8 batch gears (adds the ascend_mbatch_shape_data input); unset: static model
//   FAKE_ACL_INPUTS / FAKE_ACL_OUTPUTS="name:dtype:1x3x224x224;..."  (default one float32 input 1x3x224x224,
//                                  one float32 output 1x1000; for dynamic models dims[0] is per batch step)
//   <om>.fakeacl                   a file beside an OM with FAKE_ACL_INPUTS=, FAKE_ACL_OUTPUTS= and
//                                  FAKE_ACL_DYNAMIC_BATCH= lines: that OM's own shape (bundles of several OMs)
//   FAKE_ACL_LOG=path              appends "+kind id" on create, "-kind id" on destroy, "execute <batch>",
//                                  "!..." on misuse, so tests can check teardown order and balance
// Outputs are deterministic: element k of a float32 output is k + 0.5 * s, s = the sum of the first 16 bytes of
// input 0 modulo 256 (other types: byte k is (k + s) & 0xff). Built twice: fake_ascendcl, and
// fake_ascendcl_noexec without aclmdlExecute (FAKE_ACL_WITHOUT_EXECUTE) for the missing-symbol path.
#include "fakestate.h"

#include <cstdlib>
#include <cstring>

using namespace fakeacl;

extern "C" {

aclError aclInit(const char*)
{
    FAKE_INJECT(aclInit);
    if (state().initialized)
        return failure("aclInit", RepeatInitialize, "already initialised");
    state().initialized = true;
    logLine("+init 0");
    return 0;
}

aclError aclFinalize()
{
    if (!state().initialized)
        return failure("aclFinalize", RepeatFinalize, "not initialised");
    logLine("-init 0");
    FAKE_INJECT(aclFinalize);
    for (const auto& [object, id] : state().ids)
        logLine("!leak " + std::to_string(id));
    for (const auto& [model, id] : state().models)
        logLine("!leak " + std::to_string(id));
    state().initialized = false;
    return 0;
}

const char* aclGetRecentErrMsg()
{
    return recentError();
}
const char* aclrtGetSocName()
{
    return config().soc.c_str();
}

aclError aclrtGetVersion(int32_t* major, int32_t* minor, int32_t* patch)
{
    *major = 1;
    *minor = 10;
    *patch = 0;
    return 0;
}

aclError aclrtSetDevice(int32_t device)
{
    FAKE_NEED_INIT(aclrtSetDevice);
    FAKE_INJECT(aclrtSetDevice);
    state().device = device;
    logLine("+device " + std::to_string(device));
    return 0;
}

aclError aclrtResetDevice(int32_t device)
{
    logLine("-device " + std::to_string(device));
    FAKE_INJECT(aclrtResetDevice);
    if (device != state().device)
        return failure("aclrtResetDevice", InvalidParam, "device not set");
    state().device = -1;
    return 0;
}

aclError aclrtCreateContext(aclrtContext* context, int32_t device)
{
    FAKE_NEED_INIT(aclrtCreateContext);
    FAKE_INJECT(aclrtCreateContext);
    if (device != state().device)
        return failure("aclrtCreateContext", InvalidParam, "device not set");
    *context = std::malloc(1);
    track("context", *context);
    return 0;
}

aclError aclrtDestroyContext(aclrtContext context)
{
    if (!untrack("context", context))
        return failure("aclrtDestroyContext", InvalidParam, "unknown context");
    std::free(context);
    return injected("aclrtDestroyContext");
}

aclError aclrtCreateStream(aclrtStream* stream)
{
    FAKE_NEED_INIT(aclrtCreateStream);
    FAKE_INJECT(aclrtCreateStream);
    *stream = std::malloc(1);
    track("stream", *stream);
    return 0;
}

aclError aclrtDestroyStream(aclrtStream stream)
{
    if (!untrack("stream", stream))
        return failure("aclrtDestroyStream", InvalidParam, "unknown stream");
    std::free(stream);
    return injected("aclrtDestroyStream");
}

aclError aclrtGetRunMode(int32_t* mode)
{
    FAKE_INJECT(aclrtGetRunMode);
    *mode = config().runMode;
    return 0;
}

aclError aclrtMalloc(void** p, size_t size, int32_t)
{
    FAKE_NEED_INIT(aclrtMalloc);
    FAKE_INJECT(aclrtMalloc);
    if (size == 0 || state().device < 0)
        return failure("aclrtMalloc", InvalidParam, "size 0 or no device");
    *p = std::malloc(size);
    state().memory[*p] = size;
    track("memory", *p);
    return 0;
}

aclError aclrtFree(void* p)
{
    if (!untrack("memory", p) || state().memory.erase(p) == 0)
        return failure("aclrtFree", InvalidParam, "not device memory");
    std::free(p);
    return injected("aclrtFree");
}

aclError aclrtMemcpy(void* dst, size_t destMax, const void* src, size_t count, int32_t kind)
{
    FAKE_INJECT(aclrtMemcpy);
    const bool ok = count <= destMax
        && ((kind == 1 && isDevice(dst, count) && !isDevice(src, count))
            || (kind == 2 && isDevice(src, count) && !isDevice(dst, count)));
    if (!ok) {
        logLine("!bad aclrtMemcpy kind " + std::to_string(kind));
        return failure("aclrtMemcpy", InvalidParam, "bad size, kind or pointers");
    }
    std::memcpy(dst, src, count);
    return 0;
}

aclError aclrtMemset(void* p, size_t maxCount, int32_t value, size_t count)
{
    FAKE_INJECT(aclrtMemset);
    if (count > maxCount || !isDevice(p, count))
        return failure("aclrtMemset", InvalidParam, "bad size or pointer");
    std::memset(p, value, count);
    return 0;
}

aclDataBuffer* aclCreateDataBuffer(void* data, size_t size)
{
    if (injected("aclCreateDataBuffer"))
        return nullptr;
    auto* buffer = new aclDataBuffer { data, size, 0 };
    buffer->id = track("buffer", buffer);
    return buffer;
}

aclError aclDestroyDataBuffer(const aclDataBuffer* buffer)
{
    if (!untrack("buffer", buffer))
        return failure("aclDestroyDataBuffer", InvalidParam, "unknown buffer");
    delete buffer;
    return injected("aclDestroyDataBuffer");
}

} // extern "C"
