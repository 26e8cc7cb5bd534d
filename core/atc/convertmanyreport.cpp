// The batch's records, result files, report (JSON, CSV, HTML), emitted jobs and their collection.
#include "atc/convertmanyreport.h"

#include "atc/conversionrecipe.h"
#include "util/atomicfile.h"
#include "util/units.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace wb {

namespace {

const QString kReportBase = QStringLiteral("convert-many-report");

Error writeFailed(const QString& path, const QString& why)
{
    return { QStringLiteral("write_failed"), QStringLiteral("Cannot write %1: %2").arg(path, why), {} };
}

QString relativeTo(const QString& folder, const QString& path)
{
    if (path.isEmpty())
        return {};
    const QString rel = QDir(folder).relativeFilePath(path);
    return rel.startsWith(QStringLiteral("../")) ? path : rel;
}

QJsonValue nullIfEmpty(const QString& s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}

QJsonObject countsToJson(const BatchSummary::Counts& c)
{
    return { { QStringLiteral("converted"), c.converted }, { QStringLiteral("up_to_date"), c.upToDate },
        { QStringLiteral("failed"), c.failed }, { QStringLiteral("skipped"), c.skipped },
        { QStringLiteral("total"), c.total } };
}

QString csvField(const QString& s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n')))
        return s;
    return QLatin1Char('"') + QString(s).replace(QStringLiteral("\""), QStringLiteral("\"\"")) + QLatin1Char('"');
}

QString sizeText(qint64 bytes)
{
    return bytes <= 0 ? QString() : formatBytes(bytes);
}

// Seconds with one decimal ("1.5 s" in the HTML); empty for a job that did not run.
QString timeText(const BatchJobResult& r)
{
    if (r.result == QLatin1String("skipped") || r.result == QLatin1String("not_run")
        || r.result == QLatin1String("queued"))
        return {};
    return QString::number(double(r.durationMs) / 1000.0, 'f', 1);
}

} // namespace

QString resultPathFor(const QString& omPath)
{
    const QFileInfo om(omPath);
    return om.absoluteDir().filePath(om.completeBaseName() + QStringLiteral(".result.json"));
}

BatchJobResult batchJobRecord(const BatchJob& job, const QString& modelPath)
{
    BatchJobResult r;
    r.name = job.name;
    r.model = job.model;
    r.modelPath = modelPath;
    r.soc = job.soc;
    r.batch = job.batch;
    r.omPath = job.job.omPath;
    r.result = job.skipReason.isEmpty() ? QStringLiteral("queued") : QStringLiteral("skipped");
    r.problem = job.skipReason;
    r.fix = job.skipFix;
    return r;
}

BatchJobResult batchJobResult(const BatchJob& job, const QString& modelPath, const ConversionOutcome& outcome)
{
    BatchJobResult r = batchJobRecord(job, modelPath);
    r.durationMs = outcome.durationMs;
    r.recipePath = outcome.recipePath;
    r.logPath = outcome.logPath;
    if (outcome.ok) {
        r.result = outcome.skippedUnchanged ? QStringLiteral("up_to_date") : QStringLiteral("converted");
        r.omSize = QFileInfo(outcome.omPath).size();
        r.problem.clear();
        r.fix.clear();
        return r;
    }
    r.result
        = outcome.result.kind == ToolResult::Kind::Cancelled ? QStringLiteral("cancelled") : QStringLiteral("failed");
    r.problem = outcome.failure;
    r.fix.clear();
    for (const AtcEvent& e : outcome.events) {
        if (e.severity != Severity::Error || !isAtcProblem(e))
            continue;
        r.problem = e.code.isEmpty() ? e.message : QStringLiteral("%1: %2").arg(e.code, e.message);
        r.fix = !e.hint.isEmpty() ? e.hint : e.solution;
        break;
    }
    return r;
}

QJsonObject batchJobResultToJson(const BatchJobResult& r)
{
    return { { QStringLiteral("name"), r.name }, { QStringLiteral("model"), r.model },
        { QStringLiteral("model_path"), r.modelPath }, { QStringLiteral("soc"), r.soc },
        { QStringLiteral("batch"), r.batch >= 0 ? QJsonValue(r.batch) : QJsonValue() },
        { QStringLiteral("result"), r.result }, { QStringLiteral("duration_ms"), r.durationMs },
        { QStringLiteral("om"), r.omPath }, { QStringLiteral("om_size"), r.omSize },
        { QStringLiteral("problem"), nullIfEmpty(r.problem) }, { QStringLiteral("fix"), nullIfEmpty(r.fix) },
        { QStringLiteral("recipe"), nullIfEmpty(r.recipePath) }, { QStringLiteral("log"), nullIfEmpty(r.logPath) } };
}

