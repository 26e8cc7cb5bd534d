#include "atc/convertmanyscan.h"

#include "atc/atccheck.h"
#include "atc/atcprecheck.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace wb {

BatchScanner::BatchScanner(QObject* parent)
    : QObject(parent)
    , m_pool(std::make_unique<QThreadPool>())
{
}

BatchScanner::~BatchScanner()
{
    ++m_generation;
    qDeleteAll(m_prechecks); // kills their ATC and removes their scratch folders
    m_pool->waitForDone();
}

void BatchScanner::scan(
    const QStringList& paths, const BatchTemplate& batchTemplate, const AtcToolkit& toolkit, int workers, bool precheck)
{
    cancel();
    m_template = batchTemplate;
    m_toolkit = toolkit;
    m_workers = std::max(1, workers);
    m_precheck = precheck && toolkit.isValid();
    m_pool->setMaxThreadCount(m_workers);
    m_rows.clear();
    m_serials.clear();
    m_scanned = 0;
    const QStringList names = batchModelNames(paths);
    for (int i = 0; i < paths.size(); ++i) {
        BatchModelRow row;
        row.path = QFileInfo(paths.at(i)).absoluteFilePath();
        row.name = names.at(i);
        row.size = QFileInfo(paths.at(i)).size();
        m_rows.append(row);
        m_serials.append(0);
    }
    emit rowsReset(int(m_rows.size()));
    for (int i = 0; i < m_rows.size(); ++i)
        startWork(i, true);
    finishIfDone();
}

void BatchScanner::startWork(int row, bool fresh)
{
    ++m_pending;
    const quint64 generation = m_generation;
    const quint64 serial = ++m_serials[row]; // a newer re-check of the same row wins, whatever finishes first
    const BatchTemplate batchTemplate = m_template;
    const AtcToolkit toolkit = m_toolkit;
    const BatchModelRow current = m_rows.at(row);
    auto* watcher = new QFutureWatcher<BatchModelRow>(this);
    connect(watcher, &QFutureWatcher<BatchModelRow>::finished, this, [this, watcher, generation, serial, row, fresh] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        --m_pending;
        if (serial != m_serials.at(row)) {
            finishIfDone();
            return;
        }
        BatchModelRow scanned = watcher->result();
        scanned.name = m_rows.at(row).name;
        m_rows[row] = scanned;
        if (fresh) {
            ++m_scanned;
            emit rowScanned(row);
        } else {
            emit rowChanged(row);
        }
        if (m_precheck && scanned.ready() && !m_template.socs.isEmpty()) {
            m_precheckQueue.append(row);
            startPrechecks();
        }
        finishIfDone();
    });
    watcher->setFuture(QtConcurrent::run(m_pool.get(), [current, batchTemplate, toolkit, fresh] {
        if (fresh)
            return scanBatchModel(current.path, batchTemplate, toolkit);
        BatchModelRow rechecked = current;
        recheckBatchModel(rechecked, batchTemplate, toolkit);
        return rechecked;
    }));
}

void BatchScanner::startPrechecks()
{
    while (!m_precheckQueue.isEmpty() && m_prechecks.size() < m_workers) {
        const int row = m_precheckQueue.takeFirst();
        auto* precheck = new AtcPrecheck(this);
        m_prechecks.append(precheck);
        const quint64 generation = m_generation;
        connect(precheck, &AtcPrecheck::finished, this, [this, precheck, row, generation](const PrecheckOutcome& o) {
            m_prechecks.removeOne(precheck);
            precheck->deleteLater();
            if (generation != m_generation)
                return;
            BatchModelRow& r = m_rows[row];
            r.findings = sortedBySeverity(mergePrecheckFindings(r.findings, o.findings));
            r.prechecked = true;
            emit rowChanged(row);
            startPrechecks();
            finishIfDone();
        });
        precheck->start(batchJobOptions(m_rows.at(row), m_template, m_template.socs.value(0)), m_toolkit);
    }
}

void BatchScanner::recheck(int row, const BatchTemplate& batchTemplate)
{
    if (row < 0 || row >= m_rows.size() || !m_rows.at(row).loaded())
        return;
    m_template = batchTemplate;
    startWork(row, false);
}

void BatchScanner::setRowOverrides(int row, const QHash<QString, qint64>& overrides)
{
    if (row < 0 || row >= m_rows.size())
        return;
    m_rows[row].dimOverrides = overrides;
    recheck(row, m_template);
}

void BatchScanner::cancel()
{
    ++m_generation; // workers still running finish in the background; their rows are dropped
    m_pending = 0;
    m_precheckQueue.clear();
    qDeleteAll(m_prechecks);
    m_prechecks.clear();
}

void BatchScanner::finishIfDone()
{
    if (!isBusy())
        emit finished();
}

} // namespace wb
