#include "conversionpage.h"

#include "theme.h"
#include "widgets/findingslist.h"

#include "atc/conversiontext.h"
#include "logging/logging.h"
#include "parsing/lines.h"
#include "parsing/pastedlog.h"
#include "util/latestonly.h"
#include "util/units.h"
#include "widgets/bundleexport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStyle>
#include <QTableWidget>
#include <QTextBlock>
#include <QTextCursor>
#include <QTimer>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace wb {

namespace {

constexpr int kMaxLines = 20000; // kept for the view; the full log is written next to the OM
// A saved log goes into the views in slices of about this many milliseconds, from the event loop: the window stays
// responsive while 20,000 lines and tens of thousands of problems are added.
constexpr qint64 kSliceMs = 8;
constexpr qsizetype kSliceLines = 500; // lines, or problems, added between two looks at the clock
constexpr int kSliceBatches = 4; // at most this many batches of kSliceLines a slice, however fast the machine

} // namespace

// A saved log, read and parsed off the GUI thread, with what the views need worked out there too: which shown lines
// belong to which run and each line's severity (as appendLines() would decide it).
struct ConversionPage::SavedLog {
    struct Span {
        qsizetype from = 0, to = 0; // indexes into `lines`
        qsizetype firstEvent = 0, endEvent = 0; // indexes into parsed.events
        int keyLine = 0;
        QString keyText;
    };
    QString path;
    QString error; // empty when read
    QStringList lines; // the last kMaxLines, decoded leniently
    QList<int> severities; // one per line: 0 plain, 1 warning, 2 error
    std::map<int, AtcLogParser> lineParsers; // per run, as fed with its shown lines
    QList<Span> spans; // one per run (at least one)
    qsizetype totalLines = 0;
    AtcLogResult parsed;
    // While it is being shown (GUI thread): the run, line and event the next slice starts at.
    qsizetype run = 0, line = 0, event = 0;
    QElapsedTimer shown;
};

