// Layout benchmark: wb::graph::layoutGraph against dagre (@dagrejs/dagre under node.js, the engine Netron uses)
// and Graphviz dot, on generated ONNX-like graphs (1k..100k nodes) and on the repo's test models, with the quality
// of every engine's drawing measured the same way here in C++ from the coordinates it returned.
// The graphs come from synthgraph.h, shared with wb_bench_graphview (bench_graphview.cpp).
//
// Programs to run by hand (scripts/bench-layout.sh, bench/README-layout.md), not ctest tests.
// Exit codes: 0 measured (whether or not the targets are met), 1 something failed, 2 usage.

#include "synthgraph.h"

#include "graph/graphdocument.h"
#include "graph/layout.h"
#include "graph/visiblegraph.h"
#include "onnx/onnxmodel.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QSysInfo>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_set>
#include <vector>

#include <sys/resource.h>
#include <time.h>

namespace {

using namespace wbbench;

// ---------------------------------------------------------------------------------------------------------------
// wb_bench_layout

using wb::graph::LayoutGraph;
using wb::graph::LayoutOptions;
using wb::graph::LayoutResult;

struct Input {
    std::string name;
    std::string origin; // "generated" or the model path
    LayoutGraph graph;
    bool synthetic = false;
};

// What an engine drew, in one coordinate system (y down, layout units = points).
struct Drawing {
    std::vector<QRectF> nodes;
    std::vector<std::vector<QPointF>> edges;
};

struct Quality {
    qint64 crossings = 0;
    double width = 0;
    double height = 0;
    double edgeLength = 0;
    double bandWidth = 0; // median width of the drawing's horizontal bands (kBandHeight each)
    qint64 segments = 0;
};

// About 20 ranks at the default spacing (40 high boxes + 56): how wide the drawing is locally, as opposed to its
// bounding box, which also grows when the drawing slants.
constexpr double kBandHeight = 1920;

enum class Status { NotRun, Ok, OverCap, Failed, Skipped };

struct EngineRun {
    Status status = Status::NotRun;
    double ms = 0;
    std::vector<double> runs;
    double cpuMs = -1; // ours: thread CPU time of layoutGraph (median); dagre: node's CPU time in dagre.layout();
                       // dot: the dot process's CPU time (getrusage of children); -1 unknown
    Quality quality;
    std::string note; // failure text, or why skipped
};

struct Row {
    Input input;
    EngineRun ours, dagre, dot;
    qint64 oursLayeredCrossings = 0; // layoutGraph's own count, for reference
    int oursLayers = 0;
};

// Pairwise proper intersections between segments of different edges' polylines, found with a uniform grid: every
// segment is entered into the cells it passes through, each cell tests its pairs, and an intersection counts
// only in the cell that contains its point, so each is counted once. Touching (shared end points, e.g. edges
// meeting at a port) and collinear overlaps are not crossings.
qint64 countGeometricCrossings(const std::vector<std::vector<QPointF>>& edges, qint64* segmentCount)
{
    struct Seg {
        double ax, ay, bx, by;
        int edge;
    };
    std::vector<Seg> segs;
    double minX = 1e300, minY = 1e300, maxX = -1e300, maxY = -1e300;
    for (size_t e = 0; e < edges.size(); ++e) {
        const auto& pts = edges[e];
        for (size_t i = 1; i < pts.size(); ++i) {
            const QPointF a = pts[i - 1], b = pts[i];
            if (a == b)
                continue;
            segs.push_back({ a.x(), a.y(), b.x(), b.y(), static_cast<int>(e) });
            minX = std::min({ minX, a.x(), b.x() });
            maxX = std::max({ maxX, a.x(), b.x() });
            minY = std::min({ minY, a.y(), b.y() });
            maxY = std::max({ maxY, a.y(), b.y() });
        }
    }
    if (segmentCount)
        *segmentCount = static_cast<qint64>(segs.size());
    if (segs.size() < 2)
        return 0;
    const double W = std::max(1.0, maxX - minX), H = std::max(1.0, maxY - minY);
    double cell = std::max(16.0, 2 * std::sqrt(W * H / double(segs.size())));
    while ((W / cell + 1) * (H / cell + 1) > 16e6)
        cell *= 1.5;
    const int cols = static_cast<int>(W / cell) + 1, rows = static_cast<int>(H / cell) + 1;
    auto colOf = [&](double x) { return std::clamp(static_cast<int>(std::floor((x - minX) / cell)), 0, cols - 1); };
    auto rowOf = [&](double y) { return std::clamp(static_cast<int>(std::floor((y - minY) / cell)), 0, rows - 1); };
    constexpr double kEps = 1e-3;
    auto forEachCell = [&](const Seg& s, auto&& fn) {
        const double x0 = std::min(s.ax, s.bx), x1 = std::max(s.ax, s.bx);
        const int c0 = colOf(x0 - kEps), c1 = colOf(x1 + kEps);
        for (int c = c0; c <= c1; ++c) {
            double ylo, yhi;
            if (s.ax == s.bx) {
                ylo = std::min(s.ay, s.by);
                yhi = std::max(s.ay, s.by);
            } else {
                const double cx0 = std::max(x0, minX + c * cell), cx1 = std::min(x1, minX + (c + 1) * cell);
                const double k = (s.by - s.ay) / (s.bx - s.ax);
                const double ya = s.ay + (cx0 - s.ax) * k, yb = s.ay + (cx1 - s.ax) * k;
                ylo = std::min(ya, yb);
                yhi = std::max(ya, yb);
            }
            const int r0 = rowOf(ylo - kEps), r1 = rowOf(yhi + kEps);
            for (int r = r0; r <= r1; ++r)
                fn(static_cast<size_t>(r) * static_cast<size_t>(cols) + static_cast<size_t>(c));
        }
    };
    // CSR: cell -> segments.
    const size_t cellCount = static_cast<size_t>(rows) * static_cast<size_t>(cols);
    std::vector<uint32_t> start(cellCount + 1, 0);
    for (const Seg& s : segs)
        forEachCell(s, [&](size_t cellIndex) { ++start[cellIndex + 1]; });
    for (size_t i = 0; i < cellCount; ++i)
        start[i + 1] += start[i];
    std::vector<uint32_t> fill(start.begin(), start.end() - 1);
    std::vector<uint32_t> members(start.back());
    for (size_t i = 0; i < segs.size(); ++i)
        forEachCell(segs[i], [&](size_t cellIndex) { members[fill[cellIndex]++] = static_cast<uint32_t>(i); });

    qint64 crossings = 0;
    for (size_t cellIndex = 0; cellIndex < cellCount; ++cellIndex) {
        const uint32_t b = start[cellIndex], e = start[cellIndex + 1];
        for (uint32_t i = b; i < e; ++i) {
            const Seg& p = segs[members[i]];
            const double px = p.bx - p.ax, py = p.by - p.ay;
            const double plen = std::hypot(px, py);
            for (uint32_t j = i + 1; j < e; ++j) {
                const Seg& q = segs[members[j]];
                if (q.edge == p.edge)
                    continue;
                const double qx = q.bx - q.ax, qy = q.by - q.ay;
                const double tol = 1e-9 * plen * std::hypot(qx, qy);
                const double d1 = px * (q.ay - p.ay) - py * (q.ax - p.ax);
                const double d2 = px * (q.by - p.ay) - py * (q.bx - p.ax);
                if (!((d1 > tol && d2 < -tol) || (d1 < -tol && d2 > tol)))
                    continue;
                const double d3 = qx * (p.ay - q.ay) - qy * (p.ax - q.ax);
                const double d4 = qx * (p.by - q.ay) - qy * (p.bx - q.ax);
                if (!((d3 > tol && d4 < -tol) || (d3 < -tol && d4 > tol)))
                    continue;
                const double t = d3 / (d3 - d4);
                const double ix = p.ax + t * px, iy = p.ay + t * py;
                if (static_cast<size_t>(rowOf(iy)) * static_cast<size_t>(cols) + static_cast<size_t>(colOf(ix))
                    == cellIndex)
                    ++crossings;
            }
        }
    }
    return crossings;
}

Quality measure(const Drawing& d)
{
    Quality q;
    double left = 1e300, top = 1e300, right = -1e300, bottom = -1e300;
    for (const QRectF& r : d.nodes) {
        left = std::min(left, r.left());
        top = std::min(top, r.top());
        right = std::max(right, r.right());
        bottom = std::max(bottom, r.bottom());
    }
    if (!d.nodes.empty()) {
        q.width = right - left;
        q.height = bottom - top;
        const size_t bands = static_cast<size_t>(q.height / kBandHeight) + 1;
        std::vector<double> bandLeft(bands, 1e300), bandRight(bands, -1e300);
        for (const QRectF& r : d.nodes) {
            const size_t b = std::min(bands - 1, static_cast<size_t>((r.center().y() - top) / kBandHeight));
            bandLeft[b] = std::min(bandLeft[b], r.left());
            bandRight[b] = std::max(bandRight[b], r.right());
        }
        std::vector<double> widths;
        for (size_t b = 0; b < bands; ++b) {
            if (bandRight[b] >= bandLeft[b])
                widths.push_back(bandRight[b] - bandLeft[b]);
        }
        q.bandWidth = median(widths);
    }
    for (const auto& pts : d.edges) {
        for (size_t i = 1; i < pts.size(); ++i)
            q.edgeLength += std::hypot(pts[i].x() - pts[i - 1].x(), pts[i].y() - pts[i - 1].y());
    }
    q.crossings = countGeometricCrossings(d.edges, &q.segments);
    return q;
}

// --- inputs -----------------------------------------------------------------------------------------------------

Input fromSynth(const SynthGraph& s)
{
    Input in;
    in.name = s.name;
    in.origin = "generated";
    in.synthetic = true;
    in.graph.sizes = s.sizes;
    for (const auto& [a, b] : s.edges)
        in.graph.edges.push_back({ a, b });
    return in;
}

// The LayoutGraph the app lays out for a model: GraphDocument::build + buildVisibleGraph with nothing collapsed.
bool fromModel(const QString& path, Input& in, std::string& error)
{
    const auto loaded = wb::OnnxModel::load(path);
    if (!loaded.ok()) {
        error = loaded.error().message.toStdString();
        return false;
    }
    const auto doc = wb::graph::GraphDocument::build(*loaded.value());
    const wb::graph::VisibleGraph visible = wb::graph::buildVisibleGraph(*doc, {});
    in.name = QFileInfo(path).completeBaseName().toStdString();
    in.origin = path.toStdString();
    for (const auto& item : visible.items)
        in.graph.sizes.push_back(item.size);
    for (const auto& e : visible.edges)
        in.graph.edges.push_back({ e.from, e.to });
    return true;
}

// --- files for the other engines --------------------------------------------------------------------------------

bool writeText(const std::string& path, const std::string& text)
{
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f)
        return false;
    const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    return std::fclose(f) == 0 && ok;
}

