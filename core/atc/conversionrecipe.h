#pragma once

// The recipe written beside each OM (<om>.recipe.json): the ATC options as atcoptions.h writes them (paths inside
// the recipe's folder relative to it, others absolute) plus a "build" object saying how the OM was made:
//   {"recipe": "atc-workbench", "version": 1, "mode": 0, "flags": {...}, "extra_flags": [...],
//    "build": {"argv": [program, args...], "toolkit_version", "model_sha256", "batch" (variants only),
//              "created" (UTC, ISO 8601), "atc_workbench_version", "duration_ms"}}
// "argv" is the command as it would run writing straight to the final path (the staging folder swapped back).
#include "atc/atcoptions.h"
#include "util/result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace wb {

struct ConversionJob;

struct ConversionRecipe {
    AtcOptions options; // path flags absolute once loaded
    QStringList argv;
    QString toolkitVersion;
    QString modelSha256;
    qint64 batch = -1;
    QString created;
    QString workbenchVersion;
    qint64 durationMs = 0;
};

QString recipePathFor(const QString& omPath); // <om>.recipe.json
QString logPathFor(const QString& omPath); // <om>.atc.log
QString failedLogPathFor(const QString& omPath); // <folder>/<name>.failed.atc.log

// Path-kind flags (model, output, insert_op_conf, ...) made absolute against `base` (relative ones) and cleaned.
AtcOptions withAbsolutePaths(AtcOptions options, const QString& base);

QJsonObject conversionRecipeToJson(const ConversionRecipe& recipe, const QString& recipeFolder);
// Written through a temporary file (never half a recipe). Errors: write_failed.
Result<bool> saveConversionRecipe(const ConversionRecipe& recipe, const QString& path);
// Reads a recipe written by saveConversionRecipe (or a plain saveRecipe one, with an empty build part). Errors as
// loadRecipe: not_found, unreadable, bad_recipe.
Result<ConversionRecipe> loadConversionRecipe(const QString& path);

// sha256 of a file's bytes, lowercase hex. Errors: unreadable.
Result<QString> sha256File(const QString& path);

// Whether the OM of `job` can be kept instead of rebuilt: it exists and is a whole OM (looksLikeOm), and its recipe
// has the same options, argv, toolkit version and model sha256 (a non-empty one). `why` gets the reason it cannot.
bool recipeUnchanged(
    const ConversionJob& job, const QString& toolkitVersion, const QString& modelSha256, QString* why = nullptr);

// Whether `path` is a whole OM: its 256-byte header passes every check of run/omfileheader.h (the magic "IMOD",
// the header size, and a declared model length equal to the bytes after the header, so a truncated OM fails);
// `why` gets the problem otherwise ("<path> is truncated: ...").
bool looksLikeOm(const QString& path, QString* why = nullptr);

} // namespace wb
