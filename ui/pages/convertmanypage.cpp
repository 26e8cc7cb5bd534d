#include "convertmanypage.h"

#include "atc/conversiontext.h"
#include "atc/convertmany.h"
#include "atc/convertmanyqueue.h"
#include "atc/convertmanyscan.h"
#include "atc/convertmanysettings.h"
#include "theme.h"
#include "util/units.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextBrowser>
#include <QThread>
#include <QTimer>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace wb {

namespace {

enum Column {
    ColName,
    ColSize,
    ColOpsets,
    ColInputs,
    ColChecks,
    ColShapes,
    ColStatus,
    ColStage,
    ColElapsed,
    ColProblem
};
constexpr int kJobRole = Qt::UserRole + 1; // on job items: the job's index in the queue

QString seconds(qint64 ms)
{
    return ms > 0 ? formatDuration(ms) : QString();
}

theme::Tone toneOf(const QString& result)
{
    if (result == QLatin1String("converted") || result == QLatin1String("up_to_date"))
        return theme::Tone::Success;
    if (result == QLatin1String("skipped"))
        return theme::Tone::Warning;
    if (result == QLatin1String("failed") || result == QLatin1String("cancelled"))
        return theme::Tone::Error;
    return theme::Tone::Info;
}

// A job's problem and fix in the UI's language (the result, like the report, keeps them in English).
QString shownProblem(const BatchJobResult& r)
{
    const QString problem = shownConversionText(r.problem);
    return r.fix.isEmpty() ? problem : ConvertManyPage::tr("%1 — Fix: %2").arg(problem, shownConversionText(r.fix));
}

} // namespace

