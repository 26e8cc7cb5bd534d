// Graph-view benchmark: frame time of wb::GraphView while panning a generated 20k-node ONNX model, offscreen. The
// model is the layout benchmark's synthetic graph (synthgraph.h) written by tools/modelgen (synthetic.h); it is
// opened like the app opens a model (OnnxModel::load, GraphDocument::build, layoutDocument).
//
// A program to run by hand (scripts/bench-layout.sh, bench/README-layout.md), not a ctest test.
// Exit codes: 0 measured (whether or not the target is met), 1 something failed, 2 usage.

#include "synthetic.h"
#include "synthgraph.h"

#include "graph/graphdocument.h"
#include "graph/graphscene.h"
#include "graph/graphview.h"
#include "graph/layout.h"
#include "graph/visiblegraph.h"
#include "onnx/onnxmodel.h"
#include "util/percentile.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QScrollBar>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace {

using namespace wbbench;

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return wb::percentileOfSortedSamples(v, p * 100.0); // the tree's percentile (numpy's linear one)
}

// The generated graph as an ONNX model, written by tools/modelgen.
bool writeOnnx(const SynthGraph& g, const std::string& path, std::string& error)
{
    modelgen::SyntheticGraph spec;
    spec.name = g.name;
    spec.edges = g.edges;
    for (const Role role : g.roles) {
        spec.kinds.push_back(role == Role::Head ? modelgen::SyntheticGraph::Kind::Head
                : role == Role::Join            ? modelgen::SyntheticGraph::Kind::Join
                                                : modelgen::SyntheticGraph::Kind::Plain);
    }
    const onnx::ModelProto model = modelgen::syntheticModel(spec);
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (!f || !model.SerializeToOstream(&f)) {
        error = "cannot write " + path;
        return false;
    }
    return true;
}

