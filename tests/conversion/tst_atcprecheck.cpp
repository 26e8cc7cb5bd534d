// ATC's own pre-check (--mode=3) through the real ToolRunner against the fake atc: the report read and turned into
// findings, merged with ours, and every way it can go wrong (no report, not JSON, crash, hang, cancel, flood,
// non-UTF-8, no toolkit) ending in one clear finding with the scratch folder gone.
#include "atc/atccheck.h"
#include "atc/atcprecheck.h"
#include "conversiontest.h"

#include <QTemporaryDir>

using namespace wb;
using EnvList = QList<QPair<QString, QString>>;

class TestAtcPrecheck : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void options_data();
    void options();
    void passes();
    void rejectsOperators();
    void reportPassedButAtcFailed();
    void ownedFlagsAndRelativePaths();
    void mergesWithOurFindings();
    void withoutReport_data();
    void withoutReport();
    void cancel();
    void hugeOutputIsCapped();
    void noToolkit();
    void busyRefusesASecondStart();

private:
    QStringList scratchLeft() const;
    QTemporaryDir m_tmp;
};

void TestAtcPrecheck::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    // Scratch folders go to QDir::tempPath(): point it at a folder of our own to see that none is left behind.
    qputenv("TMPDIR", m_tmp.path().toLocal8Bit());
    QCOMPARE(QDir::tempPath(), m_tmp.path());
    QVERIFY(QFileInfo(wbtest::fakeAtc()).isExecutable());
}

QStringList TestAtcPrecheck::scratchLeft() const
{
    return QDir(m_tmp.path())
        .entryList({ QStringLiteral("atcwb-precheck-*") }, QDir::AllEntries | QDir::NoDotAndDotDot);
}

void TestAtcPrecheck::options_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("output");
    QTest::addColumn<QString>("expectedOutput");
    QTest::newRow("output name kept") << "/m/resnet.onnx"
                                      << "/out/resnet_310p3"
                                      << "/scratch/resnet_310p3";
    QTest::newRow("no output: model name") << "/m/resnet.v2.onnx"
                                           << ""
                                           << "/scratch/resnet.v2";
    QTest::newRow("nothing: placeholder") << ""
                                          << ""
                                          << "/scratch/model";
}

void TestAtcPrecheck::options()
{
    QFETCH(QString, model);
    QFETCH(QString, output);
    QFETCH(QString, expectedOutput);
    AtcOptions in;
    in.model = model;
    in.output = output;
    in.socVersion = QStringLiteral("Ascend310P3");
    in.inputShape = QStringLiteral("x:1,3,224,224");
    const AtcOptions o = precheckOptions(in, QStringLiteral("/scratch"));
    QCOMPARE(o.mode, AtcMode::PreCheck);
    QCOMPARE(o.checkReport, QStringLiteral("/scratch/check_result.json"));
    QCOMPARE(o.output, expectedOutput);
    QCOMPARE(o.workDir, QStringLiteral("/scratch"));
    QCOMPARE(o.inputShape, in.inputShape); // everything else as the form says
    QCOMPARE(o.socVersion, in.socVersion);
    const QStringList argv = buildInvocation(o, wbtest::fakeToolkit()).arguments;
    QVERIFY2(argv.contains(QStringLiteral("--mode=3")), qPrintable(argv.join(' ')));
    QVERIFY(argv.contains(QStringLiteral("--check_report=/scratch/check_result.json")));
}

void TestAtcPrecheck::passes()
{
    AtcOptions o;
    o.model = wbtest::modelPath("resnet_static.onnx");
    o.socVersion = QStringLiteral("Ascend310P3");
    o.output = m_tmp.filePath(QStringLiteral("must_not_appear"));
    const PrecheckOutcome out = runAtcPrecheck(o, wbtest::fakeToolkit(), 60);
    QVERIFY2(out.reportRead, qPrintable(out.log.join('\n')));
    QCOMPARE(out.result.kind, ToolResult::Kind::Finished);
    QCOMPARE(out.findings.size(), 1);
    QCOMPARE(out.findings.first().severity, AtcSeverity::Info);
    QCOMPARE(out.findings.first().rule, QStringLiteral("atc_precheck"));
    QCOMPARE(out.findings.first().message, QStringLiteral("ATC's pre-check passed all 39 operators."));
    QVERIFY(out.commandLine.contains(QStringLiteral("--mode=3")));
    QVERIFY(out.commandLine.contains(QStringLiteral("check_result.json")));
    QVERIFY(out.log.contains(QStringLiteral("ATC run success, welcome to the next use.")));
    QVERIFY(out.events.isEmpty());
    QVERIFY(!QFileInfo::exists(o.output + ".om")); // nothing is written beside the user's output
    QCOMPARE(scratchLeft(), QStringList());
}

