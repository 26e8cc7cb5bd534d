#include "optypemodel.h"

#include <algorithm>

namespace wb {

OpTypeModel::OpTypeModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void OpTypeModel::setSummary(const ModelSummary& summary)
{
    beginResetModel();
    m_rows.clear();
    for (auto it = summary.opTypes.cbegin(); it != summary.opTypes.cend(); ++it) {
        m_rows.append({ it.key(), it.value(), summary.customDomainOps.contains(it.key()),
            summary.controlFlowOps.contains(it.key()) });
    }
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const Row& a, const Row& b) { return a.count > b.count; });
    endResetModel();
}

void OpTypeModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int OpTypeModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int OpTypeModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OpTypeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == OpColumn ? QVariant(row.op) : QVariant(row.count);
    case Qt::TextAlignmentRole:
        return index.column() == CountColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case CustomDomainRole:
        return row.custom;
    case ControlFlowRole:
        return row.controlFlow;
    default:
        return {};
    }
}

QVariant OpTypeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return section == OpColumn ? tr("Operator") : tr("Count");
}

} // namespace wb
