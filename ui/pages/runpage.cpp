#include "runpage.h"

#include "profile/msprofrun.h"

#include "theme.h"

#include "charts/latencycharts.h"
#include "models/modelshapes.h"
#include "remote/omrunnerhost.h"
#include "run/benchtext.h"
#include "run/runhistory.h"
#include "util/atomicfile.h"
#include "util/latestonly.h"
#include "util/units.h"
#include "widgets/strategypanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <utility>

namespace wb {

namespace {

// A run that could not start: no runner on the host, or cancelled while om-runner was being prepared there.
BenchResult failedBeforeRunning(const Error& error)
{
    BenchResult r;
    r.ok = false;
    r.errorCode = error.code;
    r.error = error.message;
    return r;
}

// The host a run went to ("" for this machine): BenchRun writes host "NAME (destination)" and toolkit "… on NAME".
QString remoteHostOf(const BenchResult& r)
{
    const QString name = r.host.section(QStringLiteral(" ("), 0, 0);
    return !name.isEmpty() && r.toolkit.endsWith(QStringLiteral(" on ") + name) ? name : QString();
}

QString describe(const BenchResult& r)
{
    const QString host = remoteHostOf(r);
    return QStringLiteral("%1 · b%2 · %3 · %4 · mean %5")
        .arg(QFileInfo(r.model).fileName())
        .arg(r.batch)
        .arg(host.isEmpty() ? r.target : QStringLiteral("%1 %2").arg(host, r.target), r.runner)
        .arg(formatMs(r.stats.mean));
}

QString seconds(double s)
{
    return s >= 90 ? QObject::tr("%1 min").arg(qRound(s / 60)) : QObject::tr("%1 s").arg(qMax(1, qRound(s)));
}

} // namespace

RunPage::RunPage(QWidget* parent)
    : RunPage(nullptr, parent)
{
}

RunPage::RunPage(ModelShapes* shapes, QWidget* parent)
    : QWidget(parent)
    , m_state(shapes ? shapes : new ModelShapes(this))
    , m_run(new BenchRun(this))
    , m_target(new QComboBox(this))
    , m_modelPath(new QComboBox(this))
    , m_runner(new QComboBox(this))
    , m_warmup(new QSpinBox(this))
    , m_loops(new QSpinBox(this))
    , m_inputs(new QComboBox(this))
    , m_shapes(new QLineEdit(this))
    , m_outputDir(new QLineEdit(this))
    , m_outputHint(new QLabel(this))
    , m_profileOps(new QCheckBox(tr("Profile operators"), this))
    , m_underMsprof(new QCheckBox(tr("Run under msprof"), this))
    , m_start(new QPushButton(tr("Run"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_status(new QLabel(this))
    , m_shapesError(new QLabel(this))
    , m_warnings(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_timeBudget(new QDoubleSpinBox(this))
    , m_progressTicker(new QTimer(this))
    , m_historyIo(new LatestOnlyRunner(this))
    , m_stats(new QTableWidget(9, 2, this))
    , m_charts(new LatencyCharts(this))
    , m_runs(new QListWidget(this))
    , m_budget(new QDoubleSpinBox(this))
    , m_strategies(new StrategyPanel(this))
{
    setObjectName(QStringLiteral("runPage"));
    auto* layout = new QHBoxLayout(this);
    auto* left = new QWidget(this);
    left->setMaximumWidth(380);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto* formBox = new QGroupBox(tr("Run"), left);
    auto* form = new QFormLayout(formBox);
    m_target->addItem(tr("CPU (ONNX Runtime)"), QStringLiteral("cpu"));
    auto* targetRow = new QHBoxLayout;
    targetRow->addWidget(m_target, 1);
    auto* refreshTargets = new QPushButton(tr("Refresh"), formBox);
    refreshTargets->setObjectName(QStringLiteral("refreshTargets"));
    refreshTargets->setToolTip(tr("Ask the hosts of Tools > Settings > Hosts for their NPUs again"));
    connect(refreshTargets, &QPushButton::clicked, this, &RunPage::hostsRefreshRequested);
    targetRow->addWidget(refreshTargets);
    form->addRow(tr("Target:"), targetRow);
    m_modelPath->setEditable(true);
    m_modelPath->setObjectName(QStringLiteral("runModel"));
    auto* browse = new QPushButton(tr("…"), formBox);
    browse->setMaximumWidth(32);
    auto* modelRow = new QHBoxLayout;
    modelRow->addWidget(m_modelPath, 1);
    modelRow->addWidget(browse);
    form->addRow(tr("Model:"), modelRow);
    m_runner->addItem(tr("Automatic"), int(BenchRequest::Runner::Auto));
    m_runner->addItem(QStringLiteral("ONNX Runtime"), int(BenchRequest::Runner::OnnxRuntime));
    m_runner->addItem(QStringLiteral("om-runner"), int(BenchRequest::Runner::OmRunner));
    m_runner->addItem(QStringLiteral("ais_bench"), int(BenchRequest::Runner::AisBench));
    m_runner->addItem(QStringLiteral("msame"), int(BenchRequest::Runner::Msame));
    form->addRow(tr("Runner:"), m_runner);
    m_target->setObjectName(QStringLiteral("runTarget"));
    m_warmup->setObjectName(QStringLiteral("runWarmup"));
    m_warmup->setRange(0, 10000);
    m_warmup->setValue(BenchRequest().warmup); // the defaults of `atcwb bench` too
    form->addRow(tr("Warm-up:"), m_warmup);
    m_loops->setObjectName(QStringLiteral("runLoops"));
    m_loops->setRange(1, BenchRequest::kBudgetLoops);
    m_loops->setValue(BenchRequest().loops);
    form->addRow(tr("Loops:"), m_loops);
    m_timeBudget->setObjectName(QStringLiteral("runTimeBudget"));
    m_timeBudget->setRange(0, 86400);
    m_timeBudget->setDecimals(0);
    m_timeBudget->setSuffix(tr(" s"));
    m_timeBudget->setSpecialValueText(tr("none (run the loops)"));
    m_timeBudget->setToolTip(tr("Time iterations for this long instead of a loop count (after the warm-up); "
                                "atcwb bench --time-budget does the same."));
    form->addRow(tr("Time budget:"), m_timeBudget);
    connect(m_timeBudget, &QDoubleSpinBox::valueChanged, this, [this](double v) { m_loops->setEnabled(v <= 0); });
    m_inputs->addItems({ QStringLiteral("zeros"), QStringLiteral("random") });
    form->addRow(tr("Input data:"), m_inputs);
    m_shapes->setObjectName(QStringLiteral("runInputShapes"));
    m_shapes->setPlaceholderText(tr("input:1,3,224,224 (for dynamic ONNX inputs)"));
    m_shapes->setToolTip(tr("The model's input shapes, the same as on the Shapes and Convert pages: an edit here "
                            "changes them there too. Dims left open run as 1."));
    form->addRow(tr("Input shapes:"), m_shapes);
    m_shapesError->setObjectName(QStringLiteral("runInputShapesError"));
    m_shapesError->setWordWrap(true);
    m_shapesError->setStyleSheet(QStringLiteral("color:%1;").arg(theme::text(theme::Tone::Error).name()));
    m_shapesError->hide();
    form->addRow(m_shapesError);
    m_outputDir->setObjectName(QStringLiteral("runOutputDir"));
    m_outputDir->setPlaceholderText(tr("(not kept)"));
    m_outputDir->setToolTip(tr("Keep the last iteration's outputs in this folder (output_N.pb from ONNX Runtime, "
                               "output_N.bin from the NPU runners) for Tools > Compare Outputs."));
    auto* outputBrowse = new QPushButton(tr("…"), formBox);
    outputBrowse->setMaximumWidth(32);
    connect(outputBrowse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Keep Outputs In"), m_outputDir->text());
        if (!dir.isEmpty())
            m_outputDir->setText(dir);
    });
    auto* outputRow = new QHBoxLayout;
    outputRow->addWidget(m_outputDir, 1);
    outputRow->addWidget(outputBrowse);
    form->addRow(tr("Save outputs to:"), outputRow);
    m_outputHint->setObjectName(QStringLiteral("runOutputHint"));
    m_outputHint->setWordWrap(true);
    m_outputHint->setText(tr("msame and ais_bench draw their own random inputs: to compare their outputs with ONNX "
                             "Runtime's, run both on zeros or on the same input files."));
    m_outputHint->setStyleSheet(QStringLiteral("color:%1;").arg(theme::text(theme::Tone::Warning).name()));
    m_outputHint->hide();
    form->addRow(m_outputHint);
    // om-runner and ONNX Runtime share one generator; msame and ais_bench do not.
    auto updateHint = [this] {
        const auto runner = static_cast<BenchRequest::Runner>(m_runner->currentData().toInt());
        const bool ownRandom = runner == BenchRequest::Runner::Msame || runner == BenchRequest::Runner::AisBench;
        m_outputHint->setVisible(ownRandom && !m_outputDir->text().trimmed().isEmpty()
            && m_inputs->currentText() == QLatin1String("random"));
    };
    connect(m_outputDir, &QLineEdit::textChanged, this, updateHint);
    connect(m_runner, &QComboBox::currentIndexChanged, this, updateHint);
    connect(m_inputs, &QComboBox::currentTextChanged, this, updateHint);
    // Per-operator NPU time: om-runner's AscendCL model subscription, or any NPU runner under msprof.
    m_profileOps->setObjectName(QStringLiteral("runProfileOps"));
    m_profileOps->setToolTip(tr("om-runner records each operator's NPU time (AscendCL model subscription); the "
                                "Profile page shows them when the run ends."));
    m_underMsprof->setObjectName(QStringLiteral("runUnderMsprof"));
    auto* profileRow = new QHBoxLayout;
    profileRow->addWidget(m_profileOps);
    profileRow->addWidget(m_underMsprof);
    form->addRow(profileRow);
    auto updateProfiling = [this] {
        const bool npu = m_target->currentData().toString() != QLatin1String("cpu");
        const auto runner = static_cast<BenchRequest::Runner>(m_runner->currentData().toInt());
        const bool omRunner = runner == BenchRequest::Runner::OmRunner || runner == BenchRequest::Runner::Auto;
        m_profileOps->setEnabled(npu && omRunner && !m_underMsprof->isChecked());
        const bool msprof = !findMsprof({}).isEmpty();
        m_underMsprof->setEnabled(npu && msprof && !m_profileOps->isChecked());
        m_underMsprof->setToolTip(msprof
                ? tr("Run the runner under msprof and open its op_summary on the Profile page.")
                : tr("msprof was not found (PATH, the toolkit's tools/profiler/bin)."));
    };
    connect(m_target, &QComboBox::currentIndexChanged, this, updateProfiling);
    connect(m_runner, &QComboBox::currentIndexChanged, this, updateProfiling);
    connect(m_profileOps, &QCheckBox::toggled, this, updateProfiling);
    connect(m_underMsprof, &QCheckBox::toggled, this, updateProfiling);
    updateProfiling();
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_cancel);
    form->addRow(buttons);
    m_progress->setObjectName(QStringLiteral("runProgress"));
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    m_progress->hide();
    form->addRow(m_progress);
    m_status->setObjectName(QStringLiteral("runStatus"));
    m_status->setWordWrap(true);
    form->addRow(m_status);
    m_warnings->setObjectName(QStringLiteral("runWarnings"));
    m_warnings->setWordWrap(true);
    m_warnings->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warnings->setStyleSheet(QStringLiteral("color:%1;").arg(theme::text(theme::Tone::Warning).name()));
    m_warnings->hide();
    form->addRow(m_warnings);
    leftLayout->addWidget(formBox);

    m_stats->setObjectName(QStringLiteral("percentileTable"));
    m_stats->horizontalHeader()->hide();
    m_stats->verticalHeader()->hide();
    m_stats->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_stats->horizontalHeader()->setStretchLastSection(true);
    const QString names[] = { tr("min"), tr("mean"), tr("median"), tr("p90"), tr("p95"), tr("p99"), tr("max"),
        tr("stddev"), tr("throughput") };
    for (int i = 0; i < 9; ++i)
        m_stats->setItem(i, 0, new QTableWidgetItem(names[i]));
    leftLayout->addWidget(m_stats);

    auto* historyBox = new QGroupBox(tr("Runs (tick to compare)"), left);
    auto* historyLayout = new QVBoxLayout(historyBox);
    m_runs->setObjectName(QStringLiteral("runHistory"));
    historyLayout->addWidget(m_runs);
    auto* compareRow = new QHBoxLayout;
    compareRow->addWidget(new QLabel(tr("Budget (ms):"), historyBox));
    m_budget->setRange(0, 100000);
    m_budget->setDecimals(1);
    m_budget->setSpecialValueText(tr("none"));
    compareRow->addWidget(m_budget);
    auto* exportCsvButton = new QPushButton(tr("CSV…"), historyBox);
    auto* exportPngButton = new QPushButton(tr("PNG…"), historyBox);
    compareRow->addWidget(exportCsvButton);
    compareRow->addWidget(exportPngButton);
    historyLayout->addLayout(compareRow);
    leftLayout->addWidget(historyBox, 1);
    layout->addWidget(left);
    // The strategy chart (per-batch OMs, one dynamic-batch OM or the largest, for a request mix) beside the run charts.
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("runTabs"));
    m_tabs->addTab(m_charts, tr("Latency"));
    // In a scroll area: the tab's form and charts never widen the window beyond what the other pages need.
    auto* strategiesScroll = new QScrollArea(this);
    strategiesScroll->setObjectName(QStringLiteral("strategiesScroll"));
    strategiesScroll->setWidget(m_strategies);
    strategiesScroll->setWidgetResizable(true);
    strategiesScroll->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(strategiesScroll, tr("Strategies"));
    layout->addWidget(m_tabs, 1);

    m_cancel->setEnabled(false);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(
            this, tr("Model to Run"), m_modelPath->currentText(), tr("Models (*.om *.onnx);;All files (*)"));
        if (!f.isEmpty())
            m_modelPath->setCurrentText(f);
    });
    connect(m_start, &QPushButton::clicked, this, &RunPage::run);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_omRunnerOnHost)
            m_omRunnerOnHost->cancel(); // its finished() says cancelled
        else
            m_run->cancel();
    });
    connect(m_run, &BenchRun::started, this, [this](const QString& d) {
        m_status->setToolTip(d);
        updateProgress();
    });
    connect(m_run, &BenchRun::warmup, this, [this](int index, double) { m_warmupsDone = index + 1; });
    // On a host: what goes up before the runner starts, until the first warm-up.
    connect(m_run, &BenchRun::progress, this, [this](const QString& message) {
        m_preparing = message;
        updateProgress();
    });
    connect(m_run, &BenchRun::iteration, this, [this](int, double ms) {
        ++m_iterationsDone;
        m_charts->addSample(ms);
    });
    m_progressTicker->setInterval(200);
    connect(m_progressTicker, &QTimer::timeout, this, &RunPage::updateProgress);
    connect(m_shapes, &QLineEdit::editingFinished, this, &RunPage::takeTypedShapes);
    connect(m_state, &ModelShapes::inputsChanged, this, &RunPage::showSharedShapes);
    connect(m_run, &BenchRun::finished, this, &RunPage::onFinished);
    connect(m_runs, &QListWidget::itemChanged, this, &RunPage::updateComparison);
    connect(m_budget, &QDoubleSpinBox::valueChanged, this, &RunPage::updateComparison);
    connect(exportCsvButton, &QPushButton::clicked, this, [this] {
        const QString f
            = QFileDialog::getSaveFileName(this, tr("Export Runs"), QStringLiteral("runs.csv"), tr("CSV (*.csv)"));
        if (!f.isEmpty())
            exportCsv(f);
    });
    connect(exportPngButton, &QPushButton::clicked, this, [this] {
        const QString f
            = QFileDialog::getSaveFileName(this, tr("Export Charts"), QStringLiteral("latency.png"), tr("PNG (*.png)"));
        if (!f.isEmpty())
            m_charts->savePng(f);
    });
    setDevices({}, tr("Looking for NPUs…"));
    reloadHistory();
}

