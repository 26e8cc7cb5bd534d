#pragma once

#include "util/result.h"

#include <QStringList>

#include <optional>

namespace wb {

// Where to look for ONNX Runtime's libonnxruntime.so.1. It is loaded at run time (dlopen), never linked.
struct OrtLoadOptions {
    // The user's "ONNX Runtime library" setting: a .so file or a folder holding libonnxruntime.so.1. When set
    // (or when the ORT_LIB environment variable is), only that is tried: a wrong path is an error, not a silent
    // fallback to another copy.
    QString explicitPath;
    bool useEnvironment = true; // honour $ORT_LIB
    // The app's own lib folders; empty: <exe dir>/../lib and <exe dir>/../lib/atc-workbench.
    QStringList appLibDirs;
    bool searchSystem = true; // finally dlopen("libonnxruntime.so.1") through the loader's search path
};

struct OrtRuntimeInfo {
    QString path; // the file loaded (as resolved by the dynamic loader)
    QString version; // OrtGetApiBase()->GetVersionString(), e.g. "1.29.0"
    int apiVersion = 0; // the OrtApi table version in use
    QString source; // "setting", "ORT_LIB", "app", "system"
    QStringList tried; // every candidate tried, with the reason it failed, before the one loaded
};

// Whether this build has the ONNX Runtime headers (scripts/fetch-ort.sh before configuring). Without them every
// call answers Error "ort_not_built": "ONNX Runtime support was not built in: run scripts/fetch-ort.sh and
// reconfigure".
bool onnxRuntimeBuiltIn();

// The candidates in the order they would be tried: "setting:/x/lib.so", "ORT_LIB:/y", "app:/opt/.../lib/...",
// "system:libonnxruntime.so.1". Loads nothing; it only checks whether an explicit path is a folder.
QStringList onnxRuntimeCandidates(const OrtLoadOptions& options);

// Loads ONNX Runtime once per process (it is never unloaded; later calls return the copy already loaded).
// Thread-safe. Errors: ort_not_built; ort_not_found (message lists every candidate and why it failed);
// ort_already_loaded (an explicit path names another copy than the one this process already uses).
Result<OrtRuntimeInfo> loadOnnxRuntime(const OrtLoadOptions& options = {});

// The runtime this process has loaded, if any.
std::optional<OrtRuntimeInfo> loadedOnnxRuntime();

} // namespace wb
