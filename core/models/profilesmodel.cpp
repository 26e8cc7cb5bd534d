#include "profilesmodel.h"

#include "atc/atcsyntax.h"

#include <algorithm>
#include <optional>

namespace wb {

namespace {

constexpr int kFreshRows = 2;

std::optional<qint64> positive(const QString& text)
{
    const QString t = text.trimmed();
    if (t.isEmpty() || t.size() > 18)
        return std::nullopt;
    for (const QChar c : t) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return std::nullopt;
    }
    const qint64 v = t.toLongLong();
    return v > 0 ? std::optional<qint64>(v) : std::nullopt;
}

// "1" or "1, 2, 3": 1-based row numbers for the problems.
QString rowList(const QList<int>& rows)
{
    QStringList parts;
    for (const int r : rows)
        parts.append(QString::number(r + 1));
    return parts.join(QStringLiteral(", "));
}

} // namespace

ProfilesModel::ProfilesModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

bool ProfilesModel::isPositive(const QString& text)
{
    return positive(text).has_value();
}

QString ProfilesModel::flagName(Kind kind)
{
    switch (kind) {
    case Batch:
        return QStringLiteral("dynamic_batch_size");
    case ImageSize:
        return QStringLiteral("dynamic_image_size");
    case Dims:
        return QStringLiteral("dynamic_dims");
    case None:
        break;
    }
    return {};
}

void ProfilesModel::setKind(Kind kind)
{
    if (kind == m_kind)
        return;
    m_kind = kind;
    if (kind != None && kind != m_tableKind) {
        stashTable();
        // A value kept for another flag means nothing to this one (it waits in the stash for the way back);
        // switching to None keeps everything as it is.
        if (m_hasRaw && kind != m_rawKind)
            m_hasRaw = false;
        if (!restoreTable(kind))
            convertTable(kind);
        emitHeaders();
    }
    emit stateChanged();
    emit changed();
}

QString ProfilesModel::text() const
{
    if (m_kind == None)
        return {};
    if (rawShown())
        return m_raw;
    const QList<QList<qint64>> rows = completeRows();
    if (rows.isEmpty())
        return {};
    switch (m_kind) {
    case Batch: {
        QList<qint64> sizes;
        for (const QList<qint64>& r : rows)
            sizes.append(r.first());
        return formatDynamicBatchSize(sizes);
    }
    case ImageSize: {
        QList<wb::ImageSize> sizes;
        for (const QList<qint64>& r : rows)
            sizes.append({ r.at(0), r.at(1) });
        return formatDynamicImageSize(sizes);
    }
    case Dims:
        return formatDynamicDims(rows);
    case None:
        break;
    }
    return {};
}

void ProfilesModel::setValue(Kind kind, const QString& text)
{
    m_hasRaw = false;
    m_raw.clear();
    m_stash.clear(); // a value from outside (a recipe) replaces what the user tried before
    m_kind = kind;
    if (kind == None) {
        m_tableKind = None;
        setTable({}, 0);
    } else if (text.trimmed().isEmpty()) {
        startOver(kind, false);
    } else {
        loadValue(kind, text);
    }
    emitHeaders();
    emit stateChanged();
    emit changed();
}

void ProfilesModel::setDimLabels(const QStringList& labels)
{
    if (labels == m_dimLabels)
        return;
    const QString before = text();
    m_dimLabels = labels;
    // The columns follow the input shape, but never drop a value the user typed.
    if (m_tableKind == Dims && !labels.isEmpty())
        resizeColumns(std::max<int>(int(labels.size()), usedWidth()));
    emitHeaders();
    emit stateChanged();
    if (text() != before) // a new column leaves the rows incomplete
        emit changed();
}

int ProfilesModel::profileCount() const
{
    return m_kind == None ? 0 : int(completeRows().size());
}

QList<QList<qint64>> ProfilesModel::completeRows() const
{
    QList<QList<qint64>> rows;
    for (int r = 0; r < m_rows.size(); ++r) {
        QList<qint64> values;
        for (int c = 0; c < m_columns; ++c) {
            const auto v = positive(cell(r, c));
            if (!v)
                break;
            values.append(*v);
        }
        if (!values.isEmpty() && values.size() == m_columns)
            rows.append(values);
    }
    return rows;
}

