// Convert many end to end in-process: the twenty-model zoo (`wb_modelgen --zoo 20`: one corrupt, one with a dim no
// template fills, one with a Softplus the fake atc rejects) x two SoCs x three batch sizes, scanned on workers and
// run by BatchQueue against the fake atc with delays and injected failures. The fake's FAKE_ATC_PID_DIR records
// every instance and how many ran at once, so the parallelism bound, retry, cancel and the recipe cache are
// checked on real processes.
#include "atc/convertmanyqueue.h"
#include "atc/convertmanyscan.h"
#include "conversiontest.h"

#include <QTemporaryDir>

using namespace wb;

namespace {

struct Instance {
    qint64 pid = 0;
    int running = 0; // instances running when it started (itself included)
    QString output;
};

// started.log of FAKE_ATC_PID_DIR: "<pid> <running> <argv...>".
QList<Instance> instances(const QString& pidDir)
{
    QList<Instance> list;
    for (const QByteArray& line : wbtest::readAll(pidDir + "/started.log").split('\n')) {
        const QList<QByteArray> parts = line.split(' ');
        if (parts.size() < 2)
            continue;
        Instance i { parts.at(0).toLongLong(), parts.at(1).toInt(), {} };
        for (const QByteArray& p : parts) {
            if (p.startsWith("--output="))
                i.output = QFileInfo(QString::fromUtf8(p.mid(9))).fileName();
        }
        list.append(i);
    }
    return list;
}

} // namespace

class TestConvertManyQueue : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void zooRunsBoundedThenRetryThenCached();
    void memoryBoundsParallelism();
    void cancelAllLeavesNoProcess();
    void precheckRejectsTheOpBeforeRunning();

private:
    void scan(BatchScanner& scanner, const BatchTemplate& t, const AtcToolkit& toolkit, bool precheck = false);
    void run(BatchQueue& queue, const QList<BatchJob>& jobs, const QList<BatchModelRow>& rows,
        const AtcToolkit& toolkit, const BatchRunSettings& settings);
    BatchTemplate zooTemplate(const QString& out) const;
    QTemporaryDir m_dir;
    QStringList m_paths;
};

void TestConvertManyQueue::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_paths = findOnnxModels({ wbtest::modelPath("zoo") });
    QCOMPARE(m_paths.size(), 20);
}

BatchTemplate TestConvertManyQueue::zooTemplate(const QString& out) const
{
    BatchTemplate t;
    t.socs = QStringList { "Ascend310P3", "Ascend310B1" };
    t.batches = { 1, 4, 8 };
    t.dims = { { "height", 64 }, { "width", 64 }, { "sequence_length", 128 } };
    t.outputFolder = out;
    return t;
}

void TestConvertManyQueue::scan(BatchScanner& scanner, const BatchTemplate& t, const AtcToolkit& toolkit, bool precheck)
{
    QSignalSpy done(&scanner, &BatchScanner::finished);
    QSignalSpy scanned(&scanner, &BatchScanner::rowScanned);
    scanner.scan(m_paths, t, toolkit, 4, precheck);
    QCOMPARE(scanner.rows().size(), 20); // a placeholder row per model at once
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 60000);
    QCOMPARE(scanned.size(), 20);
    QCOMPARE(scanner.scannedCount(), 20);
}

void TestConvertManyQueue::run(BatchQueue& queue, const QList<BatchJob>& jobs, const QList<BatchModelRow>& rows,
    const AtcToolkit& toolkit, const BatchRunSettings& settings)
{
    QSignalSpy finished(&queue, &BatchQueue::finished);
    queue.start(jobs, rows, toolkit, settings);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 120000);
}