namespace {

using SavedLog = ConversionPage::SavedLog;

int severityLevel(Severity severity)
{
    return severity == Severity::Error ? 2 : severity == Severity::Warning ? 1 : 0;
}

// One span per ATC run in the saved log (a paste may hold several): its shown lines (the view holds the last lines
// only: line n of the file is lines[n - firstShown]) and events; each line's severity from a parser per run.
void planSavedLog(SavedLog& log)
{
    const AtcLogResult& parsed = log.parsed;
    const qsizetype runs = qMax<qsizetype>(1, parsed.runs.size());
    const qsizetype firstShown = log.totalLines - log.lines.size() + 1;
    AtcRun whole; // a result without runs (not from the parser): everything in one
    whole.firstLine = 1;
    whole.lastLine = int(log.totalLines);
    whole.eventCount = parsed.events.size();
    log.severities.fill(0, log.lines.size());
    for (int r = 0; r < runs; ++r) {
        const AtcRun& run = parsed.runs.isEmpty() ? whole : parsed.runs.at(r);
        SavedLog::Span span;
        span.from = qMax<qsizetype>(run.firstLine, firstShown) - firstShown;
        span.to = qMax(span.from, (r + 1 == runs ? log.totalLines : run.lastLine) - firstShown + 1);
        span.firstEvent = qMin(run.firstEvent, parsed.events.size());
        span.endEvent = qMin(run.firstEvent + run.eventCount, parsed.events.size());
        span.keyLine = run.keyLine;
        span.keyText = run.keyText;
        AtcLogParser& parser = log.lineParsers[r];
        for (qsizetype i = span.from; i < span.to; ++i) {
            parser.feed(log.lines.at(i)); // the parser decides what is an error or a warning, as for the problems
            log.severities[i] = severityLevel(parser.lineSeverity());
        }
        log.spans.append(span);
    }
}

SavedLog readSavedLog(const QString& path)
{
    SavedLog log;
    log.path = path;
    QFile file(path);
    if (!file.exists())
        log.error = QObject::tr("%1 does not exist.").arg(QDir::toNativeSeparators(path));
    else if (QFileInfo(path).isDir())
        log.error = QObject::tr("%1 is a folder, not a log file.").arg(QDir::toNativeSeparators(path));
    else if (!QFileInfo(path).isFile()) // a FIFO or a device would block the reader or never end
        log.error = QObject::tr("%1 is not a regular file.").arg(QDir::toNativeSeparators(path));
    else if (file.size() > ConversionPage::kMaxLogBytes)
        log.error = QObject::tr("%1 is %2; logs above %3 are not opened here: keep the end of it (e.g. "
                                "`tail -n 200000`) and open that.")
                        .arg(QDir::toNativeSeparators(path), formatBytes(file.size()),
                            formatBytes(ConversionPage::kMaxLogBytes));
    else if (!file.open(QIODevice::ReadOnly))
        log.error = QObject::tr("Cannot read %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString());
    if (!log.error.isEmpty())
        return log;
    const QByteArray bytes = file.readAll();
    if (bytes.contains('\0') && !bytes.contains("ATC")) {
        log.error = QObject::tr("%1 is not a text log (it holds NUL bytes and no ATC output).")
                        .arg(QDir::toNativeSeparators(path));
        return log;
    }
    // The same line ends as the parser (\n, \r\n, a bare \r), so the view and the counts agree with it. A pasted
    // log is shown as it was read: without its quote markers, fences and added indentation (line for line).
    const PastedLines pasted = unquotePastedLines(splitLines(bytes));
    log.parsed = parseAtcLines(pasted.lines); // already unquoted: that pass finds nothing more to take off
    log.parsed.pastedForms = pasted.forms;
    const QList<QByteArray>& raw = pasted.lines;
    log.totalLines = raw.size();
    for (qsizetype i = std::max<qsizetype>(0, log.totalLines - kMaxLines); i < log.totalLines; ++i)
        log.lines.append(QString::fromUtf8(raw.at(i)));
    planSavedLog(log);
    return log;
}

QString verdictText(AtcVerdict verdict)
{
    switch (verdict) {
    case AtcVerdict::Success:
        return QObject::tr("succeeded");
    case AtcVerdict::Failed:
        return QObject::tr("failed");
    case AtcVerdict::Incomplete:
        break;
    }
    return QObject::tr("incomplete (no final status line)");
}

// What the status line adds for a saved log: pasted wrapping taken off, several runs, no problem named.
QString savedLogNotes(const AtcLogResult& parsed)
{
    QString text;
    if (!parsed.pastedForms.isEmpty()) {
        QStringList forms;
        for (const QString& form : parsed.pastedForms) {
            forms.append(form == QLatin1String("chat")   ? QObject::tr("chat prefixes")
                    : form == QLatin1String("quote")     ? QObject::tr("quote markers")
                    : form == QLatin1String("timestamp") ? QObject::tr("timestamps")
                    : form == QLatin1String("fence")     ? QObject::tr("Markdown fences")
                                                         : QObject::tr("the added indentation"));
        }
        text += QObject::tr(" Read as pasted text (took off %1).").arg(forms.join(QStringLiteral(", ")));
    }
    if (parsed.runs.size() > 1)
        text += QObject::tr(" It holds %n ATC runs; the verdict is the last one's.", nullptr, int(parsed.runs.size()));
    if (!parsed.runs.isEmpty() && parsed.runs.last().keyLine > 0)
        text += QObject::tr(" No problem can be named; the most likely key line is line %1: “%2”.")
                    .arg(parsed.runs.last().keyLine)
                    .arg(parsed.runs.last().keyText);
    return text;
}

} // namespace

ConversionPage::ConversionPage(QWidget* parent)
    : QWidget(parent)
    , m_queue(new ConversionQueue(this))
    , m_jobs(new QTableWidget(0, 4, this))
    , m_log(new QPlainTextEdit(this))
    , m_filter(new QComboBox(this))
    , m_follow(new QCheckBox(tr("Follow"), this))
    , m_problems(new QTreeWidget(this))
    , m_status(new QLabel(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_openLog(new QPushButton(tr("Open Log…"), this))
    , m_resultRow(new QWidget(this))
    , m_resultPath(new QLabel(m_resultRow))
    , m_openFolder(new QPushButton(tr("Open Folder"), m_resultRow))
    , m_runOm(new QPushButton(tr("Run This OM"), m_resultRow))
    , m_exportBundle(new QPushButton(tr("Export Bundle…"), this))
    , m_bundleExporter(new BundleExporter(this))
    , m_logReader(new LatestOnlyRunner(this))
    , m_clock(new QTimer(this))
    , m_showTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("conversionPage"));
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_status->setObjectName(QStringLiteral("conversionStatus"));
    // A saved or pasted log's status names the file, the runs and a quoted key line: it wraps instead of widening
    // the window past the size asked for.
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    top->addWidget(m_status, 1);
    m_cancel->setEnabled(false);
    top->addWidget(m_cancel);
    m_openLog->setObjectName(QStringLiteral("openAtcLog"));
    m_openLog->setToolTip(tr("Read a saved ATC console log (a run on another machine, a CI job) and show its "
                             "problems here and on the graph."));
    top->addWidget(m_openLog);
    m_exportBundle->setObjectName(QStringLiteral("exportBundle"));
    m_exportBundle->setToolTip(tr("Copy the OMs of this conversion into a folder with deploy.json, for om_dispatch "
                                  "and om-runner --bundle."));
    m_exportBundle->setEnabled(false);
    top->addWidget(m_exportBundle);
    layout->addLayout(top);
    // After a successful run: where the OM is, and the two next steps.
    auto* result = new QHBoxLayout(m_resultRow);
    result->setContentsMargins(0, 0, 0, 0);
    m_resultRow->setObjectName(QStringLiteral("conversionResult"));
    m_resultPath->setObjectName(QStringLiteral("resultPath"));
    m_resultPath->setWordWrap(true);
    m_resultPath->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_resultPath->setMinimumWidth(0);
    m_resultPath->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    result->addWidget(m_resultPath, 1);
    m_openFolder->setObjectName(QStringLiteral("openOmFolder"));
    m_runOm->setObjectName(QStringLiteral("runThisOm"));
    m_runOm->setToolTip(tr("Open the Run page with this OM selected."));
    result->addWidget(m_openFolder);
    result->addWidget(m_runOm);
    m_resultRow->hide();
    layout->addWidget(m_resultRow);
    connect(m_openFolder, &QPushButton::clicked, this,
        [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(m_resultOm).absolutePath())); });
    connect(m_runOm, &QPushButton::clicked, this, [this] {
        if (!m_resultOm.isEmpty())
            emit runOmRequested(m_resultOm);
    });

    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_jobs->setHorizontalHeaderLabels({ tr("OM"), tr("Batch"), tr("Status"), tr("Time") });
    m_jobs->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_jobs->verticalHeader()->hide();
    m_jobs->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_jobs->setMaximumHeight(160);
    splitter->addWidget(m_jobs);

    auto* logBox = new QWidget(splitter);
    auto* logLayout = new QVBoxLayout(logBox);
    logLayout->setContentsMargins(0, 0, 0, 0);
    auto* logBar = new QHBoxLayout;
    logBar->addWidget(new QLabel(tr("<b>ATC log</b>"), logBox));
    logBar->addStretch();
    m_filter->addItems({ tr("All lines"), tr("Warnings and errors"), tr("Errors") });
    logBar->addWidget(m_filter);
    m_follow->setChecked(true);
    logBar->addWidget(m_follow);
    logLayout->addLayout(logBar);
    m_log->setReadOnly(true);
    m_log->setObjectName(QStringLiteral("atcLog"));
    m_log->setFont(QFont(QStringLiteral("monospace")));
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_log->setMaximumBlockCount(kMaxLines);
    logLayout->addWidget(m_log);
    splitter->addWidget(logBox);

    m_problems->setObjectName(QStringLiteral("atcProblems"));
    m_problems->setHeaderLabels({ tr("Problem"), tr("Detail") });
    m_problems->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_problems->header()->setResizeContentsPrecision(100); // not 1,000 rows measured at each batch of a saved log
    m_problems->setWordWrap(true);
    splitter->addWidget(m_problems);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 2);
    layout->addWidget(splitter, 1);

    m_clock->setInterval(1000);
    connect(m_clock, &QTimer::timeout, this, &ConversionPage::tick);
    m_showTimer->setInterval(0);
    connect(m_showTimer, &QTimer::timeout, this, &ConversionPage::showSavedSlice);
    connect(m_cancel, &QPushButton::clicked, m_queue, &ConversionQueue::cancel);
    connect(m_openLog, &QPushButton::clicked, this, &ConversionPage::chooseLog);
    connect(m_exportBundle, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Export Bundle To"));
        if (!folder.isEmpty())
            exportBundle(folder);
    });
    connect(m_bundleExporter, &BundleExporter::finished, this,
        [this](bool ok, const QString& message, const QString& manifest) {
            m_exportBundle->setEnabled(true);
            m_status->setText(message);
            emit bundleExported(ok, ok ? manifest : message);
        });
    connect(m_filter, &QComboBox::currentIndexChanged, this, &ConversionPage::refreshLog);
    connect(m_queue, &ConversionQueue::jobQueued, this, [this](int job, const QString& om, qint64 batch) {
        m_jobs->setRowCount(std::max(m_jobs->rowCount(), job + 1));
        m_jobs->setItem(job, 0, new QTableWidgetItem(QFileInfo(om).fileName()));
        m_jobs->item(job, 0)->setToolTip(QDir::toNativeSeparators(om));
        m_jobs->setItem(job, 1, new QTableWidgetItem(batch > 0 ? QString::number(batch) : QStringLiteral("—")));
        m_jobs->setItem(job, 2, new QTableWidgetItem(tr("queued")));
        m_jobs->setItem(job, 3, new QTableWidgetItem());
    });
    connect(m_queue, &ConversionQueue::jobStarted, this, [this](int job, const QString& command) {
        if (QTableWidgetItem* item = m_jobs->item(job, 2))
            item->setText(tr("running"));
        appendLine(job, QStringLiteral("$ ") + command);
    });
    connect(m_queue, &ConversionQueue::lineReceived, this, &ConversionPage::appendLine);
    connect(m_queue, &ConversionQueue::eventParsed, this, &ConversionPage::addEvent);
    connect(m_queue, &ConversionQueue::stageChanged, this, [this](int, const QString& stage) {
        m_stage = stage;
        tick();
    });
    // Converting on a host: what goes up before ATC starts, in the status line until ATC's first stage.
    connect(m_queue, &ConversionQueue::jobProgress, this, [this](int, const QString& message) {
        m_stage = message;
        tick();
    });
    connect(m_queue, &ConversionQueue::jobFinished, this, &ConversionPage::jobFinished);
    connect(m_queue, &ConversionQueue::finished, this, [this](bool ok) {
        m_clock->stop();
        m_cancel->setEnabled(false);
        m_openLog->setEnabled(true);
        const QList<ConversionOutcome> outcomes = m_queue->outcomes();
        m_exportBundle->setEnabled(
            std::any_of(outcomes.begin(), outcomes.end(), [](const ConversionOutcome& o) { return o.ok; }));
        m_status->setText(ok ? tr("All OMs produced in %1.").arg(formatDuration(m_elapsed.elapsed()))
                             : tr("Finished with failures after %1; see the problems below.")
                                   .arg(formatDuration(m_elapsed.elapsed())));
        showResult(ok);
        emit finished(ok);
    });
    connect(m_problems, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const QString node = item->data(0, Qt::UserRole).toString();
        if (!node.isEmpty())
            emit nodeActivated(node);
    });
    showIdleStatus();
}

