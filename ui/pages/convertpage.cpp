#include "convertpage.h"

#include "delegates/shapedelegate.h"
#include "delegates/staticshapedelegate.h"
#include "models/inputshapemodel.h"
#include "util/latestonly.h"
#include "widgets/findingslist.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QSet>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace wb {

namespace {

constexpr int kDebounceMs = 300;

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

void choose(QComboBox* box, const QString& value)
{
    int index = box->findData(value);
    if (index < 0 && !value.isEmpty()) {
        box->addItem(value, value);
        index = box->count() - 1;
    }
    box->setCurrentIndex(std::max(index, 0));
}

QWidget* withBrowse(QLineEdit* edit, QPushButton* button, QWidget* parent)
{
    auto* w = new QWidget(parent);
    auto* l = new QHBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(edit, 1);
    l->addWidget(button);
    return w;
}

const char* const kProfileFlags[] = { "", "dynamic_batch_size", "dynamic_image_size", "dynamic_dims" };

} // namespace

ConvertPage::ConvertPage(QWidget* parent)
    : QWidget(parent)
    , m_shapes(new InputShapeModel(this))
    , m_runner(new LatestOnlyRunner(this))
    , m_debounce(new QTimer(this))
    , m_toolkitBanner(new QLabel(this))
    , m_modelLabel(new QLabel(this))
    , m_soc(new QComboBox(this))
    , m_outDir(new QLineEdit(this))
    , m_outName(new QLineEdit(this))
    , m_batches(new QLineEdit(this))
    , m_shapeView(new QTableView(this))
    , m_profileKind(new QComboBox(this))
    , m_profile(new QLineEdit(this))
    , m_inputFormat(choice({ QStringLiteral("NCHW"), QStringLiteral("ND"), QStringLiteral("NCDHW") }, this))
    , m_outputType(choice({ QStringLiteral("FP32"), QStringLiteral("FP16"), QStringLiteral("UINT8"), QStringLiteral("INT8") }, this))
    , m_precision(choice({ QStringLiteral("force_fp16"), QStringLiteral("allow_fp32_to_fp16"), QStringLiteral("force_fp32"),
                             QStringLiteral("must_keep_origin_dtype"), QStringLiteral("allow_mix_precision") },
          this))
    , m_outNodes(new QLineEdit(this))
    , m_aipp(new QLineEdit(this))
    , m_log(choice({ QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("warning"), QStringLiteral("error"),
                       QStringLiteral("null") },
          this))
    , m_extra(new QLineEdit(this))
    , m_findings(new FindingsList(this))
    , m_preview(new QPlainTextEdit(this))
    , m_runReason(new QLabel(this))
    , m_run(new QPushButton(tr("Run ATC"), this))
{
    setObjectName(QStringLiteral("convertPage"));
    m_shapes->setAllowDynamic(true);
    auto* layout = new QVBoxLayout(this);
    m_toolkitBanner->setObjectName(QStringLiteral("toolkitBanner"));
    m_toolkitBanner->setWordWrap(true);
    m_toolkitBanner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_toolkitBanner);

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

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &ConvertPage::runCheck);
    for (QLineEdit* e : { m_outDir, m_outName, m_batches, m_profile, m_outNodes, m_aipp, m_extra })
        connect(e, &QLineEdit::textChanged, this, &ConvertPage::schedule);
    for (QComboBox* c : { m_soc, m_profileKind, m_inputFormat, m_outputType, m_precision, m_log })
        connect(c, &QComboBox::currentTextChanged, this, &ConvertPage::schedule);
    connect(m_shapes, &InputShapeModel::specsChanged, this, &ConvertPage::schedule);
    connect(m_findings, &FindingsList::nodeActivated, this, &ConvertPage::nodeActivated);
    connect(m_run, &QPushButton::clicked, this, [this] {
        if (canRun())
            emit runRequested(options(), batchVariants());
    });
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
    auto* browse = new QPushButton(tr("Browse…"), box);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Output Folder"), m_outDir->text());
        if (!dir.isEmpty())
            m_outDir->setText(dir);
    });
    form->addRow(tr("Output folder:"), withBrowse(m_outDir, browse, box));
    m_outName->setToolTip(tr("--output without .om; ATC appends .om."));
    form->addRow(tr("Output name:"), m_outName);
    m_shapeView->setModel(m_shapes);
    m_shapeView->verticalHeader()->hide();
    m_shapeView->horizontalHeader()->setStretchLastSection(true);
    m_shapeView->setItemDelegateForColumn(InputShapeModel::ModelShapeColumn, new ShapeDelegate(m_shapeView));
    m_shapeView->setItemDelegateForColumn(InputShapeModel::StaticShapeColumn, new StaticShapeDelegate(m_shapeView));
    m_shapeView->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_shapeView->setMinimumHeight(110);
    form->addRow(tr("Input shapes:"), m_shapeView);
    m_batches->setPlaceholderText(tr("e.g. 1,4,8: one static OM per batch size"));
    m_batches->setObjectName(QStringLiteral("batchVariants"));
    form->addRow(tr("Batch variants:"), m_batches);
    return box;
}