void TestConvertManyQueue::zooRunsBoundedThenRetryThenCached()
{
    const QString out = m_dir.filePath("zoo");
    const QString pids = m_dir.filePath("pids-zoo");
    const QString failList = m_dir.filePath("fail.txt");
    // A transient failure (the file lists it) and a model whose op ATC rejects (always).
    QVERIFY(wbtest::writeAll(failList, "zoo007_sequence_Ascend310B1_b4\nzoo010_height_width_Ascend310P3_b1\n"));
    const AtcToolkit toolkit = wbtest::fakeToolkit({ { "FAKE_ATC_PID_DIR", pids }, { "FAKE_ATC_DELAY_MS", "40" },
        { "FAKE_ATC_UNSUPPORTED_OPS", "Softplus" }, { "FAKE_ATC_FAIL_MATCH", "@" + failList } });
    const BatchTemplate t = zooTemplate(out);
    BatchScanner scanner;
    scan(scanner, t, toolkit);
    const QList<BatchJob> jobs = expandBatchJobs(scanner.rows(), t, toolkit);
    QCOMPARE(jobs.size(), 120);

    BatchRunSettings settings;
    settings.jobs = 3;
    settings.memoryBudgetMiB = 0; // no memory bound here: the setting alone
    BatchQueue queue;
    QSignalSpy finishedJobs(&queue, &BatchQueue::jobFinished);
    run(queue, jobs, scanner.rows(), toolkit, settings);
    QCOMPARE(finishedJobs.size(), 120); // exactly one jobFinished per job
    QCOMPARE(queue.parallelBound(), 3);

    // The bound held, counted on the processes themselves; and it was used.
    const QList<Instance> first = instances(pids);
    QCOMPARE(first.size(), 108); // 120 - 12 skipped (corrupt; no value for 'mystery')
    int peak = 0;
    for (const Instance& i : first)
        peak = std::max(peak, i.running);
    QVERIFY2(peak <= 3, qPrintable(QString::number(peak)));
    QVERIFY2(peak >= 2, "jobs never overlapped");
    QVERIFY(queue.peakRunning() <= 3);

    // Results: converted OMs with the right names; the failures say why.
    const BatchSummary s = summarizeBatch(queue.results());
    QCOMPARE(s.all.skipped, 12);
    QCOMPARE(s.all.failed, 6 + 2);
    QCOMPARE(s.all.converted, 100);
    QCOMPARE(s.perSoc.size(), 2);
    QCOMPARE(s.perSoc.first().first, QStringLiteral("Ascend310P3"));
    QCOMPARE(s.perSoc.first().second.total, 60);
    const QStringList oms = QDir(out).entryList({ "*.om" }, QDir::Files);
    QCOMPARE(oms.size(), 100);
    QVERIFY(oms.contains("zoo003_sequence_Ascend310P3_b1.om"));
    QVERIFY(oms.contains("zoo019_sequence_Ascend310B1_b8.om"));
    QVERIFY(!oms.contains("zoo007_sequence_Ascend310B1_b4.om"));
    QVERIFY(wbtest::stagingLeft(out).isEmpty());
    for (int i = 0; i < queue.jobCount(); ++i) {
        const BatchJobResult r = queue.result(i);
        if (r.ok()) {
            QVERIFY(QFileInfo::exists(r.omPath));
            QCOMPARE(r.omSize, QFileInfo(r.omPath).size());
            QVERIFY(QFileInfo::exists(resultPathFor(r.omPath)));
        }
        if (r.name.startsWith("zoo002_softplus")) {
            QCOMPARE(r.result, QStringLiteral("failed"));
            QVERIFY2(r.problem.startsWith("E19010: No parser is registered for Op [/softplus"), qPrintable(r.problem));
            QVERIFY(!r.fix.isEmpty());
            QVERIFY(QFileInfo::exists(r.logPath));
        }
    }

    // Retry Failed converts only the failed: the transient ones now succeed, Softplus fails again.
    QVERIFY(wbtest::writeAll(failList, ""));
    QSignalSpy again(&queue, &BatchQueue::finished);
    QSignalSpy retried(&queue, &BatchQueue::jobFinished);
    QVERIFY(queue.retryFailed());
    QTRY_COMPARE_WITH_TIMEOUT(again.size(), 1, 60000);
    QCOMPARE(retried.size(), 8);
    const QList<Instance> second = instances(pids).mid(first.size());
    QCOMPARE(second.size(), 8);
    for (const Instance& i : second)
        QVERIFY2(i.output.startsWith("zoo002_softplus") || i.output == "zoo007_sequence_Ascend310B1_b4"
                || i.output == "zoo010_height_width_Ascend310P3_b1",
            qPrintable(i.output));
    QCOMPARE(summarizeBatch(queue.results()).all.converted, 102);

    // A second run of the same batch rebuilds nothing: every OM is up to date (recipe cache); only the failing
    // Softplus jobs start ATC again.
    BatchQueue rerun;
    const int before = int(instances(pids).size());
    run(rerun, jobs, scanner.rows(), toolkit, settings);
    const QList<Instance> third = instances(pids).mid(before);
    QCOMPARE(third.size(), 6);
    for (const Instance& i : third)
        QVERIFY(i.output.startsWith("zoo002_softplus"));
    const BatchSummary cached = summarizeBatch(rerun.results());
    QCOMPARE(cached.all.upToDate, 102);
    QCOMPARE(cached.all.converted, 0);
}

