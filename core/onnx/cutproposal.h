#pragma once

#include "onnxmodel.h"
#include "shapeinference.h"

namespace wb {

// Where to cut a model so that ATC gets the static network and the host runs the data-dependent rest
// (NonMaxSuppression, TopK, NonZero and what follows them). The cut is the boundary just before those nodes;
// it never names a Constant, an initializer or a tensor folded from shapes.
struct CutProposal {
    bool possible = false; // false: nothing is data-dependent, or the rest cannot be separated
    QStringList outputs; // the head's outputs: the cut tensors, then the model's outputs the head still computes
    QStringList cutTensors; // the tensors crossing the cut (network -> host)
    int modelNodes = 0; // main-graph nodes of the model
    int keptNodes = 0; // nodes the head keeps (what ATC converts)
    int hostNodes = 0; // nodes that move to the host
    QStringList hostOps; // distinct operator types moving to the host, data-dependent ones first
    QStringList movedOutputs; // model outputs the host computes
    QStringList keptOutputs; // model outputs the head still has
    // The host part holds network layers (Conv, MatMul, Gemm, recurrent, attention): the data-dependent node is in
    // the middle of the network, and cutting there would move real compute off the NPU.
    bool postProcessingOnly = true;
    QStringList heavyHostOps; // the heavy operator types found on the host side

    // "keeps 212 of 230 nodes (outputs boxes, scores); 18 nodes (NonMaxSuppression, Gather, ...) and output
    // detections move to the host"
    QString summary() const;
};

// Proposes the cut for the data-dependent origins of `inferred` (inferShapes on `model`). Pure graph analysis.
CutProposal proposeCut(const OnnxModel& model, const InferenceResult& inferred);

} // namespace wb
