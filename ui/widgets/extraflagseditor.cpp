#include "extraflagseditor.h"

#include "selectedrows.h"

#include "theme.h"

#include <QComboBox>
#include <QCompleter>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QStandardItemModel>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

namespace wb {

namespace {

bool setByApp(const QString& name)
{
    return name == QLatin1String("mode") || name == QLatin1String("framework");
}

QString stripDashes(const QString& name)
{
    qsizetype i = 0;
    while (i < name.size() && name.at(i) == QLatin1Char('-'))
        ++i;
    return name.mid(i);
}

// The Flag cell's editor: an editable combo offering the probed flags, filtered by any part of the name
// ("fusion" finds enable_scope_fusion_passes). Whatever is typed is kept, listed or not.
class FlagNameDelegate : public QStyledItemDelegate {
public:
    FlagNameDelegate(std::function<QStringList()> offered, QObject* parent)
        : QStyledItemDelegate(parent)
        , m_offered(std::move(offered))
    {
    }

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem&, const QModelIndex&) const override
    {
        auto* box = new QComboBox(parent);
        box->setEditable(true);
        box->setInsertPolicy(QComboBox::NoInsert);
        const QStringList offered = m_offered();
        box->addItems(offered);
        auto* completer = new QCompleter(offered, box);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setFilterMode(Qt::MatchContains);
        completer->setCompletionMode(QCompleter::PopupCompletion);
        box->setCompleter(completer);
        return box;
    }

    void setEditorData(QWidget* editor, const QModelIndex& index) const override
    {
        qobject_cast<QComboBox*>(editor)->setEditText(index.data(Qt::EditRole).toString());
    }

    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override
    {
        model->setData(index, qobject_cast<QComboBox*>(editor)->currentText());
    }

private:
    std::function<QStringList()> m_offered;
};

} // namespace

ExtraFlagsEditor::ExtraFlagsEditor(QWidget* parent)
    : QWidget(parent)
    , m_model(new QStandardItemModel(0, 2, this))
    , m_view(new QTableView(this))
    , m_add(new QPushButton(tr("Add"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_hint(new QLabel(this))
{
    setObjectName(QStringLiteral("extraFlagsEditor"));
    m_model->setHorizontalHeaderLabels({ tr("Flag"), tr("Value") });
    m_view->setObjectName(QStringLiteral("extraFlagsTable"));
    m_view->setModel(m_model);
    m_view->setItemDelegateForColumn(FlagColumn, new FlagNameDelegate([this] { return m_offered; }, m_view));
    m_view->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(FlagColumn, 220);
    m_view->setMinimumHeight(90);
    m_add->setObjectName(QStringLiteral("addExtraFlag"));
    m_add->setToolTip(tr("Add any flag `atc --help` lists; the form's own fields are not offered."));
    m_remove->setObjectName(QStringLiteral("removeExtraFlag"));
    m_remove->setEnabled(false);
    m_hint->setObjectName(QStringLiteral("extraFlagsHint"));
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(QStringLiteral("color:%1;").arg(theme::text(theme::Tone::Warning).name()));
    m_hint->setText(tr("No ATC toolkit probed: type flag names as `atc --help` lists them"));

    auto* buttons = new QVBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    auto* row = new QHBoxLayout;
    row->addWidget(m_view, 1);
    row->addLayout(buttons);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_hint);

    connect(m_model, &QAbstractItemModel::dataChanged, this, &ExtraFlagsEditor::onDataChanged);
    connect(m_add, &QPushButton::clicked, this, &ExtraFlagsEditor::addRow);
    connect(m_remove, &QPushButton::clicked, this, &ExtraFlagsEditor::removeSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        [this] { m_remove->setEnabled(m_view->selectionModel()->hasSelection()); });
}

void ExtraFlagsEditor::setAvailableFlags(const QStringList& flags)
{
    m_available.clear();
    m_availableOrder.clear();
    for (const QString& f : flags) {
        const QString name = stripDashes(f.trimmed());
        if (name.isEmpty() || m_available.contains(name))
            continue;
        m_available.insert(name);
        m_availableOrder.append(name);
    }
    m_hint->setVisible(m_available.isEmpty());
    rebuildOffered();
    decorate();
}

void ExtraFlagsEditor::setFormFlags(const QStringList& flags)
{
    m_formFlags = QSet<QString>(flags.cbegin(), flags.cend());
    rebuildOffered();
    decorate();
}

bool ExtraFlagsEditor::hasField(const QString& name) const
{
    return m_formFlags ? m_formFlags->contains(name) : isTypedAtcFlag(name);
}

void ExtraFlagsEditor::rebuildOffered()
{
    m_offered.clear();
    for (const QString& name : std::as_const(m_availableOrder)) {
        // --help only prints the help; --mode and --framework are the app's to set.
        if (!hasField(name) && !setByApp(name) && name != QLatin1String("help") && name != QLatin1String("h"))
            m_offered.append(name);
    }
    m_offered.sort(Qt::CaseInsensitive);
}

QStringList ExtraFlagsEditor::offeredFlags() const
{
    return m_offered;
}

QList<AtcExtraFlag> ExtraFlagsEditor::flags() const
{
    QList<AtcExtraFlag> result;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const QString name = stripDashes(m_model->index(r, FlagColumn).data(Qt::EditRole).toString().trimmed());
        if (!name.isEmpty())
            result.append({ name, m_model->index(r, ValueColumn).data(Qt::EditRole).toString() });
    }
    return result;
}

void ExtraFlagsEditor::setFlags(const QList<AtcExtraFlag>& flags)
{
    ++m_updating;
    m_model->setRowCount(0);
    for (const AtcExtraFlag& f : flags)
        m_model->appendRow({ new QStandardItem(f.name), new QStandardItem(f.value) });
    for (int r = 0; r < m_model->rowCount(); ++r)
        normalizeRow(r);
    --m_updating;
    decorate();
    emit changed();
}

QAbstractItemView* ExtraFlagsEditor::table() const
{
    return m_view;
}

void ExtraFlagsEditor::onDataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight)
{
    if (m_updating > 0)
        return;
    ++m_updating;
    if (topLeft.column() <= FlagColumn) {
        for (int r = topLeft.row(); r <= bottomRight.row(); ++r)
            normalizeRow(r);
    }
    --m_updating;
    decorate();
    emit changed();
}

