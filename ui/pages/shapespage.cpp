#include "shapespage.h"

#include "theme.h"

#include "delegates/inputshapecolumns.h"
#include "delegates/shapedelegate.h"
#include "dialogs/extractdialog.h"
#include "models/inputshapemodel.h"
#include "models/modelshapes.h"
#include "models/tensorshapemodel.h"
#include "onnx/cutproposal.h"
#include "onnx/simplify.h"
#include "onnx/surgery.h"
#include "util/latestonly.h"
#include "util/releaseinbackground.h"
#include "widgets/dimsuggestionbar.h"

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

#include <algorithm>
#include <utility>

namespace wb {

namespace {

QString errorHtml(const QString& message)
{
    return QStringLiteral("<span style=\"color:%1\">%2</span>")
        .arg(theme::text(theme::Tone::Error).name(), message.toHtmlEscaped());
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
        if (m_onlyDynamic && !index.data(TensorShapeModel::NotStaticRole).toBool())
            return false;
        return m_text.isEmpty()
            || index.data(TensorShapeModel::TensorNameRole).toString().contains(m_text, Qt::CaseInsensitive);
    }

private:
    QString m_text;
    bool m_onlyDynamic = false;
};

constexpr int kSizedRows = 100;

QTableView* makeTable(QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 10);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setWordWrap(false);
    // Columns sized to their contents measure the rows shown and some more, not 1,000 (Qt's default): a 20k-tensor
    // table measured 1,000 rows of shapes on every layout, ~10 ms of the GUI thread each time.
    view->horizontalHeader()->setResizeContentsPrecision(kSizedRows);
    view->verticalHeader()->setResizeContentsPrecision(kSizedRows);
    return view;
}

} // namespace

ShapesPage::ShapesPage(QWidget* parent)
    : ShapesPage(nullptr, parent)
{
}

ShapesPage::ShapesPage(ModelShapes* shapes, QWidget* parent)
    : QWidget(parent)
    , m_state(shapes ? shapes : new ModelShapes(this))
    , m_inputs(m_state->inputs())
    , m_conversion(new QLabel(this))
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
    , m_onlyDynamic(new QCheckBox(tr("Only tensors not static"), this))
    , m_save(new QPushButton(tr("Save Static Copy…"), this))
    , m_simplify(new QPushButton(tr("Save Simplified Copy…"), this))
    , m_extract(new QPushButton(tr("Extract Sub-model…"), this))
    , m_suggestion(new DimSuggestionBar(m_inputs, this))
{
    setObjectName(QStringLiteral("shapesPage"));
    auto* layout = new QVBoxLayout(this);
    auto* splitter = new QSplitter(Qt::Vertical, this);

    auto* inputBox = new QGroupBox(tr("Input shapes"), splitter);
    auto* inputLayout = new QVBoxLayout(inputBox);
    auto* hint = new QLabel(tr("Give every input the static shape you will convert with: the batch is proposed, every "
                               "other open dimension (?) needs its size. Shape inference reruns as you type."),
        inputBox);
    hint->setWordWrap(true);
    inputLayout->addWidget(hint);
    m_inputView->setObjectName(QStringLiteral("inputShapeTable"));
    m_inputView->setModel(m_inputs);
    new InputShapeColumns(m_inputView); // the view's child: its delegates and fitted columns
    m_inputView->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_inputView->setMinimumHeight(m_inputView->verticalHeader()->defaultSectionSize() * 3);
    inputLayout->addWidget(m_inputView);
    inputLayout->addWidget(m_suggestion);
    auto* specRow = new QHBoxLayout;
    specRow->addWidget(new QLabel(QStringLiteral("--input_shape="), inputBox));
    m_spec->setReadOnly(true);
    m_spec->setObjectName(QStringLiteral("inputShapeSpec"));
    specRow->addWidget(m_spec, 1);
    auto* copy = new QPushButton(tr("Copy"), inputBox);
    specRow->addWidget(copy);
    inputLayout->addLayout(specRow);
    m_conversion->setObjectName(QStringLiteral("shapesConversion"));
    m_conversion->setWordWrap(true);
    m_conversion->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_conversion->hide();
    inputLayout->addWidget(m_conversion);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setObjectName(QStringLiteral("shapesStatus"));

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
    m_tensorView->horizontalHeader()->setSectionResizeMode(
        TensorShapeModel::ShapeColumn, QHeaderView::ResizeToContents);
    tensorLayout->addWidget(m_tensorView);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 4);
    layout->addWidget(splitter, 1);
    // Below the splitter, not in its top pane: a small window squeezes the pane and would cut the status short.
    layout->addWidget(m_status);

    auto* actions = new QHBoxLayout;
    actions->addStretch();
    m_save->setToolTip(tr("Write a copy with these static input shapes and every inferred shape."));
    m_simplify->setObjectName(QStringLiteral("saveSimplified"));
    m_simplify->setToolTip(tr("Write a copy with these inputs, shape arithmetic and other constants folded, Identity "
                              "and dead nodes removed (what onnx-simplifier does before ATC); with ONNX Runtime both "
                              "models are run and must agree."));
    m_extract->setToolTip(tr("Write the part of the graph between chosen tensors (e.g. without NMS)."));
    actions->addWidget(m_save);
    actions->addWidget(m_simplify);
    actions->addWidget(m_extract);
    layout->addLayout(actions);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &ShapesPage::runInference);
    connect(m_inputs, &InputShapeModel::specsChanged, this, &ShapesPage::scheduleInference);
    connect(m_state, &ModelShapes::profileChanged, this, &ShapesPage::updateConversionLine);
    connect(m_state, &ModelShapes::batchVariantsChanged, this, &ShapesPage::updateConversionLine);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_spec->text()); });
    connect(m_filter, &QLineEdit::textChanged, this,
        [this] { setTensorFilter(m_filter->text(), m_onlyDynamic->isChecked()); });
    connect(m_onlyDynamic, &QCheckBox::toggled, this,
        [this] { setTensorFilter(m_filter->text(), m_onlyDynamic->isChecked()); });
    connect(m_save, &QPushButton::clicked, this, &ShapesPage::chooseStaticCopy);
    connect(m_simplify, &QPushButton::clicked, this, &ShapesPage::chooseSimplifiedCopy);
    connect(m_extract, &QPushButton::clicked, this, &ShapesPage::chooseExtract);
    connect(m_surgery, &LatestOnlyRunner::busyChanged, this, &ShapesPage::setBusy);
    clear();
}

