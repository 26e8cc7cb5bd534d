#include "graphscene.h"

#include <QImage>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace wb {

using graph::Category;
using graph::Item;

void GraphScene::set(graph::GraphDocumentPtr document, graph::GraphLayout laidOut)
{
    doc = std::move(document);
    layout = std::move(laidOut);
    items.build(layout.layout.nodes);
    std::vector<QRectF> bounds;
    bounds.reserve(layout.layout.edges.size());
    for (const QList<QPointF>& route : layout.layout.edges) {
        QRectF r;
        for (const QPointF& p : route)
            r = r.isNull() ? QRectF(p, QSizeF(0.1, 0.1)) : r.united(QRectF(p, QSizeF(0.1, 0.1)));
        bounds.push_back(r);
    }
    edges.build(bounds);
}

QRectF GraphScene::bounds() const
{
    return QRectF(0, 0, layout.layout.width, layout.layout.height);
}

int GraphScene::itemAt(const QPointF& scenePos) const
{
    const std::vector<int> hits = items.query(QRectF(scenePos - QPointF(1, 1), QSizeF(2, 2)));
    for (int i : hits) {
        if (layout.layout.nodes[size_t(i)].contains(scenePos))
            return i;
    }
    return -1;
}

namespace {

QColor severityColor(int severity)
{
    return severity >= 2 ? QColor(0xd3, 0x2f, 0x2f)
        : severity == 1  ? QColor(0xf5, 0x9e, 0x0b)
                         : QColor(0x1e, 0x88, 0xe5);
}

void drawArrow(QPainter& p, const QPointF& from, const QPointF& to, double size)
{
    const QPointF d = to - from;
    const double len = std::hypot(d.x(), d.y());
    if (len < 1e-6)
        return;
    const QPointF u = d / len, n(-u.y(), u.x());
    const QPointF base = to - u * size;
    const QPointF tri[3] = { to, base + n * size * 0.45, base - n * size * 0.45 };
    p.drawPolygon(tri, 3);
}

} // namespace

