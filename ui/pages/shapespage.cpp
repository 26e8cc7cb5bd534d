#include "shapespage.h"

#include "theme.h"

#include "delegates/shapedelegate.h"
#include "delegates/staticshapedelegate.h"
#include "dialogs/extractdialog.h"
#include "models/inputshapemodel.h"
#include "models/tensorshapemodel.h"
#include "onnx/surgery.h"
#include "util/latestonly.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace wb {

namespace {

QString errorHtml(const QString& message)
{
    return QStringLiteral("<span style=\"color:%1\">%2</span>").arg(theme::text(theme::Tone::Error).name(), message.toHtmlEscaped());
}

constexpr int kDebounceMs = 250;

// Name filter plus "only tensors that stay dynamic".
class TensorFilter : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void set(const QString& text, bool onlyDynamic)
    {
        m_text = text;
        m_onlyDynamic = onlyDynamic;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override
    {
        const QModelIndex index = sourceModel()->index(row, TensorShapeModel::ShapeColumn, parent);
        if (m_onlyDynamic && !index.data(DynamicRole).toBool())
            return false;
        return m_text.isEmpty()
            || index.data(TensorShapeModel::TensorNameRole).toString().contains(m_text, Qt::CaseInsensitive);
    }

private:
    QString m_text;
    bool m_onlyDynamic = false;
};

QTableView* makeTable(QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 10);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setWordWrap(false);
    return view;
}

} // namespace

ShapesPage::ShapesPage(QWidget* parent)
    : QWidget(parent)
    , m_inputs(new InputShapeModel(this))
    , m_tensors(new TensorShapeModel(this))
    , m_proxy(new TensorFilter(this))
    , m_inference(new LatestOnlyRunner(this))
    , m_surgery(new LatestOnlyRunner(this))
    , m_debounce(new QTimer(this))
    , m_inputView(makeTable(this))
    , m_tensorView(makeTable(this))
    , m_spec(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_filter(new QLineEdit(this))
    , m_onlyDynamic(new QCheckBox(tr("Only tensors still dynamic"), this))
    , m_save(new QPushButton(tr("Save Static Copy…"), this))
    , m_extract(new QPushButton(tr("Extract Sub-model…"), this))
{
    setObjectName(QStringLiteral("shapesPage"));
    auto* layout = new QVBoxLayout(this);
    auto* splitter = new QSplitter(Qt::Vertical, this);

    auto* inputBox = new QGroupBox(tr("Input shapes"), splitter);
    auto* inputLayout = new QVBoxLayout(inputBox);
    auto* hint = new QLabel(tr("Give every input the static shape you will convert with. Shape inference reruns as "
                               "you type."),
        inputBox);
    hint->setWordWrap(true);
    inputLayout->addWidget(hint);
    m_inputView->setObjectName(QStringLiteral("inputShapeTable"));
    m_inputView->setModel(m_inputs);
    m_inputView->setItemDelegateForColumn(InputShapeModel::ModelShapeColumn, new ShapeDelegate(m_inputView));
    m_inputView->setItemDelegateForColumn(InputShapeModel::StaticShapeColumn, new StaticShapeDelegate(m_inputView));
    m_inputView->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_inputView->setMinimumHeight(m_inputView->verticalHeader()->defaultSectionSize() * 3);
    inputLayout->addWidget(m_inputView);
    auto* specRow = new QHBoxLayout;
    specRow->addWidget(new QLabel(QStringLiteral("--input_shape="), inputBox));
    m_spec->setReadOnly(true);
    m_spec->setObjectName(QStringLiteral("inputShapeSpec"));
    specRow->addWidget(m_spec, 1);
    auto* copy = new QPushButton(tr("Copy"), inputBox);
    specRow->addWidget(copy);
    inputLayout->addLayout(specRow);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    inputLayout->addWidget(m_status);

    auto* tensorBox = new QGroupBox(tr("Tensor shapes after inference"), splitter);
    auto* tensorLayout = new QVBoxLayout(tensorBox);
    auto* filterRow = new QHBoxLayout;
    m_filter->setPlaceholderText(tr("Filter by tensor name…"));
    m_filter->setClearButtonEnabled(true);
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_onlyDynamic);
    tensorLayout->addLayout(filterRow);
    m_proxy->setSourceModel(m_tensors);
    m_tensorView->setObjectName(QStringLiteral("tensorShapeTable"));
    m_tensorView->setModel(m_proxy);
    m_tensorView->setItemDelegateForColumn(TensorShapeModel::ShapeColumn, new ShapeDelegate(m_tensorView));
    tensorLayout->addWidget(m_tensorView);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 4);
    layout->addWidget(splitter, 1);

    auto* actions = new QHBoxLayout;
    actions->addStretch();
    m_save->setToolTip(tr("Write a copy with these static input shapes and every inferred shape."));
    m_extract->setToolTip(tr("Write the part of the graph between chosen tensors (e.g. without NMS)."));
    actions->addWidget(m_save);
    actions->addWidget(m_extract);
    layout->addLayout(actions);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &ShapesPage::runInference);
    connect(m_inputs, &InputShapeModel::specsChanged, this, &ShapesPage::scheduleInference);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_spec->text()); });
    connect(m_filter, &QLineEdit::textChanged, this, [this] { setTensorFilter(m_filter->text(), m_onlyDynamic->isChecked()); });
    connect(m_onlyDynamic, &QCheckBox::toggled, this, [this] { setTensorFilter(m_filter->text(), m_onlyDynamic->isChecked()); });
    connect(m_save, &QPushButton::clicked, this, &ShapesPage::chooseStaticCopy);
    connect(m_extract, &QPushButton::clicked, this, &ShapesPage::chooseExtract);
    connect(m_surgery, &LatestOnlyRunner::busyChanged, this, &ShapesPage::setBusy);
    clear();
}

