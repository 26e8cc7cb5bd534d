// Stopping runs: timeout, cancel, SIGKILL after the grace period, the whole process group, shutdown for quitting,
// the destructor, and RunningTools. Through a real QProcess against the fake atc.
#include "process/runningtools.h"
#include "process/toolrunner.h"
#include "processtest.h"

#include <memory>

using namespace wb;
using wbtest::fakeAtcRun;
using wbtest::processGone;
using wbtest::Recorder;

namespace {

constexpr int Timeout = 20000;
const QPair<QString, QString> IgnoreTerm { "FAKE_ATC_IGNORE_TERM", "1" };

} // namespace

class TestToolRunnerStop : public QObject {
    Q_OBJECT
private slots:
    void cleanup();
    void timeout();
    void timeoutKillsWhatIgnoresTerm();
    void cancel();
    void cancelTwiceKillsAtOnce();
    void cancelKillsForkedWorkers_data();
    void cancelKillsForkedWorkers();
    void workersLeftBehindAreKilled();
    void destructorKillsGroup();
    void toolDiesWithKilledApplication();
    void shutdownIsSynchronous();
    void shutdownAllForQuitting();
};

void TestToolRunnerStop::cleanup()
{
    QCOMPARE(RunningTools::count(), 0); // no test leaves a run behind
}

void TestToolRunnerStop::timeout()
{
    ToolRunner runner;
    QSignalSpy finished(&runner, &ToolRunner::finished);
    ToolInvocation run = fakeAtcRun("hang");
    run.timeoutMs = 300;
    QVERIFY(runner.start(run));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    const auto result = finished.first().first().value<ToolResult>();
    QCOMPARE(result.kind, ToolResult::Kind::TimedOut);
    QCOMPARE(result.signal, SIGTERM);
    QVERIFY(!result.killedLikelyOom);
    QVERIFY2(result.durationMs >= 270, // coarse timers may fire up to 5% early
        qPrintable(QString::number(result.durationMs)));
}

void TestToolRunnerStop::timeoutKillsWhatIgnoresTerm()
{
    ToolRunner runner;
    QSignalSpy finished(&runner, &ToolRunner::finished);
    ToolInvocation run = fakeAtcRun("hang", {}, { IgnoreTerm });
    run.timeoutMs = 1000; // long enough for the fake to have set SIGTERM aside even on a busy machine
    run.killGraceMs = 300;
    QVERIFY(runner.start(run));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    const auto result = finished.first().first().value<ToolResult>();
    QCOMPARE(result.kind, ToolResult::Kind::TimedOut);
    QCOMPARE(result.signal, SIGKILL); // SIGTERM was ignored; SIGKILL after the grace period
    QVERIFY(!result.killedLikelyOom); // we sent it
    QVERIFY2(result.durationMs >= 1170, // coarse timers may fire up to 5% early
        qPrintable(QString::number(result.durationMs)));
}

void TestToolRunnerStop::cancel()
{
    ToolRunner runner;
    QSignalSpy started(&runner, &ToolRunner::started);
    QSignalSpy finished(&runner, &ToolRunner::finished);
    Recorder rec(&runner);
    QVERIFY(runner.start(fakeAtcRun("hang")));
    QTRY_COMPARE_WITH_TIMEOUT(rec.out.size(), 2, Timeout);
    const qint64 pid = started.first().first().toLongLong();
    QCOMPARE(runner.processId(), pid);
    runner.cancel();
    QCOMPARE(finished.count(), 0); // asynchronous
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    const auto result = finished.first().first().value<ToolResult>();
    QCOMPARE(result.kind, ToolResult::Kind::Cancelled);
    QCOMPARE(result.signal, SIGTERM);
    QCOMPARE(toError(result, "atc").code, "cancelled");
    QVERIFY(processGone(pid));
    QCOMPARE(runner.processId(), 0);
}

void TestToolRunnerStop::cancelTwiceKillsAtOnce()
{
    ToolRunner runner;
    QSignalSpy finished(&runner, &ToolRunner::finished);
    Recorder rec(&runner);
    ToolInvocation run = fakeAtcRun("hang", {}, { IgnoreTerm });
    run.killGraceMs = 600000; // the test would time out if the second cancel waited for it
    QVERIFY(runner.start(run));
    QTRY_VERIFY_WITH_TIMEOUT(!rec.out.isEmpty(), Timeout); // printed once SIGTERM is ignored
    runner.cancel();
    runner.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    const auto result = finished.first().first().value<ToolResult>();
    QCOMPARE(result.kind, ToolResult::Kind::Cancelled);
    QCOMPARE(result.signal, SIGKILL);
}

