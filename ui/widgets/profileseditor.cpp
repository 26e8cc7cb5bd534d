#include "profileseditor.h"

#include "selectedrows.h"

#include "theme.h"

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

namespace wb {

namespace {

QString cellText(const QAbstractItemModel* model, int row, int column)
{
    return model->index(row, column).data(Qt::EditRole).toString().trimmed();
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
        if (!text.isEmpty() && !ProfilesModel::isPositive(text)) {
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
    , m_model(new ProfilesModel(this))
    , m_kind(new QComboBox(this))
    , m_body(new QWidget(this))
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
    m_dimSpin->setRange(1, ProfilesModel::kMaxDims);
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

    connect(m_kind, &QComboBox::currentIndexChanged, this,
        [this] { m_model->setKind(static_cast<Kind>(m_kind->currentData().toInt())); });
    connect(m_add, &QPushButton::clicked, this, [this] {
        m_model->addRow();
        const QModelIndex first = m_model->index(m_model->rowCount() - 1, 0);
        m_view->setCurrentIndex(first);
        if (m_view->isVisible())
            m_view->edit(first);
    });
    connect(m_remove, &QPushButton::clicked, this, &ProfilesEditor::removeSelected);
    connect(m_dimSpin, &QSpinBox::valueChanged, this, [this](int count) {
        if (count != m_model->columnCount())
            m_model->setDimColumns(count);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        [this] { m_remove->setEnabled(m_view->selectionModel()->hasSelection()); });
    connect(m_rawEdit, &QLineEdit::textEdited, m_model, &ProfilesModel::editRaw);
    // Enter (or leaving the field) reads a repaired value into the table; an unchanged one is left alone.
    connect(m_rawEdit, &QLineEdit::editingFinished, this, [this] {
        if (!m_model->rawShown() || !m_rawEdit->isModified())
            return;
        m_rawEdit->setModified(false);
        m_model->readRaw();
    });
    connect(m_model, &ProfilesModel::stateChanged, this, &ProfilesEditor::refresh);
    connect(m_model, &ProfilesModel::changed, this, &ProfilesEditor::changed);
    refresh();
}

void ProfilesEditor::setKind(Kind kind)
{
    m_kind->setCurrentIndex(m_kind->findData(kind));
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

void ProfilesEditor::removeSelected()
{
    m_model->editInOneStep([this] { removeSelectedRows(m_view); });
}

void ProfilesEditor::refresh()
{
    const Kind k = kind();
    if (m_kind->currentData().toInt() != k) {
        const QSignalBlocker block(m_kind);
        m_kind->setCurrentIndex(m_kind->findData(k));
    }
    m_body->setVisible(k != None);
    m_dimsBox->setVisible(k == Dims);
    {
        const QSignalBlocker block(m_dimSpin);
        m_dimSpin->setValue(std::max(m_model->columnCount(), 1));
    }
    const bool raw = m_model->rawShown();
    m_rawBox->setVisible(raw);
    if (raw && m_rawEdit->text() != m_model->raw())
        m_rawEdit->setText(m_model->raw());
    m_rawMessage->setText(m_model->rawReason());
    const QString problems = m_model->problems();
    m_hint->setText(problems);
    m_hint->setVisible(!problems.isEmpty());
    const QString value = text();
    m_preview->setText(value.isEmpty() ? QString() : QStringLiteral("--%1=\"%2\"").arg(flag(), value));
    m_preview->setPlaceholderText(k == None ? QString() : tr("(no complete profile yet: the flag is left out)"));
    m_remove->setEnabled(m_view->selectionModel()->hasSelection());
}

} // namespace wb
