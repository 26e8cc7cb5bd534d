// Convert many: finding models, filling their open dims from the template, checking them, expanding the jobs.
#include "atc/convertmany.h"

#include "atc/atccheck.h"
#include "atc/conversionrecipe.h"
#include "atc/conversiontext.h"
#include "atc/toolkit.h"
#include "onnx/dimhints.h"
#include "onnx/shapespec.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace wb {

namespace {

QString dimKey(const TensorInfo& input, int dim)
{
    return QStringLiteral("%1[%2]").arg(input.name).arg(dim);
}

QString socLabel(QString soc)
{
    return soc.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]")), QStringLiteral("_"));
}

} // namespace

BatchFill fillInputs(const QList<TensorInfo>& inputs, const QHash<QString, qint64>& dims)
{
    BatchFill fill;
    QList<InputShapeSpec> specs;
    bool anyDynamic = false;
    for (const TensorInfo& input : inputs) {
        if (!input.shape) {
            fill.missing.append(QStringLiteral("%1: its rank is unknown; give its whole shape with --input_shape in a "
                                               "--template recipe")
                                    .arg(input.name));
            continue;
        }
        InputShapeSpec spec { input.name, {} };
        for (int i = 0; i < int(input.shape->size()); ++i) {
            const Dim& d = input.shape->at(i);
            if (!d.isDynamic()) {
                spec.dims.append(ShapeSpecDim::fixed(d.value));
                continue;
            }
            anyDynamic = true;
            const QString key = d.kind == Dim::Kind::Symbolic ? d.symbol : dimKey(input, i);
            if (const auto it = dims.constFind(key); it != dims.cend() && it.value() >= 1) {
                spec.dims.append(ShapeSpecDim::fixed(it.value()));
            } else if (isBatchDim(input, i)) {
                spec.dims.append(ShapeSpecDim::fixed(1));
                fill.hasBatchDim = true;
            } else {
                spec.dims.append(ShapeSpecDim::fixed(-1));
                fill.missing.append(d.kind == Dim::Kind::Symbolic
                        ? QStringLiteral("%1 '%2' needs a value: --dim %2=VALUE").arg(dimKey(input, i), d.symbol)
                        : QStringLiteral("%1 (unnamed) needs a value: --dim %1=VALUE").arg(dimKey(input, i)));
            }
        }
        specs.append(spec);
    }
    if (anyDynamic && fill.missing.isEmpty())
        fill.inputShape = formatInputShapeSpec(specs);
    return fill;
}

QHash<QString, qint64> rowDims(const BatchModelRow& row, const BatchTemplate& batchTemplate)
{
    QHash<QString, qint64> dims = batchTemplate.dims;
    for (auto it = row.dimOverrides.cbegin(); it != row.dimOverrides.cend(); ++it)
        dims.insert(it.key(), it.value());
    return dims;
}

QStringList findOnnxModels(const QStringList& paths, QStringList* problems)
{
    QStringList found;
    for (const QString& path : paths) {
        const QFileInfo info(path);
        if (info.isFile()) {
            found.append(info.absoluteFilePath());
        } else if (info.isDir()) {
            QDirIterator it(info.absoluteFilePath(), { QStringLiteral("*.onnx") }, QDir::Files | QDir::Readable,
                QDirIterator::Subdirectories | QDirIterator::FollowSymlinks);
            while (it.hasNext()) {
                const QString file = it.next();
                const QString below = QDir(info.absoluteFilePath()).relativeFilePath(file);
                if (below.startsWith(QLatin1Char('.')) || below.contains(QStringLiteral("/.")))
                    continue; // hidden folders (our own staging folders among them)
                found.append(QFileInfo(file).absoluteFilePath());
            }
        } else if (problems) {
            problems->append(QStringLiteral("%1 is neither an .onnx file nor a folder.").arg(path));
        }
    }
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    return found;
}