std::string toJson(const LayoutGraph& g, const LayoutOptions& o)
{
    std::string s;
    s.reserve(g.sizes.size() * 16 + g.edges.size() * 16 + 256);
    s += "{\"nodes\":[";
    for (size_t i = 0; i < g.sizes.size(); ++i)
        s += format("%s[%g,%g]", i ? "," : "", g.sizes[i].width(), g.sizes[i].height());
    s += "],\"edges\":[";
    for (size_t i = 0; i < g.edges.size(); ++i)
        s += format("%s[%d,%d]", i ? "," : "", g.edges[i].from, g.edges[i].to);
    s += format("],\"options\":{\"rankdir\":\"TB\",\"nodesep\":%g,\"ranksep\":%g,\"edgesep\":%g}}\n", o.nodeSpacing,
        o.layerSpacing, o.nodeSpacing);
    return s;
}

// Sizes in inches (72 points each), so dot's output coordinates are in the same units as ours.
std::string toDot(const LayoutGraph& g, const LayoutOptions& o)
{
    std::string s;
    s.reserve(g.sizes.size() * 48 + g.edges.size() * 16 + 256);
    s += "digraph G {\n";
    s += format("  graph [rankdir=TB, nodesep=%.4f, ranksep=%.4f];\n", o.nodeSpacing / 72, o.layerSpacing / 72);
    s += "  node [shape=box, fixedsize=true, label=\"\"];\n";
    for (size_t i = 0; i < g.sizes.size(); ++i)
        s += format("  n%zu [width=%.4f, height=%.4f];\n", i, g.sizes[i].width() / 72, g.sizes[i].height() / 72);
    for (const auto& e : g.edges)
        s += format("  n%d -> n%d;\n", e.from, e.to);
    s += "}\n";
    return s;
}