void RunPage::setModel(const OnnxModelPtr& model)
{
    m_model = model;
    m_state->setModel(model); // nothing when the window set it already for every page
    showSharedShapes();
    if (m_modelPath->findText(model->summary().path) < 0)
        m_modelPath->insertItem(0, model->summary().path);
    m_modelPath->setCurrentText(model->summary().path);
    m_target->setCurrentIndex(0);
    m_strategies->setModelPath(model->summary().path);
}

void RunPage::addOmCandidates(const QStringList& omPaths)
{
    for (const QString& om : omPaths) {
        if (m_modelPath->findText(om) < 0)
            m_modelPath->addItem(om);
    }
    if (!omPaths.isEmpty()) {
        m_modelPath->setCurrentText(omPaths.first());
        m_target->setCurrentIndex(1);
    }
    // Batch variants (<name>_b<N>.om) that exist: Build These Variants leaves them out.
    QList<qint64> built;
    static const QRegularExpression variant(QStringLiteral("_b(\\d+)\\.om$"));
    for (int i = 0; i < m_modelPath->count(); ++i) {
        const QRegularExpressionMatch m = variant.match(m_modelPath->itemText(i));
        if (m.hasMatch() && QFileInfo::exists(m_modelPath->itemText(i)))
            built << m.captured(1).toLongLong();
    }
    m_strategies->setBuiltBatches(built);
}

