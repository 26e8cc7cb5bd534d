#include "profilejson.h"

#include <QJsonArray>

#include <cmath>

namespace wb {

namespace {

double rounded(double v)
{
    return std::round(v * 1000.0) / 1000.0;
}

QJsonValue optionalNumber(const std::optional<double>& v)
{
    return v ? QJsonValue(rounded(*v)) : QJsonValue(QJsonValue::Null);
}

QByteArray number(double v)
{
    return QByteArray::number(rounded(v), 'g', 15);
}

} // namespace

QByteArray csvField(const QString& value)
{
    QByteArray bytes = value.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r')) {
        bytes.replace("\"", "\"\"");
        return '"' + bytes + '"';
    }
    return bytes;
}

QJsonObject profileToJson(const OpProfile& p, const ProfileMapping* mapping, const ProfileComparison* comparison)
{
    QJsonObject o;
    o.insert(QStringLiteral("kind"), profileKindName(p.kind));
    o.insert(QStringLiteral("files"), QJsonArray::fromStringList(p.files));
    o.insert(QStringLiteral("total_us"), rounded(p.totalUs));
    o.insert(QStringLiteral("iterations"), p.iterations);
    o.insert(QStringLiteral("per_iteration_us"), rounded(p.totalUsPerIteration()));
    o.insert(QStringLiteral("host_us"), optionalNumber(p.hostUsPerIteration));
    QHash<QString, QStringList> nodesOfOp;
    if (mapping) {
        for (const NodeTime& n : mapping->nodes) {
            for (const QString& op : n.ops)
                nodesOfOp[op].append(n.node);
        }
    }
    QJsonArray ops;
    for (const ProfileOp& op : p.ops) {
        QJsonObject j;
        j.insert(QStringLiteral("name"), op.name);
        j.insert(QStringLiteral("type"), op.type);
        j.insert(QStringLiteral("task_type"), op.taskType);
        j.insert(QStringLiteral("count"), op.count);
        j.insert(QStringLiteral("total_us"), rounded(op.totalUs));
        j.insert(QStringLiteral("mean_us"), rounded(op.meanUs));
        j.insert(QStringLiteral("percent"), rounded(op.percent));
        j.insert(QStringLiteral("per_iteration_us"), rounded(op.perIterationUs));
        j.insert(QStringLiteral("min_us"), rounded(op.minUs));
        j.insert(QStringLiteral("median_us"), rounded(op.medianUs));
        j.insert(QStringLiteral("max_us"), rounded(op.maxUs));
        if (mapping)
            j.insert(QStringLiteral("onnx_nodes"), QJsonArray::fromStringList(nodesOfOp.value(op.name)));
        ops.append(j);
    }
    o.insert(QStringLiteral("ops"), ops);
    QJsonArray types;
    for (const ProfileType& t : p.byType) {
        QJsonObject j;
        j.insert(QStringLiteral("type"), t.type);
        j.insert(QStringLiteral("task_type"), t.taskType);
        j.insert(QStringLiteral("count"), t.count);
        j.insert(QStringLiteral("total_us"), rounded(t.totalUs));
        j.insert(QStringLiteral("percent"), rounded(t.percent));
        types.append(j);
    }
    o.insert(QStringLiteral("by_type"), types);
    o.insert(QStringLiteral("rows_read"), p.rowsRead);
    o.insert(QStringLiteral("rows_skipped"), p.rowsSkipped);
    o.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(p.warnings));
    o.insert(QStringLiteral("unmapped"), QJsonArray::fromStringList(mapping ? mapping->unmapped : QStringList()));
    if (mapping) {
        QJsonArray nodes;
        for (const NodeTime& n : mapping->nodes) {
            QJsonObject j;
            j.insert(QStringLiteral("node"), n.node);
            j.insert(QStringLiteral("op_type"), n.opType);
            j.insert(QStringLiteral("total_us"), rounded(n.totalUs));
            j.insert(QStringLiteral("per_iteration_us"), rounded(n.perIterationUs));
            j.insert(QStringLiteral("percent"), rounded(n.percent));
            j.insert(QStringLiteral("ops"), QJsonArray::fromStringList(n.ops));
            nodes.append(j);
        }
        o.insert(QStringLiteral("nodes"), nodes);
        o.insert(QStringLiteral("mapped_through"), mapping->throughOm ? QStringLiteral("om") : QStringLiteral("name"));
    }
    if (comparison) {
        QJsonObject a;
        a.insert(QStringLiteral("source"), comparison->otherSource);
        a.insert(QStringLiteral("by"), comparison->byType ? QStringLiteral("type") : QStringLiteral("name"));
        a.insert(QStringLiteral("this_us"), rounded(comparison->thisUs));
        a.insert(QStringLiteral("other_us"), rounded(comparison->otherUs));
        a.insert(QStringLiteral("speedup"), optionalNumber(comparison->speedup));
        a.insert(QStringLiteral("new"), comparison->newOps);
        a.insert(QStringLiteral("vanished"), comparison->vanishedOps);
        QJsonArray rows;
        for (const ProfileCompareRow& r : comparison->rows) {
            QJsonObject j;
            j.insert(QStringLiteral("name"), r.name);
            j.insert(QStringLiteral("type"), r.type);
            j.insert(QStringLiteral("this_us"), optionalNumber(r.thisUs));
            j.insert(QStringLiteral("other_us"), optionalNumber(r.otherUs));
            j.insert(QStringLiteral("speedup"), optionalNumber(r.speedup));
            j.insert(QStringLiteral("status"), r.status);
            rows.append(j);
        }
        a.insert(QStringLiteral("ops"), rows);
        o.insert(QStringLiteral("against"), a);
    }
    return o;
}

