// --input_shape and the dynamic profiles (gears) (shared/reference/atc.md §2.3, §2.4).
#include "atcsyntax.h"
#include "validate_p.h"

#include <QCoreApplication>
#include <QSet>

#include "atc/checkstr_p.h"

namespace wb::detail {

namespace {

constexpr int kMinProfiles = 2;
constexpr int kMaxProfiles = 100;
constexpr qint64 kMaxBatch = 2048;

bool isDynamic(const ShapeSpecDim& d)
{
    return !d.isStatic();
}

struct ShapeCheck {
    const RuleContext& ctx;
    const AtcOptions& o;
    QList<InputShapeSpec> specs;
    QString gearField; // the profile flag in use, if any
    QString gearText;

    const InputShapeSpec* spec(const QString& name) const
    {
        for (const InputShapeSpec& s : specs) {
            if (s.name == name)
                return &s;
        }
        return nullptr;
    }

    void add(AtcSeverity s, const char* rule, const QString& field, const QString& msg, const QString& fix,
        const char* code = "") const
    {
        ctx.add(s, QLatin1String(rule), field, msg, fix, QLatin1String(code));
    }

    void exclusivity()
    {
        QStringList set;
        for (const auto& [field, text] : { std::pair { QStringLiteral("dynamic_batch_size"), o.dynamicBatchSize },
                 std::pair { QStringLiteral("dynamic_image_size"), o.dynamicImageSize },
                 std::pair { QStringLiteral("dynamic_dims"), o.dynamicDims } }) {
            if (text.trimmed().isEmpty())
                continue;
            set.append(QStringLiteral("--") + field);
            if (gearField.isEmpty()) {
                gearField = field;
                gearText = text;
            }
        }
        if (!o.inputShapeRange.isEmpty())
            set.append(QStringLiteral("--input_shape_range"));
        if (set.size() > 1)
            add(AtcSeverity::Error, "dynamic_exclusive", set.at(1).mid(2),
                Tr::tr("%1 are set together; ATC takes only one of --dynamic_batch_size, --dynamic_image_size, "
                       "--dynamic_dims and --input_shape_range (E10009).")
                    .arg(set.join(QStringLiteral(" and "))),
                Tr::tr("Keep one kind of dynamic input and clear the others."), "E10009");
    }

    void shapeRange()
    {
        if (o.inputShapeRange.isEmpty())
            return;
        add(AtcSeverity::Warning, "shape_range_deprecated", QStringLiteral("input_shape_range"),
            o.inputShape.isEmpty()
                ? Tr::tr("--input_shape_range is deprecated in current ATC (it prints a warning).")
                : Tr::tr("--input_shape_range is deprecated, and with --input_shape also set ATC lets "
                         "input_shape_range override it."),
            Tr::tr("Write the ranges in --input_shape instead, e.g. input:1~8,3,224,224."));
        const auto ranges = parseInputShapeRange(o.inputShapeRange);
        if (!ranges.ok()) {
            add(AtcSeverity::Error, "shape_range_syntax", QStringLiteral("input_shape_range"), ranges.error().message,
                Tr::tr("Write name:[dims] entries separated by ';' (dims: size, -1 or lo~hi)."), "E10048");
            return;
        }
        if (!ctx.model)
            return;
        for (const InputShapeRange& r : ranges.value()) {
            bool known = false;
            for (const TensorInfo& t : ctx.model->summary.inputs)
                known = known || t.name == r.name;
            if (!r.name.isEmpty() && !known)
                unknownInput(QStringLiteral("input_shape_range"), r.name);
        }
    }

    void unknownInput(const QString& field, const QString& name) const { reportUnknownInput(ctx, field, name); }

    template <typename T> void countAndDuplicates(const QList<T>& profiles)
    {
        if (profiles.size() < kMinProfiles || profiles.size() > kMaxProfiles)
            add(AtcSeverity::Error, "gear_count", gearField,
                Tr::tr("--%1 has %2 profile(s); ATC needs %3 to %4 (%5).")
                    .arg(gearField)
                    .arg(profiles.size())
                    .arg(kMinProfiles)
                    .arg(kMaxProfiles)
                    .arg(profiles.size() < kMinProfiles ? QStringLiteral("E10035") : QStringLiteral("E10036")),
                profiles.size() < kMinProfiles
                    ? Tr::tr("Give at least two profiles; for a single shape, put it in --input_shape and drop --%1.")
                          .arg(gearField)
                    : Tr::tr("Keep at most 100 profiles (compile time grows with each one)."),
                profiles.size() < kMinProfiles ? "E10035" : "E10036");
        for (qsizetype i = 0; i < profiles.size(); ++i) {
            if (profiles.indexOf(profiles.at(i)) != i) {
                add(AtcSeverity::Error, "gear_duplicate", gearField,
                    Tr::tr("--%1 lists profile %2 more than once (E10039).").arg(gearField).arg(i + 1),
                    Tr::tr("Remove the repeated profile."), "E10039");
                break;
            }
        }
    }

