// atcwb explain / devices end to end through a real QProcess: every sample, detection, JSON shapes, exit codes.
#include "parsing/atclog.h"
#include "parsing/parsingjson.h"
#include "parsingtestutil.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

class TestExplainCli : public QObject {
    Q_OBJECT
private slots:
    void everySample_data();
    void everySample();
    void textForm_data();
    void textForm();
    void errors_data();
    void errors();
    void nonUtf8();
    void devicesFromFile();
    void devicesRunsNpuSmi_data();
    void devicesRunsNpuSmi();

private:
    using Run = wbtest::ProgramRun;
    static Run atcwb(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
    {
        return wbtest::runAtcwb(args, env);
    }
    QTemporaryDir m_tmp;
};

namespace {

QString kindOfFile(const QString& file)
{
    if (file.startsWith(QLatin1String("atc/")))
        return QStringLiteral("atc");
    if (file.startsWith(QLatin1String("runners/msame")))
        return QStringLiteral("msame");
    if (file.startsWith(QLatin1String("runners/ais")))
        return QStringLiteral("ais-bench");
    return QStringLiteral("npu-smi");
}

bool isNumberArray(const QJsonValue& v)
{
    if (!v.isArray())
        return false;
    const QJsonArray a = v.toArray();
    return std::all_of(a.begin(), a.end(), [](const QJsonValue& x) { return x.isDouble(); });
}

bool isStringOrNull(const QJsonValue& v)
{
    return v.isString() || v.isNull();
}

} // namespace

void TestExplainCli::everySample_data()
{
    QTest::addColumn<QString>("file");
    QStringList files;
    for (const QString& f : wbtest::dataFiles(QStringLiteral("atc"), { QStringLiteral("*.log") }))
        files << QStringLiteral("atc/") + f;
    for (const QString& f :
        wbtest::dataFiles(QStringLiteral("runners"), { QStringLiteral("*.log"), QStringLiteral("*.txt") }))
        files << QStringLiteral("runners/") + f;
    QVERIFY(files.size() >= 26);
    for (const QString& f : files)
        QTest::newRow(qPrintable(f)) << f;
}

void TestExplainCli::everySample()
{
    QFETCH(QString, file);
    const QString path = wbtest::dataPath(file);
    const QString kind = kindOfFile(file);
    const Run auto_ = atcwb({ "explain", path, "--json" });
    QCOMPARE(auto_.code, 0);
    const QJsonObject o = auto_.json();
    QCOMPARE(o.value("kind").toString(), kind); // detected
    QCOMPARE(atcwb({ "explain", "--kind", kind, "--json", path }).out, auto_.out); // same when given

    if (kind == QLatin1String("atc")) {
        const QString verdict = o.value("verdict").toString();
        const QString name = QFileInfo(path).fileName();
        if (name.startsWith(QLatin1String("success_")) || name.startsWith(QLatin1String("fail_")))
            QCOMPARE(verdict,
                name.startsWith(QLatin1String("success_")) ? QStringLiteral("success") : QStringLiteral("failed"));
        QVERIFY(!o.value("events").toArray().isEmpty());
        for (const QJsonValue& v : o.value("events").toArray()) {
            const QJsonObject e = v.toObject();
            QVERIFY(QStringList({ "error", "warning", "info" }).contains(e.value("severity").toString()));
            QVERIFY(isStringOrNull(e.value("code")) && isStringOrNull(e.value("hint")));
            // The command line's form of the hint: flags and commands, never a page of the GUI.
            QVERIFY2(
                !e.value("hint").toString().contains(QLatin1String(" page")), qPrintable(e.value("hint").toString()));
            QVERIFY(!e.value("message").toString().isEmpty());
            QVERIFY(e.value("line").toInt() > 0);
            for (const QJsonValue& op : e.value("ops").toArray())
                QVERIFY(op.toObject().contains("name") && op.toObject().contains("type"));
        }
        // Fields added for pasted logs: one entry per run, the verdict is the last run's; the key line when no
        // error names the problem; what wrapping was taken off.
        const QJsonArray runs = o.value("runs").toArray();
        QVERIFY(!runs.isEmpty());
        QCOMPARE(runs.last().toObject().value("verdict").toString(), verdict);
        QCOMPARE(runs.last().toObject().value("key_line"), o.value("key_line"));
        QVERIFY(o.value("key_line").isNull() || o.value("key_line").toObject().value("line").toInt() > 0);
        QVERIFY(o.value("pasted").isArray());
        if (!name.startsWith(QLatin1String("pasted_")))
            QCOMPARE(o.value("pasted").toArray(), QJsonArray()); // a console log is read as it is
        for (const QJsonValue& v : o.value("events").toArray())
            QVERIFY(v.toObject().value("run").toInt() >= 1 && v.toObject().value("run").toInt() <= runs.size());
        // The CLI prints exactly what the library parses.
        QCOMPARE(o, wb::atcLogToJson(wb::parseAtcLog(wbtest::readFile(path))));
    } else if (kind == QLatin1String("npu-smi")) {
        const QJsonArray devices = o.value("devices").toArray();
        QVERIFY(!devices.isEmpty());
        for (const QJsonValue& v : devices) {
            const QJsonObject d = v.toObject();
            QVERIFY(d.value("id").isDouble());
            QVERIFY(d.value("soc_version").toString().startsWith(QLatin1String("Ascend")));
            for (const char* key : { "power_w", "temp_c", "aicore_pct", "memory_used_mb", "memory_total_mb",
                     "hbm_used_mb", "hbm_total_mb" })
                QVERIFY2(d.value(key).isDouble() || d.value(key).isNull(), key);
            QVERIFY(d.value("chip").isString() && d.value("health").isString());
        }
        QVERIFY(o.value("processes").isArray());
    } else {
        const QJsonObject latency = o.value("latency_ms").toObject();
        for (auto it = latency.begin(); it != latency.end(); ++it)
            QVERIFY2(it.value().isDouble(), qPrintable(it.key()));
        QVERIFY(isNumberArray(o.value("iterations_ms")));
        QVERIFY(o.value("throughput").isDouble() || o.value("throughput").isNull());
        QVERIFY(isNumberArray(o.value("devices")));
        QVERIFY(o.value("errors").isArray());
        // Something was understood: a latency, a per-run time or an error.
        QVERIFY(!latency.isEmpty() || !o.value("iterations_ms").toArray().isEmpty()
            || !o.value("errors").toArray().isEmpty());
    }
}

void TestExplainCli::textForm_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("atc") << "atc/fail_e19010_no_parser_msit_fixture.log"
                         << "Ops:      Conv_52 (Convx, opset 11)";
    QTest::newRow("atc: the hint fits an opset-11 op") << "atc/fail_e19010_no_parser_msit_fixture.log"
                                                       << "Hint:     A lower opset will not help";
    QTest::newRow("atc: the hint names commands") << "atc/fail_e19010_no_parser_msit_fixture.log"
                                                  << "`atcwb check MODEL` lists the nodes";
    QTest::newRow("atc success") << "atc/success_plain_fcos.log"
                                 << "ATC verdict: success";
    QTest::newRow("atc quoted") << "atc/pasted_quote_e20001.log"
                                << "Read as pasted text: took off quote markers (>).";
    QTest::newRow("atc excerpt: inner lines only") << "atc/pasted_cut_inner_quoted_e19010.log"
                                                   << "ATC verdict: failed";
    QTest::newRow("atc three runs") << "atc/pasted_three_runs_e16005_e10007_w11001.log"
                                    << "3 ATC runs in this text; the verdict is the last one's:\n"
                                       "  run 1, lines 1-3: failed, 1 error(s)\n";
    QTest::newRow("atc no problem named") << "atc/pasted_cut_no_problem_e19010.log"
                                          << "No problem can be named: the run failed, but no ATC message names the "
                                             "problem. The most likely key line (line 3):\n    ATC run failed";
    QTest::newRow("msame") << "runners/msame_02_loop10_full_lifecycle.log"
                           << "Latency (ms):    mean 65.5449";
    QTest::newRow("ais_bench") << "runners/ais_bench_04_msit_benchmark_basic.log"
                               << "Throughput:      407.1661089 /s";
    QTest::newRow("npu-smi") << "runners/npu_smi_02_310P3_power_NA.txt"
                             << "Ascend310P3";
}

