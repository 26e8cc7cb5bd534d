#include "commands.h"
#include "graph/visiblegraph.h"
#include "onnx/onnxmodel.h"
#include "onnx/shapeinference.h"
#include "util/atomicfile.h"

#include "process/toolcapture.h"
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>

#include <cmath>

namespace wb::cli {

namespace {

// PNG needs a raster engine and fonts, which atcwb does not link: the GUI binary beside it renders the same layout.
Error exportPng(const QString& model, const QString& png, const QStringList& passThrough)
{
    const QString gui = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("atc-workbench"));
    if (!QFileInfo(gui).isExecutable())
        return { QStringLiteral("tool_missing"),
            QStringLiteral("PNG export is done by atc-workbench, which was not found next to atcwb (%1). Export "
                           "SVG instead, or install the GUI.")
                .arg(QDir::toNativeSeparators(gui)),
            {} };
    ToolInvocation invocation; // through ToolRunner, the one owner of child processes
    invocation.program = gui;
    invocation.arguments = QStringList { QStringLiteral("--export-graph"), png } + passThrough + QStringList { model };
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!env.contains(QStringLiteral("QT_QPA_PLATFORM")))
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    invocation.environment = env;
    invocation.timeoutMs = 300000;
    const ToolCapture capture = runToCompletion(invocation);
    if (!capture.result.ok())
        return { QStringLiteral("export_failed"),
            QStringLiteral("Rendering %1 failed: %2 %3")
                .arg(png, describe(capture.result, QStringLiteral("atc-workbench")),
                    QString::fromLocal8Bit(capture.err).trimmed()),
            {} };
    return {};
}

