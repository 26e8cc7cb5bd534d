#include "run/bundle.h"

#include "atc/conversionrecipe.h"
#include "onnx/onnxmodel.h"
#include "onnx/shapeinference.h"
#include "onnx/shapespec.h"
#include "util/atomicfile.h"
#include "version.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace wb {

namespace {

const QString RecipeSuffix = QStringLiteral(".recipe.json");

Error bundleError(const char* code, const QString& message)
{
    return Error { QString::fromLatin1(code), message, {} };
}

QString native(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

QString shapeText(const QList<qint64>& shape)
{
    QStringList parts;
    for (qint64 d : shape)
        parts << QString::number(d);
    return QLatin1Char('[') + parts.join(QLatin1Char(',')) + QLatin1Char(']');
}

QString inputsText(const QList<BundleTensor>& inputs)
{
    QStringList parts;
    for (const BundleTensor& t : inputs)
        parts << QStringLiteral("'%1' %2 %3").arg(t.name, t.dtype, shapeText(t.shape));
    return parts.join(QStringLiteral(", "));
}

bool sameAfterBatch(const QList<BundleTensor>& a, const QList<BundleTensor>& b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].name != b[i].name || a[i].dtype != b[i].dtype || a[i].shape.size() != b[i].shape.size())
            return false;
        if (!std::equal(a[i].shape.begin() + (a[i].shape.isEmpty() ? 0 : 1), a[i].shape.end(),
                b[i].shape.begin() + (b[i].shape.isEmpty() ? 0 : 1)))
            return false;
    }
    return true;
}

// Output shapes with the inputs fixed by `specs`; Errors: bad_shape.
Result<QList<BundleTensor>> outputsAt(const OnnxModel& model, const QList<InputShapeSpec>& specs, const QString& om)
{
    const Result<InferenceResult> inferred = inferShapes(model, specs);
    if (!inferred.ok()) {
        return bundleError("bad_shape",
            QStringLiteral("The output shapes of %1 cannot be worked out from its model with the inputs %2: %3")
                .arg(native(om), formatInputShapeSpec(specs), inferred.error().message));
    }
    QList<BundleTensor> outputs;
    for (const TensorInfo& t : inferred.value().outputs) {
        BundleTensor out;
        out.name = t.name;
        out.dtype = t.dtype;
        out.format = QStringLiteral("ND");
        if (t.shape) {
            for (const Dim& d : *t.shape)
                out.shape << (d.isDynamic() ? -1 : d.value);
        }
        outputs << out;
    }
    return outputs;
}

struct Source {
    QString om;
    ConversionRecipe recipe;
};

Result<Source> locate(const QString& given)
{
    Source s;
    const QString path = QFileInfo(given).absoluteFilePath();
    if (path.endsWith(RecipeSuffix))
        s.om = path.left(path.size() - RecipeSuffix.size());
    else
        s.om = path;
    if (!QFileInfo(path).isFile())
        return bundleError("not_found", QStringLiteral("%1 does not exist.").arg(native(path)));
    if (!QFileInfo(s.om).isFile())
        return bundleError("not_found",
            QStringLiteral("%1 is a recipe, but its OM %2 is not beside it: convert the model first.")
                .arg(native(path), native(s.om)));
    QString why;
    if (!looksLikeOm(s.om, &why))
        return bundleError("not_om", QStringLiteral("%1 %2").arg(native(s.om), why));
    const QString recipePath = recipePathFor(s.om);
    if (!QFileInfo(recipePath).isFile()) {
        return bundleError("no_recipe",
            QStringLiteral("%1 has no recipe beside it (%2): a bundle needs the SoC, inputs and batch the OM was "
                           "built with. Convert the model with `atcwb convert` or the app, which write it.")
                .arg(native(s.om), QFileInfo(recipePath).fileName()));
    }
    Result<ConversionRecipe> recipe = loadConversionRecipe(recipePath);
    if (!recipe.ok())
        return bundleError("bad_recipe", recipe.error().message);
    s.recipe = recipe.value();
    return s;
}

