#include "inspectom.h"

#include "atc/toolkit.h"
#include "commands.h"
#include "graph/graphdocument.h"
#include "om/omcrosscheck.h"
#include "om/omlint.h"
#include "om/ommapping.h"
#include "om/ommodel.h"
#include "onnx/onnxmodel.h"
#include "settings/settings.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcessEnvironment>

namespace wb::cli {

namespace {

QString orNone(const std::optional<QString>& v)
{
    return v ? *v : QStringLiteral("(not in the OM)");
}

QString bytesText(const std::optional<qint64>& v)
{
    return v ? QStringLiteral("%1 bytes").arg(*v) : QStringLiteral("(not in the OM)");
}

// The ONNX model the OM came from: --model, else atc_cmdline's --model (as written, then beside the OM).
QString sourceModel(const OmModel& om, const QString& given, QString* note)
{
    if (!given.isEmpty())
        return QFileInfo(given).absoluteFilePath();
    const QString named = om.sourceModelFromCmdline();
    if (named.isEmpty())
        return {};
    const QDir omDir = QFileInfo(om.path).absoluteDir();
    for (const QString& candidate : { named, omDir.filePath(named), omDir.filePath(QFileInfo(named).fileName()) }) {
        if (QFileInfo(candidate).isFile())
            return QFileInfo(candidate).absoluteFilePath();
    }
    *note = QStringLiteral("The OM was converted from %1, which is not found here: pass --model SOURCE.onnx to map "
                           "its ops to the ONNX graph.")
                .arg(named);
    return {};
}

QString textReport(const OmModel& om, const std::optional<OmMapping>& mapping, const QString& onnxPath,
    const QList<AtcFinding>& findings, const QStringList& notes)
{
    QString out;
    const auto line = [&out](const QString& label, const QString& value) {
        out += QStringLiteral("%1 %2\n").arg(label + QLatin1Char(':'), -12).arg(value);
    };
    line(QStringLiteral("OM"),
        QStringLiteral("%1 (%2, %3 bytes)")
            .arg(om.path,
                om.source == OmModel::Source::OmFile ? QStringLiteral("offline model")
                                                     : QStringLiteral("JSON of atc --mode=1"))
            .arg(QFileInfo(om.path).size()));
    line(QStringLiteral("Name"), om.name);
    line(QStringLiteral("SoC"), orNone(om.socVersion));
    line(QStringLiteral("ATC"), orNone(om.atcVersion) + QStringLiteral(", OPP ") + orNone(om.oppVersion));
    line(QStringLiteral("Framework"), orNone(om.frameworkType));
    line(QStringLiteral("Command"), orNone(om.atcCmdline));
    line(QStringLiteral("Memory"),
        bytesText(om.memorySize) + QStringLiteral("; weights ") + bytesText(om.weightSize)
            + QStringLiteral("; streams ") + (om.streamNum ? QString::number(*om.streamNum) : QStringLiteral("?")));
    for (const auto& [label, list] :
        { std::pair { QStringLiteral("Inputs"), &om.inputs }, std::pair { QStringLiteral("Outputs"), &om.outputs } }) {
        out += label + QStringLiteral(":\n");
        for (const OmTensorDesc& t : *list)
            out += QStringLiteral("  %1  %2  %3  %4\n").arg(t.name, t.dtype, t.format, omShapeText(t));
        if (list->isEmpty())
            out += QStringLiteral("  (none)\n");
    }
    const auto counts = om.engineCounts();
    QStringList engines;
    for (int e = 0; e < OmEngineCount; ++e)
        engines.append(QStringLiteral("%1 %2").arg(omEngineTitle(OmEngine(e))).arg(counts[std::size_t(e)]));
    line(QStringLiteral("Engines"), engines.join(QStringLiteral(", ")));
    out += QStringLiteral("Ops (%1, in file order):\n").arg(om.ops.size());
    for (qsizetype i = 0; i < om.ops.size(); ++i) {
        const OmOp& op = om.ops.at(i);
        out += QStringLiteral("  %1  %2  %3  %4%5%6%7\n")
                   .arg(i, 4)
                   .arg(op.name, op.type, omEngineName(op.engine))
                   .arg(op.blockDim ? QStringLiteral("  block %1").arg(*op.blockDim) : QString())
                   .arg(op.onnxNodes.isEmpty() ? QString()
                                               : QStringLiteral("  <- %1").arg(op.onnxNodes.join(QStringLiteral(", "))))
                   .arg(op.passes.isEmpty() ? QString()
                                            : QStringLiteral("  [%1]").arg(op.passes.join(QStringLiteral(", "))));
    }
    if (mapping) {
        QStringList noOrigin;
        for (int i : mapping->noOrigin)
            noOrigin.append(om.ops.at(i).name);
        out += QStringLiteral("Mapping to %1: %2 ONNX nodes in OM ops, %3 folded away%4\n")
                   .arg(onnxPath)
                   .arg(mapping->onnxToOps.size())
                   .arg(mapping->foldedAway.size())
                   .arg(mapping->foldedAway.isEmpty()
                           ? QString()
                           : QStringLiteral(" (%1)").arg(mapping->foldedAway.join(QStringLiteral(", "))));
        out += QStringLiteral("No ONNX origin: %1\n")
                   .arg(noOrigin.isEmpty() ? QStringLiteral("(none)") : noOrigin.join(QStringLiteral(", ")));
        if (!mapping->unknownOrigins.isEmpty())
            out += QStringLiteral("Not in %1: %2\n").arg(onnxPath, mapping->unknownOrigins.join(QStringLiteral(", ")));
    }
    if (!findings.isEmpty()) {
        out += QStringLiteral("Findings:\n");
        for (const AtcFinding& f : findings)
            out += QStringLiteral("  %1 %2: %3\n      fix: %4\n")
                       .arg(severityName(f.severity), f.rule, f.message, f.fix);
    }
    for (const QString& w : om.warnings)
        out += QStringLiteral("Warning:     %1\n").arg(w);
    for (const QString& n : notes)
        out += QStringLiteral("Note:        %1\n").arg(n);
    return out;
}

} // namespace

bool looksLikeOm(const QString& path)
{
    return path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) || isOmFile(path);
}

