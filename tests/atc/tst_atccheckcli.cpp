// `atcwb check` end to end through a real process, with a controlled environment (no toolkit unless a row builds
// a fake one): the JSON contract, exit codes, the text form, recipes, and discovery through env and settings.
#include "faketoolkit.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

class TestAtcCheckCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void jsonContract_data();
    void jsonContract();
    void textForm();
    void recipe();
    void usageAndInputErrors_data();
    void usageAndInputErrors();
    void toolkitFromEnvironment();
    void toolkitFromSettings();
    void atcPrecheck_data();
    void atcPrecheck();
    void atcPrecheckText();

private:
    QStringList fakeAtcSettings(); // points the app's settings at the fake atc (removed by the caller)
    using Run = wbtest::ProgramRun;
    Run atcwb(const QStringList& args, const QStringList& vars = {}) const;
    static QStringList rules(const QJsonObject& result);
    QTemporaryDir m_dir;
};

void TestAtcCheckCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

TestAtcCheckCli::Run TestAtcCheckCli::atcwb(const QStringList& args, const QStringList& vars) const
{
    QProcessEnvironment env;
    env.insert("PATH", "/usr/bin:/bin");
    env.insert("HOME", m_dir.filePath("home"));
    env.insert("XDG_CONFIG_HOME", m_dir.filePath("config"));
    env.insert("WB_LOG_DIR", m_dir.filePath("logs"));
    for (const QString& v : vars)
        env.insert(v.section('=', 0, 0), v.section('=', 1));
    return wbtest::runAtcwb(QStringList { "check" } + args, env);
}

QStringList TestAtcCheckCli::rules(const QJsonObject& result)
{
    QStringList r;
    for (const QJsonValue& f : result.value("findings").toArray())
        r.append(f["rule"].toString());
    return r;
}

void TestAtcCheckCli::jsonContract_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QStringList>("expectedRules"); // exactly these, in order (errors first)
    QTest::addColumn<QStringList>("firstNodes"); // nodes of the first finding that has any
    QTest::addColumn<QString>("commandHas");
    const QString soc = "--soc=Ascend310P3";
    QTest::newRow("detector_nms") << QStringList { "detector_nms.onnx", soc } << 0
                                  << QStringList { "toolkit_missing", "dynamic_output" }
                                  << QStringList { "/postprocess/NonMaxSuppression" } << "--soc_version=Ascend310P3";
    QTest::newRow("opset19") << QStringList { "opset19.onnx", soc } << 1
                             << QStringList { "opset_range", "toolkit_missing" }
                             << QStringList { "/features/conv/Conv", "/features/relu/Relu", "/pool/GlobalAveragePool",
                                    "/flatten/Flatten", "/classifier/fc/Gemm" }
                             << "--framework=5";
    QTest::newRow("if_subgraph") << QStringList { "if_subgraph.onnx", soc } << 0
                                 << QStringList { "toolkit_missing", "control_flow_op" } << QStringList { "/branch/If" }
                                 << "";
    QTest::newRow("custom_domain") << QStringList { "custom_domain.onnx", soc } << 1
                                   << QStringList { "custom_domain_op", "toolkit_missing", "opset_extra_domain" }
                                   << QStringList { "/act/MyCustomOp" } << "";
    QTest::newRow("dynamic batch without shapes")
        << QStringList { "resnet_dynamic_batch.onnx", soc } << 1
        << QStringList { "dynamic_dim_unfixed", "toolkit_missing" } << QStringList {} << "";
    QTest::newRow("dynamic batch fixed") << QStringList { "resnet_dynamic_batch.onnx", soc, "--input-shape",
        "input:4,3,224,224" } << 0 << QStringList { "toolkit_missing" }
                                         << QStringList {} << "--input_shape=input:4,3,224,224";
    QTest::newRow("no soc") << QStringList { "two_inputs.onnx" } << 1
                            << QStringList { "soc_required", "toolkit_missing" } << QStringList {} << "--output=";
}

