#pragma once

// Findings about an OM, through the same AtcFinding value the conversion checks use (the Graph page marks their
// `nodes`, the CLI prints them): AI CPU ops, conversions ATC inserted between fused groups, the OM's SoC against
// the selected device, its input shapes against the recipe's, an OM older than its ONNX model.
#include "atc/atcfinding.h"
#include "om/ommapping.h"
#include "om/ommodel.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace wb {

struct OmLintInput {
    const OmModel* om = nullptr;
    const OmMapping* mapping = nullptr; // optional: with it, findings name ONNX nodes
    QString selectedSoc; // the device's --soc_version; empty: not checked
    QString recipeInputShape; // the recipe's --input_shape (ATC syntax); empty: not checked
    QDateTime omModified; // invalid: not checked
    QDateTime onnxModified; // invalid: not checked
    QString onnxPath; // for the message
};

// Rules (AtcFinding::rule): om_ai_cpu_op (warning, one per AI CPU op), om_inserted_conversion (info, one per
// TransData/Cast ATC inserted between two ops of ONNX origin), om_soc_mismatch (error), om_input_shape_mismatch
// (warning, one per input), om_older_than_onnx (warning; binary .om only: a JSON's time is not the OM's). Every finding
// has a fix.
QList<AtcFinding> lintOm(const OmLintInput& input);

} // namespace wb
