#pragma once

#include "atc/conversion.h"

#include <QElapsedTimer>
#include <QIcon>
#include <QWidget>

#include <map>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace wb {

class LatestOnlyRunner;
class BundleExporter;

// A conversion run as it happens: the queue of jobs (batch variants), ATC's log coloured by severity with a filter
// and tail-follow, the current stage and elapsed time, the problems ATC reported (cause, solution, hint, the ops
// they name), and Cancel.
class ConversionPage : public QWidget {
    Q_OBJECT
public:
    explicit ConversionPage(QWidget* parent = nullptr);

    ConversionQueue* queue() const { return m_queue; }
    void start(const ConversionRequest& request);
    bool isRunning() const;
    int problemCount() const;
    QString logText() const;
    QString statusText() const;
    QStringList jobStatuses() const; // one "om: status" line per job
    // Why the Convert page's Run ATC is disabled ("" when it is enabled): what the page says before any run.
    void setRunBlockedReason(const QString& reason);
    // After a run that produced OMs: their full paths, with Open Folder and Run This OM beside them.
    QString resultText() const;

    // Shows a saved ATC console log (from a run elsewhere, a colleague, a CI job) as if it had run here: its lines,
    // verdict and problems, the ops they name marked on the graph. Read and parsed on a worker thread; refused
    // while a conversion runs. logOpened() follows.
    void openLog(const QString& path);
    bool isReadingLog() const;
    // Export Bundle…: the OMs this conversion produced, copied into `folder` with deploy.json (on a worker);
    // bundleExported() follows. False when there is nothing to bundle or an export runs.
    bool exportBundle(const QString& folder);
    bool isExportingBundle() const;
    static constexpr qint64 kMaxLogBytes = 512LL * 1024 * 1024;
    struct SavedLog; // a saved log read on the worker, then shown in slices

signals:
    void opsReported(const QList<wb::AtcEvent>& events); // every event naming ops, for the graph overlay
    void nodeActivated(const QString& node);
    void finished(bool allOk);
    void logOpened(bool ok);
    void runOmRequested(const QString& omPath); // Run This OM
    void bundleExported(bool ok, const QString& manifest);

private:
    void appendLine(int job, const QString& line);
    void appendLines(int job, const QStringList& lines);
    void appendLines(int job, const QStringList& lines, const QList<int>& severities);
    void addEvent(int job, const AtcEvent& event);
    QTreeWidgetItem* eventItem(int job, const AtcEvent& event);
    void jobFinished(int job, const ConversionOutcome& outcome);
    void refreshLog();
    void tick();
    void chooseLog();
    void showSavedRuns(const SavedLog& log);
    void showSavedSlice();
    void finishSavedLog();
    void reset();
    void showIdleStatus();
    void showResult(bool allOk);

    ConversionQueue* m_queue;
    QTableWidget* m_jobs;
    QPlainTextEdit* m_log;
    QComboBox* m_filter;
    QCheckBox* m_follow;
    QTreeWidget* m_problems;
    QLabel* m_status;
    QPushButton* m_cancel;
    QPushButton* m_openLog;
    QWidget* m_resultRow;
    QLabel* m_resultPath;
    QPushButton* m_openFolder;
    QPushButton* m_runOm;
    QString m_resultOm; // the OM Run This OM runs (the last one produced)
    QString m_runBlockedReason;
    bool m_idle = true; // nothing run or opened yet: the status says what comes next
    std::map<int, AtcLogParser> m_lineParsers; // per job: decides each log line's severity
    QPushButton* m_exportBundle;
    BundleExporter* m_bundleExporter;
    LatestOnlyRunner* m_logReader;
    QTimer* m_clock;
    QTimer* m_showTimer; // drives showSavedSlice() while a saved log is shown
    std::shared_ptr<SavedLog> m_showing; // the saved log being shown, or nullptr
    QIcon m_errorIcon, m_warningIcon;
    QElapsedTimer m_elapsed;
    QString m_stage;
    struct Line {
        int job;
        int severity; // 0 plain, 1 warning, 2 error
        QString text;
    };
    QList<Line> m_lines;
    QList<AtcEvent> m_events;
    qsizetype m_logLines = 0; // lines in the view since it was last cleared
};

} // namespace wb
