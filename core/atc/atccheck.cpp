#include "atccheck.h"

#include "atcoptions.h"
#include "atcsyntax.h"
#include "logging/logging.h"
#include "modelfacts.h"
#include "onnx/onnxmodel.h"
#include "onnx/shapeinference.h"
#include "toolkit.h"
#include "validate.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

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
        log::atc()->warn("Dynamic-output check skipped: {}", inferred.error().message.toStdString());
        return {};
    }
    const InferenceResult& r = inferred.value();
    QStringList outputs;
    for (const TensorInfo& t : r.outputs) {
        if (t.isDynamic())
            outputs.append(QStringLiteral("%1 %2").arg(t.name, t.shape ? t.shapeText() : QStringLiteral("(unknown shape)")));
    }
    if (outputs.isEmpty())
        return {};
    const QSet<QString> dynamic(r.stillDynamic.cbegin(), r.stillDynamic.cend());
    QStringList origins, described, cutAt;
    bool customOrigin = false;
    for (const AtcNodeFact& n : facts.nodes) {
        if (n.inSubgraph)
            continue;
        bool staticIn = true, dynamicOut = false;
        for (const QString& in : n.inputs)
            staticIn = staticIn && (in.isEmpty() || !dynamic.contains(in));
        for (const QString& out : n.outputs)
            dynamicOut = dynamicOut || dynamic.contains(out);
        if (!staticIn || !dynamicOut)
            continue;
        if (!n.domain.isEmpty()) {
            customOrigin = true; // no ONNX shape function; custom_domain_op already reports the node
            continue;
        }
        origins.append(n.label);
        described.append(QStringLiteral("%1 (%2)").arg(n.label, n.opType));
        for (const QString& in : n.inputs) {
            if (!in.isEmpty() && !facts.initializers.contains(in) && !cutAt.contains(in))
                cutAt.append(in);
        }
    }
    if (origins.isEmpty() && customOrigin)
        return {};
    const QFileInfo file(facts.summary.path);
    const QString head = (file.completeBaseName().isEmpty() ? QStringLiteral("model") : file.completeBaseName())
        + QStringLiteral("_head.onnx");
    const QString where = described.isEmpty()
        ? QStringLiteral("ONNX shape inference cannot follow the graph to them")
        : QStringLiteral("%1 turn%2 static shapes into data-dependent ones")
              .arg(described.join(QStringLiteral(", ")), described.size() == 1 ? QStringLiteral("s") : QString());
    return { { AtcSeverity::Warning, QStringLiteral("dynamic_output"), {},
        QStringLiteral("Output(s) %1 stay dynamic even with every input fixed: %2. ATC compiles for fixed shapes; such "
                       "outputs need dynamic-shape support from the operator and the SoC (none on Ascend310/310B) and "
                       "often fail to compile.")
            .arg(outputs.join(QStringLiteral(", ")), where),
        cutAt.isEmpty() ? QStringLiteral("Move the post-processing out of the graph with `atcwb extract` and run it on "
                                         "the host.")
                        : QStringLiteral("Cut the post-processing out: `atcwb extract %1 %2 --outputs %3`, convert %2, "
                                         "and run the rest on the host.")
                              .arg(file.fileName().isEmpty() ? QStringLiteral("MODEL") : file.fileName(), head,
                                  cutAt.join(QLatin1Char(','))),
        origins, {} } };
}

AtcCheckResult checkConversion(const AtcOptions& options, const OnnxModel& model, const AtcToolkit& toolkit)
{
    const AtcModelFacts facts = atcModelFacts(model);
    QList<AtcFinding> findings = validate(options, &facts, toolkit);
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
            QStringLiteral("The ATC pre-check report is not a check_result.json object with an \"op\" list%1.")
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
        findings.append({ AtcSeverity::Error, QStringLiteral("atc_precheck"), {},
            QStringLiteral("ATC's pre-check rejected node %1 (%2): %3")
                .arg(name, type, causes.isEmpty() ? QStringLiteral("no reason given.") : causes.join(QLatin1Char(' '))),
            m.hasMatch() ? QStringLiteral("ATC has no parser for %1 at opset %2: re-export with an opset ATC registers "
                                          "for %1, replace the operator, or cut it out with `atcwb extract`.")
                               .arg(m.captured(3), m.captured(2))
                         : QStringLiteral("Replace the operator or cut it out with `atcwb extract`."),
            { name }, QStringLiteral("E19010") });
    }
    if (findings.isEmpty() && root.value(QStringLiteral("result")).toString() == QLatin1String("failed"))
        findings.append({ AtcSeverity::Error, QStringLiteral("atc_precheck"), {},
            QStringLiteral("ATC's pre-check failed without naming an operator."),
            QStringLiteral("Read ATC's console output and log for the reason."), {}, {} });
    else if (findings.isEmpty())
        findings.append({ AtcSeverity::Info, QStringLiteral("atc_precheck"), {},
            QStringLiteral("ATC's pre-check passed all %1 operators.").arg(ops.size()), {}, {}, {} });
    return findings;
}

QList<AtcFinding> mergePrecheckFindings(QList<AtcFinding> ours, const QList<AtcFinding>& precheck)
{
    const QString confirmed = QStringLiteral(" ATC's pre-check confirms this.");
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