void ConversionPage::setRunBlockedReason(const QString& reason)
{
    m_runBlockedReason = reason;
    if (m_idle)
        showIdleStatus();
}

// Before anything ran: what comes next. When Run ATC is disabled, why (not "press Run ATC").
void ConversionPage::showIdleStatus()
{
    m_status->setText(m_runBlockedReason.isEmpty()
            ? tr("No conversion has run yet: press Run ATC on the Convert page, or open a saved ATC log.")
            : tr("No conversion has run yet, and Run ATC on the Convert page is disabled: %1").arg(m_runBlockedReason));
}

void ConversionPage::showResult(bool allOk)
{
    QStringList oms;
    for (const ConversionOutcome& o : m_queue->outcomes()) {
        if (o.ok)
            oms.append(QDir::toNativeSeparators(o.omPath));
    }
    m_resultOm = oms.isEmpty() ? QString() : QDir::fromNativeSeparators(oms.last());
    m_resultRow->setVisible(!oms.isEmpty());
    if (oms.isEmpty())
        return;
    m_resultPath->setText(oms.size() == 1
            ? tr("Written: %1").arg(oms.first())
            : tr("Written (%n OM(s)): %1", nullptr, int(oms.size())).arg(oms.join(QStringLiteral(", "))));
    m_runOm->setText(allOk && oms.size() == 1 ? tr("Run This OM") : tr("Run the Last OM"));
}