    // Positions of the -1 dims in each spec, in --input_shape order.
    int dynamicCount() const
    {
        int n = 0;
        for (const InputShapeSpec& s : specs) {
            for (const ShapeSpecDim& d : s.dims)
                n += isDynamic(d) ? 1 : 0;
        }
        return n;
    }

    void batch()
    {
        const auto sizes = parseDynamicBatchSize(gearText);
        if (!sizes.ok())
            return gearSyntax(sizes.error().message);
        countAndDuplicates(sizes.value());
        for (const qint64 b : sizes.value()) {
            if (b < 1 || b > kMaxBatch) {
                add(b < 1 ? AtcSeverity::Error : AtcSeverity::Warning, "dynamic_batch_range", gearField,
                    Tr::tr("--dynamic_batch_size has batch %1; %2.")
                        .arg(b)
                        .arg(b < 1 ? Tr::tr("a batch must be at least 1 (E10038)")
                                   : Tr::tr("ATC's documentation supports 1 to 2048")),
                    Tr::tr("Use batch sizes from 1 to 2048."), b < 1 ? "E10038" : "");
                break;
            }
        }
        int firstDims = 0;
        QStringList misplaced;
        for (const InputShapeSpec& s : specs) {
            for (int i = 0; i < s.dims.size(); ++i) {
                if (!isDynamic(s.dims.at(i)))
                    continue;
                if (i == 0)
                    ++firstDims;
                else if (!misplaced.contains(s.name))
                    misplaced.append(s.name);
            }
        }
        if (firstDims == 0 || !misplaced.isEmpty())
            add(AtcSeverity::Error, "dynamic_batch_first_dim", QStringLiteral("input_shape"),
                misplaced.isEmpty()
                    ? Tr::tr("--dynamic_batch_size needs -1 as the first (batch) dimension of at least one input "
                             "in --input_shape, and there is none (E10031).")
                    : Tr::tr("With --dynamic_batch_size only the first dimension may be -1, but %1 has -1 "
                             "elsewhere (E10018).")
                          .arg(misplaced.join(QStringLiteral(", "))),
                Tr::tr("Write the batch as -1 and every other dimension as a size, e.g. input:-1,3,224,224."),
                misplaced.isEmpty() ? "E10031" : "E10018");
    }

    void image()
    {
        const auto sizes = parseDynamicImageSize(gearText);
        if (!sizes.ok())
            return gearSyntax(sizes.error().message);
        countAndDuplicates(sizes.value());
        const QString format = o.inputFormat.isEmpty() ? QStringLiteral("NCHW") : o.inputFormat;
        if (format != QLatin1String("NCHW") && format != QLatin1String("NHWC")) {
            add(AtcSeverity::Error, "dynamic_image_format", QStringLiteral("input_format"),
                Tr::tr("--dynamic_image_size needs NCHW (or, for TensorFlow, NHWC) inputs, but --input_format is "
                       "%1 (E10001).")
                    .arg(format),
                Tr::tr("Set --input_format=NCHW, or use --dynamic_dims with --input_format=ND."), "E10001");
            return;
        }
        const QList<int> hw = format == QLatin1String("NCHW") ? QList<int> { 2, 3 } : QList<int> { 1, 2 };
        int images = 0;
        QStringList wrong;
        for (const InputShapeSpec& s : specs) {
            QList<int> dynamic;
            for (int i = 0; i < s.dims.size(); ++i) {
                if (isDynamic(s.dims.at(i)))
                    dynamic.append(i);
            }
            if (dynamic.isEmpty())
                continue;
            if (s.dims.size() == 4 && dynamic == hw)
                ++images;
            else
                wrong.append(s.name);
        }
        if (images == 0 || !wrong.isEmpty())
            add(AtcSeverity::Error, "dynamic_image_layout", QStringLiteral("input_shape"),
                wrong.isEmpty() ? Tr::tr("--dynamic_image_size needs an input with -1 as height and width in "
                                         "--input_shape, and there is none (E10019).")
                                : Tr::tr("With --dynamic_image_size only height and width of a 4-D %1 input may "
                                         "be -1, but %2 differs (E10019).")
                                      .arg(format, wrong.join(QStringLiteral(", "))),
                Tr::tr("Write e.g. input:1,3,-1,-1 (%1).").arg(format), "E10019");
    }

