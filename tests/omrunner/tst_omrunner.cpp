// om-runner against the fake libascendcl.so: the JSON line protocol of a good run, batch gears, inputs, outputs,
// and stopping by signal. Failures: tst_omrunner_errors.cpp; finding the library: tst_omrunner_library.cpp.
#include "omrunnertest.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <csignal>

using namespace wbtest;

namespace {

// numpy.percentile(..., method="linear") of sorted samples, the definition om-runner documents.
double percentile(const QList<double>& sorted, double p)
{
    const double rank = p / 100.0 * double(sorted.size() - 1);
    const auto lower = qsizetype(std::floor(rank));
    const qsizetype upper = std::min(lower + 1, sorted.size() - 1);
    return sorted[lower] + (rank - double(lower)) * (sorted[upper] - sorted[lower]);
}

QList<double> iterationMs(const OmRun& run)
{
    QList<double> ms;
    for (const QJsonObject& event : run.all("iteration"))
        ms << event.value("ms").toDouble();
    return ms;
}

QList<float> readFloats(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.readAll();
    QList<float> values(bytes.size() / 4);
    memcpy(values.data(), bytes.constData(), size_t(values.size()) * 4);
    return values;
}

} // namespace

class TestOmRunner : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void reportsARun();
    void deviceFacts();
    void timeFollowsBatch();
    void dynamicBatch_data();
    void dynamicBatch();
    void inputs_data();
    void inputs();
    void randomInputsAreSeeded();
    void outputsReplacedAtomically();
    void stopsOnSignal_data();
    void stopsOnSignal();
    void help();

private:
    QTemporaryDir m_dir;
    QString m_model;
};

void TestOmRunner::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_model = m_dir.filePath("model.om");
    QVERIFY(writeOm(m_model));
}

void TestOmRunner::reportsARun()
{
    OmRun run(runArgs(m_model, { "--loops", "20", "--warmup", "3" }));
    WB_VERIFY_FINISHED(run);
    QCOMPARE(run.exitCode(), 0);

    QStringList expected { "start", "device", "model" };
    expected << QStringList(3, "warmup") << QStringList(20, "iteration") << "summary";
    QCOMPARE(run.eventNames(), expected);

    const QJsonObject start = run.first("start");
    QCOMPARE(start.value("protocol").toInt(), 1);
    QCOMPARE(start.value("model").toString(), QFileInfo(m_model).canonicalFilePath());
    QCOMPARE(
        QFileInfo(start.value("library").toString()).canonicalFilePath(), QFileInfo(fakeAcl()).canonicalFilePath());
    QCOMPARE(start.value("model_bytes").toInt(), 2290);
    const QJsonObject om = start.value("om").toObject();
    QCOMPARE(om.value("name").toString(), QString("fake_resnet"));
    QCOMPARE(om.value("version").toString(), QString("2.0"));
    QCOMPARE(om.value("model_length").toInt(), 2034);
    QCOMPARE(om.value("partitions").toInt(), 3);
    QCOMPARE(om.value("dynamic").toBool(), false);
    QCOMPARE(start.value("loops").toInt(), 20);
    QCOMPARE(start.value("warmup").toInt(), 3);

    const QJsonObject model = run.first("model");
    const QJsonObject input = model.value("inputs").toArray().at(0).toObject();
    QCOMPARE(input.value("name").toString(), QString("input"));
    QCOMPARE(input.value("size").toInteger(), 602112);
    QCOMPARE(input.value("dims").toArray(), QJsonArray({ 1, 3, 224, 224 }));
    QCOMPARE(input.value("dtype").toString(), QString("float32"));
    QCOMPARE(input.value("format").toString(), QString("NCHW"));
    const QJsonObject output = model.value("outputs").toArray().at(0).toObject();
    QCOMPARE(output.value("size").toInteger(), 4000);
    QCOMPARE(output.value("dims").toArray(), QJsonArray({ 1, 1000 }));
    QCOMPARE(output.value("format").toString(), QString("ND"));
    QCOMPARE(model.value("dynamic_batch").toArray(), QJsonArray());
    QVERIFY(model.value("dynamic_input").isNull());
    QCOMPARE(model.value("batch").toInt(), 1);

    const QList<QJsonObject> iterations = run.all("iteration");
    for (qsizetype i = 0; i < iterations.size(); ++i)
        QCOMPARE(iterations[i].value("index").toInt(), int(i));
    QList<double> ms = iterationMs(run);
    std::sort(ms.begin(), ms.end());
    double sum = 0;
    for (double v : ms)
        sum += v;

    const QJsonObject summary = run.first("summary");
    QCOMPARE(summary.value("iterations").toInt(), 20);
    QCOMPARE(summary.value("warmup").toInt(), 3);
    QCOMPARE(summary.value("batch").toInt(), 1);
    QCOMPARE(summary.value("complete").toBool(), true);
    // Lines carry 6 decimals (whole nanoseconds); the summary is computed from the same nanoseconds.
    QVERIFY(qAbs(summary.value("mean_ms").toDouble() - sum / 20) < 2e-6);
    QCOMPARE(summary.value("min_ms").toDouble(), ms.first());
    QCOMPARE(summary.value("max_ms").toDouble(), ms.last());
    QVERIFY(qAbs(summary.value("median_ms").toDouble() - percentile(ms, 50)) < 2e-6);
    QVERIFY(qAbs(summary.value("p99_ms").toDouble() - percentile(ms, 99)) < 2e-6);
    QVERIFY(summary.value("stddev_ms").toDouble() >= 0);
    const double throughput = 1000.0 / summary.value("mean_ms").toDouble();
    QVERIFY(qAbs(summary.value("throughput").toDouble() - throughput) <= 1e-3 * throughput + 1e-3);
    QVERIFY(summary.value("wall_ms").toDouble() >= sum - 1e-3);

    QCOMPARE(run.log().filter("execute").size(), 23);
    WB_VERIFY_TEARDOWN(run);
}

