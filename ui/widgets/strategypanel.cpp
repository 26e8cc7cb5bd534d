#include "strategypanel.h"

#include "charts/strategychart.h"
#include "run/benchtext.h"
#include "run/runhistory.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace wb {

namespace {

QString runLabel(const DispatchRunResult& r)
{
    QStringList names;
    for (const wb::dispatch::Measured& m : r.measured)
        names << QString::fromLatin1(wb::dispatch::strategyName(m.strategy));
    return QStringLiteral("%1 · %2 · %3 · %4")
               .arg(r.started.toString(QStringLiteral("yyyy-MM-dd HH:mm")), QFileInfo(r.model).fileName(), r.target,
                   r.requestMix.isEmpty() ? r.requestList : r.requestMix)
        + QStringLiteral(" · ") + names.join(QLatin1Char('/'));
}

} // namespace

StrategyPanel::StrategyPanel(QWidget* parent)
    : QWidget(parent)
    , m_target(new QComboBox(this))
    , m_model(new QLineEdit(this))
    , m_bundle(new QLineEdit(this))
    , m_batches(new QLineEdit(QStringLiteral("1,4,8"), this))
    , m_mix(new QLineEdit(QStringLiteral("1:50,4:30,8:20"), this))
    , m_count(new QSpinBox(this))
    , m_seed(new QSpinBox(this))
    , m_perBatch(new QCheckBox(QStringLiteral("per-batch"), this))
    , m_dynamic(new QCheckBox(QStringLiteral("dynamic"), this))
    , m_max(new QCheckBox(QStringLiteral("max"), this))
    , m_budget(new QDoubleSpinBox(this))
    , m_shapes(new QLineEdit(this))
    , m_start(new QPushButton(tr("Run Strategies"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_status(new QLabel(this))
    , m_chart(new StrategyChart(this))
    , m_recommendation(new QLabel(this))
    , m_subsetsCaption(new QLabel(this))
    , m_subsets(new QTableWidget(this))
    , m_build(new QPushButton(tr("Build These Variants"), this))
    , m_runs(new QListWidget(this))
{
    setObjectName(QStringLiteral("strategyPanel"));
    auto* layout = new QVBoxLayout(this);
    auto* formBox = new QGroupBox(tr("Traffic and strategies"), this);
    auto* grid = new QGridLayout(formBox);
    m_target->addItem(tr("CPU (ONNX Runtime, one session per batch)"), QStringLiteral("cpu"));
    for (int id = 0; id < 4; ++id)
        m_target->addItem(tr("NPU %1 (a bundle through om-runner)").arg(id), QStringLiteral("npu:%1").arg(id));
    m_model->setObjectName(QStringLiteral("strategyModel"));
    m_model->setPlaceholderText(tr("model.onnx"));
    m_bundle->setObjectName(QStringLiteral("strategyBundle"));
    m_bundle->setPlaceholderText(tr("deploy.json (Export Bundle… on the ATC Run page)"));
    m_batches->setObjectName(QStringLiteral("strategyBatches"));
    m_batches->setToolTip(tr("The batch sizes built or proposed: one session (CPU) per size; also the gears of the "
                             "dynamic strategy."));
    m_mix->setObjectName(QStringLiteral("strategyMix"));
    m_mix->setToolTip(tr("Request sizes with their weights, size:weight, e.g. 1:50,4:30,8:20."));
    m_count->setObjectName(QStringLiteral("strategyCount"));
    m_seed->setObjectName(QStringLiteral("strategySeed"));
    m_perBatch->setObjectName(QStringLiteral("strategyPerBatch"));
    m_dynamic->setObjectName(QStringLiteral("strategyDynamic"));
    m_max->setObjectName(QStringLiteral("strategyMax"));
    m_target->setObjectName(QStringLiteral("strategyTarget"));
    m_start->setObjectName(QStringLiteral("runStrategies"));
    m_count->setRange(1, 1000000);
    m_count->setValue(200);
    m_seed->setRange(0, 1000000);
    m_seed->setValue(1);
    m_perBatch->setChecked(true);
    m_max->setChecked(true);
    m_budget->setObjectName(QStringLiteral("strategyBudget"));
    m_budget->setRange(0, 100000);
    m_budget->setDecimals(2);
    m_budget->setSuffix(tr(" ms"));
    m_budget->setSpecialValueText(tr("none"));
    m_shapes->setPlaceholderText(tr("other dynamic dims, e.g. input:1,3,224,224"));
    // Four columns (label, field, label, field), so the tab stays narrow enough for a 1000-pixel window.
    int row = 0;
    grid->addWidget(new QLabel(tr("Target:"), formBox), row, 0);
    grid->addWidget(m_target, row, 1);
    grid->addWidget(new QLabel(tr("Model:"), formBox), row, 2);
    grid->addWidget(m_model, row++, 3);
    grid->addWidget(new QLabel(tr("Batch sizes:"), formBox), row, 0);
    grid->addWidget(m_batches, row, 1);
    grid->addWidget(new QLabel(tr("Bundle:"), formBox), row, 2);
    grid->addWidget(m_bundle, row++, 3);
    grid->addWidget(new QLabel(tr("Request mix:"), formBox), row, 0);
    grid->addWidget(m_mix, row, 1);
    auto* counts = new QHBoxLayout;
    counts->addWidget(m_count);
    counts->addWidget(new QLabel(tr("Seed:"), formBox));
    counts->addWidget(m_seed);
    grid->addWidget(new QLabel(tr("Requests:"), formBox), row, 2);
    grid->addLayout(counts, row++, 3);
    auto* strategies = new QHBoxLayout;
    strategies->addWidget(m_perBatch);
    strategies->addWidget(m_dynamic);
    strategies->addWidget(m_max);
    grid->addWidget(new QLabel(tr("Strategies:"), formBox), row, 0);
    grid->addLayout(strategies, row, 1);
    grid->addWidget(new QLabel(tr("Latency budget (p99):"), formBox), row, 2);
    grid->addWidget(m_budget, row++, 3);
    grid->addWidget(new QLabel(tr("Input shapes:"), formBox), row, 0);
    grid->addWidget(m_shapes, row, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_cancel);
    grid->addLayout(buttons, row++, 2, 1, 2);
    m_status->setObjectName(QStringLiteral("strategyStatus"));
    m_status->setWordWrap(true);
    grid->addWidget(m_status, row, 0, 1, 4);
    for (QWidget* w : std::initializer_list<QWidget*> { m_target, m_model, m_bundle, m_batches, m_mix, m_shapes })
        w->setMinimumWidth(60);
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_target->setMinimumContentsLength(8);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    layout->addWidget(formBox);
    layout->addWidget(m_chart, 1);
    auto* recRow = new QHBoxLayout;
    m_recommendation->setObjectName(QStringLiteral("strategyRecommendation"));
    m_recommendation->setWordWrap(true);
    m_recommendation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    recRow->addWidget(m_recommendation, 1);
    m_build->setObjectName(QStringLiteral("buildVariants"));
    m_build->setEnabled(false);
    recRow->addWidget(m_build);
    layout->addLayout(recRow);
    // The sets of batch sizes the recommendation chose from, best first (estimated: simulated over the measured
    // latencies per batch size).
    m_subsetsCaption->setObjectName(QStringLiteral("strategySubsetsCaption"));
    m_subsetsCaption->setWordWrap(true);
    layout->addWidget(m_subsetsCaption);
    m_subsets->setObjectName(QStringLiteral("strategySubsets"));
    m_subsets->setColumnCount(5);
    m_subsets->setHorizontalHeaderLabels(
        { tr("Batch sizes"), tr("Samples/s"), tr("p99 (ms)"), tr("Padding waste"), tr("Within budget") });
    m_subsets->verticalHeader()->setVisible(false);
    m_subsets->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_subsets->setSelectionMode(QAbstractItemView::NoSelection);
    m_subsets->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_subsets->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_subsets->setWordWrap(false);
    m_subsets->setMinimumHeight(120);
    m_subsets->setMaximumHeight(200);
    m_subsets->setToolTip(tr("Every set of the batch sizes, dispatched like om_dispatch over one simulated request "
                             "stream with the latencies measured per batch size; best first."));
    layout->addWidget(m_subsets);
    m_runs->setObjectName(QStringLiteral("strategyRuns"));
    m_runs->setMaximumHeight(90);
    m_runs->setToolTip(tr("Stored strategy runs: click one to show it again."));
    layout->addWidget(m_runs);
    m_cancel->setEnabled(false);

    connect(m_start, &QPushButton::clicked, this, &StrategyPanel::run);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_cancelFlag)
            m_cancelFlag->store(true);
    });
    connect(&m_watcher, &QFutureWatcher<DispatchRunResult>::finished, this, &StrategyPanel::finished);
    connect(m_build, &QPushButton::clicked, this, [this] {
        const QList<qint64> batches = unbuiltRecommendation();
        if (!batches.isEmpty())
            emit buildVariantsRequested(batches);
    });
    connect(m_runs, &QListWidget::currentRowChanged, this, [this](int index) {
        if (index < 0 || index >= m_stored.size())
            return;
        const auto stored = dispatchRunFromJson(m_stored.at(index));
        if (stored.ok())
            showRun(stored.value());
    });
    connect(m_budget, &QDoubleSpinBox::valueChanged, this, [this] {
        if (!m_last.measured.empty()) {
            redecideDispatch(m_last, m_budget->value()); // from the run's figures: nothing runs again
            showRun(m_last);
        }
    });
    m_recommendation->setText(tr("Run the strategies to see which deployment fits this traffic."));
    m_subsetsCaption->setVisible(false);
    m_subsets->setVisible(false);
    reloadHistory();
}