// --- running the other engines ----------------------------------------------------------------------------------

double childrenCpuMs()
{
    rusage ru {};
    getrusage(RUSAGE_CHILDREN, &ru);
    return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3
        + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

struct ProcessOutcome {
    bool started = false;
    bool overCap = false;
    int exitCode = -1;
    double wallMs = 0;
    double cpuMs = 0; // the child's user + system time
    std::string stderrText;
};

ProcessOutcome runCapped(const QString& program, const QStringList& args, double capSeconds)
{
    ProcessOutcome out;
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.setStandardOutputFile(QProcess::nullDevice());
    const double cpu0 = childrenCpuMs();
    QElapsedTimer timer;
    timer.start();
    p.start(program, args);
    if (!p.waitForStarted(30000)) {
        out.stderrText = p.errorString().toStdString();
        return out;
    }
    out.started = true;
    if (!p.waitForFinished(static_cast<int>(capSeconds * 1000))) {
        out.overCap = p.state() != QProcess::NotRunning;
        if (out.overCap) {
            p.kill();
            p.waitForFinished(30000);
        }
    }
    out.wallMs = double(timer.nsecsElapsed()) / 1e6;
    out.cpuMs = childrenCpuMs() - cpu0;
    out.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    out.stderrText = p.readAllStandardError().left(2000).trimmed().toStdString();
    return out;
}

bool readJson(const std::string& path, QJsonObject& obj, std::string& error)
{
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly)) {
        error = "cannot read " + path;
        return false;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        error = path + ": " + pe.errorString().toStdString();
        return false;
    }
    obj = doc.object();
    return true;
}

struct Tools {
    QString node;
    QString script;
    QString dot;
    std::string dagreVersion;
    std::string dotVersion;
};

void runDagre(const Tools& tools, const std::string& inJson, const std::string& outJson, size_t nodeCount,
    double capSeconds, EngineRun& run)
{
    QFile::remove(QString::fromStdString(outJson));
    const int runs = nodeCount <= 2000 ? 3 : 1;
    const ProcessOutcome p = runCapped(tools.node,
        { tools.script, QString::fromStdString(inJson), QString::fromStdString(outJson), QStringLiteral("--runs"),
            QString::number(runs) },
        capSeconds);
    if (p.overCap) {
        run.status = Status::OverCap;
        run.ms = capSeconds * 1000;
        return;
    }
    if (!p.started || p.exitCode != 0) {
        run.status = Status::Failed;
        run.note = p.stderrText.empty() ? "node failed" : p.stderrText;
        return;
    }
    QJsonObject obj;
    if (!readJson(outJson, obj, run.note)) {
        run.status = Status::Failed;
        return;
    }
    run.ms = obj.value(QStringLiteral("ms")).toDouble();
    run.cpuMs = obj.value(QStringLiteral("cpuMs")).toDouble(-1);
    for (const auto& v : obj.value(QStringLiteral("runs")).toArray())
        run.runs.push_back(v.toDouble());
    Drawing d;
    for (const auto& v : obj.value(QStringLiteral("nodes")).toArray()) {
        const QJsonArray a = v.toArray();
        d.nodes.push_back(QRectF(a.at(0).toDouble(), a.at(1).toDouble(), a.at(2).toDouble(), a.at(3).toDouble()));
    }
    for (const auto& v : obj.value(QStringLiteral("edges")).toArray()) {
        const QJsonArray a = v.toArray();
        std::vector<QPointF> pts;
        for (qsizetype i = 0; i + 1 < a.size(); i += 2)
            pts.push_back(QPointF(a.at(i).toDouble(), a.at(i + 1).toDouble()));
        d.edges.push_back(std::move(pts));
    }
    if (d.nodes.size() != nodeCount) {
        run.status = Status::Failed;
        run.note = "dagre returned a different node count";
        return;
    }
    run.quality = measure(d);
    run.status = Status::Ok;
}

