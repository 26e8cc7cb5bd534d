#include "onnx/surgery.h"
#include "commands.h"
#include "onnx/onnxmodel.h"
#include "onnx/simplify.h"
#include "onnx/summaryjson.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>

namespace wb::cli {

namespace {

// Parses `args` for a two-path command; returns nullopt after printing a usage error (exit code in *code).
struct PathArgs {
    QString in;
    QString out;
};

std::optional<PathArgs> parsePaths(QCommandLineParser& parser, const QString& command, const QString& usage,
    const QStringList& args, bool json, int* code)
{
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help."));
    parser.addOption(help);
    parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print the result as JSON.")));
    parser.addPositionalArgument(QStringLiteral("IN"), QStringLiteral("The source .onnx file (never modified)."));
    parser.addPositionalArgument(QStringLiteral("OUT"), QStringLiteral("The .onnx file to write."));
    if (!parser.parse(QStringList { QStringLiteral("atcwb ") + command } + args)) {
        *code = usageError(command, parser.errorText(), json);
        return std::nullopt;
    }
    if (parser.isSet(help)) {
        printText(QStringLiteral("Usage: atcwb %1\n\n").arg(usage) + parser.helpText().section(QLatin1Char('\n'), 2));
        *code = Ok;
        return std::nullopt;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        *code = usageError(command, QStringLiteral("expected IN and OUT, got %1 path(s)").arg(positional.size()), json);
        return std::nullopt;
    }
    return PathArgs { positional.at(0), positional.at(1) };
}

QStringList splitNames(const QString& value)
{
    QStringList names;
    for (const QString& n : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
        names.append(n.trimmed());
    return names;
}

int report(const Result<SurgeryResult>& result, bool json)
{
    if (!result.ok())
        return inputError(result.error(), json);
    const SurgeryResult& r = result.value();
    if (json) {
        QJsonArray inputs;
        for (const TensorInfo& t : r.summary.inputs)
            inputs.append(tensorToJson(t));
        QJsonArray outputs;
        for (const TensorInfo& t : r.summary.outputs)
            outputs.append(tensorToJson(t));
        printJson(QJsonObject {
            { QStringLiteral("path"), r.path },
            { QStringLiteral("data_path"),
                r.dataPath.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.dataPath) },
            { QStringLiteral("node_count"), r.summary.nodeCount },
            { QStringLiteral("inputs"), inputs },
            { QStringLiteral("outputs"), outputs },
            { QStringLiteral("still_dynamic"), QJsonArray::fromStringList(r.stillDynamic) },
            { QStringLiteral("warnings"), QJsonArray::fromStringList(r.warnings) },
        });
        return Ok;
    }
    QString text
        = QStringLiteral("Wrote %1 (%2 nodes)\n").arg(QDir::toNativeSeparators(r.path)).arg(r.summary.nodeCount);
    if (!r.dataPath.isEmpty())
        text += QStringLiteral("Weights in %1\n").arg(QDir::toNativeSeparators(r.dataPath));
    for (const TensorInfo& t : r.summary.inputs)
        text += QStringLiteral("  input  %1 %2 %3\n").arg(t.name, t.dtype, t.shapeText());
    for (const TensorInfo& t : r.summary.outputs)
        text += QStringLiteral("  output %1 %2 %3\n").arg(t.name, t.dtype, t.shapeText());
    if (!r.stillDynamic.isEmpty())
        text += QStringLiteral("Still dynamic: %1\n").arg(r.stillDynamic.join(QStringLiteral(", ")));
    printText(text);
    return Ok;
}

} // namespace

int runFixShapes(const QStringList& args)
{
    const bool json = args.contains(QStringLiteral("--json"));
    QCommandLineParser parser;
    const QCommandLineOption shape(QStringLiteral("input-shape"),
        QStringLiteral("Static shapes in ATC syntax, e.g. \"a:1,3,224,224;b:1,10\"."), QStringLiteral("SPEC"));
    parser.addOption(shape);
    int code = Ok;
    const auto paths = parsePaths(parser, QStringLiteral("fix-shapes"),
        QStringLiteral("fix-shapes IN OUT --input-shape SPEC [--json]"), args, json, &code);
    if (!paths)
        return code;
    if (!parser.isSet(shape))
        return usageError(QStringLiteral("fix-shapes"), QStringLiteral("--input-shape is required"), json);
    const auto specs = parseInputShapeSpec(parser.value(shape));
    if (!specs.ok())
        return usageError(QStringLiteral("fix-shapes"), specs.error().message, json);
    const Result<OnnxModelPtr> model = OnnxModel::load(paths->in);
    if (!model.ok())
        return inputError(model.error(), json);
    return report(writeStaticCopy(*model.value(), specs.value(), paths->out), json);
}

int runExtract(const QStringList& args)
{
    const bool json = args.contains(QStringLiteral("--json"));
    QCommandLineParser parser;
    const QCommandLineOption outputs(
        QStringLiteral("outputs"), QStringLiteral("Tensors the sub-model computes."), QStringLiteral("T1,T2"));
    const QCommandLineOption inputs(QStringLiteral("inputs"),
        QStringLiteral("Tensors the sub-model starts from (default: the model's inputs)."), QStringLiteral("T3,..."));
    parser.addOptions({ outputs, inputs });
    int code = Ok;
    const auto paths = parsePaths(parser, QStringLiteral("extract"),
        QStringLiteral("extract IN OUT --outputs T1,T2 [--inputs T3,...] [--json]"), args, json, &code);
    if (!paths)
        return code;
    if (!parser.isSet(outputs) || splitNames(parser.value(outputs)).isEmpty())
        return usageError(QStringLiteral("extract"), QStringLiteral("--outputs is required"), json);
    const Result<OnnxModelPtr> model = OnnxModel::load(paths->in);
    if (!model.ok())
        return inputError(model.error(), json);
    return report(extractSubModel(
                      *model.value(), splitNames(parser.value(inputs)), splitNames(parser.value(outputs)), paths->out),
        json);
}

int runSimplify(const QStringList& args)
{
    const bool json = args.contains(QStringLiteral("--json"));
    QCommandLineParser parser;
    const QCommandLineOption shape(QStringLiteral("input-shape"),
        QStringLiteral("Fix these inputs first (ATC syntax, e.g. \"a:1,3,224,224;b:1,10\")."), QStringLiteral("SPEC"));
    const QCommandLineOption noCompare(QStringLiteral("no-compare"),
        QStringLiteral("Do not run both models on ONNX Runtime to compare their outputs."));
    const QCommandLineOption seed(QStringLiteral("seed"),
        QStringLiteral("Seed of the random inputs compared on (default 1)."), QStringLiteral("N"), QStringLiteral("1"));
    parser.addOptions({ shape, noCompare, seed });
    int code = Ok;
    const auto paths = parsePaths(parser, QStringLiteral("simplify"),
        QStringLiteral("simplify IN OUT [--input-shape SPEC] [--no-compare] [--seed N] [--json]"), args, json, &code);
    if (!paths)
        return code;
    SimplifyOptions options;
    if (parser.isSet(shape)) {
        const auto specs = parseInputShapeSpec(parser.value(shape));
        if (!specs.ok())
            return usageError(QStringLiteral("simplify"), specs.error().message, json);
        options.inputShapes = specs.value();
    }
    bool seedOk = false;
    options.seed = parser.value(seed).toULongLong(&seedOk);
    if (!seedOk)
        return usageError(QStringLiteral("simplify"), QStringLiteral("--seed takes a whole number"), json);
    options.compare = !parser.isSet(noCompare);
    const Result<OnnxModelPtr> model = OnnxModel::load(paths->in);
    if (!model.ok())
        return inputError(model.error(), json);
    const Result<SimplifyResult> result = simplifyModel(*model.value(), options, paths->out);
    if (!result.ok())
        return inputError(result.error(), json);
    const SimplifyResult& r = result.value();
    if (json) {
        printJson(simplifyResultToJson(r));
        return Ok;
    }
    QString text = QStringLiteral("Wrote %1: %2 -> %3 nodes (%4 folded, %5 removed), weights %6 -> %7 bytes\n")
                       .arg(QDir::toNativeSeparators(r.written.path))
                       .arg(r.nodesBefore)
                       .arg(r.nodesAfter)
                       .arg(r.folded)
                       .arg(r.removedIdentity + r.removedDead)
                       .arg(r.initializerBytesBefore)
                       .arg(r.initializerBytesAfter);
    if (!r.written.dataPath.isEmpty())
        text += QStringLiteral("Weights in %1\n").arg(QDir::toNativeSeparators(r.written.dataPath));
    text += QStringLiteral("Compared with the original on ONNX Runtime: %1\n").arg(r.comparison.summary());
    for (const TensorInfo& t : r.written.summary.outputs)
        text += QStringLiteral("  output %1 %2 %3\n").arg(t.name, t.dtype, t.shapeText());
    if (!r.written.stillDynamic.isEmpty())
        text += QStringLiteral("Still dynamic: %1\n").arg(r.written.stillDynamic.join(QStringLiteral(", ")));
    for (const QString& w : r.written.warnings)
        text += QStringLiteral("Warning: %1\n").arg(w);
    printText(text);
    return Ok;
}

namespace {
const bool simplifyRegistered
    = registerCommand({ "simplify", "simplify IN OUT [--input-shape SPEC] [--no-compare] [--seed N] [--json]",
        "Write a simplified copy of IN, as onnx-simplifier does before ATC: inputs fixed, every node\n"
        "computable from constants and static shapes folded, Identity and dead nodes removed, every\n"
        "shape stored. With ONNX Runtime both models run on the same random inputs and must agree.",
        &runSimplify, 22 });
const bool fixShapesRegistered = registerCommand({ "fix-shapes", "fix-shapes IN OUT --input-shape SPEC [--json]",
    "Write a copy of IN with static input shapes and all inferred shapes.", &runFixShapes, 20 });
const bool extractRegistered = registerCommand({ "extract", "extract IN OUT --outputs T1,T2 [--inputs T3,...] [--json]",
    "Write the sub-model computing T1,T2 from T3 (default: the model's inputs), e.g. to move\n"
    "NMS post-processing out of the graph ATC sees.",
    &runExtract, 21 });
} // namespace

} // namespace wb::cli
