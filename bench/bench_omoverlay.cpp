// OM engine overlay on a 20k-node graph: the time to map a matching OM onto the ONNX graph and turn it into the
// Graph page's per-node fills (what OmPage + GraphPage::applyState do when an OM is opened), and the cost of
// painting with those fills, against the plain colouring measured in the same run (paintScene of the same
// 1280x800 views without fills). A program to run by hand (see README, "OM inspector"), not a ctest test.
//
//   wb_bench_omoverlay [--nodes 20000] [--repeat 30] [--work DIR]
#include "graph/graphdocument.h"
#include "graph/graphscene.h"
#include "graph/layout.h"
#include "om/ommapping.h"
#include "om/ommodel.h"
#include "onnx/onnxmodel.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QSysInfo>
#include <QThread>

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// A residual chain of blocks Conv -> Relu -> Add(skip), three nodes a block.
bool writeChain(int nodes, const std::string& path)
{
    onnx::ModelProto model;
    model.set_ir_version(7);
    model.add_opset_import()->set_version(13);
    onnx::GraphProto* g = model.mutable_graph();
    g->set_name("omoverlay");
    auto* in = g->add_input();
    in->set_name("x");
    in->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
    auto* w = g->add_initializer();
    w->set_name("w");
    w->set_data_type(onnx::TensorProto::FLOAT);
    for (int d = 0; d < 4; ++d)
        w->add_dims(1);
    w->add_float_data(1.0f);
    std::string x = "x";
    for (int b = 0; b < nodes / 3; ++b) {
        const std::string p = "/b" + std::to_string(b);
        auto add = [&](const char* type, const std::string& name, std::vector<std::string> inputs) {
            auto* n = g->add_node();
            n->set_op_type(type);
            n->set_name(name);
            for (const std::string& i : inputs)
                n->add_input(i);
            n->add_output(name + ":0");
            return name + ":0";
        };
        const std::string c = add("Conv", p + "/conv/Conv", { x, "w" });
        const std::string r = add("Relu", p + "/relu/Relu", { c });
        x = add("Add", p + "/add/Add", { r, x });
    }
    auto* out = g->add_output();
    out->set_name(x);
    out->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
    std::ofstream file(path, std::ios::binary);
    return model.SerializeToOstream(&file);
}

// The OM ATC could have made of it: Conv+Relu fused into one AI Core op (the Relu folded away in every 13th block),
// Add on the AI Core (on the AI CPU in every 25th block), a TransData inserted in every 10th block.
wb::OmModel matchingOm(int nodes)
{
    wb::OmModel om;
    om.name = QStringLiteral("omoverlay");
    const auto op = [](const QString& name, const char* type, wb::OmEngine engine, QStringList onnx) {
        wb::OmOp o;
        o.name = name;
        o.type = QString::fromLatin1(type);
        o.engine = engine;
        o.onnxNodes = std::move(onnx);
        return o;
    };
    om.ops.append(op(QStringLiteral("x"), "Data", wb::OmEngine::GeLocal, {}));
    for (int b = 0; b < nodes / 3; ++b) {
        const QString p = QStringLiteral("/b%1").arg(b);
        QStringList fused { p + QStringLiteral("/conv/Conv") };
        if (b % 13 != 0)
            fused.append(p + QStringLiteral("/relu/Relu"));
        om.ops.append(op(p + QStringLiteral("/conv/Conv"), "Conv2D", wb::OmEngine::AiCore, fused));
        if (b % 10 == 0)
            om.ops.append(op(QStringLiteral("trans_TransData_%1").arg(b), "TransData", wb::OmEngine::AiCore, {}));
        om.ops.append(op(p + QStringLiteral("/add/Add"), "Add",
            b % 25 == 0 ? wb::OmEngine::AiCpu : wb::OmEngine::AiCore, { p + QStringLiteral("/add/Add") }));
    }
    om.ops.append(op(QStringLiteral("Node_Output"), "NetOutput", wb::OmEngine::GeLocal, {}));
    return om;
}

