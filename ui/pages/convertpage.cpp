#include "convertpage.h"

#include "theme.h"

#include "atc/flagchoices.h"
#include "atc/omname.h"
#include "delegates/inputshapecolumns.h"
#include "models/inputshapemodel.h"
#include "models/modelshapes.h"
#include "onnx/dimhints.h"
#include "util/safepath.h"
#include "widgets/dimsuggestionbar.h"
#include "widgets/extraflagseditor.h"
#include "widgets/findingslist.h"
#include "widgets/pathfield.h"
#include "widgets/profileseditor.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSet>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace wb {

namespace {

QComboBox* choice(const QStringList& values, QWidget* parent)
{
    auto* box = new QComboBox(parent);
    box->addItem(QObject::tr("(ATC default)"), QString());
    for (const QString& v : values)
        box->addItem(v, v);
    return box;
}

QString chosen(const QComboBox* box)
{
    return box->currentData().toString();
}

// A plain field's value as ATC gets it, and back: a choice's data, a line's text.
QString fieldText(const QWidget* w)
{
    if (const auto* box = qobject_cast<const QComboBox*>(w))
        return chosen(box);
    const auto* line = qobject_cast<const QLineEdit*>(w);
    return line ? line->text().trimmed() : QString();
}

void choose(QComboBox* box, const QString& value)
{
    int index = box->findData(value);
    if (index < 0 && !value.isEmpty()) {
        box->addItem(value, value);
        index = box->count() - 1;
    }
    box->setCurrentIndex(std::max(index, 0));
}

constexpr ProfilesEditor::Kind kProfileKinds[]
    = { ProfilesEditor::Batch, ProfilesEditor::ImageSize, ProfilesEditor::Dims };

} // namespace

ConvertPage::ConvertPage(QWidget* parent)
    : ConvertPage(nullptr, parent)
{
}