QWidget* ConvertPage::buildAdvanced()
{
    auto* box = new QGroupBox(tr("Advanced"), this);
    auto* form = new QFormLayout(box);
    m_profileKind->addItems({ tr("None (static shapes)"), tr("Dynamic batch"), tr("Dynamic image size"), tr("Dynamic dims") });
    auto* profileRow = new QWidget(box);
    auto* pl = new QHBoxLayout(profileRow);
    pl->setContentsMargins(0, 0, 0, 0);
    pl->addWidget(m_profileKind);
    pl->addWidget(m_profile, 1);
    m_profile->setPlaceholderText(tr("1,2,4,8  |  224,224;448,448  |  1,224;2,448"));
    form->addRow(tr("Profiles:"), profileRow);
    form->addRow(tr("Input format:"), m_inputFormat);
    form->addRow(tr("Output type:"), m_outputType);
    form->addRow(tr("Precision mode:"), m_precision);
    m_outNodes->setPlaceholderText(tr("node:0;node2:1 (select nodes in the Graph page)"));
    form->addRow(tr("Out nodes:"), m_outNodes);
    auto* browse = new QPushButton(tr("Browse…"), box);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("AIPP Configuration"), m_aipp->text(), tr("AIPP config (*.cfg);;All files (*)"));
        if (!f.isEmpty())
            m_aipp->setText(f);
    });
    form->addRow(tr("AIPP file:"), withBrowse(m_aipp, browse, box));
    form->addRow(tr("Log level:"), m_log);
    m_extra->setPlaceholderText(tr("--flag=value --other=value (any flag `atc --help` lists)"));
    form->addRow(tr("Other flags:"), m_extra);
    return box;
}

QWidget* ConvertPage::buildPreview()
{
    auto* w = new QWidget(this);
    auto* l = new QVBoxLayout(w);
    l->addWidget(new QLabel(tr("<b>Checks</b>"), w));
    l->addWidget(m_findings, 2);
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
    m_run->setDefault(true);
    buttons->addWidget(m_run);
    l->addLayout(buttons);
    m_runReason->setWordWrap(true);
    m_runReason->setStyleSheet(QStringLiteral("color:#9b1c1c;"));
    l->addWidget(m_runReason);
    connect(copy, &QPushButton::clicked, this,
        [this] { QApplication::clipboard()->setText(renderCommandLine(m_check.invocation)); });
    connect(script, &QPushButton::clicked, this, &ConvertPage::exportScript);
    return w;
}

void ConvertPage::setModel(const OnnxModelPtr& model)
{
    m_restoring = true;
    m_model = model;
    m_shapes->setInputs(model->summary().inputs);
    m_shapeView->resizeColumnsToContents();
    const QFileInfo source(model->summary().path);
    m_modelLabel->setText(source.fileName());
    m_modelLabel->setToolTip(source.absoluteFilePath());
    if (m_outDir->text().isEmpty())
        m_outDir->setText(source.absolutePath());
    m_outName->setText(defaultOutputName());
    m_restoring = false;
    schedule();
}

void ConvertPage::setToolkit(const AtcToolkit& toolkit)
{
    m_toolkit = toolkit;
    const QString current = m_soc->currentText();
    m_soc->blockSignals(true);
    m_soc->clear();
    m_soc->addItems(socVersionsFor(toolkit));
    m_soc->setCurrentText(current.isEmpty() ? QStringLiteral("Ascend310P3") : current);
    m_soc->blockSignals(false);
    const bool ok = toolkit.isValid();
    m_toolkitBanner->setText(ok ? toolkitStatus(toolkit) : toolkitStatus(toolkit) + QStringLiteral("\n") + toolkitHowTo());
    m_toolkitBanner->setStyleSheet(ok ? QStringLiteral("QLabel { background:#e8f5e9; border:1px solid #9ccc9c; padding:6px; }")
                                      : QStringLiteral("QLabel { background:#fff3d6; border:1px solid #e6b34a; padding:6px; }"));
    schedule();
}