void TestExplainCli::textForm()
{
    QFETCH(QString, file);
    QFETCH(QString, phrase);
    const Run r = atcwb({ "explain", wbtest::dataPath(file) });
    QCOMPARE(r.code, 0);
    QVERIFY2(QString::fromUtf8(r.out).contains(phrase), r.out.constData());
    QVERIFY2(!r.out.contains(" page"), r.out.constData()); // the command line never sends the user to a page
}

void TestExplainCli::errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("errorCode"); // in the JSON error object
    QTest::addColumn<QString>("phrase");
    const QString atcLog = wbtest::dataPath("atc/success_plain_fcos.log");
    const QString smi = wbtest::dataPath("runners/npu_smi_03_310B1_devkit.txt");
    QTest::newRow("missing file") << QStringList { "explain", "/nonexistent/x.log", "--json" } << 1 << "not_found"
                                  << "/nonexistent/x.log does not exist";
    QTest::newRow("a directory") << QStringList { "explain", WB_TEST_DATA_DIR, "--json" } << 1 << "not_a_file"
                                 << "is not a file";
    QTest::newRow("unknown kind") << QStringList { "explain", atcLog, "--kind", "trtexec", "--json" } << 1
                                  << "unknown_kind"
                                  << "Unknown kind 'trtexec'";
    QTest::newRow("not detectable") << QStringList { "explain", "@plain", "--json" } << 1 << "unknown_kind"
                                    << "Cannot tell which tool wrote";
    QTest::newRow("empty file") << QStringList { "explain", "@empty", "--json" } << 1 << "unknown_kind"
                                << "pass --kind";
    QTest::newRow("npu-smi forced on an ATC log")
        << QStringList { "explain", atcLog, "--kind", "npu-smi", "--json" } << 1 << "not_npu_smi"
        << "No `npu-smi info` device table";
    QTest::newRow("no file") << QStringList { "explain", "--json" } << 2 << "usage"
                             << "missing FILE";
    QTest::newRow("two files") << QStringList { "explain", atcLog, smi, "--json" } << 2 << "usage"
                               << "expected one FILE";
    QTest::newRow("unknown option") << QStringList { "explain", atcLog, "--bogus", "--json" } << 2 << "usage"
                                    << "bogus";
    QTest::newRow("devices: bad file") << QStringList { "devices", "--from-file", atcLog, "--json" } << 1
                                       << "not_npu_smi"
                                       << "success_plain_fcos.log";
    QTest::newRow("devices: missing file")
        << QStringList { "devices", "--from-file", "/nonexistent/smi.txt", "--json" } << 1 << "not_found"
        << "does not exist";
    QTest::newRow("devices: stray argument") << QStringList { "devices", smi, "--json" } << 2 << "usage"
                                             << "unexpected argument";
    QTest::newRow("explain help") << QStringList { "explain", "--help" } << 0 << ""
                                  << "";
}