Result<BatchJobResult> batchJobResultFromJson(const QJsonObject& o)
{
    if (!o.value(QStringLiteral("result")).isString() || !o.value(QStringLiteral("om")).isString())
        return Error { QStringLiteral("bad_result"), QStringLiteral("A job result needs \"result\" and \"om\"."), {} };
    BatchJobResult r;
    r.name = o.value(QStringLiteral("name")).toString();
    r.model = o.value(QStringLiteral("model")).toString();
    r.modelPath = o.value(QStringLiteral("model_path")).toString();
    r.soc = o.value(QStringLiteral("soc")).toString();
    r.batch = o.value(QStringLiteral("batch")).isDouble() ? o.value(QStringLiteral("batch")).toInteger() : -1;
    r.result = o.value(QStringLiteral("result")).toString();
    r.durationMs = o.value(QStringLiteral("duration_ms")).toInteger();
    r.omPath = o.value(QStringLiteral("om")).toString();
    r.omSize = o.value(QStringLiteral("om_size")).toInteger();
    r.problem = o.value(QStringLiteral("problem")).toString();
    r.fix = o.value(QStringLiteral("fix")).toString();
    r.recipePath = o.value(QStringLiteral("recipe")).toString();
    r.logPath = o.value(QStringLiteral("log")).toString();
    return r;
}

Result<bool> writeBatchJobResult(const BatchJobResult& result, const QString& path)
{
    return writeFileAtomically(path, QJsonDocument(batchJobResultToJson(result)).toJson(QJsonDocument::Indented));
}

Result<BatchJobResult> readBatchJobResult(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error { QStringLiteral("not_found"), QStringLiteral("Cannot read %1.").arg(path), {} };
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (!doc.isObject())
        return Error { QStringLiteral("bad_result"),
            QStringLiteral("%1 is not a job result: %2").arg(path, error.errorString()), {} };
    return batchJobResultFromJson(doc.object());
}

BatchSummary summarizeBatch(const QList<BatchJobResult>& results)
{
    BatchSummary s;
    const auto add = [](BatchSummary::Counts& c, const BatchJobResult& r) {
        ++c.total;
        if (r.result == QLatin1String("converted"))
            ++c.converted;
        else if (r.result == QLatin1String("up_to_date"))
            ++c.upToDate;
        else if (r.result == QLatin1String("skipped"))
            ++c.skipped;
        else if (r.result == QLatin1String("failed") || r.result == QLatin1String("cancelled")
            || r.result == QLatin1String("not_run"))
            ++c.failed;
    };
    for (const BatchJobResult& r : results) {
        add(s.all, r);
        auto it = std::find_if(s.perSoc.begin(), s.perSoc.end(), [&r](const auto& p) { return p.first == r.soc; });
        if (it == s.perSoc.end()) {
            s.perSoc.append({ r.soc, {} });
            it = s.perSoc.end() - 1;
        }
        add(it->second, r);
    }
    return s;
}

QJsonObject batchReportToJson(const QList<BatchJobResult>& results, const QString& outputFolder)
{
    const BatchSummary summary = summarizeBatch(results);
    QJsonObject sum = countsToJson(summary.all);
    QJsonArray perSoc;
    for (const auto& [soc, counts] : summary.perSoc) {
        QJsonObject c = countsToJson(counts);
        c.insert(QStringLiteral("soc"), soc);
        perSoc.append(c);
    }
    sum.insert(QStringLiteral("per_soc"), perSoc);
    QJsonArray jobs;
    for (BatchJobResult r : results) {
        r.omPath = relativeTo(outputFolder, r.omPath);
        r.recipePath = relativeTo(outputFolder, r.recipePath);
        r.logPath = relativeTo(outputFolder, r.logPath);
        jobs.append(batchJobResultToJson(r));
    }
    return { { QStringLiteral("report"), QStringLiteral("atc-workbench-convert-many") },
        { QStringLiteral("version"), 1 }, { QStringLiteral("output_folder"), outputFolder },
        { QStringLiteral("summary"), sum }, { QStringLiteral("jobs"), jobs } };
}

