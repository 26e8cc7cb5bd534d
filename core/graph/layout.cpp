#include "layout.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace wb::graph {

namespace {

constexpr double kDummyWidth = 6;
constexpr double kDummyWeight = 4; // long edges pull harder, so they come out straight

// Vertices of the layered graph: the real nodes first, then dummies on long edges.
struct Layered {
    int realCount = 0;
    std::vector<int> rank;
    std::vector<double> width;
    std::vector<double> height;
    std::vector<std::vector<int>> up; // neighbours one layer above
    std::vector<std::vector<int>> down; // neighbours one layer below
    std::vector<std::vector<int>> layers; // vertex order per layer
    std::vector<int> pos; // index of each vertex within its layer
    std::vector<std::vector<int>> chains; // per layout edge: vertices from source to target
    std::vector<int> edgeOf; // input edge -> chain index (-1 for self loops)
    std::vector<bool> reversed; // per chain
};

bool cancelled(const std::atomic<bool>* cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

// Ranks by longest path on the graph made acyclic by reversing DFS back edges; sources move down next to their
// first consumer so that graph inputs and constants do not drag long edges from the top.
void rankNodes(const LayoutGraph& g, Layered& L, std::vector<std::pair<int, int>>& dagEdges)
{
    const int n = static_cast<int>(g.sizes.size());
    std::vector<std::vector<int>> out(static_cast<size_t>(n));
    for (const auto& e : g.edges) {
        if (e.from != e.to)
            out[static_cast<size_t>(e.from)].push_back(e.to);
    }
    // Iterative DFS to find back edges.
    std::vector<int> state(static_cast<size_t>(n), 0); // 0 new, 1 on stack, 2 done
    std::vector<std::pair<int, size_t>> stack;
    std::vector<std::pair<int, int>> backEdges;
    for (int root = 0; root < n; ++root) {
        if (state[static_cast<size_t>(root)] != 0)
            continue;
        stack.push_back({ root, 0 });
        state[static_cast<size_t>(root)] = 1;
        while (!stack.empty()) {
            auto& [v, next] = stack.back();
            const auto& succ = out[static_cast<size_t>(v)];
            if (next < succ.size()) {
                const int w = succ[next++];
                if (state[static_cast<size_t>(w)] == 0) {
                    state[static_cast<size_t>(w)] = 1;
                    stack.push_back({ w, 0 });
                } else if (state[static_cast<size_t>(w)] == 1) {
                    backEdges.push_back({ v, w });
                }
            } else {
                state[static_cast<size_t>(v)] = 2;
                stack.pop_back();
            }
        }
    }
    std::sort(backEdges.begin(), backEdges.end());
    dagEdges.clear();
    for (const auto& e : g.edges) {
        if (e.from == e.to)
            continue;
        const bool back = std::binary_search(backEdges.begin(), backEdges.end(), std::pair { e.from, e.to });
        dagEdges.push_back(back ? std::pair { e.to, e.from } : std::pair { e.from, e.to });
    }
    std::vector<std::vector<int>> succ(static_cast<size_t>(n)), pred(static_cast<size_t>(n));
    std::vector<int> indegree(static_cast<size_t>(n), 0);
    for (const auto& [a, b] : dagEdges) {
        succ[static_cast<size_t>(a)].push_back(b);
        pred[static_cast<size_t>(b)].push_back(a);
        ++indegree[static_cast<size_t>(b)];
    }
    std::vector<int> order;
    order.reserve(static_cast<size_t>(n));
    for (int v = 0; v < n; ++v) {
        if (indegree[static_cast<size_t>(v)] == 0)
            order.push_back(v);
    }
    for (size_t i = 0; i < order.size(); ++i) {
        for (int w : succ[static_cast<size_t>(order[i])]) {
            if (--indegree[static_cast<size_t>(w)] == 0)
                order.push_back(w);
        }
    }
    L.rank.assign(static_cast<size_t>(n), 0);
    for (int v : order) {
        for (int w : succ[static_cast<size_t>(v)])
            L.rank[static_cast<size_t>(w)]
                = std::max(L.rank[static_cast<size_t>(w)], L.rank[static_cast<size_t>(v)] + 1);
    }
    for (int v = 0; v < n; ++v) {
        if (!pred[static_cast<size_t>(v)].empty() || succ[static_cast<size_t>(v)].empty())
            continue;
        int lowest = INT_MAX;
        for (int w : succ[static_cast<size_t>(v)])
            lowest = std::min(lowest, L.rank[static_cast<size_t>(w)]);
        L.rank[static_cast<size_t>(v)] = lowest - 1;
    }
}

void buildLayers(const LayoutGraph& g, const std::vector<std::pair<int, int>>& dagEdges, Layered& L, bool transposed)
{
    const int n = static_cast<int>(g.sizes.size());
    L.realCount = n;
    for (int v = 0; v < n; ++v) {
        const QSizeF s = g.sizes[static_cast<size_t>(v)];
        L.width.push_back(transposed ? s.height() : s.width());
        L.height.push_back(transposed ? s.width() : s.height());
    }
    L.up.assign(static_cast<size_t>(n), {});
    L.down.assign(static_cast<size_t>(n), {});
    // One chain per distinct (from, to) pair; parallel edges share it.
    std::vector<std::pair<std::pair<int, int>, int>> seen;
    L.edgeOf.assign(g.edges.size(), -1);
    size_t dag = 0;
    for (size_t i = 0; i < g.edges.size(); ++i) {
        const auto& e = g.edges[i];
        if (e.from == e.to)
            continue;
        const auto [a, b] = dagEdges[dag++];
        int chain = -1;
        for (auto it = seen.rbegin(); it != seen.rend() && it - seen.rbegin() < 4; ++it) {
            if (it->first == std::pair { a, b })
                chain = it->second;
        }
        if (chain < 0) {
            chain = static_cast<int>(L.chains.size());
            std::vector<int> vertices { a };
            int prev = a;
            for (int r = L.rank[static_cast<size_t>(a)] + 1; r < L.rank[static_cast<size_t>(b)]; ++r) {
                const int d = static_cast<int>(L.rank.size());
                L.rank.push_back(r);
                L.width.push_back(kDummyWidth);
                L.height.push_back(0);
                L.up.push_back({ prev });
                L.down.push_back({});
                L.down[static_cast<size_t>(prev)].push_back(d);
                vertices.push_back(d);
                prev = d;
            }
            L.down[static_cast<size_t>(prev)].push_back(b);
            L.up[static_cast<size_t>(b)].push_back(prev);
            vertices.push_back(b);
            L.chains.push_back(std::move(vertices));
            L.reversed.push_back(a != e.from);
            seen.push_back({ { a, b }, chain });
        }
        L.edgeOf[i] = chain;
    }
    int minRank = 0, maxRank = 0;
    for (int r : L.rank) {
        minRank = std::min(minRank, r);
        maxRank = std::max(maxRank, r);
    }
    for (int& r : L.rank)
        r -= minRank;
    L.layers.assign(static_cast<size_t>(maxRank - minRank + 1), {});
    L.pos.assign(L.rank.size(), 0);
}

double barycenter(const std::vector<int>& neighbours, const std::vector<int>& pos)
{
    double sum = 0;
    for (int w : neighbours)
        sum += pos[static_cast<size_t>(w)];
    return sum / double(neighbours.size());
}

// Orders one layer by the barycenter of its neighbours in the fixed layer; vertices without neighbours keep their
// place. Stable, so ties keep the previous order.
void orderLayer(std::vector<int>& layer, const std::vector<std::vector<int>>& neighbours, std::vector<int>& pos)
{
    if (layer.size() < 2)
        return; // most layers of ONNX graphs hold one vertex: nothing to order
    thread_local std::vector<std::pair<double, int>> keyed;
    keyed.clear();
    keyed.reserve(layer.size());
    for (size_t i = 0; i < layer.size(); ++i) {
        const int v = layer[i];
        const auto& nb = neighbours[static_cast<size_t>(v)];
        keyed.push_back({ nb.empty() ? double(i) : barycenter(nb, pos), v });
    }
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (size_t i = 0; i < keyed.size(); ++i) {
        layer[i] = keyed[i].second;
        pos[static_cast<size_t>(layer[i])] = static_cast<int>(i);
    }
}

qint64 crossingsBetween(const Layered& L, size_t upper)
{
    if (L.layers[upper].size() < 2 || L.layers[upper + 1].size() < 2)
        return 0; // a single vertex on either side: no two segments can cross
    std::vector<std::pair<int, int>> segments;
    for (int v : L.layers[upper]) {
        for (int w : L.down[static_cast<size_t>(v)])
            segments.push_back({ L.pos[static_cast<size_t>(v)], L.pos[static_cast<size_t>(w)] });
    }
    return countCrossings(segments, static_cast<int>(L.layers[upper + 1].size()));
}

qint64 totalCrossings(const Layered& L)
{
    qint64 total = 0;
    for (size_t r = 0; r + 1 < L.layers.size(); ++r)
        total += crossingsBetween(L, r);
    return total;
}

qint64 reduceCrossings(Layered& L, const LayoutOptions& options, const std::atomic<bool>* cancel)
{
    // Initial order: by first appearance in a walk down from the top layer (input order as tie-break).
    for (size_t v = 0; v < L.rank.size(); ++v)
        L.layers[static_cast<size_t>(L.rank[v])].push_back(static_cast<int>(v));
    for (auto& layer : L.layers) {
        for (size_t i = 0; i < layer.size(); ++i)
            L.pos[static_cast<size_t>(layer[i])] = static_cast<int>(i);
    }
    for (size_t r = 1; r < L.layers.size(); ++r)
        orderLayer(L.layers[r], L.up, L.pos);

    qint64 best = totalCrossings(L);
    std::vector<std::vector<int>> bestLayers = L.layers;
    QElapsedTimer timer;
    timer.start();
    for (int sweep = 0; sweep < options.maxSweeps && best > 0; ++sweep) {
        if (cancelled(cancel) || timer.elapsed() > options.sweepBudgetMs)
            break;
        if (sweep % 2 == 0) {
            for (size_t r = L.layers.size() - 1; r-- > 0;)
                orderLayer(L.layers[r], L.down, L.pos);
        } else {
            for (size_t r = 1; r < L.layers.size(); ++r)
                orderLayer(L.layers[r], L.up, L.pos);
        }
        const qint64 crossings = totalCrossings(L);
        if (crossings < best) {
            best = crossings;
            bestLayers = L.layers;
        }
    }
    L.layers = std::move(bestLayers);
    for (auto& layer : L.layers) {
        for (size_t i = 0; i < layer.size(); ++i)
            L.pos[static_cast<size_t>(layer[i])] = static_cast<int>(i);
    }
    return best;
}

// Weighted isotonic regression with minimum gaps (pool adjacent violators): places a layer's vertices as close as
// possible (least squares) to their desired centres while keeping their order and spacing.
void placeLayer(const std::vector<int>& layer, const std::vector<double>& desired, const std::vector<double>& weight,
    const std::vector<double>& width, double spacing, std::vector<double>& x)
{
    const size_t n = layer.size();
    if (n == 0)
        return;
    std::vector<double> offset(n, 0); // minimum distance of vertex i's centre from vertex 0's
    for (size_t i = 1; i < n; ++i) {
        offset[i] = offset[i - 1]
            + (width[static_cast<size_t>(layer[i - 1])] + width[static_cast<size_t>(layer[i])]) / 2 + spacing;
    }
    struct Block {
        double sumW;
        double sumWY;
        size_t count;
    };
    std::vector<Block> blocks;
    blocks.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        const size_t v = static_cast<size_t>(layer[i]);
        blocks.push_back({ weight[v], weight[v] * (desired[v] - offset[i]), 1 });
        while (blocks.size() > 1) {
            const Block& b = blocks.back();
            const Block& a = blocks[blocks.size() - 2];
            if (a.sumWY / a.sumW <= b.sumWY / b.sumW)
                break;
            const Block merged { a.sumW + b.sumW, a.sumWY + b.sumWY, a.count + b.count };
            blocks.pop_back();
            blocks.back() = merged;
        }
    }
    size_t i = 0;
    for (const Block& b : blocks) {
        const double y = b.sumWY / b.sumW;
        for (size_t k = 0; k < b.count; ++k, ++i)
            x[static_cast<size_t>(layer[i])] = y + offset[i];
    }
}

std::vector<double> assignX(const Layered& L, const LayoutOptions& options)
{
    const size_t total = L.rank.size();
    std::vector<double> x(total, 0), desired(total, 0), weight(total, 1);
    for (const auto& layer : L.layers) {
        double cursor = 0;
        for (int v : layer) {
            x[static_cast<size_t>(v)] = cursor + L.width[static_cast<size_t>(v)] / 2;
            cursor += L.width[static_cast<size_t>(v)] + options.nodeSpacing;
        }
    }
    std::vector<double> xs;
    auto median = [&](const std::vector<int>& a, const std::vector<int>* b) {
        if (!b && a.size() == 1)
            return x[static_cast<size_t>(a.front())];
        xs.clear();
        for (int w : a)
            xs.push_back(x[static_cast<size_t>(w)]);
        if (b) {
            for (int w : *b)
                xs.push_back(x[static_cast<size_t>(w)]);
        }
        std::sort(xs.begin(), xs.end());
        const size_t m = xs.size() / 2;
        return xs.size() % 2 ? xs[m] : (xs[m - 1] + xs[m]) / 2;
    };
    // A weak pull of every vertex towards one common axis. Without it, a consumer whose second input must sit beside
    // the first settles half a gap to that side, everything below follows, and long graphs drift into a diagonal
    // strip (measured: 197,266 units wide at 20k nodes against 986 with the pull; crossings unchanged).
    constexpr double kAxisWeight = 0.05;
    constexpr int kPasses = 8;
    for (int pass = 0; pass < kPasses; ++pass) {
        const bool downward = pass % 2 == 0;
        const bool both = pass == kPasses - 1;
        auto visit = [&](size_t r) {
            const auto& layer = L.layers[r];
            for (int v : layer) {
                const size_t sv = static_cast<size_t>(v);
                const bool dummy = v >= L.realCount;
                const std::vector<int>& primary = both || downward ? L.up[sv] : L.down[sv];
                const std::vector<int>* secondary = both ? &L.down[sv] : nullptr;
                if (primary.empty() && (!secondary || secondary->empty())) {
                    desired[sv] = x[sv];
                    weight[sv] = 0.05;
                } else if (primary.empty()) {
                    desired[sv] = median(*secondary, nullptr);
                    weight[sv] = dummy ? kDummyWeight : 1.0;
                } else {
                    desired[sv] = median(primary, secondary && !secondary->empty() ? secondary : nullptr);
                    weight[sv] = dummy ? kDummyWeight : 1.0;
                }
                desired[sv] = weight[sv] * desired[sv] / (weight[sv] + kAxisWeight);
                weight[sv] += kAxisWeight;
            }
            placeLayer(layer, desired, weight, L.width, options.nodeSpacing, x);
        };
        if (downward) {
            for (size_t r = 0; r < L.layers.size(); ++r)
                visit(r);
        } else {
            for (size_t r = L.layers.size(); r-- > 0;)
                visit(r);
        }
    }
    double minX = 0;
    bool first = true;
    for (size_t v = 0; v < total; ++v) {
        const double left = x[v] - L.width[v] / 2;
        minX = first ? left : std::min(minX, left);
        first = false;
    }
    for (double& value : x)
        value -= minX;
    return x;
}

} // namespace

