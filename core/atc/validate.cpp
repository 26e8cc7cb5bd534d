// validate(): the composition, plus the general rules (required flags, paths, SoC, toolkit, flag support).
#include "validate.h"

#include "opsupport.h"
#include "validate_p.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include "atc/checkstr_p.h"

namespace wb {

namespace detail {

namespace {

QString absolute(const RuleContext& ctx, const QString& path)
{
    return QDir::isAbsolutePath(path) || ctx.options.workDir.isEmpty()
        ? QFileInfo(path).absoluteFilePath()
        : QDir(ctx.options.workDir).absoluteFilePath(path);
}

void checkRequired(const RuleContext& ctx)
{
    const AtcOptions& o = ctx.options;
    auto required = [&](const QString& rule, const QString& field, const QString& value, const QString& what,
                        const QString& fix, const QString& code) {
        if (value.trimmed().isEmpty())
            ctx.add(AtcSeverity::Error, rule, field, Tr::tr("--%1 is missing: %2.").arg(field, what), fix, code);
    };
    if (ctx.converting()) {
        required(QStringLiteral("model_required"), QStringLiteral("model"), o.model,
            Tr::tr("ATC needs the .onnx file to convert and stops with E10054"), Tr::tr("Choose the ONNX model."),
            QStringLiteral("E10054"));
        required(QStringLiteral("soc_required"), QStringLiteral("soc_version"), o.socVersion,
            Tr::tr("ATC compiles for one chip and stops with E10054 without it"),
            Tr::tr("Set the SoC of the device that will run the model: `npu-smi info` there shows the Name "
                   "column (e.g. 310P3), prefix it with Ascend (Ascend310P3)."),
            QStringLiteral("E10054"));
    }
    if (o.mode == AtcMode::Convert)
        required(QStringLiteral("output_required"), QStringLiteral("output"), o.output,
            Tr::tr("ATC needs the path of the .om to write (without the .om suffix) and stops with E10054"),
            Tr::tr("Set the output path, e.g. the model's path without .onnx."), QStringLiteral("E10054"));
    if (o.mode == AtcMode::ModelToJson || o.mode == AtcMode::DisplayOm)
        required(QStringLiteral("om_required"), QStringLiteral("om"), o.om,
            Tr::tr("modes 1 and 6 read the model given by --om (E10004)"),
            Tr::tr("Choose the .om (or, for mode 1, the .onnx) to display."), QStringLiteral("E10004"));
    if (o.mode == AtcMode::ModelToJson)
        required(QStringLiteral("json_required"), QStringLiteral("json"), o.json,
            Tr::tr("mode 1 writes the model as JSON to --json (E10004)"), Tr::tr("Set where the JSON file goes."),
            QStringLiteral("E10004"));
}

void checkPaths(const RuleContext& ctx)
{
    const AtcOptions& o = ctx.options;
    for (const QString& field : { QStringLiteral("model"), QStringLiteral("om") }) {
        const QString value = atcFlagValue(o, field);
        if (!value.isEmpty() && atcFlagAppliesTo(field, o.mode) && !QFileInfo(absolute(ctx, value)).isFile())
            ctx.add(AtcSeverity::Error, QStringLiteral("model_not_found"), field,
                Tr::tr("--%1 names %2, which is not a file; ATC cannot load it (E10041).").arg(field, value),
                Tr::tr("Choose an existing model file."), QStringLiteral("E10041"));
    }
    for (const AtcFlagInfo& flag : atcFlags()) {
        const QString value = atcFlagValue(o, flag.name);
        if (value.isEmpty() || !atcFlagAppliesTo(flag.name, o.mode) || flag.name == QLatin1String("model")
            || flag.name == QLatin1String("om"))
            continue;
        if (flag.kind == AtcFlagKind::InputFile && !QFileInfo(absolute(ctx, value)).isFile()) {
            const bool aipp = flag.name == QLatin1String("insert_op_conf");
            ctx.add(AtcSeverity::Error,
                aipp ? QStringLiteral("aipp_file_missing") : QStringLiteral("config_file_missing"), flag.name,
                aipp ? Tr::tr("The AIPP configuration file %1 (--insert_op_conf) does not exist; ATC stops "
                              "with E10052.")
                           .arg(value)
                     : Tr::tr("--%1 names %2, which does not exist; ATC stops (E10410).").arg(flag.name, value),
                Tr::tr("Choose an existing file for --%1, or clear the field.").arg(flag.name),
                aipp ? QStringLiteral("E10052") : QStringLiteral("E10410"));
        }
        if (flag.kind != AtcFlagKind::OutputPath)
            continue;
        const QString path = absolute(ctx, value);
        const bool isFolder
            = flag.name == QLatin1String("op_compiler_cache_dir") || flag.name == QLatin1String("debug_dir");
        if (flag.name == QLatin1String("output")) {
            if (value.endsWith(QLatin1Char('/')) || QFileInfo(path).isDir())
                ctx.add(AtcSeverity::Error, QStringLiteral("output_no_filename"), flag.name,
                    Tr::tr("--output=%1 is a folder; ATC needs a file name to which it appends .om (E10022).")
                        .arg(value),
                    Tr::tr("Add a file name, e.g. %1/model.").arg(QDir::cleanPath(value)), QStringLiteral("E10022"));
            else if (value.endsWith(QLatin1String(".om"), Qt::CaseInsensitive))
                ctx.add(AtcSeverity::Warning, QStringLiteral("output_suffix"), flag.name,
                    Tr::tr("--output=%1 ends in .om; ATC appends .om itself and writes %1.om.").arg(value),
                    Tr::tr("Drop the .om suffix: --output=%1.").arg(value.chopped(3)));
        }
        const QFileInfo folder(isFolder ? path : QFileInfo(path).absolutePath());
        // A cache/debug folder may be created by ATC, the output folder by the conversion when it starts (never
        // before the checks pass): their nearest existing parent counts.
        const bool createdByRun = flag.name == QLatin1String("output") && o.mode == AtcMode::Convert;
        QFileInfo existing = folder;
        while ((isFolder || createdByRun) && !existing.exists() && existing.absoluteFilePath() != QDir::rootPath())
            existing = QFileInfo(existing.absolutePath());
        if (createdByRun && !folder.exists() && existing.isDir() && existing.isWritable())
            ctx.add(AtcSeverity::Info, QStringLiteral("output_dir_created"), flag.name,
                Tr::tr("The folder %1 for --output does not exist yet; the conversion creates it when it "
                       "starts.")
                    .arg(folder.absoluteFilePath()),
                Tr::tr("To run the command by hand, create it first: mkdir -p %1").arg(folder.absoluteFilePath()));
        else if (!existing.isDir() || !existing.isWritable())
            ctx.add(AtcSeverity::Error, QStringLiteral("output_dir_writable"), flag.name,
                Tr::tr("The folder %1 for --%2 %3; ATC cannot write there.")
                    .arg(folder.absoluteFilePath(), flag.name,
                        existing.isDir() ? Tr::tr("is not writable") : Tr::tr("does not exist")),
                Tr::tr("Choose a folder that exists and that you can write to."));
    }
}

void checkToolkit(const RuleContext& ctx)
{
    const AtcOptions& o = ctx.options;
    const AtcToolkit& tk = ctx.toolkit;
    if (!tk.isValid())
        ctx.add(AtcSeverity::Warning, QStringLiteral("toolkit_missing"), {},
            Tr::tr("No ATC was found (looked in: %1), so the command uses plain `atc`, and SoC names, flags and "
                   "opsets were checked against built-in data instead of an installed toolkit.")
                .arg(tk.searched.isEmpty() ? Tr::tr("nowhere yet") : tk.searched.join(QStringLiteral(", "))),
            toolkitHowTo());
    if (!tk.isValid())
        ctx.out.last().cliFix = toolkitHowTo(HintForm::Cli);
    const QString soc = o.socVersion.trimmed();
    if (ctx.converting() && !soc.isEmpty()) {
        const QStringList known = socVersionsFor(tk);
        const bool authoritative = tk.isValid() && !tk.socVersions.isEmpty();
        if (soc.startsWith(QLatin1String("Ascend035"))) {
            ctx.add(AtcSeverity::Error, QStringLiteral("soc_unknown"), QStringLiteral("soc_version"),
                Tr::tr("%1 is a nano SoC that ATC only accepts with --mode=30 (execute-om), which this app does "
                       "not produce (E10055).")
                    .arg(soc),
                Tr::tr("Pick the SoC of an Atlas inference or training device."), QStringLiteral("E10055"));
        } else if (!known.contains(soc)) {
            QString close;
            for (const QString& k : known) {
                if (k.compare(soc, Qt::CaseInsensitive) == 0)
                    close = k;
            }
            ctx.add(authoritative ? AtcSeverity::Error : AtcSeverity::Warning, QStringLiteral("soc_unknown"),
                QStringLiteral("soc_version"),
                authoritative
                    ? Tr::tr("--soc_version=%1 is not one of the %2 SoCs this toolkit has a platform "
                             "config for (%3); ATC refuses it (E10001).")
                          .arg(soc)
                          .arg(known.size())
                          .arg(tk.home)
                    : Tr::tr("--soc_version=%1 is not in the built-in SoC list (no toolkit to ask).").arg(soc),
                close.isEmpty() ? Tr::tr("Use one of: %1.").arg(known.join(QStringLiteral(", ")))
                                : Tr::tr("SoC names are case-sensitive: use %1.").arg(close),
                QStringLiteral("E10001"));
        }
    }
    if (!tk.isValid() || tk.flags.isEmpty())
        return;
    QStringList unsupported;
    for (const AtcFlagInfo& flag : atcFlags()) {
        if (atcFlagAppliesTo(flag.name, o.mode) && !atcFlagValue(o, flag.name).isEmpty() && !tk.supportsFlag(flag.name))
            unsupported.append(flag.name);
    }
    for (const AtcExtraFlag& x : o.extraFlags) {
        if (!tk.supportsFlag(x.name))
            unsupported.append(x.name);
    }
    for (const QString& name : unsupported)
        ctx.add(AtcSeverity::Error, QStringLiteral("flag_unsupported"), name,
            Tr::tr("This ATC (%1) does not list --%2 in `atc --help`; it would stop with \"ERROR: unknown "
                   "command line flag '%2'\".")
                .arg(tk.version.isEmpty() ? tk.atcPath : Tr::tr("CANN %1").arg(tk.version), name),
            Tr::tr("Clear --%1, or use a toolkit that has it.").arg(name));
}

void checkExtraFlags(const RuleContext& ctx)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z][A-Za-z0-9_]*$"));
    QStringList seen;
    for (const AtcExtraFlag& x : ctx.options.extraFlags) {
        QString problem;
        if (!valid.match(x.name).hasMatch())
            problem = Tr::tr("'%1' is not a flag name (letters, digits and '_', without the leading --)").arg(x.name);
        else if (isTypedAtcFlag(x.name))
            problem = Tr::tr("--%1 has its own field; setting it here too would pass it twice").arg(x.name);
        else if (seen.contains(x.name))
            problem = Tr::tr("--%1 is given twice").arg(x.name);
        seen.append(x.name);
        if (!problem.isEmpty())
            ctx.add(AtcSeverity::Error, QStringLiteral("extra_flag_invalid"), x.name,
                Tr::tr("Extra flag: %1.").arg(problem), Tr::tr("Fix the name, or use the flag's own field."));
    }
}

} // namespace

void checkGeneral(const RuleContext& ctx)
{
    checkRequired(ctx);
    checkPaths(ctx);
    checkToolkit(ctx);
    checkExtraFlags(ctx);
}

} // namespace detail

QList<AtcFinding> validate(const AtcOptions& options, const AtcModelFacts* model, const AtcToolkit& toolkit)
{
    QList<AtcFinding> findings;
    const detail::RuleContext ctx { options, model, toolkit, findings };
    detail::checkGeneral(ctx);
    detail::checkFlagValues(ctx);
    if (ctx.converting()) {
        detail::checkShapes(ctx);
        if (model)
            findings += checkOperators(*model, AtcOpTable::builtin(), toolkit.isValid() ? toolkit.version : QString());
    }
    return findings;
}

} // namespace wb
