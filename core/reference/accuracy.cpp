#include "reference/accuracy.h"

#include "reference/tensorfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QMap>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <limits>

namespace wb {

namespace {

// The reasons shown in Compare Outputs, in the UI's language (`atcwb compare` installs no translator: English).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Accuracy)
};

constexpr int kFloat = 1; // onnx TensorProto data types
constexpr int kInt32 = 6;
constexpr int kInt64 = 7;
constexpr int kFloat16 = 10;

// NaN matches NaN and an infinity only the same infinity; anything else against a non-finite value is a miss.
bool sameNonFinite(double a, double b)
{
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b);
    return a == b; // both infinite here when either is
}

} // namespace

TensorAccuracy compareTensors(const HostTensor& reference, const HostTensor& actual, const AccuracyTolerance& tolerance)
{
    TensorAccuracy r;
    r.name = reference.name;
    r.dtype = reference.dtype();
    r.elements = reference.elementCount();
    if (elemTypeSize(reference.elemType) == 0 || elemTypeSize(actual.elemType) == 0) {
        r.problem = Tr::tr("Cannot compare %1 with %2: only numeric tensors are compared.")
                        .arg(reference.dtype(), actual.dtype());
        return r;
    }
    if (actual.elementCount() != reference.elementCount()) {
        r.problem = Tr::tr("The reference %1 holds %2 elements %3, the actual output %4 %5: not the same tensor "
                           "(check the batch size and the output order).")
                        .arg(reference.name)
                        .arg(reference.elementCount())
                        .arg(formatShape(reference.shape))
                        .arg(actual.elementCount())
                        .arg(formatShape(actual.shape));
        return r;
    }
    if (!actual.shape.isEmpty() && actual.shape != reference.shape)
        r.note = Tr::tr("shapes differ (%1 against %2), same element count: compared in order")
                     .arg(formatShape(actual.shape), formatShape(reference.shape));
    // Cosine over values scaled by the largest magnitude, so that float64/int64 data near 1e200 does not overflow.
    double scale = 0.0;
    for (qint64 i = 0; i < r.elements; ++i) {
        for (const double v : { elementAsDouble(reference, i), elementAsDouble(actual, i) }) {
            if (std::isfinite(v))
                scale = std::max(scale, std::fabs(v));
        }
    }
    const double inv = scale > 0.0 ? 1.0 / scale : 1.0;
    double dot = 0.0, normRef = 0.0, normAct = 0.0, sumAbs = 0.0;
    qint64 finitePairs = 0, firstNonFinite = -1;
    for (qint64 i = 0; i < r.elements; ++i) {
        const double ref = elementAsDouble(reference, i);
        const double act = elementAsDouble(actual, i);
        if (!std::isfinite(ref) || !std::isfinite(act)) {
            if (!sameNonFinite(ref, act)) {
                ++r.mismatches;
                if (firstNonFinite < 0)
                    firstNonFinite = i;
            }
            continue;
        }
        ++finitePairs;
        dot += (ref * inv) * (act * inv);
        normRef += (ref * inv) * (ref * inv);
        normAct += (act * inv) * (act * inv);
        const double diff = std::fabs(act - ref);
        sumAbs += diff;
        if (r.worstIndex < 0 || diff > r.maxAbs) {
            r.maxAbs = diff;
            r.worstIndex = i;
        }
        if (ref != 0.0)
            r.maxRel = std::max(r.maxRel, diff / std::fabs(ref));
        if (diff > tolerance.atol + tolerance.rtol * std::fabs(ref))
            ++r.mismatches;
    }
    if (firstNonFinite >= 0) { // a NaN or infinity where the reference has a number (or the other way round)
        r.maxAbs = std::numeric_limits<double>::infinity();
        r.worstIndex = firstNonFinite;
    }
    r.meanAbs = finitePairs > 0 ? sumAbs / double(finitePairs) : 0.0;
    if (normRef == 0.0 && normAct == 0.0) {
        r.cosine = 1.0;
    } else if (normRef == 0.0 || normAct == 0.0) {
        // An all-zero side has no direction: cosine says nothing (an empty mask against faint noise), so only the
        // element test decides.
        r.cosine = std::numeric_limits<double>::quiet_NaN();
        const QString zeros
            = QStringLiteral("one side is all zeros: cosine is undefined, the element tolerance decides");
        r.note = r.note.isEmpty() ? zeros : r.note + QStringLiteral("; ") + zeros;
        r.pass = r.mismatches == 0;
        return r;
    } else {
        r.cosine = std::clamp(dot / (std::sqrt(normRef) * std::sqrt(normAct)), -1.0, 1.0);
    }
    r.pass = r.mismatches == 0 && r.cosine >= tolerance.minCosine;
    return r;
}

