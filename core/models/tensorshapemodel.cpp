#include "tensorshapemodel.h"

namespace wb {

TensorShapeModel::TensorShapeModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void TensorShapeModel::setTensors(const QList<TensorInfo>& tensors)
{
    beginResetModel();
    m_tensors = tensors;
    endResetModel();
}

void TensorShapeModel::clear()
{
    setTensors({});
}

int TensorShapeModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_tensors.size());
}

int TensorShapeModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TensorShapeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TensorInfo& t = m_tensors.at(index.row());
    if (auto shapeData = shapeRoleData(t, role))
        return *shapeData;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return t.name;
        case DTypeColumn:
            return t.dtype.isEmpty() ? tr("unknown") : t.dtype;
        case ShapeColumn:
            return t.shape ? t.shapeText() : tr("unknown");
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == ShapeColumn && t.isDynamic())
            return t.shape ? tr("Not static after shape inference: a later op's size depends on data, or inference "
                                "could not see through it.")
                           : tr("Shape inference could not determine this tensor's shape.");
        break;
    case TensorNameRole:
        return t.name;
    default:
        break;
    }
    return {};
}

QVariant TensorShapeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Tensor");
    case DTypeColumn:
        return tr("Type");
    case ShapeColumn:
        return tr("Inferred shape");
    }
    return {};
}

} // namespace wb