void RunPage::setDevices(const QList<NpuDevice>& devices, const QString& note)
{
    // Keep CPU and the hosts' NPUs (after this machine's); list the NPUs npu-smi reported, or generic ids (a board
    // reached some other way) when it reported none.
    while (m_target->count() > 1 && m_target->itemData(1).toString().startsWith(QLatin1String("npu:")))
        m_target->removeItem(1);
    int at = 1;
    if (devices.isEmpty()) {
        for (int id = 0; id < 4; ++id)
            m_target->insertItem(at++, tr("NPU %1 (not detected)").arg(id), QStringLiteral("npu:%1").arg(id));
        m_target->setToolTip(note);
        return;
    }
    for (const NpuDevice& d : devices) {
        const int id = d.deviceId.value_or(d.npuId);
        m_target->insertItem(at++,
            tr("NPU %1 · %2 · %3").arg(id).arg(d.socVersion.isEmpty() ? d.chipName : d.socVersion, d.health),
            QStringLiteral("npu:%1").arg(id));
    }
    m_target->setToolTip(QString());
}

void RunPage::setHostDevices(
    const QString& host, const RemoteTarget& target, const ProbeFacts& facts, const QList<NpuDevice>& devices)
{
    const QString prefix = QStringLiteral("host:%1:").arg(host);
    const QString chosen = m_target->currentData().toString();
    for (int i = m_target->count() - 1; i > 0; --i) {
        if (m_target->itemData(i).toString().startsWith(prefix))
            m_target->removeItem(i);
    }
    m_hostTargets.remove(host);
    if (devices.isEmpty())
        return;
    m_hostTargets.insert(host, { target, facts });
    for (const NpuDevice& d : devices) {
        const int id = d.deviceId.value_or(d.npuId);
        m_target->addItem(tr("%1 · NPU %2 · %3 · %4")
                              .arg(host)
                              .arg(id)
                              .arg(d.socVersion.isEmpty() ? d.chipName : d.socVersion, d.health),
            prefix + QStringLiteral("npu:%1").arg(id));
    }
    if (const int again = m_target->findData(chosen); again >= 0)
        m_target->setCurrentIndex(again);
}

