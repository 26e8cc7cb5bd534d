#include "parsing/runnerlines_p.h"

#include <QRegularExpression>

#include <cmath>

namespace wb::runnerlines {

std::optional<double> number(QStringView text)
{
    static const QRegularExpression plain(QStringLiteral("^[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?$"));
    const QStringView t = text.trimmed();
    if (!plain.match(t).hasMatch())
        return std::nullopt;
    bool ok = false;
    const double value = t.toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

QStringView stripTag(QStringView* line)
{
    static const QRegularExpression tag(QStringLiteral("^\\[(INFO|DEBUG|ERROR|WARN|WARNING)\\]\\s?"));
    const QRegularExpressionMatch m = tag.match(*line);
    if (!m.hasMatch())
        return {};
    const QStringView name = line->sliced(m.capturedStart(1), m.capturedLength(1));
    *line = line->sliced(m.capturedEnd());
    return name;
}

void addDevice(RunnerReport* report, int id)
{
    if (!report->devices.contains(id))
        report->devices.append(id);
}

bool feedCommon(QStringView tag, QStringView text, RunnerReport* report)
{
    static const QRegularExpression device(
        QStringLiteral("^(?:open device |end to reset device is |DestroyDevices begindestory device:)\\s*(\\d+)"));
    static const QRegularExpression aclCode(QStringLiteral("^[A-Z][0-9A-Z][0-9]{4}:\\s"));
    if (tag == QLatin1String("ERROR")) {
        report->errors.append(text.trimmed().toString());
        return true;
    }
    if (const QRegularExpressionMatch m = device.match(text); m.hasMatch()) {
        addDevice(report, m.capturedView(1).toInt());
        return true;
    }
    if (tag.isEmpty() && aclCode.match(text).hasMatch()) {
        report->errors.append(text.trimmed().toString());
        return true;
    }
    return false;
}

} // namespace wb::runnerlines
