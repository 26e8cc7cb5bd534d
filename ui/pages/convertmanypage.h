#pragma once

// The Convert Many page: many models (dropped, File > Convert Many…, --convert-many DIR) loaded and checked on
// workers into one row each; a template (SoCs, batch sizes, NAME=VALUE per named dim, the other ATC options from a
// recipe or the Convert page); Run puts every (model, SoC, batch) job in a queue bounded by the jobs setting and by
// memory; rows expand to their jobs; Retry Failed, Cancel All; the report (HTML, CSV, JSON) in the output folder.
#include "atc/atcoptions.h"
#include "atc/convertmanyreport.h"
#include "atc/toolkit.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTextBrowser;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace wb {

class BatchQueue;
class BatchScanner;

class ConvertManyPage : public QWidget {
    Q_OBJECT
public:
    explicit ConvertManyPage(QWidget* parent = nullptr);
    ~ConvertManyPage() override;

    void setToolkit(const AtcToolkit& toolkit);
    // The rest of the ATC options (the Convert page's form or a recipe); its model, output and shape flags are not
    // used. Its SoC becomes the SoC list when that is empty.
    void setTemplateOptions(const AtcOptions& options);
    void setSettingsFile(const QString& iniFile); // where the jobs / memory settings live ("" = the app's)
    // Finds the .onnx files under `paths` (folders recursively) and scans them: one row each. Replaces the batch.
    void addPaths(const QStringList& paths);
    void setSocs(const QStringList& socs);
    void setBatches(const QList<qint64>& batches);
    void setDims(const QString& text); // "height=640 sequence_length=128"
    void setOutputFolder(const QString& folder);
    // A value for one dim of one row only (what double-clicking a row asks for).
    void setRowDim(int row, const QString& name, qint64 value);

    void run();
    void retryFailed();
    void cancelAll();
    bool shutdown(int waitMs);

    bool isScanning() const;
    bool isRunning() const;
    int rowCount() const;
    int jobCount() const;
    int finishedJobCount() const { return m_finishedJobs; }
    QTreeWidget* tree() const { return m_tree; }
    QString outputFolder() const;
    void showReport();
    QString lastError() const { return m_lastError; }

signals:
    void scanFinished();
    void jobFinished(int job);
    void runFinished();
    void busyChanged();

private:
    BatchTemplate currentTemplate(QString* problem) const;
    void recheckAll();
    void onRowsReset(int count);
    void updateRow(int row);
    void onJobFinished(int job, const BatchJobResult& result);
    void updateJob(int job);
    void updateElapsed();
    void updateButtons();
    void updateSummary();
    void onRunFinished();
    void onItemDoubleClicked(QTreeWidgetItem* item);
    void chooseTemplate();
    void chooseOutput();

    BatchScanner* m_scanner;
    BatchQueue* m_queue;
    AtcToolkit m_toolkit;
    AtcOptions m_templateOptions;
    QString m_settingsFile;
    QStringList m_paths;
    QList<BatchJob> m_jobs;
    QLineEdit* m_socs;
    QLineEdit* m_batches;
    QLineEdit* m_dims;
    QLineEdit* m_output;
    QSpinBox* m_parallel;
    QLabel* m_templateLabel;
    QLabel* m_summary;
    QPushButton* m_run;
    QPushButton* m_retry;
    QPushButton* m_cancel;
    QPushButton* m_openReport;
    QTabWidget* m_tabs;
    QTreeWidget* m_tree;
    QTextBrowser* m_report;
    QTimer* m_elapsed;
    QTimer* m_refresh; // coalesces summary and button updates while rows arrive
    QString m_lastError;
    int m_finishedJobs = 0;
};

} // namespace wb