int runInspectOm(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Show what ATC made of a model: an .om or the JSON of atc --mode=1."));
    const QCommandLineOption json(
        QStringLiteral("json"), QStringLiteral("Print one JSON object (the documented contract)."));
    const QCommandLineOption model(QStringLiteral("model"),
        QStringLiteral("The ONNX model the OM was converted from (default: the --model in the OM's atc_cmdline, when "
                       "found)."),
        QStringLiteral("SOURCE.onnx"));
    const QCommandLineOption toolkitOption(QStringLiteral("toolkit"),
        QStringLiteral("A CANN toolkit folder or atc binary: cross-check with `atc --mode=1` (default: the toolkit "
                       "found as `atcwb check` finds it)."),
        QStringLiteral("PATH"));
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help."));
    parser.addOptions({ json, model, toolkitOption, help });
    parser.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("The .om file, or the JSON of atc --mode=1."));
    const bool wantJson = args.contains(QStringLiteral("--json"));
    if (!parser.parse(QStringList { QStringLiteral("atcwb inspect") } + args))
        return usageError(QStringLiteral("inspect"), parser.errorText(), wantJson);
    if (parser.isSet(help)) {
        printText(QStringLiteral("Usage: atcwb inspect MODEL.om|OM.json [--model SOURCE.onnx] [--toolkit PATH] "
                                 "[--json]\n\n")
            + parser.helpText().section(QLatin1Char('\n'), 2));
        return Ok;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(QStringLiteral("inspect"),
            positional.isEmpty() ? QStringLiteral("missing MODEL")
                                 : QStringLiteral("expected one MODEL, got %1").arg(positional.size()),
            wantJson);

    const Result<OmModel> read = readOmFile(positional.first());
    if (!read.ok())
        return inputError(read.error(), wantJson);
    const OmModel& om = read.value();
    QStringList notes;

    // Mapping to the source ONNX model.
    std::optional<OmMapping> mapping;
    QString notFound;
    const QString onnxPath = sourceModel(om, parser.value(model), &notFound);
    if (!notFound.isEmpty())
        notes.append(notFound);
    if (!onnxPath.isEmpty()) {
        const Result<OnnxModelPtr> onnx = OnnxModel::load(onnxPath);
        if (!onnx.ok()) {
            if (parser.isSet(model))
                return inputError(onnx.error(), wantJson);
            notes.append(QStringLiteral("The source model could not be read, so the ops are not mapped: %1")
                             .arg(onnx.error().message));
        } else {
            mapping = mapOmToOnnx(om, onnxNodeNames(*graph::GraphDocument::build(*onnx.value())));
        }
    }
    OmLintInput lint;
    lint.om = &om;
    lint.mapping = mapping ? &*mapping : nullptr;
    if (mapping) {
        lint.omModified = QFileInfo(om.path).lastModified();
        lint.onnxModified = QFileInfo(onnxPath).lastModified();
        lint.onnxPath = onnxPath;
    }
    const QList<AtcFinding> findings = lintOm(lint);

    // Cross-check with the toolkit's `atc --mode=1` (binary OMs only).
    std::optional<OmCrossCheck> cross;
    if (om.source == OmModel::Source::OmFile) {
        QString atcPath;
        QString home;
        if (parser.isSet(toolkitOption)) {
            const QFileInfo given(parser.value(toolkitOption));
            if (!given.exists())
                return inputError({ QStringLiteral("toolkit_missing"),
                                      QStringLiteral("--toolkit %1 does not exist.").arg(given.filePath()), {} },
                    wantJson);
            (given.isDir() ? home : atcPath) = given.absoluteFilePath();
        } else {
            const Settings settings(appSettingsFile());
            atcPath = settings.atcPath();
            home = settings.toolkitHome();
        }
        const AtcToolkit toolkit
            = discoverToolkit(ToolkitSearch::fromEnvironment(QProcessEnvironment::systemEnvironment(), atcPath, home));
        if (toolkit.isValid())
            cross = crossCheckWithAtc(om, toolkit);
        else if (parser.isSet(toolkitOption))
            return inputError({ QStringLiteral("toolkit_missing"),
                                  QStringLiteral("--toolkit %1: no ATC found there. %2")
                                      .arg(parser.value(toolkitOption), toolkitHowTo(HintForm::Cli)),
                                  {} },
                wantJson);
    }
    if (cross)
        notes.append(cross->message);

    if (!wantJson) {
        printText(textReport(om, mapping, onnxPath, findings, notes));
        return Ok;
    }
    QJsonObject object = omModelToJson(om);
    if (mapping) {
        QJsonObject nodes;
        for (auto it = mapping->onnxToOps.cbegin(); it != mapping->onnxToOps.cend(); ++it) {
            QJsonArray ops;
            for (int i : it.value())
                ops.append(om.ops.at(i).name);
            nodes.insert(it.key(), ops);
        }
        QJsonArray noOrigin;
        for (int i : mapping->noOrigin)
            noOrigin.append(om.ops.at(i).name);
        object.insert(QStringLiteral("mapping"),
            QJsonObject { { QStringLiteral("onnx_model"), onnxPath }, { QStringLiteral("nodes"), nodes },
                { QStringLiteral("folded_away"), QJsonArray::fromStringList(mapping->foldedAway) },
                { QStringLiteral("no_origin"), noOrigin },
                { QStringLiteral("unknown_origins"), QJsonArray::fromStringList(mapping->unknownOrigins) } });
    } else {
        object.insert(QStringLiteral("mapping"), QJsonValue::Null);
    }
    QJsonArray findingArray;
    for (const AtcFinding& f : findings)
        findingArray.append(findingToJson(f));
    object.insert(QStringLiteral("findings"), findingArray);
    if (cross)
        object.insert(QStringLiteral("cross_check"),
            QJsonObject { { QStringLiteral("ran"), cross->ran }, { QStringLiteral("agrees"), cross->agrees() },
                { QStringLiteral("message"), cross->message },
                { QStringLiteral("differences"), QJsonArray::fromStringList(cross->differences) } });
    else
        object.insert(QStringLiteral("cross_check"), QJsonValue::Null);
    object.insert(QStringLiteral("notes"), QJsonArray::fromStringList(notes));
    printJson(object);
    return Ok;
}

} // namespace wb::cli