// "--x=y" typed as a name is the whole flag: the name loses its dashes and y goes to the Value cell.
void ExtraFlagsEditor::normalizeRow(int row)
{
    const QModelIndex nameIndex = m_model->index(row, FlagColumn);
    const QString typed = nameIndex.data(Qt::EditRole).toString();
    QString name = stripDashes(typed.trimmed());
    const qsizetype eq = name.indexOf(QLatin1Char('='));
    if (eq >= 0) {
        m_model->setData(m_model->index(row, ValueColumn), name.mid(eq + 1));
        name = name.left(eq).trimmed();
    }
    name.replace(QLatin1Char('-'), QLatin1Char('_')); // ATC reads --op-name-map as --op_name_map
    if (name != typed)
        m_model->setData(nameIndex, name);
}

void ExtraFlagsEditor::decorate()
{
    ++m_updating;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const QModelIndex index = m_model->index(r, FlagColumn);
        const QString name = stripDashes(index.data(Qt::EditRole).toString().trimmed());
        QIcon icon;
        QString tip;
        if (name.isEmpty()) {
            // nothing to say yet
        } else if (setByApp(name)) {
            icon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
            tip = tr("--%1 is set by this app (--framework=5, --mode per run): leave it out.").arg(name);
        } else if (hasField(name)) {
            icon = style()->standardIcon(QStyle::SP_MessageBoxInformation);
            tip = tr("--%1 has its own field in the form: set it there instead.").arg(name);
        } else if (!m_available.isEmpty() && !m_available.contains(name)) {
            icon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
            tip = tr("This ATC's --help does not list --%1").arg(name);
        }
        m_model->setData(index, icon, Qt::DecorationRole);
        m_model->setData(index, tip, Qt::ToolTipRole);
    }
    --m_updating;
}

void ExtraFlagsEditor::addRow()
{
    ++m_updating;
    m_model->appendRow({ new QStandardItem, new QStandardItem });
    --m_updating;
    const QModelIndex index = m_model->index(m_model->rowCount() - 1, FlagColumn);
    m_view->setCurrentIndex(index);
    if (m_view->isVisible())
        m_view->edit(index);
    emit changed();
}

void ExtraFlagsEditor::removeSelected()
{
    ++m_updating;
    const int removed = removeSelectedRows(m_view);
    --m_updating;
    if (removed > 0)
        emit changed();
}

} // namespace wb
