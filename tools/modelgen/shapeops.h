// Shape-arithmetic helpers for the generated models (header-only, modelgen's own).
#pragma once

#include "builder.h"

namespace modelgen {

// Shape-arithmetic nodes named the way torch.onnx names them ("/scope/Op", "/scope/Op_output_0").
class Ops {
public:
    explicit Ops(GraphBuilder& b)
        : b_(b)
    {
    }

    std::string node(const std::string& op, const std::string& scope, const std::vector<std::string>& inputs)
    {
        const std::string out = GraphBuilder::outputName(scope, op);
        last_ = b_.addNode(op, scope + "/" + op, inputs, { out });
        return out;
    }
    onnx::NodeProto* last() { return last_; }

    std::string ints(const std::string& scope, const std::vector<int64_t>& values, bool scalar = false)
    {
        const std::string out = GraphBuilder::outputName(scope, "Constant");
        auto* attr = b_.addNode("Constant", scope + "/Constant", {}, { out })->add_attribute();
        attr->set_name("value");
        attr->set_type(onnx::AttributeProto::TENSOR);
        auto* t = attr->mutable_t();
        t->set_data_type(onnx::TensorProto::INT64);
        if (!scalar)
            t->add_dims(static_cast<int64_t>(values.size()));
        t->set_raw_data(int64sToRaw(values));
        return out;
    }
    std::string real(const std::string& scope, float value)
    {
        const std::string out = GraphBuilder::outputName(scope, "Constant");
        auto* attr = b_.addNode("Constant", scope + "/Constant", {}, { out })->add_attribute();
        attr->set_name("value");
        attr->set_type(onnx::AttributeProto::TENSOR);
        auto* t = attr->mutable_t();
        t->set_data_type(onnx::TensorProto::FLOAT);
        t->set_raw_data(floatsToRaw({ value }));
        return out;
    }
    std::string shape(const std::string& scope, const std::string& x) { return node("Shape", scope, { x }); }
    // ConstantOfShape(shape) filled with one value of `type` (`raw`: its little-endian bytes).
    std::string constantOfShape(
        const std::string& scope, const std::string& shape, int32_t type, const std::string& raw)
    {
        const std::string out = node("ConstantOfShape", scope, { shape });
        auto* value = last_->add_attribute();
        value->set_name("value");
        value->set_type(onnx::AttributeProto::TENSOR);
        value->mutable_t()->set_data_type(type);
        value->mutable_t()->add_dims(1);
        value->mutable_t()->set_raw_data(raw);
        return out;
    }
    // x[index] of a 1-D tensor, as a scalar (torch's x.size(i)).
    std::string dim(const std::string& scope, const std::string& shapeTensor, int64_t index)
    {
        return node("Gather", scope, { shapeTensor, ints(scope + "/index", { index }, true) });
    }
    std::string unsqueeze0(const std::string& scope, const std::string& x)
    {
        return node("Unsqueeze", scope, { x, ints(scope + "/axes", { 0 }) });
    }
    std::string concat0(const std::string& scope, const std::vector<std::string>& parts)
    {
        const std::string out = node("Concat", scope, parts);
        setAttr(last_, "axis", int64_t(0));
        return out;
    }
    std::string cast(const std::string& scope, const std::string& x, int32_t to)
    {
        const std::string out = node("Cast", scope, { x });
        setAttr(last_, "to", int64_t(to));
        return out;
    }
    // torch's x.view(x.size(0), -1): Shape -> Gather -> Unsqueeze -> Concat -> Reshape.
    std::string flattenView(const std::string& scope, const std::string& x)
    {
        const std::string n = unsqueeze0(scope + "/n", dim(scope + "/n", shape(scope, x), 0));
        return node("Reshape", scope, { x, concat0(scope, { n, ints(scope + "/rest", { -1 }) }) });
    }

private:
    GraphBuilder& b_;
    onnx::NodeProto* last_ = nullptr;
};

inline void addMetadata(onnx::ModelProto& model, const std::string& key, const std::string& value)
{
    auto* p = model.add_metadata_props();
    p->set_key(key);
    p->set_value(value);
}

} // namespace modelgen