void ShapesPage::setModel(const OnnxModelPtr& model)
{
    m_model = model;
    m_result = {};
    m_tensors->clear();
    m_state->setModel(model); // nothing when the window set it already for every page
    scheduleInference();
    updateConversionLine();
    setBusy(false);
}

void ShapesPage::clear()
{
    m_model.reset();
    m_inference->discard();
    m_debounce->stop();
    m_state->clear();
    m_tensors->clear();
    m_spec->clear();
    m_status->clear();
    m_save->setEnabled(false);
    m_simplify->setEnabled(false);
    m_extract->setEnabled(false);
    m_conversion->hide();
}

void ShapesPage::updateConversionLine()
{
    QStringList parts;
    if (!m_state->profileFlag().isEmpty())
        parts.append(tr("profiles --%1=%2")
                         .arg(m_state->profileFlag(),
                             m_state->profileValue().isEmpty() ? QStringLiteral("?") : m_state->profileValue()));
    if (!m_state->batchVariantsText().trimmed().isEmpty())
        parts.append(tr("batch variants %1").arg(m_state->batchVariantsText().trimmed()));
    m_conversion->setText(parts.isEmpty()
            ? QString()
            : tr("Converted with %1 (set on the Convert page).").arg(parts.join(QStringLiteral(", "))));
    m_conversion->setVisible(!parts.isEmpty());
}

Result<QList<InputShapeSpec>> ShapesPage::fixedSpecs() const
{
    const auto specs = m_inputs->specs();
    if (!specs.ok())
        return specs.error();
    for (const InputShapeSpec& spec : specs.value()) {
        if (!spec.isStatic())
            return Error { QStringLiteral("bad_shape_spec"),
                tr("Input '%1': a static copy needs fixed sizes (-1 and ranges are for the Convert page's profiles).")
                    .arg(spec.name),
                {} };
    }
    return specs;
}

QString ShapesPage::conversionText() const
{
    return m_conversion->isHidden() ? QString() : m_conversion->text();
}

QString ShapesPage::suggestionText() const
{
    return m_suggestion->text();
}