void TestOmRunner::deviceFacts()
{
    OmRun run(runArgs(m_model), { { "FAKE_ACL_SOC", "Ascend310B4" }, { "FAKE_ACL_RUN_MODE", "device" } });
    WB_VERIFY_FINISHED(run);
    QCOMPARE(run.exitCode(), 0);
    const QJsonObject device = run.first("device");
    QCOMPARE(device.value("soc").toString(), QString("Ascend310B4"));
    QCOMPARE(device.value("run_mode").toString(), QString("device"));
    QCOMPARE(device.value("device").toInt(), 0);
    QCOMPARE(device.value("acl_version").toString(), QString("1.10.0"));
}

// The fake takes FAKE_ACL_EXEC_US_PER_BATCH µs per sample, so the times must scale with the gear. A busy machine
// only ever adds time, so the fastest iteration of each run is the fair one to compare.
void TestOmRunner::timeFollowsBatch()
{
    const Env env { { "FAKE_ACL_EXEC_US_PER_BATCH", "10000" }, { "FAKE_ACL_DYNAMIC_BATCH", "1,2,4,8" } };
    OmRun one(runArgs(m_model, { "--loops", "5", "--warmup", "1", "--batch", "1" }), env);
    WB_VERIFY_FINISHED(one);
    OmRun four(runArgs(m_model, { "--loops", "5", "--warmup", "1", "--batch", "4" }), env);
    WB_VERIFY_FINISHED(four);
    QCOMPARE(one.exitCode(), 0);
    QCOMPARE(four.exitCode(), 0);
    for (double ms : iterationMs(one))
        QVERIFY2(ms >= 10.0, qPrintable(QString::number(ms)));
    for (double ms : iterationMs(four))
        QVERIFY2(ms >= 40.0, qPrintable(QString::number(ms)));
    // The fake executes 10 ms per sample, so the lower bounds above show the batch reached the execution; a ratio of
    // wall times (batch 4 / batch 1) is not asserted: on a loaded machine the fixed overhead of each iteration
    // swamps it (CI-like load gave 2.78).
    const QJsonObject summaryOne = one.first("summary");
    const QJsonObject summaryFour = four.first("summary");
    QCOMPARE(summaryOne.value("batch").toInt(), 1);
    QVERIFY(summaryFour.value("min_ms").toDouble() >= 40.0);
    QCOMPARE(summaryFour.value("batch").toInt(), 4);
    QVERIFY(qAbs(summaryFour.value("throughput").toDouble() - 4000.0 / summaryFour.value("mean_ms").toDouble()) < 0.01);
}

