#pragma once

// Convert many: a batch of models (found recursively), a template that fills what each model leaves open (SoCs,
// batch sizes, a value per named dim, the other ATC options), and its expansion into one conversion job per
// (model, SoC, batch). Values and pure functions; the scan (convertmanyscan.h), the queue (convertmanyqueue.h) and
// the report (convertmanyreport.h) build on them. See README.md "Converting many models".
#include "atc/atcfinding.h"
#include "atc/atcoptions.h"
#include "atc/conversion.h"
#include "onnx/onnxmodel.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace wb {

struct AtcToolkit;

// What the batch fills each model's open dims and flags with.
struct BatchTemplate {
    QStringList socs; // one OM per SoC (at least one)
    QList<qint64> batches; // one OM per batch size; empty: the model's own batch (1 when dynamic)
    QHash<QString, qint64> dims; // a value per named dim ("sequence_length" -> 128), in every model that has it
    AtcOptions options; // the rest of the ATC options (a recipe); model, output, soc_version and input_shape are set
                        // per job
    QString outputFolder; // where every OM, recipe, log and the report go
};

// One model of the batch, as the scan found it.
struct BatchModelRow {
    QString path; // absolute
    QString name; // unique in the batch: the file's base name, or its path below the root with '_' when two clash
    qint64 size = 0; // bytes
    QString loadError; // empty when the model loaded
    QString loadErrorCode;
    OnnxModelPtr model; // null when it did not load
    QString sha256; // of the file; the recipe cache compares it
    QStringList opsets; // "ai.onnx 13", "com.microsoft 1"
    QStringList inputs; // "images [batch, 3, height, width] float32"
    QStringList dynamicDims; // "images[0] batch", "images[2] height"
    QHash<QString, qint64> dimOverrides; // values for this row only (the GUI's row edit); win over the template
    QList<AtcFinding> findings; // our checks (and ATC's pre-check when it ran), errors first
    bool prechecked = false; // ATC's pre-check ran for this row
    QString proposedShape; // the static --input_shape the template gives (batch dims at the first batch)
    QStringList missing; // one sentence per dim the template cannot fill ("images[2] 'height' needs a value: ...")
    qint64 scanMs = 0;

    bool loaded() const { return model != nullptr; }
    bool ready() const { return loaded() && missing.isEmpty() && !hasErrors(findings); }
};

// How a model's inputs are filled: a static --input_shape (empty when the model's inputs are static already) or the
// dims still open.
struct BatchFill {
    QString inputShape;
    QStringList missing;
    bool hasBatchDim = false; // some input has a dynamic batch dim (dim 0 of rank >= 2), filled with 1
};

// Fills every dynamic dim: a dynamic batch dim with 1 (the batch sizes replace it per job), a named dim from
// `dims` (by its symbol), an unnamed one from `dims` keyed "input[index]". A dim neither gives is listed in
// `missing` with the --dim that fixes it. Pure.
BatchFill fillInputs(const QList<TensorInfo>& inputs, const QHash<QString, qint64>& dims);

// The dims the row's template fills with (template values, then the row's overrides).
QHash<QString, qint64> rowDims(const BatchModelRow& row, const BatchTemplate& batchTemplate);

// Every .onnx file under the given files and folders (folders searched recursively, hidden folders skipped),
// absolute, sorted, without duplicates. A path that is neither goes into `problems`.
QStringList findOnnxModels(const QStringList& paths, QStringList* problems = nullptr);

// Unique row names for the model paths (base name; the path below the common root joined with '_' on a clash).
QStringList batchModelNames(const QStringList& paths);

// Loads and checks one model (blocking: call it on a worker). Fills every field but `name`.
BatchModelRow scanBatchModel(const QString& path, const BatchTemplate& batchTemplate, const AtcToolkit& toolkit);
// Re-fills (proposedShape, missing) and re-checks a loaded row after its template or overrides changed (blocking:
// shape inference). Keeps ATC pre-check findings out (they no longer apply).
void recheckBatchModel(BatchModelRow& row, const BatchTemplate& batchTemplate, const AtcToolkit& toolkit);

// The options one job of a row runs with, before batch planning (output = folder/<name>_<soc>).
AtcOptions batchJobOptions(const BatchModelRow& row, const BatchTemplate& batchTemplate, const QString& soc);

// One (model, SoC, batch) job. `skipReason` non-empty: the job cannot run (the model did not load, a dim has no
// value, the checks found errors, the batch plan failed) and says why.
struct BatchJob {
    int row = -1;
    QString model; // the row's name
    QString soc;
    qint64 batch = -1; // -1: the model's own batch (no batch sizes given)
    QString name; // <model>_<soc>_b<batch> (or <model>_<soc>): the OM's name without .om
    ConversionJob job; // planned (omPath set even for skipped jobs)
    QString skipReason;
    QString skipFix;
};

// Expands the rows into jobs, row by row, then SoC, then batch (in the template's order). Pure but for
// withAbsolutePaths' existence test.
QList<BatchJob> expandBatchJobs(
    const QList<BatchModelRow>& rows, const BatchTemplate& batchTemplate, const AtcToolkit& toolkit);

// The host memory one ATC job is assumed to need, in MiB: 2048 (ATC and its TBE compile workers) plus 8 times the
// model file's size, rounded up. A rule of thumb (README.md), overridden by the convertMany/memoryPerJobMiB setting.
qint64 estimateJobMemoryMiB(qint64 modelBytes);
// MemAvailable from /proc/meminfo in MiB; -1 when unknown.
qint64 availableMemoryMiB();

} // namespace wb
