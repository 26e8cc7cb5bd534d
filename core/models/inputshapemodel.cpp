#include "inputshapemodel.h"

namespace wb {

InputShapeModel::InputShapeModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void InputShapeModel::setInputs(const QList<TensorInfo>& inputs)
{
    beginResetModel();
    m_rows.clear();
    for (const TensorInfo& t : inputs) {
        Row row { t, {}, t.isDynamic(), {} };
        QStringList dims;
        if (t.shape) {
            for (const Dim& d : *t.shape)
                dims.append(d.isDynamic() ? QStringLiteral("1") : QString::number(d.value));
        }
        row.dims = dims.join(QLatin1Char(','));
        validate(row);
        m_rows.append(row);
    }
    endResetModel();
    emit specsChanged();
}

void InputShapeModel::validate(Row& row) const
{
    row.error.clear();
    const auto parsed = parseInputShapeSpec(row.tensor.name + QLatin1Char(':') + row.dims);
    if (!parsed.ok()) {
        row.error = parsed.error().message;
        return;
    }
    const InputShapeSpec& spec = parsed.value().first();
    if (!spec.isStatic() && !m_allowDynamic) {
        row.error = tr("Use fixed sizes here; dynamic profiles belong to the conversion settings.");
        return;
    }
    if (row.tensor.shape && row.tensor.shape->size() != spec.dims.size())
        row.error = tr("%1 has %2 dimensions; %3 given.").arg(row.tensor.name).arg(row.tensor.shape->size()).arg(spec.dims.size());
}

void InputShapeModel::setAllowDynamic(bool allow)
{
    if (m_allowDynamic == allow)
        return;
    m_allowDynamic = allow;
    for (Row& r : m_rows)
        validate(r);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    emit specsChanged();
}

void InputShapeModel::setSpecs(const QList<InputShapeSpec>& specs)
{
    for (const InputShapeSpec& spec : specs) {
        for (int row = 0; row < m_rows.size(); ++row) {
            if (m_rows.at(row).tensor.name != spec.name)
                continue;
            QStringList dims;
            for (const ShapeSpecDim& d : spec.dims)
                dims.append(d.toString());
            setStaticShape(row, dims.join(QLatin1Char(',')));
        }
    }
}

bool InputShapeModel::setStaticShape(int row, const QString& dims)
{
    if (row < 0 || row >= m_rows.size())
        return false;
    Row& r = m_rows[row];
    if (r.dims == dims.trimmed())
        return true;
    r.dims = dims.trimmed();
    r.prefilled = false;
    validate(r);
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    emit specsChanged();
    return true;
}

QString InputShapeModel::staticShape(int row) const
{
    return m_rows.value(row).dims;
}

Result<QList<InputShapeSpec>> InputShapeModel::specs() const
{
    QList<InputShapeSpec> result;
    for (const Row& r : m_rows) {
        if (!r.error.isEmpty())
            return Error { QStringLiteral("bad_shape_spec"), r.error, {} };
        result.append(parseInputShapeSpec(r.tensor.name + QLatin1Char(':') + r.dims).value().first());
    }
    return result;
}

QString InputShapeModel::specText() const
{
    QList<InputShapeSpec> ok;
    for (const Row& r : m_rows) {
        if (r.error.isEmpty())
            ok.append(parseInputShapeSpec(r.tensor.name + QLatin1Char(':') + r.dims).value().first());
    }
    return formatInputShapeSpec(ok);
}

int InputShapeModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int InputShapeModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant InputShapeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& r = m_rows.at(index.row());
    if (index.column() == ModelShapeColumn) {
        if (auto shapeData = shapeRoleData(r.tensor, role))
            return *shapeData;
    }
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case NameColumn:
            return r.tensor.name;
        case DTypeColumn:
            return r.tensor.dtype;
        case ModelShapeColumn:
            return r.tensor.shapeText();
        case StaticShapeColumn:
            return r.dims;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == StaticShapeColumn) {
            if (!r.error.isEmpty())
                return r.error;
            return r.prefilled ? tr("Proposed: dynamic dimensions set to 1. Edit to the size you deploy with.")
                               : tr("Comma-separated sizes, e.g. 1,3,224,224.");
        }
        break;
    case ErrorRole:
        return r.error;
    case PrefilledRole:
        return r.prefilled;
    default:
        break;
    }
    return {};
}

bool InputShapeModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || index.column() != StaticShapeColumn || !checkIndex(index))
        return false;
    return setStaticShape(index.row(), value.toString());
}

Qt::ItemFlags InputShapeModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == StaticShapeColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant InputShapeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Input");
    case DTypeColumn:
        return tr("Type");
    case ModelShapeColumn:
        return tr("Shape in the model");
    case StaticShapeColumn:
        return tr("Static shape to use");
    }
    return {};
}

} // namespace wb
