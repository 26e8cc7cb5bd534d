// runToCompletion: a short run's whole output as bytes, from a worker thread too; never hangs the caller.
#include "process/toolcapture.h"
#include "processtest.h"

#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

using namespace wb;
using wbtest::fakeAtcRun;

class TestToolCapture : public QObject {
    Q_OBJECT
private slots:
    void capturesOutput();
    void keepsRawBytes();
    void truncatesAtLimit();
    void timesOut();
    void failedToStartReturns();
    void runsOnWorkerThread();
};

void TestToolCapture::capturesOutput()
{
    const ToolCapture c = runToCompletion(fakeAtcRun("atc", { "--help" }));
    QCOMPARE(c.result.kind, ToolResult::Kind::Finished);
    QVERIFY(c.out.startsWith("ATC start working now, please wait for a moment.\nusage: atc <args>\n"));
    QVERIFY(c.out.contains("\n  --soc_version "));
    QCOMPARE(c.err, QByteArray());
    QVERIFY(!c.truncated);

    const ToolCapture bad = runToCompletion(fakeAtcRun("atc", { "--bogus" }));
    QCOMPARE(bad.result.kind, ToolResult::Kind::NonZeroExit);
    QCOMPARE(bad.err, QByteArray("ERROR: unknown command line flag 'bogus'\n"));
}

void TestToolCapture::keepsRawBytes()
{
    const ToolCapture c = runToCompletion(fakeAtcRun("nonutf8"));
    QCOMPARE(c.result.kind, ToolResult::Kind::Finished);
    QVERIFY(c.out.contains("broken \xff\xfe bytes\n"));
    QVERIFY(c.out.contains(QByteArray("nul \0 byte\n", 11)));
    QCOMPARE(c.err, QByteArray("stderr \xc3\x28 invalid\n"));
}

void TestToolCapture::truncatesAtLimit()
{
    const ToolCapture c = runToCompletion(fakeAtcRun("flood", {}, { { "FAKE_ATC_FLOOD_MB", "4" } }), 1024 * 1024);
    QCOMPARE(c.result.kind, ToolResult::Kind::Finished); // the tool runs to its end; only the capture is cut
    QVERIFY(c.truncated);
    QCOMPARE(c.out.size(), 1024 * 1024);
    QVERIFY(c.out.startsWith("ATC start working now"));
}

void TestToolCapture::timesOut()
{
    ToolInvocation run = fakeAtcRun("hang");
    run.timeoutMs = 300;
    const ToolCapture c = runToCompletion(run);
    QCOMPARE(c.result.kind, ToolResult::Kind::TimedOut);
    QCOMPARE(c.out, QByteArray("ATC start working now, please wait for a moment.\n...."));
}

void TestToolCapture::failedToStartReturns()
{
    ToolInvocation run = fakeAtcRun("atc");
    run.program = "/nonexistent/atc";
    const ToolCapture c = runToCompletion(run);
    QCOMPARE(c.result.kind, ToolResult::Kind::FailedToStart);
    QVERIFY(c.result.errorString.contains("/nonexistent/atc"));
}

void TestToolCapture::runsOnWorkerThread()
{
    QThread* testThread = QThread::currentThread();
    QThread* workerThread = nullptr;
    QFuture<ToolCapture> future = QtConcurrent::run([&] {
        workerThread = QThread::currentThread();
        return runToCompletion(fakeAtcRun("atc", { "--help" }));
    });
    QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 20000);
    QVERIFY(workerThread != testThread);
    QCOMPARE(future.result().result.kind, ToolResult::Kind::Finished);
    QVERIFY(future.result().out.contains("usage: atc <args>"));
}

QTEST_GUILESS_MAIN(TestToolCapture)
#include "tst_toolcapture.moc"
