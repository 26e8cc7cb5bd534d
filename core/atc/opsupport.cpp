#include "opsupport.h"

#include "logging/logging.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace wb {

bool AtcOpSupport::supports(int opset) const
{
    for (const auto& r : opsets) {
        if (opset >= r.first && opset <= r.second)
            return true;
    }
    return false;
}

int AtcOpSupport::maxOpset() const
{
    int max = 0;
    for (const auto& r : opsets)
        max = qMax(max, r.second);
    return max;
}

std::optional<QList<QPair<int, int>>> parseOpsetList(const QString& text)
{
    static const QRegularExpression part(QStringLiteral("^\\s*(\\d+)\\s*(?:-\\s*(\\d+)\\s*)?$"));
    QList<QPair<int, int>> ranges;
    for (const QString& p : text.split(QLatin1Char(','))) {
        const auto m = part.match(p);
        if (!m.hasMatch())
            return std::nullopt;
        const int lo = m.captured(1).toInt();
        const int hi = m.hasCaptured(2) ? m.captured(2).toInt() : lo;
        if (hi < lo)
            return std::nullopt;
        ranges.append({ lo, hi });
    }
    return ranges;
}

int compareCannVersions(const QString& a, const QString& b)
{
    auto numbers = [](const QString& v) {
        QList<int> n;
        for (const QString& part : v.split(QLatin1Char('.'))) {
            bool ok = false;
            const int x = part.toInt(&ok);
            if (!ok || n.size() == 2)
                break;
            n.append(x);
        }
        while (n.size() < 2)
            n.append(0);
        return n;
    };
    const QList<int> x = numbers(a);
    const QList<int> y = numbers(b);
    return x[0] != y[0] ? x[0] - y[0] : x[1] - y[1];
}

Result<AtcOpTable> AtcOpTable::fromJson(const QByteArray& json)
{
    auto bad = [](const QString& why) { return Error { QStringLiteral("bad_op_table"), why, {} }; };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject())
        return bad(QStringLiteral("The operator table is not a JSON object: %1.").arg(parseError.errorString()));
    const QJsonObject root = doc.object();
    AtcOpTable table;
    for (const QJsonValue& v : root.value(QStringLiteral("ops")).toArray()) {
        const QJsonObject o = v.toObject();
        AtcOpSupport op;
        op.op = o.value(QStringLiteral("op")).toString();
        op.opsetsText = o.value(QStringLiteral("opsets")).toString();
        op.source = o.value(QStringLiteral("source")).toString();
        op.engine = o.value(QStringLiteral("engine")).toString();
        const auto ranges = parseOpsetList(op.opsetsText);
        if (op.op.isEmpty() || !ranges)
            return bad(
                QStringLiteral("Operator table entry '%1' has a bad opset list '%2'.").arg(op.op, op.opsetsText));
        op.opsets = *ranges;
        table.m_ops.insert(op.op, op);
    }
    for (const QJsonValue& v : root.value(QStringLiteral("parser_handled")).toArray())
        table.m_parserHandled.append(v.toString());
    const QJsonObject noPlugin = root.value(QStringLiteral("no_plugin")).toObject();
    for (auto it = noPlugin.begin(); it != noPlugin.end(); ++it)
        table.m_noPlugin.insert(it.key(), it.value().toString());
    for (const QJsonValue& v : root.value(QStringLiteral("default_domain_opsets")).toArray()) {
        const QJsonObject o = v.toObject();
        table.m_ranges.append({ o.value(QStringLiteral("cann_below")).toString(),
            { o.value(QStringLiteral("min")).toInt(), o.value(QStringLiteral("max")).toInt(),
                o.value(QStringLiteral("source")).toString() } });
    }
    if (table.m_ops.isEmpty() || table.m_ranges.isEmpty())
        return bad(QStringLiteral("The operator table has no \"ops\" or no \"default_domain_opsets\"."));
    return table;
}

const AtcOpTable& AtcOpTable::builtin()
{
    static const AtcOpTable table = [] {
        QFile file(QStringLiteral(":/data/atc/onnx_ops.json"));
        if (!file.open(QIODevice::ReadOnly)) {
            log::atc()->error("The built-in ONNX operator table :/data/atc/onnx_ops.json is missing");
            return AtcOpTable();
        }
        Result<AtcOpTable> parsed = fromJson(file.readAll());
        if (!parsed.ok()) {
            log::atc()->error("{}", parsed.error().message);
            return AtcOpTable();
        }
        return std::move(parsed).value();
    }();
    return table;
}

const AtcOpSupport* AtcOpTable::find(const QString& op) const
{
    const auto it = m_ops.constFind(op);
    return it == m_ops.cend() ? nullptr : &*it;
}

bool AtcOpTable::isParserHandled(const QString& op) const
{
    return m_parserHandled.contains(op);
}

QString AtcOpTable::noPluginReason(const QString& op) const
{
    return m_noPlugin.value(op);
}

AtcOpsetRange AtcOpTable::defaultDomainRange(const QString& cannVersion) const
{
    for (const RangeRule& rule : m_ranges) {
        if (rule.cannBelow.isEmpty())
            return rule.range; // the newest rule: also used when the version is unknown
        if (!cannVersion.isEmpty() && compareCannVersions(cannVersion, rule.cannBelow) < 0)
            return rule.range;
    }
    return m_ranges.isEmpty() ? AtcOpsetRange {} : m_ranges.last().range;
}

} // namespace wb
