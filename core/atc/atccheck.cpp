#include "atccheck.h"

#include "atcoptions.h"
#include "atcsyntax.h"
#include "logging/logging.h"
#include "modelfacts.h"
#include "onnx/cutproposal.h"
#include "onnx/dimhints.h"
#include "onnx/onnxmodel.h"
#include "onnx/shapeinference.h"
#include "reference/cpurunner.h"
#include "toolkit.h"
#include "validate.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QRegularExpression>
#include <QSet>

#include "atc/checkstr_p.h"

namespace wb {

namespace {

// Replaces the -1s of `specs` with the first profile of the options' profile flag. False when a profile flag
// cannot be parsed or does not fit (validate() says why).
bool applyFirstProfile(QList<InputShapeSpec>& specs, const AtcOptions& o)
{
    QList<qint64> values;
    if (!o.dynamicBatchSize.isEmpty()) {
        const auto sizes = parseDynamicBatchSize(o.dynamicBatchSize);
        if (!sizes.ok() || sizes.value().isEmpty())
            return false;
        for (InputShapeSpec& s : specs) {
            if (!s.dims.isEmpty() && s.dims.first().min == -1)
                s.dims.first() = ShapeSpecDim::fixed(sizes.value().first());
        }
        return true;
    }
    if (!o.dynamicImageSize.isEmpty()) {
        const auto sizes = parseDynamicImageSize(o.dynamicImageSize);
        if (!sizes.ok() || sizes.value().isEmpty())
            return false;
        values = { sizes.value().first().height, sizes.value().first().width };
    } else if (!o.dynamicDims.isEmpty()) {
        const auto profiles = parseDynamicDims(o.dynamicDims);
        if (!profiles.ok() || profiles.value().isEmpty())
            return false;
        values = profiles.value().first();
    } else {
        return true;
    }
    qsizetype next = 0;
    for (InputShapeSpec& s : specs) {
        for (ShapeSpecDim& d : s.dims) {
            if (d.min != -1 || d.isRange())
                continue;
            if (next >= values.size())
                return false;
            // dynamic_image_size gives (h, w) for every image input; dynamic_dims one value per -1.
            d = ShapeSpecDim::fixed(values.at(next++));
            if (!o.dynamicImageSize.isEmpty() && next == values.size())
                next = 0;
        }
    }
    return true;
}

} // namespace

namespace {

bool isStaticShape(const TensorInfo& t)
{
    return t.shape && !t.isDynamic();
}

QList<qint64> staticDims(const TensorInfo& t)
{
    QList<qint64> dims;
    for (const Dim& d : *t.shape)
        dims.append(d.value);
    return dims;
}

// Output shapes ONNX Runtime gives on one run with seeded random inputs at `specs`, remembered per model file,
// modification time and shapes (the Convert page checks again on every edit). Empty when ORT is not available.
QHash<QString, QList<qint64>> outputShapesOnCpu(const OnnxModel& model, const QList<InputShapeSpec>& specs)
{
    static QMutex mutex;
    static QHash<QString, QHash<QString, QList<qint64>>> cache;
    const QFileInfo file(model.summary().path);
    const QString key = QStringLiteral("%1|%2|%3")
                            .arg(file.absoluteFilePath(), QString::number(file.lastModified().toMSecsSinceEpoch()),
                                formatInputShapeSpec(specs));
    {
        const QMutexLocker lock(&mutex);
        if (const auto it = cache.constFind(key); it != cache.cend())
            return *it;
    }
    QHash<QString, QList<qint64>> shapes;
    if (onnxRuntimeBuiltIn()) {
        CpuRunOptions run;
        run.modelPath = file.absoluteFilePath();
        run.inputShapes = specs;
        run.warmup = 0;
        run.iterations = 1;
        run.intraOpThreads = 1;
        const Result<CpuRunResult> result = runOnCpu(run);
        if (result.ok()) {
            for (const HostTensor& t : result.value().outputs)
                shapes.insert(t.name, t.shape);
        } else {
            log::atc()->info("Declared output shapes not confirmed: {}", result.error().message);
        }
    }
    const QMutexLocker lock(&mutex);
    cache.insert(key, shapes);
    return shapes;
}

QString nodeList(const QList<ShapeOrigin>& origins)
{
    QStringList described;
    for (const ShapeOrigin& o : origins)
        described.append(QStringLiteral("%1 '%2'").arg(o.opType, o.node));
    return described.join(QStringLiteral(", "));
}

} // namespace

QList<AtcFinding> checkDynamicOutputs(const OnnxModel& model, const AtcModelFacts& facts, const AtcOptions& options)
{
    QList<InputShapeSpec> specs;
    if (!options.inputShape.trimmed().isEmpty()) {
        const auto parsed = parseInputShapeSpec(options.inputShape);
        if (!parsed.ok())
            return {};
        specs = parsed.value();
    }
    if (!applyFirstProfile(specs, options))
        return {};
    QSet<QString> listed;
    for (const InputShapeSpec& s : specs) {
        if (!s.isStatic())
            return {};
        listed.insert(s.name);
    }
    for (const TensorInfo& t : facts.summary.inputs) {
        if (t.isDynamic() && !listed.contains(t.name))
            return {};
    }
    const Result<InferenceResult> inferred = inferShapes(model, specs);
    if (!inferred.ok()) {
        // Unknown names and wrong ranks are validate()'s findings; a failing inference only costs this check.
        log::atc()->warn("Dynamic-output check skipped: {}", inferred.error().message);
        return {};
    }
    const InferenceResult& r = inferred.value();
    QList<AtcFinding> findings;
    for (const ShapeOrigin& o : r.origins) {
        if (o.status == ShapeStatus::Invalid)
            findings.append({ AtcSeverity::Error, QStringLiteral("shape_invalid"), {}, o.message,
                Tr::tr("Fix the model where it is exported: ATC stops at this node too."), { o.node }, {} });
    }
    // Outputs that truly stay dynamic; a declared static shape ONNX Runtime reproduces is trusted instead.
    QStringList dynamic, trusted;
    QList<TensorInfo> declaredStatic;
    for (const TensorInfo& t : r.outputs) {
        const ShapeFact* f = r.fact(t.name);
        if (!f || f->status != ShapeStatus::DataDependent)
            continue;
        for (const TensorInfo& d : facts.summary.outputs) {
            if (d.name == t.name && isStaticShape(d))
                declaredStatic.append(d);
        }
        dynamic.append(t.name);
    }
    if (!declaredStatic.isEmpty()) {
        const QHash<QString, QList<qint64>> actual = outputShapesOnCpu(model, specs);
        for (const TensorInfo& d : declaredStatic) {
            if (!actual.contains(d.name) || actual.value(d.name) != staticDims(d))
                continue;
            dynamic.removeAll(d.name);
            trusted.append(QStringLiteral("%1 %2").arg(d.name, d.shapeText()));
        }
    }
    if (!trusted.isEmpty())
        findings.append({ AtcSeverity::Info, QStringLiteral("declared_shape_trusted"), {},
            Tr::tr("Output(s) %1 depend on data by inference, but the model declares them static and ONNX Runtime "
                   "gives exactly those shapes, so they are treated as static.")
                .arg(trusted.join(QStringLiteral(", "))),
            Tr::tr("If ATC still rejects them, write a copy with *Save Simplified Copy…* on the Shapes page "
                   "and convert that, so the sizes are folded."),
            {}, {}, QStringLiteral("If ATC still rejects them, run `atcwb simplify` first so the sizes are folded.") });
    QList<ShapeOrigin> dataOrigins, unknownOrigins;
    for (const ShapeOrigin& o : r.origins) {
        bool reachesOutput = false;
        for (const TensorInfo& t : r.outputs)
            reachesOutput = reachesOutput || o.tensors.contains(t.name);
        if (o.status == ShapeStatus::DataDependent && reachesOutput)
            dataOrigins.append(o);
        else if (o.status == ShapeStatus::Unknown && reachesOutput && !o.opType.contains(QStringLiteral("::")))
            unknownOrigins.append(o); // custom-domain ones: custom_domain_op already reports the node
    }
    if (!unknownOrigins.isEmpty()) {
        QStringList unknownOutputs, nodes;
        for (const TensorInfo& t : r.outputs) {
            if (const ShapeFact* f = r.fact(t.name); f && f->status == ShapeStatus::Unknown)
                unknownOutputs.append(t.name);
        }
        for (const ShapeOrigin& o : unknownOrigins)
            nodes.append(o.node);
        findings.append({ AtcSeverity::Info, QStringLiteral("shape_unknown"), {},
            Tr::tr("The shape of output(s) %1 is unknown here, which does not make them dynamic: %2")
                .arg(unknownOutputs.join(QStringLiteral(", ")), unknownOrigins.first().message),
            Tr::tr("Nothing to do unless ATC reports a shape error at %1.").arg(nodes.first()), nodes, {} });
    }
    if (dynamic.isEmpty())
        return findings;
    QStringList outputs, origins;
    for (const TensorInfo& t : r.outputs) {
        if (dynamic.contains(t.name))
            outputs.append(QStringLiteral("%1 %2").arg(t.name, t.shape ? t.shapeText() : Tr::tr("(unknown shape)")));
    }
    for (const ShapeOrigin& o : dataOrigins)
        origins.append(o.node);
    const CutProposal cut = proposeCut(model, r);
    const QFileInfo file(facts.summary.path);
    const QString name = file.fileName().isEmpty() ? QStringLiteral("MODEL") : file.fileName();
    const QString head = (file.completeBaseName().isEmpty() ? QStringLiteral("model") : file.completeBaseName())
        + QStringLiteral("_head.onnx");
    QString fix, cliFix;
    if (cut.possible && cut.postProcessingOnly) {
        cliFix = QStringLiteral("Cut the post-processing out: `atcwb extract %1 %2 --outputs %3` %4. Convert %2 and "
                                "run the rest on the host.")
                     .arg(name, head, cut.outputs.join(QLatin1Char(',')), cut.summary());
        fix = Tr::tr("Cut the post-processing out with *Extract Sub-model* on the Shapes page (it proposes "
                     "the outputs %1) %2. Convert the part it writes and run the rest on the host.")
                  .arg(cut.outputs.join(QLatin1Char(',')), cut.summary());
    } else if (cut.possible)
        fix = Tr::tr("The data-dependent part is not only post-processing: cutting before %1 would move %2 "
                     "node(s), including %3, off the NPU. Keep the model whole and build it with dynamic "
                     "shapes (on a SoC that supports them), or give the data-dependent step a fixed size (a "
                     "constant k for TopK, a fixed box count).")
                  .arg(nodeList(dataOrigins))
                  .arg(cut.hostNodes)
                  .arg(cut.heavyHostOps.join(QStringLiteral(", ")));
    else {
        cliFix = QStringLiteral(
            "Move the data-dependent step out of the graph with `atcwb extract` and run it on the host.");
        fix = Tr::tr("Move the data-dependent step out of the graph with *Extract Sub-model* on the Shapes "
                     "page and run it on the host.");
    }
    findings.append({ AtcSeverity::Warning, QStringLiteral("dynamic_output"), {},
        Tr::tr("Output(s) %1 stay dynamic even with every input fixed: %2. ATC compiles for fixed shapes; such "
               "outputs need dynamic-shape support from the operator and the SoC (none on Ascend310/310B) and "
               "often fail to compile.")
            .arg(outputs.join(QStringLiteral(", ")),
                dataOrigins.isEmpty() ? Tr::tr("their size depends on input values")
                                      : dataOrigins.first().message.chopped(1)
                        + (dataOrigins.size() > 1 ? Tr::tr(" (and %1 more such node(s))").arg(dataOrigins.size() - 1)
                                                  : QString())),
        fix, origins, {}, cliFix });
    return findings;
}

namespace {

// Adds what the model itself says about an input's open dims to the dynamic_dim_unfixed findings: a suggestion,
// never a value put into the command.
void addDimSuggestions(QList<AtcFinding>& findings, const OnnxModel& model)
{
    QHash<QString, QList<std::optional<qint64>>> known;
    for (const TensorInfo& t : model.summary().inputs) {
        QList<std::optional<qint64>> dims;
        for (int i = 0; t.shape && i < t.shape->size(); ++i)
            dims.append(proposedSize(t, i));
        known.insert(t.name, dims);
    }
    const QList<DimSuggestion> suggestions = suggestInputDims(dimHints(model), known);
    for (AtcFinding& f : findings) {
        if (f.rule != QLatin1String("dynamic_dim_unfixed"))
            continue;
        QStringList parts;
        for (const DimSuggestion& s : suggestions) {
            if (f.message.contains(QStringLiteral("'%1'").arg(s.input))) // the input it names, in any language
                parts.append(Tr::tr("dim %1 = %2 (%3)").arg(s.dim).arg(s.value).arg(s.reason));
        }
        if (!parts.isEmpty())
            f.fix += Tr::tr(" The model suggests %1.").arg(parts.join(QStringLiteral(", ")));
    }
}

} // namespace

AtcCheckResult checkConversion(const AtcOptions& options, const OnnxModel& model, const AtcToolkit& toolkit)
{
    const AtcModelFacts facts = atcModelFacts(model);
    QList<AtcFinding> findings = validate(options, &facts, toolkit);
    addDimSuggestions(findings, model);
    if (options.mode == AtcMode::Convert || options.mode == AtcMode::PreCheck)
        findings += checkDynamicOutputs(model, facts, options);
    return { sortedBySeverity(findings), buildInvocation(options, toolkit) };
}

QJsonObject checkResultToJson(const AtcCheckResult& result)
{
    QJsonArray findings;
    for (const AtcFinding& f : result.findings)
        findings.append(findingToJson(f));
    return QJsonObject { { QStringLiteral("findings"), findings },
        { QStringLiteral("command"), QJsonArray::fromStringList(result.invocation.argv()) } };
}

Result<QList<AtcFinding>> parsePrecheckReport(const QByteArray& json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject() || !doc.object().value(QStringLiteral("op")).isArray())
        return Error { QStringLiteral("bad_check_report"),
            Tr::tr("The ATC pre-check report is not a check_result.json object with an \"op\" list%1.")
                .arg(doc.isObject() ? QString() : QStringLiteral(" (%1)").arg(parseError.errorString())),
            {} };
    static const QRegularExpression oriType(QStringLiteral("^(.*)::(\\d+)::(.+)$"));
    const QJsonObject root = doc.object();
    QList<AtcFinding> findings;
    const QJsonArray ops = root.value(QStringLiteral("op")).toArray();
    for (const QJsonValue& v : ops) {
        const QJsonObject op = v.toObject();
        if (op.value(QStringLiteral("result")).toString() != QLatin1String("failed"))
            continue;
        const QString name = op.value(QStringLiteral("name")).toString();
        const QString type = op.value(QStringLiteral("type")).toString();
        QStringList causes;
        for (const QJsonValue& c : op.value(QStringLiteral("cause")).toArray())
            causes.append(c.toObject().value(QStringLiteral("message")).toString());
        const auto m = oriType.match(type);
        const auto fixWith = [&m](const QString& extract) {
            return m.hasMatch() ? Tr::tr("ATC has no parser for %1 at opset %2: re-export with an opset ATC "
                                         "registers for %1, replace the operator, or cut it out with %3.")
                                      .arg(m.captured(3), m.captured(2), extract)
                                : Tr::tr("Replace the operator or cut it out with %1.").arg(extract);
        };
        findings.append({ AtcSeverity::Error, QStringLiteral("atc_precheck"), {},
            Tr::tr("ATC's pre-check rejected node %1 (%2): %3")
                .arg(name, type, causes.isEmpty() ? Tr::tr("no reason given.") : causes.join(QLatin1Char(' '))),
            fixWith(Tr::tr("*Extract Sub-model* on the Shapes page")), { name }, QStringLiteral("E19010"),
            fixWith(QStringLiteral("`atcwb extract`")) });
    }
    if (findings.isEmpty() && root.value(QStringLiteral("result")).toString() == QLatin1String("failed"))
        findings.append({ AtcSeverity::Error, QStringLiteral("atc_precheck"), {},
            Tr::tr("ATC's pre-check failed without naming an operator."),
            Tr::tr("Read ATC's console output and log for the reason."), {}, {} });
    else if (findings.isEmpty())
        findings.append({ AtcSeverity::Info, QStringLiteral("atc_precheck"), {},
            Tr::tr("ATC's pre-check passed all %1 operators.").arg(ops.size()), {}, {}, {} });
    return findings;
}

QList<AtcFinding> mergePrecheckFindings(QList<AtcFinding> ours, const QList<AtcFinding>& precheck)
{
    const QString confirmed = Tr::tr(" ATC's pre-check confirms this.");
    for (const AtcFinding& f : precheck) {
        bool merged = false;
        for (AtcFinding& g : ours) {
            if (f.severity != AtcSeverity::Error || g.severity != AtcSeverity::Error || f.nodes.isEmpty()
                || !g.nodes.contains(f.nodes.first()))
                continue;
            if (!g.message.endsWith(confirmed))
                g.message += confirmed;
            merged = true;
            break;
        }
        if (!merged)
            ours.append(f);
    }
    return sortedBySeverity(ours);
}

} // namespace wb
