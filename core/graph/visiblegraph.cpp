#include "visiblegraph.h"

#include <QElapsedTimer>
#include <QHash>

#include <algorithm>

namespace wb::graph {

namespace {

constexpr double kCharWidth = 7.0; // layout units per character at the view's 100 % font
constexpr double kNodeHeight = 40;
constexpr double kPillHeight = 28;

// The part of a node's name worth a second line: "/backbone/stage1/conv/Conv" -> "stage1/conv" (the last
// component usually repeats the op type).
QString shortName(const Node& n)
{
    QStringList parts = n.name.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parts.size() > 1 && parts.last().startsWith(n.opType, Qt::CaseInsensitive))
        parts.removeLast();
    while (parts.size() > 2)
        parts.removeFirst();
    QString s = parts.join(QLatin1Char('/'));
    if (s == n.opType)
        return {};
    return s.size() > 28 ? QStringLiteral("…") + s.right(27) : s;
}

QSizeF boxSize(const QString& title, const QString& subtitle, double height)
{
    const double chars = double(std::max(title.size(), std::min<qsizetype>(subtitle.size(), 28)));
    return { std::max(72.0, chars * kCharWidth + 24), height };
}

bool visibleInMain(const GraphDocument& doc, int index, const CollapseState& state)
{
    // A subgraph node is shown only when every enclosing control-flow node is expanded.
    for (int p = doc.nodes().at(index).parent; p >= 0; p = doc.nodes().at(p).parent) {
        if (!state.expandedSubgraphs.contains(p))
            return false;
    }
    return true;
}

QString collapsedScopeOf(const Node& n, const CollapseState& state)
{
    QString path;
    for (const QString& part : n.scope) {
        path += QLatin1Char('/') + part;
        if (state.collapsedScopes.contains(path))
            return path;
    }
    return {};
}

QString escapeXml(const QString& s)
{
    return s.toHtmlEscaped();
}

} // namespace

QString categoryColor(Category c)
{
    switch (c) {
    case Category::Input:
    case Category::Output:
        return QStringLiteral("#e0e0e0");
    case Category::Conv:
        return QStringLiteral("#4f7fbf");
    case Category::Pool:
        return QStringLiteral("#3f9f7f");
    case Category::Activation:
        return QStringLiteral("#b8553f");
    case Category::Normalization:
        return QStringLiteral("#6f5fa8");
    case Category::Math:
        return QStringLiteral("#5a6b7b");
    case Category::Shape:
        return QStringLiteral("#8a8a5c");
    case Category::ControlFlow:
        return QStringLiteral("#c08a1e");
    case Category::Custom:
        return QStringLiteral("#b0307a");
    case Category::Other:
        break;
    }
    return QStringLiteral("#707070");
}

BoxColors boxColors(const Item& item)
{
    const bool scope = item.kind == Item::Kind::Scope;
    const bool pill = item.category == Category::Input || item.category == Category::Output;
    return { scope ? QStringLiteral("#f4f1e8") : categoryColor(item.category),
        pill || scope ? QStringLiteral("#202020") : QStringLiteral("white"), QStringLiteral("#333") };
}

CollapseState CollapseState::atDepth(const GraphDocument& doc, int depth)
{
    CollapseState state;
    if (depth < 0)
        return state;
    for (const Node& n : doc.nodes()) {
        if (n.scope.size() <= depth)
            continue;
        QString path;
        for (int i = 0; i <= depth; ++i)
            path += QLatin1Char('/') + n.scope.at(i);
        state.collapsedScopes.insert(path);
    }
    return state;
}