void TestToolRunnerStop::cancelKillsForkedWorkers_data()
{
    QTest::addColumn<bool>("ignoreTerm");
    QTest::newRow("workers die on SIGTERM") << false;
    QTest::newRow("workers ignore SIGTERM") << true;
}

void TestToolRunnerStop::cancelKillsForkedWorkers()
{
    QFETCH(bool, ignoreTerm);
    ToolRunner runner;
    QSignalSpy finished(&runner, &ToolRunner::finished);
    Recorder rec(&runner);
    ToolInvocation run = fakeAtcRun("fork", {}, { { "FAKE_ATC_IGNORE_TERM", ignoreTerm ? "1" : "0" } });
    run.killGraceMs = 300;
    QVERIFY(runner.start(run));
    QTRY_VERIFY_WITH_TIMEOUT(rec.workerPid() > 0, Timeout);
    const qint64 tool = runner.processId();
    const qint64 worker = rec.workerPid();
    QVERIFY(!processGone(worker));
    QCOMPARE(::getpgid(static_cast<pid_t>(worker)), static_cast<pid_t>(tool)); // one group: the tool's
    QVERIFY(::getpgid(static_cast<pid_t>(tool)) != ::getpgrp()); // not ours

    runner.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    QCOMPARE(rec.result().kind, ToolResult::Kind::Cancelled);
    QVERIFY(processGone(tool));
    QTRY_VERIFY_WITH_TIMEOUT(processGone(worker), Timeout); // no orphan
}

void TestToolRunnerStop::workersLeftBehindAreKilled()
{
    // The tool exits successfully but leaves a worker running: that worker must not outlive the run.
    ToolRunner runner;
    QSignalSpy finished(&runner, &ToolRunner::finished);
    Recorder rec(&runner);
    QVERIFY(runner.start(fakeAtcRun("fork", {}, { { "FAKE_ATC_THEN", "exit" }, IgnoreTerm })));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    QCOMPARE(rec.result().kind, ToolResult::Kind::Finished);
    const qint64 worker = rec.workerPid();
    QVERIFY(worker > 0);
    QTRY_VERIFY_WITH_TIMEOUT(processGone(worker), Timeout);
}

void TestToolRunnerStop::destructorKillsGroup()
{
    auto runner = std::make_unique<ToolRunner>();
    QSignalSpy finished(runner.get(), &ToolRunner::finished);
    Recorder rec(runner.get());
    ToolInvocation run = fakeAtcRun("fork", {}, { IgnoreTerm });
    run.killGraceMs = 600000;
    QVERIFY(runner->start(run));
    QTRY_VERIFY_WITH_TIMEOUT(rec.workerPid() > 0, Timeout);
    const qint64 tool = runner->processId();
    const qint64 worker = rec.workerPid();
    QCOMPARE(RunningTools::count(), 1);

    runner.reset(); // e.g. the window owning it closes
    QCOMPARE(RunningTools::count(), 0);
    QCOMPARE(finished.count(), 0); // a dying runner reports nothing
    QVERIFY(processGone(tool)); // waited for, not just signalled
    QTRY_VERIFY_WITH_TIMEOUT(processGone(worker), Timeout);
}

void TestToolRunnerStop::toolDiesWithKilledApplication()
{
#ifndef Q_OS_LINUX
    QSKIP("the parent-death signal is Linux only");
#endif
    // runner_host is a minimal application running the fake through its own ToolRunner. It gets SIGKILL (a crash,
    // the OOM killer), so no destructor runs; the tool, which also ignores SIGTERM, must still not survive it.
    ToolRunner runner;
    QSignalSpy finished(&runner, &ToolRunner::finished);
    Recorder rec(&runner);
    ToolInvocation run = fakeAtcRun("hang", {}, { IgnoreTerm });
    run.program = QStringLiteral(WB_RUNNER_HOST);
    run.arguments = QStringList { wbtest::fakeAtc() };
    QVERIFY(runner.start(run));
    static const QRegularExpression toolPidLine(QStringLiteral("^tool pid (\\d+)$"));
    QTRY_VERIFY_WITH_TIMEOUT(!rec.out.filter(toolPidLine).isEmpty(), Timeout);
    const qint64 tool = toolPidLine.match(rec.out.filter(toolPidLine).first()).captured(1).toLongLong();
    QVERIFY(tool > 0);
    QVERIFY(!processGone(tool));

    QVERIFY(::kill(static_cast<pid_t>(runner.processId()), SIGKILL) == 0);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    QCOMPARE(rec.result().kind, ToolResult::Kind::Crashed);
    QTRY_VERIFY_WITH_TIMEOUT(processGone(tool), Timeout);
}