void TestAtcCheckCli::jsonContract()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QStringList, expectedRules);
    QFETCH(QStringList, firstNodes);
    QFETCH(QString, commandHas);
    args[0] = wbtest::modelPath(args[0]);
    const Run r = atcwb(args + QStringList { "--json" });
    QVERIFY2(r.code == code, r.out.constData());
    const QJsonObject result = r.json();
    QCOMPARE(result.keys(), (QStringList { "command", "findings" }));
    QCOMPARE(rules(result), expectedRules);
    QStringList nodes;
    for (const QJsonValue& v : result.value("findings").toArray()) {
        const QJsonObject f = v.toObject();
        QCOMPARE(f.keys(), (QStringList { "fix", "message", "nodes", "rule", "severity" }));
        QVERIFY(QStringList({ "error", "warning", "info" }).contains(f["severity"].toString()));
        QVERIFY(!f["message"].toString().isEmpty() && !f["fix"].toString().isEmpty());
        QVERIFY(f["nodes"].isArray());
        if (nodes.isEmpty())
            for (const QJsonValue& n : f["nodes"].toArray())
                nodes.append(n.toString());
    }
    QCOMPARE(nodes, firstNodes);
    QStringList command;
    for (const QJsonValue& v : result.value("command").toArray())
        command.append(v.toString());
    QCOMPARE(command.value(0), QString("atc"));
    QCOMPARE(command.value(1), "--model=" + args[0]);
    QVERIFY2(command.join(' ').contains(commandHas), qPrintable(command.join(' ')));
}

void TestAtcCheckCli::textForm()
{
    const Run r = atcwb({ wbtest::modelPath("opset19.onnx"), "--soc", "Ascend310P3" });
    QCOMPARE(r.code, 1);
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(
        out.startsWith("Checked " + wbtest::modelPath("opset19.onnx") + " for Ascend310P3: 1 error(s), 1 warning(s)\n"),
        qPrintable(out));
    QVERIFY(out.contains("\nERROR    opset_range\n    The model imports ai.onnx opset 19"));
    QVERIFY(out.contains("    Fix: Re-export with opset 18 or lower"));
    QVERIFY(out.contains("    Nodes: /features/conv/Conv, /features/relu/Relu"));
    QVERIFY(out.contains("\nWARNING  toolkit_missing\n"));
    QVERIFY(out.contains("\nCommand:\n  atc \\\n    --model="));
    QVERIFY(r.err.isEmpty() || !r.err.contains("error"));
}

void TestAtcCheckCli::recipe()
{
    const QString recipe = m_dir.filePath("batch.json");
    QVERIFY(faketk::writeFile(recipe, R"({"recipe": "atc-workbench", "version": 1, "mode": 0, "flags": {
        "soc_version": "Ascend310P3", "output": "out/resnet", "input_shape": "input:-1,3,224,224",
        "dynamic_batch_size": "1,2,4,8"}})"));
    QVERIFY(QDir(m_dir.path()).mkpath("out"));
    const Run ok = atcwb({ wbtest::modelPath("resnet_dynamic_batch.onnx"), "--recipe", recipe, "--json" });
    QVERIFY2(ok.code == 0, ok.out.constData());
    QStringList command;
    for (const QJsonValue& v : ok.json().value("command").toArray())
        command.append(v.toString());
    QVERIFY(command.contains("--output=" + m_dir.filePath("out/resnet"))); // relative to the recipe
    QVERIFY(command.contains("--dynamic_batch_size=1,2,4,8"));
    // --soc overrides the recipe
    const Run overridden
        = atcwb({ wbtest::modelPath("resnet_dynamic_batch.onnx"), "--recipe", recipe, "--soc", "Ascend035", "--json" });
    QCOMPARE(overridden.code, 1);
    QVERIFY(rules(overridden.json()).contains("soc_unknown"));
}

void TestAtcCheckCli::usageAndInputErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("errorCode");
    QTest::newRow("no model") << QStringList {} << 2 << "usage";
    QTest::newRow("bad input shape") << QStringList { "$M", "--input-shape", "input:1.5" } << 2 << "usage";
    QTest::newRow("unknown option") << QStringList { "$M", "--socc", "x" } << 2 << "usage";
    QTest::newRow("missing model") << QStringList { "/nonexistent/m.onnx" } << 1 << "not_found";
    QTest::newRow("missing recipe") << QStringList { "$M", "--recipe", "/nonexistent/r.json" } << 1 << "not_found";
    QTest::newRow("not an onnx file") << QStringList { "$D/not_a_model.png" } << 1 << "not_onnx";
}

