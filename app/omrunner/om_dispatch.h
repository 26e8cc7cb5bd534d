#pragma once

// om_dispatch: load a bundle of OMs (deploy.json written by `atcwb bundle`) once and run requests of n samples on
// the OM that fits: the smallest batch >= n, the rest padded with zeros, a request larger than the largest batch
// split into chunks (core/run/dispatchplan.h decides; it is a pure function with its own tests). Plain C++17 over
// AscendCL loaded at run time (acllib.h), no Qt and no CANN headers, so an application can copy it in; om-runner's
// --bundle mode is built on it, so om-runner's tests are its tests.
//
// Files an application copies: app/omrunner/{om_dispatch.h,om_dispatch.cpp,acl.h,acllib.h,acllib.cpp,tensors.h,
// tensors.cpp,output.h,output.cpp}, core/run/{dispatchplan.h,omfileheader.h}, core/util/{splitmix64.h,percentile.h}.
//
//     omr::AclLibrary acl = omr::openAclLibrary("");                // dlopen libascendcl.so
//     omd::Bundle bundle;
//     std::string error;
//     if (!omd::readBundle("deploy/deploy.json", bundle, error)) ...  // files, sha256, headers, inputs checked
//     omd::Dispatcher dispatcher;
//     if (!dispatcher.open(acl.api, bundle, {}, error)) ...           // aclInit, device, every OM loaded once
//     // n samples: input i holds n * dispatcher.inputSampleBytes(i) bytes, output o gets n * outputSampleBytes(o)
//     if (!dispatcher.infer(n, inputs, outputs, wb::dispatch::Strategy::PerBatch, error)) ...
//
// Not thread-safe: one Dispatcher runs one request at a time (use one per thread, each with its own device
// context, for concurrency).

#include "acl.h"
#include "run/dispatchplan.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace omd {

struct BundleTensor {
    std::string name;
    std::string dtype; // "float32", ... (om-runner's names, the ONNX side's too)
    std::string format; // "NCHW", "ND", ...
    std::vector<std::int64_t> shape; // the batch dim is -1 in a dynamic-batch OM
};

struct BundleOm {
    std::string file; // relative to the bundle folder
    std::string sha256; // lowercase hex
    std::uint64_t batch = 0; // static OMs; 0 for a dynamic-batch one
    std::vector<std::uint64_t> gears; // dynamic-batch OMs: the gears (ATC's --dynamic_batch_size)
    std::vector<BundleTensor> inputs;
    std::vector<BundleTensor> outputs;
    bool dynamic() const { return !gears.empty(); }
};

struct Bundle {
    std::string manifest; // path of deploy.json as given
    std::string folder; // its folder
    std::string modelName;
    std::string modelSha256;
    std::string soc;
    std::string toolkitVersion;
    std::vector<BundleOm> oms;
};

// Reads and checks deploy.json: the JSON form (format "atc-workbench-bundle", version 1), every OM file present,
// its sha256 equal to the manifest's (skipped when verifySha256 is false), its 256-byte header a whole OM
// (run/omfileheader.h) whose dynamic flag agrees with the manifest, and every OM with the same inputs (names,
// dtypes, shapes after the batch dim). On failure returns false with one sentence naming the file in `error`.
bool readBundle(const std::string& manifestPath, Bundle& bundle, std::string& error, bool verifySha256 = true);

// sha256 of a file's bytes, lowercase hex; empty with `error` set when it cannot be read.
std::string sha256File(const std::string& path, std::string& error);

struct DispatchOptions {
    int device = 0;
    bool chunking = true; // split requests larger than the largest batch; refuse them when false
};

class Dispatcher {
public:
    Dispatcher();
    ~Dispatcher(); // unloads the OMs, frees their memory and resets the device, in reverse order
    Dispatcher(const Dispatcher&) = delete;
    Dispatcher& operator=(const Dispatcher&) = delete;

    // aclInit, the device, a context and a stream, then every OM of the bundle loaded once with its input and
    // output memory. Checks each OM as AscendCL describes it against the manifest (inputs, batch or gears) and
    // the device's SoC against the bundle's. False with a sentence (naming the file) in `error`.
    bool open(const AclApi& api, const Bundle& bundle, const DispatchOptions& options, std::string& error);

    std::size_t inputCount() const;
    std::size_t outputCount() const;
    std::size_t inputSampleBytes(std::size_t index) const;
    std::size_t outputSampleBytes(std::size_t index) const;
    std::string socName() const; // as the device reports it (empty when the library cannot say)

    // The batch of every target a strategy dispatches over (per-batch: every static OM; max: the largest static
    // OM; dynamic: the gears of the first dynamic-batch OM); empty when the bundle has none for it.
    const std::vector<std::uint64_t>& batches(wb::dispatch::Strategy strategy) const;
    // The OM file of target `index` of a strategy (an index into batches(strategy)).
    const std::string& targetFile(wb::dispatch::Strategy strategy, std::size_t index) const;

    // Runs n samples: inputs[i] points at n * inputSampleBytes(i) bytes, outputs[o] receives
    // n * outputSampleBytes(o) bytes (outputs may be null: not copied back). The plan it ran is in lastSteps().
    // False with a sentence in `error` when the strategy has no OM, n does not fit with chunking off, or an
    // AscendCL call fails. n = 0 runs nothing.
    bool infer(std::uint64_t n, const void* const* inputs, void* const* outputs, wb::dispatch::Strategy strategy,
        std::string& error);
    const std::vector<wb::dispatch::Step>& lastSteps() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace omd
