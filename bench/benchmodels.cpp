#include "benchmodels.h"

#include "util/splitmix64.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string_view>

#include <fcntl.h>
#include <unistd.h>

namespace wbbench {

static_assert(std::endian::native == std::endian::little, "raw_data is little-endian; this writer copies floats as-is");

namespace {

constexpr std::int64_t kMiB = 1024 * 1024;
constexpr std::int32_t kFloat = onnx::TensorProto::FLOAT;
constexpr std::int32_t kInt64 = onnx::TensorProto::INT64;

// ---------------------------------------------------------------------------------------------------------------
// Weight pattern: 256 Ki floats (1 MiB) from splitmix64, generated once; a tensor is that table repeated from an
// offset that depends on its index. Cheap to write at memcpy speed, deterministic, and not all zeros.

constexpr std::size_t kPatternFloats = std::size_t(1) << 18;

struct Patterns {
    std::vector<float> nearZero; // uniform in [-0.05, 0.05]
    std::vector<float> nearOne; // uniform in [0.9, 1.1]
};

const Patterns& patterns()
{
    static const Patterns p = [] {
        Patterns out;
        out.nearZero.resize(kPatternFloats);
        out.nearOne.resize(kPatternFloats);
        wb::SplitMix64 rng { 0xBE7C4B0E2024ULL };
        for (std::size_t i = 0; i < kPatternFloats; ++i) {
            const float unit = rng.unitFloat24(); // [0, 1), 24 bits
            out.nearZero[i] = (unit * 2.0f - 1.0f) * 0.05f;
            out.nearOne[i] = 1.0f + (unit * 2.0f - 1.0f) * 0.1f;
        }
        return out;
    }();
    return p;
}

struct PatternSpan {
    const char* table;
    std::size_t tableBytes;
    std::size_t start; // byte offset of the tensor's first element in the table
};

PatternSpan patternFor(const DeferredTensor& t)
{
    const std::vector<float>& table = t.nearOne ? patterns().nearOne : patterns().nearZero;
    const std::size_t startElement = (static_cast<std::size_t>(t.index) * 7919u) % kPatternFloats;
    return { reinterpret_cast<const char*>(table.data()), table.size() * sizeof(float), startElement * sizeof(float) };
}

// ---------------------------------------------------------------------------------------------------------------
// Graph building (PyTorch-exporter-style names: node "/encoder/layer.3/attention/self/query/MatMul", parameter
// "encoder.layer.3.attention.self.query.weight").

void setIntAttr(onnx::NodeProto* node, const std::string& name, std::int64_t value)
{
    auto* a = node->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(value);
}

void setFloatAttr(onnx::NodeProto* node, const std::string& name, float value)
{
    auto* a = node->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::FLOAT);
    a->set_f(value);
}

void setIntsAttr(onnx::NodeProto* node, const std::string& name, const std::vector<std::int64_t>& values)
{
    auto* a = node->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INTS);
    for (const std::int64_t v : values)
        a->add_ints(v);
}

// One dimension: a fixed size, or a symbolic name when `param` is set.
struct Dim {
    std::int64_t value = 0;
    const char* param = nullptr;
};

void addValueInfo(
    onnx::ValueInfoProto* info, const std::string& name, std::int32_t elemType, const std::vector<Dim>& shape)
{
    info->set_name(name);
    auto* tensorType = info->mutable_type()->mutable_tensor_type();
    tensorType->set_elem_type(elemType);
    auto* s = tensorType->mutable_shape();
    for (const Dim& d : shape) {
        auto* dim = s->add_dim();
        if (d.param)
            dim->set_dim_param(d.param);
        else
            dim->set_dim_value(d.value);
    }
}

class Builder {
public:
    explicit Builder(Plan& plan)
        : m_plan(plan)
        , m_graph(plan.model.mutable_graph())
    {
    }

    // A float initializer whose data is written later (from the pattern).
    std::string weight(const std::string& name, const std::vector<std::int64_t>& dims, bool nearOne = false)
    {
        auto* t = declare(name, dims, kFloat);
        std::int64_t elements = 1;
        for (const std::int64_t d : dims)
            elements *= d;
        m_plan.deferred.push_back({ m_graph->initializer_size() - 1, nearOne });
        m_plan.initializerBytes += elements * 4;
        (void)t;
        return name;
    }