void ConvertPage::clear()
{
    m_model.reset();
    m_runner->discard();
    m_shapes->setInputs({});
    m_modelLabel->setText(tr("(no model open)"));
    m_findings->setFindings({});
    m_preview->clear();
    m_check = {};
    updateRunState();
}

QString ConvertPage::defaultOutputName() const
{
    if (!m_model)
        return {};
    const QString soc = m_soc->currentText().trimmed();
    return QFileInfo(m_model->summary().path).completeBaseName() + (soc.isEmpty() ? QString() : QLatin1Char('_') + soc);
}

AtcOptions ConvertPage::options() const
{
    AtcOptions o;
    if (m_model)
        o.model = m_model->summary().path;
    if (!m_outName->text().trimmed().isEmpty())
        o.output = QDir(m_outDir->text().trimmed()).filePath(m_outName->text().trimmed());
    o.socVersion = m_soc->currentText().trimmed();
    o.inputShape = m_shapes->rowCount() > 0 ? m_shapes->specText() : QString();
    const int profile = m_profileKind->currentIndex();
    if (profile > 0)
        setAtcFlagValue(o, QString::fromLatin1(kProfileFlags[profile]), m_profile->text().trimmed());
    o.inputFormat = chosen(m_inputFormat);
    o.outputType = chosen(m_outputType);
    o.precisionMode = chosen(m_precision);
    o.outNodes = m_outNodes->text().trimmed();
    o.insertOpConf = m_aipp->text().trimmed();
    o.log = chosen(m_log);
    for (QString part : m_extra->text().split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        while (part.startsWith(QLatin1Char('-')))
            part.remove(0, 1);
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        const QString name = eq < 0 ? part : part.left(eq);
        const QString value = eq < 0 ? QString() : part.mid(eq + 1);
        if (!setAtcFlagValue(o, name, value))
            o.extraFlags.append({ name, value });
    }
    return o;
}

void ConvertPage::setOptions(const AtcOptions& o)
{
    m_restoring = true;
    if (!o.output.isEmpty()) {
        m_outDir->setText(QFileInfo(o.output).absolutePath());
        m_outName->setText(QFileInfo(o.output).fileName());
    }
    if (!o.socVersion.isEmpty())
        m_soc->setCurrentText(o.socVersion);
    if (const auto specs = parseInputShapeSpec(o.inputShape); specs.ok())
        m_shapes->setSpecs(specs.value());
    int profile = 0;
    for (int i = 1; i < 4; ++i) {
        if (!atcFlagValue(o, QString::fromLatin1(kProfileFlags[i])).isEmpty())
            profile = i;
    }
    m_profileKind->setCurrentIndex(profile);
    m_profile->setText(profile ? atcFlagValue(o, QString::fromLatin1(kProfileFlags[profile])) : QString());
    choose(m_inputFormat, o.inputFormat);
    choose(m_outputType, o.outputType);
    choose(m_precision, o.precisionMode);
    m_outNodes->setText(o.outNodes);
    m_aipp->setText(o.insertOpConf);
    choose(m_log, o.log);
    QStringList extra;
    for (const AtcExtraFlag& f : o.extraFlags)
        extra.append(QStringLiteral("--%1=%2").arg(f.name, f.value));
    m_extra->setText(extra.join(QLatin1Char(' ')));
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
    if (flag == QLatin1String("soc_version"))
        m_soc->setCurrentText(value);
    else if (flag == QLatin1String("output"))
        m_outName->setText(value);
    else if (flag == QLatin1String("out_nodes"))
        m_outNodes->setText(value);
    else if (flag == QLatin1String("insert_op_conf"))
        m_aipp->setText(value);
    else if (flag == QLatin1String("input_shape")) {
        if (const auto specs = parseInputShapeSpec(value); specs.ok())
            m_shapes->setSpecs(specs.value());
    } else {
        for (int i = 1; i < 4; ++i) {
            if (flag == QLatin1String(kProfileFlags[i])) {
                m_profileKind->setCurrentIndex(i);
                m_profile->setText(value);
            }
        }
    }
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
    return m_debounce->isActive() || m_runner->isBusy();
}

void ConvertPage::schedule()
{
    if (m_restoring || !m_model)
        return;
    m_debounce->start();
}