ConvertPage::ConvertPage(ModelShapes* shapes, QWidget* parent)
    : QWidget(parent)
    , m_checks(new ConvertChecks(this))
    , m_precheckTicker(new QTimer(this))
    , m_state(shapes ? shapes : new ModelShapes(this))
    , m_shapes(m_state->inputs())
    , m_toolkitBanner(new QLabel(this))
    , m_recipeNotice(new QLabel(this))
    , m_modelLabel(new QLabel(this))
    , m_soc(new QComboBox(this))
    , m_outDir(new QLineEdit(this))
    , m_outName(new QLineEdit(this))
    , m_batches(new QLineEdit(this))
    , m_shapeView(new QTableView(this))
    , m_profiles(new ProfilesEditor(this))
    // The choices are the values the checks accept (atcFlagChoices), never a second list.
    , m_inputFormat(choice(atcFlagChoices(QStringLiteral("input_format")), this))
    , m_outputType(choice(atcFlagChoices(QStringLiteral("output_type")), this))
    , m_precision(choice(atcFlagChoices(QStringLiteral("precision_mode")), this))
    , m_outNodes(new QLineEdit(this))
    , m_aipp(new QLineEdit(this))
    , m_log(choice(atcFlagChoices(QStringLiteral("log")), this))
    , m_extraFlags(new ExtraFlagsEditor(this))
    , m_findings(new FindingsList(this))
    , m_findingDetail(new QLabel(this))
    , m_preview(new QPlainTextEdit(this))
    , m_runReason(new QLabel(this))
    , m_run(new QPushButton(tr("Run ATC"), this))
    , m_precheckButton(new QPushButton(tr("ATC Pre-check"), this))
    , m_precheckStatus(new QLabel(this))
{
    setObjectName(QStringLiteral("convertPage"));
    // The typed flags with a plain field of their own: read, written, marked and enabled through this one table.
    m_fields = { { QStringLiteral("input_format"), m_inputFormat }, { QStringLiteral("output_type"), m_outputType },
        { QStringLiteral("precision_mode"), m_precision }, { QStringLiteral("out_nodes"), m_outNodes },
        { QStringLiteral("insert_op_conf"), m_aipp }, { QStringLiteral("log"), m_log } };
    m_shapes->setAllowDynamic(true);
    auto* layout = new QVBoxLayout(this);
    m_toolkitBanner->setObjectName(QStringLiteral("toolkitBanner"));
    m_toolkitBanner->setWordWrap(true);
    m_toolkitBanner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_toolkitBanner);
    m_recipeNotice->setObjectName(QStringLiteral("recipeNotice"));
    m_recipeNotice->setWordWrap(true);
    m_recipeNotice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_recipeNotice->setStyleSheet(QStringLiteral("QLabel { %1 padding:6px; }").arg(theme::panel(theme::Tone::Warning)));
    m_recipeNotice->hide();
    layout->addWidget(m_recipeNotice);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    auto* formScroll = new QScrollArea(splitter);
    formScroll->setWidgetResizable(true);
    auto* form = new QWidget(formScroll);
    auto* formLayout = new QVBoxLayout(form);
    formLayout->addWidget(buildBasic());
    formLayout->addWidget(buildAdvanced());
    formLayout->addStretch();
    formScroll->setWidget(form);
    splitter->addWidget(formScroll);
    splitter->addWidget(buildPreview());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    connect(m_checks, &ConvertChecks::checkStarted, this, [this] {
        m_run->setEnabled(false);
        m_runReason->setText(tr("Checking…"));
    });
    connect(m_checks, &ConvertChecks::findingsChanged, this, &ConvertPage::showFindings);
    connect(m_checks, &ConvertChecks::checked, this, [this] {
        m_preview->setPlainText(renderCommandLine(m_checks->result().invocation, true));
        emit checked();
    });
    for (QLineEdit* e : { m_outDir, m_outName, m_batches })
        connect(e, &QLineEdit::textChanged, this, &ConvertPage::schedule);
    connect(m_soc, &QComboBox::currentTextChanged, this, &ConvertPage::schedule);
    // While the output name is the one proposed, it follows the SoC (`<model>_<SoC>`, as `atcwb check` and
    // `atcwb convert` name the OM); a name the user typed, or a recipe's, stays.
    connect(m_soc, &QComboBox::currentTextChanged, this, [this] {
        if (m_restoring || m_outName->text() != m_proposedName)
            return;
        m_proposedName = defaultOutputName();
        m_outName->setText(m_proposedName);
    });
    for (const auto& field : m_fields) {
        if (auto* box = qobject_cast<QComboBox*>(field.second))
            connect(box, &QComboBox::currentTextChanged, this, &ConvertPage::schedule);
        else if (auto* line = qobject_cast<QLineEdit*>(field.second))
            connect(line, &QLineEdit::textChanged, this, &ConvertPage::schedule);
    }
    connect(m_profiles, &ProfilesEditor::changed, this, &ConvertPage::schedule);
    connect(m_extraFlags, &ExtraFlagsEditor::changed, this, &ConvertPage::schedule);
    connect(m_shapes, &InputShapeModel::specsChanged, this, &ConvertPage::updateDimLabels);
    connect(m_shapes, &InputShapeModel::specsChanged, this, &ConvertPage::schedule);
    // The profile and batch variants are the model's shared shapes too: edits go there, and come back from there.
    connect(m_profiles, &ProfilesEditor::changed, this,
        [this] { m_state->setProfile(m_profiles->flag(), m_profiles->text().trimmed()); });
    connect(m_batches, &QLineEdit::textChanged, this, [this](const QString& text) { m_state->setBatchVariants(text); });
    connect(m_state, &ModelShapes::profileChanged, this, &ConvertPage::pullSharedShapes);
    connect(m_state, &ModelShapes::batchVariantsChanged, this, &ConvertPage::pullSharedShapes);
    connect(m_findings, &FindingsList::nodeActivated, this, &ConvertPage::nodeActivated);
    connect(m_run, &QPushButton::clicked, this, [this] {
        if (canRun())
            emit runRequested(options(), batchVariants());
    });
    connect(m_precheckButton, &QPushButton::clicked, this, &ConvertPage::runAtcPrecheck);
    connect(m_checks, &ConvertChecks::precheckRunningChanged, this, [this](bool running) {
        if (!running)
            m_precheckTicker->stop();
        updatePrecheckButton();
    });
    connect(m_checks, &ConvertChecks::precheckFinished, this, &ConvertPage::onPrecheckFinished);
    connect(m_checks, &ConvertChecks::precheckOutdated, this, [this] {
        m_precheckStatus->setText(tr("The ATC pre-check ran for other options; run it again to see what ATC says "
                                     "about these."));
    });
    connect(m_checks, &ConvertChecks::precheckForgotten, this, &ConvertPage::hidePrecheckStatus);
    m_precheckTicker->setInterval(250);
    connect(m_precheckTicker, &QTimer::timeout, this, [this] {
        m_precheckStatus->setText(
            tr("ATC pre-check running… (%n line(s) of output)", nullptr, m_checks->precheckLines()));
    });
    m_extraFlags->setFormFlags(formFlags());
    clear();
}