int runGraphviewBench(QApplication& app, const QStringList& args)
{
    QString work = QStringLiteral("/tmp/wb-bench-layout");
    int nodes = 20000;
    int frames = 120;
    QString markdown;
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--work") && i + 1 < args.size()) {
            work = args[++i];
        } else if (args[i] == QLatin1String("--nodes") && i + 1 < args.size()) {
            nodes = args[++i].toInt();
        } else if (args[i] == QLatin1String("--frames") && i + 1 < args.size()) {
            frames = std::max(2, args[++i].toInt());
        } else if (args[i] == QLatin1String("--markdown") && i + 1 < args.size()) {
            markdown = args[++i];
        } else {
            std::fprintf(stderr,
                "usage: wb_bench_graphview [--nodes 20000] [--frames 120] [--work DIR] [--markdown FILE]\n"
                "Writes a generated ONNX model, opens it like the app (OnnxModel::load, GraphDocument::build,\n"
                "layoutDocument), shows it in a 1280x800 wb::GraphView (offscreen) and times full repaints while\n"
                "panning at several zoom levels.\n");
            return 2;
        }
    }
    QDir().mkpath(work);
    const std::string machine = machineLine();
    const SynthGraph g = generateGraph(nodes, kSeed);
    const std::string path = (work + QLatin1Char('/')).toStdString() + g.name + ".onnx";
    std::string error;
    if (!writeOnnx(g, path, error)) {
        std::fprintf(stderr, "wb_bench_graphview: %s\n", error.c_str());
        return 1;
    }
    QElapsedTimer t;
    t.start();
    const auto loaded = wb::OnnxModel::load(QString::fromStdString(path));
    if (!loaded.ok()) {
        std::fprintf(stderr, "wb_bench_graphview: %s\n", loaded.error().message.toLocal8Bit().constData());
        return 1;
    }
    const double loadMs = double(t.nsecsElapsed()) / 1e6;
    t.restart();
    const auto doc = wb::graph::GraphDocument::build(*loaded.value());
    const double docMs = double(t.nsecsElapsed()) / 1e6;
    wb::graph::GraphLayout laidOut = wb::graph::layoutDocument(*doc, {});
    const int items = static_cast<int>(laidOut.visible.items.size());
    const qint64 layoutMs = laidOut.layoutMs;
    const double sceneW = laidOut.layout.width, sceneH = laidOut.layout.height;
    t.restart();
    auto scene = std::make_shared<wb::GraphScene>();
    scene->set(doc, std::move(laidOut));
    const double sceneMs = double(t.nsecsElapsed()) / 1e6;

    wb::GraphView view;
    view.resize(1280, 800);
    t.restart();
    view.setScene(scene);
    const double setSceneMs = double(t.nsecsElapsed()) / 1e6; // includes building the overview image
    view.show();
    app.processEvents();
    std::fprintf(stderr,
        "%s\n%s: %d items drawn, scene %.0f x %.0f; load %.1f ms, document %.1f ms, layout %lld ms, scene index "
        "%.1f ms, setScene (overview image) %.1f ms; viewport %d x %d\n",
        machine.c_str(), path.c_str(), items, sceneW, sceneH, loadMs, docMs, static_cast<long long>(layoutMs), sceneMs,
        setSceneMs, view.viewport()->width(), view.viewport()->height());

    struct Level {
        std::string name;
        double scale; // <= 0: fit
    };
    const std::vector<Level> levels { { "fit", 0 }, { "0.005 (min)", 0.005 }, { "0.02", 0.02 }, { "0.1", 0.1 },
        { "0.25", 0.25 }, { "0.5", 0.5 }, { "1.0", 1.0 } };
    struct Measured {
        std::string name;
        double scale;
        double medianMs, p95Ms, maxMs;
        int overviewFrames;
        int frames;
        double medianBoxes;
        double cpuMedianMs, cpuP95Ms; // the GUI thread's CPU time per frame
    };
    constexpr double kViewMargin = 40; // GraphView's margin around the scene (view pixels)
    std::vector<QPointF> byY;
    for (const QRectF& r : scene->layout.layout.nodes)
        byY.push_back(r.center());
    std::sort(byY.begin(), byY.end(), [](const QPointF& a, const QPointF& b) { return a.y() < b.y(); });
    std::vector<Measured> results;
    for (const Level& level : levels) {
        if (level.scale <= 0)
            view.fitToView();
        else
            view.setScale(level.scale);
        app.processEvents();
        std::fprintf(stderr, "  %s: scale %.4f, scroll ranges %d x %d, scene bounds %.0f x %.0f\n", level.name.c_str(),
            view.scale(), view.horizontalScrollBar()->maximum(), view.verticalScrollBar()->maximum(),
            view.scene()->bounds().width(), view.scene()->bounds().height());
        QScrollBar* h = view.horizontalScrollBar();
        QScrollBar* v = view.verticalScrollBar();
        std::vector<double> ms, cpu, boxes;
        int overview = 0;
        view.viewport()->repaint(); // warm-up
        for (int f = 0; f < frames; ++f) {
            // Follow the drawing from top to bottom, as a user panning along the graph would: centre the view on
            // evenly spaced boxes (in y order), so every frame shows a different, populated part of the graph.
            const QPointF c = byY[static_cast<size_t>(f) * (byY.size() - 1) / static_cast<size_t>(frames - 1)];
            h->setValue(
                static_cast<int>(std::lround(c.x() * view.scale() + kViewMargin - view.viewport()->width() / 2.0)));
            v->setValue(
                static_cast<int>(std::lround(c.y() * view.scale() + kViewMargin - view.viewport()->height() / 2.0)));
            const double c0 = threadCpuMs();
            QElapsedTimer ft;
            ft.start();
            view.viewport()->repaint();
            ms.push_back(double(ft.nsecsElapsed()) / 1e6);
            cpu.push_back(threadCpuMs() - c0);
            overview += view.usesOverview() ? 1 : 0;
            boxes.push_back(double(scene->items.query(view.visibleSceneRect()).size()));
        }
        app.processEvents();
        results.push_back(
            { level.name, view.scale(), median(ms), percentile(ms, 0.95), *std::max_element(ms.begin(), ms.end()),
                overview, frames, median(boxes), median(cpu), percentile(cpu, 0.95) });
    }

    std::string md = "Measured " + machine + ".\n\n";
    md += format("`%s`: %d nodes generated, %d boxes drawn, layout %lld ms, scene %.0f x %.0f; viewport %d x %d "
                 "(QT_QPA_PLATFORM=%s). %d frames per zoom level: each frame moves the scroll bars to centre the "
                 "next of evenly spaced boxes (top to bottom, following the drawing) and times "
                 "`viewport()->repaint()`.\n\n",
        QFileInfo(QString::fromStdString(path)).fileName().toStdString().c_str(), nodes, items,
        static_cast<long long>(layoutMs), sceneW, sceneH, view.viewport()->width(), view.viewport()->height(),
        qgetenv("QT_QPA_PLATFORM").constData(), frames);
    md += "| zoom | scale | median ms | p95 ms | max ms | CPU median ms | CPU p95 ms | boxes in view (median) | frames "
          "from the overview image |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";
    double worstP95 = 0;
    for (const Measured& m : results) {
        md += format("| %s | %.3f | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f | %d / %d |\n", m.name.c_str(), m.scale,
            m.medianMs, m.p95Ms, m.maxMs, m.cpuMedianMs, m.cpuP95Ms, m.medianBoxes, m.overviewFrames, m.frames);
        worstP95 = std::max(worstP95, m.p95Ms);
    }
    double worstMedian = 0, worstCpuP95 = 0;
    for (const Measured& m : results) {
        worstMedian = std::max(worstMedian, m.medianMs);
        worstCpuP95 = std::max(worstCpuP95, m.cpuP95Ms);
    }
    md += format("\n- Frame time while panning a %d-node graph under 16 ms: %s (highest median %.2f ms, highest "
                 "p95 %.2f ms wall, %.2f ms CPU)\n",
        nodes, worstP95 < 16 ? "met" : (worstMedian < 16 ? "met at the median, NOT at p95" : "NOT met"), worstMedian,
        worstP95, worstCpuP95);
    std::printf("%s", md.c_str());
    if (!markdown.isEmpty()) {
        QFile f(markdown);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(md.data(), qint64(md.size())) < 0) {
            std::fprintf(stderr, "wb_bench_graphview: cannot write %s\n", markdown.toLocal8Bit().constData());
            return 1;
        }
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    return runGraphviewBench(app, app.arguments().mid(1));
}
