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
        Row row { t, {}, false, {}, {} };
        QStringList dims;
        for (int i = 0; t.shape && i < t.shape->size(); ++i) {
            // The batch is proposed (the batch variants vary it); other dynamic dims are asked for: a 1x1 image is
            // not a shape anyone wants.
            const std::optional<qint64> size = proposedSize(t, i);
            dims.append(size ? QString::number(*size) : QStringLiteral("?"));
            row.prefilled = row.prefilled || (size && t.shape->at(i).isDynamic());
        }
        row.dims = dims.join(QLatin1Char(','));
        validate(row);
        m_rows.append(row);
    }
    updateSuggestions();
    endResetModel();
    emit specsChanged();
}

void InputShapeModel::setHints(const DimHints& hints)
{
    m_hints = hints;
    updateSuggestions();
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void InputShapeModel::updateSuggestions()
{
    QHash<QString, QList<std::optional<qint64>>> known;
    for (const Row& r : m_rows) {
        QList<std::optional<qint64>> dims;
        for (const QString& part : r.dims.split(QLatin1Char(','))) {
            bool ok = false;
            const qint64 v = part.trimmed().toLongLong(&ok);
            dims.append(ok && v > 0 ? std::optional<qint64>(v) : std::nullopt);
        }
        known.insert(r.tensor.name, dims);
    }
    m_suggestions = suggestInputDims(m_hints, known);
}

QString InputShapeModel::suggestionText(int row) const
{
    QStringList parts;
    const Row& r = m_rows.at(row);
    for (const DimSuggestion& s : m_suggestions) {
        if (s.input != r.tensor.name)
            continue;
        const QString dim
            = r.tensor.shape && s.dim < r.tensor.shape->size() ? r.tensor.shape->at(s.dim).toString() : QString();
        parts.append(tr("%1 (dim %2) = %3, from %4").arg(dim).arg(s.dim).arg(s.value).arg(s.reason));
    }
    return parts.join(QStringLiteral("; "));
}

void InputShapeModel::applySuggestions(int only)
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (only >= 0 && row != only)
            continue;
        QStringList dims = m_rows.at(row).dims.split(QLatin1Char(','));
        bool changed = false;
        for (const DimSuggestion& s : m_suggestions) {
            if (s.input == m_rows.at(row).tensor.name && s.dim < dims.size()) {
                dims[s.dim] = QString::number(s.value);
                changed = true;
            }
        }
        if (changed)
            setStaticShape(row, dims.join(QLatin1Char(',')));
    }
}

void InputShapeModel::validate(Row& row) const
{
    row.error.clear();
    row.missing.clear();
    const QStringList parts = row.dims.split(QLatin1Char(','));
    QStringList names;
    for (int i = 0; i < parts.size(); ++i) {
        if (parts.at(i).trimmed() != QLatin1String("?"))
            continue;
        row.missing.append(i);
        const QString dim = row.tensor.shape && i < row.tensor.shape->size() ? row.tensor.shape->at(i).toString()
                                                                             : QStringLiteral("?");
        names.append(tr("%1 (dim %2)").arg(dim).arg(i));
    }
    if (!row.missing.isEmpty()) {
        row.error = tr("Give %1 a size: only the batch is proposed, every other dimension needs the value you deploy "
                       "with.")
                        .arg(names.join(QStringLiteral(", ")));
        return;
    }
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
        row.error = tr("%1 has %2 dimensions; %3 given.")
                        .arg(row.tensor.name)
                        .arg(row.tensor.shape->size())
                        .arg(spec.dims.size());
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
    updateSuggestions();
    emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1)); // suggestions of other rows may follow
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
            return Error { QStringLiteral("bad_shape_spec"), tr("Input '%1': %2").arg(r.tensor.name, r.error), {} };
        result.append(parseInputShapeSpec(r.tensor.name + QLatin1Char(':') + r.dims).value().first());
    }
    return result;
}

QList<InputShapeSpec> InputShapeModel::completeSpecs() const
{
    QList<InputShapeSpec> result;
    for (const Row& r : m_rows) {
        if (r.error.isEmpty())
            result.append(parseInputShapeSpec(r.tensor.name + QLatin1Char(':') + r.dims).value().first());
    }
    return result;
}

QStringList InputShapeModel::missingDims() const
{
    QStringList out;
    for (const Row& r : m_rows) {
        if (r.missing.isEmpty())
            continue;
        QStringList names;
        for (const int i : r.missing)
            names.append(tr("%1 (dim %2)")
                             .arg(r.tensor.shape && i < r.tensor.shape->size() ? r.tensor.shape->at(i).toString()
                                                                               : QStringLiteral("?"))
                             .arg(i));
        out.append(tr("Input '%1' needs a size for %2.").arg(r.tensor.name, names.join(QStringLiteral(", "))));
    }
    return out;
}

QString InputShapeModel::specText() const
{
    return formatInputShapeSpec(completeSpecs());
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
            const QString suggestion = suggestionText(index.row());
            if (!r.error.isEmpty())
                return suggestion.isEmpty()
                    ? r.error
                    : r.error + QLatin1Char('\n') + tr("The model suggests %1.").arg(suggestion);
            const QString base = r.prefilled ? tr("Proposed: the batch set to 1. Edit to the size you deploy with.")
                                             : tr("Comma-separated sizes, e.g. 1,3,224,224.");
            return suggestion.isEmpty() ? base
                                        : base + QLatin1Char('\n') + tr("The model suggests %1.").arg(suggestion);
        }
        if (index.column() == ModelShapeColumn && r.tensor.shape)
            return r.tensor.shapeText(); // the full symbolic names, which the column may elide
        break;
    case ErrorRole:
        return r.error;
    case PrefilledRole:
        return r.prefilled;
    case MissingDimsRole: {
        QVariantList dims;
        for (const int i : r.missing)
            dims.append(i);
        return dims;
    }
    case SuggestionRole:
        return suggestionText(index.row());
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