QString ProfilesModel::problems() const
{
    QList<int> empty;
    QList<int> incomplete;
    QStringList lines;
    for (int r = 0; r < m_rows.size(); ++r) {
        int filled = 0;
        QString bad;
        for (int c = 0; c < m_columns; ++c) {
            const QString t = cell(r, c);
            if (t.isEmpty())
                continue;
            ++filled;
            if (bad.isEmpty() && !positive(t))
                bad = t;
        }
        if (!bad.isEmpty())
            lines.append(tr("Row %1: '%2' is not a positive whole number: the row is left out.").arg(r + 1).arg(bad));
        else if (filled == 0)
            empty.append(r);
        else if (filled < m_columns)
            incomplete.append(r);
    }
    if (incomplete.size() == 1)
        lines.append(tr("Row %1 is incomplete: it is left out.").arg(rowList(incomplete)));
    else if (!incomplete.isEmpty())
        lines.append(tr("Rows %1 are incomplete: they are left out.").arg(rowList(incomplete)));
    if (rawShown())
        empty.clear(); // the raw value is what counts; the starter rows are just a place to begin
    if (empty.size() == 1)
        lines.append(tr("Row %1 is empty: it is left out.").arg(rowList(empty)));
    else if (!empty.isEmpty())
        lines.append(tr("Rows %1 are empty: they are left out.").arg(rowList(empty)));
    if (m_tableKind == Dims && !m_dimLabels.isEmpty() && m_columns != m_dimLabels.size())
        lines.append(
            tr("Dynamic dims in the input shape: %1; values per profile: %2.").arg(m_dimLabels.size()).arg(m_columns));
    return lines.join(QLatin1Char('\n'));
}

void ProfilesModel::editRaw(const QString& text)
{
    m_raw = text;
    emit stateChanged();
    emit changed();
}

void ProfilesModel::readRaw()
{
    if (!m_hasRaw)
        return;
    const QString raw = m_raw; // setValue() clears m_raw
    setValue(m_rawKind, raw);
}

void ProfilesModel::addRow()
{
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
    m_rows.append(QStringList(m_columns));
    endInsertRows();
    userEdited();
}

void ProfilesModel::editInOneStep(const std::function<void()>& edits)
{
    if (m_steps++ == 0)
        m_editedInStep = false;
    edits();
    if (--m_steps == 0 && m_editedInStep)
        userEdited();
}

void ProfilesModel::setDimColumns(int count)
{
    count = std::clamp(count, 1, kMaxDims);
    if (count == m_columns)
        return;
    resizeColumns(count);
    emitHeaders();
    userEdited();
}

int ProfilesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProfilesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_columns;
}

QVariant ProfilesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || (role != Qt::DisplayRole && role != Qt::EditRole))
        return {};
    const QString& text = m_rows.at(index.row()).at(index.column());
    return text.isEmpty() ? QVariant() : QVariant(text);
}

bool ProfilesModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || (role != Qt::EditRole && role != Qt::DisplayRole))
        return false;
    m_rows[index.row()][index.column()] = value.toString();
    emit dataChanged(index, index, { Qt::DisplayRole, Qt::EditRole });
    userEdited();
    return true;
}

Qt::ItemFlags ProfilesModel::flags(const QModelIndex& index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable;
}

QVariant ProfilesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    if (section < 0 || section >= m_columns)
        return {};
    if (m_tableKind == Batch)
        return tr("Batch");
    if (m_tableKind == ImageSize)
        return section == 0 ? tr("Height") : tr("Width");
    if (section < m_dimLabels.size())
        return m_dimLabels.at(section);
    if (m_dimLabels.isEmpty())
        return tr("dim %1").arg(section + 1);
    return tr("dim %1 (extra)").arg(section + 1);
}

bool ProfilesModel::removeRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_rows.size())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_rows.remove(row, count);
    endRemoveRows();
    userEdited();
    return true;
}

QString ProfilesModel::cell(int row, int column) const
{
    return m_rows.at(row).at(column).trimmed();
}

void ProfilesModel::setTable(const QList<QStringList>& rows, int columns)
{
    beginResetModel();
    m_columns = columns;
    m_rows.clear();
    for (QStringList row : rows) {
        row.resize(columns);
        m_rows.append(row);
    }
    endResetModel();
}

void ProfilesModel::resizeColumns(int count)
{
    count = std::max(count, 1);
    if (count > m_columns) {
        beginInsertColumns({}, m_columns, count - 1);
        for (QStringList& row : m_rows)
            row.resize(count);
        m_columns = count;
        endInsertColumns();
    } else if (count < m_columns) {
        beginRemoveColumns({}, count, m_columns - 1);
        for (QStringList& row : m_rows)
            row.resize(count);
        m_columns = count;
        endRemoveColumns();
    }
}

void ProfilesModel::stashTable()
{
    if (m_tableKind == None)
        return;
    Stash stash;
    stash.columns = m_columns;
    for (int r = 0; r < m_rows.size(); ++r) {
        QStringList row;
        for (int c = 0; c < m_columns; ++c)
            row.append(cell(r, c));
        stash.rows.append(row);
    }
    stash.hasRaw = m_hasRaw && m_rawKind == m_tableKind;
    stash.raw = stash.hasRaw ? m_raw : QString();
    stash.rawReason = stash.hasRaw ? m_rawReason : QString();
    m_stash.insert(m_tableKind, stash);
}