// One OM as the manifest lists it, from its recipe and its model.
Result<BundleOm> describeOm(const Source& s, const OnnxModel& model)
{
    BundleOm om;
    om.source = s.om;
    om.file = QFileInfo(s.om).fileName();
    const AtcOptions& o = s.recipe.options;
    const QString where = native(s.om);
    if (!o.dynamicBatchSize.trimmed().isEmpty()) {
        for (const QString& g : o.dynamicBatchSize.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            bool ok = false;
            const qint64 gear = g.trimmed().toLongLong(&ok);
            if (!ok || gear < 1)
                return bundleError("bad_recipe",
                    QStringLiteral("The recipe of %1 has a dynamic_batch_size '%2' that is not a list of batch sizes.")
                        .arg(where, o.dynamicBatchSize));
            om.gears << gear;
        }
    }
    QList<InputShapeSpec> specs;
    if (!o.inputShape.trimmed().isEmpty()) {
        Result<QList<InputShapeSpec>> parsed = parseInputShapeSpec(o.inputShape);
        if (!parsed.ok())
            return bundleError("bad_recipe",
                QStringLiteral("The recipe of %1 has an input_shape that does not parse: %2")
                    .arg(where, parsed.error().message));
        specs = parsed.value();
    }
    // Inputs in the model's order, shaped as ATC was told (input_shape), else as the model declares them.
    for (const TensorInfo& input : model.summary().inputs) {
        BundleTensor t;
        t.name = input.name;
        t.dtype = input.dtype;
        const auto spec
            = std::find_if(specs.begin(), specs.end(), [&](const InputShapeSpec& sp) { return sp.name == input.name; });
        if (spec != specs.end()) {
            for (const ShapeSpecDim& d : spec->dims)
                t.shape << (d.isStatic() ? d.min : -1);
        } else if (input.shape) {
            for (const Dim& d : *input.shape)
                t.shape << (d.isDynamic() ? -1 : d.value);
        }
        t.format = !o.inputFormat.isEmpty() ? o.inputFormat
            : t.shape.size() == 4           ? QStringLiteral("NCHW")
                                            : QStringLiteral("ND");
        om.inputs << t;
    }
    if (om.inputs.isEmpty())
        return bundleError("bad_shape", QStringLiteral("The model of %1 has no inputs.").arg(where));
    const QList<qint64>& first = om.inputs.first().shape;
    if (om.gears.isEmpty()) {
        om.batch = s.recipe.batch > 0 ? s.recipe.batch : (first.isEmpty() ? 0 : first.first());
        if (om.batch < 1)
            return bundleError("bad_shape",
                QStringLiteral("%1 has no static batch size: its first input is %2. Convert it with a static "
                               "--input_shape or with --dynamic_batch_size.")
                    .arg(where, shapeText(first)));
    }
    for (const BundleTensor& t : om.inputs) {
        for (qsizetype i = 0; i < t.shape.size(); ++i) {
            const bool batchDim = i == 0 && !om.gears.isEmpty();
            if (t.shape[i] < 0 && !batchDim)
                return bundleError("bad_shape",
                    QStringLiteral("Input '%1' of %2 is %3: only the batch dim of a dynamic-batch OM may be open.")
                        .arg(t.name, where, shapeText(t.shape)));
        }
    }
    // Outputs: at the OM's batch; for gears, at two of them, and the dims that change are the batch dim (-1).
    const auto fixedAt = [&](qint64 batch) {
        QList<InputShapeSpec> fixed;
        for (const BundleTensor& t : om.inputs) {
            InputShapeSpec spec;
            spec.name = t.name;
            for (qsizetype i = 0; i < t.shape.size(); ++i)
                spec.dims << ShapeSpecDim::fixed(i == 0 && !om.gears.isEmpty() ? batch : t.shape[i]);
            fixed << spec;
        }
        return fixed;
    };
    if (om.gears.isEmpty()) {
        Result<QList<BundleTensor>> outputs = outputsAt(model, fixedAt(om.batch), s.om);
        if (!outputs.ok())
            return outputs.error();
        om.outputs = outputs.value();
    } else {
        const qint64 a = om.gears.first();
        const qint64 b = a + 1;
        Result<QList<BundleTensor>> atA = outputsAt(model, fixedAt(a), s.om);
        if (!atA.ok())
            return atA.error();
        Result<QList<BundleTensor>> atB = outputsAt(model, fixedAt(b), s.om);
        if (!atB.ok())
            return atB.error();
        om.outputs = atA.value();
        for (qsizetype i = 0; i < om.outputs.size() && i < atB.value().size(); ++i) {
            for (qsizetype k = 0; k < om.outputs[i].shape.size() && k < atB.value()[i].shape.size(); ++k) {
                if (om.outputs[i].shape[k] != atB.value()[i].shape[k])
                    om.outputs[i].shape[k] = -1;
            }
        }
    }
    return om;
}