    void dims()
    {
        const auto profiles = parseDynamicDims(gearText);
        if (!profiles.ok())
            return gearSyntax(profiles.error().message);
        countAndDuplicates(profiles.value());
        const int n = dynamicCount();
        for (qsizetype i = 0; i < profiles.value().size(); ++i) {
            const QList<qint64>& p = profiles.value().at(i);
            if (n == 0 || p.size() != n) {
                add(AtcSeverity::Error, "dynamic_dims_count", gearField,
                    n == 0 ? Tr::tr("--dynamic_dims needs -1 dimensions in --input_shape, and there are none "
                                    "(E10001).")
                           : Tr::tr("--dynamic_dims profile %1 has %2 value(s), but --input_shape has %3 -1 "
                                    "dimension(s); each profile gives one value per -1, in order (E10045/E10046).")
                                 .arg(i + 1)
                                 .arg(p.size())
                                 .arg(n),
                    Tr::tr("Give exactly one value per -1 of --input_shape in every profile."),
                    n == 0 ? "E10001" : "E10046");
                break;
            }
            if (p.contains(0)) {
                add(AtcSeverity::Error, "dynamic_dims_values", gearField,
                    Tr::tr("--dynamic_dims profile %1 has a 0; every value must be a positive size (E10001).")
                        .arg(i + 1),
                    Tr::tr("Use sizes of at least 1."), "E10001");
                break;
            }
        }
        if (o.inputFormat != QLatin1String("ND"))
            add(AtcSeverity::Warning, "dynamic_dims_format", QStringLiteral("input_format"),
                Tr::tr("--dynamic_dims is meant for --input_format=ND, but it is %1.")
                    .arg(o.inputFormat.isEmpty() ? Tr::tr("unset (NCHW)") : o.inputFormat),
                Tr::tr("Set --input_format=ND."));
        if (!o.insertOpConf.isEmpty())
            add(AtcSeverity::Error, "dynamic_dims_aipp", QStringLiteral("insert_op_conf"),
                Tr::tr("--dynamic_dims cannot be used with AIPP (--insert_op_conf): \"The dynamic dims function "
                       "does not support AIPP\" (E10001)."),
                Tr::tr("Drop the AIPP file, or use --dynamic_batch_size / --dynamic_image_size."), "E10001");
    }

    void gearSyntax(const QString& message) const
    {
        add(AtcSeverity::Error, "gear_syntax", gearField, message,
            Tr::tr("See the syntax: --dynamic_batch_size=1,2,4; --dynamic_image_size=224,224;448,448; "
                   "--dynamic_dims=1,224;2,448."),
            gearField == QLatin1String("dynamic_image_size") ? "E10020" : "E10003");
    }

    void gears()
    {
        if (gearField.isEmpty())
            return;
        if (o.inputShape.trimmed().isEmpty()) {
            add(AtcSeverity::Error, "dynamic_needs_input_shape", QStringLiteral("input_shape"),
                Tr::tr("--%1 needs --input_shape with -1 where the profiles apply; ATC stops with E10004 "
                       "(\"Value for --input_shape is empty\").")
                    .arg(gearField),
                Tr::tr("Set --input_shape, e.g. input:-1,3,224,224."), "E10004");
            return;
        }
        for (const InputShapeSpec& s : specs) {
            for (const ShapeSpecDim& d : s.dims) {
                if (d.isRange() || d.min == -2) {
                    add(AtcSeverity::Error, "gear_no_ranges", QStringLiteral("input_shape"),
                        Tr::tr("--input_shape entry %1 uses %2, which profiles do not allow: with --%3 only -1 "
                               "marks a dynamic dimension (E10040).")
                            .arg(formatInputShapeSpec({ s }), d.toString(), gearField),
                        Tr::tr("Write -1 instead of the range."), "E10040");
                    return;
                }
            }
        }
        if (gearField == QLatin1String("dynamic_batch_size"))
            batch();
        else if (gearField == QLatin1String("dynamic_image_size"))
            image();
        else
            dims();
        if (!ctx.model)
            return;
        for (const TensorInfo& t : ctx.model->summary.inputs) {
            if (t.shape && t.shape->isEmpty() && !spec(t.name))
                add(AtcSeverity::Error, "scalar_not_listed", QStringLiteral("input_shape"),
                    Tr::tr("Input '%1' is a scalar; with --%2 every scalar input must be listed in --input_shape "
                           "as '%1:'.")
                        .arg(t.name, gearField),
                    Tr::tr("Add %1: to --input_shape.").arg(t.name));
        }
    }
};

} // namespace

void checkShapes(const RuleContext& ctx)
{
    ShapeCheck check { ctx, ctx.options, {}, {}, {} };
    check.exclusivity();
    if (!ctx.options.inputShape.trimmed().isEmpty()) {
        const auto parsed = parseInputShapeSpec(ctx.options.inputShape);
        if (!parsed.ok()) {
            ctx.add(AtcSeverity::Error, QStringLiteral("input_shape_syntax"), QStringLiteral("input_shape"),
                parsed.error().message, Tr::tr("Write name:d0,d1,... per input, separated by ';' (a scalar as name:)."),
                QStringLiteral("E10002"));
            return;
        }
        check.specs = parsed.value();
    }
    check.shapeRange();
    check.gears();
    checkDynamicShapeMode(ctx, check.specs, check.gearField);
    checkModelInputs(ctx, check.specs, check.gearField);
}

} // namespace wb::detail
