#include "tensorshapemodel.h"

namespace wb {

TensorShapeModel::TensorShapeModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void TensorShapeModel::setResult(const InferenceResult& result)
{
    beginResetModel();
    m_tensors = result.tensors;
    m_facts = result.facts.size() == result.tensors.size() ? result.facts : QList<ShapeFact> {};
    endResetModel();
}

void TensorShapeModel::setTensors(const QList<TensorInfo>& tensors)
{
    beginResetModel();
    m_tensors = tensors;
    m_facts.clear();
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
    const ShapeFact fact = index.row() < m_facts.size()
        ? m_facts.at(index.row())
        : ShapeFact { t.isDynamic() ? ShapeStatus::Unknown : ShapeStatus::Static, {}, {}, false };
    if (index.column() == ShapeColumn) {
        if (auto shapeData = shapeRoleData(t, role))
            return *shapeData;
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return t.name;
        case DTypeColumn:
            return t.dtype.isEmpty() ? tr("unknown") : t.dtype;
        case ShapeColumn:
            return t.shape ? t.shapeText() : tr("unknown");
        case StatusColumn:
            switch (fact.status) {
            case ShapeStatus::Static:
                if (!fact.folded)
                    return QString();
                return fact.value.isEmpty() ? tr("folded") : tr("folded: %1").arg(fact.value);
            case ShapeStatus::FollowsInput:
                return tr("follows input '%1'").arg(fact.origin);
            case ShapeStatus::DataDependent:
                return tr("data-dependent: %1").arg(fact.origin);
            case ShapeStatus::Unknown:
                return fact.origin.isEmpty() ? tr("unknown here") : tr("unknown here: %1").arg(fact.origin);
            case ShapeStatus::Invalid:
                return tr("invalid: %1").arg(fact.origin);
            }
            break;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() != ShapeColumn && index.column() != StatusColumn)
            break;
        switch (fact.status) {
        case ShapeStatus::Static:
            return fact.folded
                ? tr("Computed from constants and static shapes (shape arithmetic): a constant ATC folds.")
                : QVariant();
        case ShapeStatus::FollowsInput:
            return tr("Dynamic because input '%1' is not fixed yet: give it a size above.").arg(fact.origin);
        case ShapeStatus::DataDependent:
            return tr("Dynamic for real: its size depends on the values node '%1' computes, not only on shapes.")
                .arg(fact.origin);
        case ShapeStatus::Unknown:
            return tr("Not known here (node '%1' has no shape function, or inference gave up): not a sign that it "
                      "is dynamic.")
                .arg(fact.origin);
        case ShapeStatus::Invalid:
            return tr("Node '%1' cannot run with these shapes.").arg(fact.origin);
        }
        break;
    case TensorNameRole:
        return t.name;
    case ShapeStatusRole:
        return static_cast<int>(fact.status);
    case NotStaticRole:
        return fact.status != ShapeStatus::Static;
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
    case StatusColumn:
        return tr("Why");
    }
    return {};
}

} // namespace wb