QPointF parsePoint(const QString& s)
{
    return QPointF(s.section(QLatin1Char(','), 0, 0).toDouble(), s.section(QLatin1Char(','), 1, 1).toDouble());
}

// dot's edge "pos": "[s,x,y ][e,x,y ]p0 c1 c2 p1 c1 c2 p2 ..." -- cubic B-spline (Bezier) pieces; flattened into
// 8 line pieces each, with the arrow tip ("e") appended.
std::vector<QPointF> flattenDotSpline(const QString& pos)
{
    std::vector<QPointF> ctrl;
    bool hasStart = false, hasEnd = false;
    QPointF start, end;
    for (const QString& tok : pos.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (tok.startsWith(QLatin1String("e,"))) {
            hasEnd = true;
            end = parsePoint(tok.mid(2));
        } else if (tok.startsWith(QLatin1String("s,"))) {
            hasStart = true;
            start = parsePoint(tok.mid(2));
        } else {
            ctrl.push_back(parsePoint(tok));
        }
    }
    std::vector<QPointF> out;
    if (hasStart)
        out.push_back(start);
    if (!ctrl.empty())
        out.push_back(ctrl[0]);
    if (ctrl.size() % 3 == 1) {
        for (size_t i = 0; i + 3 < ctrl.size(); i += 3) {
            const QPointF p0 = ctrl[i], p1 = ctrl[i + 1], p2 = ctrl[i + 2], p3 = ctrl[i + 3];
            for (int k = 1; k <= 8; ++k) {
                const double t = k / 8.0, u = 1 - t;
                out.push_back(u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3);
            }
        }
    } else {
        out.insert(out.end(), ctrl.begin() + (ctrl.empty() ? 0 : 1), ctrl.end());
    }
    if (hasEnd)
        out.push_back(end);
    return out;
}

void runDot(const Tools& tools, const std::string& inDot, const std::string& outJson, size_t nodeCount,
    double capSeconds, EngineRun& run)
{
    QFile::remove(QString::fromStdString(outJson));
    const ProcessOutcome p = runCapped(tools.dot,
        { QStringLiteral("-Tjson0"), QStringLiteral("-o"), QString::fromStdString(outJson),
            QString::fromStdString(inDot) },
        capSeconds);
    if (p.overCap) {
        run.status = Status::OverCap;
        run.ms = capSeconds * 1000;
        return;
    }
    if (!p.started || p.exitCode != 0) {
        run.status = Status::Failed;
        run.note = p.stderrText.empty() ? "dot failed" : p.stderrText;
        return;
    }
    run.ms = p.wallMs;
    run.runs = { p.wallMs };
    run.cpuMs = p.cpuMs;
    QJsonObject obj;
    if (!readJson(outJson, obj, run.note)) {
        run.status = Status::Failed;
        return;
    }
    const QStringList bb = obj.value(QStringLiteral("bb")).toString().split(QLatin1Char(','));
    const double top = bb.size() == 4 ? bb[3].toDouble() : 0; // dot's y grows upwards: flip
    Drawing d;
    for (const auto& v : obj.value(QStringLiteral("objects")).toArray()) {
        const QJsonObject o = v.toObject();
        const QPointF c = parsePoint(o.value(QStringLiteral("pos")).toString());
        const double w = o.value(QStringLiteral("width")).toString().toDouble() * 72;
        const double h = o.value(QStringLiteral("height")).toString().toDouble() * 72;
        d.nodes.push_back(QRectF(c.x() - w / 2, top - c.y() - h / 2, w, h));
    }
    for (const auto& v : obj.value(QStringLiteral("edges")).toArray()) {
        std::vector<QPointF> pts = flattenDotSpline(v.toObject().value(QStringLiteral("pos")).toString());
        for (QPointF& pt : pts)
            pt.setY(top - pt.y());
        d.edges.push_back(std::move(pts));
    }
    if (d.nodes.size() != nodeCount) {
        run.status = Status::Failed;
        run.note = "dot returned a different node count";
        return;
    }
    run.quality = measure(d);
    run.status = Status::Ok;
}

// Our layout in the format dagre_layout.js writes, for looking at it next to the others.
std::string layoutJson(const LayoutResult& r, double ms)
{
    std::string s;
    s.reserve(r.nodes.size() * 32 + r.edges.size() * 64 + 64);
    s += format("{\"engine\":\"ours\",\"ms\":%.3f,\"nodes\":[", ms);
    for (size_t i = 0; i < r.nodes.size(); ++i) {
        const QRectF& n = r.nodes[i];
        s += format("%s[%.2f,%.2f,%g,%g]", i ? "," : "", n.x(), n.y(), n.width(), n.height());
    }
    s += "],\"edges\":[";
    for (size_t i = 0; i < r.edges.size(); ++i) {
        s += i ? ",[" : "[";
        for (qsizetype k = 0; k < r.edges[i].size(); ++k)
            s += format("%s%.2f,%.2f", k ? "," : "", r.edges[i][k].x(), r.edges[i][k].y());
        s += "]";
    }
    s += "]}\n";
    return s;
}