void TestToolRunnerStop::shutdownIsSynchronous()
{
    ToolRunner runner;
    QSignalSpy started(&runner, &ToolRunner::started);
    QSignalSpy finished(&runner, &ToolRunner::finished);
    Recorder rec(&runner);
    QVERIFY(runner.start(fakeAtcRun("fork", {}, { IgnoreTerm })));
    QTRY_VERIFY_WITH_TIMEOUT(rec.workerPid() > 0, Timeout);
    const qint64 tool = started.first().first().toLongLong();

    QVERIFY(runner.shutdown(300)); // SIGTERM is ignored: SIGKILL after 300 ms
    QCOMPARE(finished.count(), 1); // before shutdown() returned
    const ToolResult result = rec.result();
    QCOMPARE(result.kind, ToolResult::Kind::Cancelled);
    QCOMPARE(result.signal, SIGKILL);
    QVERIFY(!runner.isRunning());
    QVERIFY(processGone(tool));
    QTRY_VERIFY_WITH_TIMEOUT(processGone(rec.workerPid()), Timeout);
    QVERIFY(runner.shutdown(300)); // nothing to do
    QCOMPARE(finished.count(), 1);
}

void TestToolRunnerStop::shutdownAllForQuitting()
{
    ToolRunner polite; // exits on SIGTERM
    ToolRunner stubborn; // ignores it
    QSignalSpy politeFinished(&polite, &ToolRunner::finished);
    QSignalSpy stubbornFinished(&stubborn, &ToolRunner::finished);
    Recorder politeRec(&polite);
    Recorder stubbornRec(&stubborn);
    QVERIFY(polite.start(fakeAtcRun("hang")));
    QVERIFY(stubborn.start(fakeAtcRun("hang", { "--framework=5" }, { IgnoreTerm })));
    // the first line comes once the fake has set SIGTERM aside
    QTRY_VERIFY_WITH_TIMEOUT(!politeRec.out.isEmpty() && !stubbornRec.out.isEmpty(), Timeout);

    QCOMPARE(RunningTools::count(), 2); // what the quit dialog asks about
    const QList<RunningTool> tools = RunningTools::snapshot();
    QCOMPARE(tools.size(), 2);
    QCOMPARE(tools.at(0).program, wbtest::fakeAtc());
    QCOMPARE(tools.at(0).pid, polite.processId());
    QCOMPARE(tools.at(1).arguments, QStringList { "--framework=5" });
    QCOMPARE(tools.at(1).pid, stubborn.processId());
    QVERIFY(tools.at(1).elapsedMs >= 0);
    const qint64 politePid = polite.processId();
    const qint64 stubbornPid = stubborn.processId();

    QVERIFY(RunningTools::shutdownAll(500));
    QCOMPARE(RunningTools::count(), 0);
    QCOMPARE(politeFinished.count(), 1);
    QCOMPARE(stubbornFinished.count(), 1);
    QCOMPARE(politeFinished.first().first().value<ToolResult>().kind, ToolResult::Kind::Cancelled);
    QCOMPARE(politeFinished.first().first().value<ToolResult>().signal, SIGTERM);
    QCOMPARE(stubbornFinished.first().first().value<ToolResult>().kind, ToolResult::Kind::Cancelled);
    QCOMPARE(stubbornFinished.first().first().value<ToolResult>().signal, SIGKILL);
    QVERIFY(processGone(politePid));
    QVERIFY(processGone(stubbornPid));
}

QTEST_GUILESS_MAIN(TestToolRunnerStop)
#include "tst_toolrunner_stop.moc"