bool ProfilesModel::restoreTable(Kind kind)
{
    const auto it = m_stash.find(kind);
    if (it == m_stash.end())
        return false;
    const Stash stash = std::move(it.value());
    m_stash.erase(it);
    m_tableKind = kind;
    setTable(stash.rows, kind == Dims ? std::max(stash.columns, columnsFor(kind)) : stash.columns);
    if (stash.hasRaw) {
        m_hasRaw = true;
        m_rawKind = kind;
        m_raw = stash.raw;
        m_rawReason = stash.rawReason;
    }
    return true;
}

void ProfilesModel::convertTable(Kind to)
{
    const int width = usedWidth();
    bool fits = false;
    int columns = columnsFor(to);
    switch (to) {
    case Batch:
        fits = width == 1;
        break;
    case ImageSize:
        fits = width == 2;
        break;
    case Dims:
        fits = width > 0 && (m_dimLabels.isEmpty() || width <= m_dimLabels.size());
        columns = std::max(columns, width);
        break;
    case None:
        return;
    }
    m_tableKind = to;
    if (!fits) {
        startOver(to, to == Batch);
        return;
    }
    resizeColumns(columns);
}

void ProfilesModel::startOver(Kind kind, bool prefill)
{
    m_tableKind = kind;
    QList<QStringList> rows;
    if (!prefill) {
        rows.resize(kFreshRows);
    } else {
        // The most common batch profiles; the user trims or extends them.
        for (const int batch : { 1, 2, 4, 8 })
            rows.append({ QString::number(batch) });
    }
    setTable(rows, columnsFor(kind));
}

void ProfilesModel::loadValue(Kind kind, const QString& text)
{
    QList<QStringList> rows;
    QString error;
    switch (kind) {
    case Batch:
        if (const auto r = parseDynamicBatchSize(text); r.ok()) {
            for (const qint64 v : r.value())
                rows.append({ QString::number(v) });
        } else {
            error = r.error().message;
        }
        break;
    case ImageSize:
        if (const auto r = parseDynamicImageSize(text); r.ok()) {
            for (const wb::ImageSize& s : r.value())
                rows.append({ QString::number(s.height), QString::number(s.width) });
        } else {
            error = r.error().message;
        }
        break;
    case Dims:
        if (const auto r = parseDynamicDims(text); r.ok()) {
            for (const QList<qint64>& profile : r.value()) {
                QStringList row;
                for (const qint64 v : profile)
                    row.append(QString::number(v));
                rows.append(row);
            }
        } else {
            error = r.error().message;
        }
        break;
    case None:
        return;
    }
    if (!error.isEmpty()) {
        startOver(kind, false);
        keepRaw(kind, text,
            tr("Could not read this value: %1 It is kept exactly as written until you edit the table.").arg(error));
        return;
    }
    int columns = columnsFor(kind);
    if (kind == Dims) {
        for (const QStringList& row : rows)
            columns = std::max(columns, int(row.size()));
    }
    m_tableKind = kind;
    setTable(rows, columns);
    // Parsed, but the table would drop some of it (a 0, or fewer values than the input shape has dynamic dims):
    // keep the text so nothing saved changes behind the user's back.
    if (completeRows().size() != rows.size())
        keepRaw(kind, text,
            tr("Not every profile fits the table (see below). The value is kept exactly as written until you edit "
               "the table."));
}

void ProfilesModel::keepRaw(Kind kind, const QString& text, const QString& reason)
{
    m_hasRaw = true;
    m_rawKind = kind;
    m_raw = text;
    m_rawReason = reason;
}

int ProfilesModel::columnsFor(Kind kind) const
{
    switch (kind) {
    case Batch:
        return 1;
    case ImageSize:
        return 2;
    case Dims:
        return m_dimLabels.isEmpty() ? 1 : int(m_dimLabels.size());
    case None:
        break;
    }
    return 0;
}

int ProfilesModel::usedWidth() const
{
    int width = 0;
    for (int r = 0; r < m_rows.size(); ++r) {
        for (int c = m_columns - 1; c >= width; --c) {
            if (!cell(r, c).isEmpty()) {
                width = c + 1;
                break;
            }
        }
    }
    return width;
}

void ProfilesModel::userEdited()
{
    if (m_steps > 0) {
        m_editedInStep = true;
        return;
    }
    m_hasRaw = false; // the table is the value from now on
    emit stateChanged();
    emit changed();
}

void ProfilesModel::emitHeaders()
{
    if (m_columns > 0)
        emit headerDataChanged(Qt::Horizontal, 0, m_columns - 1);
}

} // namespace wb