QWidget* ConvertPage::buildBasic()
{
    auto* box = new QGroupBox(tr("Conversion"), this);
    auto* form = new QFormLayout(box);
    form->addRow(tr("Model:"), m_modelLabel);
    m_soc->setEditable(true);
    m_soc->setObjectName(QStringLiteral("socPicker"));
    m_soc->setToolTip(tr("--soc_version: the chip the OM will run on (npu-smi info shows it)."));
    connect(m_soc, &QComboBox::activated, this, [this] { m_socChosen = true; });
    form->addRow(tr("SoC version:"), m_soc);
    form->addRow(tr("Output folder:"),
        withBrowseButton(
            m_outDir,
            [this](const QString& current) {
                return QFileDialog::getExistingDirectory(this, tr("Output Folder"), current);
            },
            box));
    m_outName->setToolTip(tr("--output without .om; ATC appends .om."));
    form->addRow(tr("Output name:"), m_outName);
    m_shapeView->setObjectName(QStringLiteral("convertInputShapeTable"));
    m_shapeView->setModel(m_shapes);
    m_shapeView->verticalHeader()->hide();
    new InputShapeColumns(m_shapeView); // the view's child: its delegates and fitted columns
    m_shapeView->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_shapeView->setMinimumHeight(110);
    auto* shapes = new QWidget(box);
    auto* shapesLayout = new QVBoxLayout(shapes);
    shapesLayout->setContentsMargins(0, 0, 0, 0);
    shapesLayout->addWidget(m_shapeView);
    shapesLayout->addWidget(new DimSuggestionBar(m_shapes, shapes));
    form->addRow(tr("Input shapes:"), shapes);
    m_batches->setPlaceholderText(tr("e.g. 1,4,8: one static OM per batch size"));
    m_batches->setObjectName(QStringLiteral("batchVariants"));
    form->addRow(tr("Batch variants:"), m_batches);
    return box;
}

QWidget* ConvertPage::buildAdvanced()
{
    auto* box = new QGroupBox(tr("Advanced"), this);
    auto* form = new QFormLayout(box);
    m_precision->setObjectName(QStringLiteral("precisionMode"));
    m_profiles->setObjectName(QStringLiteral("profilesEditor"));
    m_profiles->setToolTip(tr("Dynamic shape profiles: set the dims to -1 in the input shapes, then list the sizes "
                              "the OM must accept (2 to 100 profiles)."));
    form->addRow(tr("Profiles:"), m_profiles);
    form->addRow(tr("Input format:"), m_inputFormat);
    form->addRow(tr("Output type:"), m_outputType);
    form->addRow(tr("Precision mode:"), m_precision);
    m_outNodes->setPlaceholderText(tr("node:0;node2:1 (select nodes in the Graph page)"));
    form->addRow(tr("Out nodes:"), m_outNodes);
    form->addRow(tr("AIPP file:"),
        withBrowseButton(
            m_aipp,
            [this](const QString& current) {
                return QFileDialog::getOpenFileName(
                    this, tr("AIPP Configuration"), current, tr("AIPP config (*.cfg);;All files (*)"));
            },
            box));
    form->addRow(tr("Log level:"), m_log);
    m_extraFlags->setObjectName(QStringLiteral("extraFlagsEditor"));
    form->addRow(tr("Other flags:"), m_extraFlags);
    return box;
}

