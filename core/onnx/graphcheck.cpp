#include "graphutil_p.h"
#include "onnxproto_p.h"
#include "summarise_p.h"
#include "util/safepath.h"
#include "wirestrip_p.h"

#include <QDir>
#include <QFileInfo>

#include <QCoreApplication>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace wb {
namespace {
// The context of these texts in translations/*.ts (core translates with Qt Core alone).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ModelCheck)
};
} // namespace
} // namespace wb

namespace wb::detail {

namespace {

using NameSet = std::unordered_set<std::string_view>;

// "'name' (Op)" for a named node, the label ("Op#3") otherwise: how the graph checks name a node.
QString quotedNode(const onnx::NodeProto& node, int index)
{
    return node.name().empty() ? nodeLabel(node, index)
                               : QStringLiteral("'%1' (%2)").arg(qs(node.name()), qs(node.op_type()));
}

class GraphChecker {
public:
    explicit GraphChecker(GraphProblems& problems)
        : m_problems(problems)
    {
    }

    void check(const onnx::GraphProto& g, const NameSet& outer, const QString& where)
    {
        NameSet available = outer;
        for (const auto& vi : g.input())
            available.insert(vi.name());
        for (const auto& t : g.initializer())
            available.insert(t.name());
        for (const auto& st : g.sparse_initializer())
            available.insert(st.values().name());

        // Who produces what, so a missing input can be told apart from one produced later.
        std::unordered_map<std::string_view, int> producer;
        for (int i = 0; i < g.node_size(); ++i) {
            for (const auto& out : g.node(i).output()) {
                if (out.empty())
                    continue;
                auto [it, inserted] = producer.emplace(out, i);
                if (!inserted) {
                    error(
                        Tr::tr("%1: tensor '%2' is produced by both node %3 and node %4.")
                            .arg(where, qs(out), quotedNode(g.node(it->second), it->second), quotedNode(g.node(i), i)));
                }
            }
        }

        bool reportedOrder = false;
        for (int i = 0; i < g.node_size(); ++i) {
            const onnx::NodeProto& node = g.node(i);
            for (const auto& in : node.input()) {
                if (in.empty() || available.count(in))
                    continue;
                const auto it = producer.find(in);
                if (it == producer.end()) {
                    error(Tr::tr("%1: node %2 reads tensor '%3', which no node, input or initializer "
                                 "provides.")
                              .arg(where, quotedNode(node, i), qs(in)));
                } else if (!reportedOrder) {
                    reportedOrder = true;
                    m_problems.warnings.append(
                        Tr::tr("%1: nodes are not in topological order (node %2 reads '%3' before node "
                               "%4 produces it). ONNX Runtime runs such models, but the ONNX checker "
                               "rejects them.")
                            .arg(where, quotedNode(node, i), qs(in), quotedNode(g.node(it->second), it->second)));
                }
            }
            NameSet visibleToSubgraph;
            bool hasSubgraph = false;
            for (const auto& attr : node.attribute())
                hasSubgraph = hasSubgraph || attr.has_g() || attr.graphs_size() > 0;
            if (hasSubgraph) {
                visibleToSubgraph = available;
                for (const auto& [name, index] : producer)
                    visibleToSubgraph.insert(name); // outer-scope values may be produced anywhere in the graph
                for (const auto& attr : node.attribute()) {
                    const QString sub = QStringLiteral("%1 > %2.%3").arg(where, quotedNode(node, i), qs(attr.name()));
                    if (attr.has_g())
                        check(attr.g(), visibleToSubgraph, sub);
                    for (const auto& g2 : attr.graphs())
                        check(g2, visibleToSubgraph, sub);
                }
            }
            for (const auto& out : node.output()) {
                if (!out.empty())
                    available.insert(out);
            }
        }
        for (const auto& out : g.output()) {
            if (!available.count(out.name()))
                error(Tr::tr("%1: graph output '%2' is not produced by any node.").arg(where, qs(out.name())));
        }
    }

private:
    void error(const QString& text)
    {
        if (m_problems.errors.size() < 20)
            m_problems.errors.append(text);
    }

    GraphProblems& m_problems;
};

} // namespace

GraphProblems checkGraphs(const onnx::ModelProto& model)
{
    GraphProblems problems;
    GraphChecker(problems).check(model.graph(), {}, Tr::tr("main graph"));
    return problems;
}

QStringList checkExternalData(const onnx::ModelProto& model, const QString& modelDir)
{
    std::vector<const onnx::TensorProto*> tensors;
    forEachTensor(model.graph(), [&](const onnx::TensorProto& t) {
        if (t.data_location() == onnx::TensorProto_DataLocation_EXTERNAL)
            tensors.push_back(&t);
    });
    QStringList problems;
    QHash<QString, qint64> fileSizes;
    const QDir dir(modelDir);
    for (const onnx::TensorProto* t : tensors) {
        const ExternalDataRef ref = readExternalData(*t);
        const QString location = qs(ref.location);
        const qint64 offset = qMax<qint64>(ref.offset, 0);
        const qint64 length = ref.length;
        const QString tensor = qs(t->name());
        if (location == QLatin1String(kInlineLocation))
            continue;
        if (!ref.ok()) {
            problems.append(ref.problem(tensor));
            continue;
        }
        if (location.isEmpty()) {
            problems.append(Tr::tr("Tensor '%1' is marked external but names no location.").arg(tensor));
            continue;
        }
        if (QDir::isAbsolutePath(location) || QDir::cleanPath(location).startsWith(QLatin1String(".."))) {
            problems.append(Tr::tr("Tensor '%1' points outside the model's folder ('%2'); ONNX only "
                                   "allows paths relative to the model.")
                                .arg(tensor, location));
            continue;
        }
        const QString file = dir.filePath(location);
        constexpr qint64 kMissing = -1;
        constexpr qint64 kLeadsOutside = -2; // a symlink beside the model that resolves out of its folder
        auto it = fileSizes.find(file);
        if (it == fileSizes.end()) {
            const QFileInfo info(file);
            const qint64 size = !info.isFile() || !info.isReadable() ? kMissing
                : !resolvesInside(file, modelDir)                    ? kLeadsOutside
                                                                     : info.size();
            it = fileSizes.insert(file, size);
        }
        if (it.value() == kLeadsOutside) {
            problems.append(Tr::tr("Tensor '%1' keeps its data in '%2', a symlink that leads outside the "
                                   "model's folder (to %3); ONNX only allows files inside it. Copy the "
                                   "weights file next to the model.")
                                .arg(tensor, QDir::toNativeSeparators(file),
                                    QDir::toNativeSeparators(QFileInfo(file).canonicalFilePath())));
        } else if (it.value() < 0) {
            problems.append(Tr::tr("Tensor '%1' keeps its data in '%2', which is missing or unreadable. "
                                   "Copy the weights file next to the model.")
                                .arg(tensor, QDir::toNativeSeparators(file)));
        } else if (length >= 0 && (offset > it.value() || length > it.value() - offset)) {
            problems.append(Tr::tr("Tensor '%1' needs bytes %2..%3 of '%4', but the file has only %5 "
                                   "bytes: the weights file is truncated or belongs to another export.")
                                .arg(tensor)
                                .arg(offset)
                                .arg(offset + length)
                                .arg(QDir::toNativeSeparators(file))
                                .arg(it.value()));
        }
        if (problems.size() >= 20)
            break;
    }
    return problems;
}

} // namespace wb::detail