void runOurs(const Input& in, const LayoutOptions& options, int repeat, Row& row, const std::string& outJson)
{
    LayoutResult result = wb::graph::layoutGraph(in.graph, options); // warm-up
    std::vector<double> cpu;
    for (int i = 0; i < repeat; ++i) {
        const double c0 = threadCpuMs();
        QElapsedTimer t;
        t.start();
        result = wb::graph::layoutGraph(in.graph, options);
        row.ours.runs.push_back(double(t.nsecsElapsed()) / 1e6);
        cpu.push_back(threadCpuMs() - c0);
    }
    row.ours.ms = median(row.ours.runs);
    row.ours.cpuMs = median(cpu);
    Drawing d;
    d.nodes = result.nodes;
    for (const auto& e : result.edges)
        d.edges.emplace_back(e.begin(), e.end());
    row.ours.quality = measure(d);
    row.ours.status = Status::Ok;
    row.oursLayeredCrossings = result.crossings;
    row.oursLayers = result.layers;
    writeText(outJson, layoutJson(result, row.ours.ms));
}

// --- report -----------------------------------------------------------------------------------------------------

std::string msText(const EngineRun& r, double capSeconds)
{
    switch (r.status) {
    case Status::Ok:
        return r.ms < 10 ? format("%.2f", r.ms) : r.ms < 1000 ? format("%.1f", r.ms) : format("%.0f", r.ms);
    case Status::OverCap:
        return format("> %.0f s", capSeconds);
    case Status::Failed:
        return "failed";
    case Status::Skipped:
        return "skipped";
    case Status::NotRun:
        break;
    }
    return "-";
}

std::string cpuText(const EngineRun& r)
{
    if (r.status != Status::Ok || r.cpuMs < 0)
        return "-";
    return r.cpuMs < 10 ? format("%.2f", r.cpuMs) : r.cpuMs < 1000 ? format("%.1f", r.cpuMs) : format("%.0f", r.cpuMs);
}

std::string progressText(const EngineRun& r, double capSeconds)
{
    if (r.status == Status::Ok) {
        return format("%9.2f ms (CPU %.2f ms), crossings %lld, width %.0f (bands %.0f)", r.ms, r.cpuMs,
            static_cast<long long>(r.quality.crossings), r.quality.width, r.quality.bandWidth);
    }
    return msText(r, capSeconds) + (r.note.empty() ? "" : ": " + r.note);
}

// "wall ratio / CPU ratio".
std::string ratioText(const EngineRun& other, const EngineRun& ours)
{
    if (ours.status != Status::Ok || ours.ms <= 0)
        return "-";
    if (other.status == Status::Ok) {
        if (other.cpuMs > 0 && ours.cpuMs > 0)
            return format("%.0fx / %.0fx", other.ms / ours.ms, other.cpuMs / ours.cpuMs);
        return format("%.0fx", other.ms / ours.ms);
    }
    if (other.status == Status::OverCap)
        return format("> %.0fx", other.ms / ours.ms);
    return "-";
}

std::string qualityText(const EngineRun& r, int which)
{
    if (r.status != Status::Ok)
        return "-";
    switch (which) {
    case 0:
        return std::to_string(r.quality.crossings);
    case 1:
        return format("%.0f", r.quality.width);
    default:
        return format("%.0f", r.quality.edgeLength);
    }
}

struct Config {
    std::vector<int> sizes { 1000, 5000, 20000, 100000 };
    QString work = QStringLiteral("/tmp/wb-bench-layout");
    int repeat = 7;
    double dotCap = 60;
    double dagreCap = 600;
    bool dagre = true;
    bool dot = true;
    bool models = true;
    QStringList modelDirs;
    QString markdown;
    bool verbose = false;
};

struct Verdicts {
    std::vector<std::string> lines;
};

Verdicts verdicts(const std::vector<Row>& rows)
{
    Verdicts v;
    // 1. 20k nodes in under 200 ms.
    for (const Row& r : rows) {
        if (r.input.synthetic && r.input.graph.sizes.size() == 20000) {
            const bool wall = r.ours.ms < 200, cpu = r.ours.cpuMs >= 0 && r.ours.cpuMs < 200;
            v.lines.push_back(format("Speed, 20k nodes in under 200 ms: %s (median %.1f ms wall, %.1f ms CPU)",
                wall      ? "met"
                    : cpu ? "NOT met by wall time (machine busy), met by CPU time"
                          : "NOT met",
                r.ours.ms, r.ours.cpuMs));
        }
    }
    // 2. At least 50x faster than dagre from 5k nodes up.
    {
        bool any = false, ok = true;
        std::string worst;
        double worstRatio = 1e300;
        for (const Row& r : rows) {
            if (r.input.graph.sizes.size() < 5000 || r.ours.status != Status::Ok)
                continue;
            if (r.dagre.status != Status::Ok && r.dagre.status != Status::OverCap)
                continue;
            any = true;
            const double ratio = r.dagre.ms / r.ours.ms;
            const bool capped = r.dagre.status == Status::OverCap;
            if (ratio < worstRatio) {
                worstRatio = ratio;
                worst = r.input.name + (capped ? ", dagre over its cap" : "")
                    + (!capped && r.dagre.cpuMs > 0 && r.ours.cpuMs > 0
                            ? format("; by CPU time %.0fx", r.dagre.cpuMs / r.ours.cpuMs)
                            : std::string());
            }
            ok = ok && ratio >= 50;
        }
        if (any) {
            v.lines.push_back(format("Speed, >= 50x faster than dagre from 5k nodes up: %s (lowest %.0fx by wall time, "
                                     "%s)",
                ok ? "met" : "NOT met", worstRatio, worst.c_str()));
        } else {
            v.lines.push_back("Speed, >= 50x faster than dagre from 5k nodes up: not measured (no dagre result)");
        }
    }
    // 3. Crossings no more than 10 % above dagre's.
    {
        bool any = false;
        std::vector<std::string> misses;
        for (const Row& r : rows) {
            if (r.ours.status != Status::Ok || r.dagre.status != Status::Ok)
                continue;
            any = true;
            const double limit = 1.1 * double(r.dagre.quality.crossings);
            if (double(r.ours.quality.crossings) > limit) {
                misses.push_back(format("%s %lld vs %lld (%.2fx)", r.input.name.c_str(),
                    static_cast<long long>(r.ours.quality.crossings), static_cast<long long>(r.dagre.quality.crossings),
                    r.dagre.quality.crossings ? double(r.ours.quality.crossings) / double(r.dagre.quality.crossings)
                                              : 0.0));
            }
        }
        if (!any) {
            v.lines.push_back("Quality, crossings <= 1.1x dagre's: not measured (no dagre result)");
        } else if (misses.empty()) {
            v.lines.push_back("Quality, crossings <= 1.1x dagre's: met on every graph dagre laid out");
        } else {
            std::string s
                = "Quality, crossings <= 1.1x dagre's: NOT met on " + std::to_string(misses.size()) + " graph(s): ";
            for (size_t i = 0; i < misses.size(); ++i)
                s += (i ? "; " : "") + misses[i];
            v.lines.push_back(s);
        }
    }
    return v;
}