QString ConversionPage::resultText() const
{
    return m_resultRow->isHidden() ? QString() : m_resultPath->text();
}

void ConversionPage::reset()
{
    m_showTimer->stop();
    m_showing.reset();
    m_jobs->setRowCount(0);
    m_lines.clear();
    m_events.clear();
    m_log->clear();
    m_logLines = 0;
    m_problems->clear();
    m_stage.clear();
    m_lineParsers.clear();
    m_idle = false;
    m_resultRow->hide();
    m_resultOm.clear();
    emit opsReported({}); // the marks of the previous run or log go
}

void ConversionPage::start(const ConversionRequest& request)
{
    if (isReadingLog()) { // a saved log still being read or shown gives way to the run: say so, once
        m_logReader->discard();
        emit logOpened(false);
    }
    reset();
    m_openLog->setEnabled(false);
    m_elapsed.start();
    m_clock->start();
    m_cancel->setEnabled(true);
    m_status->setText(tr("Starting ATC…"));
    m_queue->start(request);
}

void ConversionPage::chooseLog()
{
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Open ATC Log"), QString(), tr("Logs (*.log *.txt);;All files (*)"));
    if (!path.isEmpty())
        openLog(path);
}

bool ConversionPage::isReadingLog() const
{
    return m_logReader->isBusy() || m_showing != nullptr;
}