bool RunPage::selectTarget(const QString& value)
{
    const int index = m_target->findData(value);
    if (index >= 0)
        m_target->setCurrentIndex(index);
    return index >= 0;
}

bool RunPage::setInputShapes(const QString& spec)
{
    m_shapes->setText(spec);
    m_strategies->setInputShapes(spec);
    takeTypedShapes();
    return m_shapesError->isHidden();
}

QString RunPage::inputShapesText() const
{
    return m_shapes->text();
}

QString RunPage::inputShapesError() const
{
    return m_shapesError->isHidden() ? QString() : m_shapesError->text();
}

void RunPage::showSharedShapes()
{
    // The fixed shapes only: dims left to a conversion profile (-1) run as 1, with a warning, like dims not given.
    const QString text = formatInputShapeSpec(m_state->staticSpecs());
    if (m_shapes->text() != text)
        m_shapes->setText(text);
    m_strategies->setInputShapes(text);
    m_shapesError->hide();
}

void RunPage::takeTypedShapes()
{
    const QString text = m_shapes->text().trimmed();
    if (text.isEmpty()) {
        m_shapesError->hide();
        return;
    }
    const auto specs = parseInputShapeSpec(text);
    QString error;
    if (!specs.ok())
        error = specs.error().message;
    else if (m_state->model() && !m_state->setInputShapes(specs.value()))
        error = tr("Some of these inputs are not in the model; its inputs are listed on the Shapes page.");
    m_shapesError->setText(error);
    m_shapesError->setVisible(!error.isEmpty());
}