void ConvertPage::runCheck()
{
    if (!m_model)
        return;
    const AtcOptions o = options();
    const OnnxModelPtr model = m_model;
    const AtcToolkit toolkit = m_toolkit;
    m_run->setEnabled(false);
    m_runReason->setText(tr("Checking…"));
    m_runner->submit<AtcCheckResult>([o, model, toolkit] { return checkConversion(o, *model, toolkit); },
        [this](const AtcCheckResult& result) {
            m_check = result;
            m_findings->setFindings(result.findings);
            markFields(result.findings);
            m_preview->setPlainText(renderCommandLine(result.invocation, true));
            updateRunState();
            emit findingsChanged(result.findings);
            emit checked();
        });
}

bool ConvertPage::canRun() const
{
    return runBlockedReason().isEmpty();
}

QString ConvertPage::runBlockedReason() const
{
    if (!m_model)
        return tr("Open a model first.");
    if (!m_toolkit.isValid())
        return tr("No ATC was found: %1").arg(toolkitHowTo());
    for (const AtcFinding& f : m_check.findings) {
        if (f.severity == AtcSeverity::Error)
            return tr("Fix the errors above first: %1").arg(f.message);
    }
    if (m_check.invocation.program.isEmpty())
        return tr("Checking…");
    return {};
}

void ConvertPage::updateRunState()
{
    const QString reason = runBlockedReason();
    m_run->setEnabled(reason.isEmpty());
    m_run->setToolTip(reason);
    m_runReason->setText(reason);
    const QList<qint64> batches = batchVariants();
    m_run->setText(batches.size() > 1 ? tr("Run ATC (%n variants)", nullptr, int(batches.size())) : tr("Run ATC"));
}

QWidget* ConvertPage::fieldWidget(const QString& flag) const
{
    const QHash<QString, QWidget*> widgets {
        { QStringLiteral("soc_version"), m_soc },
        { QStringLiteral("output"), m_outName },
        { QStringLiteral("input_shape"), m_shapeView },
        { QStringLiteral("dynamic_batch_size"), m_profile },
        { QStringLiteral("dynamic_image_size"), m_profile },
        { QStringLiteral("dynamic_dims"), m_profile },
        { QStringLiteral("input_format"), m_inputFormat },
        { QStringLiteral("output_type"), m_outputType },
        { QStringLiteral("precision_mode"), m_precision },
        { QStringLiteral("out_nodes"), m_outNodes },
        { QStringLiteral("insert_op_conf"), m_aipp },
        { QStringLiteral("log"), m_log },
    };
    return widgets.value(flag, nullptr);
}

void ConvertPage::markFields(const QList<AtcFinding>& findings)
{
    // Clear, then mark each field with its worst finding: a coloured frame and the message as tooltip.
    QSet<QWidget*> all;
    for (const QString& flag : { QStringLiteral("soc_version"), QStringLiteral("output"), QStringLiteral("input_shape"),
             QStringLiteral("dynamic_dims"), QStringLiteral("input_format"), QStringLiteral("output_type"),
             QStringLiteral("precision_mode"), QStringLiteral("out_nodes"), QStringLiteral("insert_op_conf"),
             QStringLiteral("log") })
        all.insert(fieldWidget(flag));
    for (QWidget* w : all) {
        w->setStyleSheet(QString());
        w->setToolTip(QString());
        w->setProperty("wbFinding", QString());
    }
    for (const AtcFinding& f : sortedBySeverity(findings)) {
        QWidget* w = fieldWidget(f.field);
        if (!w || !w->property("wbFinding").toString().isEmpty() || f.severity == AtcSeverity::Info)
            continue;
        const QString color = f.severity == AtcSeverity::Error ? QStringLiteral("#d32f2f") : QStringLiteral("#e0a100");
        w->setStyleSheet(QStringLiteral("border: 2px solid %1;").arg(color));
        const QString text = f.fix.isEmpty() ? f.message : f.message + QStringLiteral("\n→ ") + f.fix;
        w->setToolTip(text);
        w->setProperty("wbFinding", text);
    }
}

QString ConvertPage::fieldMessage(const QString& flag) const
{
    const QWidget* w = fieldWidget(flag);
    return w ? w->property("wbFinding").toString() : QString();
}

void ConvertPage::exportScript()
{
    if (m_check.invocation.program.isEmpty())
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Command"),
        QDir(m_outDir->text()).filePath(m_outName->text() + QStringLiteral(".sh")), tr("Shell scripts (*.sh)"));
    if (path.isEmpty())
        return;
    const auto written = writeShellScript(m_check.invocation, path);
    if (!written.ok())
        m_runReason->setText(written.error().message);
}

} // namespace wb
