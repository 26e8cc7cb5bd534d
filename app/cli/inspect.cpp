#include "commands.h"
#include "inspectom.h"
#include "onnx/onnxmodel.h"
#include "onnx/shapeinference.h"
#include "onnx/summaryjson.h"

#include <QJsonArray>

#include <QCommandLineParser>
#include <QJsonObject>
#include <QLocale>

namespace wb::cli {

namespace {

QString tensorLines(const QList<TensorInfo>& tensors, int width)
{
    QString out;
    for (const TensorInfo& t : tensors) {
        out += QStringLiteral("  %1  %2  %3%4\n")
                   .arg(t.name, -width)
                   .arg(t.dtype, -8)
                   .arg(t.shapeText(), t.isDynamic() ? QStringLiteral("   <- dynamic") : QString());
    }
    return out.isEmpty() ? QStringLiteral("  (none)\n") : out;
}

QString textReport(const ModelSummary& s)
{
    const QLocale c = QLocale::c();
    QStringList opsets;
    for (const OpsetInfo& o : s.opsets)
        opsets.append(
            QStringLiteral("%1 %2").arg(o.domain.isEmpty() ? QStringLiteral("ai.onnx") : o.domain).arg(o.version));
    QStringList ops;
    for (auto it = s.opTypes.cbegin(); it != s.opTypes.cend(); ++it)
        ops.append(QStringLiteral("%1 %2").arg(it.key()).arg(it.value()));

    int width = 4;
    for (const QList<TensorInfo>* list : { &s.inputs, &s.outputs }) {
        for (const TensorInfo& t : *list)
            width = qMax(width, int(t.name.size()));
    }
    QString out;
    out += QStringLiteral("Model:       %1 (%2 bytes)\n").arg(s.path).arg(s.fileSize);
    out += QStringLiteral("IR version:  %1\n").arg(s.irVersion);
    out += QStringLiteral("Producer:    %1 %2\n").arg(s.producerName, s.producerVersion);
    out += QStringLiteral("Opsets:      %1\n").arg(opsets.join(QStringLiteral(", ")));
    out += QStringLiteral("Nodes:       %1 in the main graph, %2 in all graphs\n")
               .arg(s.nodeCount)
               .arg(s.nodeCountTotal);
    out += QStringLiteral("Weights:     %1 initializers, %2 bytes, %3 parameters\n")
               .arg(s.initializerCount)
               .arg(s.initializerBytes)
               .arg(c.toString(s.parameterCount));
    out += QStringLiteral("Inputs:\n") + tensorLines(s.inputs, width);
    out += QStringLiteral("Outputs:\n") + tensorLines(s.outputs, width);
    out += QStringLiteral("Operators:   %1\n").arg(ops.join(QStringLiteral(", ")));
    if (!s.customDomainOps.isEmpty())
        out += QStringLiteral("Custom ops:  %1\n").arg(s.customDomainOps.join(QStringLiteral(", ")));
    if (!s.controlFlowOps.isEmpty())
        out += QStringLiteral("Control flow: %1\n").arg(s.controlFlowOps.join(QStringLiteral(", ")));
    for (const QString& w : s.warnings)
        out += QStringLiteral("Warning:     %1\n").arg(w);
    return out;
}

} // namespace

int runInspect(const QStringList& args)
{
    // An .om or the JSON of `atc --mode=1`: the OM inspector (inspectom.cpp).
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--input-shape")) {
            ++i;
            continue;
        }
        if (!args.at(i).startsWith(QLatin1Char('-'))) {
            if (looksLikeOm(args.at(i)))
                return runInspectOm(args);
            break;
        }
    }
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Summarise an ONNX model."));
    const QCommandLineOption json(
        QStringLiteral("json"), QStringLiteral("Print one JSON object (the documented contract)."));
    const QCommandLineOption inputShape(QStringLiteral("input-shape"),
        QStringLiteral("Fix these inputs (ATC syntax, e.g. \"a:1,3,224,224;b:1,10\") and infer every tensor's shape."),
        QStringLiteral("SPEC"));
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help."));
    parser.addOptions({ json, inputShape, help });
    parser.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("The .onnx file."));
    const bool wantJson = args.contains(QStringLiteral("--json"));
    if (!parser.parse(QStringList { QStringLiteral("atcwb inspect") } + args))
        return usageError(QStringLiteral("inspect"), parser.errorText(), wantJson);
    if (parser.isSet(help)) {
        printText(QStringLiteral("Usage: atcwb inspect MODEL [--input-shape SPEC] [--json]\n\n")
            + parser.helpText().section(QLatin1Char('\n'), 2));
        return Ok;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(QStringLiteral("inspect"),
            positional.isEmpty() ? QStringLiteral("missing MODEL")
                                 : QStringLiteral("expected one MODEL, got %1").arg(positional.size()),
            wantJson);

    std::optional<QList<InputShapeSpec>> shapes;
    if (parser.isSet(inputShape)) {
        const auto parsed = parseInputShapeSpec(parser.value(inputShape));
        if (!parsed.ok())
            return usageError(QStringLiteral("inspect"), parsed.error().message, wantJson);
        shapes = parsed.value();
    }
    const Result<OnnxModelPtr> result = OnnxModel::load(positional.first());
    if (!result.ok())
        return inputError(result.error(), wantJson);
    const ModelSummary& s = result.value()->summary();
    if (!shapes) {
        if (wantJson)
            printJson(summaryToJson(s));
        else
            printText(textReport(s));
        return Ok;
    }
    const Result<InferenceResult> inferred = inferShapes(*result.value(), *shapes);
    if (!inferred.ok())
        return inputError(inferred.error(), wantJson);
    const InferenceResult& r = inferred.value();
    if (wantJson) {
        QJsonObject object = summaryToJson(s);
        QJsonArray inputs;
        for (const TensorInfo& t : r.inputs)
            inputs.append(tensorToJson(t));
        object.insert(QStringLiteral("inputs"), inputs); // as fixed
        QJsonArray outputs;
        for (const TensorInfo& t : r.outputs)
            outputs.append(tensorToJson(t));
        object.insert(QStringLiteral("outputs"), outputs); // as inferred
        QJsonArray tensors;
        for (qsizetype i = 0; i < r.tensors.size(); ++i) {
            const TensorInfo& t = r.tensors.at(i);
            const ShapeFact& f = r.facts.at(i);
            QJsonObject tensor { { QStringLiteral("name"), t.name },
                { QStringLiteral("shape"), tensorToJson(t).value(QStringLiteral("shape")) },
                { QStringLiteral("status"), shapeStatusName(f.status) } };
            if (!f.origin.isEmpty() && f.status != ShapeStatus::Static)
                tensor.insert(QStringLiteral("origin"), f.origin);
            if (f.folded)
                tensor.insert(QStringLiteral("folded"), true);
            if (!f.value.isEmpty())
                tensor.insert(QStringLiteral("value"), f.value);
            tensors.append(tensor);
        }
        object.insert(QStringLiteral("tensors"), tensors);
        object.insert(QStringLiteral("still_dynamic"), QJsonArray::fromStringList(r.stillDynamic));
        object.insert(QStringLiteral("unknown_shapes"), QJsonArray::fromStringList(r.unknownShapes));
        object.insert(QStringLiteral("folded_nodes"), r.foldedNodes);
        QJsonArray origins;
        for (const ShapeOrigin& o : r.origins)
            origins.append(QJsonObject { { QStringLiteral("node"), o.node }, { QStringLiteral("op_type"), o.opType },
                { QStringLiteral("status"), shapeStatusName(o.status) }, { QStringLiteral("message"), o.message },
                { QStringLiteral("tensors"), QJsonArray::fromStringList(o.tensors) } });
        object.insert(QStringLiteral("origins"), origins);
        QJsonArray warnings = object.value(QStringLiteral("warnings")).toArray();
        for (const ShapeOrigin& o : r.origins)
            warnings.append(o.message);
        for (const QString& w : r.warnings)
            warnings.append(w);
        object.insert(QStringLiteral("warnings"), warnings);
        printJson(object);
        return Ok;
    }
    ModelSummary fixed = s;
    fixed.inputs = r.inputs;
    fixed.outputs = r.outputs;
    for (const ShapeOrigin& o : r.origins)
        fixed.warnings.append(o.message);
    fixed.warnings.append(r.warnings);
    QString out = textReport(fixed);
    out += QStringLiteral("Tensors:     %1 inferred (%2 nodes of shape arithmetic folded), %3 dynamic, %4 unknown\n")
               .arg(r.tensors.size())
               .arg(r.foldedNodes)
               .arg(r.stillDynamic.size())
               .arg(r.unknownShapes.size());
    int shown = 0;
    for (qsizetype i = 0; i < r.tensors.size(); ++i) {
        const TensorInfo& t = r.tensors.at(i);
        const ShapeFact& f = r.facts.at(i);
        if (f.status != ShapeStatus::Static && shown++ < 50)
            out += QStringLiteral("  %1  %2  %3 (%4)\n")
                       .arg(t.name, t.shape ? t.shapeText() : QStringLiteral("unknown"), shapeStatusName(f.status),
                           f.origin);
    }
    printText(out);
    return Ok;
}

namespace {
const bool registered = registerCommand({ "inspect",
    "inspect MODEL [--input-shape SPEC] [--json]\n"
    "       inspect MODEL.om|OM.json [--model SOURCE.onnx] [--toolkit PATH] [--json]",
    "Summarise a model: IR version, producer, opsets, inputs and outputs with dtype and shape\n"
    "(dynamic dims marked), node and operator counts, initializers, warnings. With --input-shape,\n"
    "also fix those inputs, infer every tensor's shape (folding shape arithmetic) and say why any\n"
    "tensor is not static: it follows an input left dynamic, depends on data, or is unknown here.\n"
    "For an .om (or the JSON of atc --mode=1, no toolkit needed): its attributes, inputs and outputs,\n"
    "every op with its engine (AI Core, AI CPU, ...), the ONNX nodes fused into it and the fusion\n"
    "passes; mapped to the source ONNX model (--model, or the one its atc_cmdline names) with\n"
    "folded-away nodes and inserted ops; findings (AI CPU ops, inserted conversions); with a\n"
    "toolkit, cross-checked with `atc --mode=1`.",
    &runInspect, 10 });
} // namespace

} // namespace wb::cli