QWidget* ConvertPage::buildPreview()
{
    auto* w = new QWidget(this);
    auto* l = new QVBoxLayout(w);
    l->addWidget(new QLabel(tr("<b>Checks</b>"), w));
    l->addWidget(m_findings, 2);
    // The list's rows are one line each: the selected finding is read in full here (wrapped, never widening the
    // page).
    m_findingDetail->setObjectName(QStringLiteral("findingDetail"));
    m_findingDetail->setWordWrap(true);
    m_findingDetail->setTextFormat(Qt::RichText);
    m_findingDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_findingDetail->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_findingDetail->setStyleSheet(QStringLiteral("QLabel { padding:4px; }"));
    l->addWidget(m_findingDetail);
    connect(m_findings, &FindingsList::currentDetailChanged, m_findingDetail, &QLabel::setText);
    m_precheckStatus->setObjectName(QStringLiteral("precheckStatus"));
    m_precheckStatus->setWordWrap(true);
    m_precheckStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_precheckStatus->hide();
    l->addWidget(m_precheckStatus);
    l->addWidget(new QLabel(tr("<b>Command</b>"), w));
    m_preview->setReadOnly(true);
    m_preview->setObjectName(QStringLiteral("commandPreview"));
    m_preview->setFont(QFont(QStringLiteral("monospace")));
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    l->addWidget(m_preview, 1);
    auto* buttons = new QHBoxLayout;
    auto* copy = new QPushButton(tr("Copy"), w);
    auto* script = new QPushButton(tr("Export .sh…"), w);
    buttons->addWidget(copy);
    buttons->addWidget(script);
    buttons->addStretch();
    m_precheckButton->setObjectName(QStringLiteral("precheckButton"));
    buttons->addWidget(m_precheckButton);
    m_run->setDefault(true);
    buttons->addWidget(m_run);
    l->addLayout(buttons);
    m_runReason->setWordWrap(true);
    m_runReason->setStyleSheet(QStringLiteral("color:%1;").arg(theme::text(theme::Tone::Error).name()));
    l->addWidget(m_runReason);
    connect(copy, &QPushButton::clicked, this,
        [this] { QApplication::clipboard()->setText(renderCommandLine(m_checks->result().invocation)); });
    connect(script, &QPushButton::clicked, this, &ConvertPage::exportScript);
    return w;
}

void ConvertPage::setModel(const OnnxModelPtr& model)
{
    m_checks->setModel(model); // forgets the pre-check: its verdict was about the model that was open
    m_restoring = true;
    m_state->setModel(model); // nothing when the window set it already for every page
    pullSharedShapes();
    updateDimLabels();
    const QFileInfo source(model->summary().path);
    m_modelLabel->setText(source.fileName());
    m_modelLabel->setToolTip(source.absoluteFilePath());
    m_recipeFolder.clear(); // a recipe restored next (setOptions) sets it again
    if (m_outDir->text().isEmpty())
        m_outDir->setText(source.absolutePath());
    m_proposedName = defaultOutputName();
    m_outName->setText(m_proposedName);
    m_restoring = false;
    schedule();
}

void ConvertPage::setTargetSelector(QWidget* selector)
{
    if (auto* box = qobject_cast<QVBoxLayout*>(layout()))
        box->insertWidget(0, selector);
}

void ConvertPage::setConvertHost(const QString& host)
{
    m_convertHost = host;
    updatePrecheckButton();
}

void ConvertPage::setToolkit(const AtcToolkit& toolkit)
{
    m_checks->setToolkit(toolkit); // another ATC forgets the pre-check: it may say otherwise
    m_extraFlags->setAvailableFlags(QStringList(toolkit.flags.cbegin(), toolkit.flags.cend()));
    const QString current = m_soc->currentText();
    m_soc->blockSignals(true);
    m_soc->clear();
    m_soc->addItems(socVersionsFor(toolkit));
    m_soc->setCurrentText(current.isEmpty() ? QStringLiteral("Ascend310P3") : current);
    m_soc->blockSignals(false);
    // The one place the page says how to find ATC (the checks and the run reason do not repeat it). A toolkit
    // that lists no SoC works but cannot be checked against: a warning, not a success.
    const bool ok = toolkit.isValid();
    const bool noSocs = ok && toolkit.socVersions.isEmpty();
    m_toolkitBanner->setText(!ok
            ? toolkitStatus(toolkit) + QStringLiteral("\n") + FindingsList::displayHint(toolkitHowTo())
            : noSocs ? toolkitStatus(toolkit) + QStringLiteral("\n")
                + tr("This toolkit lists no SoC, so the SoC list is the built-in one and the SoC is not checked "
                     "against the toolkit: check its installation (the ops package for your chip).")
                     : toolkitStatus(toolkit));
    m_toolkitBanner->setStyleSheet(QStringLiteral("QLabel { %1 padding:6px; }")
                                       .arg(theme::panel(ok && !noSocs ? theme::Tone::Success : theme::Tone::Warning)));
    updatePrecheckButton();
    schedule();
}

void ConvertPage::clear()
{
    m_checks->clear();
    m_state->clear();
    m_modelLabel->setText(tr("(no model open)"));
    m_findings->setFindings({});
    m_preview->clear();
    updateRunState();
}