void TestAtcCheckCli::usageAndInputErrors()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, errorCode);
    for (QString& a : args)
        a.replace("$M", wbtest::modelPath("resnet_static.onnx")).replace("$D", WB_TEST_MODELS_DIR);
    const Run r = atcwb(args + QStringList { "--json" });
    QCOMPARE(r.code, code);
    QCOMPARE(r.json().value("error").toObject().value("code").toString(), errorCode);
}

void TestAtcCheckCli::toolkitFromEnvironment()
{
    const QString home = faketk::make(m_dir.filePath("env-tk"));
    QVERIFY(!home.isEmpty());
    const Run r = atcwb({ wbtest::modelPath("resnet_static.onnx"), "--soc", "Ascend310B1", "--json" },
        { "ASCEND_TOOLKIT_HOME=" + home });
    QCOMPARE(r.code, 1);
    QCOMPARE(rules(r.json()), QStringList { "soc_unknown" }); // Ascend310B1 has no platform config in the fake
    QCOMPARE(r.json().value("command").toArray().first().toString(), home + "/bin/atc");
    const Run text
        = atcwb({ wbtest::modelPath("resnet_static.onnx"), "--soc", "Ascend310P3" }, { "ASCEND_TOOLKIT_HOME=" + home });
    QCOMPARE(text.code, 0);
    QVERIFY2(text.out.contains("Toolkit: CANN 8.0.0 at " + home.toUtf8() + "/bin/atc"), text.out.constData());
}

void TestAtcCheckCli::toolkitFromSettings()
{
    faketk::Spec spec;
    spec.version = "7.0.0";
    const QString home = faketk::make(m_dir.filePath("settings-tk"), spec);
    QVERIFY(faketk::writeFile(
        m_dir.filePath("config/atc-workbench/atc-workbench.conf"), "[toolkit]\natcPath=" + home + "/bin/atc\n"));
    const Run r = atcwb({ wbtest::modelPath("resnet_static.onnx"), "--soc", "Ascend310P3", "--json" });
    QFile::remove(m_dir.filePath("config/atc-workbench/atc-workbench.conf"));
    QCOMPARE(r.code, 0);
    QCOMPARE(rules(r.json()), QStringList {});
    QCOMPARE(r.json().value("command").toArray().first().toString(), home + "/bin/atc");
}

QStringList TestAtcCheckCli::fakeAtcSettings()
{
    const QString conf = m_dir.filePath("config/atc-workbench/atc-workbench.conf");
    if (!faketk::writeFile(conf, QStringLiteral("[toolkit]\natcPath=%1\n").arg(WB_FAKE_ATC)))
        return {};
    return { conf };
}

void TestAtcCheckCli::atcPrecheck_data()
{
    QTest::addColumn<QStringList>("vars");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("result");
    QTest::addColumn<bool>("reportRead");
    QTest::addColumn<QStringList>("precheckNodes"); // nodes of atc_precheck errors
    QTest::addColumn<QStringList>("confirmed"); // nodes of our errors ATC confirmed
    QTest::newRow("passes") << QStringList {} << 0 << "finished" << true << QStringList {} << QStringList {};
    QTest::newRow("rejects ops, confirms ours")
        << QStringList { "FAKE_ATC_UNSUPPORTED_OPS=MyCustomOp,Sigmoid" } << 1 << "exit_code" << true
        << QStringList { "/head/Sigmoid" } << QStringList { "/act/MyCustomOp" };
    QTest::newRow("no report") << QStringList { "FAKE_ATC_PRECHECK_REPORT=none" } << 1 << "finished" << false
                               << QStringList {} << QStringList {};
    QTest::newRow("slow, timeout") << QStringList { "FAKE_ATC_DELAY_MS=20000" } << 1 << "timed_out" << false
                                   << QStringList {} << QStringList {};
}