void ShapesPage::applySuggestions()
{
    m_suggestion->apply();
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
    // Inference runs on the inputs that have their sizes; the others stay as the model declares them, and the
    // tensors they reach are shown as following them.
    m_status->setText(tr("Inferring shapes…"));
    const OnnxModelPtr model = m_model;
    const QList<InputShapeSpec> fixed = m_state->staticSpecs(); // -1 dims (profiles) stay dynamic
    m_inference->submit<Result<InferenceResult>>([model, fixed] { return inferShapes(*model, fixed); },
        [this](const Result<InferenceResult>& result) {
            if (!result.ok()) {
                m_status->setText(errorHtml(result.error().message));
                m_save->setEnabled(false);
                m_simplify->setEnabled(false);
                emit inferenceFinished(false);
                return;
            }
            InferenceResult previous = std::exchange(m_result, result.value());
            m_tensors->setResult(m_result);
            releaseInBackground(std::move(previous)); // its last holder now: 20k tensors and facts, ~10 ms to free
            m_tensorView->resizeColumnToContents(TensorShapeModel::NameColumn);
            m_status->setText(verdictText());
            setBusy(m_surgery->isBusy());
            emit inferenceFinished(true);
        });
}

QString ShapesPage::verdictText() const
{
    const InferenceResult& r = m_result;
    QStringList lines;
    const QStringList missing = m_inputs->missingDims();
    for (const QString& m : missing)
        lines.append(errorHtml(m));
    if (const auto specs = m_inputs->specs(); !specs.ok() && missing.isEmpty())
        lines.append(errorHtml(specs.error().message)); // a row that does not parse: left as the model declares it
    else if (specs.ok() && m_state->staticSpecs().size() < specs.value().size())
        lines.append(tr("Dims given as -1 or a range are left to the dynamic profiles of the Convert page: inference "
                        "keeps them dynamic, and Save Static Copy needs fixed sizes."));
    int followsInput = 0, dataDependent = 0, invalid = 0;
    for (const ShapeFact& f : r.facts) {
        followsInput += f.status == ShapeStatus::FollowsInput ? 1 : 0;
        dataDependent += f.status == ShapeStatus::DataDependent ? 1 : 0;
        invalid += f.status == ShapeStatus::Invalid ? 1 : 0;
    }
    const QString folded = tr("%n node(s) of shape arithmetic folded", nullptr, r.foldedNodes);
    if (r.stillDynamic.isEmpty() && r.unknownShapes.isEmpty()) {
        lines.prepend(tr("%1 tensors inferred; every shape is static (%2).").arg(r.tensors.size()).arg(folded));
        return lines.join(QStringLiteral("<br>"));
    }
    QStringList counts;
    if (followsInput > 0)
        counts.append(tr("%n follow(s) inputs not sized yet", nullptr, followsInput));
    if (dataDependent > 0)
        counts.append(tr("<b>%n data-dependent</b>", nullptr, dataDependent));
    if (invalid > 0)
        counts.append(tr("<b>%n invalid with these input sizes</b>", nullptr, invalid));
    if (const int unknown = int(r.unknownShapes.size()) - invalid; unknown > 0) // unknownShapes holds both
        counts.append(tr("%n unknown here (not known to be dynamic)", nullptr, unknown));
    lines.prepend(
        tr("%1 tensors inferred (%2): %3.").arg(r.tensors.size()).arg(folded, counts.join(QStringLiteral(", "))));
    const QList<ShapeOrigin> shown = r.origins.mid(0, 3);
    for (const ShapeOrigin& o : shown)
        lines.append(o.message.toHtmlEscaped());
    if (dataDependent > 0 && m_model) {
        const CutProposal cut = proposeCut(*m_model, r);
        if (cut.possible && cut.postProcessingOnly)
            lines.append(tr("Extract Sub-model can cut just before it: %1.").arg(cut.summary().toHtmlEscaped()));
        else if (cut.possible)
            lines.append(tr("The data-dependent part is not only post-processing (it holds %1): keep the model whole "
                            "and build it with dynamic shapes, or give that step a fixed size.")
                             .arg(cut.heavyHostOps.join(QStringLiteral(", ")).toHtmlEscaped()));
    }
    // The first per-node problem that is not about a node said above already (an invalid node is both).
    for (const QString& warning : r.warnings) {
        const bool said = std::any_of(shown.begin(), shown.end(),
            [&warning](const ShapeOrigin& o) { return warning.startsWith(QStringLiteral("Node '%1' ").arg(o.node)); });
        if (!said) {
            lines.append(tr("ONNX could not infer some nodes: %1").arg(warning.toHtmlEscaped()));
            break;
        }
    }
    return lines.join(QStringLiteral("<br>"));
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
    if (const auto specs = m_inputs->specs();
        specs.ok() && !specs.value().isEmpty() && !specs.value().first().dims.isEmpty())
        suffix = QStringLiteral("_b%1").arg(specs.value().first().dims.first().min);
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Save Static Copy"), suggestedPath(suffix), tr("ONNX models (*.onnx)"));
    if (!path.isEmpty())
        saveStaticCopyTo(path);
}

