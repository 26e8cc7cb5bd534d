#pragma once

#include "onnx/onnxmodel.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace wb::graph {

// How a node is drawn; the view maps categories to colours.
enum class Category { Input, Output, Conv, Pool, Activation, Normalization, Math, Shape, ControlFlow, Custom, Other };
QString categoryName(Category c);
Category categoryOf(const QString& opType, const QString& domain);

struct Port {
    QString tensor;
    QString dtype;
    QString shape; // "[1, 3, 224, 224]", empty when unknown
};

// An initializer or Constant output a node reads: drawn as a badge on the node, not as a box.
struct FoldedInput {
    QString tensor;
    QString origin; // "initializer" or "Constant"
    QString dtype;
    QString shape;
};

struct Attribute {
    QString name;
    QString value; // formatted, shortened for large lists and tensors
};

struct Node {
    enum class Kind { Operator, Input, Output };
    Kind kind = Kind::Operator;
    QString name; // ONNX node name, or op_type#index when unnamed; tensor name for inputs/outputs
    QString opType;
    QString domain;
    Category category = Category::Other;
    QList<Port> inputs; // drawn edges and folded inputs alike, in ONNX order
    QList<Port> outputs;
    QList<FoldedInput> folded;
    QList<Attribute> attributes;
    QStringList scope; // "/model.22/cv2/conv/Conv" -> {"model.22", "cv2", "conv"}
    int parent = -1; // the control-flow node whose subgraph holds this node, -1 for the main graph
    QString subgraphAttribute; // "then_branch", "body", ... when parent >= 0
    int subgraphNodeCount = 0; // for control-flow nodes: nodes in their subgraphs (all levels)
};

struct Edge {
    int from;
    int to;
    QString tensor;
};

// What to draw for a model: operator nodes, graph inputs and outputs, tensors as edges. Constants and initializers
// are folded into their consumers; subgraph bodies are kept (with `parent` set) so the view can expand them.
class GraphDocument {
public:
    // `inferred` (tensor name -> type and shape, e.g. from shape inference) overrides what the model stores.
    static std::shared_ptr<const GraphDocument> build(
        const OnnxModel& model, const QHash<QString, TensorInfo>& inferred = {});

    const QList<Node>& nodes() const { return m_nodes; }
    const QList<Edge>& edges() const { return m_edges; }
    int foldedConstantCount() const { return m_foldedConstants; }
    int indexOf(const QString& nodeName) const { return m_byName.value(nodeName, -1); }
    // Node indexes whose name or op type contains `text` (case-insensitive), in document order.
    QList<int> search(const QString& text) const;

private:
    QList<Node> m_nodes;
    QList<Edge> m_edges;
    QHash<QString, int> m_byName;
    int m_foldedConstants = 0;
    friend class DocumentBuilder;
};

using GraphDocumentPtr = std::shared_ptr<const GraphDocument>;

} // namespace wb::graph