QByteArray profileToCsv(const OpProfile& p, const ProfileMapping* mapping)
{
    QByteArray out;
    double cumulative = 0;
    if (p.kind == ProfileKind::OpStatistic) {
        out += "type,task_type,count,total_us,percent,cumulative_percent\n";
        for (const ProfileType& t : p.byType) {
            cumulative += t.percent;
            out += csvField(t.type) + ',' + csvField(t.taskType) + ',' + QByteArray::number(t.count) + ','
                + number(t.totalUs) + ',' + number(t.percent) + ',' + number(cumulative) + '\n';
        }
        return out;
    }
    QHash<QString, QStringList> nodesOfOp;
    if (mapping) {
        for (const NodeTime& n : mapping->nodes) {
            for (const QString& op : n.ops)
                nodesOfOp[op].append(n.node);
        }
    }
    out += "name,type,task_type,count,total_us,per_iteration_us,mean_us,min_us,median_us,max_us,percent,"
           "cumulative_percent";
    out += mapping ? ",onnx_nodes\n" : "\n";
    for (const ProfileOp& op : p.ops) {
        cumulative += op.percent;
        out += csvField(op.name) + ',' + csvField(op.type) + ',' + csvField(op.taskType) + ','
            + QByteArray::number(op.count) + ',' + number(op.totalUs) + ',' + number(op.perIterationUs) + ','
            + number(op.meanUs) + ',' + number(op.minUs) + ',' + number(op.medianUs) + ',' + number(op.maxUs) + ','
            + number(op.percent) + ',' + number(cumulative);
        if (mapping)
            out += ',' + csvField(nodesOfOp.value(op.name).join(QLatin1Char(';')));
        out += '\n';
    }
    return out;
}

QJsonObject modelExplorerNodeData(const ProfileMapping& mapping, const QList<ProfileGraphNode>& nodes)
{
    QHash<QString, QString> keyOf;
    for (const ProfileGraphNode& n : nodes)
        keyOf.insert(n.name, n.firstOutput.isEmpty() ? n.name : n.firstOutput);
    QJsonObject results;
    for (const NodeTime& t : mapping.nodes)
        results.insert(
            keyOf.value(t.node, t.node), QJsonObject { { QStringLiteral("value"), rounded(t.perIterationUs) } });
    const QJsonArray gradient {
        QJsonObject { { QStringLiteral("stop"), 0 }, { QStringLiteral("bgColor"), QStringLiteral("#ffffff") } },
        QJsonObject { { QStringLiteral("stop"), 0.5 }, { QStringLiteral("bgColor"), QStringLiteral("#fdd49e") } },
        QJsonObject { { QStringLiteral("stop"), 1 }, { QStringLiteral("bgColor"), QStringLiteral("#d7301f") } },
    };
    return QJsonObject { { QStringLiteral("results"), results }, { QStringLiteral("gradient"), gradient } };
}

} // namespace wb
