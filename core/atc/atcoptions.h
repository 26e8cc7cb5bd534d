#pragma once

#include "util/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace wb {

// ATC's --mode values this app uses (shared/reference/atc.md §2.1).
enum class AtcMode { Convert = 0, ModelToJson = 1, PreCheck = 3, DisplayOm = 6 };

// A flag this app has no typed field for, passed through as --name=value (e.g. one the probed `atc --help`
// lists). The name is written without the leading dashes.
struct AtcExtraFlag {
    QString name;
    QString value;
    bool operator==(const AtcExtraFlag&) const = default;
};

// Every ATC flag that applies to ONNX conversion (mode 0), the pre-check (mode 3) and model display (modes 1
// and 6), as a value. Empty strings and empty optionals mean "not set": the flag is left off the command line
// and ATC uses its default. Syntax-bearing values (input_shape, dynamic_*, out_nodes) are kept as the text ATC
// gets; atcsyntax.h parses them. --framework is not a field: this app converts ONNX only, so it is always 5.
// The JSON form (toJson/fromJson) is the recipe.
struct AtcOptions {
    AtcMode mode = AtcMode::Convert;
    QString workDir; // working folder for the run (fusion_result.json, kernel_meta land here); empty: output's

    // General
    QString model; // --model: the .onnx file
    QString output; // --output: path without the .om suffix
    QString socVersion; // --soc_version
    // Input
    QString inputFormat; // NCHW, ND, NCDHW (ONNX)
    QString inputShape; // "a:1,3,224,224;b:1,10"
    QString inputShapeRange; // deprecated: "a:[1~8,3,224,224]"
    QString dynamicBatchSize; // "1,2,4,8"
    QString dynamicImageSize; // "224,224;448,448"
    QString dynamicDims; // "1,224;2,448"
    QString inputHintShape;
    QString inputFp16Nodes; // "a;b"
    QString isInputAdjustHwLayout; // "true,false"
    QString insertOpConf; // AIPP configuration file
    // Output
    QString outNodes; // "node:0;node2:1"
    QString outputType; // FP32, FP16, UINT8, INT8 or per node "node:0:FP16"
    QString isOutputAdjustHwLayout;
    QString checkReport; // mode 3 report path
    QString om; // modes 1 and 6: the model to display
    QString json; // mode 1: the JSON to write
    // Precision
    QString precisionMode;
    QString precisionModeV2;
    QString modifyMixlist;
    QString keepDtype;
    QString customizeDtypes;
    QString opSelectImplmode;
    QString optypelistForImplmode;
    QString opPrecisionMode;
    // Tuning and features
    QString fusionSwitchFile;
    QString bufferOptimize;
    std::optional<bool> enableSmallChannel; // 0/1
    std::optional<bool> disableReuseMemory; // 0/1
    std::optional<int> externalWeight; // 0, 1, 2
    QString compressionOptimizeConf;
    std::optional<bool> enableCompressWeight; // true/false
    QString compressWeightConf;
    QString opCompilerCacheMode;
    QString opCompilerCacheDir;
    QString hostEnvOs;
    QString hostEnvCpu;
    // Debug
    QString log; // debug, info, warning, error, null
    std::optional<int> opDebugLevel;
    QString debugDir;
    std::optional<bool> saveOriginalModel; // true/false

    QList<AtcExtraFlag> extraFlags;

    bool operator==(const AtcOptions&) const = default;
};

// How a flag's value is written and checked.
enum class AtcFlagKind {
    Text, // free text or syntax
    InputFile, // a file that must exist
    OutputPath, // a path ATC writes
    ZeroOne, // bool written 0/1
    TrueFalse, // bool written true/false
    Integer,
};

struct AtcFlagInfo {
    QString name; // ATC's name without dashes, e.g. "soc_version"
    QString group; // General, Input, Output, Precision, Tuning, Debug
    AtcFlagKind kind = AtcFlagKind::Text;
    bool requiredForConversion = false;
};

// The typed flags in command-line order (the form lays its fields out from this).
const QList<AtcFlagInfo>& atcFlags();
// Whether a name is one of the typed flags (or one the app sets itself: mode, framework).
bool isTypedAtcFlag(const QString& name);
// The flag's value as ATC gets it ("" when unset); bools as 0/1 or true/false, ints as digits.
QString atcFlagValue(const AtcOptions& options, const QString& name);
// Sets a typed flag from text ("" clears it). Returns false for an unknown flag or a value its type cannot take.
bool setAtcFlagValue(AtcOptions& options, const QString& name, const QString& value);
// Whether the flag is passed to ATC in this mode (e.g. om only in modes 1 and 6).
bool atcFlagAppliesTo(const QString& name, AtcMode mode);

// The recipe: {"recipe": "atc-workbench", "version": 1, "mode": 0, "work_dir": "...", "flags": {"soc_version":
// "Ascend310P3", "op_debug_level": 1, "save_original_model": true, ...}, "extra_flags": [{"name", "value"}]}.
// Only set flags are written. fromJson refuses unknown keys, wrong types and unknown modes (code bad_recipe).
QJsonObject toJson(const AtcOptions& options);
Result<AtcOptions> atcOptionsFromJson(const QJsonObject& object);
// Reads a recipe file; relative paths in it are taken relative to the recipe's folder.
// Errors: not_found, unreadable, bad_recipe (with the JSON parser's complaint or the offending key).
Result<AtcOptions> loadRecipe(const QString& path);
// The JSON object of a recipe file (errors: not_found, unreadable, bad_recipe); loadRecipe and the conversion
// recipe reader share it.
Result<QJsonObject> readRecipeObject(const QString& path);
Result<bool> saveRecipe(const AtcOptions& options, const QString& path);

} // namespace wb