    std::string int64s(const std::string& name, const std::vector<std::int64_t>& values)
    {
        auto* t = declare(name, { static_cast<std::int64_t>(values.size()) }, kInt64);
        t->set_raw_data(values.data(), values.size() * sizeof(std::int64_t));
        m_plan.initializerBytes += static_cast<std::int64_t>(t->raw_data().size());
        return name;
    }

    std::string scalar(const std::string& name, float value)
    {
        auto* t = declare(name, {}, kFloat);
        t->set_raw_data(&value, sizeof(value));
        m_plan.initializerBytes += static_cast<std::int64_t>(t->raw_data().size());
        return name;
    }

    // Node "<scope>/<opType>" with output "<scope>/<opType>_output_0".
    onnx::NodeProto* node(const std::string& opType, const std::string& scope, const std::vector<std::string>& inputs)
    {
        auto* n = m_graph->add_node();
        n->set_op_type(opType);
        n->set_name(scope + "/" + opType);
        for (const auto& in : inputs)
            n->add_input(in);
        n->add_output(scope + "/" + opType + "_output_0");
        ++m_plan.nodeCount;
        return n;
    }
    std::string op(const std::string& opType, const std::string& scope, const std::vector<std::string>& inputs)
    {
        return node(opType, scope, inputs)->output(0);
    }

    void renameLastOutput(const std::string& name)
    {
        m_graph->mutable_node(m_graph->node_size() - 1)->set_output(0, name);
    }

    // --- transformer pieces ---

    std::string linear(
        const std::string& scope, const std::string& x, const std::string& param, std::int64_t in, std::int64_t out)
    {
        const std::string y = op("MatMul", scope, { x, weight(param + ".weight", { in, out }) });
        return op("Add", scope, { y, weight(param + ".bias", { out }) });
    }

    std::string layerNorm(const std::string& scope, const std::string& x, const std::string& param, std::int64_t d)
    {
        auto* n = node(
            "LayerNormalization", scope, { x, weight(param + ".weight", { d }, true), weight(param + ".bias", { d }) });
        setIntAttr(n, "axis", -1);
        setFloatAttr(n, "epsilon", 1e-12f);
        return n->output(0);
    }

    std::string transpose(const std::string& scope, const std::string& x, const std::vector<std::int64_t>& perm)
    {
        auto* n = node("Transpose", scope, { x });
        setIntsAttr(n, "perm", perm);
        return n->output(0);
    }

    // --- conv net pieces ---

    std::string conv(const std::string& scope, const std::string& x, const std::string& param, std::int64_t inCh,
        std::int64_t outCh, std::int64_t kernel, std::int64_t stride)
    {
        auto* n = node("Conv", scope, { x, weight(param + ".weight", { outCh, inCh, kernel, kernel }) });
        const std::int64_t pad = kernel / 2;
        setIntsAttr(n, "dilations", { 1, 1 });
        setIntAttr(n, "group", 1);
        setIntsAttr(n, "kernel_shape", { kernel, kernel });
        setIntsAttr(n, "pads", { pad, pad, pad, pad });
        setIntsAttr(n, "strides", { stride, stride });
        return n->output(0);
    }

    std::string batchNorm(const std::string& scope, const std::string& x, const std::string& param, std::int64_t ch)
    {
        auto* n = node("BatchNormalization", scope,
            { x, weight(param + ".weight", { ch }, true), weight(param + ".bias", { ch }),
                weight(param + ".running_mean", { ch }), weight(param + ".running_var", { ch }, true) });
        setFloatAttr(n, "epsilon", 1e-5f);
        setFloatAttr(n, "momentum", 0.9f);
        return n->output(0);
    }

private:
    onnx::TensorProto* declare(const std::string& name, const std::vector<std::int64_t>& dims, std::int32_t dtype)
    {
        auto* t = m_graph->add_initializer();
        t->set_name(name);
        t->set_data_type(dtype);
        for (const std::int64_t d : dims)
            t->add_dims(d);
        ++m_plan.initializerCount;
        return t;
    }

    Plan& m_plan;
    onnx::GraphProto* m_graph;
};

void initModel(Plan& plan, const std::string& graphName, const std::string& doc)
{
    plan.model.set_ir_version(8);
    plan.model.set_producer_name("wb_bench_open");
    plan.model.set_producer_version("1");
    plan.model.set_model_version(1);
    plan.model.set_doc_string(doc);
    auto* opset = plan.model.add_opset_import();
    opset->set_domain("");
    opset->set_version(17);
    plan.model.mutable_graph()->set_name(graphName);
}

