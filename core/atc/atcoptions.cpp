#include "atcoptions.h"

#include "util/atomicfile.h"
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <variant>

namespace wb {

namespace {

using Member = std::variant<QString AtcOptions::*, std::optional<bool> AtcOptions::*, std::optional<int> AtcOptions::*>;

enum ModeMask : unsigned { M0 = 1, M1 = 2, M3 = 4, M6 = 8, Conversion = M0 | M3 };

struct FlagEntry {
    AtcFlagInfo info;
    Member member;
    unsigned modes = Conversion;
};

const QList<FlagEntry>& table()
{
    using K = AtcFlagKind;
    auto e = [](const char* name, const char* group, K kind, Member member, unsigned modes = Conversion,
                 bool required = false) {
        return FlagEntry { { QLatin1String(name), QLatin1String(group), kind, required }, member, modes };
    };
    static const QList<FlagEntry> entries {
        e("model", "General", K::InputFile, &AtcOptions::model, Conversion, true),
        e("output", "General", K::OutputPath, &AtcOptions::output, Conversion, true),
        e("soc_version", "General", K::Text, &AtcOptions::socVersion, Conversion, true),
        e("om", "General", K::InputFile, &AtcOptions::om, M1 | M6),
        e("json", "General", K::OutputPath, &AtcOptions::json, M1),
        e("check_report", "General", K::OutputPath, &AtcOptions::checkReport, M3),
        e("input_format", "Input", K::Text, &AtcOptions::inputFormat),
        e("input_shape", "Input", K::Text, &AtcOptions::inputShape),
        e("input_shape_range", "Input", K::Text, &AtcOptions::inputShapeRange),
        e("dynamic_batch_size", "Input", K::Text, &AtcOptions::dynamicBatchSize),
        e("dynamic_image_size", "Input", K::Text, &AtcOptions::dynamicImageSize),
        e("dynamic_dims", "Input", K::Text, &AtcOptions::dynamicDims),
        e("input_hint_shape", "Input", K::Text, &AtcOptions::inputHintShape),
        e("input_fp16_nodes", "Input", K::Text, &AtcOptions::inputFp16Nodes),
        e("is_input_adjust_hw_layout", "Input", K::Text, &AtcOptions::isInputAdjustHwLayout),
        e("insert_op_conf", "Input", K::InputFile, &AtcOptions::insertOpConf),
        e("out_nodes", "Output", K::Text, &AtcOptions::outNodes),
        e("output_type", "Output", K::Text, &AtcOptions::outputType),
        e("is_output_adjust_hw_layout", "Output", K::Text, &AtcOptions::isOutputAdjustHwLayout),
        e("precision_mode", "Precision", K::Text, &AtcOptions::precisionMode),
        e("precision_mode_v2", "Precision", K::Text, &AtcOptions::precisionModeV2),
        e("modify_mixlist", "Precision", K::InputFile, &AtcOptions::modifyMixlist),
        e("keep_dtype", "Precision", K::InputFile, &AtcOptions::keepDtype),
        e("customize_dtypes", "Precision", K::InputFile, &AtcOptions::customizeDtypes),
        e("op_select_implmode", "Precision", K::Text, &AtcOptions::opSelectImplmode),
        e("optypelist_for_implmode", "Precision", K::Text, &AtcOptions::optypelistForImplmode),
        e("op_precision_mode", "Precision", K::InputFile, &AtcOptions::opPrecisionMode),
        e("fusion_switch_file", "Tuning", K::InputFile, &AtcOptions::fusionSwitchFile),
        e("buffer_optimize", "Tuning", K::Text, &AtcOptions::bufferOptimize),
        e("enable_small_channel", "Tuning", K::ZeroOne, &AtcOptions::enableSmallChannel),
        e("disable_reuse_memory", "Tuning", K::ZeroOne, &AtcOptions::disableReuseMemory),
        e("external_weight", "Tuning", K::Integer, &AtcOptions::externalWeight),
        e("compression_optimize_conf", "Tuning", K::InputFile, &AtcOptions::compressionOptimizeConf),
        e("enable_compress_weight", "Tuning", K::TrueFalse, &AtcOptions::enableCompressWeight),
        e("compress_weight_conf", "Tuning", K::InputFile, &AtcOptions::compressWeightConf),
        e("op_compiler_cache_mode", "Tuning", K::Text, &AtcOptions::opCompilerCacheMode),
        e("op_compiler_cache_dir", "Tuning", K::OutputPath, &AtcOptions::opCompilerCacheDir),
        e("host_env_os", "Tuning", K::Text, &AtcOptions::hostEnvOs),
        e("host_env_cpu", "Tuning", K::Text, &AtcOptions::hostEnvCpu),
        e("log", "Debug", K::Text, &AtcOptions::log),
        e("op_debug_level", "Debug", K::Integer, &AtcOptions::opDebugLevel),
        e("debug_dir", "Debug", K::OutputPath, &AtcOptions::debugDir),
        e("save_original_model", "Debug", K::TrueFalse, &AtcOptions::saveOriginalModel),
    };
    return entries;
}

const FlagEntry* entry(const QString& name)
{
    for (const FlagEntry& f : table()) {
        if (f.info.name == name)
            return &f;
    }
    return nullptr;
}

unsigned modeBit(AtcMode mode)
{
    switch (mode) {
    case AtcMode::Convert:
        return M0;
    case AtcMode::ModelToJson:
        return M1;
    case AtcMode::PreCheck:
        return M3;
    case AtcMode::DisplayOm:
        return M6;
    }
    return 0;
}

Error recipeError(const QString& message)
{
    return Error { QStringLiteral("bad_recipe"), message, {} };
}

} // namespace

const QList<AtcFlagInfo>& atcFlags()
{
    static const QList<AtcFlagInfo> infos = [] {
        QList<AtcFlagInfo> list;
        for (const FlagEntry& f : table())
            list.append(f.info);
        return list;
    }();
    return infos;
}

bool isTypedAtcFlag(const QString& name)
{
    return entry(name) || name == QLatin1String("mode") || name == QLatin1String("framework");
}

QString atcFlagValue(const AtcOptions& options, const QString& name)
{
    const FlagEntry* f = entry(name);
    if (!f)
        return {};
    if (auto s = std::get_if<QString AtcOptions::*>(&f->member))
        return options.**s;
    if (auto b = std::get_if<std::optional<bool> AtcOptions::*>(&f->member)) {
        const std::optional<bool>& v = options.**b;
        if (!v)
            return {};
        if (f->info.kind == AtcFlagKind::ZeroOne)
            return *v ? QStringLiteral("1") : QStringLiteral("0");
        return *v ? QStringLiteral("true") : QStringLiteral("false");
    }
    const std::optional<int>& v = options.*std::get<std::optional<int> AtcOptions::*>(f->member);
    return v ? QString::number(*v) : QString();
}

bool setAtcFlagValue(AtcOptions& options, const QString& name, const QString& value)
{
    const FlagEntry* f = entry(name);
    if (!f)
        return false;
    if (auto s = std::get_if<QString AtcOptions::*>(&f->member)) {
        options.** s = value;
        return true;
    }
    const QString v = value.trimmed();
    if (auto b = std::get_if<std::optional<bool> AtcOptions::*>(&f->member)) {
        if (v.isEmpty())
            options.** b = std::nullopt;
        else if (v == QLatin1String("1") || v.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
            options.** b = true;
        else if (v == QLatin1String("0") || v.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
            options.** b = false;
        else
            return false;
        return true;
    }
    auto& target = options.*std::get<std::optional<int> AtcOptions::*>(f->member);
    if (v.isEmpty()) {
        target = std::nullopt;
        return true;
    }
    bool ok = false;
    const int n = v.toInt(&ok);
    if (ok)
        target = n;
    return ok;
}

bool atcFlagAppliesTo(const QString& name, AtcMode mode)
{
    const FlagEntry* f = entry(name);
    return f && (f->modes & modeBit(mode));
}

QJsonObject toJson(const AtcOptions& options)
{
    QJsonObject flags;
    for (const FlagEntry& f : table()) {
        if (auto s = std::get_if<QString AtcOptions::*>(&f.member)) {
            if (!(options.**s).isEmpty())
                flags.insert(f.info.name, options.**s);
        } else if (auto b = std::get_if<std::optional<bool> AtcOptions::*>(&f.member)) {
            if ((options.**b).has_value())
                flags.insert(f.info.name, *(options.**b));
        } else {
            const auto& v = options.*std::get<std::optional<int> AtcOptions::*>(f.member);
            if (v)
                flags.insert(f.info.name, *v);
        }
    }
    QJsonArray extra;
    for (const AtcExtraFlag& x : options.extraFlags)
        extra.append(QJsonObject { { QStringLiteral("name"), x.name }, { QStringLiteral("value"), x.value } });
    QJsonObject object { { QStringLiteral("recipe"), QStringLiteral("atc-workbench") },
        { QStringLiteral("version"), 1 }, { QStringLiteral("mode"), static_cast<int>(options.mode) },
        { QStringLiteral("flags"), flags } };
    if (!options.workDir.isEmpty())
        object.insert(QStringLiteral("work_dir"), options.workDir);
    if (!extra.isEmpty())
        object.insert(QStringLiteral("extra_flags"), extra);
    return object;
}

Result<AtcOptions> atcOptionsFromJson(const QJsonObject& object)
{
    static const QStringList topKeys { QStringLiteral("recipe"), QStringLiteral("version"), QStringLiteral("mode"),
        QStringLiteral("work_dir"), QStringLiteral("flags"), QStringLiteral("extra_flags"),
        QStringLiteral("build") }; // "build": what a conversion recorded (argv, toolkit, model hash); not options
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!topKeys.contains(it.key()))
            return recipeError(QStringLiteral("Unknown key '%1' in the recipe; expected one of %2.")
                                   .arg(it.key(), topKeys.join(QStringLiteral(", "))));
    }
    if (object.contains(QStringLiteral("version")) && object.value(QStringLiteral("version")).toInt() != 1)
        return recipeError(QStringLiteral("Recipe version %1 is not supported (this build reads version 1).")
                               .arg(object.value(QStringLiteral("version")).toVariant().toString()));
    AtcOptions options;
    const QJsonValue mode = object.value(QStringLiteral("mode"));
    if (!mode.isUndefined()) {
        const int m = mode.toInt(-1);
        if (m != 0 && m != 1 && m != 3 && m != 6)
            return recipeError(QStringLiteral("Recipe mode must be 0 (convert), 1 (model to JSON), 3 (pre-check) or "
                                              "6 (display an OM), not %1.")
                                   .arg(mode.toVariant().toString()));
        options.mode = static_cast<AtcMode>(m);
    }
    options.workDir = object.value(QStringLiteral("work_dir")).toString();
    const QJsonObject flags = object.value(QStringLiteral("flags")).toObject();
    for (auto it = flags.begin(); it != flags.end(); ++it) {
        const FlagEntry* f = entry(it.key());
        if (!f)
            return recipeError(QStringLiteral("Unknown flag '%1' in the recipe's \"flags\"; put flags this app has no "
                                              "field for in \"extra_flags\".")
                                   .arg(it.key()));
        const QJsonValue v = it.value();
        const bool typeOk = std::holds_alternative<QString AtcOptions::*>(f->member) ? v.isString()
            : std::holds_alternative<std::optional<bool> AtcOptions::*>(f->member)
            ? v.isBool()
            : (v.isDouble() && v.toDouble() == double(v.toInt()));
        if (!typeOk)
            return recipeError(QStringLiteral("Flag '%1' in the recipe has the wrong type (expected a %2).")
                                   .arg(it.key(),
                                       std::holds_alternative<QString AtcOptions::*>(f->member)
                                           ? QStringLiteral("string")
                                           : (std::holds_alternative<std::optional<bool> AtcOptions::*>(f->member)
                                                   ? QStringLiteral("boolean")
                                                   : QStringLiteral("whole number"))));
        const QString text = v.isBool() ? (v.toBool() ? QStringLiteral("true") : QStringLiteral("false"))
            : v.isDouble()              ? QString::number(v.toInt())
                                        : v.toString();
        setAtcFlagValue(options, it.key(), text);
    }
    for (const QJsonValue& x : object.value(QStringLiteral("extra_flags")).toArray()) {
        const QJsonObject o = x.toObject();
        if (!o.value(QStringLiteral("name")).isString() || !o.value(QStringLiteral("value")).isString())
            return recipeError(QStringLiteral("Each \"extra_flags\" entry needs a string \"name\" and \"value\"."));
        options.extraFlags.append(
            { o.value(QStringLiteral("name")).toString(), o.value(QStringLiteral("value")).toString() });
    }
    return options;
}

Result<QJsonObject> readRecipeObject(const QString& path)
{
    QFile file(path);
    if (!file.exists())
        return Error { QStringLiteral("not_found"), QStringLiteral("Recipe %1 does not exist.").arg(path), {} };
    if (!file.open(QIODevice::ReadOnly))
        return Error { QStringLiteral("unreadable"),
            QStringLiteral("Recipe %1 cannot be read: %2.").arg(path, file.errorString()), {} };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject())
        return Error { QStringLiteral("bad_recipe"),
            QStringLiteral("Recipe %1 is not a JSON object: %2 at offset %3.")
                .arg(path, parseError.errorString())
                .arg(parseError.offset),
            {} };
    return doc.object();
}