void ConversionPage::openLog(const QString& path)
{
    if (m_queue->isRunning()) {
        m_status->setText(tr("A conversion is running: cancel it or wait before opening a log."));
        emit logOpened(false);
        return;
    }
    m_idle = false;
    // A log still being shown gives way to this one (as a read still running does: it never reports).
    m_showTimer->stop();
    m_showing.reset();
    m_status->setText(tr("Reading %1…").arg(QDir::toNativeSeparators(path)));
    m_logReader->submit<SavedLog>([path] { return readSavedLog(path); },
        [this](const SavedLog& log) {
            if (!log.error.isEmpty()) {
                m_status->setText(log.error);
                emit logOpened(false);
                return;
            }
            reset();
            auto show = std::make_shared<SavedLog>(log);
            show->shown.start();
            showSavedRuns(*show);
            m_showing = std::move(show);
            m_showTimer->start(); // the lines and problems follow in slices; logOpened() after the last
            showSavedSlice();
        });
}

// After the last slice of a saved log: the graph marks, the status line, logOpened().
void ConversionPage::finishSavedLog()
{
    const std::shared_ptr<SavedLog> show = std::move(m_showing);
    m_showTimer->stop();
    const SavedLog& log = *show;
    m_lineParsers = log.lineParsers; // later lines (a filter change) go on from where the saved log left them
    emit opsReported(m_events);
    const QString name = QFileInfo(log.path).fileName();
    int errors = 0, warnings = 0;
    for (const AtcEvent& e : log.parsed.events) {
        errors += e.severity == Severity::Error && e.kind != AtcEventKind::Status ? 1 : 0;
        warnings += e.severity == Severity::Warning ? 1 : 0;
    }
    QString text = tr("Saved log %1: ATC %2, %3 error(s), %4 warning(s), %5 line(s) — read from the file, "
                      "nothing was run.")
                       .arg(name, verdictText(log.parsed.verdict))
                       .arg(errors)
                       .arg(warnings)
                       .arg(log.totalLines);
    if (log.totalLines > log.lines.size())
        text += tr(" The view keeps the last %n line(s).", nullptr, int(log.lines.size()));
    text += savedLogNotes(log.parsed);
    m_status->setText(text);
    log::app()->info("Showed the saved ATC log {} ({} lines, {} events) in {} ms", log.path, log.totalLines,
        log.parsed.events.size(), log.shown.elapsed());
    emit logOpened(true);
}