void ConvertPage::hidePrecheckStatus()
{
    m_precheckTicker->stop();
    m_precheckStatus->clear();
    m_precheckStatus->hide();
}

QString ConvertPage::defaultOutputName() const
{
    if (!m_checks->model())
        return {};
    return defaultOmName(m_checks->model()->summary().path, m_soc->currentText());
}

AtcOptions ConvertPage::options() const
{
    AtcOptions o;
    o.workDir = m_workDir;
    if (m_checks->model())
        o.model = m_checks->model()->summary().path;
    if (!m_outName->text().trimmed().isEmpty())
        o.output = QDir(m_outDir->text().trimmed()).filePath(m_outName->text().trimmed());
    o.socVersion = m_soc->currentText().trimmed();
    o.inputShape = m_shapes->rowCount() > 0 ? m_shapes->specText() : QString();
    if (m_profiles->kind() != ProfilesEditor::None)
        setAtcFlagValue(o, m_profiles->flag(), m_profiles->text().trimmed());
    for (const auto& [flag, widget] : m_fields)
        setAtcFlagValue(o, flag, fieldText(widget));
    // A typed flag entered among the others sets that flag (after its field: the later one wins, as on ATC's
    // command line); the rest pass through as --name=value.
    for (const AtcExtraFlag& f : m_extraFlags->flags()) {
        if (!setAtcFlagValue(o, f.name, f.value))
            o.extraFlags.append(f);
    }
    return o;
}

void ConvertPage::setOptions(const AtcOptions& o, const QString& recipePath)
{
    m_restoring = true;
    m_recipeFolder = recipePath.isEmpty() ? QString() : QFileInfo(recipePath).absolutePath();
    if (!o.output.isEmpty()) {
        m_outDir->setText(QFileInfo(o.output).absolutePath());
        m_outName->setText(QFileInfo(o.output).fileName());
    }
    if (!o.socVersion.isEmpty())
        m_soc->setCurrentText(o.socVersion);
    if (const auto specs = parseInputShapeSpec(o.inputShape); specs.ok())
        m_shapes->setSpecs(specs.value());
    ProfilesEditor::Kind profile = ProfilesEditor::None;
    for (const ProfilesEditor::Kind kind : kProfileKinds) {
        if (!atcFlagValue(o, ProfilesEditor::flagName(kind)).isEmpty())
            profile = kind;
    }
    if (profile == ProfilesEditor::None)
        m_profiles->setKind(ProfilesEditor::None);
    else
        m_profiles->setValue(profile, atcFlagValue(o, ProfilesEditor::flagName(profile)));
    for (const auto& [flag, widget] : m_fields) {
        if (auto* box = qobject_cast<QComboBox*>(widget))
            choose(box, atcFlagValue(o, flag));
        else if (auto* line = qobject_cast<QLineEdit*>(widget))
            line->setText(atcFlagValue(o, flag));
    }
    // Typed flags this page has no field for (keep_dtype, op_select_implmode, …) are listed under Other flags, so
    // a recipe's options all survive the round trip.
    QList<AtcExtraFlag> extra;
    for (const AtcFlagInfo& flag : atcFlags()) {
        const QString value = atcFlagValue(o, flag.name);
        if (!value.isEmpty() && !formFlags().contains(flag.name) && atcFlagAppliesTo(flag.name, AtcMode::Convert))
            extra.append({ flag.name, value });
    }
    m_extraFlags->setFlags(extra + o.extraFlags);
    m_workDir = o.workDir;
    m_restoring = false;
    schedule();
}

QList<qint64> ConvertPage::batchVariants() const
{
    QList<qint64> sizes;
    for (const QString& part : m_batches->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qint64 v = part.trimmed().toLongLong(&ok);
        if (ok && v > 0 && !sizes.contains(v))
            sizes.append(v);
    }
    return sizes;
}

void ConvertPage::setField(const QString& flag, const QString& value)
{
    for (const auto& [name, widget] : m_fields) {
        if (name != flag)
            continue;
        if (auto* box = qobject_cast<QComboBox*>(widget))
            choose(box, value);
        else if (auto* line = qobject_cast<QLineEdit*>(widget))
            line->setText(value);
        return;
    }
    if (flag == QLatin1String("soc_version"))
        m_soc->setCurrentText(value);
    else if (flag == QLatin1String("output"))
        m_outName->setText(value);
    else if (flag == QLatin1String("input_shape")) {
        if (const auto specs = parseInputShapeSpec(value); specs.ok())
            m_shapes->setSpecs(specs.value());
    } else {
        for (const ProfilesEditor::Kind kind : kProfileKinds) {
            if (flag == ProfilesEditor::flagName(kind))
                m_profiles->setValue(value.isEmpty() ? ProfilesEditor::None : kind, value);
        }
    }
}

