#include "simplify.h"

#include "graphutil_p.h"
#include "logging/logging.h"
#include "modelwriter_p.h"
#include "shapeinference_p.h"
#include "summaryjson.h"
#include "tensorsource_p.h"

#include "reference/cpurunner.h"
#include "util/checkedsize.h"

#include <QFile>
#include <QJsonArray>

#include <cmath>
#include <limits>
#include <unordered_map>
#include <unordered_set>

namespace wb {

namespace {

constexpr int64_t kFoldElements = int64_t(1) << 22; // 16 MiB of float32: a folded weight transform, not more
constexpr qint64 kGrowthFloor = 64 * 1024; // a fold may always produce this many bytes, even from tiny inputs

qint64 tensorBytes(const detail::FoldTensor& t)
{
    return sizes::byteCount(t.dims, detail::dtypeSize(t.type)).value_or(std::numeric_limits<qint64>::max());
}

qint64 protoBytes(const onnx::TensorProto& t)
{
    return sizes::byteCount(t.dims(), detail::dtypeSize(t.data_type())).value_or(std::numeric_limits<qint64>::max());
}

// The simplified graph: folded nodes become initializers, Identity nodes are bypassed, dead nodes dropped.
class Rewriter {
public:
    Rewriter(onnx::GraphProto& g, int64_t irVersion, const detail::FoldResult& fold, SimplifyResult& counts)
        : m_graph(g)
        , m_weightsAreInputs(irVersion < 4)
        , m_fold(fold)
        , m_counts(counts)
    {
        for (const auto& out : g.output())
            m_outputs.insert(out.name());
        for (const auto& t : g.initializer())
            m_initializerBytes[t.name()] = protoBytes(t);
        for (const auto& node : g.node()) {
            for (const auto& name : detail::implicitInputs(node))
                m_readBySubgraph.insert(name);
        }
    }

    void run()
    {
        google::protobuf::RepeatedPtrField<onnx::NodeProto> kept;
        for (auto& node : *m_graph.mutable_node()) {
            if (fold(node))
                continue;
            rename(node);
            if (bypassIdentity(node))
                continue;
            *kept.Add() = std::move(node);
        }
        m_graph.mutable_node()->Swap(&kept);
        dropDead();
    }

private:
    // Whether the node became initializers (or, for a graph output, a Constant carrying the folded value).
    bool fold(onnx::NodeProto& node)
    {
        if (node.output_size() == 0)
            return false;
        qint64 in = 0, out = 0;
        for (const auto& name : node.output()) {
            const auto it = m_fold.values.find(name);
            if (name.empty() || it == m_fold.values.end())
                return false;
            out += tensorBytes(it->second);
        }
        for (const auto& name : node.input()) { // only what is stored already: weights and folds kept so far
            if (const auto b = m_initializerBytes.find(name); b != m_initializerBytes.end())
                in += b->second;
        }
        // ConstantOfShape, Expand, Tile and Range make large tensors from small ones: keep those as nodes.
        if (node.op_type() != "Constant" && out > std::max(kGrowthFloor, in))
            return false;
        for (const auto& name : node.output()) {
            const detail::FoldTensor& value = m_fold.values.at(name);
            if (m_outputs.count(name)) { // a graph output must still be made by a node
                onnx::NodeProto constant;
                constant.set_op_type("Constant");
                constant.set_name(node.name().empty() ? name + "_folded" : node.name());
                constant.add_output(name);
                auto* a = constant.add_attribute();
                a->set_name("value");
                a->set_type(onnx::AttributeProto::TENSOR);
                detail::foldTensorToProto(value, a->mutable_t());
                m_folded.push_back(std::move(constant));
                continue;
            }
            auto* t = m_graph.add_initializer();
            detail::foldTensorToProto(value, t);
            t->set_name(name);
            if (m_weightsAreInputs) { // before IR 4 every initializer must be a graph input too
                auto* vi = m_graph.add_input();
                vi->set_name(name);
                auto* tt = vi->mutable_type()->mutable_tensor_type();
                tt->set_elem_type(value.type);
                auto* shape = tt->mutable_shape();
                for (const int64_t d : value.dims)
                    shape->add_dim()->set_dim_value(d);
            }
            m_initializerBytes[name] = tensorBytes(value);
        }
        ++m_counts.folded;
        return true;
    }