QString batchReportCsv(const QList<BatchJobResult>& results, const QString& outputFolder)
{
    QString csv = QStringLiteral("model,soc,batch,result,time_s,om_size,problem,fix,om,recipe,log\n");
    for (const BatchJobResult& r : results) {
        const QStringList fields { r.model, r.soc, r.batch >= 0 ? QString::number(r.batch) : QString(), r.result,
            timeText(r), r.omSize > 0 ? QString::number(r.omSize) : QString(), r.problem, r.fix,
            r.ok() ? relativeTo(outputFolder, r.omPath) : QString(), relativeTo(outputFolder, r.recipePath),
            relativeTo(outputFolder, r.logPath) };
        QStringList quoted;
        for (const QString& f : fields)
            quoted.append(csvField(f));
        csv += quoted.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return csv;
}

QString batchReportHtml(const QList<BatchJobResult>& results, const QString& outputFolder)
{
    const BatchSummary summary = summarizeBatch(results);
    const auto esc = [](const QString& s) { return s.toHtmlEscaped(); };
    const auto link = [&](const QString& path, const QString& text) {
        return path.isEmpty() ? QString()
                              : QStringLiteral("<a href=\"%1\">%2</a>").arg(esc(relativeTo(outputFolder, path)), text);
    };
    QString html = QStringLiteral(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Convert many: report</title>\n<style>"
        "body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{border:1px solid #bbb;"
        "padding:3px 6px;text-align:left;vertical-align:top}.converted,.up_to_date{color:#1a7f37}.failed,"
        ".cancelled,.not_run{color:#c62828}.skipped{color:#8a6d00}</style></head><body>\n");
    html += QStringLiteral("<h1>Convert many</h1>\n<p>Output folder: %1</p>\n").arg(esc(outputFolder));
    html += QStringLiteral("<table><tr><th>SoC</th><th>Converted</th><th>Up to date</th><th>Failed</th>"
                           "<th>Skipped</th><th>Total</th></tr>\n");
    const auto row = [&](const QString& soc, const BatchSummary::Counts& c) {
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td></tr>\n")
                    .arg(esc(soc))
                    .arg(c.converted)
                    .arg(c.upToDate)
                    .arg(c.failed)
                    .arg(c.skipped)
                    .arg(c.total);
    };
    for (const auto& [soc, counts] : summary.perSoc)
        row(soc, counts);
    row(QStringLiteral("All"), summary.all);
    html += QStringLiteral("</table>\n<h2>Jobs</h2>\n<table><tr><th>Model</th><th>SoC</th><th>Batch</th>"
                           "<th>Result</th><th>Time</th><th>OM size</th><th>Top problem</th><th>Fix</th>"
                           "<th>Links</th></tr>\n");
    for (const BatchJobResult& r : results) {
        const QStringList links { r.ok() ? link(r.omPath, QStringLiteral("OM")) : QString(),
            link(r.recipePath, QStringLiteral("recipe")), link(r.logPath, QStringLiteral("log")) };
        QStringList shown;
        for (const QString& l : links) {
            if (!l.isEmpty())
                shown.append(l);
        }
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td class=\"%4\">%4</td><td>%5</td>"
                               "<td>%6</td><td>%7</td><td>%8</td><td>%9</td></tr>\n")
                    .arg(esc(r.model), esc(r.soc), r.batch >= 0 ? QString::number(r.batch) : QString(), esc(r.result),
                        timeText(r).isEmpty() ? QString() : timeText(r) + QStringLiteral(" s"), sizeText(r.omSize),
                        esc(r.problem), esc(r.fix), shown.join(QLatin1Char(' ')));
    }
    html += QStringLiteral("</table>\n</body></html>\n");
    return html;
}

Result<QStringList> writeBatchReport(
    const QList<BatchJobResult>& results, const QString& outputFolder, const QString& htmlPath)
{
    if (!QDir().mkpath(outputFolder))
        return writeFailed(outputFolder, QStringLiteral("cannot create the folder"));
    const QDir dir(outputFolder);
    const QString html = batchReportHtml(results, outputFolder);
    QList<QPair<QString, QByteArray>> files {
        { dir.filePath(kReportBase + QStringLiteral(".json")),
            QJsonDocument(batchReportToJson(results, outputFolder)).toJson(QJsonDocument::Indented) },
        { dir.filePath(kReportBase + QStringLiteral(".csv")), batchReportCsv(results, outputFolder).toUtf8() },
        { dir.filePath(kReportBase + QStringLiteral(".html")), html.toUtf8() },
    };
    if (!htmlPath.isEmpty())
        files.append({ QFileInfo(htmlPath).absoluteFilePath(), html.toUtf8() });
    QStringList written;
    for (const auto& [path, bytes] : files) {
        const Result<bool> ok = writeFileAtomically(path, bytes);
        if (!ok.ok())
            return ok.error();
        written.append(path);
    }
    return written;
}

