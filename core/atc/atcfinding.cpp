#include "atcfinding.h"

#include <QJsonArray>

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

QJsonObject findingToJson(const AtcFinding& finding)
{
    return QJsonObject {
        { QStringLiteral("severity"), severityName(finding.severity) },
        { QStringLiteral("rule"), finding.rule },
        { QStringLiteral("message"), finding.message },
        { QStringLiteral("nodes"), QJsonArray::fromStringList(finding.nodes) },
        { QStringLiteral("fix"), finding.fix },
    };
}

} // namespace wb
