// buildInvocation(): argv per mode, program/environment from the toolkit, working folder; the preview and the
// exported script, both checked by letting bash run them.
#include "atc/atcoptions.h"
#include "atc/invocation.h"
#include "atc/toolkit.h"
#include "testutil.h"

#include <QProcess>
#include <QTemporaryDir>

using namespace wb;

namespace {

AtcToolkit fakeToolkit()
{
    AtcToolkit tk;
    tk.atcPath = "/opt/Ascend/ascend-toolkit/latest/bin/atc";
    tk.setEnvScript = "/opt/Ascend/ascend-toolkit/set_env.sh";
    tk.environment.insert("ASCEND_OPP_PATH", "/opt/Ascend/ascend-toolkit/latest/opp");
    return tk;
}

// Runs `bash -c TEXT` and returns what it printed.
QByteArray bash(const QString& text, const QStringList& extra = {})
{
    QProcess p;
    p.start("bash", QStringList { "-c", text } + extra);
    p.waitForFinished(10000);
    return p.readAllStandardOutput();
}

} // namespace

class TestAtcInvocation : public QObject {
    Q_OBJECT
private slots:
    void arguments_data();
    void arguments();
    void programAndEnvironment();
    void workingFolder_data();
    void workingFolder();
    void quoting_data();
    void quoting();
    void previewRunsTheSameArgv();
    void exportedScript();
};

void TestAtcInvocation::arguments_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QStringList>("flags"); // name=value
    QTest::addColumn<QStringList>("extra"); // name=value
    QTest::addColumn<QStringList>("args");
    QTest::newRow("convert, required only")
        << 0 << QStringList { "model=/m/a.onnx", "output=/o/a", "soc_version=Ascend310P3" } << QStringList {}
        << QStringList { "--model=/m/a.onnx", "--framework=5", "--output=/o/a", "--soc_version=Ascend310P3" };
    QTest::newRow("table order, typed values, extras last")
        << 0
        << QStringList { "log=error", "soc_version=Ascend310P3", "input_shape=a:-1,3;b:1", "dynamic_batch_size=1,2",
               "save_original_model=true", "enable_small_channel=1", "model=/m/a.onnx", "output=/o/a" }
        << QStringList { "oo_level=O1" }
        << QStringList { "--model=/m/a.onnx", "--framework=5", "--output=/o/a", "--soc_version=Ascend310P3",
               "--input_shape=a:-1,3;b:1", "--dynamic_batch_size=1,2", "--enable_small_channel=1", "--log=error",
               "--save_original_model=true", "--oo_level=O1" };
    QTest::newRow("pre-check with report")
        << 3 << QStringList { "model=/m/a.onnx", "soc_version=Ascend310", "check_report=/o/r.json", "om=/x.om" }
        << QStringList {}
        << QStringList { "--mode=3", "--model=/m/a.onnx", "--framework=5", "--soc_version=Ascend310",
               "--check_report=/o/r.json" };
    QTest::newRow("model to json, onnx") << 1
                                         << QStringList { "om=/m/a.onnx", "json=/o/a.json", "model=/ignored.onnx",
                                                "input_shape=a:1" }
                                         << QStringList { "oo_level=O1" }
                                         << QStringList { "--mode=1", "--om=/m/a.onnx", "--framework=5",
                                                "--json=/o/a.json" };
    QTest::newRow("model to json, om") << 1 << QStringList { "om=/m/a.om", "json=/o/a.json" } << QStringList {}
                                       << QStringList { "--mode=1", "--om=/m/a.om", "--json=/o/a.json" };
    QTest::newRow("display om") << 6 << QStringList { "om=/m/a.om", "soc_version=Ascend310" } << QStringList {}
                                << QStringList { "--mode=6", "--om=/m/a.om" };
}

void TestAtcInvocation::arguments()
{
    QFETCH(int, mode);
    QFETCH(QStringList, flags);
    QFETCH(QStringList, extra);
    QFETCH(QStringList, args);
    AtcOptions o;
    o.mode = static_cast<AtcMode>(mode);
    for (const QString& kv : flags)
        QVERIFY(setAtcFlagValue(o, kv.section('=', 0, 0), kv.section('=', 1)));
    for (const QString& kv : extra)
        o.extraFlags.append({ kv.section('=', 0, 0), kv.section('=', 1) });
    const AtcInvocation inv = buildInvocation(o, AtcToolkit {});
    QCOMPARE(inv.program, QString("atc"));
    QCOMPARE(inv.arguments, args);
    QCOMPARE(inv.argv(), QStringList { "atc" } + args);
}

void TestAtcInvocation::programAndEnvironment()
{
    AtcOptions o;
    o.model = "/m/a.onnx";
    const AtcInvocation with = buildInvocation(o, fakeToolkit());
    QCOMPARE(with.program, fakeToolkit().atcPath);
    QCOMPARE(with.environment.value("ASCEND_OPP_PATH"), QString("/opt/Ascend/ascend-toolkit/latest/opp"));
    QCOMPARE(with.setupScript, fakeToolkit().setEnvScript);
    QCOMPARE(with.timeoutMs, 0);
    const AtcInvocation without = buildInvocation(o, AtcToolkit {});
    QCOMPARE(without.program, QString("atc"));
    QVERIFY(without.environment.isEmpty()); // inherit
    QVERIFY(without.setupScript.isEmpty());
}