ConvertManyPage::ConvertManyPage(QWidget* parent)
    : QWidget(parent)
    , m_scanner(new BatchScanner(this))
    , m_queue(new BatchQueue(this))
    , m_socs(new QLineEdit(this))
    , m_batches(new QLineEdit(this))
    , m_dims(new QLineEdit(this))
    , m_output(new QLineEdit(this))
    , m_parallel(new QSpinBox(this))
    , m_templateLabel(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_run(new QPushButton(tr("Run"), this))
    , m_retry(new QPushButton(tr("Retry Failed"), this))
    , m_cancel(new QPushButton(tr("Cancel All"), this))
    , m_openReport(new QPushButton(tr("Open Report"), this))
    , m_tabs(new QTabWidget(this))
    , m_tree(new QTreeWidget(this))
    , m_report(new QTextBrowser(this))
    , m_elapsed(new QTimer(this))
    , m_refresh(new QTimer(this))
{
    setObjectName(QStringLiteral("convertManyPage"));
    setAcceptDrops(false); // the window takes drops
    m_socs->setObjectName(QStringLiteral("socs"));
    m_socs->setPlaceholderText(tr("Ascend310P3, Ascend310B1"));
    m_batches->setObjectName(QStringLiteral("batches"));
    m_batches->setPlaceholderText(tr("1, 4, 8 (empty: the model's own batch)"));
    m_dims->setObjectName(QStringLiteral("dims"));
    m_dims->setPlaceholderText(tr("height=640 width=640 sequence_length=128"));
    m_output->setObjectName(QStringLiteral("outputFolder"));
    m_parallel->setRange(1, 64);
    m_parallel->setValue(ConvertManySettings(m_settingsFile).jobs());
    m_parallel->setToolTip(tr("ATC processes at once. The free memory may allow fewer: each job is assumed to need "
                              "2 GiB plus 8 times its model's size (Settings: convertMany/memoryPerJobMiB)."));
    m_templateLabel->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("SoCs:"), m_socs);
    form->addRow(tr("Batch sizes:"), m_batches);
    form->addRow(tr("Dim values:"), m_dims);
    auto* outputRow = new QHBoxLayout;
    outputRow->addWidget(m_output, 1);
    auto* browse = new QPushButton(tr("Browse…"), this);
    outputRow->addWidget(browse);
    form->addRow(tr("Output folder:"), outputRow);
    auto* templateRow = new QHBoxLayout;
    templateRow->addWidget(m_templateLabel, 1);
    auto* loadTemplate = new QPushButton(tr("Template Recipe…"), this);
    templateRow->addWidget(loadTemplate);
    form->addRow(tr("Other options:"), templateRow);
    form->addRow(tr("Jobs at once:"), m_parallel);

    auto* buttons = new QHBoxLayout;
    m_run->setObjectName(QStringLiteral("runButton"));
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    for (QPushButton* b : { m_run, m_retry, m_cancel, m_openReport })
        buttons->addWidget(b);
    buttons->addWidget(m_summary, 1);

    m_tree->setObjectName(QStringLiteral("batchTree"));
    m_tree->setHeaderLabels({ tr("Model"), tr("Size"), tr("Opsets"), tr("Inputs"), tr("Checks"), tr("Static shapes"),
        tr("Status"), tr("Stage"), tr("Elapsed"), tr("Top problem and fix") });
    m_tree->setUniformRowHeights(true);
    m_tree->setRootIsDecorated(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_tree->header()->setStretchLastSection(true);
    const QList<QPair<int, int>> widths { { ColName, 270 }, { ColSize, 64 }, { ColOpsets, 76 }, { ColInputs, 150 },
        { ColChecks, 90 }, { ColShapes, 110 }, { ColStatus, 100 }, { ColStage, 76 }, { ColElapsed, 56 } };
    for (const auto& [column, width] : widths)
        m_tree->setColumnWidth(column, width);
    m_report->setObjectName(QStringLiteral("reportView"));
    m_report->setOpenLinks(false);
    m_tabs->addTab(m_tree, tr("Models and Jobs"));
    m_tabs->addTab(m_report, tr("Report"));

    auto* layout = new QVBoxLayout(this);
    auto* hint = new QLabel(tr("Drop .onnx files or a folder on the window, or use File > Convert Many…. Each model "
                               "is loaded and checked; Run converts every model for every SoC and batch size."),
        this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_tabs, 1);

    connect(m_scanner, &BatchScanner::rowsReset, this, &ConvertManyPage::onRowsReset);
    connect(m_scanner, &BatchScanner::rowScanned, this, &ConvertManyPage::updateRow);
    connect(m_scanner, &BatchScanner::rowChanged, this, &ConvertManyPage::updateRow);
    connect(m_scanner, &BatchScanner::finished, this, [this] {
        updateSummary();
        updateButtons();
        emit scanFinished();
        emit busyChanged();
    });
    connect(m_queue, &BatchQueue::jobStarted, this, &ConvertManyPage::updateJob);
    connect(m_queue, &BatchQueue::stageChanged, this, [this](int job, const QString&) { updateJob(job); });
    connect(m_queue, &BatchQueue::jobFinished, this, &ConvertManyPage::onJobFinished);
    connect(m_queue, &BatchQueue::finished, this, &ConvertManyPage::onRunFinished);
    connect(m_run, &QPushButton::clicked, this, &ConvertManyPage::run);
    connect(m_retry, &QPushButton::clicked, this, &ConvertManyPage::retryFailed);
    connect(m_cancel, &QPushButton::clicked, this, &ConvertManyPage::cancelAll);
    connect(m_openReport, &QPushButton::clicked, this, [this] {
        QDesktopServices::openUrl(
            QUrl::fromLocalFile(QDir(outputFolder()).filePath(QStringLiteral("convert-many-report.html"))));
    });
    connect(m_report, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        QDesktopServices::openUrl(QUrl::fromLocalFile(QDir(outputFolder()).filePath(url.path())));
    });
    connect(browse, &QPushButton::clicked, this, &ConvertManyPage::chooseOutput);
    connect(loadTemplate, &QPushButton::clicked, this, &ConvertManyPage::chooseTemplate);
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this, &ConvertManyPage::onItemDoubleClicked);
    connect(m_parallel, &QSpinBox::valueChanged, this,
        [this](int jobs) { ConvertManySettings(m_settingsFile).setJobs(jobs); });
    for (QLineEdit* edit : { m_socs, m_batches, m_dims, m_output })
        connect(edit, &QLineEdit::editingFinished, this, &ConvertManyPage::recheckAll);
    connect(m_elapsed, &QTimer::timeout, this, &ConvertManyPage::updateElapsed);
    m_elapsed->setInterval(500);
    m_refresh->setSingleShot(true);
    m_refresh->setInterval(100);
    connect(m_refresh, &QTimer::timeout, this, [this] {
        updateSummary();
        updateButtons();
    });
    m_templateLabel->setText(tr("Defaults (no template)"));
    updateButtons();
}