void RunPage::setTimeBudget(double seconds)
{
    m_timeBudget->setValue(seconds);
}

QString RunPage::progressText() const
{
    return m_run->isRunning() ? m_status->text() : QString();
}

QString RunPage::warningsText() const
{
    return m_warnings->isHidden() ? QString() : m_warnings->text();
}

void RunPage::updateProgress()
{
    if (!m_run->isRunning())
        return;
    const BenchRequest& r = m_run->request();
    const double elapsed = double(m_runClock.elapsed()) / 1000.0;
    QString text;
    if (r.timeBudgetSec > 0) {
        m_progress->setRange(0, 0);
        text = m_iterationsDone == 0
            ? tr("Warm-up %1 / %2 · then %3 of timing").arg(m_warmupsDone).arg(r.warmup).arg(seconds(r.timeBudgetSec))
            : tr("%n iteration(s) timed", nullptr, m_iterationsDone);
    } else {
        const int total = r.warmup + r.loops;
        const int done = m_warmupsDone + m_iterationsDone;
        m_progress->setRange(0, std::max(total, 1));
        m_progress->setValue(done);
        const QString left
            = done > 0 ? tr(" · about %1 left").arg(seconds(elapsed / done * (total - done))) : QString();
        text = m_iterationsDone == 0 && r.warmup > 0
            ? tr("Warm-up %1 / %2").arg(m_warmupsDone).arg(r.warmup) + left
            : tr("Iteration %1 / %2").arg(m_iterationsDone).arg(r.loops) + left;
        if (done == 0)
            text = tr("Starting (loading the model)…");
    }
    if (m_warmupsDone == 0 && m_iterationsDone == 0 && !m_preparing.isEmpty())
        text = m_preparing; // on a host, before the runner starts: what goes up
    m_status->setText(text);
}