void ConvertPage::pullSharedShapes()
{
    if (m_batches->text() != m_state->batchVariantsText())
        m_batches->setText(m_state->batchVariantsText());
    if (m_profiles->flag() == m_state->profileFlag() && m_profiles->text().trimmed() == m_state->profileValue())
        return;
    ProfilesEditor::Kind kind = ProfilesEditor::None;
    for (const ProfilesEditor::Kind k : kProfileKinds) {
        if (ProfilesEditor::flagName(k) == m_state->profileFlag())
            kind = k;
    }
    m_profiles->setValue(kind, m_state->profileValue());
}

void ConvertPage::setBatchVariants(const QString& text)
{
    m_batches->setText(text);
}

void ConvertPage::preselectSoc(const QString& socVersion)
{
    if (socVersion.isEmpty() || m_socChosen)
        return;
    m_soc->setCurrentText(socVersion);
    m_socChosen = false; // still a proposal
}

void ConvertPage::setOutNodes(const QString& text)
{
    m_outNodes->setText(text);
}

QString ConvertPage::commandPreview() const
{
    return m_preview->toPlainText();
}

bool ConvertPage::isChecking() const
{
    return m_checks->isChecking();
}

void ConvertPage::schedule()
{
    if (m_restoring || !m_checks->model())
        return;
    m_checks->setOptions(options());
}

void ConvertPage::showFindings(const QList<AtcFinding>& findings)
{
    // No toolkit: the banner says it, once; the list does not repeat it.
    QList<AtcFinding> listed = findings;
    listed.removeIf([](const AtcFinding& f) { return f.rule == QLatin1String("toolkit_missing"); });
    m_findings->setFindings(listed);
    markFields(findings);
    updateSupportedFields();
    updateRunState();
    emit findingsChanged(findings);
}

void ConvertPage::runAtcPrecheck()
{
    if (m_checks->isPrechecking()) {
        m_checks->cancelPrecheck();
        return;
    }
    if (!m_checks->startPrecheck(options()))
        return;
    m_precheckTicker->start();
    m_precheckStatus->setText(tr("ATC pre-check running…"));
    m_precheckStatus->setStyleSheet(QString());
    m_precheckStatus->show();
    updatePrecheckButton();
}

bool ConvertPage::isPrechecking() const
{
    return m_checks->isPrechecking();
}

QString ConvertPage::precheckStatus() const
{
    return m_precheckStatus->text();
}

void ConvertPage::onPrecheckFinished(const PrecheckOutcome& outcome)
{
    const QString seconds = QString::number(static_cast<double>(outcome.result.durationMs) / 1000.0, 'f', 1);
    const bool stopped = outcome.result.kind == ToolResult::Kind::Cancelled;
    int rejected = 0, errors = 0;
    for (const AtcFinding& f : outcome.findings) {
        errors += f.severity == AtcSeverity::Error ? 1 : 0;
        rejected += f.severity == AtcSeverity::Error && !f.nodes.isEmpty() ? 1 : 0;
    }
    QString status;
    if (stopped)
        status = tr("ATC pre-check cancelled after %1 s.").arg(seconds);
    else if (!outcome.reportRead)
        status = tr("ATC pre-check gave no report (%1 s): see the checks above.").arg(seconds);
    else if (rejected > 0)
        status = tr("ATC pre-check rejected %n operator(s) (%1 s); they are marked on the graph.", nullptr, rejected)
                     .arg(seconds);
    else if (errors > 0)
        status = tr("ATC pre-check failed (%1 s): see the checks above.").arg(seconds);
    else
        status = tr("ATC pre-check passed (%1 s).").arg(seconds);
    if (stopped || m_checks->precheckApplies()) // else the options changed while it ran, and the status says so
        m_precheckStatus->setText(status);
    m_precheckStatus->setToolTip(outcome.commandLine + QStringLiteral("\n\n")
        + outcome.log.mid(outcome.log.size() - 30).join(QLatin1Char('\n')));
    m_precheckStatus->setStyleSheet(
        !stopped && errors > 0 ? QStringLiteral("color:%1;").arg(theme::text(theme::Tone::Error).name()) : QString());
    emit precheckFinished(outcome);
}

