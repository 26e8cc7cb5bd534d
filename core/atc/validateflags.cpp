// Enumerated flag values and the rules between flags that do not involve shapes (shared/reference/atc.md §2.2, §2.4).
#include "atcsyntax.h"
#include "flagchoices.h"
#include "validate_p.h"
#include <QCoreApplication>

#include "atc/checkstr_p.h"

namespace wb::detail {

namespace {

QStringList words(const char* list)
{
    return QString::fromLatin1(list).split(QLatin1Char(' '));
}

struct AllowedValues {
    const char* flag;
    const char* values; // space-separated
    const char* code;
};

// [GE26] atc_flags.cc / option_utils.cc value lists.
const AllowedValues kAllowed[] = {
    { "input_format", "NCHW ND NCDHW", "E10001" },
    { "precision_mode",
        "force_fp16 force_fp32 cube_fp16in_fp32out allow_mix_precision allow_fp32_to_fp16 must_keep_origin_dtype "
        "allow_mix_precision_fp16 allow_mix_precision_bf16 allow_fp32_to_bf16",
        "E10001" },
    { "precision_mode_v2", "fp16 origin cube_fp16in_fp32out mixed_float16 mixed_bfloat16 cube_hif8 mixed_hif8",
        "E10001" },
    { "op_select_implmode",
        "high_performance high_precision high_performance_for_all high_precision_for_all enable_float_32_execution "
        "enable_hi_float_32_execution",
        "E10001" },
    { "buffer_optimize", "l1_optimize l2_optimize off_optimize l1_and_l2_optimize", "E10001" },
    { "log", "debug info warning error null", "E10010" },
    { "op_compiler_cache_mode", "enable disable force", "E10001" },
    { "external_weight", "0 1 2", "E10006" },
    { "op_debug_level", "0 1 2 3 4", "E10001" },
    { "host_env_os", "linux minios", "E10001" },
    { "host_env_cpu", "x86_64 aarch64 arm64 arm", "E10001" },
};

const char* kOutputTypes = "FP32 FP16 UINT8 INT8 HIF8 FP8E5M2 FP8E4M3FN";

void checkAllowedValues(const RuleContext& ctx)
{
    for (const AllowedValues& a : kAllowed) {
        const QString flag = QLatin1String(a.flag);
        const QString value = atcFlagValue(ctx.options, flag);
        const QStringList allowed = words(a.values);
        if (value.isEmpty() || allowed.contains(value) || !atcFlagAppliesTo(flag, ctx.options.mode))
            continue;
        QString hint;
        if (flag == QLatin1String("input_format") && value == QLatin1String("NHWC"))
            hint = Tr::tr(" NHWC is for TensorFlow models; ONNX inputs are NCHW.");
        ctx.add(AtcSeverity::Error, QStringLiteral("value_not_allowed"), flag,
            Tr::tr("--%1=%2 is not a value ATC accepts for ONNX (%3).%4").arg(flag, value, QLatin1String(a.code), hint),
            Tr::tr("Use one of: %1.").arg(allowed.join(QStringLiteral(", "))), QLatin1String(a.code));
    }
    // --output_type: one type for every output, or node:index:TYPE per output.
    const QString outputType = ctx.options.outputType.trimmed();
    if (!outputType.isEmpty() && ctx.converting()) {
        const QStringList types = words(kOutputTypes);
        for (const QString& entry : outputType.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            const QString type = entry.section(QLatin1Char(':'), -1).trimmed();
            const bool perNode = entry.contains(QLatin1Char(':'));
            if (!types.contains(type) || (perNode && entry.count(QLatin1Char(':')) < 2)) {
                ctx.add(AtcSeverity::Error, QStringLiteral("value_not_allowed"), QStringLiteral("output_type"),
                    Tr::tr("--output_type entry '%1' is not a type (%2) or node:index:TYPE (E10001).")
                        .arg(entry, types.join(QStringLiteral(", "))),
                    Tr::tr("Write e.g. FP16, or per output node1:0:FP16;node2:1:FP32."), QStringLiteral("E10001"));
                break;
            }
        }
    }
}

void checkPairs(const RuleContext& ctx)
{
    const AtcOptions& o = ctx.options;
    if (!o.precisionMode.isEmpty() && !o.precisionModeV2.isEmpty())
        ctx.add(AtcSeverity::Error, QStringLiteral("precision_exclusive"), QStringLiteral("precision_mode_v2"),
            Tr::tr("--precision_mode=%1 and --precision_mode_v2=%2 are both set; ATC refuses both at once "
                   "(E10056).")
                .arg(o.precisionMode, o.precisionModeV2),
            Tr::tr("Keep one: --precision_mode_v2 is the recommended one on toolkits that have it."),
            QStringLiteral("E10056"));
    if (!o.modifyMixlist.isEmpty()) {
        const bool mixed
            = words("allow_mix_precision allow_mix_precision_fp16 allow_mix_precision_bf16").contains(o.precisionMode)
            || words("mixed_float16 mixed_bfloat16 mixed_hif8").contains(o.precisionModeV2);
        if (!mixed)
            ctx.add(AtcSeverity::Error, QStringLiteral("modify_mixlist_mode"), QStringLiteral("modify_mixlist"),
                Tr::tr("--modify_mixlist only applies with a mixed precision mode, but precision_mode is '%1' and "
                       "precision_mode_v2 is '%2' (E10001).")
                    .arg(o.precisionMode, o.precisionModeV2),
                Tr::tr("Set --precision_mode=allow_mix_precision (or --precision_mode_v2=mixed_float16), or "
                       "clear --modify_mixlist."),
                QStringLiteral("E10001"));
    }
    if (!o.optypelistForImplmode.isEmpty() && o.opSelectImplmode.isEmpty())
        ctx.add(AtcSeverity::Error, QStringLiteral("implmode_pair"), QStringLiteral("optypelist_for_implmode"),
            Tr::tr("--optypelist_for_implmode is set without --op_select_implmode; ATC requires both at the "
                   "same time (E10001)."),
            Tr::tr("Set --op_select_implmode (e.g. high_precision) for the listed operator types, or clear the "
                   "list."),
            QStringLiteral("E10001"));
    const bool gear = !o.dynamicBatchSize.isEmpty() || !o.dynamicImageSize.isEmpty() || !o.dynamicDims.isEmpty();
    if (!o.inputHintShape.isEmpty() && gear)
        ctx.add(AtcSeverity::Error, QStringLiteral("hint_shape_dynamic"), QStringLiteral("input_hint_shape"),
            Tr::tr("--input_hint_shape cannot be combined with --dynamic_batch_size, --dynamic_image_size or "
                   "--dynamic_dims (E10001)."),
            Tr::tr("Clear --input_hint_shape, or drop the profiles."), QStringLiteral("E10001"));
    auto countMatch = [&](const QString& field, const QString& flags, const QString& against,
                          const QString& againstField) {
        const qsizetype n = flags.split(QLatin1Char(','), Qt::SkipEmptyParts).size();
        const qsizetype m = against.split(QLatin1Char(';'), Qt::SkipEmptyParts).size();
        if (!flags.isEmpty() && n != m)
            ctx.add(AtcSeverity::Error, QStringLiteral("hw_layout_count"), field,
                Tr::tr("--%1 has %2 value(s) but --%3 lists %4; ATC needs one true/false per entry (E10001).")
                    .arg(field)
                    .arg(n)
                    .arg(againstField)
                    .arg(m),
                Tr::tr("Give exactly one true or false per --%1 entry.").arg(againstField), QStringLiteral("E10001"));
    };
    countMatch(QStringLiteral("is_input_adjust_hw_layout"), o.isInputAdjustHwLayout, o.inputFp16Nodes,
        QStringLiteral("input_fp16_nodes"));
    countMatch(QStringLiteral("is_output_adjust_hw_layout"), o.isOutputAdjustHwLayout, o.outNodes,
        QStringLiteral("out_nodes"));
}

void checkNodeNames(const RuleContext& ctx)
{
    const AtcOptions& o = ctx.options;
    if (!o.outNodes.isEmpty()) {
        const auto parsed = parseOutNodes(o.outNodes);
        if (!parsed.ok()) {
            ctx.add(AtcSeverity::Error, QStringLiteral("out_nodes_syntax"), QStringLiteral("out_nodes"),
                parsed.error().message, Tr::tr("Write node:index entries separated by ';', e.g. conv1:0;fc:0."));
        } else {
            for (const OutNode& n : parsed.value()) {
                if (n.index < 0)
                    ctx.add(AtcSeverity::Warning, QStringLiteral("out_nodes_syntax"), QStringLiteral("out_nodes"),
                        Tr::tr("--out_nodes entry '%1' has no ':index'; ATC's syntax is node:index.").arg(n.node),
                        Tr::tr("Write %1:0 for the node's first output.").arg(n.node));
                if (!ctx.model || n.index < 0)
                    continue;
                const AtcNodeFact* node = ctx.model->node(n.node);
                if (!node || n.index >= node->outputs.size())
                    ctx.add(AtcSeverity::Error, QStringLiteral("out_nodes_unknown"), QStringLiteral("out_nodes"),
                        node ? Tr::tr("--out_nodes: node '%1' has %2 output(s), so index %3 does not exist "
                                      "(E11017).")
                                   .arg(n.node)
                                   .arg(node->outputs.size())
                                   .arg(n.index)
                             : Tr::tr("--out_nodes: the main graph has no node named '%1'; ATC stops with E11017 "
                                      "(\"Failed to find node\").")
                                   .arg(n.node),
                        Tr::tr("Use node names of the main graph: pick them on the Graph page with *Use as "
                               "out node*."),
                        QStringLiteral("E11017"), node ? QStringList { n.node } : QStringList {});
                if (!node || n.index >= node->outputs.size())
                    ctx.out.last().cliFix = QStringLiteral("Use node names of the main graph (`atcwb graph MODEL "
                                                           "--json` lists them).");
            }
        }
    }
    if (!o.inputFp16Nodes.isEmpty() && ctx.model) {
        QStringList inputs;
        for (const TensorInfo& t : ctx.model->summary.inputs)
            inputs.append(t.name);
        for (const QString& raw : o.inputFp16Nodes.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            const QString name = raw.trimmed();
            if (!inputs.contains(name))
                ctx.add(AtcSeverity::Error, QStringLiteral("fp16_nodes_unknown"), QStringLiteral("input_fp16_nodes"),
                    Tr::tr("--input_fp16_nodes names '%1', which is not an input of the model (E10016).").arg(name),
                    Tr::tr("Use input names: %1.").arg(inputs.join(QStringLiteral(", "))), QStringLiteral("E10016"));
        }
    }
}

} // namespace

void checkFlagValues(const RuleContext& ctx)
{
    checkAllowedValues(ctx);
    if (!ctx.converting())
        return;
    checkPairs(ctx);
    checkNodeNames(ctx);
}

} // namespace wb::detail

namespace wb {

QStringList atcFlagChoices(const QString& flag)
{
    using namespace detail;
    if (flag == QLatin1String("output_type"))
        return words(kOutputTypes);
    for (const AllowedValues& a : kAllowed) {
        if (flag == QLatin1String(a.flag))
            return words(a.values);
    }
    return {};
}

} // namespace wb