void TestAtcPrecheck::rejectsOperators()
{
    AtcOptions o;
    o.model = wbtest::modelPath("detector_nms.onnx");
    o.socVersion = QStringLiteral("Ascend310P3");
    const PrecheckOutcome out
        = runAtcPrecheck(o, wbtest::fakeToolkit({ { "FAKE_ATC_UNSUPPORTED_OPS", "Transpose,Reshape" } }), 60);
    QVERIFY(out.reportRead);
    QCOMPARE(out.result.kind, ToolResult::Kind::NonZeroExit); // ATC fails the run, the report says why
    QCOMPARE(out.result.exitCode, 255);
    QStringList nodes;
    for (const AtcFinding& f : out.findings) {
        QCOMPARE(f.severity, AtcSeverity::Error);
        QCOMPARE(f.rule, QStringLiteral("atc_precheck"));
        QCOMPARE(f.nodes.size(), 1);
        QVERIFY2(f.message.contains(QStringLiteral("No parser is registered")), qPrintable(f.message));
        QVERIFY2(fixFor(f, HintForm::Cli).contains(QStringLiteral("atcwb extract")), qPrintable(f.cliFix));
        QVERIFY2(f.fix.contains(QStringLiteral("*Extract Sub-model*")), qPrintable(f.fix)); // the GUI's words
        nodes += f.nodes;
    }
    QVERIFY(nodes.contains(QStringLiteral("/head/box/Reshape")));
    QVERIFY(nodes.contains(QStringLiteral("/head/box/Transpose")));
    QVERIFY(!out.events.isEmpty()); // the console error was parsed too
    QCOMPARE(scratchLeft(), QStringList());
}

void TestAtcPrecheck::reportPassedButAtcFailed()
{
    // ATC writes the report once the model is parsed and checks --input_shape afterwards: every operator passed,
    // the run still failed, and that must not read as "passed".
    AtcOptions o;
    o.model = wbtest::modelPath("resnet_static.onnx");
    o.socVersion = QStringLiteral("Ascend310P3");
    o.inputShape = QStringLiteral("nope:1,3,224,224");
    const PrecheckOutcome out = runAtcPrecheck(o, wbtest::fakeToolkit(), 60);
    QVERIFY(out.reportRead);
    QCOMPARE(out.result.kind, ToolResult::Kind::NonZeroExit);
    QCOMPARE(out.findings.size(), 1);
    QCOMPARE(out.findings.first().severity, AtcSeverity::Error);
    QVERIFY2(out.findings.first().message.contains(
                 QStringLiteral("passed every operator, but ATC failed afterwards: E10001")),
        qPrintable(out.findings.first().message));
}

void TestAtcPrecheck::ownedFlagsAndRelativePaths()
{
    QTemporaryDir out;
    QVERIFY(wbtest::writeAll(out.filePath(QStringLiteral("aipp.cfg")), "aipp_op {}\n"));
    QVERIFY(wbtest::writeAll(out.filePath(QStringLiteral("map.cfg")), "a:b\n"));
    AtcOptions o;
    o.model = wbtest::modelPath("resnet_static.onnx");
    o.output = out.filePath(QStringLiteral("resnet"));
    o.insertOpConf = QStringLiteral("aipp.cfg"); // relative to the conversion's working folder: the output's
    o.extraFlags = { { QStringLiteral("mode"), QStringLiteral("0") },
        { QStringLiteral("op_name_map"), QStringLiteral("map.cfg") },
        { QStringLiteral("framework"), QStringLiteral("3") },
        { QStringLiteral("deterministic"), QStringLiteral("1") } };
    const AtcOptions p = precheckOptions(o, QStringLiteral("/scratch"));
    QCOMPARE(p.insertOpConf, out.filePath(QStringLiteral("aipp.cfg")));
    QCOMPARE(p.extraFlags,
        (QList<AtcExtraFlag> { { QStringLiteral("op_name_map"), out.filePath(QStringLiteral("map.cfg")) },
            { QStringLiteral("deterministic"), QStringLiteral("1") } }));
    const QStringList argv = buildInvocation(p, wbtest::fakeToolkit()).arguments;
    QCOMPARE(argv.count(QStringLiteral("--mode=3")), 1);
    QVERIFY(!argv.contains(QStringLiteral("--mode=0")));
    QCOMPARE(argv.filter(QStringLiteral("--framework=")), QStringList { QStringLiteral("--framework=5") });
}