void ConvertPage::updatePrecheckButton()
{
    const bool running = m_checks->isPrechecking();
    m_precheckButton->setText(running ? tr("Cancel Pre-check") : tr("ATC Pre-check"));
    m_precheckButton->setEnabled(running || (m_convertHost.isEmpty() && m_checks->canPrecheck()));
    m_precheckButton->setToolTip(running ? tr("Stop ATC's pre-check.")
            : !m_convertHost.isEmpty()
            ? tr("ATC's own pre-check (atc --mode=3) runs with this machine's toolkit only: choose Convert on: This "
                 "machine to run it. The checks above use %1's toolkit.")
                  .arg(m_convertHost)
            : !toolkit().isValid() ? tr("ATC's own pre-check (atc --mode=3) needs an installed toolkit (see the notice "
                                        "at the top of this page).")
                                   : tr("Run ATC's own pre-check (atc --mode=3) on these options and add what it "
                                        "reports to the checks."));
}

bool ConvertPage::canRun() const
{
    return runBlockedReason().isEmpty();
}

QString ConvertPage::runBlockedReason() const
{
    if (!m_checks->model())
        return tr("Open a model first.");
    if (!toolkit().isValid())
        return tr("No ATC was found (see the notice at the top of the Convert page)."); // the ATC Run page shows it too
    if (const QString name = m_outName->text().trimmed(); !name.isEmpty()) { // empty: output_required says so
        if (const QString problem = plainFileNameProblem(name, tr("The output name")); !problem.isEmpty())
            return problem;
    }
    for (const AtcFinding& f : lastCheck().findings) {
        if (f.severity == AtcSeverity::Error)
            return tr("Fix the errors above first: %1").arg(f.message);
    }
    if (lastCheck().invocation.program.isEmpty())
        return tr("Checking…");
    return {};
}

QString ConvertPage::findingDetail() const
{
    return m_findings->detailText();
}

QString ConvertPage::recipeNotice() const
{
    return m_recipeNotice->isHidden() ? QString() : m_recipeNotice->text();
}

// Shown while the form holds a recipe's options and the output folder is not the recipe's own: opening a recipe
// someone else wrote must not write somewhere unexpected without saying so first.
void ConvertPage::updateRecipeNotice()
{
    const QString folder = QDir::cleanPath(QFileInfo(m_outDir->text().trimmed()).absoluteFilePath());
    const bool elsewhere = !m_recipeFolder.isEmpty() && !m_outDir->text().trimmed().isEmpty()
        && folder != QDir::cleanPath(m_recipeFolder);
    m_recipeNotice->setText(elsewhere
            ? tr("This recipe writes to %1 — not the folder it was opened from (%2). "
                 "Check the output folder before you run.")
                  .arg(QDir::toNativeSeparators(folder), QDir::toNativeSeparators(m_recipeFolder))
            : QString());
    m_recipeNotice->setVisible(elsewhere);
}

void ConvertPage::updateRunState()
{
    updateRecipeNotice();
    updatePrecheckButton();
    const QString reason = runBlockedReason();
    m_run->setEnabled(reason.isEmpty());
    m_run->setToolTip(reason);
    m_runReason->setText(reason);
    const QList<qint64> batches = batchVariants();
    m_run->setText(batches.size() > 1 ? tr("Run ATC (%n variants)", nullptr, int(batches.size())) : tr("Run ATC"));
}

// The flags this page has fields for; every other flag of AtcOptions goes through "Other flags".
QStringList ConvertPage::formFlags() const
{
    QStringList flags { QStringLiteral("model"), QStringLiteral("output"), QStringLiteral("soc_version"),
        QStringLiteral("input_shape") };
    for (const ProfilesEditor::Kind kind : kProfileKinds)
        flags.append(ProfilesEditor::flagName(kind));
    for (const auto& field : m_fields)
        flags.append(field.first);
    return flags;
}

QWidget* ConvertPage::fieldWidget(const QString& flag) const
{
    for (const auto& [name, widget] : m_fields) {
        if (name == flag)
            return widget;
    }
    if (flag == QLatin1String("soc_version"))
        return m_soc;
    if (flag == QLatin1String("output"))
        return m_outName;
    if (flag == QLatin1String("input_shape"))
        return m_shapeView;
    for (const ProfilesEditor::Kind kind : kProfileKinds) {
        if (flag == ProfilesEditor::flagName(kind))
            return m_profiles;
    }
    // Flags entered under "Other flags" (e.g. one this ATC's --help does not list) are marked on that table.
    for (const AtcExtraFlag& f : m_extraFlags->flags()) {
        if (f.name == flag)
            return m_extraFlags->table();
    }
    return nullptr;
}

