#pragma once

// A deployment bundle: a folder with the OMs of one model at several batch sizes (and/or one dynamic-batch OM) and
// deploy.json describing them, read by om_dispatch (app/omrunner/om_dispatch.h) and om-runner --bundle.
//
// deploy.json: {"format": "atc-workbench-bundle", "version": 1,
//   "model": {"name", "file", "sha256"}, "soc", "toolkit_version", "created" (UTC ISO 8601), "atc_workbench_version",
//   "oms": [{"file", "sha256", "batch": N | "dynamic_batch": [gears], "inputs": [{"name", "dtype", "format",
//            "shape": [...]}], "outputs": [...]}]}   (a dynamic-batch OM has -1 as its batch dim)
//
// makeBundle takes OMs (or the <om>.recipe.json beside each) as ATC Workbench converted them: the recipe says the
// SoC, toolkit, model and its sha256, input shapes and batch or gears; the ONNX model gives input and output names
// and dtypes, and the output shapes at each batch (shape inference with the inputs fixed). Checked: every OM is a
// whole OM (its 256-byte header, run/omfileheader.h), all were built for one SoC from one model with the same
// inputs apart from the batch, and no two have the same batch. Every mismatch is an error naming the file.

#include "util/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace wb {

struct BundleTensor {
    QString name;
    QString dtype;
    QString format;
    QList<qint64> shape; // -1: the batch dim of a dynamic-batch OM
};

struct BundleOm {
    QString source; // the OM as given (absolute)
    QString file; // its name in the bundle
    QString sha256;
    qint64 batch = 0; // 0 for a dynamic-batch OM
    QList<qint64> gears;
    QList<BundleTensor> inputs;
    QList<BundleTensor> outputs;
};

struct BundleManifest {
    QString modelName;
    QString modelFile;
    QString modelSha256;
    QString soc;
    QString toolkitVersion;
    QString created;
    QList<BundleOm> oms; // ascending batch, the dynamic-batch OM last
};

// Reads and checks the OMs (paths of .om files or of their .om.recipe.json), without writing anything.
// Errors: not_found, no_recipe, not_om, mixed_soc, mixed_model, mixed_inputs, duplicate_batch, bad_recipe,
// model_missing (the ONNX model is needed for the inputs and outputs), bad_shape.
Result<BundleManifest> describeBundle(const QStringList& omsOrRecipes, QStringList* warnings = nullptr);

// describeBundle, then copies the OMs into outDir (created when missing) and writes outDir/deploy.json; the copies'
// sha256 are checked against the originals. Errors: those of describeBundle, write_failed.
Result<BundleManifest> writeBundle(
    const QStringList& omsOrRecipes, const QString& outDir, QStringList* warnings = nullptr);

QJsonObject bundleManifestToJson(const BundleManifest& manifest);

// The batch sizes a bundle serves (static OMs) and the gears of its dynamic-batch OM.
QList<qint64> bundleBatches(const BundleManifest& manifest);

} // namespace wb