// One row per ATC run in the saved log (a paste may hold several); its lines and problems follow in slices.
void ConversionPage::showSavedRuns(const SavedLog& log)
{
    const QFileInfo file(log.path);
    const qsizetype runs = log.spans.size();
    m_events.reserve(log.parsed.events.size()); // one allocation, not a copy of every event at each growth
    m_jobs->setRowCount(int(runs));
    for (int r = 0; r < runs; ++r) {
        const AtcVerdict verdict = log.parsed.runs.isEmpty() ? log.parsed.verdict : log.parsed.runs.at(r).verdict;
        m_jobs->setItem(r, 0,
            new QTableWidgetItem(runs > 1 ? tr("%1 (saved log, run %2)").arg(file.fileName()).arg(r + 1)
                                          : tr("%1 (saved log)").arg(file.fileName())));
        m_jobs->item(r, 0)->setToolTip(QDir::toNativeSeparators(file.absoluteFilePath()));
        m_jobs->setItem(r, 1, new QTableWidgetItem(QStringLiteral("—")));
        auto* status = new QTableWidgetItem(verdictText(verdict));
        status->setForeground(theme::text(verdict == AtcVerdict::Success ? theme::Tone::Success : theme::Tone::Error));
        m_jobs->setItem(r, 2, status);
        m_jobs->setItem(r, 3, new QTableWidgetItem(QStringLiteral("—")));
    }
}

// Adds the saved log's next lines and problems, run by run, for about kSliceMs; the last slice finishes it.
void ConversionPage::showSavedSlice()
{
    if (!m_showing)
        return;
    SavedLog& log = *m_showing;
    QElapsedTimer slice;
    slice.start();
    for (int batch = 0; batch < kSliceBatches && log.run < log.spans.size() && slice.elapsed() < kSliceMs; ++batch) {
        const int r = int(log.run);
        const SavedLog::Span& span = log.spans.at(r);
        if (log.line < span.from)
            log.line = span.from;
        if (log.event < span.firstEvent)
            log.event = span.firstEvent;
        if (log.line < span.to) {
            const qsizetype n = qMin(kSliceLines, span.to - log.line);
            appendLines(r, log.lines.mid(log.line, n), log.severities.mid(log.line, n));
            log.line += n;
        } else if (log.event < span.endEvent) {
            QList<QTreeWidgetItem*> items;
            const qsizetype end = qMin(log.event + kSliceLines, span.endEvent);
            for (; log.event < end; ++log.event) {
                if (QTreeWidgetItem* item = eventItem(r, log.parsed.events.at(log.event)))
                    items.append(item);
            }
            m_problems->addTopLevelItems(items); // one insertion for the batch
            for (QTreeWidgetItem* item : std::as_const(items))
                item->setExpanded(item->data(0, Qt::UserRole + 1).toBool());
        } else {
            if (span.keyLine > 0) { // say so, and quote the line most likely to tell what went wrong
                auto* item = new QTreeWidgetItem(m_problems, { tr("No problem named"), span.keyText });
                item->setIcon(0, style()->standardIcon(QStyle::SP_MessageBoxInformation));
                item->setToolTip(1,
                    tr("ATC printed no error message%1; the most likely key line is line %2.")
                        .arg(log.spans.size() > 1 ? tr(" in run %1").arg(r + 1) : QString())
                        .arg(span.keyLine));
            }
            ++log.run;
        }
    }
    if (log.run >= log.spans.size())
        finishSavedLog();
}

