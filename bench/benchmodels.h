// Large, deterministic ONNX models for the open-a-model benchmark (bench_open.cpp).
//
// A model is first planned: the full topology with every initializer declared (name, dtype, dims) but the big
// ones left without data, which is cheap even for a 3 GB model. Writing it then fills the weights from a
// repeating deterministic pattern, either inline (raw_data; the proto must stay under protobuf's 2 GB) or
// streamed into an external data file next to the model (data_location = EXTERNAL).
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>
#include <vector>

namespace wbbench {

// A float initializer whose data writeModel() fills from a pattern.
struct DeferredTensor {
    int index = 0; // into model.graph().initializer()
    bool nearOne = false; // values around 1.0 (norm scales, BN variance) rather than around 0
};

struct Plan {
    onnx::ModelProto model; // big initializers have dims and dtype but no data yet
    std::vector<DeferredTensor> deferred;
    int nodeCount = 0; // main graph
    int initializerCount = 0;
    std::int64_t initializerBytes = 0; // every initializer, deferred or not
    std::string description; // "transformer d=1024 heads=16 layers=29"
};

// Plans the benchmark model for a target size in MiB: a ResNet-101-style conv net (bottleneck blocks, BN)
// below 64 MiB, a BERT-style transformer encoder stack (MatMul/Add/LayerNormalization/Softmax/Erf) above.
// targetMiB == 0 plans the tiny model used for the process baselines.
Plan planModel(int targetMiB);

// Writes the planned model to `path` (weights inline), or, when `externalDataName` is not empty, to `path` plus
// `<dir of path>/<externalDataName>` holding every deferred tensor (4 KB aligned). Both are written under a
// temporary name and renamed, the data file first, so an existing model file is always complete. Returns an
// empty string on success, else what went wrong.
std::string writeModel(Plan& plan, const std::string& path, const std::string& externalDataName);

// torch.onnx's multi-head reshape, `blocks` times, 14 nodes each (1,430 blocks: 20,020 nodes): x [batch, sequence,
// 64] in, the same shape out. Written under a temporary name and renamed. False when it cannot be written.
bool writeTorchStyleModel(const std::string& path, int blocks);

} // namespace wbbench
