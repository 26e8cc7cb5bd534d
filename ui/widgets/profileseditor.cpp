#include "profileseditor.h"

#include "selectedrows.h"

#include "theme.h"

#include "atc/atcsyntax.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>
#include <optional>

namespace wb {

namespace {

constexpr int kFreshRows = 2;
constexpr int kMaxDims = 64;

// A cell's value: a positive whole number, or nothing (empty, or text the model got around the editor).
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

QString cellText(const QAbstractItemModel* model, int row, int column)
{
    return model->index(row, column).data(Qt::EditRole).toString().trimmed();
}

// "1" or "1, 2, 3": 1-based row numbers for the hint.
QString rowList(const QList<int>& rows)
{
    QStringList parts;
    for (const int r : rows)
        parts.append(QString::number(r + 1));
    return parts.join(QStringLiteral(", "));
}

// Editor: digits only, no leading zero, so a cell can hold nothing but a positive number or be empty ("not filled
// in yet"). Painting tints what the hint under the table talks about.
class PositiveIntDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem&, const QModelIndex&) const override
    {
        auto* edit = new QLineEdit(parent);
        static const QRegularExpression number(QStringLiteral("[1-9][0-9]{0,9}"));
        edit->setValidator(new QRegularExpressionValidator(number, edit));
        return edit;
    }

    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override
    {
        const QString text = qobject_cast<QLineEdit*>(editor)->text().trimmed();
        model->setData(index, text.isEmpty() ? QVariant() : QVariant(text));
    }

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const QString text = index.data(Qt::EditRole).toString().trimmed();
        if (!text.isEmpty() && !positive(text)) {
            option->backgroundBrush = theme::cellBackground(theme::Tone::Error);
            option->palette.setColor(QPalette::Text, theme::cellText(theme::Tone::Error));
            return;
        }
        if (!text.isEmpty())
            return;
        const QAbstractItemModel* model = index.model();
        for (int c = 0; c < model->columnCount(); ++c) {
            if (!cellText(model, index.row(), c).isEmpty()) {
                option->backgroundBrush = theme::cellBackground(theme::Tone::Warning); // the gap in an incomplete row
                return;
            }
        }
    }
};

} // namespace