// BERT-style encoder: token + position embeddings, `layers` x (pre-LN self-attention, pre-LN GELU(erf) MLP), final
// LayerNormalization. 33 nodes and 12 d^2 + 13 d parameters per layer.
Plan planTransformer(std::int64_t d, int layers, std::int64_t vocab, std::int64_t maxPositions)
{
    Plan plan;
    const std::int64_t heads = std::max<std::int64_t>(1, d / 64);
    const std::int64_t headDim = d / heads;
    plan.description = "transformer encoder d=" + std::to_string(d) + " heads=" + std::to_string(heads)
        + " layers=" + std::to_string(layers) + " vocab=" + std::to_string(vocab);
    initModel(plan, "transformer_encoder",
        "Benchmark model (" + plan.description + ") generated by wb_bench_open; weights are a repeating pattern.");
    Builder b(plan);
    auto* graph = plan.model.mutable_graph();
    addValueInfo(graph->add_input(), "input_ids", kInt64, { { 0, "batch" }, { 0, "sequence" } });
    addValueInfo(graph->add_input(), "position_ids", kInt64, { { 0, "batch" }, { 0, "sequence" } });

    const std::string splitShape = b.int64s("/attention/split_heads_shape", { 0, 0, heads, headDim });
    const std::string mergeShape = b.int64s("/attention/merge_heads_shape", { 0, 0, d });
    const std::string scale = b.scalar("/attention/scale", std::sqrt(static_cast<float>(headDim)));
    const std::string sqrt2 = b.scalar("/gelu/sqrt2", std::sqrt(2.0f));
    const std::string one = b.scalar("/gelu/one", 1.0f);
    const std::string half = b.scalar("/gelu/half", 0.5f);

    std::string x = b.op("Gather", "/embeddings/word_embeddings",
        { b.weight("embeddings.word_embeddings.weight", { vocab, d }), "input_ids" });
    const std::string pos = b.op("Gather", "/embeddings/position_embeddings",
        { b.weight("embeddings.position_embeddings.weight", { maxPositions, d }), "position_ids" });
    x = b.op("Add", "/embeddings", { x, pos });
    x = b.layerNorm("/embeddings/LayerNorm", x, "embeddings.LayerNorm", d);

    for (int i = 0; i < layers; ++i) {
        const std::string s = "/encoder/layer." + std::to_string(i);
        const std::string p = "encoder.layer." + std::to_string(i);
        const std::string h = b.layerNorm(s + "/attention/LayerNorm", x, p + ".attention.LayerNorm", d);
        const std::string q = b.linear(s + "/attention/self/query", h, p + ".attention.self.query", d, d);
        const std::string k = b.linear(s + "/attention/self/key", h, p + ".attention.self.key", d, d);
        const std::string v = b.linear(s + "/attention/self/value", h, p + ".attention.self.value", d, d);
        const std::string qh = b.transpose(s + "/attention/self/query_heads",
            b.op("Reshape", s + "/attention/self/query_heads", { q, splitShape }), { 0, 2, 1, 3 });
        const std::string kh = b.transpose(s + "/attention/self/key_heads",
            b.op("Reshape", s + "/attention/self/key_heads", { k, splitShape }), { 0, 2, 3, 1 });
        const std::string vh = b.transpose(s + "/attention/self/value_heads",
            b.op("Reshape", s + "/attention/self/value_heads", { v, splitShape }), { 0, 2, 1, 3 });
        std::string a = b.op("MatMul", s + "/attention/self/scores", { qh, kh });
        a = b.op("Div", s + "/attention/self/scores", { a, scale });
        auto* softmax = b.node("Softmax", s + "/attention/self", { a });
        setIntAttr(softmax, "axis", -1);
        a = b.op("MatMul", s + "/attention/self/context", { softmax->output(0), vh });
        a = b.transpose(s + "/attention/self/context", a, { 0, 2, 1, 3 });
        a = b.op("Reshape", s + "/attention/self/context", { a, mergeShape });
        a = b.linear(s + "/attention/output/dense", a, p + ".attention.output.dense", d, d);
        x = b.op("Add", s + "/attention/residual", { x, a });

        const std::string h2 = b.layerNorm(s + "/output/LayerNorm", x, p + ".output.LayerNorm", d);
        const std::string f = b.linear(s + "/intermediate/dense", h2, p + ".intermediate.dense", d, 4 * d);
        std::string g = b.op("Div", s + "/intermediate/gelu", { f, sqrt2 });
        g = b.op("Erf", s + "/intermediate/gelu", { g });
        g = b.op("Add", s + "/intermediate/gelu", { g, one });
        g = b.op("Mul", s + "/intermediate/gelu", { f, g });
        g = b.op("Mul", s + "/intermediate/gelu/half", { g, half });
        const std::string o = b.linear(s + "/output/dense", g, p + ".output.dense", 4 * d, d);
        x = b.op("Add", s + "/output/residual", { x, o });
    }
    b.layerNorm("/encoder/LayerNorm", x, "encoder.LayerNorm", d);
    b.renameLastOutput("last_hidden_state");
    addValueInfo(
        graph->add_output(), "last_hidden_state", kFloat, { { 0, "batch" }, { 0, "sequence" }, { d, nullptr } });
    return plan;
}