StrategyPanel::~StrategyPanel()
{
    if (m_cancelFlag)
        m_cancelFlag->store(true);
    m_watcher.waitForFinished();
}

void StrategyPanel::setModelPath(const QString& onnx)
{
    m_model->setText(onnx);
}

void StrategyPanel::setBundlePath(const QString& deployJson)
{
    m_bundle->setText(deployJson);
}

void StrategyPanel::setBuiltBatches(const QList<qint64>& batches)
{
    m_built = batches;
    if (m_last.recommendation.valid)
        showRun(m_last);
}

void StrategyPanel::setHistoryFolder(const QString& folder)
{
    m_historyFolder = folder;
    reloadHistory();
}

void StrategyPanel::setLatencyBudget(double ms)
{
    m_budget->setValue(ms);
}

void StrategyPanel::setInputShapes(const QString& spec)
{
    m_shapes->setText(spec);
}

DispatchRunRequest StrategyPanel::request() const
{
    DispatchRunRequest r;
    const QString target = m_target->currentData().toString();
    r.target = target == QLatin1String("cpu") ? BenchRequest::Target::Cpu : BenchRequest::Target::Npu;
    r.device = target.startsWith(QLatin1String("npu:")) ? target.mid(4).toInt() : 0;
    r.model = m_model->text().trimmed();
    r.bundle = m_bundle->text().trimmed();
    for (const QString& b : m_batches->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        r.batches << b.trimmed().toLongLong();
    r.requestMix = m_mix->text().trimmed();
    r.count = m_count->value();
    r.seed = quint64(m_seed->value());
    r.strategies.clear();
    for (QCheckBox* box : { m_perBatch, m_dynamic, m_max }) {
        if (box->isChecked())
            r.strategies << box->text();
    }
    r.latencyBudgetMs = m_budget->value();
    if (const auto specs = parseInputShapeSpec(m_shapes->text()); specs.ok())
        r.inputShapes = specs.value();
    r.appDir = QCoreApplication::applicationDirPath();
    return r;
}

bool StrategyPanel::isRunning() const
{
    return m_watcher.isRunning();
}

void StrategyPanel::run()
{
    if (isRunning())
        return;
    const DispatchRunRequest r = request();
    if (const auto checked = dispatchRequests(r); !checked.ok()) {
        m_status->setText(checked.error().message);
        return;
    }
    m_cancelFlag = std::make_shared<std::atomic_bool>(false);
    const std::shared_ptr<std::atomic_bool> cancel = m_cancelFlag;
    const QString folder = m_historyFolder;
    m_start->setEnabled(false);
    m_cancel->setEnabled(true);
    m_status->setText(tr("Running %1 requests with %2…").arg(r.count).arg(r.strategies.join(QStringLiteral(", "))));
    // The run and storing it both happen on the worker: the GUI thread only draws the result.
    m_watcher.setFuture(QtConcurrent::run([r, cancel, folder]() {
        DispatchRunResult result = runDispatch(r, cancel.get());
        if (result.ok) {
            const Result<QString> saved = RunHistory(folder).save(
                dispatchRunToBenchResult(result), { { QStringLiteral("dispatch"), dispatchRunToJson(result, true) } });
            if (!saved.ok())
                result.warnings << tr("The run was not stored: %1").arg(saved.error().message);
        }
        return result;
    }));
}

void StrategyPanel::finished()
{
    m_start->setEnabled(true);
    m_cancel->setEnabled(false);
    const DispatchRunResult result = m_watcher.result();
    if (!result.ok) {
        m_status->setText(shownBenchText(result.error)); // kept in English in the result, shown translated
        emit runFinished(false);
        return;
    }
    m_status->setText(tr("Done in %1 s.").arg(double(result.durationMs) / 1000.0, 0, 'f', 1)
        + (result.warnings.isEmpty() ? QString()
                                     : QLatin1Char(' ')
                    + shownBenchText(result.warnings.join(QLatin1Char('\n')))
                          .replace(QLatin1Char('\n'), QLatin1Char(' '))));
    showRun(result);
    reloadHistory();
    emit runFinished(true);
}

void StrategyPanel::showRun(const DispatchRunResult& run)
{
    m_last = run;
    m_chart->setRun(run, run.latencyBudgetMs);
    m_recommendation->setText(recommendationText());
    showSubsets();
    const QList<qint64> missing = unbuiltRecommendation();
    m_build->setEnabled(!missing.isEmpty());
    QStringList list;
    for (qint64 b : missing)
        list << QString::number(b);
    m_build->setToolTip(missing.isEmpty()
            ? tr("Every recommended batch size is built already.")
            : tr("Convert batch sizes %1 (the Convert page's options).").arg(list.join(QStringLiteral(", "))));
}

QString StrategyPanel::recommendationText() const
{
    if (!m_last.recommendation.valid)
        return tr("No recommendation: no strategy ran a request.");
    return tr("Recommended: %1").arg(QString::fromStdString(m_last.recommendation.reason));
}

QList<qint64> StrategyPanel::unbuiltRecommendation() const
{
    QList<qint64> missing;
    if (!m_last.recommendation.valid)
        return missing;
    for (std::uint64_t b : m_last.recommendation.batches) {
        if (!m_built.contains(qint64(b)))
            missing << qint64(b);
    }
    return missing;
}

void StrategyPanel::showSubsets()
{
    const wb::dispatch::SubsetSearch& search = m_last.subsets;
    const QList<int> order = dispatchSubsetOrder(m_last);
    constexpr int shown = 8;
    m_subsets->setRowCount(int(std::min<qsizetype>(order.size(), shown)));
    const auto list = [](const std::vector<std::uint64_t>& batches) {
        QStringList names;
        for (std::uint64_t b : batches)
            names << QString::number(b);
        return names.join(QStringLiteral(", "));
    };
    for (int row = 0; row < m_subsets->rowCount(); ++row) {
        const wb::dispatch::SubsetFigures& f = search.subsets[std::size_t(order[row])];
        const bool recommended = m_last.recommendation.valid
            && m_last.recommendation.strategy != wb::dispatch::Strategy::Dynamic
            && m_last.recommendation.batches == f.batches;
        const QStringList cells { list(f.batches), QString::number(f.stats.throughput, 'f', 1),
            QString::number(f.stats.p99Ms, 'f', 3), QStringLiteral("%1%").arg(f.stats.paddingWaste * 100.0, 0, 'f', 1),
            dispatchSubsetWithinBudget(m_last, f) ? tr("yes") : tr("no") };
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(
                recommended && column == 0 ? tr("%1 (recommended)").arg(cells[column]) : cells[column]);
            if (column > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (recommended) {
                QFont font = item->font();
                font.setBold(true);
                item->setFont(font);
            }
            m_subsets->setItem(row, column, item);
        }
    }
    QString caption;
    if (!search.valid) {
        caption = search.error.empty()
            ? QString()
            : tr("No sets of batch sizes were compared: %1.").arg(QString::fromStdString(search.error));
    } else {
        caption = tr("Sets of the batch sizes, best first (%1 of %2 shown), estimated over %3 simulated requests from "
                     "the latencies measured per batch size.")
                      .arg(m_subsets->rowCount())
                      .arg(order.size())
                      .arg(search.count);
        if (!search.calibratedOnly.empty())
            caption += QLatin1Char(' ') + tr("From calibration runs only: %1.").arg(list(search.calibratedOnly));
        if (!search.unmeasured.empty())
            caption += QLatin1Char(' ') + tr("Not measured, left out: %1.").arg(list(search.unmeasured));
    }
    m_subsetsCaption->setText(caption);
    m_subsetsCaption->setVisible(!caption.isEmpty());
    m_subsets->setVisible(m_subsets->rowCount() > 0);
}

int StrategyPanel::storedRuns() const
{
    return int(m_stored.size());
}

void StrategyPanel::reloadHistory()
{
    m_stored.clear();
    m_runs->clear();
    for (const RunHistoryEntry& e : RunHistory(m_historyFolder).entries(50)) {
        const QJsonObject dispatch = e.extra.value(QStringLiteral("dispatch")).toObject();
        const auto run = dispatchRunFromJson(dispatch);
        if (!run.ok())
            continue;
        m_stored << dispatch;
        m_runs->addItem(runLabel(run.value()));
    }
}

} // namespace wb