void RunPage::setHistoryFolder(const QString& folder)
{
    m_historyFolder = folder;
    reloadHistory();
    m_strategies->setHistoryFolder(folder);
}

BenchRequest RunPage::request() const
{
    BenchRequest r;
    r.model = m_modelPath->currentText().trimmed();
    QString target = m_target->currentData().toString();
    QString host;
    if (target.startsWith(QLatin1String("host:"))) { // host:NAME:npu:N (a host name has no ':')
        host = target.section(QLatin1Char(':'), 1, 1);
        target = target.section(QLatin1Char(':'), 2);
    }
    r.target = target == QLatin1String("cpu") ? BenchRequest::Target::Cpu : BenchRequest::Target::Npu;
    r.device = target.startsWith(QLatin1String("npu:")) ? target.mid(4).toInt() : 0;
    r.runner = static_cast<BenchRequest::Runner>(m_runner->currentData().toInt());
    if (const auto it = m_hostTargets.constFind(host); !host.isEmpty() && it != m_hostTargets.cend())
        r.remote = std::make_shared<RemoteTarget>(it->target); // its runner: see startRun()
    r.loops = m_loops->value();
    r.warmup = m_warmup->value();
    r.timeBudgetSec = m_timeBudget->value();
    if (r.timeBudgetSec > 0)
        r.loops = BenchRequest::kBudgetLoops;
    r.inputData = m_inputs->currentText();
    if (const auto specs = parseInputShapeSpec(m_shapes->text()); specs.ok())
        r.inputShapes = specs.value();
    r.outputDir = m_outputDir->text().trimmed();
    r.profileOps = m_profileOps->isEnabled() && m_profileOps->isChecked();
    if (m_underMsprof->isEnabled() && m_underMsprof->isChecked())
        r.msprof = findMsprof({});
    return r;
}