Result<HostTensor> readRawOutput(const QString& path, const HostTensor& reference, QString* note)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error { QStringLiteral("unreadable"), Tr::tr("Cannot read %1: %2.").arg(path, file.errorString()), {} };
    HostTensor t;
    t.name = reference.name;
    t.shape = reference.shape;
    t.elemType = reference.elemType;
    const qint64 count = reference.elementCount();
    const qint64 expected = reference.byteCount();
    const auto mismatch = [&](qint64 bytes) {
        return Error { QStringLiteral("size_mismatch"),
            QStringLiteral(
                "%1 holds %2 bytes; the reference %3 %4 %5 needs %6 (check the batch size and --output_type).")
                .arg(path)
                .arg(bytes)
                .arg(reference.name, reference.dtype(), formatShape(reference.shape))
                .arg(expected),
            {} };
    };
    // Every accepted width is at most twice the reference's: a larger file is refused before it is read.
    if (expected < 0 || file.size() / 2 > expected)
        return mismatch(file.size());
    t.data = file.readAll();
    if (t.data.size() == expected)
        return t;
    // Another width of the same kind of number: an OM converted with --output_type FP16 (or FP32) writes another
    // float width than the ONNX model declares; ATC gives int64 ONNX outputs (ArgMax, NMS indices) as int32.
    static const struct {
        int reference;
        int file;
        const char* note;
    } widths[] = {
        { kFloat, kFloat16,
            "read as float16: the file holds 2 bytes per element (an OM built with --output_type=FP16; if it was not, "
            "the file holds half the elements: check the batch size)" },
        { kFloat16, kFloat, "read as float32: the file holds 4 bytes per element" },
        { kInt64, kInt32, "read as int32: the file holds 4 bytes per element (ATC emits int64 outputs as int32)" },
        { kInt32, kInt64, "read as int64: the file holds 8 bytes per element" },
    };
    for (const auto& w : widths) {
        if (reference.elemType == w.reference && t.data.size() == count * elemTypeSize(w.file)) {
            t.elemType = w.file;
            if (note)
                *note = QString::fromLatin1(w.note);
            return t;
        }
    }
    return mismatch(t.data.size());
}

namespace {

const QRegularExpression& referencePattern()
{
    static const QRegularExpression re(QStringLiteral("^output_(\\d+)\\.pb$"));
    return re;
}

// N -> file for the files of `dir` matching `pattern` (capture 1 = N). Two files for one N: a .bin wins over a
// .pb (a folder both runs saved into), otherwise it is ambiguous. `skipPb` leaves .pb files out (the reference's
// own folder).
Result<QMap<int, QString>> indexFiles(const QString& dir, const QRegularExpression& pattern, bool skipPb = false)
{
    QMap<int, QString> files;
    const QStringList entries = QDir(dir).entryList(QDir::Files, QDir::Name);
    for (const QString& entry : entries) {
        const QRegularExpressionMatch m = pattern.match(entry);
        if (!m.hasMatch() || (skipPb && entry.endsWith(QLatin1String(".pb"))))
            continue;
        const int n = m.captured(1).toInt();
        const QString path = QDir(dir).filePath(entry);
        if (files.contains(n)) {
            const bool oldPb = files.value(n).endsWith(QLatin1String(".pb")),
                       newPb = entry.endsWith(QLatin1String(".pb"));
            if (oldPb != newPb) {
                if (oldPb)
                    files.insert(n, path);
                continue;
            }
            return Error { QStringLiteral("ambiguous"),
                Tr::tr("Both %1 and %2 in %3 could be output %4: keep one run's outputs per folder.")
                    .arg(QFileInfo(files.value(n)).fileName(), entry, dir)
                    .arg(n),
                {} };
        }
        files.insert(n, path);
    }
    return files;
}

// The actual run's files in `dir`: output_N.pb / output_N.bin (om-runner, a CPU run), else *_N.bin (msame,
// ais_bench), else the same in the newest subfolder that has any (msame and ais_bench write into a timestamped
// subfolder of their --output).
Result<QMap<int, QString>> indexActual(const QString& dir, bool skipPb)
{
    static const QRegularExpression exact(QStringLiteral("^output_(\\d+)\\.(?:pb|bin)$"));
    static const QRegularExpression loose(QStringLiteral("_(\\d+)\\.bin$"));
    auto found = [skipPb](const QString& folder) -> Result<QMap<int, QString>> {
        auto e = indexFiles(folder, exact, skipPb);
        if (!e.ok() || !e.value().isEmpty())
            return e;
        return indexFiles(folder, loose, skipPb);
    };
    auto top = found(dir);
    if (!top.ok() || !top.value().isEmpty())
        return top;
    const QFileInfoList subfolders = QDir(dir).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Time);
    for (const QFileInfo& sub : subfolders) {
        auto inner = found(sub.absoluteFilePath());
        if (!inner.ok() || !inner.value().isEmpty())
            return inner;
    }
    return top;
}

} // namespace