int runGraph(const QStringList& args)
{
    const bool json = args.contains(QStringLiteral("--json"));
    QCommandLineParser parser;
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Print layout statistics as JSON."));
    const QCommandLineOption exportOpt(
        QStringLiteral("export"), QStringLiteral("Write the picture (.svg or .png)."), QStringLiteral("FILE"));
    const QCommandLineOption depthOpt(QStringLiteral("collapse-depth"),
        QStringLiteral("Collapse name scopes deeper than K (e.g. /model.22/cv2 is depth 2)."), QStringLiteral("K"));
    const QCommandLineOption dirOpt(
        QStringLiteral("direction"), QStringLiteral("TB (top to bottom, default) or LR."), QStringLiteral("DIR"));
    const QCommandLineOption shapeOpt(QStringLiteral("input-shape"),
        QStringLiteral("Fix inputs before inferring the shapes shown on edges."), QStringLiteral("SPEC"));
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help."));
    parser.addOptions({ jsonOpt, exportOpt, depthOpt, dirOpt, shapeOpt, help });
    parser.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("The .onnx file."));
    if (!parser.parse(QStringList { QStringLiteral("atcwb graph") } + args))
        return usageError(QStringLiteral("graph"), parser.errorText(), json);
    if (parser.isSet(help)) {
        printText(QStringLiteral("Usage: atcwb graph MODEL [--json] [--export FILE.svg|FILE.png] [--collapse-depth K] "
                                 "[--direction TB|LR] [--input-shape SPEC]\n\n")
            + parser.helpText().section(QLatin1Char('\n'), 2));
        return Ok;
    }
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("graph"), QStringLiteral("expected one MODEL"), json);
    int depth = -1;
    if (parser.isSet(depthOpt)) {
        bool ok = false;
        depth = parser.value(depthOpt).toInt(&ok);
        if (!ok || depth < 0)
            return usageError(
                QStringLiteral("graph"), QStringLiteral("--collapse-depth takes a whole number >= 0"), json);
    }
    graph::LayoutOptions options;
    const QString direction = parser.value(dirOpt).toUpper();
    if (direction == QLatin1String("LR"))
        options.direction = graph::LayoutOptions::Direction::LeftToRight;
    else if (!direction.isEmpty() && direction != QLatin1String("TB"))
        return usageError(QStringLiteral("graph"), QStringLiteral("--direction is TB or LR"), json);
    const QString exportPath = parser.value(exportOpt);
    const QString suffix = QFileInfo(exportPath).suffix().toLower();
    if (!exportPath.isEmpty() && suffix != QLatin1String("svg") && suffix != QLatin1String("png"))
        return usageError(QStringLiteral("graph"), QStringLiteral("--export writes .svg or .png files"), json);
    QList<InputShapeSpec> specs;
    if (parser.isSet(shapeOpt)) {
        const auto parsed = parseInputShapeSpec(parser.value(shapeOpt));
        if (!parsed.ok())
            return usageError(QStringLiteral("graph"), parsed.error().message, json);
        specs = parsed.value();
    }

    const QString modelPath = parser.positionalArguments().first();
    const Result<OnnxModelPtr> model = OnnxModel::load(modelPath);
    if (!model.ok())
        return inputError(model.error(), json);
    QHash<QString, TensorInfo> shapes;
    const Result<InferenceResult> inferred = inferShapes(*model.value(), specs);
    if (!inferred.ok() && !specs.isEmpty())
        return inputError(inferred.error(), json);
    if (inferred.ok()) {
        for (const TensorInfo& t : inferred.value().tensors)
            shapes.insert(t.name, t);
    }
    const auto doc = graph::GraphDocument::build(*model.value(), shapes);
    const graph::GraphLayout layout = graph::layoutDocument(*doc, graph::CollapseState::atDepth(*doc, depth), options);

    if (suffix == QLatin1String("svg")) {
        if (const Result<bool> written = writeFileAtomically(exportPath, graph::toSvg(layout)); !written.ok())
            return inputError(written.error(), json);
    } else if (suffix == QLatin1String("png")) {
        QStringList pass;
        for (const QCommandLineOption* o : { &depthOpt, &dirOpt, &shapeOpt }) {
            if (parser.isSet(*o))
                pass << QStringLiteral("--") + o->names().first() << parser.value(*o);
        }
        const Error e = exportPng(modelPath, exportPath, pass);
        if (!e.code.isEmpty())
            return inputError(e, json);
    }
    int inputs = 0, outputs = 0;
    for (const graph::Item& item : layout.visible.items) {
        inputs += item.category == graph::Category::Input ? 1 : 0;
        outputs += item.category == graph::Category::Output ? 1 : 0;
    }
    const QJsonObject stats {
        { QStringLiteral("nodes"), layout.visible.operatorBoxes + layout.visible.scopeBoxes },
        { QStringLiteral("edges"), layout.visible.edges.size() },
        { QStringLiteral("layers"), layout.layout.layers },
        { QStringLiteral("crossings"), layout.layout.crossings },
        { QStringLiteral("width"), qRound64(layout.layout.width) },
        { QStringLiteral("height"), qRound64(layout.layout.height) },
        { QStringLiteral("layout_ms"), std::round(layout.layoutMs * 100) / 100 },
        { QStringLiteral("inputs"), inputs },
        { QStringLiteral("outputs"), outputs },
        { QStringLiteral("scope_boxes"), layout.visible.scopeBoxes },
        { QStringLiteral("folded_constants"), doc->foldedConstantCount() },
    };
    if (json) {
        printJson(stats);
    } else {
        printText(QStringLiteral("%1 nodes, %2 edges, %3 layers, %4 crossings, %5 x %6, laid out in %7 ms\n")
                      .arg(stats.value(QStringLiteral("nodes")).toInt())
                      .arg(layout.visible.edges.size())
                      .arg(layout.layout.layers)
                      .arg(layout.layout.crossings)
                      .arg(qRound64(layout.layout.width))
                      .arg(qRound64(layout.layout.height))
                      .arg(layout.layoutMs, 0, 'f', 1));
        if (!exportPath.isEmpty())
            printText(
                QStringLiteral("Wrote %1\n").arg(QDir::toNativeSeparators(QFileInfo(exportPath).absoluteFilePath())));
    }
    return Ok;
}

const bool registered = registerCommand(
    { "graph", "graph MODEL [--json] [--export FILE.svg|FILE.png] [--collapse-depth K] [--direction TB|LR]",
        "Lay the graph out headless (Constants and initializers folded into their consumers) and print\n"
        "nodes, edges, layers, crossings, size and layout time; optionally write the picture.",
        &runGraph, 30 });

} // namespace

} // namespace wb::cli