QJsonArray tensorsJson(const QList<BundleTensor>& tensors)
{
    QJsonArray list;
    for (const BundleTensor& t : tensors) {
        QJsonArray shape;
        for (qint64 d : t.shape)
            shape.append(d);
        list.append(QJsonObject {
            { QStringLiteral("name"), t.name },
            { QStringLiteral("dtype"), t.dtype },
            { QStringLiteral("format"), t.format },
            { QStringLiteral("shape"), shape },
        });
    }
    return list;
}

} // namespace

Result<BundleManifest> describeBundle(const QStringList& omsOrRecipes, QStringList* warnings)
{
    if (omsOrRecipes.isEmpty())
        return bundleError("not_found", QStringLiteral("No OM was given: name the OMs (or their recipes) to bundle."));
    QList<Source> sources;
    for (const QString& given : omsOrRecipes) {
        Result<Source> s = locate(given);
        if (!s.ok())
            return s.error();
        for (const Source& other : sources) {
            if (other.om == s.value().om)
                return bundleError("duplicate_batch", QStringLiteral("%1 is given twice.").arg(native(s.value().om)));
        }
        sources << s.value();
    }
    BundleManifest manifest;
    const Source& first = sources.first();
    manifest.soc = first.recipe.options.socVersion;
    manifest.toolkitVersion = first.recipe.toolkitVersion;
    manifest.modelSha256 = first.recipe.modelSha256;
    manifest.created = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    for (const Source& s : sources) {
        const AtcOptions& o = s.recipe.options;
        if (o.socVersion != manifest.soc) {
            return bundleError("mixed_soc",
                QStringLiteral("%1 was built for %2, but %3 for %4: a bundle holds OMs for one SoC.")
                    .arg(native(s.om), o.socVersion.isEmpty() ? QStringLiteral("no SoC") : o.socVersion,
                        native(first.om), manifest.soc.isEmpty() ? QStringLiteral("no SoC") : manifest.soc));
        }
        if (s.recipe.modelSha256 != manifest.modelSha256
            || (s.recipe.modelSha256.isEmpty() && o.model != first.recipe.options.model)) {
            return bundleError("mixed_model",
                QStringLiteral("%1 was made from another model (%2) than %3 (%4): a bundle holds one model.")
                    .arg(native(s.om), native(o.model), native(first.om), native(first.recipe.options.model)));
        }
        if (s.recipe.toolkitVersion != manifest.toolkitVersion && warnings) {
            *warnings << QStringLiteral("%1 was built with toolkit %2, %3 with %4.")
                             .arg(native(s.om), s.recipe.toolkitVersion, native(first.om), manifest.toolkitVersion);
        }
    }
    const QString modelPath = first.recipe.options.model;
    Result<OnnxModelPtr> model = OnnxModel::load(modelPath);
    if (!model.ok()) {
        return bundleError("model_missing",
            QStringLiteral("The model %1 that %2 was converted from cannot be read (%3); the bundle takes the input "
                           "and output names, dtypes and shapes from it.")
                .arg(native(modelPath), native(first.om), model.error().message));
    }
    manifest.modelName = QFileInfo(modelPath).completeBaseName();
    manifest.modelFile = QFileInfo(modelPath).fileName();
    if (manifest.modelSha256.isEmpty()) {
        Result<QString> sha = sha256File(modelPath);
        if (sha.ok())
            manifest.modelSha256 = sha.value();
    }
    for (const Source& s : sources) {
        Result<BundleOm> om = describeOm(s, *model.value());
        if (!om.ok())
            return om.error();
        BundleOm entry = om.value();
        for (const BundleOm& other : manifest.oms) {
            if (!sameAfterBatch(other.inputs, entry.inputs)) {
                return bundleError("mixed_inputs",
                    QStringLiteral("%1 has other inputs (%2) than %3 (%4): a bundle holds one model at several batch "
                                   "sizes.")
                        .arg(native(s.om), inputsText(entry.inputs), native(other.source), inputsText(other.inputs)));
            }
            if (entry.gears.isEmpty() && other.gears.isEmpty() && entry.batch == other.batch) {
                return bundleError("duplicate_batch",
                    QStringLiteral("%1 and %2 both have batch %3: keep one.")
                        .arg(native(other.source), native(s.om))
                        .arg(entry.batch));
            }
            if (!entry.gears.isEmpty() && !other.gears.isEmpty()) {
                return bundleError("duplicate_batch",
                    QStringLiteral("%1 and %2 are both dynamic-batch OMs: keep one.")
                        .arg(native(other.source), native(s.om)));
            }
            if (entry.file == other.file) {
                return bundleError("duplicate_batch",
                    QStringLiteral("%1 and %2 have the same file name: rename one.")
                        .arg(native(other.source), native(s.om)));
            }
        }
        Result<QString> sha = sha256File(s.om);
        if (!sha.ok())
            return sha.error();
        entry.sha256 = sha.value();
        manifest.oms << entry;
    }
    std::stable_sort(manifest.oms.begin(), manifest.oms.end(), [](const BundleOm& a, const BundleOm& b) {
        if (a.gears.isEmpty() != b.gears.isEmpty())
            return a.gears.isEmpty();
        return a.batch < b.batch;
    });
    return manifest;
}