void TestAtcPrecheck::mergesWithOurFindings()
{
    const auto model = OnnxModel::load(wbtest::modelPath("custom_domain.onnx"));
    QVERIFY(model.ok());
    AtcOptions o;
    o.model = model.value()->summary().path;
    o.socVersion = QStringLiteral("Ascend310P3");
    const AtcToolkit toolkit = wbtest::fakeToolkit({ { "FAKE_ATC_UNSUPPORTED_OPS", "MyCustomOp,Sigmoid" } });
    const AtcCheckResult ours = checkConversion(o, *model.value(), toolkit);
    const PrecheckOutcome atc = runAtcPrecheck(o, toolkit, 60);
    QVERIFY(atc.reportRead);
    const QList<AtcFinding> merged = mergePrecheckFindings(ours.findings, atc.findings);
    int custom = 0, sigmoid = 0;
    for (const AtcFinding& f : merged) {
        if (f.nodes.contains(QStringLiteral("/act/MyCustomOp"))) {
            ++custom;
            QVERIFY2(f.message.endsWith(QStringLiteral("ATC's pre-check confirms this.")), qPrintable(f.message));
        }
        if (f.nodes.contains(QStringLiteral("/head/Sigmoid"))) {
            ++sigmoid;
            QCOMPARE(f.rule, QStringLiteral("atc_precheck")); // only ATC knows: a finding of its own
        }
    }
    QCOMPARE(custom, 1);
    QCOMPARE(sigmoid, 1);
}

void TestAtcPrecheck::withoutReport_data()
{
    QTest::addColumn<EnvList>("env");
    QTest::addColumn<int>("timeoutSec");
    QTest::addColumn<ToolResult::Kind>("kind");
    QTest::addColumn<QString>("says");
    QTest::newRow("exit 0, no report") << EnvList { { "FAKE_ATC_PRECHECK_REPORT", "none" } } << 60
                                       << ToolResult::Kind::Finished
                                       << "ATC's pre-check ended without writing check_result.json.";
    QTest::newRow("report not JSON") << EnvList { { "FAKE_ATC_PRECHECK_REPORT", "garbage" } } << 60
                                     << ToolResult::Kind::Finished << "is not a check_result.json object";
    QTest::newRow("error before the report")
        << EnvList { { "FAKE_ATC_PRECHECK_REPORT", "none" }, { "FAKE_ATC_UNSUPPORTED_OPS", "Conv" } } << 60
        << ToolResult::Kind::NonZeroExit << "failed before writing check_result.json: E19010";
    QTest::newRow("crash") << EnvList { { "FAKE_ATC_MODE", "crash" } } << 60 << ToolResult::Kind::Crashed
                           << "failed before writing check_result.json: ATC";
    QTest::newRow("hang, timeout") << EnvList { { "FAKE_ATC_MODE", "hang" } } << 1 << ToolResult::Kind::TimedOut
                                   << "did not finish: ATC was stopped after";
    QTest::newRow("not UTF-8") << EnvList { { "FAKE_ATC_MODE", "nonutf8" } } << 60 << ToolResult::Kind::Finished
                               << "ended without writing";
    QTest::newRow("missing program") << EnvList { { "__missing__", "1" } } << 60 << ToolResult::Kind::FailedToStart
                                     << "atc could not be started";
}

void TestAtcPrecheck::withoutReport()
{
    QFETCH(EnvList, env);
    QFETCH(int, timeoutSec);
    QFETCH(ToolResult::Kind, kind);
    QFETCH(QString, says);
    AtcOptions o;
    o.model = wbtest::modelPath("resnet_static.onnx");
    o.socVersion = QStringLiteral("Ascend310P3");
    AtcToolkit toolkit = wbtest::fakeToolkit(env);
    if (toolkit.environment.contains(QStringLiteral("__missing__")))
        toolkit.atcPath = m_tmp.filePath(QStringLiteral("no/such/atc"));
    QElapsedTimer clock;
    clock.start();
    const PrecheckOutcome out = runAtcPrecheck(o, toolkit, timeoutSec);
    QVERIFY(clock.elapsed() < 20000);
    QCOMPARE(out.result.kind, kind);
    QVERIFY(!out.reportRead);
    QCOMPARE(out.findings.size(), 1);
    QCOMPARE(out.findings.first().severity, AtcSeverity::Error);
    QCOMPARE(out.findings.first().rule, QStringLiteral("atc_precheck"));
    QVERIFY2(out.findings.first().message.contains(says), qPrintable(out.findings.first().message));
    QVERIFY(!out.findings.first().fix.isEmpty());
    QCOMPARE(scratchLeft(), QStringList());
}

