#include "commands.h"
#include "reference/accuracy.h"

#include <QCommandLineParser>
#include <QDir>

#include <cmath>

namespace wb::cli {

namespace {

QString number(double v, int precision = 6)
{
    if (std::isnan(v))
        return QStringLiteral("—"); // undefined (cosine with an all-zero side)
    return std::isfinite(v) ? QString::number(v, 'g', precision) : QStringLiteral("inf");
}

QString textReport(const AccuracyReport& report)
{
    QString out = QStringLiteral("%1: %2 output(s) compared (atol %3, rtol %4, cosine >= %5)\n")
                      .arg(report.pass ? QStringLiteral("PASS") : QStringLiteral("FAIL"))
                      .arg(report.outputs.size())
                      .arg(report.tolerance.atol)
                      .arg(report.tolerance.rtol)
                      .arg(report.tolerance.minCosine);
    for (const TensorAccuracy& t : report.outputs) {
        out += QStringLiteral("\n%1 output %2 %3 (%4, %5 elements)\n")
                   .arg(t.pass ? QStringLiteral("PASS") : QStringLiteral("FAIL"))
                   .arg(t.index)
                   .arg(t.name, t.dtype)
                   .arg(t.elements);
        if (!t.problem.isEmpty()) {
            out += QStringLiteral("    %1\n").arg(t.problem);
            continue;
        }
        out += QStringLiteral("    cosine %1, max abs %2 (element %3), max rel %4, mean abs %5, %6 element(s) out of "
                              "tolerance\n")
                   .arg(number(t.cosine, 8), number(t.maxAbs))
                   .arg(t.worstIndex)
                   .arg(number(t.maxRel), number(t.meanAbs))
                   .arg(t.mismatches);
        if (!t.note.isEmpty())
            out += QStringLiteral("    note: %1\n").arg(t.note);
    }
    return out;
}

bool parseNumber(const QString& text, double* value)
{
    bool ok = false;
    *value = text.toDouble(&ok);
    return ok && std::isfinite(*value) && *value >= 0.0;
}

} // namespace

int runCompare(const QStringList& args)
{
    const QString command = QStringLiteral("compare");
    QCommandLineParser parser;
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print the report as JSON."));
    const QCommandLineOption atol(QStringLiteral("atol"), QStringLiteral("Absolute tolerance (default 0.01)."),
        QStringLiteral("A"), QStringLiteral("0.01"));
    const QCommandLineOption rtol(QStringLiteral("rtol"), QStringLiteral("Relative tolerance (default 0.01)."),
        QStringLiteral("R"), QStringLiteral("0.01"));
    const QCommandLineOption cosine(QStringLiteral("min-cosine"),
        QStringLiteral("Smallest cosine similarity that passes (default 0.99)."), QStringLiteral("C"),
        QStringLiteral("0.99"));
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help."));
    parser.addOptions({ json, atol, rtol, cosine, help });
    parser.addPositionalArgument(QStringLiteral("REFERENCE"),
        QStringLiteral("The reference outputs: a folder of output_N.pb (a CPU run's --output-dir) or one .pb."));
    parser.addPositionalArgument(QStringLiteral("ACTUAL"),
        QStringLiteral("The outputs to check: a folder of output_N.pb / output_N.bin / *_N.bin, or one file."));
    const bool wantJson = args.contains(QStringLiteral("--json"));
    if (!parser.parse(QStringList { QStringLiteral("atcwb compare") } + args))
        return usageError(command, parser.errorText(), wantJson);
    if (parser.isSet(help)) {
        printText(
            QStringLiteral("Usage: atcwb compare REFERENCE ACTUAL [--atol A] [--rtol R] [--min-cosine C] [--json]\n\n")
            + parser.helpText().section(QLatin1Char('\n'), 2)
            + QStringLiteral("\nAn output passes when every element is within atol + rtol * |reference| and the cosine "
                             "similarity is at least C.\nExit status: 0 every output passed, 1 one did not (or a "
                             "file cannot be read), 2 bad usage.\n"));
        return Ok;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return usageError(command,
            QStringLiteral("expected REFERENCE and ACTUAL, got %1 argument(s)").arg(positional.size()), wantJson);
    AccuracyTolerance tolerance;
    if (!parseNumber(parser.value(atol), &tolerance.atol) || !parseNumber(parser.value(rtol), &tolerance.rtol))
        return usageError(command, QStringLiteral("--atol and --rtol take numbers of 0 or more"), wantJson);
    if (!parseNumber(parser.value(cosine), &tolerance.minCosine) || tolerance.minCosine > 1.0)
        return usageError(command, QStringLiteral("--min-cosine takes a number from 0 to 1"), wantJson);
    const Result<AccuracyReport> report = compareOutputs(positional.at(0), positional.at(1), tolerance);
    if (!report.ok())
        return inputError(report.error(), wantJson);
    if (wantJson)
        printJson(accuracyToJson(report.value()));
    else
        printText(textReport(report.value()));
    return report.value().pass ? Ok : BadInput;
}

namespace {
const bool registered
    = registerCommand({ "compare", "compare REFERENCE ACTUAL [--atol A] [--rtol R] [--min-cosine C] [--json]",
        "Accuracy: compare a run's outputs (the OM's output_N.bin) with the reference's (ONNX Runtime's output_N.pb\n"
        "from `bench --output-dir`): cosine similarity, max abs/rel error, elements out of tolerance; pass/fail.",
        &runCompare, 75 });
} // namespace

} // namespace wb::cli
