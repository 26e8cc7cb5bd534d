#pragma once

#include "graph/spatialindex.h"
#include "graph/visiblegraph.h"

#include <QColor>
#include <QHash>
#include <QSet>

class QPainter;
class QImage;

namespace wb {

// A laid-out graph ready to draw: the document, the layout and spatial indexes for culling.
struct GraphScene {
    graph::GraphDocumentPtr doc;
    graph::GraphLayout layout;
    graph::SpatialIndex items;
    graph::SpatialIndex edges;

    void set(graph::GraphDocumentPtr document, graph::GraphLayout laidOut);
    QRectF bounds() const;
    bool isEmpty() const { return !doc || layout.visible.items.isEmpty(); }
    int itemAt(const QPointF& scenePos) const;
};

// What is highlighted: selection, search hits, overlay severities (0 info, 1 warning, 2 error) per item.
struct RenderState {
    int selected = -1;
    QSet<int> hits;
    int currentHit = -1;
    QHash<int, int> severity;
    QHash<int, QColor> fills; // per item: a fill instead of the op category's (engine, share of time, ...)
    bool onDark = false; // drawn on a dark background (the view on a dark palette; exports are always on white)
};

// Draws the visible part of a scene at a scale; detail drops as the scale does (no text below 45 %, straight
// edges below 20 %), so a frame costs what is on screen, not the whole graph.
void paintScene(QPainter& painter, const GraphScene& scene, const QRectF& area, double scale, const RenderState& state);
// The whole scene as an image (export). Scale is reduced so neither side exceeds maxSide pixels.
QImage renderScene(const GraphScene& scene, double scale, const RenderState& state, int maxSide = 16384);

} // namespace wb
