#include "synthetic.h"

#include "builder.h"

#include <cstdint>

namespace modelgen {

onnx::ModelProto syntheticModel(const SyntheticGraph& g)
{
    const size_t n = g.kinds.size();
    std::vector<std::vector<int>> preds(n);
    for (const auto& [a, b] : g.edges)
        preds[static_cast<size_t>(b)].push_back(a);

    onnx::ModelProto model;
    initModel(model, 8, 17, g.name, "generated graph for the graph-view benchmark");
    model.set_producer_name("wb_bench_graphview");
    GraphBuilder b(model.mutable_graph(), 1);
    const Shape activation { 1, 64, 56, 56 };
    b.addInput("input", onnx::TensorProto::FLOAT, activation);
    b.addFloats("conv.weight", { 64, 64, 1, 1 }, std::vector<float>(64 * 64, 0.01f));
    b.addFloats("conv.bias", { 64 }, std::vector<float>(64, 0.0f));
    b.addFloats("range.start", {}, { 0.0f });
    b.addFloats("range.limit", {}, { 8.0f });
    b.addFloats("range.delta", {}, { 1.0f });

    static const char* const chainOps[] = { "Conv", "Relu", "Conv", "BatchNormalization", "Sigmoid", "Mul" };
    auto tensor = [](size_t v) { return "t" + std::to_string(v); };
    int block = 0;
    for (size_t v = 0; v < n; ++v) {
        const auto& p = preds[v];
        std::vector<std::string> inputs;
        std::string op;
        if (v == 0) {
            op = "Conv";
            inputs.push_back("input");
        } else if (p.empty()) {
            op = "Range";
        } else if (p.size() == 1) {
            op = g.kinds[v] == SyntheticGraph::Kind::Head ? (v % 2 ? "MatMul" : "Softmax") : chainOps[v % 6];
        } else {
            op = p.size() == 2 ? "Add" : "Concat";
        }
        if (g.kinds[v] == SyntheticGraph::Kind::Join)
            ++block;
        for (int a : p)
            inputs.push_back(tensor(static_cast<size_t>(a)));
        if (op == "Range") {
            inputs.insert(inputs.end(), { "range.start", "range.limit", "range.delta" });
        } else if (op == "Conv") {
            inputs.insert(inputs.end(), { "conv.weight", "conv.bias" });
        } else if (op == "BatchNormalization") {
            inputs.insert(inputs.end(), 4, "conv.bias");
        }
        const std::string name = "/stage" + std::to_string(block / 64) + "/block" + std::to_string(block % 64) + "/"
            + op + "_" + std::to_string(v);
        onnx::NodeProto* node = b.addNode(op, name, inputs, { tensor(v) });
        if (op == "Concat")
            setAttr(node, "axis", int64_t(1));
    }
    if (n > 0)
        b.addOutput(tensor(n - 1), onnx::TensorProto::FLOAT, activation);
    return model;
}

} // namespace modelgen
