// msame and ais_bench output: golden JSON over every sample (whole and in random chunks) and one row per line form.
#include "parsing/aisbench.h"
#include "parsing/msame.h"
#include "parsing/parsingjson.h"
#include "parsingtestutil.h"
#include "testutil.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace wb;

namespace {

bool isMsame(const QString& file)
{
    return file.startsWith(QLatin1String("msame"));
}

// The report as the runner parser builds it from `lines`.
RunnerReport feedAll(bool msame, const QList<QByteArray>& lines)
{
    MsameParser m;
    AisBenchParser a;
    for (const QByteArray& line : lines) {
        if (msame)
            m.feed(QString::fromUtf8(line));
        else
            a.feed(QString::fromUtf8(line));
    }
    return msame ? m.report() : a.report();
}

QByteArray toJson(bool msame, const RunnerReport& r)
{
    return QJsonDocument(runnerReportToJson(msame ? QStringLiteral("msame") : QStringLiteral("ais-bench"), r))
        .toJson(QJsonDocument::Indented);
}

} // namespace

class TestRunnerParsers : public QObject {
    Q_OBJECT
private slots:
    void golden_data();
    void golden();
    void lineForms_data();
    void lineForms();
    void liveIterations();
};

void TestRunnerParsers::golden_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files
        = wbtest::dataFiles(QStringLiteral("runners"), { QStringLiteral("msame*.log"), QStringLiteral("ais*.log") });
    QVERIFY(files.size() >= 8);
    for (const QString& f : files)
        QTest::newRow(qPrintable(f)) << f;
}

void TestRunnerParsers::golden()
{
    QFETCH(QString, file);
    const QByteArray data = wbtest::readFile(wbtest::dataPath(QStringLiteral("runners/") + file));
    QVERIFY(!data.isEmpty());
    const bool msame = isMsame(file);
    const QByteArray whole = toJson(msame, msame ? parseMsameOutput(data) : parseAisBenchOutput(data));
    QString why;
    QVERIFY2(wbtest::compareGolden(
                 whole, wbtest::dataPath(QStringLiteral("runners/%1.expected.json").arg(file.chopped(4))), &why),
        qPrintable(why));
    for (quint32 seed = 1; seed <= 6; ++seed) {
        for (int maxChunk : { 1, 9, 40, 500 })
            QCOMPARE(toJson(msame, feedAll(msame, wbtest::linesFromChunks(data, seed, maxChunk))), whole);
    }
}