Result<QJsonObject> emitBatchJobs(
    const QList<BatchJob>& jobs, const QList<BatchModelRow>& rows, const QString& dir, const QString& outputFolder)
{
    const QDir root(QFileInfo(dir).absoluteFilePath());
    if (!root.mkpath(QStringLiteral("recipes")))
        return writeFailed(root.filePath(QStringLiteral("recipes")), QStringLiteral("cannot create the folder"));
    QJsonArray list;
    for (const BatchJob& job : jobs) {
        QJsonObject entry { { QStringLiteral("name"), job.name }, { QStringLiteral("model"), job.model },
            { QStringLiteral("model_path"), rows.value(job.row).path }, { QStringLiteral("soc"), job.soc },
            { QStringLiteral("batch"), job.batch >= 0 ? QJsonValue(job.batch) : QJsonValue() },
            { QStringLiteral("om"), job.job.omPath },
            { QStringLiteral("result_file"), resultPathFor(job.job.omPath) } };
        if (!job.skipReason.isEmpty()) {
            entry.insert(QStringLiteral("skipped"), job.skipReason);
            entry.insert(QStringLiteral("fix"), nullIfEmpty(job.skipFix));
        } else {
            const QString recipe = QStringLiteral("recipes/%1.json").arg(job.name);
            const Result<bool> saved = saveRecipe(job.job.options, root.filePath(recipe));
            if (!saved.ok())
                return saved.error();
            entry.insert(QStringLiteral("recipe"), recipe);
        }
        list.append(entry);
    }
    const QJsonObject manifest { { QStringLiteral("manifest"), QStringLiteral("atc-workbench-convert-many") },
        { QStringLiteral("version"), 1 }, { QStringLiteral("output_folder"), outputFolder },
        { QStringLiteral("jobs"), list } };
    const QString path = root.filePath(QStringLiteral("manifest.json"));
    if (const Result<bool> ok = writeFileAtomically(path, QJsonDocument(manifest).toJson(QJsonDocument::Indented));
        !ok.ok())
        return ok.error();
    return manifest;
}

Result<QList<BatchJobResult>> collectBatchResults(const QString& dir)
{
    const QString path = QDir(dir).filePath(QStringLiteral("manifest.json"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error { QStringLiteral("not_found"),
            QStringLiteral("%1 has no manifest.json: give the folder `convert-many --emit-jobs` wrote.").arg(dir), {} };
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    const QJsonObject manifest = doc.object();
    if (!doc.isObject() || manifest.value(QStringLiteral("manifest")) != QLatin1String("atc-workbench-convert-many")
        || !manifest.value(QStringLiteral("jobs")).isArray())
        return Error { QStringLiteral("bad_manifest"),
            QStringLiteral("%1 is not a convert-many manifest%2.")
                .arg(path,
                    error.error == QJsonParseError::NoError ? QString() : QStringLiteral(": ") + error.errorString()),
            {} };
    QList<BatchJobResult> results;
    for (const QJsonValue& v : manifest.value(QStringLiteral("jobs")).toArray()) {
        const QJsonObject j = v.toObject();
        BatchJobResult r;
        if (const QString resultFile = j.value(QStringLiteral("result_file")).toString();
            j.value(QStringLiteral("skipped")).isUndefined() && QFileInfo::exists(resultFile)) {
            const Result<BatchJobResult> read = readBatchJobResult(resultFile);
            if (read.ok()) {
                r = read.value();
            } else {
                r.result = QStringLiteral("not_run");
                r.problem = read.error().message;
            }
        } else if (j.value(QStringLiteral("skipped")).isString()) {
            r.result = QStringLiteral("skipped");
            r.problem = j.value(QStringLiteral("skipped")).toString();
            r.fix = j.value(QStringLiteral("fix")).toString();
        } else {
            r.result = QStringLiteral("not_run");
            r.problem = QStringLiteral("No result: the job did not run, or ran elsewhere (no %1).")
                            .arg(QFileInfo(resultFile).fileName());
            r.fix = QStringLiteral("Run it: atcwb convert --recipe %1")
                        .arg(QDir(dir).filePath(j.value(QStringLiteral("recipe")).toString()));
        }
        r.name = j.value(QStringLiteral("name")).toString();
        r.model = j.value(QStringLiteral("model")).toString();
        r.modelPath = j.value(QStringLiteral("model_path")).toString();
        r.soc = j.value(QStringLiteral("soc")).toString();
        r.batch = j.value(QStringLiteral("batch")).isDouble() ? j.value(QStringLiteral("batch")).toInteger() : -1;
        r.omPath = j.value(QStringLiteral("om")).toString();
        results.append(r);
    }
    return results;
}

} // namespace wb