Result<AccuracyReport> compareOutputs(
    const QString& reference, const QString& actual, const AccuracyTolerance& tolerance)
{
    for (const QString& path : { reference, actual }) {
        if (!QFileInfo::exists(path))
            return Error { QStringLiteral("not_found"), QStringLiteral("%1 does not exist.").arg(path), {} };
    }
    QMap<int, QString> refs, acts;
    if (QFileInfo(reference).isDir()) {
        auto indexed = indexFiles(reference, referencePattern());
        if (!indexed.ok())
            return indexed.error();
        refs = indexed.value();
        if (refs.isEmpty())
            return Error { QStringLiteral("no_outputs"),
                QStringLiteral("%1 has no output_N.pb files: save the CPU run's outputs there first (Run page, or "
                               "`atcwb bench MODEL.onnx --output-dir DIR`).")
                    .arg(reference),
                {} };
    } else {
        // One file: its N from its name (output_3.pb is output 3), else 0.
        const QRegularExpressionMatch m = referencePattern().match(QFileInfo(reference).fileName());
        refs.insert(m.hasMatch() ? m.captured(1).toInt() : 0, reference);
    }
    if (QFileInfo(actual).isDir()) {
        // The reference's own folder (both runs saved into one): only the .bin files are the run to check.
        const bool sameFolder = QFileInfo(reference).isDir()
            && QFileInfo(reference).canonicalFilePath() == QFileInfo(actual).canonicalFilePath();
        auto indexed = indexActual(actual, sameFolder);
        if (!indexed.ok())
            return indexed.error();
        acts = indexed.value();
        if (sameFolder && acts.isEmpty())
            return Error { QStringLiteral("same_folder"),
                QStringLiteral(
                    "%1 is both the reference and the outputs to check, and it holds no output_N.bin: pick the "
                    "folder the other run saved into.")
                    .arg(actual),
                {} };
    } else {
        acts.insert(refs.firstKey(), actual);
    }

    AccuracyReport report;
    report.tolerance = tolerance;
    report.pass = true;
    for (auto it = refs.cbegin(); it != refs.cend(); ++it) {
        const Result<HostTensor> ref = readTensorFile(it.value());
        if (!ref.ok())
            return ref.error();
        // An output that could not be compared: what the reference says about it, and why.
        auto uncompared = [&ref](const QString& problem) {
            TensorAccuracy e;
            e.name = ref.value().name;
            e.dtype = ref.value().dtype();
            e.elements = ref.value().elementCount();
            e.problem = problem;
            return e;
        };
        TensorAccuracy entry;
        const QString actFile = acts.value(it.key());
        if (actFile.isEmpty()) {
            entry = uncompared(Tr::tr("No actual output %1 in %2 (looked for output_%1.pb, output_%1.bin, *_%1.bin).")
                                   .arg(it.key())
                                   .arg(actual));
        } else {
            QString note;
            const Result<HostTensor> act = actFile.endsWith(QLatin1String(".pb"))
                ? readTensorFile(actFile)
                : readRawOutput(actFile, ref.value(), &note);
            if (act.ok()) {
                entry = compareTensors(ref.value(), act.value(), tolerance);
                if (!note.isEmpty())
                    entry.note = entry.note.isEmpty() ? note : note + QStringLiteral("; ") + entry.note;
            } else {
                entry = uncompared(act.error().message);
            }
        }
        entry.index = it.key();
        entry.referenceFile = it.value();
        entry.actualFile = actFile;
        report.pass = report.pass && entry.pass;
        report.outputs.append(entry);
    }
    return report;
}

QJsonObject accuracyToJson(const AccuracyReport& report)
{
    // JSON has no NaN or infinity: a non-finite number is written as null.
    auto number = [](double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(); };
    QJsonArray outputs;
    for (const TensorAccuracy& t : report.outputs) {
        const bool compared = t.problem.isEmpty(); // else the numbers were never computed: null, not 0
        auto metric = [&](double v) { return compared ? number(v) : QJsonValue(); };
        QJsonObject o { { QStringLiteral("index"), t.index }, { QStringLiteral("name"), t.name },
            { QStringLiteral("dtype"), t.dtype }, { QStringLiteral("elements"), t.elements },
            { QStringLiteral("cosine"), metric(t.cosine) }, { QStringLiteral("max_abs"), metric(t.maxAbs) },
            { QStringLiteral("max_rel"), metric(t.maxRel) }, { QStringLiteral("mean_abs"), metric(t.meanAbs) },
            { QStringLiteral("mismatches"), compared ? QJsonValue(t.mismatches) : QJsonValue() },
            { QStringLiteral("worst_index"), compared ? QJsonValue(t.worstIndex) : QJsonValue() },
            { QStringLiteral("pass"), t.pass }, { QStringLiteral("reference"), t.referenceFile },
            { QStringLiteral("actual"), t.actualFile.isEmpty() ? QJsonValue() : QJsonValue(t.actualFile) } };
        if (!t.note.isEmpty())
            o.insert(QStringLiteral("note"), t.note);
        if (!t.problem.isEmpty())
            o.insert(QStringLiteral("problem"), t.problem);
        outputs.append(o);
    }
    return QJsonObject { { QStringLiteral("pass"), report.pass },
        { QStringLiteral("tolerance"),
            QJsonObject { { QStringLiteral("atol"), report.tolerance.atol },
                { QStringLiteral("rtol"), report.tolerance.rtol },
                { QStringLiteral("min_cosine"), report.tolerance.minCosine } } },
        { QStringLiteral("outputs"), outputs } };
}

} // namespace wb