QStringList batchModelNames(const QStringList& paths)
{
    QHash<QString, int> count;
    for (const QString& p : paths)
        ++count[QFileInfo(p).completeBaseName()];
    // The common root of the clashing ones: their paths below it name them.
    QString root;
    for (const QString& p : paths) {
        if (count.value(QFileInfo(p).completeBaseName()) < 2)
            continue;
        const QString dir = QFileInfo(p).absolutePath();
        if (root.isNull()) {
            root = dir;
            continue;
        }
        while (!(dir == root || dir.startsWith(root + QLatin1Char('/'))) && root.size() > 1)
            root = QFileInfo(root).absolutePath();
    }
    QStringList names;
    for (const QString& p : paths) {
        const QFileInfo info(p);
        QString name = info.completeBaseName();
        if (count.value(name) > 1) {
            QString below = QDir(root).relativeFilePath(info.absolutePath() + QLatin1Char('/') + name);
            name = below.replace(QLatin1Char('/'), QLatin1Char('_'));
        }
        names.append(name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.+-]")), QStringLiteral("_")));
    }
    return names;
}

AtcOptions batchJobOptions(const BatchModelRow& row, const BatchTemplate& batchTemplate, const QString& soc)
{
    AtcOptions options = batchTemplate.options;
    options.mode = AtcMode::Convert;
    options.model = row.path;
    options.socVersion = soc;
    options.inputShape = row.proposedShape;
    options.output = QDir(batchTemplate.outputFolder).filePath(row.name + QLatin1Char('_') + socLabel(soc));
    return options;
}

namespace {

void fillAndCheck(BatchModelRow& row, const BatchTemplate& batchTemplate, const AtcToolkit& toolkit)
{
    const BatchFill fill = fillInputs(row.model->summary().inputs, rowDims(row, batchTemplate));
    row.proposedShape = fill.inputShape;
    row.missing = fill.missing;
    row.findings.clear();
    row.prechecked = false;
    if (!row.missing.isEmpty() || batchTemplate.socs.isEmpty())
        return; // the checks would only repeat that the shapes are open
    AtcOptions options = batchJobOptions(row, batchTemplate, batchTemplate.socs.first());
    QList<AtcFinding> findings = checkConversion(options, *row.model, toolkit).findings;
    // Per-job facts the batch sets itself are not the model's problems.
    findings.erase(std::remove_if(findings.begin(), findings.end(),
                       [](const AtcFinding& f) {
                           return f.rule == QLatin1String("toolkit_missing") || f.field == QLatin1String("output");
                       }),
        findings.end());
    row.findings = sortedBySeverity(findings);
}

} // namespace

BatchModelRow scanBatchModel(const QString& path, const BatchTemplate& batchTemplate, const AtcToolkit& toolkit)
{
    QElapsedTimer clock;
    clock.start();
    BatchModelRow row;
    const QFileInfo info(path);
    row.path = info.absoluteFilePath();
    row.size = info.size();
    const Result<OnnxModelPtr> loaded = OnnxModel::load(row.path);
    if (!loaded.ok()) {
        row.loadError = loaded.error().message;
        row.loadErrorCode = loaded.error().code;
        row.scanMs = clock.elapsed();
        return row;
    }
    row.model = loaded.value();
    const ModelSummary& summary = row.model->summary();
    for (const OpsetInfo& o : summary.opsets)
        row.opsets.append(
            QStringLiteral("%1 %2").arg(o.domain.isEmpty() ? QStringLiteral("ai.onnx") : o.domain).arg(o.version));
    for (const TensorInfo& t : summary.inputs) {
        row.inputs.append(QStringLiteral("%1 %2 %3").arg(t.name, t.shapeText(), t.dtype));
        for (int i : t.dynamicDimIndexes())
            row.dynamicDims.append(QStringLiteral("%1 %2").arg(dimKey(t, i), t.shape->at(i).toString()));
    }
    if (const Result<QString> sha = sha256File(row.path); sha.ok())
        row.sha256 = sha.value();
    fillAndCheck(row, batchTemplate, toolkit);
    row.scanMs = clock.elapsed();
    return row;
}

