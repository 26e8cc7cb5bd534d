#include "runnerprofile.h"

#include "profilecsv.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace wb {

bool RunnerProfileCollector::feed(QStringView line)
{
    const QStringView trimmed = line.trimmed();
    if (!trimmed.contains(u"\"event\":\"op"))
        return false;
    const QJsonObject o = QJsonDocument::fromJson(trimmed.toUtf8()).object();
    const QString event = o.value(QStringLiteral("event")).toString();
    if (event == QLatin1String("op")) {
        ProfileOp op;
        op.name = o.value(QStringLiteral("name")).toString();
        op.type = o.value(QStringLiteral("type")).toString();
        op.count = o.value(QStringLiteral("count")).toInt();
        op.totalUs = o.value(QStringLiteral("total_us")).toDouble();
        op.minUs = o.value(QStringLiteral("min_us")).toDouble();
        op.medianUs = o.value(QStringLiteral("median_us")).toDouble();
        op.maxUs = o.value(QStringLiteral("max_us")).toDouble();
        op.meanUs = op.count > 0 ? op.totalUs / op.count : 0;
        if (op.name.isEmpty() || op.count <= 0) {
            ++m_profile.rowsSkipped;
            return true;
        }
        ++m_profile.rowsRead;
        m_profile.ops.append(op);
        return true;
    }
    if (event == QLatin1String("op_profile")) {
        m_profile.kind = ProfileKind::Runner;
        m_profile.files = { QStringLiteral("om-runner --profile") };
        m_profile.iterations = qMax(1, o.value(QStringLiteral("iterations")).toInt());
        m_profile.iterationsFromColumn = true;
        const QJsonValue host = o.value(QStringLiteral("host_us_per_iteration"));
        if (host.isDouble())
            m_profile.hostUsPerIteration = host.toDouble();
        const int unreadable = o.value(QStringLiteral("unreadable")).toInt();
        if (unreadable > 0)
            m_profile.warnings.append(
                QStringLiteral("om-runner could not read %1 op record(s) from AscendCL").arg(unreadable));
        finalizeProfile(m_profile);
        m_complete = true;
        return true;
    }
    return false;
}

std::optional<OpProfile> RunnerProfileCollector::profile() const
{
    if (!m_complete)
        return std::nullopt;
    return m_profile;
}

} // namespace wb