VisibleGraph buildVisibleGraph(const GraphDocument& doc, const CollapseState& state)
{
    VisibleGraph v;
    const QList<Node>& nodes = doc.nodes();
    v.itemOfNode.fill(-1, nodes.size());
    QHash<QString, int> scopeItem;
    for (int i = 0; i < nodes.size(); ++i) {
        const Node& n = nodes.at(i);
        if (!visibleInMain(doc, i, state))
            continue;
        const QString scope = n.kind == Node::Kind::Operator ? collapsedScopeOf(n, state) : QString();
        if (!scope.isEmpty()) {
            auto it = scopeItem.find(scope);
            if (it == scopeItem.end()) {
                Item item;
                item.kind = Item::Kind::Scope;
                item.scope = scope;
                item.category = Category::Other;
                item.title = scope;
                it = scopeItem.insert(scope, static_cast<int>(v.items.size()));
                v.items.append(item);
                ++v.scopeBoxes;
            }
            ++v.items[*it].memberCount;
            v.itemOfNode[i] = *it;
            continue;
        }
        Item item;
        item.node = i;
        item.category = n.category;
        item.title = n.kind == Node::Kind::Operator ? n.opType : n.name;
        item.subtitle = n.kind == Node::Kind::Operator ? shortName(n) : QString();
        if (n.kind == Node::Kind::Operator && n.subgraphNodeCount > 0)
            item.subtitle = QStringLiteral("%1 · %2 inner nodes").arg(item.subtitle).arg(n.subgraphNodeCount);
        item.size = boxSize(item.title, item.subtitle, n.kind == Node::Kind::Operator ? kNodeHeight : kPillHeight);
        v.itemOfNode[i] = static_cast<int>(v.items.size());
        v.items.append(item);
        if (n.kind == Node::Kind::Operator)
            ++v.operatorBoxes;
    }
    for (Item& item : v.items) {
        if (item.kind == Item::Kind::Scope) {
            item.subtitle = QStringLiteral("%1 nodes (collapsed)").arg(item.memberCount);
            item.size = boxSize(item.title, item.subtitle, kNodeHeight + 8);
        }
    }
    QSet<quint64> seen;
    auto addEdge = [&](int a, int b, const QString& tensor, const QString& shape) {
        if (a < 0 || b < 0 || a == b)
            return;
        const quint64 key = (quint64(quint32(a)) << 32) | quint32(b);
        if (seen.contains(key))
            return;
        seen.insert(key);
        v.edges.append({ a, b, tensor, shape });
    };
    QHash<QString, QString> shapes;
    for (const Node& n : nodes) {
        for (const Port& p : n.outputs)
            shapes.insert(p.tensor, p.shape);
    }
    for (const Edge& e : doc.edges())
        addEdge(v.itemOfNode.value(e.from, -1), v.itemOfNode.value(e.to, -1), e.tensor, shapes.value(e.tensor));
    // An expanded body hangs below its control-flow node: every body node fed by nothing else in its own body gets
    // an edge from the control-flow node (edges from the enclosing graph do not count).
    QSet<int> hasIncoming;
    for (const Edge& e : doc.edges()) {
        const int a = v.itemOfNode.value(e.from, -1), b = v.itemOfNode.value(e.to, -1);
        if (a >= 0 && b >= 0 && nodes.at(e.from).parent == nodes.at(e.to).parent)
            hasIncoming.insert(b);
    }
    for (int i = 0; i < nodes.size(); ++i) {
        const int item = v.itemOfNode.value(i, -1);
        if (item >= 0 && nodes.at(i).parent >= 0 && !hasIncoming.contains(item))
            addEdge(v.itemOfNode.value(nodes.at(i).parent, -1), item, nodes.at(i).subgraphAttribute, QString());
    }
    return v;
}

GraphLayout layoutDocument(
    const GraphDocument& doc, const CollapseState& state, const LayoutOptions& options, const std::atomic<bool>* cancel)
{
    GraphLayout result;
    result.visible = buildVisibleGraph(doc, state);
    LayoutGraph g;
    g.sizes.reserve(size_t(result.visible.items.size()));
    for (const Item& item : result.visible.items)
        g.sizes.push_back(item.size);
    for (const ItemEdge& e : result.visible.edges)
        g.edges.push_back({ e.from, e.to });
    QElapsedTimer timer;
    timer.start();
    result.layout = layoutGraph(g, options, cancel);
    result.layoutMs = double(timer.nsecsElapsed()) / 1e6;
    return result;
}

