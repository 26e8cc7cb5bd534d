// Small helpers for building deterministic ONNX test models with the onnx protobuf API.
#pragma once

#include "util/splitmix64.h"

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace modelgen {

// The tree's splitmix64 (core/util/splitmix64.h): fully specified, so the weights are the same on every platform.
class Rng {
public:
    explicit Rng(uint64_t seed)
        : generator_ { seed }
    {
    }
    uint64_t next() { return generator_.next(); }
    // Uniform float in [-bound, bound), built from the top 24 bits (exactly representable).
    float uniform(float bound);

private:
    wb::SplitMix64 generator_;
};

// One tensor dimension: a fixed value, a symbolic name (dim_param), or unknown (neither set).
struct Dim {
    int64_t value = -1;
    std::string param;

    Dim(int64_t v)
        : value(v)
    {
    } // NOLINT(google-explicit-constructor): lets {1, 3, 224, 224} work
    Dim(const char* p)
        : param(p)
    {
    } // NOLINT(google-explicit-constructor)
    static Dim unknown() { return Dim(int64_t(-1)); }
};
using Shape = std::vector<Dim>;

void setTensorType(onnx::ValueInfoProto* info, int32_t elemType, const Shape& shape);

// Little-endian raw bytes of float / int64 arrays, as TensorProto.raw_data expects.
std::string floatsToRaw(const std::vector<float>& values);
std::string int64sToRaw(const std::vector<int64_t>& values);

// Sets the common ModelProto header fields and the default-domain opset.
void initModel(
    onnx::ModelProto& model, int64_t irVersion, int64_t opset, const std::string& graphName, const std::string& doc);

class GraphBuilder {
public:
    GraphBuilder(onnx::GraphProto* graph, uint64_t seed)
        : graph_(graph)
        , rng_(seed)
    {
    }

    onnx::GraphProto* graph() { return graph_; }

    void addInput(const std::string& name, int32_t elemType, const Shape& shape);
    void addOutput(const std::string& name, int32_t elemType, const Shape& shape);

    // Initializers. Return the initializer name.
    std::string addRandomFloat(const std::string& name, const std::vector<int64_t>& dims, float bound);
    std::string addFloats(const std::string& name, const std::vector<int64_t>& dims, const std::vector<float>& values);
    std::string addInt64s(
        const std::string& name, const std::vector<int64_t>& dims, const std::vector<int64_t>& values);

    // Generic node; domain empty = default ONNX domain.
    onnx::NodeProto* addNode(const std::string& opType, const std::string& name, const std::vector<std::string>& inputs,
        const std::vector<std::string>& outputs, const std::string& domain = std::string());

    // Convenience layers. `scope` is e.g. "/layer1/block0/conv1"; node becomes "<scope>/Conv", output
    // "<scope>/Conv_output_0", parameters "layer1.block0.conv1.weight" (PyTorch-exporter style).
    std::string conv(const std::string& scope, const std::string& input, int64_t inCh, int64_t outCh, int64_t kernel,
        int64_t stride, bool bias);
    std::string batchNorm(const std::string& scope, const std::string& input, int64_t channels);
    std::string unary(const std::string& opType, const std::string& scope, const std::string& input);
    std::string binary(const std::string& opType, const std::string& scope, const std::string& a, const std::string& b);
    std::string maxPool(
        const std::string& scope, const std::string& input, int64_t kernel, int64_t stride, int64_t pad);
    std::string flatten(const std::string& scope, const std::string& input);
    std::string gemm(const std::string& scope, const std::string& input, int64_t inFeatures, int64_t outFeatures);

    static std::string outputName(const std::string& scope, const std::string& opType);
    static std::string paramPrefix(const std::string& scope);

private:
    onnx::GraphProto* graph_;
    Rng rng_;
};

// Attribute helpers.
void setAttr(onnx::NodeProto* node, const std::string& name, int64_t value);
void setAttr(onnx::NodeProto* node, const std::string& name, float value);
void setAttr(onnx::NodeProto* node, const std::string& name, const std::vector<int64_t>& values);
void setAttr(onnx::NodeProto* node, const std::string& name, const onnx::GraphProto& graph);

} // namespace modelgen
