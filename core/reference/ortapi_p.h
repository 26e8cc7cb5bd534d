#pragma once

// Private to core/reference: the ONNX Runtime C API table (loaded with dlopen) and RAII helpers over it.
// Only compiled where WB_HAVE_ORT_HEADERS is defined (cmake/WbOrt.cmake).
#ifdef WB_HAVE_ORT_HEADERS

#include "util/result.h"

#include <onnxruntime_c_api.h>

#include <memory>
#include <optional>

namespace wb::ort {

// The API table of the loaded runtime; nullptr until loadOnnxRuntime() has succeeded.
const OrtApi* api();

// The process-wide OrtEnv (created on first use; its log goes to the wb.run logger). Never released.
Result<OrtEnv*> env();

// nullopt when `status` is null (success); else an Error with `code`, "<what>: <ORT message>", and the status
// released.
std::optional<Error> check(OrtStatus* status, const QString& code, const QString& what);

inline void release(OrtStatus* p)
{
    api()->ReleaseStatus(p);
}
inline void release(OrtSession* p)
{
    api()->ReleaseSession(p);
}
inline void release(OrtSessionOptions* p)
{
    api()->ReleaseSessionOptions(p);
}
inline void release(OrtValue* p)
{
    api()->ReleaseValue(p);
}
inline void release(OrtTypeInfo* p)
{
    api()->ReleaseTypeInfo(p);
}
inline void release(OrtTensorTypeAndShapeInfo* p)
{
    api()->ReleaseTensorTypeAndShapeInfo(p);
}
inline void release(OrtMemoryInfo* p)
{
    api()->ReleaseMemoryInfo(p);
}
inline void release(OrtRunOptions* p)
{
    api()->ReleaseRunOptions(p);
}

struct Deleter {
    template <typename T> void operator()(T* p) const
    {
        if (p)
            release(p);
    }
};
template <typename T> using Ptr = std::unique_ptr<T, Deleter>;

} // namespace wb::ort

#endif // WB_HAVE_ORT_HEADERS