ProfilesEditor::ProfilesEditor(QWidget* parent)
    : QWidget(parent)
    , m_kind(new QComboBox(this))
    , m_body(new QWidget(this))
    , m_model(new QStandardItemModel(this))
    , m_view(new QTableView(m_body))
    , m_add(new QPushButton(tr("Add profile"), m_body))
    , m_remove(new QPushButton(tr("Remove selected"), m_body))
    , m_dimsBox(new QWidget(m_body))
    , m_dimSpin(new QSpinBox(m_dimsBox))
    , m_rawBox(new QWidget(m_body))
    , m_rawMessage(new QLabel(m_rawBox))
    , m_rawEdit(new QLineEdit(m_rawBox))
    , m_hint(new QLabel(m_body))
    , m_preview(new QLineEdit(m_body))
{
    setObjectName(QStringLiteral("profilesEditor"));
    m_kind->setObjectName(QStringLiteral("profileKind"));
    m_kind->addItem(tr("None (static shapes)"), None);
    m_kind->addItem(tr("Dynamic batch"), Batch);
    m_kind->addItem(tr("Dynamic image size"), ImageSize);
    m_kind->addItem(tr("Dynamic dims"), Dims);
    setFinding({});

    m_view->setObjectName(QStringLiteral("profilesTable"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new PositiveIntDelegate(m_view));
    m_view->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->verticalHeader()->setToolTip(tr("Profile number"));
    m_view->setMinimumHeight(110);
    m_add->setObjectName(QStringLiteral("addProfile"));
    m_remove->setObjectName(QStringLiteral("removeProfile"));
    m_remove->setEnabled(false);

    m_dimSpin->setObjectName(QStringLiteral("dimsPerProfile"));
    m_dimSpin->setRange(1, kMaxDims);
    m_dimSpin->setToolTip(tr("Values per profile: one per -1 in --input_shape, in order."));
    auto* dimsLayout = new QHBoxLayout(m_dimsBox);
    dimsLayout->setContentsMargins(0, 0, 0, 0);
    dimsLayout->addWidget(new QLabel(tr("Values:"), m_dimsBox));
    dimsLayout->addWidget(m_dimSpin);

    m_rawMessage->setObjectName(QStringLiteral("profilesRawMessage"));
    m_rawMessage->setWordWrap(true);
    m_rawMessage->setStyleSheet(QStringLiteral("color:%1;").arg(theme::text(theme::Tone::Error).name()));
    m_rawEdit->setObjectName(QStringLiteral("profilesRaw"));
    m_rawEdit->setToolTip(tr("The value as it was saved. Fix it here (Enter reads it into the table) or edit the "
                             "table to replace it."));
    auto* rawLayout = new QVBoxLayout(m_rawBox);
    rawLayout->setContentsMargins(0, 0, 0, 0);
    rawLayout->addWidget(m_rawMessage);
    auto* rawRow = new QHBoxLayout;
    rawRow->addWidget(new QLabel(tr("Raw value:"), m_rawBox));
    rawRow->addWidget(m_rawEdit, 1);
    rawLayout->addLayout(rawRow);
    m_rawBox->hide();

    m_hint->setObjectName(QStringLiteral("profilesHint"));
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(QStringLiteral("color:%1;").arg(theme::text(theme::Tone::Warning).name()));
    m_preview->setObjectName(QStringLiteral("profilesPreview"));
    m_preview->setReadOnly(true);
    m_preview->setFont(QFont(QStringLiteral("monospace")));
    m_preview->setToolTip(tr("The flag as the command line gets it."));

    auto* buttons = new QVBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_dimsBox);
    buttons->addStretch();
    auto* tableRow = new QHBoxLayout;
    tableRow->addWidget(m_view, 1);
    tableRow->addLayout(buttons);
    auto* bodyLayout = new QVBoxLayout(m_body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addLayout(tableRow);
    bodyLayout->addWidget(m_rawBox);
    bodyLayout->addWidget(m_hint);
    bodyLayout->addWidget(m_preview);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* kindRow = new QHBoxLayout;
    kindRow->addWidget(m_kind);
    kindRow->addStretch();
    layout->addLayout(kindRow);
    layout->addWidget(m_body, 1);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &ProfilesEditor::onKindChanged);
    connect(m_add, &QPushButton::clicked, this, &ProfilesEditor::addRow);
    connect(m_remove, &QPushButton::clicked, this, &ProfilesEditor::removeSelected);
    connect(m_dimSpin, &QSpinBox::valueChanged, this, [this](int count) {
        if (m_updating > 0 || count == m_model->columnCount())
            return;
        setDimColumns(count);
        userEdited();
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        if (m_updating == 0)
            userEdited();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        [this] { m_remove->setEnabled(m_view->selectionModel()->hasSelection()); });
    connect(m_rawEdit, &QLineEdit::textEdited, this, [this](const QString& text) {
        m_raw = text;
        refresh();
        emit changed();
    });
    // Enter (or leaving the field) reads a repaired value into the table; an unchanged one is left alone.
    connect(m_rawEdit, &QLineEdit::editingFinished, this, [this] {
        if (!m_hasRaw || !m_rawEdit->isModified())
            return;
        m_rawEdit->setModified(false);
        setValue(m_rawKind, m_raw);
    });
    refresh();
}

ProfilesEditor::Kind ProfilesEditor::kind() const
{
    return static_cast<Kind>(m_kind->currentData().toInt());
}

void ProfilesEditor::setKind(Kind kind)
{
    m_kind->setCurrentIndex(m_kind->findData(kind));
}

QString ProfilesEditor::flagName(Kind kind)
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

QString ProfilesEditor::text() const
{
    const Kind k = kind();
    if (k == None)
        return {};
    if (rawShown())
        return m_raw;
    const QList<QList<qint64>> rows = completeRows();
    if (rows.isEmpty())
        return {};
    switch (k) {
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

void ProfilesEditor::setValue(Kind kind, const QString& value)
{
    const QString text = value; // value may be m_raw itself (the raw field re-reads it), cleared below
    ++m_updating;
    m_hasRaw = false;
    m_raw.clear();
    m_stash.clear(); // a value from outside (a recipe) replaces what the user tried before
    {
        const QSignalBlocker block(m_kind);
        m_kind->setCurrentIndex(m_kind->findData(kind));
    }
    if (kind == None) {
        m_model->setRowCount(0);
        m_model->setColumnCount(0);
        m_tableKind = None;
    } else if (text.trimmed().isEmpty()) {
        startOver(kind, false);
    } else {
        loadValue(kind, text);
    }
    --m_updating;
    refresh();
    emit changed();
}

void ProfilesEditor::setDimLabels(const QStringList& labels)
{
    if (labels == m_dimLabels)
        return;
    const QString before = text();
    m_dimLabels = labels;
    // The columns follow the input shape, but never drop a value the user typed.
    if (m_tableKind == Dims && !labels.isEmpty()) {
        ++m_updating;
        setDimColumns(std::max<int>(int(labels.size()), usedWidth()));
        --m_updating;
    }
    refresh();
    if (text() != before) // a new column leaves the rows incomplete
        emit changed();
}

int ProfilesEditor::profileCount() const
{
    return kind() == None ? 0 : int(completeRows().size());
}

void ProfilesEditor::setKindAvailable(Kind kind, bool available, const QString& why)
{
    auto* kinds = qobject_cast<QStandardItemModel*>(m_kind->model());
    QStandardItem* item = kinds ? kinds->item(m_kind->findData(kind)) : nullptr;
    if (!item)
        return;
    item->setEnabled(available || this->kind() == kind);
    item->setToolTip(available ? QString() : why);
}

bool ProfilesEditor::isKindAvailable(Kind kind) const
{
    const auto* kinds = qobject_cast<const QStandardItemModel*>(m_kind->model());
    const QStandardItem* item = kinds ? kinds->item(m_kind->findData(kind)) : nullptr;
    return item && item->isEnabled();
}

void ProfilesEditor::setFinding(const QString& text, const QColor& color)
{
    m_finding = text;
    m_kind->setStyleSheet(text.isEmpty() || !color.isValid()
            ? QString()
            : QStringLiteral("QComboBox { border: 2px solid %1; }").arg(color.name()));
    m_kind->setToolTip(text.isEmpty() ? tr("Profiles (gears): the sizes the OM accepts at run time. ATC takes one of "
                                           "--dynamic_batch_size, --dynamic_image_size or --dynamic_dims, with 2 to "
                                           "100 profiles.")
                                      : text);
}

void ProfilesEditor::onKindChanged()
{
    const Kind k = kind();
    if (k != None && k != m_tableKind) {
        ++m_updating;
        stashTable();
        // A value kept for another flag means nothing to this one (it waits in the stash for the way back);
        // switching to None keeps everything as it is.
        if (m_hasRaw && k != m_rawKind)
            m_hasRaw = false;
        if (!restoreTable(k))
            convertTable(k);
        --m_updating;
    }
    refresh();
    emit changed();
}

void ProfilesEditor::stashTable()
{
    if (m_tableKind == None)
        return;
    Stash stash;
    stash.columns = m_model->columnCount();
    for (int r = 0; r < m_model->rowCount(); ++r) {
        QStringList row;
        for (int c = 0; c < m_model->columnCount(); ++c)
            row.append(cellText(m_model, r, c));
        stash.rows.append(row);
    }
    stash.hasRaw = m_hasRaw && m_rawKind == m_tableKind;
    stash.raw = stash.hasRaw ? m_raw : QString();
    m_stash.insert(m_tableKind, stash);
}

bool ProfilesEditor::restoreTable(Kind kind)
{
    const auto it = m_stash.constFind(kind);
    if (it == m_stash.constEnd())
        return false;
    const Stash stash = *it;
    m_stash.erase(it);
    m_tableKind = kind;
    m_model->setRowCount(0);
    m_model->setColumnCount(kind == Dims ? std::max(stash.columns, columnsFor(kind)) : stash.columns);
    for (const QStringList& row : stash.rows) {
        QList<QStandardItem*> items;
        for (const QString& cell : row)
            items.append(new QStandardItem(cell));
        m_model->appendRow(items);
    }
    if (stash.hasRaw) {
        m_hasRaw = true;
        m_rawKind = kind;
        m_raw = stash.raw;
    }
    return true;
}

void ProfilesEditor::convertTable(Kind to)
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
    m_model->setColumnCount(columns);
}

void ProfilesEditor::startOver(Kind kind, bool prefill)
{
    m_tableKind = kind;
    m_model->setRowCount(0);
    m_model->setColumnCount(columnsFor(kind));
    if (!prefill) {
        m_model->setRowCount(kFreshRows);
        return;
    }
    // The most common batch profiles; the user trims or extends them.
    for (const int batch : { 1, 2, 4, 8 })
        m_model->appendRow(new QStandardItem(QString::number(batch)));
}

void ProfilesEditor::loadValue(Kind kind, const QString& text)
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
        m_hasRaw = true;
        m_rawKind = kind;
        m_raw = text;
        m_rawMessage->setText(
            tr("Could not read this value: %1 It is kept exactly as written until you edit the table.").arg(error));
        return;
    }
    int columns = columnsFor(kind);
    if (kind == Dims) {
        for (const QStringList& row : rows)
            columns = std::max(columns, int(row.size()));
    }
    m_tableKind = kind;
    m_model->setRowCount(0);
    m_model->setColumnCount(columns);
    m_model->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        for (int c = 0; c < rows.at(r).size(); ++c)
            m_model->setItem(r, c, new QStandardItem(rows.at(r).at(c)));
    }
    // Parsed, but the table would drop some of it (a 0, or fewer values than the input shape has dynamic dims):
    // keep the text so nothing saved changes behind the user's back.
    if (completeRows().size() != rows.size()) {
        m_hasRaw = true;
        m_rawKind = kind;
        m_raw = text;
        m_rawMessage->setText(tr("Not every profile fits the table (see below). The value is kept exactly as written "
                                 "until you edit the table."));
    }
}