void TestRunnerParsers::lineForms_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<QString>("key"); // a field of the explain JSON
    QTest::addColumn<QByteArray>("expected"); // its value, compact JSON
    // clang-format off
    QTest::newRow("msame time, no space before ms") << "msame" << QStringList { "Inference time: 105.42ms" }
        << "iterations_ms" << QByteArray("[105.42]");
    QTest::newRow("msame time, space before ms") << "msame" << QStringList { "Inference time: 7 ms" }
        << "iterations_ms" << QByteArray("[7]");
    QTest::newRow("msame bad number skipped") << "msame"
        << QStringList { "Inference time: abcms", "Inference time: 1e400ms" } << "iterations_ms" << QByteArray("[]");
    QTest::newRow("msame loop average (%f)") << "msame" << QStringList { "Inference average time: 65.544900 ms" }
        << "latency_ms" << QByteArray(R"({"mean":65.5449})");
    QTest::newRow("msame directory average (space before colon)") << "msame"
        << QStringList { "Inference average time : 1935.84 ms" } << "latency_ms" << QByteArray(R"({"mean":1935.84})");
    QTest::newRow("msame average without first") << "msame"
        << QStringList { "Inference average time without first time: 65.520111 ms" } << "latency_ms"
        << QByteArray(R"({"mean_without_first":65.520111})");
    QTest::newRow("msame both averages") << "msame"
        << QStringList { "Inference average time: 2.5 ms", "Inference average time without first time: 2.25 ms" }
        << "latency_ms" << QByteArray(R"({"mean":2.5,"mean_without_first":2.25})");
    QTest::newRow("msame stats of iterations") << "msame"
        << QStringList { "Inference time: 1ms", "Inference time: 3ms" } << "iteration_stats_ms"
        << QByteArray(R"({"count":2,"max":3,"mean":2,"median":2,"min":1,"p90":2.8,"p95":2.9,"p99":2.98,"stddev":1})");
    QTest::newRow("msame success (pid)") << "msame" << QStringList { "[INFO] pid: 4242 Execute sample success" }
        << "finished" << QByteArray("true");
    QTest::newRow("msame success (older, period)") << "msame" << QStringList { "[INFO] Execute sample success." }
        << "finished" << QByteArray("true");
    QTest::newRow("msame not finished") << "msame"
        << QStringList { "[INFO] model execute success", "Inference time: 1ms" } << "finished" << QByteArray("false");
    QTest::newRow("msame devices") << "msame"
        << QStringList { "[INFO] open device 3 success", "[INFO] end to reset device is 3" } << "devices"
        << QByteArray("[3]");
    QTest::newRow("msame [ERROR] lines") << "msame" << QStringList { "[ERROR] loop must in 1 to 100", "[INFO] fine" }
        << "errors" << QByteArray(R"(["loop must in 1 to 100"])");
    QTest::newRow("msame ACL error code line") << "msame" << QStringList { "EH0001: Value [0] for [size] is invalid." }
        << "errors" << QByteArray(R"(["EH0001: Value [0] for [size] is invalid."])");
    QTest::newRow("msame has no throughput") << "msame" << QStringList { "Inference average time: 2 ms" }
        << "throughput" << QByteArray("null");

    const QString summary = "[INFO] NPU_compute_time (ms): min = 2.4, max = 2.6, mean = 2.5, median = 2.45, "
        "percentile(99%) = 2.598";
    QTest::newRow("ais summary, all fields") << "ais-bench" << QStringList { summary } << "latency_ms"
        << QByteArray(R"({"max":2.6,"mean":2.5,"median":2.45,"min":2.4,"p99":2.598})");
    QTest::newRow("ais pipeline summary, mean only") << "ais-bench"
        << QStringList { "[INFO] NPU_compute_time (ms): mean = 3.55" } << "latency_ms"
        << QByteArray(R"({"mean":3.55})");
    QTest::newRow("ais nan values dropped") << "ais-bench"
        << QStringList { "[INFO] NPU_compute_time (ms): min = nan, max = 1.5" } << "latency_ms"
        << QByteArray(R"({"max":1.5})");
    QTest::newRow("ais H2D latency") << "ais-bench"
        << QStringList { "[INFO] H2D_latency (ms): min = 0.057, max = 0.06, mean = 0.058, median = 0.058, "
        "percentile(99%) = 0.06" } << "h2d_latency_ms"
        << QByteArray(R"({"max":0.06,"mean":0.058,"median":0.058,"min":0.057,"p99":0.06})");
    QTest::newRow("ais D2H latency") << "ais-bench" << QStringList { "[INFO] D2H_latency (ms): mean = 0.015" }
        << "d2h_latency_ms" << QByteArray(R"({"mean":0.015})");
    QTest::newRow("ais throughput 2023 format") << "ais-bench"
        << QStringList { "[INFO] throughput 1000*batchsize.mean(1)/NPU_compute_time.mean(2.4560000896453857): "
        "407.16610891670894" } << "throughput" << QByteArray("407.16610891670894");
    QTest::newRow("ais throughput 2022 format, batch") << "ais-bench"
        << QStringList { "[INFO] throughput 1000*batchsize(4)/NPU_compute_time.mean(31.7): 126.18" } << "batch_size"
        << QByteArray("4");
    QTest::newRow("ais throughput 2022 format, value") << "ais-bench"
        << QStringList { "[INFO] throughput 1000*batchsize(4)/NPU_compute_time.mean(31.7): 126.18" } << "throughput"
        << QByteArray("126.18");
    QTest::newRow("ais throughput legacy format") << "ais-bench"
        << QStringList { "[INFO] throughput (1000*batchsize/NPU_compute_time): 171.5691219234638" } << "throughput"
        << QByteArray("171.5691219234638");
    QTest::newRow("ais multi-device summary throughput") << "ais-bench"
        << QStringList { "[INFO] i:0 device_1 throughput:281.38 start_time:1 end_time:2",
        "[INFO] summary throughput:557.93" } << "throughput" << QByteArray("557.93");
    QTest::newRow("ais multi-device per device") << "ais-bench"
        << QStringList { "i:0 device_1 throughput:281.38 start_time:1676875630.80 end_time:1676875640.80" }
        << "device_throughput" << QByteArray(R"([{"device":1,"throughput":281.38}])");
    QTest::newRow("ais batch size") << "ais-bench" << QStringList { "[INFO] try get model batchsize:8" }
        << "batch_size" << QByteArray("8");
    QTest::newRow("ais debug per-run times") << "ais-bench"
        << QStringList { "[DEBUG] model aclExec cost : 2.336000", "[DEBUG] model aclExec cost : 2.5" }
        << "iterations_ms" << QByteArray("[2.336,2.5]");
    QTest::newRow("ais energy") << "ais-bench" << QStringList { "[INFO] NPU ID:4 energy consumption(J):59.88" }
        << "energy_j" << QByteArray("59.88");
    QTest::newRow("ais exception_cb") << "ais-bench"
        << QStringList { "[INFO] exception_cb streamId:3 taskId:10 deviceId: 2 opName:Conv_1" } << "errors"
        << QByteArray(R"(["AI Core exception: exception_cb streamId:3 taskId:10 deviceId: 2 opName:Conv_1"])");
    QTest::newRow("ais legacy device teardown") << "ais-bench"
        << QStringList { "DestroyDevices begindestory device:0" } << "devices" << QByteArray("[0]");
    QTest::newRow("ais tqdm bar is not data") << "ais-bench"
        << QStringList { "Inference array Processing: 100%|\u2588\u2588| 1/1 [00:00<00:00, 10.73it/s]" }
        << "iterations_ms" << QByteArray("[]");
    QTest::newRow("ais finished by summary") << "ais-bench" << QStringList { summary } << "finished"
        << QByteArray("true");
    QTest::newRow("ais no summary") << "ais-bench" << QStringList { "[INFO] acl init success" } << "throughput"
        << QByteArray("null");
    // clang-format on
}