void ShapesPage::chooseSimplifiedCopy()
{
    if (!m_model)
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Simplified Copy"), suggestedPath(QStringLiteral("_simplified")), tr("ONNX models (*.onnx)"));
    if (!path.isEmpty())
        saveSimplifiedCopyTo(path);
}

void ShapesPage::chooseExtract()
{
    if (!m_model)
        return;
    QStringList modelInputs;
    for (const TensorInfo& t : m_model->summary().inputs)
        modelInputs.append(t.name);
    ExtractDialog dialog(m_result.tensors, modelInputs, suggestedPath(QStringLiteral("_extracted")), this);
    // The cut just before the data-dependent post-processing, checked already: the user sees it and may change it.
    if (const CutProposal cut = proposeCut(*m_model, m_result); cut.possible && cut.postProcessingOnly) {
        dialog.setChecked(cut.outputs, {});
        dialog.setProposal(
            tr("Proposed: the cut just before the data-dependent post-processing. It %1.").arg(cut.summary()));
    }
    if (dialog.exec() == QDialog::Accepted)
        extractTo(dialog.inputs(), dialog.outputs(), dialog.path());
}

void ShapesPage::saveStaticCopyTo(const QString& path)
{
    const auto specs = fixedSpecs();
    if (!m_model || !specs.ok()) {
        emit surgeryFinished(false, specs.ok() ? tr("No model is open.") : specs.error().message, {});
        return;
    }
    const OnnxModelPtr model = m_model;
    const QList<InputShapeSpec> fixed = specs.value();
    m_surgery->submit<Result<SurgeryResult>>([model, fixed, path] { return writeStaticCopy(*model, fixed, path); },
        [this](const Result<SurgeryResult>& r) {
            emit surgeryFinished(r.ok(), r.ok() ? r.value().path : r.error().message, {});
        });
}

void ShapesPage::saveSimplifiedCopyTo(const QString& path)
{
    const auto specs = fixedSpecs();
    if (!m_model || !specs.ok()) {
        emit surgeryFinished(false, specs.ok() ? tr("No model is open.") : specs.error().message, {});
        return;
    }
    const OnnxModelPtr model = m_model;
    SimplifyOptions options;
    options.inputShapes = specs.value();
    m_surgery->submit<Result<SimplifyResult>>([model, options, path] { return simplifyModel(*model, options, path); },
        [this](const Result<SimplifyResult>& r) {
            if (!r.ok()) {
                emit surgeryFinished(false, r.error().message, {});
                return;
            }
            const SimplifyResult& s = r.value();
            emit surgeryFinished(true, s.written.path,
                tr("Simplified copy written: %1 → %2 nodes (%3 folded, %4 removed); %5")
                    .arg(s.nodesBefore)
                    .arg(s.nodesAfter)
                    .arg(s.folded)
                    .arg(s.removedIdentity + s.removedDead)
                    .arg(s.comparison.summary()));
        });
}

void ShapesPage::extractTo(const QStringList& inputs, const QStringList& outputs, const QString& path)
{
    if (!m_model) {
        emit surgeryFinished(false, tr("No model is open."), {});
        return;
    }
    const OnnxModelPtr model = m_model;
    m_surgery->submit<Result<SurgeryResult>>(
        [model, inputs, outputs, path] { return extractSubModel(*model, inputs, outputs, path); },
        [this](const Result<SurgeryResult>& r) {
            emit surgeryFinished(r.ok(), r.ok() ? r.value().path : r.error().message, {});
        });
}

void ShapesPage::setBusy(bool busy)
{
    const bool ready = m_model && !busy;
    const auto specs = fixedSpecs();
    m_save->setEnabled(ready && specs.ok());
    m_simplify->setEnabled(ready && specs.ok());
    const QString why = specs.ok() ? QString() : specs.error().message;
    m_save->setToolTip(
        why.isEmpty() ? tr("Write a copy with these static input shapes and every inferred shape.") : why);
    m_extract->setEnabled(ready);
}

} // namespace wb
