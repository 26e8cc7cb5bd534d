#include "atcfinding.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

namespace wb {

QString severityName(AtcSeverity severity)
{
    switch (severity) {
    case AtcSeverity::Info:
        return QStringLiteral("info");
    case AtcSeverity::Warning:
        return QStringLiteral("warning");
    case AtcSeverity::Error:
        break;
    }
    return QStringLiteral("error");
}

bool hasErrors(const QList<AtcFinding>& findings)
{
    return std::any_of(
        findings.cbegin(), findings.cend(), [](const AtcFinding& f) { return f.severity == AtcSeverity::Error; });
}

QList<AtcFinding> sortedBySeverity(QList<AtcFinding> findings)
{
    std::stable_sort(findings.begin(), findings.end(),
        [](const AtcFinding& a, const AtcFinding& b) { return a.severity > b.severity; });
    return findings;
}

QString cliWording(QString text)
{
    // Not followed by a letter, digit or underscore: --input_shape_range and --soc_version_x stay.
    static const QRegularExpression inputShape(QStringLiteral("--input_shape(?![A-Za-z0-9_])"));
    static const QRegularExpression soc(QStringLiteral("--soc_version(?![A-Za-z0-9_])"));
    text.replace(inputShape, QStringLiteral("--input-shape"));
    text.replace(soc, QStringLiteral("--soc"));
    return text;
}

QString fixFor(const AtcFinding& finding, HintForm form)
{
    if (form == HintForm::Gui)
        return finding.fix;
    return cliWording(finding.cliFix.isEmpty() ? finding.fix : finding.cliFix);
}

AtcFinding findingForCli(AtcFinding finding)
{
    finding.fix = fixFor(finding, HintForm::Cli);
    finding.cliFix.clear();
    finding.message = cliWording(finding.message);
    return finding;
}

QJsonObject findingToJson(const AtcFinding& input)
{
    const AtcFinding finding = findingForCli(input);
    return QJsonObject {
        { QStringLiteral("severity"), severityName(finding.severity) },
        { QStringLiteral("rule"), finding.rule },
        { QStringLiteral("message"), finding.message },
        { QStringLiteral("nodes"), QJsonArray::fromStringList(finding.nodes) },
        { QStringLiteral("fix"), finding.fix },
    };
}

} // namespace wb