void TestExplainCli::errors()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QVERIFY(m_tmp.isValid());
    for (QString& a : args) {
        if (a == QLatin1String("@plain") || a == QLatin1String("@empty")) {
            const QString path = m_tmp.filePath(a.mid(1) + ".txt");
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(a == QLatin1String("@plain") ? "hello world\nnothing a tool printed\n" : "");
            a = path;
        }
    }
    const Run r = atcwb(args);
    QCOMPARE(r.code, code);
    if (code == 0) {
        QVERIFY(r.out.contains("Usage: atcwb explain"));
        return;
    }
    const QJsonObject error = r.json().value("error").toObject();
    QTEST(error.value("code").toString(), "errorCode");
    QFETCH(QString, phrase);
    QVERIFY2(error.value("message").toString().contains(phrase), qPrintable(error.value("message").toString()));
    // Without --json the same failure is a sentence on stderr and nothing on stdout.
    args.removeAll("--json");
    const Run text = atcwb(args);
    QCOMPARE(text.code, code);
    QVERIFY(text.out.isEmpty());
    QVERIFY(text.err.startsWith("atcwb: "));
}

void TestExplainCli::nonUtf8()
{
    QVERIFY(m_tmp.isValid());
    const QString path = m_tmp.filePath("latin1.log");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("ATC start working now, please wait for a moment.\n\xff\xfe\xfd\n");
    f.write("E10001: Value [\xe9t\xe9] for parameter [input_shape] is invalid.\nATC run failed, Please check\n");
    f.close();
    const Run r = atcwb({ "explain", path, "--json" });
    QCOMPARE(r.code, 0);
    QCOMPARE(r.json().value("verdict").toString(), QStringLiteral("failed"));
    QVERIFY(r.json().value("events").toArray().at(1).toObject().value("message").toString().contains(
        QChar::ReplacementCharacter));
    // Pure noise: refused, not crashed.
    const QString noise = m_tmp.filePath("noise.bin");
    QFile n(noise);
    QVERIFY(n.open(QIODevice::WriteOnly));
    QRandomGenerator random(7);
    for (int i = 0; i < 4096; ++i)
        n.putChar(char(random.bounded(1, 256)));
    n.close();
    const Run nr = atcwb({ "explain", noise, "--json" });
    QVERIFY(nr.code == 0 || nr.code == 1);
    QVERIFY(!QJsonDocument::fromJson(nr.out).isNull());
}

