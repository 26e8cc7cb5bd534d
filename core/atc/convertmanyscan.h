#pragma once

// Loads and checks the models of a batch on workers: at most `workers` at once on a thread pool of its own, one
// row per model delivered on this object's thread as each finishes (in any order). With a toolkit and `precheck`,
// ATC's own pre-check (--mode=3) follows for every row that is ready, again at most `workers` at once.
#include "atc/convertmany.h"
#include "atc/toolkit.h"

#include <QList>
#include <QObject>

#include <memory>

class QThreadPool;

namespace wb {

class AtcPrecheck;

class BatchScanner : public QObject {
    Q_OBJECT
public:
    explicit BatchScanner(QObject* parent = nullptr);
    ~BatchScanner() override; // waits for the workers; pre-checks still running are killed

    // Starts scanning `paths` (from findOnnxModels): rows() has one placeholder row per path at once (path, name,
    // size); rowScanned follows for each. A scan still running is dropped.
    void scan(const QStringList& paths, const BatchTemplate& batchTemplate, const AtcToolkit& toolkit, int workers,
        bool precheck);
    // Re-fills and re-checks one row after its overrides or the template changed (on a worker).
    void recheck(int row, const BatchTemplate& batchTemplate);
    void setRowOverrides(int row, const QHash<QString, qint64>& overrides);
    void cancel();

    bool isBusy() const { return m_pending > 0 || !m_prechecks.isEmpty() || !m_precheckQueue.isEmpty(); }
    const QList<BatchModelRow>& rows() const { return m_rows; }
    int scannedCount() const { return m_scanned; }

signals:
    void rowsReset(int count);
    void rowScanned(int row); // loaded and checked (or failed to load)
    void rowChanged(int row); // re-checked, or ATC's pre-check added its findings
    void finished(); // every row scanned and pre-checked

private:
    void startWork(int row, bool fresh);
    void startPrechecks();
    void finishIfDone();

    std::unique_ptr<QThreadPool> m_pool;
    QList<BatchModelRow> m_rows;
    BatchTemplate m_template;
    AtcToolkit m_toolkit;
    QList<quint64> m_serials; // per row: the newest work started for it
    QList<int> m_precheckQueue;
    QList<AtcPrecheck*> m_prechecks;
    quint64 m_generation = 0;
    int m_pending = 0;
    int m_scanned = 0;
    int m_workers = 1;
    bool m_precheck = false;
};

} // namespace wb
