#include "tensortablemodel.h"

namespace wb {

TensorTableModel::TensorTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void TensorTableModel::setSummary(const ModelSummary& summary)
{
    beginResetModel();
    m_rows = summary.inputs;
    m_rows.append(summary.outputs);
    m_inputs = summary.inputs.size();
    endResetModel();
}

void TensorTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_inputs = 0;
    endResetModel();
}

int TensorTableModel::rowForTensor(const QString& name) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).name == name)
            return static_cast<int>(i);
    }
    return -1;
}

int TensorTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TensorTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TensorTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TensorInfo& t = m_rows.at(index.row());
    const bool isInput = index.row() < m_inputs;
    if (auto shapeData = shapeRoleData(t, role))
        return *shapeData;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return t.name;
        case KindColumn:
            return isInput ? tr("Input") : tr("Output");
        case DTypeColumn:
            return t.dtype;
        case ShapeColumn:
            return t.shapeText();
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == ShapeColumn && t.isDynamic()) {
            return isInput ? tr("Dynamic: ATC needs a static shape for this input. Fix it with --input_shape "
                                "or a dynamic batch/image/dims profile.")
                           : tr("Dynamic: this output's size is only known at run time.");
        }
        break;
    case IsInputRole:
        return isInput;
    case TensorNameRole:
        return t.name;
    default:
        break;
    }
    return {};
}

QVariant TensorTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case KindColumn:
        return tr("Kind");
    case DTypeColumn:
        return tr("Type");
    case ShapeColumn:
        return tr("Shape");
    }
    return {};
}

QHash<int, QByteArray> TensorTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(DynamicRole, "dynamic");
    names.insert(DynamicDimsRole, "dynamicDims");
    names.insert(DimsRole, "dims");
    names.insert(IsInputRole, "isInput");
    names.insert(TensorNameRole, "tensorName");
    return names;
}

} // namespace wb