Result<BundleManifest> writeBundle(const QStringList& omsOrRecipes, const QString& outDir, QStringList* warnings)
{
    Result<BundleManifest> described = describeBundle(omsOrRecipes, warnings);
    if (!described.ok())
        return described;
    const BundleManifest& manifest = described.value();
    if (!QDir().mkpath(outDir))
        return bundleError("write_failed", QStringLiteral("Cannot create the folder %1.").arg(native(outDir)));
    const QDir dir(outDir);
    for (const BundleOm& om : manifest.oms) {
        const QString target = dir.absoluteFilePath(om.file);
        if (QFileInfo(target).absoluteFilePath() == QFileInfo(om.source).absoluteFilePath())
            continue; // bundling in place
        const Result<bool> copied = writeFileAtomically(target, [&](QIODevice& device) -> std::optional<Error> {
            QFile source(om.source);
            if (!source.open(QIODevice::ReadOnly))
                return bundleError(
                    "write_failed", QStringLiteral("Cannot read %1: %2.").arg(native(om.source), source.errorString()));
            QByteArray chunk;
            while (!(chunk = source.read(1 << 20)).isEmpty()) {
                if (device.write(chunk) != chunk.size())
                    return bundleError("write_failed",
                        QStringLiteral("Cannot write %1: %2.").arg(native(target), device.errorString()));
            }
            return std::nullopt;
        });
        if (!copied.ok())
            return copied.error();
        Result<QString> sha = sha256File(target);
        if (!sha.ok() || sha.value() != om.sha256)
            return bundleError("write_failed",
                QStringLiteral("The copy %1 differs from %2 (sha256): the disk may be full or failing.")
                    .arg(native(target), native(om.source)));
    }
    const QByteArray json = QJsonDocument(bundleManifestToJson(manifest)).toJson(QJsonDocument::Indented);
    const Result<bool> written = writeFileAtomically(dir.absoluteFilePath(QStringLiteral("deploy.json")), json);
    if (!written.ok())
        return written.error();
    return manifest;
}

QJsonObject bundleManifestToJson(const BundleManifest& manifest)
{
    QJsonArray oms;
    for (const BundleOm& om : manifest.oms) {
        QJsonObject entry {
            { QStringLiteral("file"), om.file },
            { QStringLiteral("sha256"), om.sha256 },
            { QStringLiteral("inputs"), tensorsJson(om.inputs) },
            { QStringLiteral("outputs"), tensorsJson(om.outputs) },
        };
        if (om.gears.isEmpty()) {
            entry.insert(QStringLiteral("batch"), om.batch);
        } else {
            QJsonArray gears;
            for (qint64 g : om.gears)
                gears.append(g);
            entry.insert(QStringLiteral("dynamic_batch"), gears);
        }
        oms.append(entry);
    }
    return QJsonObject {
        { QStringLiteral("format"), QStringLiteral("atc-workbench-bundle") },
        { QStringLiteral("version"), 1 },
        { QStringLiteral("model"),
            QJsonObject { { QStringLiteral("name"), manifest.modelName },
                { QStringLiteral("file"), manifest.modelFile }, { QStringLiteral("sha256"), manifest.modelSha256 } } },
        { QStringLiteral("soc"), manifest.soc },
        { QStringLiteral("toolkit_version"), manifest.toolkitVersion },
        { QStringLiteral("created"), manifest.created },
        { QStringLiteral("atc_workbench_version"), QStringLiteral(WB_VERSION) },
        { QStringLiteral("oms"), oms },
    };
}

QList<qint64> bundleBatches(const BundleManifest& manifest)
{
    QList<qint64> batches;
    for (const BundleOm& om : manifest.oms) {
        for (qint64 b : om.gears.isEmpty() ? QList<qint64> { om.batch } : om.gears) {
            if (!batches.contains(b))
                batches << b;
        }
    }
    std::sort(batches.begin(), batches.end());
    return batches;
}

} // namespace wb