void TestAtcCheckCli::atcPrecheck()
{
    QFETCH(QStringList, vars);
    QFETCH(int, code);
    QFETCH(QString, result);
    QFETCH(bool, reportRead);
    QFETCH(QStringList, precheckNodes);
    QFETCH(QStringList, confirmed);
    const QStringList conf = fakeAtcSettings();
    QVERIFY(!conf.isEmpty());
    // custom_domain.onnx: our own check already rejects its com.example node, so passing needs FAKE_ATC to agree;
    // the row without unsupported ops uses resnet_static.onnx instead.
    const QString model = precheckNodes.isEmpty() && confirmed.isEmpty() ? wbtest::modelPath("resnet_static.onnx")
                                                                         : wbtest::modelPath("custom_domain.onnx");
    const Run r = atcwb({ model, "--soc", "Ascend310P3", "--atc-precheck", "--timeout", "2", "--json" },
        vars + QStringList { "TMPDIR=" + m_dir.filePath("tmp") });
    QFile::remove(conf.first());
    QCOMPARE(r.code, code);
    const QJsonObject json = r.json();
    const QJsonObject atc = json.value("atc_precheck").toObject();
    QVERIFY2(atc.value("command").toString().contains("--mode=3"), r.out.constData());
    QCOMPARE(atc.value("result").toString(), result);
    QCOMPARE(atc.value("report_read").toBool(), reportRead);
    QVERIFY(atc.value("duration_ms").toInteger() >= 0);
    QCOMPARE(atc.value("signal").toInt(), result == "timed_out" ? 15 : 0); // SIGTERM from the time limit
    QStringList atcNodes, ourConfirmed;
    int precheckFindings = 0;
    for (const QJsonValue& v : json.value("findings").toArray()) {
        const QJsonObject f = v.toObject();
        QStringList nodes;
        for (const QJsonValue& n : f.value("nodes").toArray())
            nodes.append(n.toString());
        if (f.value("rule").toString() == "atc_precheck") {
            ++precheckFindings;
            if (f.value("severity").toString() == "error")
                atcNodes += nodes;
        } else if (f.value("message").toString().endsWith("ATC's pre-check confirms this.")) {
            ourConfirmed += nodes;
        }
    }
    QVERIFY(precheckFindings >= 1); // always something from ATC: its verdict or why there is none
    QCOMPARE(atcNodes, precheckNodes);
    QCOMPARE(ourConfirmed, confirmed);
    QCOMPARE(QDir(m_dir.filePath("tmp")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());
}

void TestAtcCheckCli::atcPrecheckText()
{
    const QStringList conf = fakeAtcSettings();
    QVERIFY(!conf.isEmpty());
    const Run r = atcwb({ wbtest::modelPath("resnet_static.onnx"), "--soc", "Ascend310P3", "--atc-precheck" });
    QFile::remove(conf.first());
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains("ATC's pre-check passed all 39 operators."), r.out.constData());
    QVERIFY2(r.out.contains("ATC pre-check: report read (atc finished in"), r.out.constData());
    // Usage: --timeout without --atc-precheck, and a bad value.
    QCOMPARE(atcwb({ wbtest::modelPath("resnet_static.onnx"), "--timeout", "5", "--json" }).code, 2);
    const QStringList conf2 = fakeAtcSettings();
    const Run bad = atcwb({ wbtest::modelPath("resnet_static.onnx"), "--atc-precheck", "--timeout", "soon", "--json" });
    QFile::remove(conf2.first());
    QCOMPARE(bad.code, 2);
    QCOMPARE(
        atcwb({ wbtest::modelPath("resnet_static.onnx"), "--atc-precheck", "--timeout", "3000000", "--json" }).code, 2);
    // No toolkit: the pre-check cannot run, which is an error when it was asked for.
    const Run none
        = atcwb({ wbtest::modelPath("resnet_static.onnx"), "--soc", "Ascend310P3", "--atc-precheck", "--json" });
    QCOMPARE(none.code, 1);
    QVERIFY2(none.out.contains("ATC's pre-check was not run: no ATC was found"), none.out.constData());
    QCOMPARE(
        none.json().value("atc_precheck").toObject().value("result").toString(), QStringLiteral("failed_to_start"));
}

QTEST_GUILESS_MAIN(TestAtcCheckCli)
#include "tst_atccheckcli.moc"