void TestOmRunner::dynamicBatch_data()
{
    QTest::addColumn<QString>("gears");
    QTest::addColumn<QString>("batchOption"); // "" = not given
    QTest::addColumn<int>("batch");

    QTest::newRow("default is the smallest gear") << "4,1,2"
                                                  << "" << 1;
    QTest::newRow("--batch 8") << "1,2,4,8"
                               << "8" << 8;
    QTest::newRow("--batch 2") << "1,2,4,8"
                               << "2" << 2;
}

void TestOmRunner::dynamicBatch()
{
    QFETCH(QString, gears);
    QFETCH(QString, batchOption);
    QFETCH(int, batch);

    QStringList extra { "--output-dir", m_dir.filePath("dyn-" + QString::number(batch)) };
    if (!batchOption.isEmpty())
        extra << "--batch" << batchOption;
    OmRun run(runArgs(m_model, extra), { { "FAKE_ACL_DYNAMIC_BATCH", gears } });
    WB_VERIFY_FINISHED(run);
    QCOMPARE(run.exitCode(), 0);

    const QJsonObject model = run.first("model");
    QJsonArray expectedGears;
    for (const QString& gear : gears.split(','))
        expectedGears << gear.toInt();
    QCOMPARE(model.value("dynamic_batch").toArray(), expectedGears);
    QCOMPARE(model.value("dynamic_input").toInt(), 1);
    const QJsonArray inputs = model.value("inputs").toArray();
    QCOMPARE(inputs.size(), 2);
    QCOMPARE(inputs.at(0).toObject().value("dims").toArray().at(0).toInt(), -1);
    QCOMPARE(inputs.at(1).toObject().value("name").toString(), QString("ascend_mbatch_shape_data"));

    QCOMPARE(model.value("batch").toInt(), batch);
    QCOMPARE(run.first("summary").value("batch").toInt(), batch);
    QVERIFY(run.log().contains(QString("batch %1").arg(batch)));
    const QStringList executes = run.log().filter(QRegularExpression("^execute "));
    QCOMPARE(executes.size(), 12);
    QCOMPARE(QSet<QString>(executes.begin(), executes.end()), QSet<QString>({ QString("execute %1").arg(batch) }));
    // Outputs hold the part of the largest gear's buffer that this gear fills.
    QCOMPARE(run.first("output").value("bytes").toInt(), 4000 * batch);
    QCOMPARE(QFileInfo(run.first("output").value("path").toString()).size(), qint64(4000 * batch));
    WB_VERIFY_TEARDOWN(run);
}

void TestOmRunner::inputs_data()
{
    QTest::addColumn<QString>("runMode");
    QTest::addColumn<QString>("input");
    QTest::addColumn<float>("offset"); // the fake's output k is k + 0.5 * (sum of the first 16 input bytes % 256)

    QByteArray data(602112, '\0');
    for (int i = 0; i < 16; ++i)
        data[i] = char(i + 1); // sum 136
    QVERIFY(writeFile(m_dir.filePath("input.bin"), data));

    QTest::newRow("zeros, host") << "host"
                                 << "zeros" << 0.0f;
    QTest::newRow("zeros, device") << "device"
                                   << "zeros" << 0.0f;
    QTest::newRow("file, host") << "host" << m_dir.filePath("input.bin") << 68.0f;
    QTest::newRow("file, device") << "device" << m_dir.filePath("input.bin") << 68.0f;
}

void TestOmRunner::inputs()
{
    QFETCH(QString, runMode);
    QFETCH(QString, input);
    QFETCH(float, offset);

    const QString outDir = m_dir.filePath("out-" + QString::number(qHash(QTest::currentDataTag())));
    OmRun run(runArgs(m_model, { "--input", input, "--output-dir", outDir }), { { "FAKE_ACL_RUN_MODE", runMode } });
    WB_VERIFY_FINISHED(run);
    QCOMPARE(run.exitCode(), 0);
    const QJsonObject output = run.first("output");
    QCOMPARE(output.value("name").toString(), QString("output"));
    QCOMPARE(output.value("path").toString(), outDir + "/output_0.bin");
    const QList<float> values = readFloats(outDir + "/output_0.bin");
    QCOMPARE(values.size(), 1000);
    for (int k : { 0, 1, 500, 999 })
        QCOMPARE(values[k], float(k) + offset);
    WB_VERIFY_TEARDOWN(run);
}

