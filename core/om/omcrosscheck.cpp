#include "om/omcrosscheck.h"

#include "atc/atcoptions.h"
#include "atc/invocation.h"
#include "process/toolcapture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

namespace wb {

namespace {

template <typename T> QString show(const std::optional<T>& v)
{
    if (!v)
        return QStringLiteral("(none)");
    if constexpr (std::is_same_v<T, QString>)
        return *v;
    else
        return QString::number(*v);
}

} // namespace

QStringList compareOmModels(const OmModel& ours, const OmModel& atcs)
{
    QStringList d;
    const auto attr = [&d](const char* name, const QString& a, const QString& b) {
        if (a != b)
            d.append(QStringLiteral("%1: %2 here, %3 in ATC's JSON").arg(QLatin1String(name), a, b));
    };
    attr("soc_version", show(ours.socVersion), show(atcs.socVersion));
    attr("atc_version", show(ours.atcVersion), show(atcs.atcVersion));
    attr("opp_version", show(ours.oppVersion), show(atcs.oppVersion));
    attr("atc_cmdline", show(ours.atcCmdline), show(atcs.atcCmdline));
    attr("memory_size", show(ours.memorySize), show(atcs.memorySize));
    attr("weight_size", show(ours.weightSize), show(atcs.weightSize));
    if (ours.ops.size() != atcs.ops.size())
        d.append(QStringLiteral("%1 ops here, %2 in ATC's JSON").arg(ours.ops.size()).arg(atcs.ops.size()));
    int listed = 0;
    int more = 0;
    for (qsizetype i = 0; i < std::min(ours.ops.size(), atcs.ops.size()); ++i) {
        const OmOp& a = ours.ops.at(i);
        const OmOp& b = atcs.ops.at(i);
        QStringList what;
        if (a.name != b.name)
            what.append(QStringLiteral("name %1 vs %2").arg(a.name, b.name));
        if (a.type != b.type)
            what.append(QStringLiteral("type %1 vs %2").arg(a.type, b.type));
        if (a.engine != b.engine)
            what.append(QStringLiteral("engine %1 vs %2").arg(omEngineName(a.engine), omEngineName(b.engine)));
        if (a.onnxNodes != b.onnxNodes)
            what.append(QStringLiteral("ONNX nodes differ"));
        if (a.passes != b.passes)
            what.append(QStringLiteral("passes differ"));
        if (what.isEmpty())
            continue;
        if (listed < 20) {
            d.append(QStringLiteral("op %1 (%2): %3").arg(i).arg(a.name, what.join(QStringLiteral(", "))));
            ++listed;
        } else {
            ++more;
        }
    }
    if (more > 0)
        d.append(QStringLiteral("and %1 more ops differ").arg(more));
    return d;
}

OmCrossCheck crossCheckWithAtc(const OmModel& ours, const AtcToolkit& toolkit, int timeoutMs)
{
    OmCrossCheck check;
    if (!toolkit.isValid()) {
        // Only `atcwb inspect` cross-checks: the how-to in the command line's words (flags, not Settings).
        check.message
            = QStringLiteral("Not cross-checked with `atc --mode=1`: no toolkit. %1").arg(toolkitHowTo(HintForm::Cli));
        return check;
    }
    if (ours.source != OmModel::Source::OmFile) {
        check.message = QStringLiteral("Not cross-checked: the input is already ATC's JSON.");
        return check;
    }
    QTemporaryDir scratch(QDir(QDir::tempPath()).filePath(QStringLiteral("atcwb-omjson-XXXXXX")));
    if (!scratch.isValid()) {
        check.message = QStringLiteral("Not cross-checked: cannot create a scratch folder in %1 (%2).")
                            .arg(QDir::tempPath(), scratch.errorString());
        return check;
    }
    AtcOptions options;
    options.mode = AtcMode::ModelToJson;
    options.om = QFileInfo(ours.path).absoluteFilePath();
    options.json = scratch.filePath(QStringLiteral("model.json"));
    AtcInvocation invocation = buildInvocation(options, toolkit);
    invocation.workingDirectory = scratch.path(); // fusion_result.json and logs land there, not beside the OM
    invocation.timeoutMs = timeoutMs > 0 ? timeoutMs : 5 * 60 * 1000;
    check.commandLine = renderCommandLine(invocation);
    const ToolCapture capture = runToCompletion(invocation);
    check.result = capture.result;
    const QString tail = [&] {
        QStringList lines = QString::fromUtf8(capture.out + capture.err).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (const QString& l : std::as_const(lines)) {
            if (l.contains(QLatin1String("E1")) || l.contains(QLatin1String("ERROR"))
                || l.contains(QLatin1String("E2")))
                return l.trimmed();
        }
        return lines.isEmpty() ? QString() : lines.last().trimmed();
    }();
    if (!capture.result.ok()) {
        check.message = capture.result.kind == ToolResult::Kind::TimedOut
            ? QStringLiteral("`atc --mode=1` did not finish within %1 s and was stopped; the OM was read without it.")
                  .arg(invocation.timeoutMs / 1000)
            : QStringLiteral("`atc --mode=1` failed: %1%2 The OM was read without it.")
                  .arg(describe(capture.result, QStringLiteral("atc")),
                      tail.isEmpty() ? QString() : QStringLiteral(" (%1).").arg(tail));
        return check;
    }
    QFile json(options.json);
    if (!json.open(QIODevice::ReadOnly)) {
        check.message = QStringLiteral("`atc --mode=1` reported success but wrote no JSON (%1).").arg(options.json);
        return check;
    }
    const Result<OmModel> theirs = parseOmJson(json.readAll(), options.json);
    if (!theirs.ok()) {
        check.message
            = QStringLiteral("`atc --mode=1` wrote a JSON that cannot be read: %1").arg(theirs.error().message);
        return check;
    }
    check.ran = true;
    check.differences = compareOmModels(ours, theirs.value());
    check.message = check.differences.isEmpty()
        ? QStringLiteral("`atc --mode=1` agrees: same attributes and %1 ops.").arg(ours.ops.size())
        : QStringLiteral("`atc --mode=1` differs in %1 places: %2")
              .arg(check.differences.size())
              .arg(check.differences.mid(0, 3).join(QStringLiteral("; ")));
    return check;
}

} // namespace wb
