#pragma once

// Finds libascendcl.so, opens it with dlopen and resolves every call om-runner makes with dlsym.

#include "acl.h"

#include <string>
#include <vector>

namespace omr {

struct LibraryAttempt {
    std::string path; // what was passed to dlopen
    std::string error; // dlerror(), or empty when it opened
};

struct AclLibrary {
    void* handle = nullptr; // never closed: AscendCL may keep threads running until the process ends
    std::string path; // the file that was opened (resolved through the dynamic linker for a bare name)
    std::vector<LibraryAttempt> tried; // in search order
    std::vector<std::string> missing; // required symbols the opened library lacks
    void* profilerHandle = nullptr; // libmsprofiler.so when the profiling calls came from it (never closed)
    std::string profilerPath;
    AclApi api;
};

// The search order: only `explicitPath` when it is given (a file, or a folder holding libascendcl.so);
// otherwise $ASCEND_TOOLKIT_HOME/lib64, $ASCEND_HOME_PATH/lib64 (each when set),
// /usr/local/Ascend/ascend-toolkit/latest/lib64, /usr/local/Ascend/nnrt/latest/lib64, and last the bare name
// "libascendcl.so", which the dynamic linker looks up on LD_LIBRARY_PATH and the system paths.
std::vector<std::string> librarySearchList(const std::string& explicitPath);

// Opens the first candidate that loads. handle is null when none did (see tried); when it opened but lacks
// required symbols, `missing` names them and api must not be used.
AclLibrary openAclLibrary(const std::string& explicitPath);

} // namespace omr