void TestRunnerParsers::lineForms()
{
    QFETCH(QString, kind);
    QFETCH(QStringList, lines);
    QFETCH(QString, key);
    QFETCH(QByteArray, expected);
    QList<QByteArray> bytes;
    for (const QString& line : lines)
        bytes.append(line.toUtf8());
    const bool msame = kind == QLatin1String("msame");
    const QJsonObject json = runnerReportToJson(kind, feedAll(msame, bytes));
    QVERIFY2(json.contains(key), qPrintable(key + QStringLiteral(" missing")));
    const QJsonValue value = json.value(key);
    QByteArray actual;
    if (value.isObject())
        actual = QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    else if (value.isArray())
        actual = QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    else
        actual = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact).chopped(1).mid(1);
    QCOMPARE(actual, expected);
}

void TestRunnerParsers::liveIterations()
{
    MsameParser msame;
    QCOMPARE(msame.feed(u"[INFO] model execute success"), std::optional<double>());
    QCOMPARE(msame.feed(u"Inference time: 65.768ms"), std::optional<double>(65.768));
    AisBenchParser ais;
    QCOMPARE(ais.feed(u"[DEBUG] model aclExec cost : 2.336000"), std::optional<double>(2.336));
    QCOMPARE(ais.feed(u"[INFO] warm up 1 done"), std::optional<double>());
    QCOMPARE(ais.report().iterationsMs.size(), 1);
}

QTEST_APPLESS_MAIN(TestRunnerParsers)
#include "tst_runnerparsers.moc"