std::vector<std::vector<std::string>> tableCells(const std::vector<Row>& rows, const Config& cfg)
{
    std::vector<std::vector<std::string>> cells;
    cells.push_back({ "graph", "nodes", "edges", "ours ms", "ours CPU ms", "dagre ms", "dot ms",
        "dagre/ours wall / CPU", "dot/ours wall / CPU", "crossings ours / dagre / dot", "width ours / dagre / dot",
        "edge length ours / dagre / dot" });
    for (const Row& r : rows) {
        auto triple = [&](int which) {
            return qualityText(r.ours, which) + " / " + qualityText(r.dagre, which) + " / " + qualityText(r.dot, which);
        };
        cells.push_back(
            { r.input.name, std::to_string(r.input.graph.sizes.size()), std::to_string(r.input.graph.edges.size()),
                msText(r.ours, 0), cpuText(r.ours), msText(r.dagre, cfg.dagreCap), msText(r.dot, cfg.dotCap),
                ratioText(r.dagre, r.ours), ratioText(r.dot, r.ours), triple(0), triple(1), triple(2) });
    }
    return cells;
}

std::string plainTable(const std::vector<std::vector<std::string>>& cells)
{
    std::vector<size_t> width(cells[0].size(), 0);
    for (const auto& row : cells) {
        for (size_t i = 0; i < row.size(); ++i)
            width[i] = std::max(width[i], row[i].size());
    }
    std::string s;
    for (size_t r = 0; r < cells.size(); ++r) {
        for (size_t i = 0; i < cells[r].size(); ++i) {
            const bool left = i == 0;
            const std::string& c = cells[r][i];
            const std::string pad(width[i] - c.size(), ' ');
            s += (i ? "  " : "") + (left ? c + pad : pad + c);
        }
        s += "\n";
        if (r == 0) {
            for (size_t i = 0; i < width.size(); ++i)
                s += (i ? "  " : "") + std::string(width[i], '-');
            s += "\n";
        }
    }
    return s;
}

std::string markdownTable(const std::vector<std::vector<std::string>>& cells)
{
    std::string s;
    for (size_t r = 0; r < cells.size(); ++r) {
        s += "|";
        for (const std::string& c : cells[r])
            s += " " + c + " |";
        s += "\n";
        if (r == 0) {
            s += "|";
            for (size_t i = 0; i < cells[r].size(); ++i)
                s += i == 0 ? " --- |" : " ---: |";
            s += "\n";
        }
    }
    return s;
}

void usage()
{
    std::fprintf(stderr,
        "usage: wb_bench_layout [--sizes 1000,5000,20000,100000] [--work DIR] [--repeat N] [--dot-cap SECONDS]\n"
        "                       [--dagre-cap SECONDS] [--no-dagre] [--no-dot] [--no-models] [--models DIR]...\n"
        "                       [--node PATH] [--script PATH] [--markdown FILE] [--verbose]\n"
        "Lays out generated ONNX-like graphs and the test models with wb::graph::layoutGraph (median of N runs\n"
        "after a warm-up), dagre (node %s) and Graphviz dot, each capped in time; larger generated sizes are skipped\n"
        "for an engine once it went over its cap. Defaults: --work /tmp/wb-bench-layout --repeat 7 --dot-cap 60\n"
        "--dagre-cap 600 --models %s --models /tmp/wb-bench\n",
        WB_BENCH_LAYOUT_SCRIPT, WB_BENCH_MODELS_DIR);
}