void TestConvertManyQueue::memoryBoundsParallelism()
{
    const QString out = m_dir.filePath("memory");
    const QString pids = m_dir.filePath("pids-memory");
    const AtcToolkit toolkit = wbtest::fakeToolkit({ { "FAKE_ATC_PID_DIR", pids }, { "FAKE_ATC_DELAY_MS", "60" } });
    BatchTemplate t = zooTemplate(out);
    t.socs = QStringList { "Ascend310P3" };
    BatchScanner scanner;
    scan(scanner, t, toolkit);
    const QList<BatchJob> jobs = expandBatchJobs(scanner.rows(), t, toolkit);
    BatchRunSettings settings;
    settings.jobs = 4;
    settings.memoryPerJobMiB = 1000;
    settings.memoryBudgetMiB = 2500; // holds two jobs, not four
    BatchQueue queue;
    run(queue, jobs, scanner.rows(), toolkit, settings);
    QCOMPARE(queue.parallelBound(), 2);
    int peak = 0;
    for (const Instance& i : instances(pids))
        peak = std::max(peak, i.running);
    QVERIFY2(peak <= 2, qPrintable(QString::number(peak)));
    QCOMPARE(int(instances(pids).size()), 54); // 60 - 6 skipped, all converted
}

void TestConvertManyQueue::cancelAllLeavesNoProcess()
{
    const QString out = m_dir.filePath("cancel");
    const QString pids = m_dir.filePath("pids-cancel");
    const AtcToolkit toolkit = wbtest::fakeToolkit(
        { { "FAKE_ATC_PID_DIR", pids }, { "FAKE_ATC_DELAY_MS", "60000" }, { "FAKE_ATC_IGNORE_TERM", "1" } });
    const BatchTemplate t = zooTemplate(out);
    BatchScanner scanner;
    scan(scanner, t, toolkit);
    const QList<BatchJob> jobs = expandBatchJobs(scanner.rows(), t, toolkit);
    BatchRunSettings settings;
    settings.jobs = 3;
    settings.memoryBudgetMiB = 0;
    BatchQueue queue;
    QSignalSpy finished(&queue, &BatchQueue::finished);
    queue.start(jobs, scanner.rows(), toolkit, settings);
    QTRY_COMPARE_WITH_TIMEOUT(int(instances(pids).size()), 3, 30000); // three ATCs running (and ignoring SIGTERM)
    queue.cancelAll();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
    const QList<Instance> started = instances(pids);
    QCOMPARE(started.size(), 3); // nothing started after the cancel
    for (const Instance& i : started)
        QTRY_VERIFY2_WITH_TIMEOUT(wbtest::processGone(i.pid), qPrintable(QString::number(i.pid)), 10000);
    const BatchSummary s = summarizeBatch(queue.results());
    QCOMPARE(s.all.skipped, 12);
    QCOMPARE(s.all.failed, 108); // cancelled
    QCOMPARE(s.all.converted, 0);
    QVERIFY(QDir(out).entryList({ "*.om" }, QDir::Files).isEmpty());
    QVERIFY(wbtest::stagingLeft(out).isEmpty());
    // Retry Failed picks the cancelled jobs up again.
    QCOMPARE(queue.result(6 * 3).result, QStringLiteral("cancelled"));
}

void TestConvertManyQueue::precheckRejectsTheOpBeforeRunning()
{
    const QString out = m_dir.filePath("precheck");
    const AtcToolkit toolkit = wbtest::fakeToolkit({ { "FAKE_ATC_UNSUPPORTED_OPS", "Softplus" } });
    const BatchTemplate t = zooTemplate(out);
    BatchScanner scanner;
    scan(scanner, t, toolkit, true);
    const BatchModelRow& softplus = scanner.rows().at(2);
    QVERIFY(softplus.prechecked);
    QVERIFY(!softplus.ready());
    QCOMPARE(softplus.findings.first().rule, QStringLiteral("atc_precheck"));
    QVERIFY(scanner.rows().at(3).prechecked);
    QVERIFY(scanner.rows().at(3).ready());
    const QList<BatchJob> jobs = expandBatchJobs(scanner.rows(), t, toolkit);
    QVERIFY(jobs.at(2 * 6).skipReason.startsWith("The checks found errors: "));
}

WB_TEST_GUILESS_MAIN(TestConvertManyQueue)
#include "tst_convertmanyqueue.moc"
