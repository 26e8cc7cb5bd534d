#include "modelpage.h"

#include "theme.h"
#include "util/units.h"

#include "delegates/shapedelegate.h"
#include "models/optypemodel.h"
#include "models/tensortablemodel.h"

#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace wb {

namespace {

QTableView* makeTable(QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setWordWrap(false);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 10);
    return view;
}

QString opsetsText(const QList<OpsetInfo>& opsets)
{
    QStringList parts;
    for (const OpsetInfo& o : opsets)
        parts.append(
            QStringLiteral("%1 %2").arg(o.domain.isEmpty() ? QStringLiteral("ai.onnx") : o.domain).arg(o.version));
    return parts.isEmpty() ? QObject::tr("none declared") : parts.join(QStringLiteral(", "));
}

} // namespace

ModelPage::ModelPage(QWidget* parent)
    : QWidget(parent)
    , m_tensors(new TensorTableModel(this))
    , m_ops(new OpTypeModel(this))
    , m_tensorView(makeTable(this))
    , m_opView(makeTable(this))
    , m_title(new QLabel(this))
    , m_dynamicNotice(new QLabel(this))
    , m_warnings(new QLabel(this))
{
    setObjectName(QStringLiteral("modelPage"));
    auto* layout = new QVBoxLayout(this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);

    m_dynamicNotice->setObjectName(QStringLiteral("dynamicNotice"));
    m_dynamicNotice->setWordWrap(true);
    m_dynamicNotice->setStyleSheet(QStringLiteral("#dynamicNotice { %1 border-radius:4px; padding:6px; }")
                                       .arg(theme::panel(theme::Tone::Warning)));
    layout->addWidget(m_dynamicNotice);

    // Inputs and outputs first (what ATC cares about), then the summary beside the operator histogram.
    auto* splitter = new QSplitter(Qt::Vertical, this);
    auto* ioBox = new QGroupBox(tr("Inputs and outputs"), splitter);
    auto* ioLayout = new QVBoxLayout(ioBox);
    m_tensorView->setObjectName(QStringLiteral("tensorTable"));
    m_tensorView->setModel(m_tensors);
    m_tensorView->setItemDelegateForColumn(TensorTableModel::ShapeColumn, new ShapeDelegate(m_tensorView));
    ioLayout->addWidget(m_tensorView);

    auto* bottom = new QSplitter(Qt::Horizontal, splitter);
    auto* summaryBox = new QGroupBox(tr("Summary"), bottom);
    auto* form = new QFormLayout(summaryBox);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_path = addRow(form, tr("File"));
    m_size = addRow(form, tr("Size"));
    m_ir = addRow(form, tr("IR version"));
    m_producer = addRow(form, tr("Producer"));
    m_opsets = addRow(form, tr("Opsets"));
    m_nodes = addRow(form, tr("Nodes"));
    m_initializers = addRow(form, tr("Weights"));
    m_custom = addRow(form, tr("Custom-domain ops"));
    m_controlFlow = addRow(form, tr("Control flow"));
    m_warnings->setWordWrap(true);
    m_warnings->setStyleSheet(QStringLiteral("color:%1;").arg(theme::text(theme::Tone::Warning).name()));
    form->addRow(m_warnings);

    auto* opBox = new QGroupBox(tr("Operators"), bottom);
    auto* opLayout = new QVBoxLayout(opBox);
    m_opView->setModel(m_ops);
    m_opView->horizontalHeader()->setStretchLastSection(false);
    m_opView->horizontalHeader()->setSectionResizeMode(OpTypeModel::OpColumn, QHeaderView::Stretch);
    opLayout->addWidget(m_opView);
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 2);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    layout->addWidget(splitter, 1);
    clear();
}

QLabel* ModelPage::addRow(QFormLayout* form, const QString& label)
{
    auto* value = new QLabel(this);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    form->addRow(label + QLatin1Char(':'), value);
    return value;
}

void ModelPage::setSummary(const ModelSummary& s)
{
    const QLocale locale;
    m_title->setText(QFileInfo(s.path).fileName());
    m_path->setText(s.path);
    m_size->setText(formatBytes(s.fileSize));
    m_ir->setText(QString::number(s.irVersion));
    m_producer->setText(s.producerName.isEmpty()
            ? tr("unknown")
            : QStringLiteral("%1 %2").arg(s.producerName, s.producerVersion).trimmed());
    m_opsets->setText(opsetsText(s.opsets));
    m_nodes->setText(s.subgraphCount > 0 ? tr("%1 in the main graph, %2 with %3 subgraphs")
                                               .arg(s.nodeCount)
                                               .arg(s.nodeCountTotal)
                                               .arg(s.subgraphCount)
                                         : tr("%1").arg(s.nodeCount));
    QString weights = tr("%1 initializers, %2, %3 parameters")
                          .arg(s.initializerCount)
                          .arg(formatBytes(s.initializerBytes))
                          .arg(locale.toString(s.parameterCount));
    if (s.externalTensorCount > 0)
        weights += tr(" (%1 in external data files)").arg(s.externalTensorCount);
    m_initializers->setText(weights);
    m_custom->setText(s.customDomainOps.isEmpty() ? tr("none") : s.customDomainOps.join(QStringLiteral(", ")));
    m_controlFlow->setText(s.controlFlowOps.isEmpty() ? tr("none") : s.controlFlowOps.join(QStringLiteral(", ")));
    m_warnings->setText(s.warnings.join(QLatin1Char('\n')));
    m_warnings->setVisible(!s.warnings.isEmpty());

    m_tensors->setSummary(s);
    m_ops->setSummary(s);
    m_tensorView->resizeColumnsToContents();
    m_opView->resizeColumnToContents(OpTypeModel::CountColumn);

    QStringList dynamicInputs;
    for (const TensorInfo& t : s.inputs) {
        if (t.isDynamic())
            dynamicInputs.append(
                QStringLiteral("<b>%1</b> %2").arg(t.name.toHtmlEscaped(), t.shapeText().toHtmlEscaped()));
    }
    if (dynamicInputs.isEmpty()) {
        m_dynamicNotice->hide();
    } else {
        const QString lead = dynamicInputs.size() == 1
            ? tr("This input has dynamic dimensions:")
            : tr("%1 inputs have dynamic dimensions:").arg(dynamicInputs.size());
        m_dynamicNotice->setText(tr("%1 %2. ATC needs static shapes: give each one in --input_shape, or use a "
                                    "dynamic batch/image/dims profile.")
                                     .arg(lead, dynamicInputs.join(QStringLiteral(", "))));
        m_dynamicNotice->show();
    }
}

QString ModelPage::dynamicNotice() const
{
    return m_dynamicNotice->isHidden() ? QString() : m_dynamicNotice->text();
}

void ModelPage::clear()
{
    m_tensors->clear();
    m_ops->clear();
    m_title->clear();
    m_dynamicNotice->hide();
    m_warnings->hide();
    for (QLabel* l : { m_path, m_size, m_ir, m_producer, m_opsets, m_nodes, m_initializers, m_custom, m_controlFlow })
        l->clear();
}

} // namespace wb