void TestAtcInvocation::workingFolder_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QString>("workDir");
    QTest::addColumn<QString>("expected");
    QTest::newRow("explicit") << 0 << QStringList { "output=/o/a", "model=/m/a.onnx" } << "/w"
                              << "/w";
    QTest::newRow("output's folder") << 0 << QStringList { "output=/o/sub/a", "model=/m/a.onnx" } << ""
                                     << "/o/sub";
    QTest::newRow("model's folder in pre-check") << 3 << QStringList { "model=/m/a.onnx" } << ""
                                                 << "/m";
    QTest::newRow("json's folder in mode 1") << 1 << QStringList { "om=/m/a.om", "json=/j/a.json" } << ""
                                             << "/j";
    QTest::newRow("om's folder in mode 6") << 6 << QStringList { "om=/m/a.om" } << ""
                                           << "/m";
}

void TestAtcInvocation::workingFolder()
{
    QFETCH(int, mode);
    QFETCH(QStringList, flags);
    QFETCH(QString, workDir);
    QFETCH(QString, expected);
    AtcOptions o;
    o.mode = static_cast<AtcMode>(mode);
    o.workDir = workDir;
    for (const QString& kv : flags)
        QVERIFY(setAtcFlagValue(o, kv.section('=', 0, 0), kv.section('=', 1)));
    QCOMPARE(buildInvocation(o, AtcToolkit {}).workingDirectory, expected);
}

void TestAtcInvocation::quoting_data()
{
    QTest::addColumn<QStringList>("argv");
    QTest::addColumn<QString>("rendered");
    QTest::newRow("plain") << QStringList { "atc", "--model=/m/a.onnx", "--soc_version=Ascend310P3" }
                           << "atc --model=/m/a.onnx --soc_version=Ascend310P3";
    QTest::newRow("semicolon") << QStringList { "atc", "--input_shape=a:1,3;b:1" } << "atc '--input_shape=a:1,3;b:1'";
    QTest::newRow("space and quote") << QStringList { "/opt/my tk/atc", "--output=/o/it's" }
                                     << "'/opt/my tk/atc' '--output=/o/it'\\''s'";
    QTest::newRow("dollar, star, tilde range") << QStringList { "atc", "--x=$HOME", "--y=*", "--input_shape=a:1~8" }
                                               << "atc '--x=$HOME' '--y=*' '--input_shape=a:1~8'";
    QTest::newRow("empty value") << QStringList { "atc", "" } << "atc ''";
    QTest::newRow("program with =") << QStringList { "A=b", "--x=1" } << "'A=b' --x=1";
}

void TestAtcInvocation::quoting()
{
    QFETCH(QStringList, argv);
    QFETCH(QString, rendered);
    AtcInvocation inv;
    inv.program = argv.first();
    inv.arguments = argv.mid(1);
    QCOMPARE(renderCommandLine(inv), rendered);
    const QString multiline = renderCommandLine(inv, true);
    QCOMPARE(multiline.count(" \\\n    "), argv.size() - 1);
    QCOMPARE(QString(multiline).replace(" \\\n    ", " "), rendered);
}

void TestAtcInvocation::previewRunsTheSameArgv()
{
    // Pasting the preview into bash must hand the program exactly these words.
    AtcInvocation inv;
    inv.program = "printf";
    inv.arguments
        = { "%s\\n", "--input_shape=a:1,3;b:1", "--output=/o/it's here", "--x=$HOME `id` \"q\"", "--y=*", "" };
    const QByteArray out = bash(renderCommandLine(inv));
    QCOMPARE(QString::fromUtf8(out).split('\n'), inv.arguments.mid(1) + QStringList { "" });
    const QByteArray multi = bash(renderCommandLine(inv, true));
    QCOMPARE(multi, out);
}

void TestAtcInvocation::exportedScript()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString setEnv = dir.filePath("set env.sh");
    QFile f(setEnv);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("export FROM_SET_ENV=ok\nfalse\n"); // a failing last command must not stop the script
    f.close();
    AtcInvocation inv;
    inv.program = "bash";
    inv.arguments = { "-c", "echo \"$FROM_SET_ENV $(pwd) $1\"", "_", "a:1;b:2" };
    inv.workingDirectory = dir.filePath("work dir");
    QVERIFY(QDir().mkpath(inv.workingDirectory));
    inv.setupScript = setEnv;
    const QString script = dir.filePath("convert.sh");
    QVERIFY(writeShellScript(inv, script).ok());
    QVERIFY(QFileInfo(script).isExecutable());
    const QString text = renderShellScript(inv);
    QVERIFY(text.startsWith("#!/usr/bin/env bash\n"));
    QVERIFY(text.contains("source '" + setEnv + "'\n"));
    QVERIFY(text.contains("\ncd '" + inv.workingDirectory + "'\n"));
    QProcess p;
    p.start(script, {});
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(p.readAllStandardOutput()), "ok " + inv.workingDirectory + " a:1;b:2\n");
}

QTEST_GUILESS_MAIN(TestAtcInvocation)
#include "tst_atcinvocation.moc"