void RunPage::run()
{
    if (m_run->isRunning())
        return;
    takeTypedShapes();
    m_charts->clearTrace();
    m_start->setEnabled(false);
    m_cancel->setEnabled(true);
    m_warnings->hide();
    m_warmupsDone = 0;
    m_iterationsDone = 0;
    m_preparing.clear();
    m_runClock.start();
    m_progress->setRange(0, 0);
    m_progress->show();
    m_status->setText(tr("Starting (loading the model)…"));
    m_progressTicker->start();
    m_runNotes.clear();
    BenchRequest r = request();
    const auto host = r.remote ? m_hostTargets.constFind(r.remote->host.name) : m_hostTargets.cend();
    if (host == m_hostTargets.cend()) {
        startRun(r);
        return;
    }
    // On a host, the runner is chosen as `atcwb bench --on` chooses it: om-runner shipped with the app, the host's,
    // or built there, else the host's ais_bench or msame (core/remote/omrunnerhost.h).
    const ProbeFacts facts = host->facts;
    const QString name = host->target.host.name;
    QString source;
    if (!needsOmRunnerOnHost(r)) {
        if (const auto error = applyRemoteRunnerChoice(&r, facts, name, nullptr, &source, &m_runNotes))
            return onFinished(failedBeforeRunning(*error));
        startRun(r);
        return;
    }
    m_status->setText(tr("Preparing om-runner on %1…").arg(name));
    m_omRunnerOnHost = new OmRunnerOnHost(
        host->target, facts, QCoreApplication::applicationDirPath(), QCoreApplication::applicationVersion(), this);
    connect(m_omRunnerOnHost, &OmRunnerOnHost::progress, m_status, &QLabel::setText);
    connect(m_omRunnerOnHost, &OmRunnerOnHost::finished, this, [this, r, facts, name](const OmRunnerOnHostResult& p) {
        m_omRunnerOnHost->deleteLater();
        m_omRunnerOnHost = nullptr;
        BenchRequest chosen = r;
        QString from; // shipped, built-on-host, host-path
        if (const auto error = applyRemoteRunnerChoice(&chosen, facts, name, &p, &from, &m_runNotes))
            return onFinished(failedBeforeRunning(*error));
        startRun(chosen);
    });
    m_omRunnerOnHost->start();
}

void RunPage::startRun(const BenchRequest& request)
{
    emit runStarted(request);
    m_run->start(request);
}

void RunPage::showStrategies()
{
    m_tabs->setCurrentIndex(1);
}

bool RunPage::isRunning() const
{
    return m_run->isRunning() || m_strategies->isRunning();
}

void RunPage::onFinished(const BenchResult& result)
{
    m_last = result;
    m_start->setEnabled(true);
    m_cancel->setEnabled(false);
    m_progressTicker->stop();
    m_progress->hide();
    // The same warnings `atcwb bench` prints (a dynamic dim that ran as 1, msame's missing warm-up, ...).
    // The result keeps them in English (as the history stores them); they are shown in the UI's language.
    const QStringList warnings = m_runNotes + result.warnings;
    m_warnings->setText(shownBenchText(warnings.join(QLatin1Char('\n'))));
    m_warnings->setVisible(!warnings.isEmpty());
    if (!result.ok) {
        QString text = shownBenchText(result.error).toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
        // Cancelled or stopped by the timeout: the iterations done still tell something.
        const bool partial = !result.iterationsMs.isEmpty()
            && (result.errorCode == QLatin1String("cancelled") || result.errorCode == QLatin1String("timed_out"));
        if (partial) {
            m_charts->setSamples(result.iterationsMs);
            showStats(result);
            text += QStringLiteral("<br>")
                + tr("The statistics are those of the %n iteration(s) done.", nullptr, int(result.iterationsMs.size()));
        }
        m_status->setText(QStringLiteral("<span style=\"color:%1\">%2</span>")
                              .arg(theme::text(partial ? theme::Tone::Warning : theme::Tone::Error).name(), text));
        emit runFinished(false);
        return;
    }
    m_charts->setSamples(result.iterationsMs);
    showStats(result);
    m_status->setText(tr("%1: %2 iterations, mean %3, %4")
                          .arg(shownBenchText(result.device))
                          .arg(result.iterationsMs.size())
                          .arg(formatMs(result.stats.mean), formatRate(result.throughput)));
    // Storing the run and reading the history back (every stored run, each with all its iterations) is file work
    // for a worker: a 100,000-iteration run would otherwise freeze the window for a while.
    const QString folder = m_historyFolder;
    using Stored = std::pair<QList<BenchResult>, QString>; // the history, and why the run was not stored
    m_historyIo->submit<Stored>(
        [folder, result] {
            const Result<QString> saved = RunHistory(folder).save(result);
            return Stored { RunHistory(folder).load(), saved.ok() ? QString() : saved.error().message };
        },
        [this, result](const Stored& stored) {
            showHistory(stored.first);
            if (!stored.second.isEmpty())
                m_status->setText(
                    m_status->text() + QLatin1Char('\n') + tr("The run was not stored: %1").arg(stored.second));
            // The new run is ticked, so the comparison chart shows it (and says what else it needs).
            for (int i = 0; i < m_runs->count() && i < m_history.size(); ++i) {
                if (m_history.at(i).started.toSecsSinceEpoch() == result.started.toSecsSinceEpoch()
                    && m_history.at(i).model == result.model)
                    m_runs->item(i)->setCheckState(Qt::Checked); // itemChanged: updateComparison
            }
            emit runFinished(true);
        });
}