void ShapesPage::setModel(const OnnxModelPtr& model)
{
    m_model = model;
    m_result = {};
    m_tensors->clear();
    m_inputs->setInputs(model->summary().inputs); // schedules the first inference
    m_inputView->resizeColumnsToContents();
    setBusy(false);
}

void ShapesPage::clear()
{
    m_model.reset();
    m_inference->discard();
    m_debounce->stop();
    m_inputs->setInputs({});
    m_tensors->clear();
    m_spec->clear();
    m_status->clear();
    m_save->setEnabled(false);
    m_extract->setEnabled(false);
}

QString ShapesPage::statusText() const
{
    return m_status->text();
}

QString ShapesPage::specText() const
{
    return m_spec->text();
}

bool ShapesPage::isInferring() const
{
    return m_debounce->isActive() || m_inference->isBusy();
}

void ShapesPage::setTensorFilter(const QString& text, bool onlyDynamic)
{
    static_cast<TensorFilter*>(m_proxy)->set(text, onlyDynamic);
}

void ShapesPage::scheduleInference()
{
    m_spec->setText(m_inputs->specText());
    if (!m_model)
        return;
    m_debounce->start();
}

void ShapesPage::runInference()
{
    const auto specs = m_inputs->specs();
    if (!specs.ok()) {
        m_inference->discard();
        m_status->setText(errorHtml(specs.error().message));
        m_save->setEnabled(false);
        emit inferenceFinished(false);
        return;
    }
    m_status->setText(tr("Inferring shapes…"));
    const OnnxModelPtr model = m_model;
    const QList<InputShapeSpec> fixed = specs.value();
    m_inference->submit<Result<InferenceResult>>([model, fixed] { return inferShapes(*model, fixed); },
        [this](const Result<InferenceResult>& result) {
            if (!result.ok()) {
                m_status->setText(errorHtml(result.error().message));
                m_save->setEnabled(false);
                emit inferenceFinished(false);
                return;
            }
            m_result = result.value();
            m_tensors->setTensors(m_result.tensors);
            m_tensorView->resizeColumnToContents(TensorShapeModel::NameColumn);
            QString text = m_result.stillDynamic.isEmpty()
                ? tr("%1 tensors inferred; every shape is static.").arg(m_result.tensors.size())
                : tr("%1 tensors inferred; <b>%2 still dynamic</b> (%3%4). Data-dependent ops such as "
                     "NonMaxSuppression, or shape arithmetic ONNX cannot see through, keep them dynamic: cut them "
                     "off with Extract Sub-model, or let ATC handle them with a dynamic profile.")
                      .arg(m_result.tensors.size())
                      .arg(m_result.stillDynamic.size())
                      .arg(QStringList(m_result.stillDynamic.mid(0, 3)).join(QStringLiteral(", ")).toHtmlEscaped(),
                          m_result.stillDynamic.size() > 3 ? QStringLiteral(", …") : QString());
            if (!m_result.dynamicOrigins.isEmpty())
                text += QStringLiteral("<br>") + m_result.dynamicOrigins.first().toHtmlEscaped();
            if (!m_result.warnings.isEmpty())
                text += QStringLiteral("<br>") + tr("ONNX could not infer some nodes: %1")
                                                      .arg(m_result.warnings.first().toHtmlEscaped());
            m_status->setText(text);
            m_save->setEnabled(true);
            m_extract->setEnabled(true);
            emit inferenceFinished(true);
        });
}