bool ConversionPage::isRunning() const
{
    return m_queue->isRunning();
}

int ConversionPage::problemCount() const
{
    return int(m_events.size()); // the problems ATC named (not the "no problem named" line)
}

QString ConversionPage::logText() const
{
    return m_log->toPlainText();
}

QString ConversionPage::statusText() const
{
    return m_status->text();
}

QStringList ConversionPage::jobStatuses() const
{
    QStringList out;
    for (int row = 0; row < m_jobs->rowCount(); ++row) {
        const QTableWidgetItem* name = m_jobs->item(row, 0);
        const QTableWidgetItem* status = m_jobs->item(row, 2);
        out.append(QStringLiteral("%1: %2").arg(name ? name->text() : QString(), status ? status->text() : QString()));
    }
    return out;
}

void ConversionPage::tick()
{
    if (!m_queue->isRunning())
        return;
    m_status->setText(
        tr("Converting — %1%2")
            .arg(formatDuration(m_elapsed.elapsed()), m_stage.isEmpty() ? QString() : tr(", stage: %1").arg(m_stage)));
}

void ConversionPage::appendLine(int job, const QString& line)
{
    appendLines(job, { line });
}

void ConversionPage::appendLines(int job, const QStringList& lines)
{
    appendLines(job, lines, {});
}

// Plain text with a character format per line: far cheaper than HTML for the thousands of lines a saved log or a
// chatty ATC brings at once.
void ConversionPage::appendLines(int job, const QStringList& lines, const QList<int>& severities)
{
    const QString prefix = m_jobs->rowCount() > 1 ? QStringLiteral("[%1] ").arg(job + 1) : QString();
    QTextCursor cursor(m_log->document());
    cursor.movePosition(QTextCursor::End);
    cursor.beginEditBlock();
    QTextCharFormat plain, warning, error;
    warning.setForeground(theme::text(theme::Tone::Warning));
    error.setForeground(theme::text(theme::Tone::Error));
    AtcLogParser& parser = m_lineParsers[job];
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString& line = lines.at(i);
        int severity = 0;
        if (i < severities.size()) { // worked out already (a saved log, on its worker)
            severity = severities.at(i);
        } else {
            parser.feed(line); // the parser decides what is an error or a warning, as it does for the problems
            severity = severityLevel(parser.lineSeverity());
        }
        m_lines.append({ job, severity, line });
        if (severity < m_filter->currentIndex())
            continue;
        if (m_logLines++ > 0) // the document starts with one empty block: the first line goes there
            cursor.insertBlock(QTextBlockFormat(), plain);
        cursor.insertText(prefix + line, severity == 2 ? error : severity == 1 ? warning : plain);
    }
    cursor.endEditBlock();
    if (m_lines.size() > kMaxLines)
        m_lines.remove(0, m_lines.size() - kMaxLines);
    if (m_follow->isChecked())
        m_log->verticalScrollBar()->setValue(m_log->verticalScrollBar()->maximum());
}

