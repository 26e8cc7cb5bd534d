#pragma once

#include "onnxmodel.h"

#include <QHash>

#include <optional>

namespace wb {

// A size the model itself gives for a dynamic input dimension: offered as a one-click suggestion, never applied
// silently.
struct DimSuggestion {
    QString input;
    int dim = 0;
    qint64 value = 0;
    QString
        reason; // "metadata imgsz = [640, 640]", "Reshape '/image' to [1, 1, 28, 28]", "dim 'seq' is 32 in input 'ids'"
    bool operator==(const DimSuggestion& o) const { return input == o.input && dim == o.dim && value == o.value; }
};

// What a model says about its inputs' dynamic dims, read once: image-size metadata (Ultralytics' imgsz and the
// like), constant Reshape targets and Conv weights that read an input directly, and the dims' symbolic names.
struct DimHints {
    struct Pin {
        QString input;
        qint64 elements = 0; // the input holds exactly this many elements
        QString reason;
    };
    QList<DimSuggestion> direct; // sizes known outright (metadata, a Conv's in-channels)
    QList<Pin> pins; // element counts a Reshape to a constant shape pins
    QHash<QString, QList<QPair<QString, int>>> symbols; // dim name -> (input, dim) that carry it
};

DimHints dimHints(const OnnxModel& model);

// The sizes `hints` suggest for dims `known` leaves open. `known` maps each input to its dims as the user has them
// now (nullopt: no size yet); only open dims get a suggestion, at most one each (a name shared with a dim the user
// sized first, then metadata and Conv weights, then a Reshape that pins the one open dim).
QList<DimSuggestion> suggestInputDims(const DimHints& hints, const QHash<QString, QList<std::optional<qint64>>>& known);

// The dim ATC's batch profiles and the batch variants set: dimension 0 of an input of rank 2 or more. The only
// dynamic dimension that may be proposed (as 1) rather than asked for.
bool isBatchDim(const TensorInfo& input, int dim);

// Where a dim starts before the user sizes it: its static size, 1 for a dynamic batch dim, nothing otherwise (a
// dynamic height is never guessed). The one policy of the Shapes and Convert pages and the checks' fixes.
std::optional<qint64> proposedSize(const TensorInfo& input, int dim);

} // namespace wb