void TestAtcPrecheck::cancel()
{
    AtcOptions o;
    o.model = wbtest::modelPath("resnet_static.onnx");
    o.socVersion = QStringLiteral("Ascend310P3");
    AtcPrecheck precheck;
    QSignalSpy started(&precheck, &AtcPrecheck::started);
    QSignalSpy finished(&precheck, &AtcPrecheck::finished);
    QVERIFY(precheck.start(o, wbtest::fakeToolkit({ { "FAKE_ATC_MODE", "fork" } })));
    QCOMPARE(started.size(), 1);
    QSignalSpy lines(&precheck, &AtcPrecheck::lineReceived);
    qint64 worker = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const auto& args : lines)
                if (args.first().toString().startsWith(QStringLiteral("worker pid ")))
                    worker = args.first().toString().mid(11).toLongLong();
            return worker > 0;
        }(),
        10000);
    precheck.cancel();
    QVERIFY(finished.wait(10000));
    const auto out = finished.first().first().value<PrecheckOutcome>();
    QCOMPARE(out.result.kind, ToolResult::Kind::Cancelled);
    QVERIFY2(out.findings.first().message.contains(QStringLiteral("did not finish: ATC was cancelled")),
        qPrintable(out.findings.first().message));
    QTRY_VERIFY_WITH_TIMEOUT(wbtest::processGone(worker), 5000); // the forked worker went with it
    QVERIFY(!precheck.isRunning());
    QCOMPARE(scratchLeft(), QStringList());
}

void TestAtcPrecheck::hugeOutputIsCapped()
{
    AtcOptions o;
    o.model = wbtest::modelPath("resnet_static.onnx");
    o.socVersion = QStringLiteral("Ascend310P3");
    const PrecheckOutcome out
        = runAtcPrecheck(o, wbtest::fakeToolkit({ { "FAKE_ATC_MODE", "flood" }, { "FAKE_ATC_FLOOD_MB", "8" } }), 60);
    QCOMPARE(out.result.kind, ToolResult::Kind::Finished);
    QCOMPARE(out.log.size(), PrecheckOutcome::kMaxLogLines); // 65,536 lines printed, the first 20,000 kept
    QVERIFY(!out.reportRead);
}

void TestAtcPrecheck::noToolkit()
{
    AtcOptions o;
    o.model = wbtest::modelPath("resnet_static.onnx");
    AtcToolkit none;
    none.searched = QStringList { QStringLiteral("PATH"), QStringLiteral("/usr/local/Ascend/ascend-toolkit/latest") };
    const PrecheckOutcome out = runAtcPrecheck(o, none);
    QCOMPARE(out.result.kind, ToolResult::Kind::FailedToStart);
    QCOMPARE(out.findings.size(), 1);
    QVERIFY(out.findings.first().message.contains(QStringLiteral("no ATC was found (looked in: PATH, /usr/local")));
    QCOMPARE(out.findings.first().fix, toolkitHowTo());
    QVERIFY(out.commandLine.isEmpty());
}

void TestAtcPrecheck::busyRefusesASecondStart()
{
    AtcOptions o;
    o.model = wbtest::modelPath("resnet_static.onnx");
    o.socVersion = QStringLiteral("Ascend310P3");
    AtcPrecheck precheck;
    QSignalSpy finished(&precheck, &AtcPrecheck::finished);
    QVERIFY(precheck.start(o, wbtest::fakeToolkit({ { "FAKE_ATC_DELAY_MS", "300" } })));
    QVERIFY(precheck.isRunning());
    QVERIFY(!precheck.start(o, wbtest::fakeToolkit()));
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.size(), 1);
    QVERIFY(finished.first().first().value<PrecheckOutcome>().reportRead);
    QVERIFY(precheck.start(o, wbtest::fakeToolkit())); // and runs again once done
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.size(), 2);
}

QTEST_GUILESS_MAIN(TestAtcPrecheck)
#include "tst_atcprecheck.moc"