ConvertManyPage::~ConvertManyPage() = default;

void ConvertManyPage::setToolkit(const AtcToolkit& toolkit)
{
    m_toolkit = toolkit;
    updateButtons();
}

void ConvertManyPage::setTemplateOptions(const AtcOptions& options)
{
    m_templateOptions = options;
    if (m_socs->text().trimmed().isEmpty() && !options.socVersion.isEmpty())
        m_socs->setText(options.socVersion);
    m_templateLabel->setText(tr("From a recipe or the Convert page (%1 flags set)")
                                 .arg(toJson(options).value(QStringLiteral("flags")).toObject().size()));
}

void ConvertManyPage::setSettingsFile(const QString& iniFile)
{
    m_settingsFile = iniFile;
    m_parallel->setValue(ConvertManySettings(m_settingsFile).jobs());
}

BatchTemplate ConvertManyPage::currentTemplate(QString* problem) const
{
    BatchTemplate t;
    t.options = m_templateOptions;
    for (const QString& s : m_socs->text().split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts)) {
        if (!t.socs.contains(s))
            t.socs.append(s);
    }
    for (const QString& s :
        m_batches->text().split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qint64 b = s.toLongLong(&ok);
        if (!ok || b < 1) {
            *problem = tr("Batch sizes are whole numbers of at least 1 (not '%1').").arg(s);
            return t;
        }
        if (!t.batches.contains(b))
            t.batches.append(b);
    }
    for (const QString& s : m_dims->text().split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts)) {
        const qsizetype eq = s.lastIndexOf(QLatin1Char('='));
        bool ok = false;
        const qint64 v = eq > 0 ? s.mid(eq + 1).toLongLong(&ok) : 0;
        if (!ok || v < 1) {
            *problem = tr("Dim values are NAME=VALUE with a VALUE of at least 1 (not '%1').").arg(s);
            return t;
        }
        t.dims.insert(s.left(eq), v);
    }
    t.outputFolder = outputFolder();
    if (t.socs.isEmpty())
        *problem = tr("Give at least one SoC.");
    return t;
}

QString ConvertManyPage::outputFolder() const
{
    if (!m_output->text().trimmed().isEmpty())
        return QFileInfo(m_output->text().trimmed()).absoluteFilePath();
    if (m_paths.isEmpty())
        return {};
    const QFileInfo first(m_paths.first());
    return QDir(first.isDir() ? first.absoluteFilePath() : first.absolutePath()).filePath(QStringLiteral("om"));
}

void ConvertManyPage::addPaths(const QStringList& paths)
{
    if (m_queue->isRunning()) {
        m_lastError = tr("A batch is running: cancel it first.");
        m_summary->setText(m_lastError);
        return;
    }
    QStringList problems;
    const QStringList models = findOnnxModels(paths, &problems);
    m_paths = paths;
    m_jobs.clear();
    m_finishedJobs = 0;
    m_report->clear();
    m_tabs->setCurrentWidget(m_tree);
    QString problem;
    const BatchTemplate t = currentTemplate(&problem);
    m_scanner->scan(models, t, m_toolkit, std::max(1, QThread::idealThreadCount()), m_toolkit.isValid());
    m_lastError = problems.join(QLatin1Char(' '));
    if (models.isEmpty())
        m_lastError = tr("No .onnx file found in %1.").arg(paths.join(QStringLiteral(", ")));
    updateSummary();
    updateButtons();
    emit busyChanged();
}

void ConvertManyPage::setSocs(const QStringList& socs)
{
    m_socs->setText(socs.join(QStringLiteral(", ")));
    recheckAll();
}

void ConvertManyPage::setBatches(const QList<qint64>& batches)
{
    QStringList text;
    for (qint64 b : batches)
        text.append(QString::number(b));
    m_batches->setText(text.join(QStringLiteral(", ")));
}

void ConvertManyPage::setDims(const QString& text)
{
    m_dims->setText(text);
    recheckAll();
}

void ConvertManyPage::recheckAll()
{
    QString problem;
    const BatchTemplate t = currentTemplate(&problem);
    m_lastError = problem;
    if (!problem.isEmpty() || m_queue->isRunning()) {
        updateSummary();
        return;
    }
    for (int i = 0; i < m_scanner->rows().size(); ++i)
        m_scanner->recheck(i, t);
    updateButtons();
}

