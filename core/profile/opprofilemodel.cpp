#include "opprofilemodel.h"

namespace wb {

OpProfileModel::OpProfileModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void OpProfileModel::setProfile(std::shared_ptr<const OpProfile> profile, const ProfileMapping* mapping)
{
    beginResetModel();
    m_profile = std::move(profile);
    m_rows.clear();
    m_mapped = mapping != nullptr;
    if (m_profile) {
        QHash<QString, QStringList> nodesOfOp;
        if (mapping) {
            for (const NodeTime& n : mapping->nodes) {
                for (const QString& op : n.ops)
                    nodesOfOp[op].append(n.node);
            }
        }
        const int iterations = std::max(1, m_profile->iterations);
        double cumulative = 0;
        if (m_profile->ops.isEmpty()) {
            for (const ProfileType& t : m_profile->byType) {
                cumulative += t.percent;
                m_rows.append(
                    { t.type, t.type, t.taskType, t.count, t.totalUs / iterations, t.percent, cumulative, {}, false });
            }
        } else {
            for (const ProfileOp& op : m_profile->ops) {
                cumulative += op.percent;
                const QStringList nodes = nodesOfOp.value(op.name);
                m_rows.append({ op.name, op.type, op.taskType, op.count, op.perIterationUs, op.percent, cumulative,
                    nodes, mapping && nodes.isEmpty() });
            }
        }
    }
    endResetModel();
}

int OpProfileModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int OpProfileModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OpProfileModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row& r = m_rows.at(index.row());
    if (role == ShareRole)
        return r.percent;
    if (role == UnmappedRole)
        return r.unmapped;
    if (role == Qt::TextAlignmentRole && index.column() >= Count && index.column() <= Cumulative)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != SortRole && role != Qt::ToolTipRole)
        return {};
    const bool sort = role == SortRole;
    switch (index.column()) {
    case Name:
        return r.name;
    case Type:
        return r.type;
    case TaskType:
        return r.taskType;
    case Count:
        return r.count;
    case PerIteration:
        return sort ? QVariant(r.perIterationUs) : QVariant(QString::number(r.perIterationUs, 'f', 3));
    case Percent:
        return sort ? QVariant(r.percent) : QVariant(QString::number(r.percent, 'f', 2));
    case Cumulative:
        return sort ? QVariant(r.cumulative) : QVariant(QString::number(r.cumulative, 'f', 2));
    case OnnxNodes:
        if (!m_mapped)
            return QString();
        return r.unmapped ? (sort ? QString() : tr("(no ONNX node)")) : r.nodes.join(QStringLiteral(", "));
    default:
        return {};
    }
}

QVariant OpProfileModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return m_profile && m_profile->ops.isEmpty() ? tr("Op type") : tr("Op");
    case Type:
        return tr("Type");
    case TaskType:
        return tr("Engine / task type");
    case Count:
        return tr("Count");
    case PerIteration:
        return tr("µs / iteration");
    case Percent:
        return tr("% of op time");
    case Cumulative:
        return tr("Cumulative %");
    case OnnxNodes:
        return tr("ONNX nodes");
    default:
        return {};
    }
}

} // namespace wb
