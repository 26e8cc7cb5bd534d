#include "builder.h"

#include <cmath>
#include <cstring>

namespace modelgen {

float Rng::uniform(float bound)
{
    const float unit = generator_.unitFloat24(); // [0, 1)
    return (unit * 2.0f - 1.0f) * bound;
}

void setTensorType(onnx::ValueInfoProto* info, int32_t elemType, const Shape& shape)
{
    auto* tensorType = info->mutable_type()->mutable_tensor_type();
    tensorType->set_elem_type(elemType);
    auto* tensorShape = tensorType->mutable_shape(); // present even for scalars (rank 0)
    for (const Dim& d : shape) {
        auto* dim = tensorShape->add_dim();
        if (!d.param.empty())
            dim->set_dim_param(d.param);
        else if (d.value >= 0)
            dim->set_dim_value(d.value);
        // else: leave both unset -> unknown dimension
    }
}

std::string floatsToRaw(const std::vector<float>& values)
{
    std::string raw;
    raw.reserve(values.size() * 4);
    for (float v : values) {
        uint32_t bits = 0;
        static_assert(sizeof(bits) == sizeof(v), "float must be 32-bit");
        std::memcpy(&bits, &v, sizeof(bits));
        for (int i = 0; i < 4; ++i)
            raw.push_back(static_cast<char>((bits >> (8 * i)) & 0xFF));
    }
    return raw;
}

std::string int64sToRaw(const std::vector<int64_t>& values)
{
    std::string raw;
    raw.reserve(values.size() * 8);
    for (int64_t v : values) {
        const auto bits = static_cast<uint64_t>(v);
        for (int i = 0; i < 8; ++i)
            raw.push_back(static_cast<char>((bits >> (8 * i)) & 0xFF));
    }
    return raw;
}

void initModel(
    onnx::ModelProto& model, int64_t irVersion, int64_t opset, const std::string& graphName, const std::string& doc)
{
    model.set_ir_version(irVersion);
    model.set_producer_name("atc-workbench-modelgen");
    model.set_producer_version("1.0");
    model.set_model_version(1);
    model.set_doc_string(doc);
    auto* op = model.add_opset_import();
    op->set_domain("");
    op->set_version(opset);
    model.mutable_graph()->set_name(graphName);
}

void GraphBuilder::addInput(const std::string& name, int32_t elemType, const Shape& shape)
{
    auto* info = graph_->add_input();
    info->set_name(name);
    setTensorType(info, elemType, shape);
}

void GraphBuilder::addOutput(const std::string& name, int32_t elemType, const Shape& shape)
{
    auto* info = graph_->add_output();
    info->set_name(name);
    setTensorType(info, elemType, shape);
}

static onnx::TensorProto* newInitializer(
    onnx::GraphProto* graph, const std::string& name, const std::vector<int64_t>& dims, int32_t dataType)
{
    auto* tensor = graph->add_initializer();
    tensor->set_name(name);
    tensor->set_data_type(dataType);
    for (int64_t d : dims)
        tensor->add_dims(d);
    return tensor;
}

static int64_t elementCount(const std::vector<int64_t>& dims)
{
    int64_t n = 1;
    for (int64_t d : dims)
        n *= d;
    return n;
}

std::string GraphBuilder::addRandomFloat(const std::string& name, const std::vector<int64_t>& dims, float bound)
{
    std::vector<float> values(static_cast<size_t>(elementCount(dims)));
    for (float& v : values)
        v = rng_.uniform(bound);
    return addFloats(name, dims, values);
}

std::string GraphBuilder::addFloats(
    const std::string& name, const std::vector<int64_t>& dims, const std::vector<float>& values)
{
    newInitializer(graph_, name, dims, onnx::TensorProto::FLOAT)->set_raw_data(floatsToRaw(values));
    return name;
}

std::string GraphBuilder::addInt64s(
    const std::string& name, const std::vector<int64_t>& dims, const std::vector<int64_t>& values)
{
    newInitializer(graph_, name, dims, onnx::TensorProto::INT64)->set_raw_data(int64sToRaw(values));
    return name;
}

onnx::NodeProto* GraphBuilder::addNode(const std::string& opType, const std::string& name,
    const std::vector<std::string>& inputs, const std::vector<std::string>& outputs, const std::string& domain)
{
    auto* node = graph_->add_node();
    node->set_op_type(opType);
    node->set_name(name);
    if (!domain.empty())
        node->set_domain(domain);
    for (const auto& in : inputs)
        node->add_input(in);
    for (const auto& out : outputs)
        node->add_output(out);
    return node;
}

std::string GraphBuilder::outputName(const std::string& scope, const std::string& opType)
{
    return scope + "/" + opType + "_output_0";
}

std::string GraphBuilder::paramPrefix(const std::string& scope)
{
    std::string prefix;
    for (char c : scope) {
        if (c == '/') {
            if (!prefix.empty())
                prefix.push_back('.');
        } else {
            prefix.push_back(c);
        }
    }
    return prefix;
}

std::string GraphBuilder::conv(const std::string& scope, const std::string& input, int64_t inCh, int64_t outCh,
    int64_t kernel, int64_t stride, bool bias)
{
    const std::string prefix = paramPrefix(scope);
    const float heBound = std::sqrt(6.0f / static_cast<float>(inCh * kernel * kernel)); // He-uniform
    std::vector<std::string> inputs { input,
        addRandomFloat(prefix + ".weight", { outCh, inCh, kernel, kernel }, heBound) };
    if (bias)
        inputs.push_back(addRandomFloat(prefix + ".bias", { outCh }, 0.05f));
    const std::string out = outputName(scope, "Conv");
    auto* node = addNode("Conv", scope + "/Conv", inputs, { out });
    const int64_t pad = kernel / 2;
    setAttr(node, "dilations", std::vector<int64_t> { 1, 1 });
    setAttr(node, "group", int64_t(1));
    setAttr(node, "kernel_shape", std::vector<int64_t> { kernel, kernel });
    setAttr(node, "pads", std::vector<int64_t> { pad, pad, pad, pad });
    setAttr(node, "strides", std::vector<int64_t> { stride, stride });
    return out;
}

std::string GraphBuilder::batchNorm(const std::string& scope, const std::string& input, int64_t channels)
{
    const std::string prefix = paramPrefix(scope);
    std::vector<float> scale(channels), shift(channels), mean(channels), var(channels);
    for (int64_t c = 0; c < channels; ++c) {
        scale[c] = 1.0f + rng_.uniform(0.1f);
        shift[c] = rng_.uniform(0.1f);
        mean[c] = rng_.uniform(0.2f);
        var[c] = 1.0f + rng_.uniform(0.5f); // strictly positive
    }
    const std::string out = outputName(scope, "BatchNormalization");
    auto* node = addNode("BatchNormalization", scope + "/BatchNormalization",
        { input, addFloats(prefix + ".weight", { channels }, scale), addFloats(prefix + ".bias", { channels }, shift),
            addFloats(prefix + ".running_mean", { channels }, mean),
            addFloats(prefix + ".running_var", { channels }, var) },
        { out });
    setAttr(node, "epsilon", 1e-5f);
    setAttr(node, "momentum", 0.9f);
    return out;
}

std::string GraphBuilder::unary(const std::string& opType, const std::string& scope, const std::string& input)
{
    const std::string out = outputName(scope, opType);
    addNode(opType, scope + "/" + opType, { input }, { out });
    return out;
}

std::string GraphBuilder::binary(
    const std::string& opType, const std::string& scope, const std::string& a, const std::string& b)
{
    const std::string out = outputName(scope, opType);
    addNode(opType, scope + "/" + opType, { a, b }, { out });
    return out;
}

std::string GraphBuilder::maxPool(
    const std::string& scope, const std::string& input, int64_t kernel, int64_t stride, int64_t pad)
{
    const std::string out = outputName(scope, "MaxPool");
    auto* node = addNode("MaxPool", scope + "/MaxPool", { input }, { out });
    setAttr(node, "kernel_shape", std::vector<int64_t> { kernel, kernel });
    setAttr(node, "pads", std::vector<int64_t> { pad, pad, pad, pad });
    setAttr(node, "strides", std::vector<int64_t> { stride, stride });
    return out;
}

std::string GraphBuilder::flatten(const std::string& scope, const std::string& input)
{
    const std::string out = outputName(scope, "Flatten");
    setAttr(addNode("Flatten", scope + "/Flatten", { input }, { out }), "axis", int64_t(1));
    return out;
}

std::string GraphBuilder::gemm(
    const std::string& scope, const std::string& input, int64_t inFeatures, int64_t outFeatures)
{
    const std::string prefix = paramPrefix(scope);
    const float bound = 1.0f / std::sqrt(static_cast<float>(inFeatures)); // PyTorch Linear default
    const std::string weight = addRandomFloat(prefix + ".weight", { outFeatures, inFeatures }, bound);
    const std::string bias = addRandomFloat(prefix + ".bias", { outFeatures }, bound);
    const std::string out = outputName(scope, "Gemm");
    auto* node = addNode("Gemm", scope + "/Gemm", { input, weight, bias }, { out });
    setAttr(node, "alpha", 1.0f);
    setAttr(node, "beta", 1.0f);
    setAttr(node, "transB", int64_t(1));
    return out;
}

void setAttr(onnx::NodeProto* node, const std::string& name, int64_t value)
{
    auto* attr = node->add_attribute();
    attr->set_name(name);
    attr->set_type(onnx::AttributeProto::INT);
    attr->set_i(value);
}

void setAttr(onnx::NodeProto* node, const std::string& name, float value)
{
    auto* attr = node->add_attribute();
    attr->set_name(name);
    attr->set_type(onnx::AttributeProto::FLOAT);
    attr->set_f(value);
}

void setAttr(onnx::NodeProto* node, const std::string& name, const std::vector<int64_t>& values)
{
    auto* attr = node->add_attribute();
    attr->set_name(name);
    attr->set_type(onnx::AttributeProto::INTS);
    for (int64_t v : values)
        attr->add_ints(v);
}

void setAttr(onnx::NodeProto* node, const std::string& name, const onnx::GraphProto& graph)
{
    auto* attr = node->add_attribute();
    attr->set_name(name);
    attr->set_type(onnx::AttributeProto::GRAPH);
    *attr->mutable_g() = graph;
}

} // namespace modelgen