void ConvertManyPage::setOutputFolder(const QString& folder)
{
    m_output->setText(folder);
}

void ConvertManyPage::setRowDim(int row, const QString& name, qint64 value)
{
    if (row < 0 || row >= m_scanner->rows().size())
        return;
    QHash<QString, qint64> overrides = m_scanner->rows().at(row).dimOverrides;
    overrides.insert(name, value);
    m_scanner->setRowOverrides(row, overrides);
    updateButtons();
}

void ConvertManyPage::onRowsReset(int count)
{
    m_tree->clear();
    for (int i = 0; i < count; ++i) {
        auto* item = new QTreeWidgetItem(m_tree);
        item->setText(ColName, m_scanner->rows().at(i).name);
        item->setText(ColStatus, tr("loading…"));
    }
}

void ConvertManyPage::updateRow(int row)
{
    QTreeWidgetItem* item = m_tree->topLevelItem(row);
    if (!item)
        return;
    const BatchModelRow& r = m_scanner->rows().at(row);
    item->setText(ColName, r.name);
    item->setToolTip(ColName, QDir::toNativeSeparators(r.path));
    item->setText(ColSize, formatBytes(r.size));
    item->setText(ColOpsets, r.opsets.join(QStringLiteral(", ")));
    item->setText(ColInputs,
        r.dynamicDims.isEmpty() ? r.inputs.join(QStringLiteral("; "))
                                : tr("dynamic: %1").arg(r.dynamicDims.join(QStringLiteral(", "))));
    item->setToolTip(ColInputs, r.inputs.join(QLatin1Char('\n')));
    int errors = 0, warnings = 0;
    for (const AtcFinding& f : r.findings) {
        errors += f.severity == AtcSeverity::Error ? 1 : 0;
        warnings += f.severity == AtcSeverity::Warning ? 1 : 0;
    }
    QString checks;
    theme::Tone tone = theme::Tone::Success;
    QString problem;
    if (!r.loaded()) {
        checks = tr("does not load");
        tone = theme::Tone::Error;
        problem = r.loadError;
    } else if (!r.missing.isEmpty()) {
        checks = tr("needs a value");
        tone = theme::Tone::Warning;
        problem = tr("%1 — double-click to give it for this model, or add it to Dim values.")
                      .arg(r.missing.join(QStringLiteral("; ")));
    } else if (errors > 0) {
        checks = tr("%n error(s)", nullptr, errors);
        tone = theme::Tone::Error;
        problem = r.findings.first().message
            + (r.findings.first().fix.isEmpty() ? QString() : QStringLiteral(" — ") + r.findings.first().fix);
    } else {
        checks = warnings > 0 ? tr("ok, %n warning(s)", nullptr, warnings) : tr("ok");
        if (r.prechecked)
            checks += tr(" (ATC pre-check passed)");
        if (warnings > 0)
            tone = theme::Tone::Warning;
    }
    item->setText(ColChecks, checks);
    item->setForeground(ColChecks, theme::text(tone));
    item->setText(ColShapes,
        r.proposedShape.isEmpty() && r.loaded() && r.missing.isEmpty() ? tr("static already") : r.proposedShape);
    if (m_jobs.isEmpty())
        item->setText(ColStatus, r.ready() ? tr("ready") : tr("not ready"));
    item->setText(ColProblem, problem);
    item->setToolTip(ColProblem, problem);
    // Rows arrive in bursts (every worker done at once): the summary and the buttons follow at most 10 times a
    // second, not once per row.
    if (!m_refresh->isActive())
        m_refresh->start();
}

