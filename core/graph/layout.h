#pragma once

#include <QList>
#include <QPointF>
#include <QRectF>

#include <atomic>
#include <vector>

namespace wb::graph {

// A directed graph to lay out: node sizes and edges between node indexes. Pure data, no Qt widgets.
struct LayoutGraph {
    struct Edge {
        int from;
        int to;
    };
    std::vector<QSizeF> sizes;
    std::vector<Edge> edges;
};

struct LayoutOptions {
    enum class Direction { TopToBottom, LeftToRight };
    Direction direction = Direction::TopToBottom;
    double nodeSpacing = 24; // between neighbours in a layer
    double layerSpacing = 56; // between layers
    int maxSweeps = 12; // crossing-reduction budget (down+up sweeps)
    qint64 sweepBudgetMs = 120; // and a time budget for them
};

struct LayoutResult {
    std::vector<QRectF> nodes; // one rect per input node, in layout units
    std::vector<QList<QPointF>> edges; // one polyline per input edge (empty for self loops)
    std::vector<int> rank; // layer of each node
    int layers = 0;
    qint64 crossings = 0; // edge crossings between adjacent layers, dummy segments included
    double width = 0;
    double height = 0;
    double totalEdgeLength = 0;
    bool cancelled = false;
};

// Layered (Sugiyama-style) layout: cycle breaking by DFS, longest-path ranking with sources pulled down to their
// consumers, dummy nodes on long edges, median/barycenter sweeps with transposition and a budget (the best order
// seen is kept), then coordinates by iterated median placement with order-preserving compaction, and polyline
// routes through the dummies. Deterministic. `cancel` is checked between phases and sweeps.
LayoutResult layoutGraph(
    const LayoutGraph& graph, const LayoutOptions& options = {}, const std::atomic<bool>* cancel = nullptr);

// Number of crossings between two adjacent layers (positions are orders within each layer).
qint64 countCrossings(const std::vector<std::pair<int, int>>& segments, int lowerLayerSize);

} // namespace wb::graph