qint64 countCrossings(const std::vector<std::pair<int, int>>& segments, int lowerLayerSize)
{
    // Sort by upper end, then count inversions of the lower ends with a Fenwick tree.
    std::vector<std::pair<int, int>> sorted = segments;
    std::sort(sorted.begin(), sorted.end());
    std::vector<int> tree(static_cast<size_t>(lowerLayerSize) + 1, 0);
    qint64 crossings = 0;
    qint64 inserted = 0;
    for (const auto& [upper, lower] : sorted) {
        // Segments already inserted whose lower end is greater than this one's cross it.
        qint64 notGreater = 0;
        for (int i = lower + 1; i > 0; i -= i & -i)
            notGreater += tree[static_cast<size_t>(i)];
        crossings += inserted - notGreater;
        for (int i = lower + 1; i <= lowerLayerSize; i += i & -i)
            ++tree[static_cast<size_t>(i)];
        ++inserted;
    }
    return crossings;
}

LayoutResult layoutGraph(const LayoutGraph& graph, const LayoutOptions& options, const std::atomic<bool>* cancel)
{
    LayoutResult result;
    const int n = static_cast<int>(graph.sizes.size());
    result.nodes.resize(static_cast<size_t>(n));
    result.edges.resize(graph.edges.size());
    if (n == 0)
        return result;
    const bool transposed = options.direction == LayoutOptions::Direction::LeftToRight;

    Layered L;
    std::vector<std::pair<int, int>> dagEdges;
    rankNodes(graph, L, dagEdges);
    buildLayers(graph, dagEdges, L, transposed);
    if (cancelled(cancel)) {
        result.cancelled = true;
        return result;
    }
    result.crossings = reduceCrossings(L, options, cancel);
    if (cancelled(cancel)) {
        result.cancelled = true;
        return result;
    }
    const std::vector<double> x = assignX(L, options);

    // Layer positions along the main axis.
    std::vector<double> layerTop(L.layers.size(), 0), layerHeight(L.layers.size(), 0);
    for (size_t v = 0; v < L.rank.size(); ++v)
        layerHeight[static_cast<size_t>(L.rank[v])]
            = std::max(layerHeight[static_cast<size_t>(L.rank[v])], L.height[v]);
    double y = 0;
    for (size_t r = 0; r < L.layers.size(); ++r) {
        layerTop[r] = y;
        y += layerHeight[r] + options.layerSpacing;
    }
    auto center = [&](int v) {
        const size_t sv = static_cast<size_t>(v);
        const double cy = layerTop[static_cast<size_t>(L.rank[sv])] + layerHeight[static_cast<size_t>(L.rank[sv])] / 2;
        return transposed ? QPointF(cy, x[sv]) : QPointF(x[sv], cy);
    };
    for (int v = 0; v < n; ++v) {
        const QPointF c = center(v);
        const double w = L.width[static_cast<size_t>(v)], h = L.height[static_cast<size_t>(v)];
        result.nodes[static_cast<size_t>(v)]
            = transposed ? QRectF(c.x() - h / 2, c.y() - w / 2, h, w) : QRectF(c.x() - w / 2, c.y() - h / 2, w, h);
        result.width = std::max(result.width, result.nodes[static_cast<size_t>(v)].right());
        result.height = std::max(result.height, result.nodes[static_cast<size_t>(v)].bottom());
    }
    // Routes: leave the source at its far side, pass the dummies, enter the target at its near side.
    std::vector<QList<QPointF>> chainRoutes(L.chains.size());
    for (size_t c = 0; c < L.chains.size(); ++c) {
        const auto& chain = L.chains[c];
        QList<QPointF> points;
        for (size_t i = 0; i < chain.size(); ++i) {
            QPointF p = center(chain[i]);
            const double half = L.height[static_cast<size_t>(chain[i])] / 2;
            if (i == 0)
                (transposed ? p.rx() : p.ry()) += half;
            else if (i + 1 == chain.size())
                (transposed ? p.rx() : p.ry()) -= half;
            points.append(p);
        }
        if (L.reversed[c])
            std::reverse(points.begin(), points.end());
        chainRoutes[c] = points;
    }
    for (size_t e = 0; e < graph.edges.size(); ++e) {
        if (L.edgeOf[e] < 0)
            continue;
        result.edges[e] = chainRoutes[static_cast<size_t>(L.edgeOf[e])];
        for (qsizetype i = 1; i < result.edges[e].size(); ++i) {
            const QPointF d = result.edges[e][i] - result.edges[e][i - 1];
            result.totalEdgeLength += std::hypot(d.x(), d.y());
        }
    }
    result.rank.assign(L.rank.begin(), L.rank.begin() + n);
    result.layers = static_cast<int>(L.layers.size());
    return result;
}

} // namespace wb::graph