int ProfilesEditor::columnsFor(Kind kind) const
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

int ProfilesEditor::usedWidth() const
{
    int width = 0;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        for (int c = m_model->columnCount() - 1; c >= width; --c) {
            if (!cellText(m_model, r, c).isEmpty()) {
                width = c + 1;
                break;
            }
        }
    }
    return width;
}

QList<QList<qint64>> ProfilesEditor::completeRows() const
{
    QList<QList<qint64>> rows;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        QList<qint64> values;
        for (int c = 0; c < m_model->columnCount(); ++c) {
            const auto v = positive(cellText(m_model, r, c));
            if (!v)
                break;
            values.append(*v);
        }
        if (!values.isEmpty() && values.size() == m_model->columnCount())
            rows.append(values);
    }
    return rows;
}

QString ProfilesEditor::rowProblems() const
{
    QList<int> empty;
    QList<int> incomplete;
    QStringList lines;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        int filled = 0;
        QString bad;
        for (int c = 0; c < m_model->columnCount(); ++c) {
            const QString t = cellText(m_model, r, c);
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
        else if (filled < m_model->columnCount())
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
    if (m_tableKind == Dims && !m_dimLabels.isEmpty() && m_model->columnCount() != m_dimLabels.size())
        lines.append(tr("Dynamic dims in the input shape: %1; values per profile: %2.")
                         .arg(m_dimLabels.size())
                         .arg(m_model->columnCount()));
    return lines.join(QLatin1Char('\n'));
}

void ProfilesEditor::addRow()
{
    ++m_updating;
    m_model->insertRow(m_model->rowCount());
    --m_updating;
    userEdited();
    const QModelIndex first = m_model->index(m_model->rowCount() - 1, 0);
    m_view->setCurrentIndex(first);
    if (m_view->isVisible())
        m_view->edit(first);
}

void ProfilesEditor::removeSelected()
{
    ++m_updating;
    const int removed = removeSelectedRows(m_view);
    --m_updating;
    if (removed > 0)
        userEdited();
}

void ProfilesEditor::setDimColumns(int count)
{
    m_model->setColumnCount(std::max(count, 1));
}

void ProfilesEditor::userEdited()
{
    m_hasRaw = false; // the table is the value from now on
    refresh();
    emit changed();
}

void ProfilesEditor::refresh()
{
    const Kind k = kind();
    m_body->setVisible(k != None);
    m_dimsBox->setVisible(k == Dims);

    QStringList headers;
    for (int c = 0; c < m_model->columnCount(); ++c) {
        if (m_tableKind == Batch)
            headers.append(tr("Batch"));
        else if (m_tableKind == ImageSize)
            headers.append(c == 0 ? tr("Height") : tr("Width"));
        else if (c < m_dimLabels.size())
            headers.append(m_dimLabels.at(c));
        else if (m_dimLabels.isEmpty())
            headers.append(tr("dim %1").arg(c + 1));
        else
            headers.append(tr("dim %1 (extra)").arg(c + 1));
    }
    ++m_updating;
    m_model->setHorizontalHeaderLabels(headers);
    {
        const QSignalBlocker block(m_dimSpin);
        m_dimSpin->setValue(std::max(m_model->columnCount(), 1));
    }
    --m_updating;

    m_rawBox->setVisible(rawShown());
    if (rawShown() && m_rawEdit->text() != m_raw)
        m_rawEdit->setText(m_raw);
    const QString problems = rowProblems();
    m_hint->setText(problems);
    m_hint->setVisible(!problems.isEmpty());
    const QString value = text();
    m_preview->setText(value.isEmpty() ? QString() : QStringLiteral("--%1=\"%2\"").arg(flag(), value));
    m_preview->setPlaceholderText(k == None ? QString() : tr("(no complete profile yet: the flag is left out)"));
    m_remove->setEnabled(m_view->selectionModel()->hasSelection());
}

} // namespace wb
