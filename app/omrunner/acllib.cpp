#include "acllib.h"

#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <link.h>
#include <sys/stat.h>
#include <utility>

namespace omr {

namespace {

constexpr const char* LibraryName = "libascendcl.so";

std::string inFolder(std::string folder)
{
    while (folder.size() > 1 && folder.back() == '/')
        folder.pop_back();
    return folder + "/" + LibraryName;
}

// Function pointers cannot be initialised from dlsym's void* without a conversion C++ only conditionally
// supports; copying the bits is the form POSIX relies on.
template <typename Function> void assign(Function& target, void* symbol)
{
    static_assert(sizeof(Function) == sizeof(void*));
    std::memcpy(&target, &symbol, sizeof target);
}

std::string openedPath(void* handle, const std::string& fallback)
{
    link_map* map = nullptr;
    if (dlinfo(handle, RTLD_DI_LINKMAP, &map) == 0 && map && map->l_name && map->l_name[0] != '\0')
        return map->l_name;
    return fallback;
}

} // namespace

std::vector<std::string> librarySearchList(const std::string& explicitPath)
{
    if (!explicitPath.empty()) {
        struct stat info { };
        const bool folder = ::stat(explicitPath.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
        return { folder ? inFolder(explicitPath) : explicitPath };
    }
    std::vector<std::string> list;
    for (const char* variable : { "ASCEND_TOOLKIT_HOME", "ASCEND_HOME_PATH" }) {
        const char* value = std::getenv(variable);
        if (value && *value)
            list.push_back(inFolder(std::string(value) + "/lib64"));
    }
    list.push_back(inFolder("/usr/local/Ascend/ascend-toolkit/latest/lib64"));
    list.push_back(inFolder("/usr/local/Ascend/nnrt/latest/lib64"));
    list.emplace_back(LibraryName);
    return list;
}

AclLibrary openAclLibrary(const std::string& explicitPath)
{
    AclLibrary library;
    for (const std::string& candidate : librarySearchList(explicitPath)) {
        void* handle = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            const char* error = dlerror();
            LibraryAttempt failed { candidate, error ? error : "dlopen failed" };
            library.tried.push_back(std::move(failed));
            continue;
        }
        LibraryAttempt opened { candidate, {} };
        library.tried.push_back(std::move(opened));
        library.handle = handle;
        library.path = openedPath(handle, candidate);
        break;
    }
    if (!library.handle)
        return library;

    AclApi& api = library.api;
#define OMR_RESOLVE_REQUIRED(name, ret, params)                                                                        \
    if (void* symbol = dlsym(library.handle, #name))                                                                   \
        assign(api.name, symbol);                                                                                      \
    else                                                                                                               \
        library.missing.emplace_back(#name);
#define OMR_RESOLVE_OPTIONAL(name, ret, params)                                                                        \
    if (void* symbol = dlsym(library.handle, #name))                                                                   \
        assign(api.name, symbol);
    OMR_ACL_REQUIRED(OMR_RESOLVE_REQUIRED)
    OMR_ACL_OPTIONAL(OMR_RESOLVE_OPTIONAL)
#undef OMR_RESOLVE_REQUIRED
    // The profiling calls: in libascendcl.so itself, else in libmsprofiler.so beside it (CANN's layout).
    OMR_ACL_PROFILING(OMR_RESOLVE_OPTIONAL)
    if (!api.aclprofModelSubscribe) {
        const std::string::size_type slash = library.path.rfind('/');
        const std::string profiler = slash == std::string::npos
            ? std::string("libmsprofiler.so")
            : library.path.substr(0, slash + 1) + "libmsprofiler.so";
        if (void* handle = dlopen(profiler.c_str(), RTLD_NOW | RTLD_LOCAL)) {
            library.profilerHandle = handle;
            library.profilerPath = profiler;
#define OMR_RESOLVE_PROFILER(name, ret, params)                                                                        \
    if (void* symbol = dlsym(handle, #name))                                                                           \
        assign(api.name, symbol);
            OMR_ACL_PROFILING(OMR_RESOLVE_PROFILER)
#undef OMR_RESOLVE_PROFILER
        }
    }
#undef OMR_RESOLVE_OPTIONAL
    return library;
}

} // namespace omr