    void rename(onnx::NodeProto& node) const
    {
        for (auto& in : *node.mutable_input()) {
            if (const auto it = m_renamed.find(in); it != m_renamed.end())
                in = it->second;
        }
    }

    bool bypassIdentity(const onnx::NodeProto& node)
    {
        if (node.op_type() != "Identity" || !detail::isDefaultDomain(node.domain()) || node.input_size() != 1
            || node.output_size() != 1)
            return false;
        const std::string& out = node.output(0);
        if (m_outputs.count(out) || m_readBySubgraph.count(out) || node.input(0).empty())
            return false;
        m_renamed[out] = node.input(0);
        ++m_counts.removedIdentity;
        return true;
    }

    void dropDead()
    {
        for (auto& node : m_folded)
            *m_graph.add_node() = std::move(node);
        detail::topologicalSort(&m_graph);
        std::vector<std::string> outputs;
        for (const auto& out : m_graph.output())
            outputs.push_back(out.name());
        const detail::Reach reach = detail::reachBack(m_graph, outputs);
        const std::unordered_set<std::string>& needed = reach.names;
        google::protobuf::RepeatedPtrField<onnx::NodeProto> nodes;
        for (int i = 0; i < m_graph.node_size(); ++i) {
            if (reach.nodes[size_t(i)])
                *nodes.Add() = std::move(*m_graph.mutable_node(i));
            else
                ++m_counts.removedDead;
        }
        m_graph.mutable_node()->Swap(&nodes);
        // From IR 4 on an initializer that is also an input is a default the caller may override: it stays. Before,
        // every weight is listed as an input, and an unused one goes with its input entry.
        std::unordered_set<std::string> inputs, dropped;
        for (const auto& vi : m_graph.input())
            inputs.insert(vi.name());
        google::protobuf::RepeatedPtrField<onnx::TensorProto> initializers;
        for (auto& t : *m_graph.mutable_initializer()) {
            if (needed.count(t.name()) || (inputs.count(t.name()) && !m_weightsAreInputs))
                *initializers.Add() = std::move(t);
            else
                dropped.insert(t.name());
        }
        m_graph.mutable_initializer()->Swap(&initializers);
        if (m_weightsAreInputs) {
            google::protobuf::RepeatedPtrField<onnx::ValueInfoProto> kept;
            for (auto& vi : *m_graph.mutable_input()) {
                if (!dropped.count(vi.name()))
                    *kept.Add() = std::move(vi);
            }
            m_graph.mutable_input()->Swap(&kept);
        }
    }