void ConversionPage::refreshLog()
{
    m_log->clear();
    m_logLines = 0;
    const QList<Line> lines = m_lines;
    m_lines.clear();
    // Consecutive lines of one job go in one edit.
    QStringList batch;
    int batchJob = -1;
    for (const Line& l : lines) {
        if (l.job != batchJob && !batch.isEmpty()) {
            appendLines(batchJob, batch);
            batch.clear();
        }
        batchJob = l.job;
        batch.append(l.text);
    }
    if (!batch.isEmpty())
        appendLines(batchJob, batch);
}

void ConversionPage::addEvent(int job, const AtcEvent& event)
{
    QTreeWidgetItem* item = eventItem(job, event);
    if (!item)
        return;
    m_problems->addTopLevelItem(item);
    item->setExpanded(event.severity == Severity::Error);
    if (!event.ops.isEmpty())
        emit opsReported(m_events);
}

// The problems list's item for an event (not yet in the list; nullptr for an Info event), the event kept. Whether it
// opens expanded (errors do) is its data(0, UserRole + 1).
QTreeWidgetItem* ConversionPage::eventItem(int job, const AtcEvent& event)
{
    if (event.severity == Severity::Info)
        return nullptr;
    m_events.append(event);
    if (m_errorIcon.isNull()) { // looked up once: the style's lookup is slow for tens of thousands of problems
        m_errorIcon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
        m_warningIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    }
    auto* item = new QTreeWidgetItem;
    item->setIcon(0, event.severity == Severity::Error ? m_errorIcon : m_warningIcon);
    item->setText(0, event.code.isEmpty() ? FindingsList::severityText(event.severity) : event.code);
    item->setText(1, (m_jobs->rowCount() > 1 ? QStringLiteral("[%1] ").arg(job + 1) : QString()) + event.message);
    item->setToolTip(1, event.message);
    auto child = [item](const QString& label, const QString& text, const QString& node = {}) {
        if (text.isEmpty())
            return;
        auto* c = new QTreeWidgetItem(item, { label, text });
        c->setToolTip(1, text);
        c->setData(0, Qt::UserRole, node);
    };
    child(tr("Cause"), event.cause);
    child(tr("Solution"), event.solution);
    child(tr("What to do"), FindingsList::displayHint(catalogueText(event.hint)));
    for (const OpRef& op : event.ops)
        child(tr("Node"), op.name.isEmpty() ? op.type : QStringLiteral("%1 (%2)").arg(op.name, op.type), op.name);
    if (!event.ops.isEmpty())
        item->setData(0, Qt::UserRole, event.ops.first().name);
    item->setData(0, Qt::UserRole + 1, event.severity == Severity::Error);
    return item;
}

void ConversionPage::jobFinished(int job, const ConversionOutcome& outcome)
{
    if (QTableWidgetItem* status = m_jobs->item(job, 2)) {
        const QString failure = outcome.ok ? QString() : shownConversionText(outcome.failure);
        status->setText(outcome.skippedUnchanged ? tr("unchanged (not rebuilt)")
                : outcome.ok                     ? tr("done")
                                                 : tr("failed: %1").arg(failure));
        status->setToolTip(
            outcome.ok ? outcome.omPath : failure + QStringLiteral("\n") + tr("Log: %1").arg(outcome.logPath));
        status->setForeground(theme::text(outcome.ok ? theme::Tone::Success : theme::Tone::Error));
    }
    if (QTableWidgetItem* time = m_jobs->item(job, 3))
        time->setText(formatDuration(outcome.durationMs));
}

bool ConversionPage::exportBundle(const QString& folder)
{
    QStringList oms;
    for (const ConversionOutcome& o : m_queue->outcomes()) {
        if (o.ok)
            oms << o.omPath;
    }
    if (oms.isEmpty() || !m_bundleExporter->start(oms, folder))
        return false;
    m_exportBundle->setEnabled(false);
    m_status->setText(tr("Writing the bundle to %1…").arg(QDir::toNativeSeparators(folder)));
    return true;
}

bool ConversionPage::isExportingBundle() const
{
    return m_bundleExporter->isRunning();
}

} // namespace wb
