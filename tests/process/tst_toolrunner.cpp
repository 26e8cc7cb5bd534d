// ToolRunner through a real QProcess against the fake atc: how runs end, and what their output becomes.
#include "process/runningtools.h"
#include "process/toolrunner.h"
#include "processtest.h"

#include <QTemporaryDir>

#include <csignal>

using namespace wb;
using wbtest::fakeAtcRun;
using wbtest::Recorder;

namespace {

constexpr int Timeout = 20000;
const QString StartLine = "ATC start working now, please wait for a moment.";
const QString SuccessLine = "ATC run success, welcome to the next use.";
const QString FailedLine = "ATC run failed, Please check the detail log, Try 'atc --help' for more information";

} // namespace

class TestToolRunner : public QObject {
    Q_OBJECT
private slots:
    void success();
    void errorExit();
    void stderrIsItsOwnChannel();
    void failedToStart_data();
    void failedToStart();
    void refusesSecondStart();
    void crash();
    void oomKill();
    void oomExit137();
    void partialLineFlushedWhileRunning();
    void steadyDotsShowWhileRunning();
    void carriageReturns();
    void nonUtf8Bytes();
    void commandPreviewRoundTripsThroughShell();
};

void TestToolRunner::success()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ToolRunner runner;
    QSignalSpy started(&runner, &ToolRunner::started);
    QSignalSpy finished(&runner, &ToolRunner::finished);
    Recorder rec(&runner);
    ToolInvocation run = fakeAtcRun("atc",
        { "--model", QStringLiteral(WB_TEST_MODELS_DIR "/two_inputs.onnx"), "--framework=5", "--output=out",
            "--soc_version", "Ascend310P3", "--input_shape=input_tensor_A:1,3,224,224;input_tensor_B:1,10" });
    run.workingDirectory = dir.path(); // --output is relative to it

    QVERIFY(runner.start(run));
    QVERIFY(runner.isRunning());
    QCOMPARE(RunningTools::count(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    QCOMPARE(started.count(), 1);
    QVERIFY(started.first().first().toLongLong() > 0);
    QVERIFY(!runner.isRunning());
    QCOMPARE(RunningTools::count(), 0);

    const ToolResult result = finished.first().first().value<ToolResult>();
    QCOMPARE(result.kind, ToolResult::Kind::Finished);
    QVERIFY(result.ok());
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.signal, 0);
    QVERIFY(!result.killedLikelyOom);
    QVERIFY(result.durationMs >= 0);
    QCOMPARE(rec.out, (QStringList { StartLine, "......", SuccessLine })); // 3 dots, then ATC's own "...\n"
    QCOMPARE(rec.err, QStringList());

    QFile om(dir.filePath("out.om"));
    QVERIFY(om.open(QIODevice::ReadOnly));
    QCOMPARE(om.read(4), QByteArray("IMOD"));
}

void TestToolRunner::errorExit()
{
    ToolRunner runner;
    QSignalSpy finished(&runner, &ToolRunner::finished);
    Recorder rec(&runner);
    QVERIFY(runner.start(fakeAtcRun("atc"))); // bare atc: --framework is missing
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    const ToolResult result = rec.result();
    QCOMPARE(result.kind, ToolResult::Kind::NonZeroExit);
    QCOMPARE(result.exitCode, 255);
    QVERIFY(!result.killedLikelyOom);
    QCOMPARE(rec.out.size(), 4);
    QCOMPARE(rec.out.at(0), StartLine);
    QCOMPARE(rec.out.at(1), "...");
    QCOMPARE(rec.out.at(2), FailedLine);
    QVERIFY2(rec.out.at(3).startsWith("E10007: [PID: "), qPrintable(rec.out.at(3)));
    QVERIFY(rec.out.at(3).endsWith("[--framework] is required. The value must be [0(Caffe) or 1(MindSpore) or "
                                   "3(TensorFlow) or 5(Onnx)]."));
}

