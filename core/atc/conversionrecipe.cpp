#include "atc/conversionrecipe.h"

#include "atc/conversion.h"
#include "run/omheader.h"
#include "util/atomicfile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace wb {

namespace {

const QString kBuild = QStringLiteral("build");

bool isPathFlag(const AtcFlagInfo& flag)
{
    return flag.kind == AtcFlagKind::InputFile || flag.kind == AtcFlagKind::OutputPath;
}

// Path flags inside `folder` (the output always, a model kept beside its OMs) relative to it, so the recipe still
// works when the folder moves; paths elsewhere stay absolute rather than becoming a chain of "../".
AtcOptions withRelativePaths(AtcOptions options, const QString& folder)
{
    const QDir base(folder);
    for (const AtcFlagInfo& flag : atcFlags()) {
        const QString value = atcFlagValue(options, flag.name);
        if (!isPathFlag(flag) || value.isEmpty() || !QDir::isAbsolutePath(value))
            continue;
        const QString relative = base.relativeFilePath(value);
        if (!relative.startsWith(QLatin1String("..")))
            setAtcFlagValue(options, flag.name, relative);
    }
    options.workDir.clear();
    return options;
}

QStringList toStringList(const QJsonValue& value)
{
    QStringList list;
    for (const QJsonValue& v : value.toArray())
        list.append(v.toString());
    return list;
}

} // namespace

QString recipePathFor(const QString& omPath)
{
    return omPath + QStringLiteral(".recipe.json");
}

QString logPathFor(const QString& omPath)
{
    return omPath + QStringLiteral(".atc.log");
}

QString failedLogPathFor(const QString& omPath)
{
    const QFileInfo om(omPath);
    return om.absoluteDir().filePath(om.completeBaseName() + QStringLiteral(".failed.atc.log"));
}

AtcOptions withAbsolutePaths(AtcOptions options, const QString& base)
{
    const QDir dir(base);
    for (const AtcFlagInfo& flag : atcFlags()) {
        const QString value = atcFlagValue(options, flag.name);
        if (isPathFlag(flag) && !value.isEmpty())
            setAtcFlagValue(options, flag.name, QDir::cleanPath(dir.absoluteFilePath(value)));
    }
    if (!options.workDir.isEmpty())
        options.workDir = QDir::cleanPath(dir.absoluteFilePath(options.workDir));
    return options;
}

QJsonObject conversionRecipeToJson(const ConversionRecipe& recipe, const QString& recipeFolder)
{
    QJsonObject object = toJson(withRelativePaths(recipe.options, recipeFolder));
    QJsonObject build { { QStringLiteral("argv"), QJsonArray::fromStringList(recipe.argv) },
        { QStringLiteral("toolkit_version"), recipe.toolkitVersion },
        { QStringLiteral("model_sha256"), recipe.modelSha256 }, { QStringLiteral("created"), recipe.created },
        { QStringLiteral("atc_workbench_version"), recipe.workbenchVersion },
        { QStringLiteral("duration_ms"), recipe.durationMs } };
    if (recipe.batch >= 0)
        build.insert(QStringLiteral("batch"), recipe.batch);
    object.insert(kBuild, build);
    return object;
}

Result<bool> saveConversionRecipe(const ConversionRecipe& recipe, const QString& path)
{
    const QJsonObject object = conversionRecipeToJson(recipe, QFileInfo(path).absolutePath());
    // Beside the OM in an output folder others may share: a symlink planted under the recipe's name is replaced.
    const Result<bool> written
        = writeFileAtomically(path, QJsonDocument(object).toJson(QJsonDocument::Indented), AtLink::Replace);
    if (!written.ok())
        return Error { written.error().code, QStringLiteral("Recipe: %1").arg(written.error().message), {} };
    return true;
}

Result<ConversionRecipe> loadConversionRecipe(const QString& path)
{
    const Result<QJsonObject> read = readRecipeObject(path);
    if (!read.ok())
        return read.error();
    QJsonObject object = read.value();
    const QJsonValue buildValue = object.take(kBuild);
    if (!buildValue.isUndefined() && !buildValue.isObject())
        return Error { QStringLiteral("bad_recipe"),
            QStringLiteral("Recipe %1: \"build\" must be an object.").arg(path), {} };
    Result<AtcOptions> options = atcOptionsFromJson(object);
    if (!options.ok())
        return Error { options.error().code, QStringLiteral("Recipe %1: %2").arg(path, options.error().message), {} };
    const QJsonObject build = buildValue.toObject();
    ConversionRecipe recipe;
    recipe.options = withAbsolutePaths(std::move(options).value(), QFileInfo(path).absolutePath());
    recipe.argv = toStringList(build.value(QStringLiteral("argv")));
    recipe.toolkitVersion = build.value(QStringLiteral("toolkit_version")).toString();
    recipe.modelSha256 = build.value(QStringLiteral("model_sha256")).toString();
    recipe.batch = build.value(QStringLiteral("batch")).toInteger(-1);
    recipe.created = build.value(QStringLiteral("created")).toString();
    recipe.workbenchVersion = build.value(QStringLiteral("atc_workbench_version")).toString();
    recipe.durationMs = build.value(QStringLiteral("duration_ms")).toInteger(0);
    return recipe;
}

Result<QString> sha256File(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error { QStringLiteral("unreadable"),
            QStringLiteral("%1 cannot be read: %2.").arg(path, file.errorString()), {} };
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return Error { QStringLiteral("unreadable"),
            QStringLiteral("%1 cannot be read: %2.").arg(path, file.errorString()), {} };
    return QString::fromLatin1(hash.result().toHex());
}

bool looksLikeOm(const QString& path, QString* why)
{
    // The whole header check (omfileheader.h), as om-runner and AscendCL's loader apply it: the magic alone also
    // passes an OM cut short by a killed ATC, which would then count as built and never be rebuilt.
    const OmHeader header = readOmHeaderFile(path);
    if (header.valid)
        return true;
    if (why)
        *why = header.message;
    return false;
}

bool recipeUnchanged(const ConversionJob& job, const QString& toolkitVersion, const QString& modelSha256, QString* why)
{
    auto no = [why](const QString& reason) {
        if (why)
            *why = reason;
        return false;
    };
    if (!QFileInfo::exists(job.omPath))
        return no(QStringLiteral("no OM at %1 yet").arg(job.omPath));
    const Result<ConversionRecipe> loaded = loadConversionRecipe(recipePathFor(job.omPath));
    if (!loaded.ok())
        return no(loaded.error().message);
    const ConversionRecipe& recipe = loaded.value();
    AtcOptions wanted = job.options;
    wanted.workDir.clear();
    if (recipe.options != wanted)
        return no(QStringLiteral("the options changed"));
    if (recipe.argv != job.invocation.argv())
        return no(QStringLiteral("the command line changed"));
    if (recipe.toolkitVersion != toolkitVersion)
        return no(QStringLiteral("the toolkit version changed (%1 -> %2)").arg(recipe.toolkitVersion, toolkitVersion));
    if (modelSha256.isEmpty() || recipe.modelSha256 != modelSha256)
        return no(QStringLiteral("the model changed"));
    QString problem;
    if (!looksLikeOm(job.omPath, &problem))
        return no(problem);
    return true;
}

} // namespace wb
