#include "om/omlint.h"

#include "onnx/shapespec.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>

namespace wb {

namespace {

// The context of these texts in translations/*.ts: findings for people, written in the UI's language when made (core
// translates with Qt Core alone; atcwb installs no translator, so it prints English).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(OmLint)
};

QString shapeText(const std::optional<QList<qint64>>& shape)
{
    if (!shape)
        return QStringLiteral("unknown");
    QStringList dims;
    for (qint64 d : *shape)
        dims.append(QString::number(d));
    return dims.join(QLatin1Char(','));
}

// The op that produces an "op:index" input, or -1 (control edges "op:-1" included: they carry no data).
int producerOf(const QHash<QString, int>& byName, const QString& input)
{
    const qsizetype colon = input.lastIndexOf(QLatin1Char(':'));
    if (colon < 0 || input.mid(colon + 1) == QLatin1String("-1"))
        return -1;
    return byName.value(input.left(colon), -1);
}

void aiCpuOps(const OmModel& om, QList<AtcFinding>& out)
{
    for (const OmOp& op : om.ops) {
        if (op.engine != OmEngine::AiCpu)
            continue;
        AtcFinding f;
        f.severity = AtcSeverity::Warning;
        f.rule = QStringLiteral("om_ai_cpu_op");
        f.nodes = op.onnxNodes;
        const QString dtypes = [&] {
            QStringList list;
            for (const OmTensorDesc& t : op.inputDescs) {
                if (!t.dtype.isEmpty() && !list.contains(t.dtype))
                    list.append(t.dtype);
            }
            return list.join(QStringLiteral(", "));
        }();
        f.message
            = Tr::tr("OM op %1 (%2) runs on the AI CPU%3%4: it is slow, and data moves between the AI "
                     "Core and the AI CPU around it.")
                  .arg(op.name, op.type,
                      op.onnxNodes.isEmpty() ? QString()
                                             : Tr::tr(", made from ONNX %1 %2")
                                                   .arg(op.onnxNodes.size() == 1 ? Tr::tr("node") : Tr::tr("nodes"),
                                                       op.onnxNodes.join(QStringLiteral(", "))),
                      dtypes.isEmpty() ? QString() : Tr::tr(" with %1 inputs").arg(dtypes));
        f.fix = Tr::tr("Find an AI Core form of the op: export with another opset, or replace the node with "
                       "ops the AI Core has; use a dtype the AI Core kernel takes (float16/float32 instead of "
                       "int64/double); try --op_select_implmode=high_performance; or provide a custom AI Core "
                       "op. Check the op in the operator list of your CANN version.");
        out.append(f);
    }
}

// A TransData/Cast of no ONNX origin whose producer and consumer both came from the ONNX model: ATC inserted a format
// or dtype conversion between two fused groups.
void insertedConversions(const OmModel& om, QList<AtcFinding>& out)
{
    QHash<QString, int> byName;
    for (qsizetype i = 0; i < om.ops.size(); ++i)
        byName.insert(om.ops.at(i).name, int(i));
    QHash<int, QList<int>> consumers;
    for (qsizetype i = 0; i < om.ops.size(); ++i) {
        for (const QString& in : om.ops.at(i).inputs) {
            const int p = producerOf(byName, in);
            if (p >= 0)
                consumers[p].append(int(i));
        }
    }
    // Walks through other inserted conversions to the nearest op of ONNX origin.
    const auto originUp = [&](int index) {
        for (int guard = 0; index >= 0 && guard < 64; ++guard) {
            const OmOp& op = om.ops.at(index);
            if (!op.onnxNodes.isEmpty())
                return index;
            if (!isOmConversionType(op.type) || op.inputs.isEmpty())
                return -1;
            index = producerOf(byName, op.inputs.first());
        }
        return -1;
    };
    const auto originDown = [&](int index) {
        for (int guard = 0; index >= 0 && guard < 64; ++guard) {
            const OmOp& op = om.ops.at(index);
            if (!op.onnxNodes.isEmpty())
                return index;
            const QList<int> next = consumers.value(index);
            if (!isOmConversionType(op.type) || next.isEmpty())
                return -1;
            index = next.first();
        }
        return -1;
    };
    for (qsizetype i = 0; i < om.ops.size(); ++i) {
        const OmOp& op = om.ops.at(i);
        if (!op.onnxNodes.isEmpty() || !isOmConversionType(op.type) || op.inputs.isEmpty())
            continue;
        const int before = originUp(producerOf(byName, op.inputs.first()));
        const QList<int> next = consumers.value(int(i));
        const int after = next.isEmpty() ? -1 : originDown(next.first());
        if (before < 0 || after < 0)
            continue;
        const OmOp& a = om.ops.at(before);
        const OmOp& b = om.ops.at(after);
        const OmTensorDesc in = op.inputDescs.value(0);
        const OmTensorDesc res = op.outputDescs.value(0);
        AtcFinding f;
        f.severity = AtcSeverity::Info;
        f.rule = QStringLiteral("om_inserted_conversion");
        f.nodes = a.onnxNodes.mid(a.onnxNodes.size() - 1) + b.onnxNodes.mid(0, 1);
        f.message = Tr::tr("ATC inserted %1 %2 (%3 %4 -> %5 %6) between %7 (%8) and %9 (%10).")
                        .arg(op.type, op.name, in.format, in.dtype, res.format, res.dtype, a.name,
                            omEngineTitle(a.engine), b.name, omEngineTitle(b.engine));
        f.fix = op.type == QLatin1String("Cast")
            ? Tr::tr("A dtype changes between the two groups: keep the model in one precision around them "
                     "(--precision_mode, or --keep_dtype for the node), or move the node that needs the other "
                     "dtype.")
            : Tr::tr("A format change between the two groups: often one side runs on the AI CPU or is an op "
                     "without a 5-D (NC1HWC0) kernel; moving that op to the AI Core, or keeping such ops "
                     "together at the end of the model, removes the conversion.");
        out.append(f);
    }
}

void socMismatch(const OmLintInput& in, QList<AtcFinding>& out)
{
    if (in.selectedSoc.isEmpty() || !in.om->socVersion
        || in.om->socVersion->compare(in.selectedSoc, Qt::CaseInsensitive) == 0)
        return;
    AtcFinding f;
    f.severity = AtcSeverity::Error;
    f.rule = QStringLiteral("om_soc_mismatch");
    f.field = QStringLiteral("soc_version");
    f.message = Tr::tr("The OM was built for %1, but the selected device is %2: AscendCL will refuse to load "
                       "it there.")
                    .arg(*in.om->socVersion, in.selectedSoc);
    f.fix = Tr::tr("Convert the model again with --soc_version=%1, or select a %2 device.")
                .arg(in.selectedSoc, *in.om->socVersion);
    f.atcError = QString();
    out.append(f);
}

void inputShapeMismatch(const OmLintInput& in, QList<AtcFinding>& out)
{
    if (in.recipeInputShape.trimmed().isEmpty())
        return;
    const Result<QList<InputShapeSpec>> specs = parseInputShapeSpec(in.recipeInputShape);
    if (!specs.ok())
        return;
    for (const InputShapeSpec& spec : specs.value()) {
        const auto it = std::find_if(
            in.om->inputs.cbegin(), in.om->inputs.cend(), [&](const OmTensorDesc& t) { return t.name == spec.name; });
        if (it == in.om->inputs.cend() || !it->shape)
            continue;
        QList<qint64> wanted;
        bool comparable = true;
        for (const ShapeSpecDim& d : spec.dims) {
            comparable = comparable && d.isStatic();
            wanted.append(d.min);
        }
        if (!comparable || wanted == *it->shape)
            continue;
        AtcFinding f;
        f.severity = AtcSeverity::Warning;
        f.rule = QStringLiteral("om_input_shape_mismatch");
        f.field = QStringLiteral("input_shape");
        f.message = Tr::tr("The OM's input %1 has shape %2, but the recipe asks for %3.")
                        .arg(spec.name, shapeText(it->shape), shapeText(wanted));
        f.fix = Tr::tr("Convert the model again with the recipe's --input_shape, or run the OM with inputs "
                       "of shape %1.")
                    .arg(shapeText(it->shape));
        out.append(f);
    }
}

void olderThanOnnx(const OmLintInput& in, QList<AtcFinding>& out)
{
    // Only an .om's own time says when it was converted (a JSON's says when `atc --mode=1` ran).
    if (in.om->source != OmModel::Source::OmFile || !in.omModified.isValid() || !in.onnxModified.isValid()
        || in.omModified >= in.onnxModified)
        return;
    AtcFinding f;
    f.severity = AtcSeverity::Warning;
    f.rule = QStringLiteral("om_older_than_onnx");
    f.message
        = Tr::tr("The OM (%1) is older than its ONNX model %2 (%3): it may not contain the model's "
                 "latest changes.")
              .arg(QLocale::c().toString(in.omModified.toUTC(), QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")), in.onnxPath,
                  QLocale::c().toString(in.onnxModified.toUTC(), QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")));
    f.fix = Tr::tr("Convert the ONNX model again.");
    out.append(f);
}

} // namespace

QList<AtcFinding> lintOm(const OmLintInput& input)
{
    QList<AtcFinding> out;
    if (!input.om)
        return out;
    socMismatch(input, out);
    inputShapeMismatch(input, out);
    olderThanOnnx(input, out);
    aiCpuOps(*input.om, out);
    insertedConversions(*input.om, out);
    return sortedBySeverity(out);
}

} // namespace wb