QByteArray toSvg(const GraphLayout& l)
{
    const double margin = 20;
    QString svg;
    svg.reserve(1 << 16);
    svg += QStringLiteral(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%1\" height=\"%2\" viewBox=\"%3 %3 %1 %2\" "
        "font-family=\"DejaVu Sans, sans-serif\" font-size=\"11\">\n")
               .arg(l.layout.width + 2 * margin)
               .arg(l.layout.height + 2 * margin)
               .arg(-margin);
    svg += QStringLiteral(
        "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
        "markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#666\"/></marker></defs>\n"
        "<rect x=\"-20\" y=\"-20\" width=\"100%\" height=\"100%\" fill=\"white\"/>\n<g fill=\"none\" "
        "stroke=\"#888\" stroke-width=\"1.2\">\n");
    for (int e = 0; e < l.visible.edges.size(); ++e) {
        const QList<QPointF>& pts = l.layout.edges[size_t(e)];
        if (pts.size() < 2)
            continue;
        QStringList coords;
        for (const QPointF& p : pts)
            coords.append(QStringLiteral("%1,%2").arg(p.x(), 0, 'f', 1).arg(p.y(), 0, 'f', 1));
        svg += QStringLiteral("<polyline points=\"%1\" marker-end=\"url(#arrow)\"/>\n")
                   .arg(coords.join(QLatin1Char(' ')));
    }
    svg += QStringLiteral("</g>\n<g fill=\"#555\" font-size=\"9\">\n");
    for (int e = 0; e < l.visible.edges.size(); ++e) {
        const QList<QPointF>& pts = l.layout.edges[size_t(e)];
        const QString& shape = l.visible.edges.at(e).shape;
        if (pts.size() < 2 || shape.isEmpty())
            continue;
        const QPointF mid = (pts.at(0) + pts.at(1)) / 2;
        svg += QStringLiteral("<text x=\"%1\" y=\"%2\">%3</text>\n")
                   .arg(mid.x() + 4, 0, 'f', 1)
                   .arg(mid.y(), 0, 'f', 1)
                   .arg(escapeXml(shape));
    }
    svg += QStringLiteral("</g>\n");
    for (int i = 0; i < l.visible.items.size(); ++i) {
        const Item& item = l.visible.items.at(i);
        const QRectF r = l.layout.nodes[size_t(i)];
        const bool pill = item.category == Category::Input || item.category == Category::Output;
        const BoxColors colors = boxColors(item);
        svg += QStringLiteral(
            "<g><rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" rx=\"%5\" fill=\"%6\" stroke=\"%7\" "
            "stroke-width=\"%8\"/>\n")
                   .arg(r.x(), 0, 'f', 1)
                   .arg(r.y(), 0, 'f', 1)
                   .arg(r.width(), 0, 'f', 1)
                   .arg(r.height(), 0, 'f', 1)
                   .arg(pill ? r.height() / 2 : 5)
                   .arg(colors.fill, colors.border)
                   .arg(item.kind == Item::Kind::Scope ? QStringLiteral("1.5\" stroke-dasharray=\"4 3")
                                                       : QStringLiteral("0.8"));
        const double titleY = item.subtitle.isEmpty() ? r.center().y() + 4 : r.y() + 16;
        svg += QStringLiteral(
            "<text x=\"%1\" y=\"%2\" text-anchor=\"middle\" fill=\"%3\" font-weight=\"bold\">%4</text>\n")
                   .arg(r.center().x(), 0, 'f', 1)
                   .arg(titleY, 0, 'f', 1)
                   .arg(colors.ink, escapeXml(item.title));
        if (!item.subtitle.isEmpty())
            svg += QStringLiteral(
                "<text x=\"%1\" y=\"%2\" text-anchor=\"middle\" fill=\"%3\" font-size=\"9\">%4</text>\n")
                       .arg(r.center().x(), 0, 'f', 1)
                       .arg(r.y() + 31, 0, 'f', 1)
                       .arg(colors.ink, escapeXml(item.subtitle));
        svg += QStringLiteral("</g>\n");
    }
    svg += QStringLiteral("</svg>\n");
    return svg.toUtf8();
}

} // namespace wb::graph