QString ShapesPage::suggestedPath(const QString& suffix) const
{
    const QFileInfo source(m_model->summary().path);
    return source.dir().filePath(source.completeBaseName() + suffix + QStringLiteral(".onnx"));
}

void ShapesPage::chooseStaticCopy()
{
    if (!m_model)
        return;
    QString suffix = QStringLiteral("_static");
    if (const auto specs = m_inputs->specs(); specs.ok() && !specs.value().isEmpty() && !specs.value().first().dims.isEmpty())
        suffix = QStringLiteral("_b%1").arg(specs.value().first().dims.first().min);
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Static Copy"), suggestedPath(suffix),
        tr("ONNX models (*.onnx)"));
    if (!path.isEmpty())
        saveStaticCopyTo(path);
}

void ShapesPage::chooseExtract()
{
    if (!m_model)
        return;
    QStringList modelInputs;
    for (const TensorInfo& t : m_model->summary().inputs)
        modelInputs.append(t.name);
    ExtractDialog dialog(m_result.tensors, modelInputs, suggestedPath(QStringLiteral("_extracted")), this);
    if (dialog.exec() == QDialog::Accepted)
        extractTo(dialog.inputs(), dialog.outputs(), dialog.path());
}

void ShapesPage::saveStaticCopyTo(const QString& path)
{
    const auto specs = m_inputs->specs();
    if (!m_model || !specs.ok()) {
        emit surgeryFinished(false, specs.ok() ? tr("No model is open.") : specs.error().message);
        return;
    }
    const OnnxModelPtr model = m_model;
    const QList<InputShapeSpec> fixed = specs.value();
    m_surgery->submit<Result<SurgeryResult>>([model, fixed, path] { return writeStaticCopy(*model, fixed, path); },
        [this](const Result<SurgeryResult>& r) {
            emit surgeryFinished(r.ok(), r.ok() ? r.value().path : r.error().message);
        });
}

void ShapesPage::extractTo(const QStringList& inputs, const QStringList& outputs, const QString& path)
{
    if (!m_model) {
        emit surgeryFinished(false, tr("No model is open."));
        return;
    }
    const OnnxModelPtr model = m_model;
    m_surgery->submit<Result<SurgeryResult>>(
        [model, inputs, outputs, path] { return extractSubModel(*model, inputs, outputs, path); },
        [this](const Result<SurgeryResult>& r) {
            emit surgeryFinished(r.ok(), r.ok() ? r.value().path : r.error().message);
        });
}

void ShapesPage::setBusy(bool busy)
{
    const bool ready = m_model && !busy;
    m_save->setEnabled(ready && m_inputs->specs().ok());
    m_extract->setEnabled(ready);
}

} // namespace wb