Result<AtcOptions> loadRecipe(const QString& path)
{
    const Result<QJsonObject> object = readRecipeObject(path);
    if (!object.ok())
        return object.error();
    Result<AtcOptions> parsed = atcOptionsFromJson(object.value());
    if (!parsed.ok())
        return Error { parsed.error().code, QStringLiteral("Recipe %1: %2").arg(path, parsed.error().message), {} };
    AtcOptions options = std::move(parsed).value();
    const QDir base = QFileInfo(path).absoluteDir();
    for (const FlagEntry& f : table()) {
        auto s = std::get_if<QString AtcOptions::*>(&f.member);
        const bool isPath = f.info.kind == AtcFlagKind::InputFile || f.info.kind == AtcFlagKind::OutputPath;
        if (s && isPath && !(options.**s).isEmpty() && QDir::isRelativePath(options.**s))
            options.** s = QDir::cleanPath(base.absoluteFilePath(options.**s));
    }
    if (!options.workDir.isEmpty() && QDir::isRelativePath(options.workDir))
        options.workDir = QDir::cleanPath(base.absoluteFilePath(options.workDir));
    return options;
}

Result<bool> saveRecipe(const AtcOptions& options, const QString& path)
{
    const Result<bool> written
        = writeFileAtomically(path, QJsonDocument(toJson(options)).toJson(QJsonDocument::Indented));
    if (!written.ok())
        return Error { written.error().code, QStringLiteral("Recipe: %1").arg(written.error().message), {} };
    return true;
}

} // namespace wb
