#pragma once

// Shared by the CPU reference tests: tiny generated models, tensor comparison (is ONNX Runtime usable here:
// ../ortrequired.h).
#include "../ortrequired.h"
#include "reference/cpurunner.h"

#include <onnx/onnx_pb.h>

#include <QFile>
#include <QString>

#include <cmath>

namespace reftest {

// A one-node model `op` from inputs x (and y) of `inType` and `shape` to out of `outType` (opset 13).
inline bool writeOneNodeModel(const QString& path, const std::string& op, int inType, int outType,
    const std::vector<int64_t>& shape, int inputs = 1,
    const std::vector<std::pair<std::string, int64_t>>& intAttrs = {})
{
    onnx::ModelProto m;
    m.set_ir_version(7);
    m.add_opset_import()->set_version(13);
    auto* g = m.mutable_graph();
    g->set_name("one_node");
    auto* node = g->add_node();
    node->set_op_type(op);
    node->add_output("out");
    for (const auto& [name, value] : intAttrs) {
        auto* a = node->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INT);
        a->set_i(value);
    }
    const auto addValue = [&](onnx::ValueInfoProto* v, const std::string& name, int type) {
        v->set_name(name);
        auto* tt = v->mutable_type()->mutable_tensor_type();
        tt->set_elem_type(type);
        auto* s = tt->mutable_shape();
        for (int64_t d : shape)
            s->add_dim()->set_dim_value(d);
    };
    for (int i = 0; i < inputs; ++i) {
        const std::string name = i == 0 ? "x" : "y";
        node->add_input(name);
        addValue(g->add_input(), name, inType);
    }
    addValue(g->add_output(), "out", outType);
    QFile f(path);
    const std::string bytes = m.SerializeAsString();
    return f.open(QIODevice::WriteOnly) && f.write(bytes.data(), qint64(bytes.size())) == qint64(bytes.size());
}

// Empty when `actual` matches `expected` (same dtype and shape; floats within atol + rtol * |expected|, NaN
// equal to NaN; everything else exact); else where and how it differs.
inline QString compareTensors(const wb::HostTensor& actual, const wb::HostTensor& expected, double atol, double rtol)
{
    if (actual.elemType != expected.elemType)
        return QStringLiteral("dtype %1, expected %2").arg(actual.dtype(), expected.dtype());
    if (actual.shape != expected.shape)
        return QStringLiteral("shape %1, expected %2")
            .arg(wb::formatShape(actual.shape), wb::formatShape(expected.shape));
    const bool floating
        = actual.elemType == 1 || actual.elemType == 10 || actual.elemType == 11 || actual.elemType == 16;
    if (!floating)
        return actual.data == expected.data ? QString() : QStringLiteral("%1 data differs").arg(actual.dtype());
    for (qint64 i = 0; i < actual.elementCount(); ++i) {
        const double a = wb::elementAsDouble(actual, i);
        const double e = wb::elementAsDouble(expected, i);
        if (std::isnan(a) && std::isnan(e))
            continue;
        if (!(std::abs(a - e) <= atol + rtol * std::abs(e)))
            return QStringLiteral("element %1 is %2, expected %3").arg(i).arg(a, 0, 'g', 9).arg(e, 0, 'g', 9);
    }
    return {};
}

} // namespace reftest
