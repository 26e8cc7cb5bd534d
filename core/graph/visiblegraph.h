#pragma once

#include "graph/graphdocument.h"
#include "graph/layout.h"

#include <QSet>

namespace wb::graph {

// Which scopes are folded into one box and which control-flow subgraphs are shown.
struct CollapseState {
    QSet<QString> collapsedScopes; // "/model.22/cv2"
    QSet<int> expandedSubgraphs; // indexes of If/Loop/Scan nodes whose bodies are drawn

    // Collapses every scope deeper than `depth` (depth 0 collapses top-level scopes; negative: none).
    static CollapseState atDepth(const GraphDocument& doc, int depth);
};

// One box to draw: an ONNX node, a graph input/output, or a collapsed scope.
struct Item {
    enum class Kind { Node, Scope };
    Kind kind = Kind::Node;
    int node = -1; // for Kind::Node
    QString scope; // for Kind::Scope: "/a/b"
    int memberCount = 0; // for Kind::Scope
    Category category = Category::Other;
    QString title; // op type, tensor name, or scope path
    QString subtitle; // short node name, or "12 nodes"
    QSizeF size;
};

struct ItemEdge {
    int from;
    int to;
    QString tensor;
    QString shape;
};

struct VisibleGraph {
    QList<Item> items;
    QList<ItemEdge> edges;
    QList<int> itemOfNode; // document node -> item drawing it (a scope box when collapsed), -1 when hidden
    int operatorBoxes = 0; // items drawing one operator node
    int scopeBoxes = 0;
};

VisibleGraph buildVisibleGraph(const GraphDocument& doc, const CollapseState& state);

struct GraphLayout {
    VisibleGraph visible;
    LayoutResult layout;
    double layoutMs = 0; // time spent in layoutGraph
};

GraphLayout layoutDocument(const GraphDocument& doc, const CollapseState& state, const LayoutOptions& options = {},
    const std::atomic<bool>* cancel = nullptr);

// A standalone SVG picture of a layout (boxes coloured by category, labels, edges with arrow heads, shapes on
// edges). Pure text, no GUI library needed.
QByteArray toSvg(const GraphLayout& layout);

// The colour the view and the SVG use for a category ("#rrggbb").
QString categoryColor(Category c);

// How the view and the SVG paint a box ("#rrggbb"): its fill (the category's colour; a scope is a light paper tone),
// the text on it (dark on the light pills and scopes, white on the rest) and its border (any form QColor reads). The
// one palette of boxes.
struct BoxColors {
    QString fill;
    QString ink;
    QString border;
};
BoxColors boxColors(const Item& item);

} // namespace wb::graph