void TestToolRunner::stderrIsItsOwnChannel()
{
    ToolRunner runner;
    QSignalSpy finished(&runner, &ToolRunner::finished);
    Recorder rec(&runner);
    QVERIFY(runner.start(fakeAtcRun("atc", { "--framework=5", "--precision-mode-v3=fp16" })));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    QCOMPARE(rec.result().kind, ToolResult::Kind::NonZeroExit);
    QCOMPARE(rec.out, QStringList { StartLine });
    QCOMPARE(rec.err, QStringList { "ERROR: unknown command line flag 'precision_mode_v3'" });
}

void TestToolRunner::failedToStart_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("workingDirectory");
    QTest::newRow("missing program") << "/nonexistent/bin/atc"
                                     << "";
    QTest::newRow("not in PATH") << "atc-workbench-no-such-tool"
                                 << "";
    QTest::newRow("not executable") << QStringLiteral(WB_TEST_MODELS_DIR "/two_inputs.onnx") << "";
    QTest::newRow("missing working directory") << wbtest::fakeAtc() << "/nonexistent/work/dir";
    QTest::newRow("empty program") << ""
                                   << "";
}

void TestToolRunner::failedToStart()
{
    QFETCH(QString, program);
    QFETCH(QString, workingDirectory);
    ToolRunner runner;
    QSignalSpy started(&runner, &ToolRunner::started);
    QSignalSpy finished(&runner, &ToolRunner::finished);
    ToolInvocation run = fakeAtcRun("atc");
    run.program = program;
    run.workingDirectory = workingDirectory;
    QVERIFY(runner.start(run));
    QCOMPARE(finished.count(), 0); // never from inside start()
    QVERIFY(runner.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    QCOMPARE(started.count(), 0);
    QVERIFY(!runner.isRunning());
    QCOMPARE(RunningTools::count(), 0);
    const auto result = finished.first().first().value<ToolResult>();
    QCOMPARE(result.kind, ToolResult::Kind::FailedToStart);
    QVERIFY(!result.errorString.isEmpty());
    qInfo().noquote() << "FailedToStart:" << result.errorString;
}

void TestToolRunner::refusesSecondStart()
{
    ToolRunner runner;
    QSignalSpy finished(&runner, &ToolRunner::finished);
    QVERIFY(runner.start(fakeAtcRun("hang")));
    QVERIFY(!runner.start(fakeAtcRun("atc")));
    runner.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    QCOMPARE(finished.first().first().value<ToolResult>().kind, ToolResult::Kind::Cancelled);
    QVERIFY(runner.start(fakeAtcRun("atc"))); // free again after finished()
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, Timeout);
}