void ConvertManyPage::run()
{
    QString problem;
    const BatchTemplate t = currentTemplate(&problem);
    if (problem.isEmpty() && !m_toolkit.isValid())
        problem = tr("No ATC found: set its path in Settings.");
    if (problem.isEmpty() && m_scanner->isBusy())
        problem = tr("The models are still being checked.");
    if (!problem.isEmpty()) {
        m_lastError = problem;
        m_summary->setText(problem);
        return;
    }
    m_lastError.clear();
    m_jobs = expandBatchJobs(m_scanner->rows(), t, m_toolkit);
    m_finishedJobs = 0;
    // Each model row gets its jobs as children.
    for (int r = 0; r < m_tree->topLevelItemCount(); ++r) {
        QTreeWidgetItem* item = m_tree->topLevelItem(r);
        qDeleteAll(item->takeChildren());
    }
    for (int j = 0; j < m_jobs.size(); ++j) {
        QTreeWidgetItem* parent = m_tree->topLevelItem(m_jobs.at(j).row);
        if (!parent)
            continue;
        auto* child = new QTreeWidgetItem(parent);
        child->setData(ColName, kJobRole, j);
        child->setText(ColName, m_jobs.at(j).name);
        child->setText(ColStatus, tr("queued"));
    }
    BatchRunSettings settings;
    settings.jobs = m_parallel->value();
    settings.memoryPerJobMiB = ConvertManySettings(m_settingsFile).memoryPerJobMiB();
    m_queue->start(m_jobs, m_scanner->rows(), m_toolkit, settings);
    m_elapsed->start();
    m_summary->setText(tr("%n job(s), at most %1 at once.", nullptr, int(m_jobs.size())).arg(m_queue->parallelBound()));
    updateButtons();
    emit busyChanged();
}

void ConvertManyPage::retryFailed()
{
    if (m_queue->retryFailed()) {
        m_finishedJobs = 0;
        for (int j = 0; j < m_queue->jobCount(); ++j) {
            if (m_queue->result(j).result != QLatin1String("queued"))
                ++m_finishedJobs;
            else
                updateJob(j);
        }
        m_elapsed->start();
    }
    updateButtons();
    emit busyChanged();
}

void ConvertManyPage::cancelAll()
{
    m_scanner->cancel();
    m_queue->cancelAll();
    updateButtons();
}

bool ConvertManyPage::shutdown(int waitMs)
{
    m_scanner->cancel();
    return m_queue->shutdown(waitMs);
}

bool ConvertManyPage::isScanning() const
{
    return m_scanner->isBusy();
}

bool ConvertManyPage::isRunning() const
{
    return m_queue->isRunning();
}

int ConvertManyPage::rowCount() const
{
    return m_tree->topLevelItemCount();
}

int ConvertManyPage::jobCount() const
{
    return int(m_jobs.size());
}

void ConvertManyPage::updateJob(int job)
{
    if (job < 0 || job >= m_jobs.size())
        return;
    QTreeWidgetItem* parent = m_tree->topLevelItem(m_jobs.at(job).row);
    if (!parent)
        return;
    for (int c = 0; c < parent->childCount(); ++c) {
        QTreeWidgetItem* child = parent->child(c);
        if (child->data(ColName, kJobRole).toInt() != job)
            continue;
        const BatchJobResult r = m_queue->result(job);
        child->setText(ColStatus, r.result);
        child->setForeground(ColStatus, theme::text(toneOf(r.result)));
        child->setText(ColStage, m_queue->stage(job));
        child->setText(ColElapsed, seconds(m_queue->elapsedMs(job)));
        const QString problem = shownProblem(r);
        child->setText(ColProblem, problem);
        child->setToolTip(ColProblem, problem);
    }
    // The model row: its jobs' totals, and its first problem.
    int ok = 0, failed = 0, running = 0;
    QString first;
    for (int c = 0; c < parent->childCount(); ++c) {
        const BatchJobResult r = m_queue->result(parent->child(c)->data(ColName, kJobRole).toInt());
        const bool finished = r.result != QLatin1String("queued") && r.result != QLatin1String("running");
        running += r.result == QLatin1String("running") ? 1 : 0;
        ok += r.ok() ? 1 : 0;
        failed += finished && !r.ok() ? 1 : 0;
        if (first.isEmpty() && !r.problem.isEmpty())
            first = shownProblem(r);
    }
    parent->setText(ColStatus, tr("%1/%2 converted").arg(ok).arg(parent->childCount()));
    parent->setForeground(ColStatus,
        theme::text(failed > 0               ? theme::Tone::Error
                : ok == parent->childCount() ? theme::Tone::Success
                                             : theme::Tone::Info));
    parent->setText(ColStage, running > 0 ? tr("%n running", nullptr, running) : QString());
    if (!first.isEmpty())
        parent->setText(ColProblem, first);
}