void ConvertPage::updateSupportedFields()
{
    const AtcOptions o = options();
    for (const auto& [flag, w] : m_fields) {
        const bool supported = toolkit().supportsFlag(flag);
        w->setEnabled(supported || !atcFlagValue(o, flag).isEmpty());
        if (!supported && w->property("wbFinding").toString().isEmpty())
            w->setToolTip(tr("This ATC's --help does not list --%1.").arg(flag));
    }
    // Profile kinds (the current one always stays selectable).
    for (const ProfilesEditor::Kind kind : kProfileKinds) {
        const bool supported = toolkit().supportsFlag(ProfilesEditor::flagName(kind));
        m_profiles->setKindAvailable(
            kind, supported, tr("This ATC's --help does not list --%1.").arg(ProfilesEditor::flagName(kind)));
    }
}

void ConvertPage::updateDimLabels()
{
    QStringList labels;
    if (const auto specs = m_shapes->specs(); specs.ok()) {
        for (const InputShapeSpec& spec : specs.value()) {
            for (qsizetype i = 0; i < spec.dims.size(); ++i) {
                if (spec.dims.at(i).min == -1 && spec.dims.at(i).max == -1)
                    labels.append(QStringLiteral("%1[%2]").arg(spec.name).arg(i));
            }
        }
    }
    m_profiles->setDimLabels(labels);
}

void ConvertPage::markFields(const QList<AtcFinding>& findings)
{
    // Clear, then mark each field with its worst finding: a coloured frame and the message as tooltip.
    QSet<QWidget*> all;
    for (const QString& flag : formFlags()) {
        if (QWidget* w = fieldWidget(flag))
            all.insert(w);
    }
    all.insert(m_extraFlags->table());
    all.remove(m_profiles); // marks itself (its kind picker), see below
    m_profiles->setFinding({});
    m_profiles->setProperty("wbFinding", QString());
    struct Mark {
        QString styleSheet, text;
    };
    QHash<QWidget*, Mark> marks;
    for (const AtcFinding& f : sortedBySeverity(findings)) {
        QWidget* w = fieldWidget(f.field);
        if (!w || marks.contains(w) || f.severity == AtcSeverity::Info)
            continue;
        // The theme's colours: readable on the light and the dark palette.
        const QColor color = theme::text(f.severity == AtcSeverity::Error ? theme::Tone::Error : theme::Tone::Warning);
        const QString fix = FindingsList::displayHint(f.fix);
        const QString text = fix.isEmpty() ? f.message : f.message + QStringLiteral("\n→ ") + fix;
        if (w == m_profiles) {
            m_profiles->setFinding(text, color);
            w->setProperty("wbFinding", text);
            marks.insert(w, {});
            continue;
        }
        marks.insert(w, { QStringLiteral("border: 2px solid %1;").arg(color.name()), text });
    }
    for (auto it = marks.cbegin(); it != marks.cend(); ++it) {
        if (it.key() != m_profiles)
            all.insert(it.key());
    }
    // Only what changed: setting a style sheet, even an empty one, re-polishes the widget (~1 ms each, and this runs
    // after every check).
    for (QWidget* w : all) {
        const Mark mark = marks.value(w);
        if (w->styleSheet() != mark.styleSheet)
            w->setStyleSheet(mark.styleSheet);
        if (w->toolTip() != mark.text)
            w->setToolTip(mark.text);
        w->setProperty("wbFinding", mark.text);
    }
}

QString ConvertPage::fieldMessage(const QString& flag) const
{
    const QWidget* w = fieldWidget(flag);
    return w ? w->property("wbFinding").toString() : QString();
}

void ConvertPage::exportScript()
{
    if (lastCheck().invocation.program.isEmpty())
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Command"),
        QDir(m_outDir->text()).filePath(m_outName->text() + QStringLiteral(".sh")), tr("Shell scripts (*.sh)"));
    if (path.isEmpty())
        return;
    const auto written = writeShellScript(lastCheck().invocation, path);
    if (!written.ok())
        m_runReason->setText(written.error().message);
}

} // namespace wb