int runLayoutBench(const QStringList& args)
{
    Config cfg;
    Tools tools;
    tools.script = QStringLiteral(WB_BENCH_LAYOUT_SCRIPT);
    tools.node = QStandardPaths::findExecutable(QStringLiteral("node"));
    tools.dot = QStandardPaths::findExecutable(QStringLiteral("dot"));
    bool customModels = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        auto value = [&]() -> QString {
            if (i + 1 >= args.size()) {
                usage();
                std::exit(2);
            }
            return args[++i];
        };
        if (a == QLatin1String("--sizes")) {
            cfg.sizes.clear();
            for (const QString& s : value().split(QLatin1Char(','), Qt::SkipEmptyParts))
                cfg.sizes.push_back(s.toInt());
        } else if (a == QLatin1String("--work")) {
            cfg.work = value();
        } else if (a == QLatin1String("--repeat")) {
            cfg.repeat = std::max(1, value().toInt());
        } else if (a == QLatin1String("--dot-cap")) {
            cfg.dotCap = value().toDouble();
        } else if (a == QLatin1String("--dagre-cap")) {
            cfg.dagreCap = value().toDouble();
        } else if (a == QLatin1String("--no-dagre")) {
            cfg.dagre = false;
        } else if (a == QLatin1String("--no-dot")) {
            cfg.dot = false;
        } else if (a == QLatin1String("--no-models")) {
            cfg.models = false;
        } else if (a == QLatin1String("--models")) {
            if (!customModels)
                cfg.modelDirs.clear();
            customModels = true;
            cfg.modelDirs.append(value());
        } else if (a == QLatin1String("--node")) {
            tools.node = value();
        } else if (a == QLatin1String("--script")) {
            tools.script = value();
        } else if (a == QLatin1String("--markdown")) {
            cfg.markdown = value();
        } else if (a == QLatin1String("--verbose")) {
            cfg.verbose = true;
        } else {
            usage();
            return 2;
        }
    }
    if (!customModels)
        cfg.modelDirs = { QStringLiteral(WB_BENCH_MODELS_DIR), QStringLiteral("/tmp/wb-bench") };
    if (!QDir().mkpath(cfg.work)) {
        std::fprintf(stderr, "wb_bench_layout: cannot create %s\n", cfg.work.toLocal8Bit().constData());
        return 1;
    }
    const std::string machine = machineLine();

    // Tools and their versions.
    if (cfg.dagre) {
        const QString pkg
            = QFileInfo(tools.script).absolutePath() + QStringLiteral("/node_modules/@dagrejs/dagre/package.json");
        QJsonObject obj;
        std::string err;
        if (tools.node.isEmpty() || !QFileInfo::exists(tools.script) || !readJson(pkg.toStdString(), obj, err)) {
            std::fprintf(stderr,
                "wb_bench_layout: dagre not available (node: %s, %s); run scripts/bench-layout.sh or npm ci in "
                "bench/layout. Continuing without dagre.\n",
                tools.node.isEmpty() ? "not found" : tools.node.toLocal8Bit().constData(), err.c_str());
            cfg.dagre = false;
        } else {
            tools.dagreVersion = obj.value(QStringLiteral("version")).toString().toStdString();
        }
    }
    if (cfg.dot) {
        if (tools.dot.isEmpty()) {
            std::fprintf(stderr,
                "wb_bench_layout: Graphviz dot not found (apt-get install graphviz); continuing "
                "without it.\n");
            cfg.dot = false;
        } else {
            QProcess p;
            p.start(tools.dot, { QStringLiteral("-V") });
            p.waitForFinished(10000);
            tools.dotVersion = QString::fromLocal8Bit(p.readAllStandardError()).trimmed().toStdString();
        }
    }
    std::string nodeVersion;
    if (cfg.dagre) {
        QProcess p;
        p.start(tools.node, { QStringLiteral("--version") });
        p.waitForFinished(10000);
        nodeVersion = QString::fromLocal8Bit(p.readAllStandardOutput()).trimmed().toStdString();
    }

    // Inputs: generated sizes, then the models.
    std::vector<Input> inputs;
    std::vector<std::string> duplicates; // models whose drawn graph repeats an earlier one: not laid out again
    for (int n : cfg.sizes)
        inputs.push_back(fromSynth(generateGraph(n, kSeed)));
    if (cfg.models) {
        for (const QString& dir : cfg.modelDirs) {
            const QStringList files = QDir(dir).entryList({ QStringLiteral("*.onnx") }, QDir::Files, QDir::Name);
            for (const QString& f : files) {
                Input in;
                std::string error;
                const QString path = QDir(dir).filePath(f);
                if (!fromModel(path, in, error)) {
                    if (cfg.verbose)
                        std::fprintf(stderr, "  model %s skipped: %s\n", f.toLocal8Bit().constData(), error.c_str());
                    continue;
                }
                if (in.graph.sizes.size() < 5)
                    continue;
                const auto same = std::find_if(inputs.begin(), inputs.end(), [&](const Input& other) {
                    return other.graph.sizes == in.graph.sizes
                        && std::equal(other.graph.edges.begin(), other.graph.edges.end(), in.graph.edges.begin(),
                            in.graph.edges.end(),
                            [](const auto& a, const auto& b) { return a.from == b.from && a.to == b.to; });
                });
                if (same != inputs.end()) {
                    duplicates.push_back(in.name + " (same drawn graph as " + same->name + ")");
                    continue;
                }
                inputs.push_back(std::move(in));
            }
        }
    }

    const LayoutOptions options;
    std::vector<Row> rows;
    size_t dagreOverCapAt = SIZE_MAX, dotOverCapAt = SIZE_MAX; // generated sizes only
    std::fprintf(stderr, "%s\n", machine.c_str());
    for (Input& in : inputs) {
        Row row;
        row.input = std::move(in);
        const Input& input = row.input;
        const size_t n = input.graph.sizes.size();
        const std::string base = (cfg.work + QLatin1Char('/')).toStdString() + input.name;
        if (!writeText(base + ".json", toJson(input.graph, options))
            || !writeText(base + ".dot", toDot(input.graph, options))) {
            std::fprintf(stderr, "wb_bench_layout: cannot write %s.json/.dot\n", base.c_str());
            return 1;
        }
        std::fprintf(stderr, "%s: %zu nodes, %zu edges\n", input.name.c_str(), n, input.graph.edges.size());
        runOurs(input, options, cfg.repeat, row, base + ".ours.json");
        std::fprintf(stderr, "  ours  %s (median of %d; layers %d, layered crossings %lld)\n",
            progressText(row.ours, 0).c_str(), cfg.repeat, row.oursLayers,
            static_cast<long long>(row.oursLayeredCrossings));

        if (cfg.dagre) {
            if (input.synthetic && n > dagreOverCapAt) {
                row.dagre.status = Status::Skipped;
            } else {
                runDagre(tools, base + ".json", base + ".dagre.json", n, cfg.dagreCap, row.dagre);
                if (row.dagre.status == Status::OverCap && input.synthetic)
                    dagreOverCapAt = std::min(dagreOverCapAt, n);
            }
            std::fprintf(stderr, "  dagre %s\n", progressText(row.dagre, cfg.dagreCap).c_str());
        }
        if (cfg.dot) {
            if (input.synthetic && n > dotOverCapAt) {
                row.dot.status = Status::Skipped;
            } else {
                runDot(tools, base + ".dot", base + ".dot.json", n, cfg.dotCap, row.dot);
                if (row.dot.status == Status::OverCap && input.synthetic)
                    dotOverCapAt = std::min(dotOverCapAt, n);
            }
            std::fprintf(stderr, "  dot   %s\n", progressText(row.dot, cfg.dotCap).c_str());
        }
        rows.push_back(std::move(row));
    }

    const auto cells = tableCells(rows, cfg);
    const Verdicts v = verdicts(rows);
    std::printf("\n%s\n", plainTable(cells).c_str());
    for (const std::string& line : v.lines)
        std::printf("%s\n", line.c_str());

    if (!cfg.markdown.isEmpty()) {
        std::string md;
        md += "Measured " + machine + ".\n\n";
        md += format("Engines: ours = wb::graph::layoutGraph (default LayoutOptions: nodeSpacing %g, layerSpacing %g, "
                     "maxSweeps %d, sweepBudgetMs %lld), median of %d runs after a warm-up; dagre = @dagrejs/dagre "
                     "%s under node %s (dagre.layout() time as measured inside node, median of 3 runs in one "
                     "process up to 2k nodes, else 1 run; cap %.0f s); dot = %s (wall time of `dot -Tjson0` with "
                     "splines, including parse and output; cap %.0f s). Larger generated sizes are skipped for an "
                     "engine once it went over its cap.\n\n",
            options.nodeSpacing, options.layerSpacing, options.maxSweeps, static_cast<long long>(options.sweepBudgetMs),
            cfg.repeat, cfg.dagre ? tools.dagreVersion.c_str() : "(not run)", nodeVersion.c_str(), cfg.dagreCap,
            cfg.dot ? tools.dotVersion.c_str() : "(not run)", cfg.dotCap);
        md += markdownTable(cells);
        md += "\n";
        for (const std::string& line : v.lines)
            md += "- " + line + "\n";
        if (!duplicates.empty()) {
            md += "- Not repeated:";
            for (size_t i = 0; i < duplicates.size(); ++i)
                md += (i ? ", " : " ") + duplicates[i];
            md += ".\n";
        }
        md += "\n| graph | source | ours: layers | ours: layered crossings (its own count) | segments ours / dagre / "
              "dot | height ours / dagre / dot | band width ours / dagre / dot | CPU ms ours / dagre / dot | ours runs "
              "ms |\n"
              "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n";
        for (const Row& r : rows) {
            std::string runs;
            for (double ms : r.ours.runs)
                runs += (runs.empty() ? "" : " ") + format("%.1f", ms);
            auto seg = [](const EngineRun& e) {
                return e.status == Status::Ok ? std::to_string(e.quality.segments) : std::string("-");
            };
            auto hgt = [](const EngineRun& e) {
                return e.status == Status::Ok ? format("%.0f", e.quality.height) : std::string("-");
            };
            md += format("| %s | %s | %d | %lld | ", r.input.name.c_str(),
                r.input.synthetic ? "generated"
                                  : QFileInfo(QString::fromStdString(r.input.origin)).fileName().toStdString().c_str(),
                r.oursLayers, static_cast<long long>(r.oursLayeredCrossings));
            auto band = [](const EngineRun& e) {
                return e.status == Status::Ok ? format("%.0f", e.quality.bandWidth) : std::string("-");
            };
            md += seg(r.ours) + " / " + seg(r.dagre) + " / " + seg(r.dot) + " | " + hgt(r.ours) + " / " + hgt(r.dagre)
                + " / " + hgt(r.dot) + " | " + band(r.ours) + " / " + band(r.dagre) + " / " + band(r.dot) + " | "
                + cpuText(r.ours) + " / " + cpuText(r.dagre) + " / " + cpuText(r.dot) + " | " + runs + " |\n";
        }
        if (!writeText(cfg.markdown.toStdString(), md)) {
            std::fprintf(stderr, "wb_bench_layout: cannot write %s\n", cfg.markdown.toLocal8Bit().constData());
            return 1;
        }
        std::fprintf(stderr, "wrote %s\n", cfg.markdown.toLocal8Bit().constData());
    }
    for (const Row& r : rows) {
        if (r.dagre.status == Status::Failed || r.dot.status == Status::Failed)
            return 1;
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    return runLayoutBench(app.arguments().mid(1));
}
