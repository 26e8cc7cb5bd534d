#include "extractdialog.h"

#include "widgets/pathfield.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace wb {

namespace {

QStringList checkedNames(const QListWidget* list)
{
    QStringList names;
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->checkState() == Qt::Checked)
            names.append(list->item(i)->data(Qt::UserRole).toString());
    }
    return names;
}

QWidget* withFilter(QListWidget* list, const QString& title, const QString& hint, QWidget* parent)
{
    auto* box = new QGroupBox(title, parent);
    auto* layout = new QVBoxLayout(box);
    auto* help = new QLabel(hint, box);
    help->setWordWrap(true);
    layout->addWidget(help);
    auto* filter = new QLineEdit(box);
    filter->setPlaceholderText(QObject::tr("Filter by name…"));
    filter->setClearButtonEnabled(true);
    layout->addWidget(filter);
    layout->addWidget(list);
    QObject::connect(filter, &QLineEdit::textChanged, list, [list](const QString& text) {
        for (int i = 0; i < list->count(); ++i)
            list->item(i)->setHidden(!list->item(i)->text().contains(text, Qt::CaseInsensitive));
    });
    return box;
}

} // namespace

ExtractDialog::ExtractDialog(
    const QList<TensorInfo>& tensors, const QStringList& modelInputs, const QString& suggestedPath, QWidget* parent)
    : QDialog(parent)
    , m_proposal(new QLabel(this))
    , m_outputs(makeList(tensors))
    , m_inputs(makeList(tensors))
    , m_path(new QLineEdit(suggestedPath, this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Extract Sub-model"));
    setObjectName(QStringLiteral("extractDialog"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Write the part of the graph that computes the chosen outputs. Typical use: stop "
                                "before post-processing ATC cannot take (NonMaxSuppression and friends) and run it "
                                "on the host."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_proposal->setWordWrap(true);
    m_proposal->setObjectName(QStringLiteral("cutProposal"));
    m_proposal->hide();
    layout->addWidget(m_proposal);
    auto* lists = new QHBoxLayout;
    lists->addWidget(withFilter(m_outputs, tr("Outputs"), tr("Tensors the sub-model computes."), this));
    lists->addWidget(withFilter(m_inputs, tr("Inputs (optional)"),
        tr("Tensors it starts from. Leave empty to keep the model's inputs (%1).")
            .arg(modelInputs.join(QStringLiteral(", "))),
        this));
    layout->addLayout(lists, 1);
    auto* form = new QFormLayout;
    form->addRow(tr("Save as:"),
        withBrowseButton(
            m_path,
            [this](const QString& current) {
                return QFileDialog::getSaveFileName(this, tr("Save Sub-model"), current, tr("ONNX models (*.onnx)"));
            },
            this));
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    resize(760, 520);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_outputs, &QListWidget::itemChanged, this, &ExtractDialog::updateOk);
    connect(m_path, &QLineEdit::textChanged, this, &ExtractDialog::updateOk);
    updateOk();
}

QListWidget* ExtractDialog::makeList(const QList<TensorInfo>& tensors)
{
    auto* list = new QListWidget(this);
    for (const TensorInfo& t : tensors) {
        auto* item
            = new QListWidgetItem(QStringLiteral("%1  %2").arg(t.name, t.shape ? t.shapeText() : tr("unknown")), list);
        item->setData(Qt::UserRole, t.name);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    return list;
}

void ExtractDialog::setChecked(const QStringList& outputs, const QStringList& inputs)
{
    for (auto [list, names] : { std::pair { m_outputs, outputs }, std::pair { m_inputs, inputs } }) {
        for (int i = 0; i < list->count(); ++i)
            list->item(i)->setCheckState(
                names.contains(list->item(i)->data(Qt::UserRole).toString()) ? Qt::Checked : Qt::Unchecked);
    }
    updateOk();
}

void ExtractDialog::setProposal(const QString& text)
{
    m_proposal->setText(text);
    m_proposal->setVisible(!text.isEmpty());
}

QString ExtractDialog::proposal() const
{
    return m_proposal->text();
}

QStringList ExtractDialog::outputs() const
{
    return checkedNames(m_outputs);
}

QStringList ExtractDialog::inputs() const
{
    return checkedNames(m_inputs);
}

QString ExtractDialog::path() const
{
    return m_path->text().trimmed();
}

void ExtractDialog::updateOk()
{
    QPushButton* ok = m_buttons->button(QDialogButtonBox::Ok);
    const bool ready = !outputs().isEmpty() && !path().isEmpty();
    ok->setEnabled(ready);
    ok->setToolTip(ready ? QString() : tr("Choose at least one output and a file name."));
}

} // namespace wb
