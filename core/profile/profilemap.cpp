#include "profilemap.h"

#include <QSet>

#include <algorithm>
#include <vector>

namespace wb {

const NodeTime* ProfileMapping::node(const QString& name) const
{
    for (const NodeTime& n : nodes) {
        if (n.node == name)
            return &n;
    }
    return nullptr;
}

ProfileMapping mapProfileToGraph(
    const OpProfile& profile, const QList<ProfileGraphNode>& nodes, const QHash<QString, QStringList>& omOrigins)
{
    ProfileMapping mapping;
    mapping.throughOm = !omOrigins.isEmpty();
    QHash<QString, qsizetype> byName;
    byName.reserve(nodes.size());
    for (qsizetype i = 0; i < nodes.size(); ++i)
        byName.insert(nodes.at(i).name, i);
    std::vector<qsizetype> timeIndex(static_cast<size_t>(nodes.size()), -1); // graph node -> mapping.nodes
    const int iterations = std::max(1, profile.iterations);
    for (const ProfileOp& op : profile.ops) {
        QList<qsizetype> targets;
        const auto origins = omOrigins.constFind(op.name);
        if (origins != omOrigins.constEnd()) {
            for (const QString& origin : *origins) {
                const qsizetype at = byName.value(origin, -1);
                if (at >= 0 && !targets.contains(at))
                    targets.append(at);
            }
        }
        if (targets.isEmpty()) {
            const qsizetype at = byName.value(op.name, -1);
            if (at >= 0)
                targets.append(at);
        }
        if (targets.isEmpty()) {
            mapping.unmapped.append(op.name);
            continue;
        }
        ++mapping.mappedOps;
        const double share = op.totalUs / static_cast<double>(targets.size());
        for (qsizetype target : targets) {
            qsizetype& at = timeIndex[static_cast<size_t>(target)];
            if (at < 0) {
                at = mapping.nodes.size();
                NodeTime t;
                t.node = nodes.at(target).name;
                t.opType = nodes.at(target).opType;
                mapping.nodes.append(std::move(t));
            }
            NodeTime& t = mapping.nodes[at];
            t.totalUs += share;
            if (!t.ops.contains(op.name))
                t.ops.append(op.name);
        }
    }
    for (NodeTime& t : mapping.nodes) {
        t.perIterationUs = t.totalUs / iterations;
        t.percent = profile.totalUs > 0 ? t.totalUs / profile.totalUs * 100.0 : 0;
    }
    std::stable_sort(mapping.nodes.begin(), mapping.nodes.end(),
        [](const NodeTime& a, const NodeTime& b) { return a.totalUs > b.totalUs; });
    return mapping;
}

namespace {

struct Entry {
    QString name;
    QString type;
    double us = 0;
};

QList<Entry> entries(const OpProfile& p, bool byType)
{
    QList<Entry> list;
    const int iterations = std::max(1, p.iterations);
    if (byType) {
        for (const ProfileType& t : p.byType)
            list.append({ t.type, t.type, t.totalUs / iterations });
    } else {
        for (const ProfileOp& op : p.ops)
            list.append({ op.name, op.type, op.totalUs / iterations });
    }
    return list;
}

} // namespace

ProfileComparison compareProfiles(const OpProfile& current, const OpProfile& other)
{
    ProfileComparison c;
    c.otherSource = other.files.join(QStringLiteral(", "));
    c.byType = current.kind == ProfileKind::OpStatistic || other.kind == ProfileKind::OpStatistic;
    c.thisUs = current.totalUsPerIteration();
    c.otherUs = other.totalUsPerIteration();
    if (c.thisUs > 0)
        c.speedup = c.otherUs / c.thisUs;
    const QList<Entry> mine = entries(current, c.byType);
    const QList<Entry> theirs = entries(other, c.byType);
    QHash<QString, qsizetype> theirIndex;
    for (qsizetype i = 0; i < theirs.size(); ++i)
        theirIndex.insert(theirs.at(i).name, i);
    QSet<QString> seen;
    for (const Entry& e : mine) {
        ProfileCompareRow row;
        row.name = e.name;
        row.type = e.type;
        row.thisUs = e.us;
        const qsizetype at = theirIndex.value(e.name, -1);
        if (at >= 0) {
            row.otherUs = theirs.at(at).us;
            row.status = QStringLiteral("both");
            if (e.us > 0)
                row.speedup = *row.otherUs / e.us;
        } else {
            row.status = QStringLiteral("new");
            ++c.newOps;
        }
        seen.insert(e.name);
        c.rows.append(row);
    }
    for (const Entry& e : theirs) {
        if (seen.contains(e.name))
            continue;
        ProfileCompareRow row;
        row.name = e.name;
        row.type = e.type;
        row.otherUs = e.us;
        row.status = QStringLiteral("vanished");
        ++c.vanishedOps;
        c.rows.append(row);
    }
    return c;
}

} // namespace wb