void TestOmRunner::randomInputsAreSeeded()
{
    const Env env { { "FAKE_ACL_INPUTS", "a:uint8:1x64;b:float32:1x8" } };
    const auto firstValue = [&](const QStringList& extra, const QString& tag) {
        const QString outDir = m_dir.filePath("random-" + tag);
        OmRun run(runArgs(m_model, QStringList { "--output-dir", outDir } + extra), env);
        if (!run.finish() || run.exitCode() != 0)
            return -1.0f;
        const QList<float> values = readFloats(outDir + "/output_0.bin");
        return values.isEmpty() ? -1.0f : values[0];
    };
    const float zeros = firstValue({ "--input", "zeros" }, "zeros");
    const float seed1 = firstValue({ "--input", "random" }, "seed1");
    const float seed1Again = firstValue({ "--input", "random,zeros", "--seed", "1" }, "seed1again");
    const float seed2 = firstValue({ "--input", "random", "--seed", "2" }, "seed2");
    QCOMPARE(zeros, 0.0f);
    QVERIFY(seed1 >= 0);
    QCOMPARE(seed1Again, seed1); // same seed, same data in input 0
    QVERIFY2(seed1 != seed2 && seed1 != zeros, qPrintable(QString("%1 %2").arg(seed1).arg(seed2)));
}

void TestOmRunner::outputsReplacedAtomically()
{
    // An output file is replaced by a rename, never rewritten in place: a symlink planted at output_0.bin is
    // replaced (its target keeps its bytes), an older output is swapped whole, and no temporary file stays.
    const QString outDir = m_dir.filePath("atomic");
    QVERIFY(QDir().mkpath(outDir));
    const QString target = m_dir.filePath("precious.txt");
    QVERIFY(writeFile(target, "keep me\n"));
    QVERIFY(QFile::link(target, outDir + "/output_0.bin"));
    OmRun run(runArgs(m_model, { "--output-dir", outDir }));
    WB_VERIFY_FINISHED(run);
    QCOMPARE(run.exitCode(), 0);
    QFile kept(target);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("keep me\n"));
    const QFileInfo output(outDir + "/output_0.bin");
    QVERIFY(!output.isSymLink());
    QCOMPARE(output.size(), 4000);
    QCOMPARE(readFloats(output.filePath()).value(999), 999.0f);
    QCOMPARE(output.permissions() & QFileDevice::ReadOther, QFileDevice::ReadOther); // an ordinary file, not 0600
    QCOMPARE(QDir(outDir).entryList(QDir::Files | QDir::System | QDir::Hidden), QStringList { "output_0.bin" });
    WB_VERIFY_TEARDOWN(run);
}

void TestOmRunner::stopsOnSignal_data()
{
    QTest::addColumn<int>("signal");
    QTest::addColumn<QString>("name");
    QTest::newRow("SIGTERM") << int(SIGTERM) << "SIGTERM";
    QTest::newRow("SIGINT") << int(SIGINT) << "SIGINT";
}

void TestOmRunner::stopsOnSignal()
{
    QFETCH(int, signal);
    QFETCH(QString, name);

    OmRun run(runArgs(m_model, { "--loops", "100000" }), { { "FAKE_ACL_EXEC_US_PER_BATCH", "20000" } });
    QTRY_VERIFY_WITH_TIMEOUT((run.pump(), run.count("iteration") >= 3), 20000);
    QCOMPARE(::kill(pid_t(run.process().processId()), signal), 0);
    WB_VERIFY_FINISHED(run);
    QCOMPARE(run.exitCode(), 128 + signal);

    QCOMPARE(run.first("stopped").value("signal").toString(), name);
    const QJsonObject summary = run.first("summary");
    QCOMPARE(summary.value("iterations").toInt(), int(run.count("iteration")));
    QCOMPARE(summary.value("complete").toBool(), false);
    QVERIFY(summary.value("mean_ms").toDouble() >= 20.0);
    QCOMPARE(run.eventNames().last(), QString("summary"));
    WB_VERIFY_TEARDOWN(run);
}

void TestOmRunner::help()
{
    OmRun run({ "--help" });
    QVERIFY(run.finish());
    QCOMPARE(run.exitCode(), 0);
    // --help prints plain text (not JSON events) to stdout.
    for (const char* option :
        { "--model", "--device", "--loops", "--warmup", "--input", "--batch", "--lib", "--output-dir" })
        QVERIFY2(run.badLines.join('\n').contains(option), option);
}

QTEST_GUILESS_MAIN(TestOmRunner)
#include "tst_omrunner.moc"
