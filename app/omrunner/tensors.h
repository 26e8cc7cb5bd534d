#pragma once

// Model inputs and outputs as AscendCL describes them, and how om-runner fills inputs.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace omr {

struct TensorInfo {
    std::string name;
    std::size_t size = 0; // bytes, at the largest batch gear for dynamic-batch models
    std::vector<std::int64_t> dims; // -1 for the batch dimension of a dynamic-batch model
    std::int32_t dtype = -1; // aclDataType
    std::int32_t format = -1; // aclFormat
};

const char* dtypeName(std::int32_t dtype); // "float32", "float16", ... as in the ONNX side of the workbench
const char* formatName(std::int32_t format); // "NCHW", "ND", ...
std::size_t dtypeBytes(std::int32_t dtype); // element size; 0 when it is not a whole number of bytes / unknown

// {"index":i,"name":...,"size":...,"dims":[...],"dtype":...,"format":...}
std::string tensorJson(std::size_t index, const TensorInfo& tensor);
// "float32 [1,3,224,224] NCHW"
std::string tensorText(const TensorInfo& tensor);

// Deterministic pseudo-random values for input `index` of a run seeded with `seed`, exactly the CPU reference's
// (core/reference/tensordata.cpp makeTensor with runinputs.cpp inputSeed): floats uniform in [-1, 1), integers in
// [0, 9], bool 0/1. So outputs of the same `--input random --seed N` run compare across CPU and NPU.
std::uint64_t inputSeed(std::uint64_t seed, std::size_t index);
void fillRandom(unsigned char* data, std::size_t size, std::int32_t dtype, std::uint64_t seed, std::size_t index);

// Reads the whole file when it holds exactly `expected` bytes. Its size is checked (fstat) before anything is read
// or allocated, so a huge file costs nothing. Returns false with the reason (strerror) in `error` when it cannot be
// read, and false with `error` empty and its size in `actual` when the size differs.
bool readFileOfSize(const std::string& path, std::size_t expected, std::vector<unsigned char>& data,
    std::uint64_t& actual, std::string& error);
// Replaces `path` with the bytes atomically: they go to a temporary file in the same folder, which is renamed over
// `path` once complete, so `path` is either the old file or the whole new one (a symlink there is replaced, not
// written through). On failure returns false with the reason in `error` and leaves `path` and no temporary file.
bool writeFileAtomically(const std::string& path, const void* data, std::size_t size, std::string& error);

} // namespace omr