void ConvertManyPage::onJobFinished(int job, const BatchJobResult&)
{
    ++m_finishedJobs;
    updateJob(job);
    updateSummary();
    emit jobFinished(job);
}

void ConvertManyPage::updateElapsed()
{
    for (int j = 0; j < m_queue->jobCount(); ++j) {
        if (m_queue->result(j).result == QLatin1String("running"))
            updateJob(j);
    }
}

void ConvertManyPage::onRunFinished()
{
    m_elapsed->stop();
    const QList<BatchJobResult> results = m_queue->results();
    const Result<QStringList> written = writeBatchReport(results, outputFolder());
    if (!written.ok())
        m_lastError = written.error().message;
    m_report->setHtml(batchReportHtml(results, outputFolder()));
    updateSummary();
    updateButtons();
    emit runFinished();
    emit busyChanged();
}

void ConvertManyPage::showReport()
{
    m_tabs->setCurrentWidget(m_report);
}

void ConvertManyPage::updateSummary()
{
    if (!m_lastError.isEmpty()) {
        m_summary->setText(m_lastError);
        return;
    }
    const int rows = int(m_scanner->rows().size());
    if (m_jobs.isEmpty()) {
        int ready = 0;
        for (const BatchModelRow& r : m_scanner->rows())
            ready += r.ready() ? 1 : 0;
        m_summary->setText(m_scanner->isBusy()
                ? tr("Checking models: %1 of %2…").arg(m_scanner->scannedCount()).arg(rows)
                : tr("%1 of %2 model(s) ready.").arg(ready).arg(rows));
        return;
    }
    const BatchSummary s = summarizeBatch(m_queue->results());
    m_summary->setText(tr("%1 of %2 jobs done: %3 converted, %4 up to date, %5 failed, %6 skipped.")
                           .arg(m_finishedJobs)
                           .arg(s.all.total)
                           .arg(s.all.converted)
                           .arg(s.all.upToDate)
                           .arg(s.all.failed)
                           .arg(s.all.skipped));
}

void ConvertManyPage::updateButtons()
{
    const bool running = m_queue->isRunning();
    const bool scanning = m_scanner->isBusy();
    m_run->setEnabled(!running && !scanning && !m_scanner->rows().isEmpty());
    bool anyFailed = false;
    for (int j = 0; j < m_queue->jobCount() && !running; ++j) {
        const QString& r = m_queue->result(j).result;
        anyFailed = anyFailed || r == QLatin1String("failed") || r == QLatin1String("cancelled");
    }
    m_retry->setEnabled(!running && anyFailed);
    m_cancel->setEnabled(running || scanning);
    m_openReport->setEnabled(!running && !m_jobs.isEmpty());
}

void ConvertManyPage::onItemDoubleClicked(QTreeWidgetItem* item)
{
    if (!item || item->parent())
        return;
    const int row = m_tree->indexOfTopLevelItem(item);
    const BatchModelRow& r = m_scanner->rows().at(row);
    if (r.missing.isEmpty())
        return;
    // "images[2] 'mystery' needs a value: --dim mystery=VALUE": the name is what --dim takes.
    const QString first = r.missing.first();
    const QString name = first.section(QStringLiteral("--dim "), 1).section(QLatin1Char('='), 0, 0);
    bool ok = false;
    const int value = QInputDialog::getInt(
        this, tr("Value for %1").arg(name), tr("%1\nValue for this model only:").arg(first), 1, 1, 1 << 20, 1, &ok);
    if (ok)
        setRowDim(row, name, value);
}

void ConvertManyPage::chooseTemplate()
{
    const QString file
        = QFileDialog::getOpenFileName(this, tr("Template Recipe"), QString(), tr("Recipes (*.json);;All files (*)"));
    if (file.isEmpty())
        return;
    const Result<AtcOptions> loaded = loadRecipe(file);
    if (!loaded.ok()) {
        m_lastError = loaded.error().message;
        updateSummary();
        return;
    }
    setTemplateOptions(loaded.value());
    m_templateLabel->setText(tr("From %1").arg(QFileInfo(file).fileName()));
}

void ConvertManyPage::chooseOutput()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Output Folder"), outputFolder());
    if (!dir.isEmpty())
        m_output->setText(dir);
}

} // namespace wb
