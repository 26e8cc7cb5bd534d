// The fake atc, through the real ToolRunner: it replays every recorded ATC console sample line for line with the
// exit status ATC had, and it answers ATC's argument syntax the way ATC does.
#include "process/toolrunner.h"
#include "processtest.h"
#include "run/omheader.h"

#include <QDir>
#include <QTemporaryDir>

using namespace wb;
using wbtest::fakeAtcRun;
using wbtest::Recorder;

namespace {

constexpr int Timeout = 20000;
const QString SamplesDir = QStringLiteral(WB_TEST_DATA_DIR "/atc");
const QString StartLine = "ATC start working now, please wait for a moment.";
const QString SuccessLine = "ATC run success, welcome to the next use.";
const QString FailedLine = "ATC run failed, Please check the detail log, Try 'atc --help' for more information";

// The console lines of a sample: its leading "# " header lines describe it and are not output.
QStringList sampleLines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList lines = QString::fromUtf8(file.readAll()).split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    while (!lines.isEmpty() && lines.first().startsWith("# "))
        lines.removeFirst();
    return lines;
}

QString model(const char* name)
{
    return QStringLiteral(WB_TEST_MODELS_DIR "/") + QString::fromUtf8(name);
}

// Runs the fake to the end; returns what it printed and how it ended.
struct Outcome {
    QStringList out;
    QStringList err;
    ToolResult result;
};

Outcome runFake(const ToolInvocation& run)
{
    ToolRunner runner;
    Recorder rec(&runner);
    if (!runner.start(run) || !QTest::qWaitFor([&] { return rec.done(); }, Timeout))
        return { {}, { "fake_atc did not finish" },
            ToolResult { ToolResult::Kind::FailedToStart, 0, 0, false, 0, {} } };
    return { rec.out, rec.err, rec.result() };
}

} // namespace

class TestFakeAtc : public QObject {
    Q_OBJECT
private slots:
    void replaysSamples_data();
    void replaysSamples();
    void argumentSyntax_data();
    void argumentSyntax();
    void argumentErrors_data();
    void argumentErrors();
    void inputNameNotInModel();
    void unsupportedOperator();
    void help();
};

void TestFakeAtc::replaysSamples_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("exit"); // FAKE_ATC_EXIT
    const QStringList files = QDir(SamplesDir).entryList({ "*.log" }, QDir::Files, QDir::Name);
    QVERIFY2(files.size() >= 9, qPrintable("ATC samples missing in " + SamplesDir));
    for (const QString& name : files) {
        if (name.startsWith("pasted_"))
            continue; // a console log as users paste it (quoted, fenced, several runs): not what ATC prints
        // What ATC ended with: 0 on success, killed by the OOM killer, the loader's 127, else FAILED = 255.
        const QString exit = name.contains("success") ? "0"
            : name.contains("oom")                    ? "kill"
            : name.contains("env_failures")           ? "127"
                                                      : "255";
        QTest::newRow(qPrintable(name)) << SamplesDir + '/' + name << exit;
    }
}

void TestFakeAtc::replaysSamples()
{
    QFETCH(QString, path);
    QFETCH(QString, exit);
    const QStringList expected = sampleLines(path);
    QVERIFY(!expected.isEmpty());
    const Outcome o = runFake(fakeAtcRun("replay", {}, { { "FAKE_ATC_REPLAY", path }, { "FAKE_ATC_EXIT", exit } }));
    QCOMPARE(o.out, expected);
    QCOMPARE(o.err, QStringList());
    if (exit == "0") {
        QCOMPARE(o.result.kind, ToolResult::Kind::Finished);
    } else if (exit == "kill") {
        QCOMPARE(o.result.kind, ToolResult::Kind::Crashed);
        QVERIFY(o.result.killedLikelyOom);
    } else {
        QCOMPARE(o.result.kind, ToolResult::Kind::NonZeroExit);
        QCOMPARE(o.result.exitCode, exit.toInt());
    }
}

void TestFakeAtc::argumentSyntax_data()
{
    QTest::addColumn<QStringList>("arguments");
    const QString m = model("resnet_static.onnx");
    QTest::newRow("--flag=value") << QStringList { "--model=" + m, "--framework=5", "--output=OUT",
        "--soc_version=Ascend310" };
    QTest::newRow("--flag value") << QStringList { "--model", m, "--framework", "5", "--output", "OUT", "--soc_version",
        "Ascend310" };
    QTest::newRow("-flag and hyphens") << QStringList { "-model=" + m, "-framework", "5", "--output=OUT",
        "--soc-version", "Ascend310P3" };
    QTest::newRow("other flags") << QStringList { "--model=" + m, "--framework=5", "--output=OUT",
        "--soc_version=Ascend910B3", "--input_format=NCHW", "--input_shape=input:1,3,224,224", "--log=error",
        "--precision_mode_v2=fp16" };
}

void TestFakeAtc::argumentSyntax()
{
    QFETCH(QStringList, arguments);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    arguments.replaceInStrings(QStringLiteral("OUT"), dir.filePath(QStringLiteral("model")));
    const Outcome o = runFake(fakeAtcRun("atc", arguments));
    QCOMPARE(o.result.kind, ToolResult::Kind::Finished);
    QCOMPARE(o.out.first(), StartLine);
    QCOMPARE(o.out.last(), SuccessLine);
    QFile om(dir.filePath(QStringLiteral("model.om"))); // ".om" appended, as ATC does
    QVERIFY(om.open(QIODevice::ReadOnly));
    QCOMPARE(om.read(4), QByteArray("IMOD"));
    const OmHeader header = readOmHeaderFile(om.fileName()); // a whole OM, as om-runner and the conversion check it
    QVERIFY2(header.valid, qPrintable(header.message));
    QCOMPARE(header.name, QStringLiteral("fake_model"));
    QCOMPARE(header.partitionCount, 0);
}