void TestExplainCli::devicesFromFile()
{
    const QString smi = wbtest::dataPath("runners/npu_smi_04_910B3_8npu.txt");
    const Run r = atcwb({ "devices", "--from-file", smi, "--json" });
    QCOMPARE(r.code, 0);
    const QJsonArray devices = r.json().value("devices").toArray();
    QCOMPARE(devices.size(), 8);
    QCOMPARE(devices.at(7).toObject().value("hbm_used_mb").toDouble(), 3315.0);
    // Same object as explain gives for the file.
    QCOMPARE(r.out, atcwb({ "explain", smi, "--json" }).out);
    const Run text = atcwb({ "devices", "--from-file", smi });
    QCOMPARE(text.code, 0);
    QVERIFY(text.out.contains("Ascend910B3"));
}

void TestExplainCli::devicesRunsNpuSmi_data()
{
    QTest::addColumn<QString>("script"); // body of a fake npu-smi ("" = none on PATH)
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<int>("devices");
    const QString sample = wbtest::dataPath("runners/npu_smi_03_310B1_devkit.txt");
    QTest::newRow("not installed") << "" << 1 << "tool_missing" << 0;
    QTest::newRow("prints a table") << QStringLiteral("[ \"$1\" = info ] || exit 9\nexec /bin/cat '%1'\n").arg(sample)
                                    << 0 << "" << 1;
    QTest::newRow("driver error") << "echo 'dcmi module initialize failed. ret is -8005' >&2\nexit 3\n"
                                  << 1 << "tool_failed" << 0;
    QTest::newRow("prints no table") << "echo 'Usage: npu-smi info'\n" << 1 << "not_npu_smi" << 0;
    QTest::newRow("hangs") << "exec /bin/sleep 30\n" << 1 << "timeout" << 0;
}

void TestExplainCli::devicesRunsNpuSmi()
{
    QFETCH(QString, script);
    QFETCH(int, code);
    QTemporaryDir bin;
    QVERIFY(bin.isValid());
    if (!script.isEmpty()) {
        QFile f(bin.filePath("npu-smi"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("#!/bin/sh\n" + script.toUtf8());
        f.close();
        QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("PATH", bin.path()); // only the fake (or nothing)
    env.insert("WB_NPU_SMI_TIMEOUT_MS", "1500");
    const Run r = atcwb({ "devices", "--json" }, env);
    QCOMPARE(r.code, code);
    if (code == 0) {
        QTEST(int(r.json().value("devices").toArray().size()), "devices");
        QCOMPARE(r.json().value("devices").toArray().at(0).toObject().value("soc_version").toString(),
            QStringLiteral("Ascend310B1"));
        return;
    }
    const QJsonObject error = r.json().value("error").toObject();
    QTEST(error.value("code").toString(), "errorCode");
    if (error.value("code") == QLatin1String("tool_missing")) {
        QVERIFY(
            error.value("message").toString().startsWith("npu-smi was not found on PATH; install the Ascend driver"));
        QVERIFY(error.value("message").toString().contains("--from-file"));
    }
    if (error.value("code") == QLatin1String("tool_failed"))
        QVERIFY(error.value("detail").toString().contains("-8005"));
}

QTEST_GUILESS_MAIN(TestExplainCli)
#include "tst_explaincli.moc"