void RunPage::showStats(const BenchResult& r)
{
    const double values[] = { r.stats.min, r.stats.mean, r.stats.median, r.stats.p90, r.stats.p95, r.stats.p99,
        r.stats.max, r.stats.stddev };
    for (int i = 0; i < 8; ++i)
        m_stats->setItem(i, 1, new QTableWidgetItem(formatMs(values[i])));
    m_stats->setItem(8, 1, new QTableWidgetItem(formatRate(r.throughput)));
}

QString RunPage::statsText() const
{
    QStringList rows;
    for (int i = 0; i < m_stats->rowCount(); ++i) {
        const QTableWidgetItem* v = m_stats->item(i, 1);
        rows.append(QStringLiteral("%1 %2").arg(m_stats->item(i, 0)->text(), v ? v->text() : QString()));
    }
    return rows.join(QLatin1Char('\n'));
}

void RunPage::reloadHistory()
{
    showHistory(RunHistory(m_historyFolder).load());
}

void RunPage::showHistory(const QList<BenchResult>& history)
{
    m_history = history;
    m_runs->blockSignals(true);
    m_runs->clear();
    for (const BenchResult& r : m_history) {
        auto* item = new QListWidgetItem(describe(r), m_runs);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
        item->setToolTip(QStringLiteral("%1\n%2").arg(r.model, r.started.toString(Qt::ISODate)));
    }
    m_runs->blockSignals(false);
}

int RunPage::historyCount() const
{
    return int(m_history.size());
}

void RunPage::compareAll()
{
    m_runs->blockSignals(true);
    for (int i = 0; i < m_runs->count(); ++i)
        m_runs->item(i)->setCheckState(Qt::Checked);
    m_runs->blockSignals(false);
    updateComparison();
}

void RunPage::updateComparison()
{
    QList<LatencyCharts::Series> series;
    for (int i = 0; i < m_runs->count() && i < m_history.size(); ++i) {
        if (m_runs->item(i)->checkState() != Qt::Checked)
            continue;
        const BenchResult& r = m_history.at(i);
        series.append({ describe(r), double(r.batch), r.stats.mean, r.stats.p99, r.throughput });
    }
    m_charts->setComparison(series, m_budget->value());
}

bool RunPage::exportCsv(const QString& path) const
{
    QByteArray out(
        "model,runner,target,batch,iterations,min_ms,mean_ms,median_ms,p90_ms,p95_ms,p99_ms,max_ms,stddev_ms,"
        "throughput,started\n");
    for (const BenchResult& r : m_history) {
        out.append(QStringLiteral("\"%1\",%2,%3,%4,%5,%6,%7,%8,%9,%10,%11,%12,%13,%14,%15\n")
                       .arg(QString(r.model).replace(QLatin1Char('"'), QStringLiteral("\"\"")), r.runner, r.target)
                       .arg(r.batch)
                       .arg(r.stats.count)
                       .arg(r.stats.min)
                       .arg(r.stats.mean)
                       .arg(r.stats.median)
                       .arg(r.stats.p90)
                       .arg(r.stats.p95)
                       .arg(r.stats.p99)
                       .arg(r.stats.max)
                       .arg(r.stats.stddev)
                       .arg(r.throughput)
                       .arg(r.started.toString(Qt::ISODate))
                       .toUtf8());
    }
    return writeFileAtomically(path, out).ok();
}

} // namespace wb
