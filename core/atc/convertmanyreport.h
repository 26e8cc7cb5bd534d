#pragma once

// What a batch produced, one record per job, and the files that carry it (README.md "Converting many models":
// the report, the manifest and the result file are contracts):
//   <name>.result.json   beside each OM: the job's outcome, written by the batch run and by `atcwb convert --recipe`
//   manifest.json        written by --emit-jobs: the jobs (recipe, OM, result file, or why a job cannot run)
//   convert-many-report.{json,csv,html}  the report, written into the output folder
#include "atc/convertmany.h"
#include "util/result.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace wb {

struct BatchJobResult {
    QString name; // the OM's name without .om
    QString model; // the row's name
    QString modelPath;
    QString soc;
    qint64 batch = -1;
    QString result; // "converted" | "up_to_date" | "failed" | "cancelled" | "skipped" | "not_run" | "queued"
    qint64 durationMs = 0;
    QString omPath;
    qint64 omSize = 0;
    QString problem; // the top problem (empty when converted)
    QString fix; // what to do about it
    QString recipePath; // the OM's recipe (converted, up to date) or the job's emitted recipe
    QString logPath;

    bool ok() const { return result == QLatin1String("converted") || result == QLatin1String("up_to_date"); }
    bool operator==(const BatchJobResult&) const = default;
};

// The record of a job that has not run yet (result "queued"), or that cannot run (result "skipped").
BatchJobResult batchJobRecord(const BatchJob& job, const QString& modelPath);
// The record of a finished conversion of `job`.
BatchJobResult batchJobResult(const BatchJob& job, const QString& modelPath, const ConversionOutcome& outcome);

QString resultPathFor(const QString& omPath); // <folder>/<name>.result.json

QJsonObject batchJobResultToJson(const BatchJobResult& result);
Result<BatchJobResult> batchJobResultFromJson(const QJsonObject& object);
Result<bool> writeBatchJobResult(const BatchJobResult& result, const QString& path); // atomically
Result<BatchJobResult> readBatchJobResult(const QString& path);

// Totals: converted, up to date, failed (cancelled and not run included), skipped; per SoC as well. Queued and
// running jobs count only in the total.
struct BatchSummary {
    struct Counts {
        int converted = 0;
        int upToDate = 0;
        int failed = 0;
        int skipped = 0;
        int total = 0;
    };
    Counts all;
    QList<QPair<QString, Counts>> perSoc; // in the order the SoCs first appear
};
BatchSummary summarizeBatch(const QList<BatchJobResult>& results);

// The report. JSON: {"report": "atc-workbench-convert-many", "version": 1, "output_folder", "summary":
// {"converted", "up_to_date", "failed", "skipped", "total", "per_soc": [{"soc", ...the same counts}]},
// "jobs": [batchJobResultToJson...]} with paths relative to the output folder.
QJsonObject batchReportToJson(const QList<BatchJobResult>& results, const QString& outputFolder);
QString batchReportCsv(const QList<BatchJobResult>& results, const QString& outputFolder);
QString batchReportHtml(const QList<BatchJobResult>& results, const QString& outputFolder);
// Writes convert-many-report.json/.csv/.html into `outputFolder` (and the HTML also to `htmlPath` when given).
// Errors: write_failed.
Result<QStringList> writeBatchReport(
    const QList<BatchJobResult>& results, const QString& outputFolder, const QString& htmlPath = {});

// --emit-jobs: one recipe per runnable job (<dir>/recipes/<name>.json, a plain recipe that `atcwb convert --recipe`
// runs) and <dir>/manifest.json: {"manifest": "atc-workbench-convert-many", "version": 1, "output_folder",
// "jobs": [{"name", "model", "model_path", "soc", "batch", "recipe" (relative to dir; absent when skipped), "om",
// "result_file", "skipped" (the reason; absent when runnable), "fix"}]}. Errors: write_failed.
Result<QJsonObject> emitBatchJobs(
    const QList<BatchJob>& jobs, const QList<BatchModelRow>& rows, const QString& dir, const QString& outputFolder);
// --collect: reads <dir>/manifest.json and each job's result file; a job without one is "not_run". Errors:
// not_found, bad_manifest.
Result<QList<BatchJobResult>> collectBatchResults(const QString& dir);

} // namespace wb

Q_DECLARE_METATYPE(wb::BatchJobResult)
