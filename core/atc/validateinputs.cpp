// The model's inputs against --input_shape (names, ranks, sizes, dynamic dims left open) and dynamic-shape mode.
#include "validate_p.h"

#include "onnx/dimhints.h"
#include "onnx/shapespec.h"

#include <QCoreApplication>
#include <QSet>

#include "atc/checkstr_p.h"

namespace wb::detail {

namespace {

// A spec for an input as far as it can be written without guessing: the batch as 1, every other dynamic dim as
// <its name>, for the user to fill in.
QString suggestedSpec(const TensorInfo& input)
{
    if (!input.shape)
        return input.name + QStringLiteral(":<dims>");
    QStringList dims;
    for (int i = 0; i < input.shape->size(); ++i) {
        const Dim& d = input.shape->at(i);
        const std::optional<qint64> size = proposedSize(input, i);
        dims.append(size ? QString::number(*size)
                         : QStringLiteral("<%1>").arg(
                             d.kind == Dim::Kind::Symbolic ? d.symbol : QStringLiteral("dim%1").arg(i)));
    }
    return input.name + QLatin1Char(':') + dims.join(QLatin1Char(','));
}

} // namespace

void reportUnknownInput(const RuleContext& ctx, const QString& field, const QString& name)
{
    QStringList names;
    for (const TensorInfo& t : ctx.model->summary.inputs)
        names.append(t.name);
    ctx.add(AtcSeverity::Error, QStringLiteral("input_name_unknown"), field,
        Tr::tr("--%1 names '%2', but the model has no input of that name; ATC stops with E10016.").arg(field, name),
        Tr::tr("Use the model's input names: %1.").arg(names.join(QStringLiteral(", "))), QStringLiteral("E10016"));
}

void checkModelInputs(const RuleContext& ctx, const QList<InputShapeSpec>& specs, const QString& gearField)
{
    if (!ctx.model)
        return;
    const bool dynamicAllowed = !gearField.isEmpty() || !ctx.options.inputShapeRange.isEmpty();
    for (const InputShapeSpec& s : specs) {
        const TensorInfo* input = nullptr;
        for (const TensorInfo& t : ctx.model->summary.inputs)
            input = t.name == s.name ? &t : input;
        if (!input) {
            reportUnknownInput(ctx, QStringLiteral("input_shape"), s.name);
            continue;
        }
        if (!input->shape)
            continue;
        if (input->shape->size() != s.dims.size()) {
            ctx.add(AtcSeverity::Error, QStringLiteral("input_rank_mismatch"), QStringLiteral("input_shape"),
                Tr::tr("--input_shape gives '%1' %2 dimension(s), but the model's input is %3 (rank %4).")
                    .arg(s.name)
                    .arg(s.dims.size())
                    .arg(input->shapeText())
                    .arg(input->shape->size()),
                Tr::tr("Give one size per dimension, e.g. %1.").arg(suggestedSpec(*input)));
            continue;
        }
        for (int i = 0; i < s.dims.size(); ++i) {
            const Dim& m = input->shape->at(i);
            if (!m.isDynamic() && s.dims.at(i).isStatic() && m.value != s.dims.at(i).min) {
                ctx.add(AtcSeverity::Warning, QStringLiteral("input_dim_conflict"), QStringLiteral("input_shape"),
                    Tr::tr("--input_shape sets dimension %1 of '%2' to %3, but the model fixes it to %4; the "
                           "weights were exported for %4, so ATC or the run will likely fail.")
                        .arg(i)
                        .arg(s.name)
                        .arg(s.dims.at(i).min)
                        .arg(m.value),
                    Tr::tr("Use %1 for that dimension.").arg(m.value));
                break;
            }
        }
    }
    QSet<QString> listed;
    for (const InputShapeSpec& s : specs)
        listed.insert(s.name);
    for (const TensorInfo& t : ctx.model->summary.inputs) {
        if (!t.isDynamic() || listed.contains(t.name))
            continue;
        QStringList dims;
        for (const int i : t.dynamicDimIndexes())
            dims.append(Tr::tr("%1 (dim %2)").arg(t.shape->at(i).toString()).arg(i));
        ctx.add(AtcSeverity::Error, QStringLiteral("dynamic_dim_unfixed"), QStringLiteral("input_shape"),
            t.shape ? Tr::tr("Input '%1' %2 needs a size for dynamic dimension(s) %3 in --input_shape; ATC "
                             "stops with E10001 (\"maybe you should set input_shape to specify its shape\").")
                          .arg(t.name, t.shapeText(), dims.join(QStringLiteral(", ")))
                    : Tr::tr("Input '%1' has an unknown rank and is not in --input_shape; ATC cannot size it "
                             "(E10001).")
                          .arg(t.name),
            Tr::tr("Add it to --input_shape, e.g. %1%2.")
                .arg(suggestedSpec(t),
                    dynamicAllowed ? QString() : Tr::tr(" (or -1 for the batch with --dynamic_batch_size=1,2,4,8)")),
            QStringLiteral("E10001"));
    }
}

void checkDynamicShapeMode(const RuleContext& ctx, const QList<InputShapeSpec>& specs, const QString& gearField)
{
    if (!gearField.isEmpty() || !ctx.options.inputShapeRange.isEmpty())
        return;
    QStringList dynamic;
    for (const InputShapeSpec& s : specs) {
        if (!s.isStatic())
            dynamic.append(formatInputShapeSpec({ s }));
    }
    if (dynamic.isEmpty())
        return;
    const QString soc = ctx.options.socVersion;
    const bool unsupported = soc == QLatin1String("Ascend310") || soc.startsWith(QLatin1String("Ascend310B"));
    ctx.add(unsupported ? AtcSeverity::Error : AtcSeverity::Warning, QStringLiteral("dynamic_shape_mode"),
        QStringLiteral("input_shape"),
        Tr::tr("--input_shape has -1/-2 or ranges (%1) and no profile flag, so ATC builds a dynamic-shape "
               "model%2.")
            .arg(dynamic.join(QStringLiteral("; ")),
                unsupported ? Tr::tr(", which %1 does not support").arg(soc)
                            : Tr::tr("; it runs slower than a static one and is not supported on Ascend310 "
                                     "or Ascend310B SoCs")),
        Tr::tr("Fix the sizes, or list the sizes you need with --dynamic_batch_size / --dynamic_dims."));
}

} // namespace wb::detail