    onnx::GraphProto& m_graph;
    bool m_weightsAreInputs;
    const detail::FoldResult& m_fold;
    SimplifyResult& m_counts;
    std::unordered_set<std::string> m_outputs;
    std::unordered_set<std::string> m_readBySubgraph;
    std::unordered_map<std::string, qint64> m_initializerBytes;
    std::unordered_map<std::string, std::string> m_renamed;
    std::vector<onnx::NodeProto> m_folded;
};

qint64 initializerBytes(const onnx::GraphProto& g)
{
    qint64 bytes = 0;
    for (const auto& t : g.initializer())
        bytes += protoBytes(t);
    return bytes;
}

Result<CpuRunResult> runOnce(const QString& path, const SimplifyOptions& options)
{
    CpuRunOptions run;
    run.modelPath = path;
    run.inputShapes = options.inputShapes;
    run.fill = InputFill::Random;
    run.seed = options.seed;
    run.warmup = 0;
    run.iterations = 1;
    run.intraOpThreads = 1;
    return runOnCpu(run);
}

// Runs both models on the same seeded inputs and compares every output within float rounding.
SimplifyComparison compare(const QString& original, const QString& simplified, const SimplifyOptions& options)
{
    SimplifyComparison c;
    if (!onnxRuntimeBuiltIn()) {
        c.reason = QStringLiteral("ONNX Runtime support was not built in (scripts/fetch-ort.sh)");
        return c;
    }
    const Result<CpuRunResult> before = runOnce(original, options);
    if (!before.ok()) {
        c.reason = QStringLiteral("the original does not run on ONNX Runtime: %1").arg(before.error().message);
        return c;
    }
    const Result<CpuRunResult> after = runOnce(simplified, options);
    if (!after.ok()) {
        c.reason = QStringLiteral("the simplified copy does not run on ONNX Runtime: %1").arg(after.error().message);
        c.ran = true; // a copy the original's runtime refuses is a failure, not a skipped check
        return c;
    }
    c.ran = true;
    c.identical = true;
    // Float rounding only: folding computes in double and rounds once, ONNX Runtime in float at every step.
    const AccuracyTolerance tolerance { 1e-5, 1e-4, 0.99999 };
    for (const HostTensor& ref : before.value().outputs) {
        HostTensor actual;
        for (const HostTensor& t : after.value().outputs) {
            if (t.name == ref.name)
                actual = t;
        }
        TensorAccuracy a = compareTensors(ref, actual, tolerance);
        a.name = ref.name;
        if (actual.name.isEmpty())
            a.problem = QStringLiteral("the simplified copy has no output '%1'").arg(ref.name);
        if (ref.shape != actual.shape && a.problem.isEmpty())
            a.problem
                = QStringLiteral("shape %1, the original's %2").arg(formatShape(actual.shape), formatShape(ref.shape));
        if (!a.problem.isEmpty())
            a.pass = false;
        c.identical = c.identical && ref == actual;
        c.maxAbsError = std::max(c.maxAbsError, a.maxAbs);
        if (!std::isnan(a.cosine))
            c.minCosine = std::min(c.minCosine, a.cosine);
        c.outputs.append(a);
    }
    return c;
}

} // namespace

QString SimplifyComparison::summary() const
{
    if (!ran)
        return QStringLiteral("not compared: %1").arg(reason);
    if (!reason.isEmpty())
        return reason;
    if (identical)
        return QStringLiteral("outputs identical");
    return QStringLiteral("max abs error %1").arg(maxAbsError, 0, 'g', 2);
}

Result<SimplifyResult> simplifyModel(const OnnxModel& model, const SimplifyOptions& options, const QString& outPath)
{
    if (auto error = detail::checkDestination(model, outPath))
        return *error;
    Result<std::shared_ptr<onnx::ModelProto>> full = model.fullProto();
    if (!full.ok())
        return full.error();
    onnx::ModelProto& proto = *full.value();
    if (auto error = detail::applyInputShapes(proto, options.inputShapes))
        return *error;
    SimplifyResult result;
    onnx::GraphProto& g = *proto.mutable_graph();
    result.nodesBefore = g.node_size();
    result.initializersBefore = g.initializer_size();
    result.initializerBytesBefore = initializerBytes(g);
    const auto declared = g.output(); // the folding pass clears output shapes; the final inference merges these
    const detail::TensorSource source(model.summary().path);
    detail::FoldOptions foldOptions;
    foldOptions.maxElements = kFoldElements;
    const Result<detail::FoldResult> folded = detail::foldAndInfer(proto, foldOptions, &source);
    if (!folded.ok())
        return folded.error();
    Rewriter(g, proto.ir_version(), folded.value(), result).run();
    *g.mutable_output() = declared;
    g.clear_value_info();
    const Result<detail::FoldResult> final = detail::inferIntoModel(proto, &source);
    if (!final.ok())
        return final.error();
    result.nodesAfter = g.node_size();
    result.initializersAfter = g.initializer_size();
    result.initializerBytesAfter = initializerBytes(g);
    const InferenceResult verdict = detail::describeShapes(proto, final.value());
    QStringList warnings = verdict.warnings;
    Result<SurgeryResult> written = detail::checkAndWrite(proto, model, outPath, &warnings);
    if (!written.ok())
        return written.error();
    result.written = std::move(written).value();
    result.written.warnings = warnings;
    result.written.stillDynamic = verdict.stillDynamic;
    result.written.unknownShapes = verdict.unknownShapes;
    if (options.compare) {
        result.comparison = compare(model.summary().path, result.written.path, options);
        QStringList failed;
        for (const TensorAccuracy& a : result.comparison.outputs) {
            if (!a.pass)
                failed.append(a.problem.isEmpty() ? QStringLiteral("'%1' (max abs error %2, cosine %3)")
                                                        .arg(a.name)
                                                        .arg(a.maxAbs, 0, 'g', 3)
                                                        .arg(a.cosine, 0, 'g', 7)
                                                  : QStringLiteral("'%1' (%2)").arg(a.name, a.problem));
        }
        if (result.comparison.ran && (!failed.isEmpty() || !result.comparison.reason.isEmpty())) {
            QFile::remove(result.written.path);
            if (!result.written.dataPath.isEmpty())
                QFile::remove(result.written.dataPath);
            return detail::surgeryError(QStringLiteral("not_equal"),
                QStringLiteral("The simplified model does not compute what the original does, so it was not kept: %1. "
                               "Please report this with the model.")
                    .arg(failed.isEmpty() ? result.comparison.reason
                                          : QStringLiteral("output(s) ") + failed.join(QStringLiteral(", "))));
        }
    }
    log::onnx()->info("Simplified {}: {} -> {} nodes ({} folded), {}", model.summary().path, result.nodesBefore,
        result.nodesAfter, result.folded, result.comparison.summary());
    return result;
}

QJsonObject simplifyResultToJson(const SimplifyResult& r)
{
    QJsonArray inputs, outputs, compared;
    for (const TensorInfo& t : r.written.summary.inputs)
        inputs.append(tensorToJson(t));
    for (const TensorInfo& t : r.written.summary.outputs)
        outputs.append(tensorToJson(t));
    const auto number = [](double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null); };
    for (const TensorAccuracy& a : r.comparison.outputs)
        compared.append(
            QJsonObject { { QStringLiteral("name"), a.name }, { QStringLiteral("max_abs"), number(a.maxAbs) },
                { QStringLiteral("cosine"), number(a.cosine) }, { QStringLiteral("pass"), a.pass } });
    QJsonObject comparison { { QStringLiteral("ran"), r.comparison.ran } };
    if (r.comparison.ran) {
        comparison.insert(QStringLiteral("identical"), r.comparison.identical);
        comparison.insert(QStringLiteral("max_abs_error"), number(r.comparison.maxAbsError));
        comparison.insert(QStringLiteral("min_cosine"), number(r.comparison.minCosine));
        comparison.insert(QStringLiteral("outputs"), compared);
    } else {
        comparison.insert(QStringLiteral("reason"), r.comparison.reason);
    }
    return QJsonObject {
        { QStringLiteral("path"), r.written.path },
        { QStringLiteral("data_path"),
            r.written.dataPath.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.written.dataPath) },
        { QStringLiteral("nodes_before"), r.nodesBefore },
        { QStringLiteral("nodes_after"), r.nodesAfter },
        { QStringLiteral("folded"), r.folded },
        { QStringLiteral("removed"), r.removedIdentity + r.removedDead },
        { QStringLiteral("removed_identity"), r.removedIdentity },
        { QStringLiteral("removed_dead"), r.removedDead },
        { QStringLiteral("initializers_before"), r.initializersBefore },
        { QStringLiteral("initializers_after"), r.initializersAfter },
        { QStringLiteral("initializer_bytes_before"), r.initializerBytesBefore },
        { QStringLiteral("initializer_bytes_after"), r.initializerBytesAfter },
        { QStringLiteral("inputs"), inputs },
        { QStringLiteral("outputs"), outputs },
        { QStringLiteral("still_dynamic"), QJsonArray::fromStringList(r.written.stillDynamic) },
        { QStringLiteral("unknown_shapes"), QJsonArray::fromStringList(r.written.unknownShapes) },
        { QStringLiteral("warnings"), QJsonArray::fromStringList(r.written.warnings) },
        { QStringLiteral("comparison"), comparison },
    };
}

} // namespace wb