void TestToolRunner::crash()
{
    ToolRunner runner;
    QSignalSpy finished(&runner, &ToolRunner::finished);
    Recorder rec(&runner);
    QVERIFY(runner.start(fakeAtcRun("crash")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    const ToolResult result = rec.result();
    QCOMPARE(result.kind, ToolResult::Kind::Crashed);
    QCOMPARE(result.signal, SIGSEGV);
    QVERIFY(!result.killedLikelyOom);
    QCOMPARE(rec.out, (QStringList { StartLine, "..." })); // the unfinished last line is not lost
}

void TestToolRunner::oomKill()
{
    ToolRunner runner;
    QSignalSpy finished(&runner, &ToolRunner::finished);
    Recorder rec(&runner);
    QVERIFY(runner.start(fakeAtcRun("oom")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    const ToolResult result = rec.result();
    QCOMPARE(result.kind, ToolResult::Kind::Crashed);
    QCOMPARE(result.signal, SIGKILL);
    QVERIFY(result.killedLikelyOom); // SIGKILL that we did not send
    QCOMPARE(toError(result, "atc").code, "killed_oom");
    QCOMPARE(rec.err, (QStringList { "Process ForkServerPoolWorker-2:", "Traceback (most recent call last):" }));
}

void TestToolRunner::oomExit137()
{
    ToolRunner runner;
    QSignalSpy finished(&runner, &ToolRunner::finished);
    QVERIFY(runner.start(fakeAtcRun("oom-exit")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    const auto result = finished.first().first().value<ToolResult>();
    QCOMPARE(result.kind, ToolResult::Kind::NonZeroExit);
    QCOMPARE(result.exitCode, 137);
    QVERIFY(result.killedLikelyOom);
}

void TestToolRunner::partialLineFlushedWhileRunning()
{
    ToolRunner runner;
    QSignalSpy finished(&runner, &ToolRunner::finished);
    Recorder rec(&runner);
    QVERIFY(runner.start(fakeAtcRun("hang"))); // prints "...." without a line end, then waits forever
    QTRY_COMPARE_WITH_TIMEOUT(rec.out, (QStringList { StartLine, "...." }), Timeout); // by the idle timer
    QVERIFY(runner.isRunning());
    QCOMPARE(finished.count(), 0);
    runner.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    QCOMPARE(rec.out, (QStringList { StartLine, "...." })); // flushed once, not again at the end
}

void TestToolRunner::steadyDotsShowWhileRunning()
{
    // 40 dots 50 ms apart: never idle for 200 ms, so only the age limit shows them before the run ends.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ToolRunner runner;
    QSignalSpy finished(&runner, &ToolRunner::finished);
    Recorder rec(&runner);
    QVERIFY(runner.start(fakeAtcRun("dots",
        { "--framework=5", "--soc_version=Ascend310", "--output=" + dir.filePath("m"),
            "--model=" WB_TEST_MODELS_DIR "/resnet_static.onnx" })));
    QTRY_VERIFY_WITH_TIMEOUT(rec.out.size() >= 2, Timeout);
    QVERIFY2(!rec.done(), "dots arrived only with the end of the run");
    QVERIFY(rec.out.at(1).startsWith('.'));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    QCOMPARE(rec.result().kind, ToolResult::Kind::Finished);
    QCOMPARE(rec.out.last(), SuccessLine);
    QString dots;
    for (qsizetype i = 1; i + 1 < rec.out.size(); ++i)
        dots += rec.out.at(i);
    QCOMPARE(dots, QString(43, '.')); // every dot, in fragments, none lost or doubled (40 + ATC's "...")
}

void TestToolRunner::carriageReturns()
{
    ToolRunner runner;
    QSignalSpy finished(&runner, &ToolRunner::finished);
    Recorder rec(&runner);
    QVERIFY(runner.start(fakeAtcRun("crlf")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    QCOMPARE(rec.result().kind, ToolResult::Kind::Finished);
    QCOMPARE(rec.out,
        (QStringList { StartLine, "windows line", "progress 10%", "progress 50%", "progress 100%", "bare cr", "last",
            "split", "after split", SuccessLine }));
    QCOMPARE(rec.err, (QStringList { "stderr one", "stderr two" }));
}

void TestToolRunner::nonUtf8Bytes()
{
    ToolRunner runner;
    QSignalSpy finished(&runner, &ToolRunner::finished);
    Recorder rec(&runner);
    QVERIFY(runner.start(fakeAtcRun("nonutf8")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    QCOMPARE(rec.result().kind, ToolResult::Kind::Finished);
    QCOMPARE(rec.out,
        (QStringList { StartLine, "W11001: Op [caf\uFFFD] is Latin-1, not UTF-8", "broken \uFFFD\uFFFD bytes",
            QString::fromUtf8("truncated \xe6\xa8"), "valid 模型 UTF-8", QString("nul ") + QChar(0) + QString(" byte"),
            SuccessLine }));
    QCOMPARE(rec.err, QStringList { "stderr \uFFFD( invalid" });
}

void TestToolRunner::commandPreviewRoundTripsThroughShell()
{
    // The preview pasted into a POSIX shell runs exactly the same argv.
    const QStringList argv { "--input_shape=a:1,3;b:1,10", "it's", "$HOME", "`id`", "*.onnx", "~/x", "=x", "!x", "a\\b",
        "", "模型 with space", "{a,b}", "a\"b" };
    ToolRunner runner;
    QSignalSpy finished(&runner, &ToolRunner::finished);
    Recorder rec(&runner);
    ToolInvocation run;
    run.program = "/bin/sh";
    run.arguments = QStringList { "-c", "printf '[%s]\\n' " + shellQuote(argv) };
    QVERIFY(runner.start(run));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    QCOMPARE(rec.result().kind, ToolResult::Kind::Finished);
    QStringList expected;
    for (const QString& word : argv)
        expected.append('[' + word + ']');
    QCOMPARE(rec.out, expected);
}

QTEST_GUILESS_MAIN(TestToolRunner)
#include "tst_toolrunner.moc"