// ResNet-101-style CNN (bottleneck blocks 3-4-23-3, expansion 4) with base width `width` (64 in ResNet-101).
Plan planConvNet(std::int64_t width)
{
    Plan plan;
    plan.description = "ResNet-101-style conv net base width " + std::to_string(width);
    initModel(plan, "resnet101_like",
        "Benchmark model (" + plan.description + ") generated by wb_bench_open; weights are a repeating pattern.");
    Builder b(plan);
    auto* graph = plan.model.mutable_graph();
    addValueInfo(
        graph->add_input(), "input", kFloat, { { 0, "batch" }, { 3, nullptr }, { 224, nullptr }, { 224, nullptr } });

    std::string x = b.conv("/conv1", "input", "conv1", 3, width, 7, 2);
    x = b.batchNorm("/bn1", x, "bn1", width);
    x = b.op("Relu", "/relu", { x });
    auto* pool = b.node("MaxPool", "/maxpool", { x });
    setIntsAttr(pool, "kernel_shape", { 3, 3 });
    setIntsAttr(pool, "pads", { 1, 1, 1, 1 });
    setIntsAttr(pool, "strides", { 2, 2 });
    x = pool->output(0);

    const int blocks[] = { 3, 4, 23, 3 };
    std::int64_t inCh = width;
    for (int stage = 0; stage < 4; ++stage) {
        const std::int64_t planes = width << stage;
        for (int i = 0; i < blocks[stage]; ++i) {
            const std::int64_t stride = (stage > 0 && i == 0) ? 2 : 1;
            const std::string s
                = "/layer" + std::to_string(stage + 1) + "/layer" + std::to_string(stage + 1) + "." + std::to_string(i);
            const std::string p = "layer" + std::to_string(stage + 1) + "." + std::to_string(i);
            std::string y = b.conv(s + "/conv1", x, p + ".conv1", inCh, planes, 1, 1);
            y = b.batchNorm(s + "/bn1", y, p + ".bn1", planes);
            y = b.op("Relu", s + "/relu", { y });
            y = b.conv(s + "/conv2", y, p + ".conv2", planes, planes, 3, stride);
            y = b.batchNorm(s + "/bn2", y, p + ".bn2", planes);
            y = b.op("Relu", s + "/relu_1", { y });
            y = b.conv(s + "/conv3", y, p + ".conv3", planes, planes * 4, 1, 1);
            y = b.batchNorm(s + "/bn3", y, p + ".bn3", planes * 4);
            std::string skip = x;
            if (stride != 1 || inCh != planes * 4) {
                skip = b.conv(s + "/downsample/downsample.0", x, p + ".downsample.0", inCh, planes * 4, 1, stride);
                skip = b.batchNorm(s + "/downsample/downsample.1", skip, p + ".downsample.1", planes * 4);
            }
            y = b.op("Add", s, { y, skip });
            x = b.op("Relu", s + "/relu_2", { y });
            inCh = planes * 4;
        }
    }
    x = b.op("GlobalAveragePool", "/avgpool", { x });
    auto* flatten = b.node("Flatten", "", { x });
    setIntAttr(flatten, "axis", 1);
    auto* fc = b.node(
        "Gemm", "/fc", { flatten->output(0), b.weight("fc.weight", { 1000, inCh }), b.weight("fc.bias", { 1000 }) });
    setFloatAttr(fc, "alpha", 1.0f);
    setFloatAttr(fc, "beta", 1.0f);
    setIntAttr(fc, "transB", 1);
    b.renameLastOutput("logits");
    addValueInfo(graph->add_output(), "logits", kFloat, { { 0, "batch" }, { 1000, nullptr } });
    return plan;
}