void TestFakeAtc::argumentErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("stdoutLast"); // ends the last stdout line
    QTest::addColumn<QString>("stderrLine");
    const QString m = model("resnet_static.onnx");
    QTest::newRow("unknown flag") << QStringList { "--framework=5", "--no_such_flag=1" } << StartLine
                                  << "ERROR: unknown command line flag 'no_such_flag'";
    QTest::newRow("missing value") << QStringList { "--framework=5", "--model" } << StartLine
                                   << "ERROR: flag 'model' is missing its argument; flag description: Model file";
    QTest::newRow("positional") << QStringList { "model.onnx" } << StartLine
                                << "ERROR: Non-option parameter: model.onnx";
    QTest::newRow("no framework") << QStringList { "--model=" + m } << "5(Onnx)]."
                                  << "";
    QTest::newRow("bad framework") << QStringList { "--framework=7" } << "5(Onnx)]."
                                   << "";
    QTest::newRow("no soc_version")
        << QStringList { "--framework=5", "--model=" + m, "--output=x" }
        << "The required parameter [--soc_version] for ATC is empty. Another possible reason "
           "is that the values of some parameters are not enclosed by quotation marks (\"\")."
        << "";
    QTest::newRow("missing model file") << QStringList { "--framework=5", "--model=/nonexistent.onnx", "--output=x",
        "--soc_version=Ascend310" } << "Failed to load the model from [/nonexistent.onnx]."
                                        << "";
}

void TestFakeAtc::argumentErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, stdoutLast);
    QFETCH(QString, stderrLine);
    const Outcome o = runFake(fakeAtcRun("atc", arguments));
    QCOMPARE(o.result.kind, ToolResult::Kind::NonZeroExit);
    QCOMPARE(o.result.exitCode, 255);
    QVERIFY2(o.out.last().endsWith(stdoutLast), qPrintable(o.out.last()));
    QCOMPARE(o.err, stderrLine.isEmpty() ? QStringList() : QStringList { stderrLine });
}

void TestFakeAtc::inputNameNotInModel()
{
    QTemporaryDir dir; // the fake stops at the input check and writes nothing
    const QStringList args { "--model=" + model("resnet_static.onnx"), "--framework=5",
        "--output=" + dir.filePath("unused"), "--soc_version=Ascend310", "--input_shape=images:1,3,640,640" };
    // input names from the ONNX file (resnet_static's input is "input"), and from FAKE_ATC_MODEL_INPUTS
    for (const auto& env : { QList<QPair<QString, QString>>(),
             QList<QPair<QString, QString>> { { "FAKE_ATC_MODEL_INPUTS", "input,mask" } } }) {
        const Outcome o = runFake(fakeAtcRun("atc", args, env));
        QCOMPARE(o.result.kind, ToolResult::Kind::NonZeroExit);
        QCOMPARE(o.out.at(o.out.size() - 2), FailedLine);
        const QString error = o.out.last();
        QVERIFY2(error.startsWith("E10001: [PID: "), qPrintable(error));
        QVERIFY2(error.endsWith("Value [-1] for parameter [input] is invalid. Reason: maybe you should set input_shape "
                                "to specify its shape."),
            qPrintable(error));
    }
}

void TestFakeAtc::unsupportedOperator()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Outcome o = runFake(fakeAtcRun("atc",
        { "--model=" + model("detector_nms.onnx"), "--framework=5", "--output=" + dir.filePath("det"),
            "--soc_version=Ascend310P3" },
        { { "FAKE_ATC_UNSUPPORTED_OPS", "NonMaxSuppression,Convx" } }));
    QCOMPARE(o.result.kind, ToolResult::Kind::NonZeroExit);
    QCOMPARE(o.result.exitCode, 255);
    QVERIFY(!QFile::exists(dir.filePath("det.om")));
    const qsizetype at = o.out.indexOf(FailedLine);
    QVERIFY(at > 0);
    const QStringList block = o.out.mid(at + 1);
    QCOMPARE(block.size(), 5);
    QVERIFY2(block.at(0).startsWith("E19010: [PID: "), qPrintable(block.at(0)));
    QVERIFY2(block.at(0).endsWith("No parser is registered for Op [/postprocess/NonMaxSuppression, optype "
                                  "[ai.onnx::11::NonMaxSuppression]]."),
        qPrintable(block.at(0)));
    QCOMPARE(block.at(2), "        TraceBack (most recent call last):");
    QVERIFY(block.at(3).startsWith("        Model parse to graph failed, graph name:"));
}

void TestFakeAtc::help()
{
    const Outcome o = runFake(fakeAtcRun("atc", { "--help" }));
    QCOMPARE(o.result.kind, ToolResult::Kind::Finished);
    QCOMPARE(o.out.value(0), StartLine); // printed before the arguments are read
    QCOMPARE(o.out.value(1), "usage: atc <args>");
    QVERIFY(o.out.contains("===== Basic Functionality ====="));
    QVERIFY(o.out.filter(QRegularExpression("^  --soc_version +The soc version\\.$")).size() == 1);
}

QTEST_GUILESS_MAIN(TestFakeAtc)
#include "tst_fakeatc.moc"