QColor engineColor(wb::OmEngine e)
{
    return e == wb::OmEngine::AiCpu ? QColor(0x8a, 0x51, 0x00)
        : e == wb::OmEngine::AiCore ? QColor(0x1f, 0x4e, 0x8c)
                                    : QColor(0x80, 0x80, 0x80);
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    int nodes = 20000;
    int repeat = 30;
    QString work = QDir::tempPath() + QStringLiteral("/wb-bench-omoverlay");
    const QStringList args = app.arguments().mid(1);
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--nodes") && i + 1 < args.size())
            nodes = args[++i].toInt();
        else if (args[i] == QLatin1String("--repeat") && i + 1 < args.size())
            repeat = std::max(3, args[++i].toInt());
        else if (args[i] == QLatin1String("--work") && i + 1 < args.size())
            work = args[++i];
        else {
            std::fprintf(stderr, "usage: wb_bench_omoverlay [--nodes 20000] [--repeat 30] [--work DIR]\n");
            return 2;
        }
    }
    QDir().mkpath(work);
    const std::string path = (work + QStringLiteral("/omoverlay.onnx")).toStdString();
    if (!writeChain(nodes, path)) {
        std::fprintf(stderr, "wb_bench_omoverlay: cannot write %s\n", path.c_str());
        return 1;
    }
    const auto loaded = wb::OnnxModel::load(QString::fromStdString(path));
    if (!loaded.ok()) {
        std::fprintf(stderr, "wb_bench_omoverlay: %s\n", qPrintable(loaded.error().message));
        return 1;
    }
    const auto doc = wb::graph::GraphDocument::build(*loaded.value());
    auto scene = std::make_shared<wb::GraphScene>();
    scene->set(doc, wb::graph::layoutDocument(*doc, {}));
    const wb::OmModel om = matchingOm(nodes);

    // 1. The overlay: OM -> mapping -> engine per node -> fill per drawn item (GraphPage::applyState's resolution).
    std::vector<double> overlayMs;
    QHash<int, QColor> itemFills;
    wb::OmMapping mapping;
    for (int r = 0; r < repeat; ++r) {
        QElapsedTimer t;
        t.start();
        mapping = wb::mapOmToOnnx(om, wb::onnxNodeNames(*doc));
        const QHash<QString, wb::OmEngine> engines = wb::onnxNodeEngines(om, mapping);
        QHash<QString, QColor> fills;
        fills.reserve(engines.size() + mapping.foldedAway.size());
        for (auto it = engines.cbegin(); it != engines.cend(); ++it)
            fills.insert(it.key(), engineColor(it.value()));
        for (const QString& node : mapping.foldedAway)
            fills.insert(node, QColor(0xd8, 0xd8, 0xd8));
        itemFills.clear();
        for (auto it = fills.cbegin(); it != fills.cend(); ++it) {
            const int node = doc->indexOf(it.key());
            const int item = node >= 0 ? scene->layout.visible.itemOfNode.value(node, -1) : -1;
            if (item >= 0)
                itemFills.insert(item, it.value());
        }
        overlayMs.push_back(double(t.nsecsElapsed()) / 1e6);
    }

    // 2. Painting 1280x800 views along the graph at 100 % and 50 %: plain colouring (the reference) and with fills.
    wb::RenderState plain;
    wb::RenderState filled;
    filled.fills = itemFills;
    std::vector<QPointF> centres;
    for (const QRectF& rect : scene->layout.layout.nodes)
        centres.push_back(rect.center());
    std::sort(centres.begin(), centres.end(), [](QPointF a, QPointF b) { return a.y() < b.y(); });
    QImage image(1280, 800, QImage::Format_ARGB32_Premultiplied);
    std::vector<double> plainMs, filledMs;
    for (double scale : { 1.0, 0.5 }) {
        for (int f = 0; f < repeat; ++f) {
            const QPointF c = centres[size_t(f) * (centres.size() - 1) / size_t(repeat - 1)];
            const QRectF area(c.x() - 640 / scale, c.y() - 400 / scale, 1280 / scale, 800 / scale);
            for (const auto& [state, out] : { std::pair { &plain, &plainMs }, std::pair { &filled, &filledMs } }) {
                image.fill(Qt::white);
                QPainter p(&image);
                p.scale(scale, scale);
                p.translate(-area.topLeft());
                QElapsedTimer t;
                t.start();
                wb::paintScene(p, *scene, area, scale, *state);
                out->push_back(double(t.nsecsElapsed()) / 1e6);
            }
        }
    }
    const double overlay = median(overlayMs);
    const double plainFrame = median(plainMs);
    const double filledFrame = median(filledMs);
    std::printf("Measured on %s, %d cores, QT_QPA_PLATFORM=%s.\n\n", qPrintable(QSysInfo::prettyProductName()),
        QThread::idealThreadCount(), qgetenv("QT_QPA_PLATFORM").constData());
    std::printf("%d ONNX nodes (%lld drawn items), OM of %lld ops: %lld nodes mapped, %lld folded away, %lld ops with "
                "no ONNX origin. %d repetitions, medians.\n\n",
        int(doc->nodes().size()), qlonglong(scene->layout.visible.items.size()), qlonglong(om.ops.size()),
        qlonglong(mapping.onnxToOps.size()), qlonglong(mapping.foldedAway.size()), qlonglong(mapping.noOrigin.size()),
        repeat);
    std::printf("| step | median ms | against a plain frame |\n| --- | ---: | ---: |\n");
    std::printf("| plain frame (reference: paintScene, 1280x800, no fills) | %.2f | 1.00 |\n", plainFrame);
    std::printf("| frame with engine fills | %.2f | %.2f |\n", filledFrame, filledFrame / plainFrame);
    std::printf("| overlay update (map + engines + fills per item) | %.2f | %.2f |\n", overlay, overlay / plainFrame);
    std::printf("\nOverlay update against a 16.7 ms frame: %.0f %%.\n", 100.0 * overlay / 16.7);
    return 0;
}