void recheckBatchModel(BatchModelRow& row, const BatchTemplate& batchTemplate, const AtcToolkit& toolkit)
{
    if (row.loaded())
        fillAndCheck(row, batchTemplate, toolkit);
}

QList<BatchJob> expandBatchJobs(
    const QList<BatchModelRow>& rows, const BatchTemplate& batchTemplate, const AtcToolkit& toolkit)
{
    QList<BatchJob> jobs;
    const QList<qint64> batches = batchTemplate.batches.isEmpty() ? QList<qint64> { -1 } : batchTemplate.batches;
    for (int r = 0; r < rows.size(); ++r) {
        const BatchModelRow& row = rows.at(r);
        for (const QString& soc : batchTemplate.socs) {
            const AtcOptions options = batchJobOptions(row, batchTemplate, soc);
            const QString base = QFileInfo(options.output).fileName();
            // Why none of this row's jobs can run, if so.
            QString reason, fix;
            if (!row.loaded()) {
                QString error = row.loadError; // the model column names the file already
                if (error.startsWith(row.path + QStringLiteral(": ")))
                    error = error.mid(row.path.size() + 2);
                reason = englishText(conversiontext::kModelDidNotLoad).arg(error);
                fix = englishText(conversiontext::kFixTheFile);
            } else if (!row.missing.isEmpty()) {
                reason = row.missing.join(QStringLiteral("; "));
                fix = englishText(conversiontext::kGiveTheDim);
            } else if (hasErrors(row.findings)) {
                reason = englishText(conversiontext::kChecksFoundErrors).arg(row.findings.first().message);
                fix = row.findings.first().fix;
            }
            QList<ConversionJob> planned;
            if (reason.isEmpty()) {
                ConversionRequest request;
                request.options = options;
                request.toolkit = toolkit;
                request.model = row.model;
                if (!batchTemplate.batches.isEmpty())
                    request.batches = batchTemplate.batches;
                const Result<QList<ConversionJob>> plan = planConversionJobs(request);
                if (plan.ok()) {
                    planned = plan.value();
                } else {
                    reason = plan.error().message;
                    fix = englishText(conversiontext::kGiveTheShapes);
                }
            }
            for (int b = 0; b < batches.size(); ++b) {
                BatchJob job;
                job.row = r;
                job.model = row.name;
                job.soc = soc;
                job.batch = batches.at(b);
                job.name = job.batch >= 0 ? base + QStringLiteral("_b%1").arg(job.batch) : base;
                if (b < planned.size()) {
                    job.job = planned.at(b);
                    job.name = job.job.name;
                } else {
                    job.job.options = options;
                    job.job.name = job.name;
                    job.job.batch = job.batch;
                    job.job.omPath = QDir(batchTemplate.outputFolder).filePath(job.name + QStringLiteral(".om"));
                    job.skipReason = reason.isEmpty() ? englishText(conversiontext::kNotPlanned) : reason;
                    job.skipFix = fix;
                }
                jobs.append(job);
            }
        }
    }
    return jobs;
}

qint64 estimateJobMemoryMiB(qint64 modelBytes)
{
    constexpr qint64 kBaseMiB = 2048;
    constexpr qint64 kPerModelByte = 8;
    constexpr qint64 kMiB = 1024 * 1024;
    return kBaseMiB + (std::max<qint64>(0, modelBytes) * kPerModelByte + kMiB - 1) / kMiB;
}

qint64 availableMemoryMiB()
{
    QFile file(QStringLiteral("/proc/meminfo"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray& line : lines) {
        if (!line.startsWith("MemAvailable:"))
            continue;
        const QList<QByteArray> parts = line.simplified().split(' ');
        bool ok = false;
        const qint64 kib = parts.size() >= 2 ? parts.at(1).toLongLong(&ok) : 0;
        return ok ? kib / 1024 : -1;
    }
    return -1;
}

} // namespace wb