std::string errnoText(const std::string& what, const std::string& path)
{
    return what + " " + path + ": " + std::strerror(errno);
}

bool writeAll(int fd, const char* data, std::size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, std::min<std::size_t>(size, std::size_t(1) << 30));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

std::string serializeTo(const onnx::ModelProto& model, const std::string& path)
{
    const std::size_t bytes = model.ByteSizeLong();
    if (bytes > static_cast<std::size_t>(INT_MAX))
        return "the model would be " + std::to_string(bytes) + " bytes, over protobuf's 2 GB limit; use external data";
    const std::string tmp = path + ".tmp" + std::to_string(::getpid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return errnoText("cannot create", tmp);
    const bool ok = model.SerializeToFileDescriptor(fd);
    if (::close(fd) != 0 || !ok) {
        std::remove(tmp.c_str());
        return "cannot write " + tmp;
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
        return errnoText("cannot rename to", path);
    return {};
}

} // namespace

Plan planModel(int targetMiB)
{
    if (targetMiB <= 0)
        return planTransformer(32, 1, 64, 64);
    const std::int64_t target = targetMiB * kMiB;
    if (targetMiB < 64) {
        // Conv net: pick the base width whose size is nearest the target (planning is cheap).
        std::int64_t best = 4;
        std::int64_t bestDiff = INT64_MAX;
        for (std::int64_t w = 4; w <= 64; ++w) {
            const std::int64_t diff = std::abs(planConvNet(w).initializerBytes - target);
            if (diff < bestDiff) {
                bestDiff = diff;
                best = w;
            }
        }
        return planConvNet(best);
    }
    // Transformer: the narrowest width needing at most 48 layers, then the layer count nearest the target.
    constexpr std::int64_t kVocab = 30522;
    constexpr std::int64_t kMaxPositions = 512;
    for (const std::int64_t d : { 256, 384, 512, 768, 1024, 1280, 1536, 2048, 2560, 3072, 4096 }) {
        const std::int64_t fixed = (kVocab + kMaxPositions) * d * 4 + 4 * d * 4; // embeddings + 2 LayerNorms
        const std::int64_t perLayer = (12 * d * d + 13 * d) * 4;
        const auto layers
            = static_cast<int>(std::llround(static_cast<double>(target - fixed) / static_cast<double>(perLayer)));
        if (layers <= 48 || d == 4096)
            return planTransformer(d, std::max(1, layers), kVocab, kMaxPositions);
    }
    return {};
}

namespace {

void setTorchInput(
    onnx::ValueInfoProto* vi, const char* name, int type, const std::vector<const char*>& dims, int64_t last)
{
    vi->set_name(name);
    auto* tt = vi->mutable_type()->mutable_tensor_type();
    tt->set_elem_type(type);
    for (const char* d : dims)
        tt->mutable_shape()->add_dim()->set_dim_param(d);
    if (last > 0)
        tt->mutable_shape()->add_dim()->set_dim_value(last);
}

} // namespace

bool writeTorchStyleModel(const std::string& path, int blocks)
{
    onnx::ModelProto m;
    m.set_ir_version(7);
    m.set_producer_name("pytorch");
    m.add_opset_import()->set_version(13);
    auto* g = m.mutable_graph();
    g->set_name("torch_jit");
    setTorchInput(g->add_input(), "x", onnx::TensorProto::FLOAT, { "batch", "sequence" }, 64);
    auto constant = [&](const std::string& name, const std::vector<int64_t>& v, bool scalar) {
        auto* n = g->add_node();
        n->set_op_type("Constant");
        n->add_output(name);
        auto* a = n->add_attribute();
        a->set_name("value");
        a->set_type(onnx::AttributeProto::TENSOR);
        a->mutable_t()->set_data_type(onnx::TensorProto::INT64);
        if (!scalar)
            a->mutable_t()->add_dims(int64_t(v.size()));
        for (const int64_t x : v)
            a->mutable_t()->add_int64_data(x);
        return name;
    };
    auto node = [&](const char* op, const std::vector<std::string>& in, const std::string& out) {
        auto* n = g->add_node();
        n->set_op_type(op);
        for (const auto& i : in)
            n->add_input(i);
        n->add_output(out);
        return n;
    };
    std::string x = "x";
    for (int b = 0; b < blocks; ++b) {
        const std::string p = "/layers." + std::to_string(b) + "/";
        const std::string s = node("Shape", { x }, p + "Shape_output_0")->output(0);
        const std::string n0 = node("Gather", { s, constant(p + "c0", { 0 }, true) }, p + "Gather_output_0")->output(0);
        const std::string n1
            = node("Gather", { s, constant(p + "c1", { 1 }, true) }, p + "Gather_1_output_0")->output(0);
        const std::string u0
            = node("Unsqueeze", { n0, constant(p + "a0", { 0 }, false) }, p + "Unsqueeze_output_0")->output(0);
        const std::string u1
            = node("Unsqueeze", { n1, constant(p + "a1", { 0 }, false) }, p + "Unsqueeze_1_output_0")->output(0);
        auto* cat = node("Concat", { u0, u1, constant(p + "heads", { 8, -1 }, false) }, p + "Concat_output_0");
        auto* axis = cat->add_attribute();
        axis->set_name("axis");
        axis->set_type(onnx::AttributeProto::INT);
        axis->set_i(0);
        const std::string r = node("Reshape", { x, cat->output(0) }, p + "Reshape_output_0")->output(0);
        const std::string back = node("Reshape", { r, s }, p + "Reshape_1_output_0")->output(0);
        x = node("Relu", { back }, p + "Relu_output_0")->output(0);
    }
    auto* out = g->add_output();
    out->set_name(x);
    out->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
    std::ofstream f(path + ".tmp", std::ios::binary);
    if (!m.SerializeToOstream(&f))
        return false;
    f.close();
    std::filesystem::rename(path + ".tmp", path);
    return true;
}

std::string writeModel(Plan& plan, const std::string& path, const std::string& externalDataName)
{
    auto* graph = plan.model.mutable_graph();
    if (externalDataName.empty()) {
        for (const DeferredTensor& d : plan.deferred) {
            onnx::TensorProto* t = graph->mutable_initializer(d.index);
            std::int64_t bytes = 4;
            for (const std::int64_t dim : t->dims())
                bytes *= dim;
            std::string* raw = t->mutable_raw_data();
            raw->resize(static_cast<std::size_t>(bytes));
            const PatternSpan p = patternFor(d);
            std::size_t done = 0;
            std::size_t from = p.start;
            while (done < raw->size()) {
                const std::size_t n = std::min(raw->size() - done, p.tableBytes - from);
                std::memcpy(raw->data() + done, p.table + from, n);
                done += n;
                from = 0;
            }
        }
        return serializeTo(plan.model, path);
    }

    const std::string dataPath = (std::filesystem::path(path).parent_path() / externalDataName).string();
    const std::string tmp = dataPath + ".tmp" + std::to_string(::getpid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return errnoText("cannot create", tmp);
    static const std::array<char, 4096> zeros {};
    std::int64_t offset = 0;
    bool ok = true;
    for (const DeferredTensor& d : plan.deferred) {
        onnx::TensorProto* t = graph->mutable_initializer(d.index);
        std::int64_t bytes = 4;
        for (const std::int64_t dim : t->dims())
            bytes *= dim;
        const std::int64_t pad = (4096 - offset % 4096) % 4096; // page-aligned, as onnxruntime likes it
        ok = ok && writeAll(fd, zeros.data(), static_cast<std::size_t>(pad));
        offset += pad;
        const PatternSpan p = patternFor(d);
        std::int64_t left = bytes;
        std::size_t from = p.start;
        while (ok && left > 0) {
            const auto n = std::min<std::size_t>(static_cast<std::size_t>(left), p.tableBytes - from);
            ok = writeAll(fd, p.table + from, n);
            left -= static_cast<std::int64_t>(n);
            from = 0;
        }
        t->set_data_location(onnx::TensorProto::EXTERNAL);
        const std::pair<const char*, std::string> entries[] = { { "location", externalDataName },
            { "offset", std::to_string(offset) }, { "length", std::to_string(bytes) } };
        for (const auto& [key, value] : entries) {
            auto* kv = t->add_external_data();
            kv->set_key(key);
            kv->set_value(value);
        }
        offset += bytes;
    }
    if (::close(fd) != 0 || !ok) {
        std::remove(tmp.c_str());
        return "cannot write " + tmp;
    }
    if (std::rename(tmp.c_str(), dataPath.c_str()) != 0)
        return errnoText("cannot rename to", dataPath);
    return serializeTo(plan.model, path);
}

} // namespace wbbench
