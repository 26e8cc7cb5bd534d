// Definitions of the generated test models. Every function is deterministic.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>

namespace modelgen {

enum class BatchDim { Static, Named, Unknown };

onnx::ModelProto buildResNet(BatchDim batch);
onnx::ModelProto buildTwoInputs();
onnx::ModelProto buildDetector();
onnx::ModelProto buildOpset19();
onnx::ModelProto buildIfSubgraph();
onnx::ModelProto buildIr3InitializersAsInputs();
onnx::ModelProto buildUnsortedNodes();
onnx::ModelProto buildCustomDomain();
onnx::ModelProto buildDanglingInput();
onnx::ModelProto buildDuplicateOutput();

// Shape arithmetic to fold (shapemodels.cpp, yolomodel.cpp): static once the inputs are fixed.
onnx::ModelProto buildFoldReshape();
onnx::ModelProto buildFoldResize();
onnx::ModelProto buildFoldPad();
onnx::ModelProto buildFoldConstantOfShape();
onnx::ModelProto buildFoldExpand();
onnx::ModelProto buildFoldRange();
onnx::ModelProto buildYoloLike();
onnx::ModelProto buildFlatInput();
onnx::ModelProto buildPaddleRec();
// Must stay dynamic, or must fail clearly.
onnx::ModelProto buildNonZero();
onnx::ModelProto buildTopKDeclared();
onnx::ModelProto buildNonZeroMidNetwork();
onnx::ModelProto buildFoldTooLarge();
onnx::ModelProto buildCycle();
onnx::ModelProto buildReshapeImpossible();
onnx::ModelProto buildShortSignalConv(); // too small for its Conv when L < 5

// Moves every initializer's raw_data of `model` into `sideData` (offsets aligned to `alignment`) and
// marks the tensors as EXTERNAL with location/offset/length entries pointing at `location`.
void moveInitializersToExternal(
    onnx::ModelProto& model, const std::string& location, std::string& sideData, size_t alignment);

} // namespace modelgen