void paintScene(QPainter& p, const GraphScene& scene, const QRectF& area, double scale, const RenderState& state)
{
    if (scene.isEmpty())
        return;
    const auto& L = scene.layout;
    const bool text = scale >= 0.45;
    const bool detailedEdges = scale >= 0.2;
    p.setRenderHint(QPainter::Antialiasing, scale >= 0.3);

    // Edges first, under the boxes.
    QPen edgePen(QColor(0x88, 0x88, 0x88), 1.2 / std::max(scale, 0.05));
    edgePen.setCosmetic(false);
    p.setPen(edgePen);
    p.setBrush(QColor(0x66, 0x66, 0x66));
    QFont small = p.font();
    small.setPointSizeF(7.5);
    for (int e : scene.edges.query(area)) {
        const QList<QPointF>& route = L.layout.edges[size_t(e)];
        if (route.size() < 2)
            continue;
        if (detailedEdges) {
            p.setBrush(Qt::NoBrush);
            p.drawPolyline(route.constData(), int(route.size()));
            p.setBrush(QColor(0x66, 0x66, 0x66));
            p.setPen(Qt::NoPen);
            drawArrow(p, route.at(route.size() - 2), route.last(), 7);
            p.setPen(edgePen);
        } else {
            p.drawLine(route.first(), route.last());
        }
    }
    if (text && scale >= 0.7) {
        p.setFont(small);
        p.setPen(state.onDark ? QColor(0xb0, 0xb0, 0xb0) : QColor(0x55, 0x55, 0x55)); // edge labels
        for (int e : scene.edges.query(area)) {
            const QList<QPointF>& route = L.layout.edges[size_t(e)];
            const QString& shape = L.visible.edges.at(e).shape;
            if (route.size() >= 2 && !shape.isEmpty())
                p.drawText((route.at(0) + route.at(1)) / 2 + QPointF(5, 3), shape);
        }
    }

    QFont bold = p.font();
    bold.setPointSizeF(9);
    bold.setBold(true);
    QFont normal = bold;
    normal.setBold(false);
    normal.setPointSizeF(7.5);
    for (int i : scene.items.query(area)) {
        const Item& item = L.visible.items.at(i);
        const QRectF r = L.layout.nodes[size_t(i)];
        const bool pill = item.category == Category::Input || item.category == Category::Output;
        const bool scope = item.kind == Item::Kind::Scope;
        const graph::BoxColors colors = graph::boxColors(item);
        QColor fill(colors.fill);
        const auto overrideFill = state.fills.constFind(i);
        const bool filled = overrideFill != state.fills.cend();
        if (filled)
            fill = *overrideFill;
        const bool hit = state.hits.contains(i);
        QPen border(QColor(colors.border), 0.8);
        if (scope)
            border.setStyle(Qt::DashLine);
        const auto sev = state.severity.constFind(i);
        if (sev != state.severity.cend())
            border = QPen(severityColor(*sev), 3);
        if (hit)
            border = QPen(QColor(0x00, 0xa0, 0xe0), i == state.currentHit ? 4 : 2.5);
        if (i == state.selected) // the selection ring contrasts with the canvas, light or dark
            border = QPen(state.onDark ? QColor(0xf0, 0xf0, 0xf0) : QColor(0x10, 0x10, 0x10), 3, Qt::SolidLine);
        p.setPen(border);
        p.setBrush(fill);
        const double radius = pill ? r.height() / 2 : 5;
        p.drawRoundedRect(r, radius, radius);
        if (sev != state.severity.cend() && text) {
            // A badge in the corner: "!" for warnings and errors, "i" for info.
            const QRectF badge(r.right() - 9, r.top() - 7, 16, 16);
            p.setPen(Qt::NoPen);
            p.setBrush(severityColor(*sev));
            p.drawEllipse(badge);
            p.setPen(Qt::white);
            p.setFont(bold);
            p.drawText(badge, Qt::AlignCenter, *sev >= 1 ? QStringLiteral("!") : QStringLiteral("i"));
        }
        if (!text)
            continue;
        // A fill from an overlay (engine, share of time) picks the ink that reads on it.
        const QColor ink = !filled                     ? QColor(colors.ink)
            : pill || scope || fill.lightnessF() > 0.6 ? QColor(0x20, 0x20, 0x20)
                                                       : QColor(Qt::white);
        p.setPen(ink);
        p.setFont(bold);
        if (item.subtitle.isEmpty()) {
            p.drawText(r, Qt::AlignCenter, item.title);
        } else {
            p.drawText(QRectF(r.x(), r.y() + 3, r.width(), r.height() / 2), Qt::AlignCenter, item.title);
            p.setFont(normal);
            p.drawText(
                QRectF(r.x(), r.center().y() - 1, r.width(), r.height() / 2 - 2), Qt::AlignCenter, item.subtitle);
        }
        if (item.kind == Item::Kind::Node && item.node >= 0) {
            const int folded = int(scene.doc->nodes().at(item.node).folded.size());
            if (folded > 0) {
                // Folded weights and constants: a small count badge at the left edge.
                const QRectF badge(r.left() - 6, r.top() - 6, 14, 14);
                p.setPen(QColor(0x33, 0x33, 0x33));
                p.setBrush(QColor(0xff, 0xff, 0xff));
                p.drawRoundedRect(badge, 3, 3);
                p.setFont(normal);
                p.drawText(badge, Qt::AlignCenter, QString::number(folded));
            }
        }
    }
}

QImage renderScene(const GraphScene& scene, double scale, const RenderState& state, int maxSide)
{
    const QRectF b = scene.bounds().adjusted(-20, -20, 20, 20);
    scale = std::min(scale, double(maxSide) / std::max(b.width(), b.height()));
    QImage image(
        QSize(std::max(1, int(b.width() * scale)), std::max(1, int(b.height() * scale))), QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    p.scale(scale, scale);
    p.translate(-b.topLeft());
    RenderState onWhite = state;
    onWhite.onDark = false;
    paintScene(p, scene, b, scale, onWhite);
    return image;
}

} // namespace wb
