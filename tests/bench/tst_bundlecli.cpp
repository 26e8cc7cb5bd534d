// `atcwb bundle` and `atcwb bench --strategies` end to end through a real QProcess: the bundle's deploy.json from
// OMs and their recipes (and every refusal naming the file), the strategy contract on the NPU doubles (om-runner
// --bundle over the fake AscendCL) and on the CPU with real ONNX Runtime sessions per batch size of a generated
// CNN, the run stored in the history, and bad input.
#include "atc/conversionrecipe.h"
#include "benchtestutil.h"
#include "omfile.h"
#include "ortrequired.h"
#include "run/dispatchplan.h"
#include "run/dispatchrun.h"
#include "run/runhistory.h"
#include "testutil.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace {

struct Run {
    int code = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    QString all() const { return QString::fromUtf8(out + err); }
};

Run atcwb(const QStringList& args, const QProcessEnvironment& env = benchtest::toolEnvironment())
{
    const wbtest::ProgramRun r = wbtest::runProgram(QStringLiteral(WB_BIN_DIR "/atcwb"), args, env, {}, 240000);
    return { r.code, r.out, r.err };
}

QString modelFile()
{
    return wbtest::modelPath("resnet_dynamic_batch.onnx");
}

// An OM with the recipe ATC Workbench writes beside it (input "input" [batch,3,H,W] of the generated ResNet).
QString makeOm(const QString& dir, const QString& name, qint64 batch, const QString& gears = {},
    const QString& soc = "Ascend310P3", int side = 224)
{
    const QString om = QDir(dir).filePath(name + ".om");
    wbtest::OmSpec spec;
    spec.name = name.toUtf8();
    wbtest::writeOm(om, spec);
    wb::ConversionRecipe recipe;
    recipe.options.model = modelFile();
    recipe.options.output = QDir(dir).filePath(name);
    recipe.options.socVersion = soc;
    recipe.options.inputShape = QStringLiteral("input:%1,3,%2,%2").arg(gears.isEmpty() ? batch : -1).arg(side);
    recipe.options.dynamicBatchSize = gears;
    recipe.batch = gears.isEmpty() ? batch : -1;
    recipe.toolkitVersion = QStringLiteral("8.0.RC1");
    recipe.modelSha256 = wb::sha256File(modelFile()).value();
    if (!wb::saveConversionRecipe(recipe, wb::recipePathFor(om)).ok())
        return {};
    return om;
}

QString sha256(const QString& path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QString::fromLatin1(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex());
}

// The <om>.fakeacl files telling the fake AscendCL each OM's shape (the bundle copies only the OMs).
void describeForFake(const QString& bundleDir)
{
    for (const auto& [file, leading, gears] : { std::tuple { "resnet_b1.om", 1, "" }, { "resnet_b4.om", 4, "" },
             { "resnet_b8.om", 8, "" }, { "resnet_dyn.om", 1, "1,2,4,8" } }) {
        QString text
            = QStringLiteral("FAKE_ACL_INPUTS=input:float32:%1x3x224x224\nFAKE_ACL_OUTPUTS=logits:float32:%1x1000\n")
                  .arg(leading);
        if (*gears)
            text += QStringLiteral("FAKE_ACL_DYNAMIC_BATCH=%1\n").arg(QLatin1String(gears));
        wbtest::writeFile(QDir(bundleDir).filePath(QString::fromLatin1(file) + ".fakeacl"), text.toUtf8());
    }
}

// Empty when `o` follows the strategy contract for `strategies` and `requests` requests each.
QString contractProblem(const QJsonObject& o, const QStringList& strategies, int requests)
{
    if (o.value("mode").toString() != "strategies")
        return "mode";
    const QJsonObject all = o.value("strategies").toObject();
    if (all.keys().size() != strategies.size())
        return "strategies: " + all.keys().join(',');
    for (const QString& name : strategies) {
        const QJsonObject s = all.value(name).toObject();
        const QJsonObject latency = s.value("latency_ms").toObject();
        for (const char* key : { "min", "median", "mean", "p90", "p95", "p99", "max" }) {
            if (!latency.value(key).isDouble())
                return QStringLiteral("%1 latency_ms.%2").arg(name, key);
        }
        if (latency.value("min").toDouble() > latency.value("median").toDouble()
            || latency.value("median").toDouble() > latency.value("p99").toDouble()
            || latency.value("p99").toDouble() > latency.value("max").toDouble())
            return name + ": percentiles out of order";
        if (!s.value("throughput").isDouble() || s.value("throughput").toDouble() <= 0)
            return name + " throughput";
        const double waste = s.value("padding_waste").toDouble(-1);
        if (waste < 0 || waste >= 1)
            return name + " padding_waste";
        if (s.value("requests").toInt() != requests)
            return name + " requests";
    }
    const QJsonObject rec = o.value("recommendation").toObject();
    if (!rec.value("batches").isArray() || !strategies.contains(rec.value("strategy").toString())
        || !rec.value("reason").toString().endsWith('.'))
        return "recommendation";
    return {};
}

} // namespace

class TestBundleCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void bundleWritesManifest();
    void bundleErrors_data();
    void bundleErrors();
    void npuStrategies();
    void npuSubsetSearchChangesTheAnswer();
    void cpuStrategies();
    void cpuProposedBatchIsCalibrated();
    void strategyUsage_data();
    void strategyUsage();
    void cpuTooLargeWithoutChunking();

private:
    QTemporaryDir m_dir;
    QStringList m_oms; // b1, b4, b8, dyn
};

void TestBundleCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QFileInfo::exists(modelFile()));
    const QString built = m_dir.filePath("built");
    QVERIFY(QDir().mkpath(built));
    // Given out of order, and the dynamic one by its recipe.
    m_oms << makeOm(built, "resnet_b8", 8) << makeOm(built, "resnet_b1", 1) << makeOm(built, "resnet_b4", 4)
          << wb::recipePathFor(makeOm(built, "resnet_dyn", 0, "1,2,4,8"));
    for (const QString& om : m_oms)
        QVERIFY(!om.isEmpty());
}

void TestBundleCli::bundleWritesManifest()
{
    const QString out = m_dir.filePath("bundle");
    const Run r = atcwb(QStringList { "bundle", out } + m_oms + QStringList { "--json" });
    QVERIFY2(r.code == 0, qPrintable(r.all()));
    const QJsonObject printed = r.json();
    QFile file(QDir(out).filePath("deploy.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject m = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(printed.value("manifest").toString(), QFileInfo(file).absoluteFilePath());
    QCOMPARE(m.value("format").toString(), QString("atc-workbench-bundle"));
    QCOMPARE(m.value("version").toInt(), 1);
    QCOMPARE(m.value("soc").toString(), QString("Ascend310P3"));
    QCOMPARE(m.value("toolkit_version").toString(), QString("8.0.RC1"));
    QCOMPARE(m.value("model").toObject().value("name").toString(), QString("resnet_dynamic_batch"));
    QCOMPARE(m.value("model").toObject().value("sha256").toString(), sha256(modelFile()));
    const QJsonArray oms = m.value("oms").toArray();
    QCOMPARE(oms.size(), 4);
    const QStringList files { "resnet_b1.om", "resnet_b4.om", "resnet_b8.om", "resnet_dyn.om" };
    const QList<int> batches { 1, 4, 8, -1 };
    for (int i = 0; i < 4; ++i) {
        const QJsonObject om = oms[i].toObject();
        QCOMPARE(om.value("file").toString(), files[i]);
        QCOMPARE(om.value("sha256").toString(), sha256(QDir(out).filePath(files[i])));
        QCOMPARE(sha256(QDir(out).filePath(files[i])), sha256(m_dir.filePath("built/" + files[i])));
        const QJsonObject input = om.value("inputs").toArray().first().toObject();
        QCOMPARE(input.value("name").toString(), QString("input"));
        QCOMPARE(input.value("dtype").toString(), QString("float32"));
        QCOMPARE(input.value("format").toString(), QString("NCHW"));
        QCOMPARE(input.value("shape").toArray(), (QJsonArray { batches[i], 3, 224, 224 }));
        const QJsonObject output = om.value("outputs").toArray().first().toObject();
        QCOMPARE(output.value("name").toString(), QString("logits"));
        QCOMPARE(output.value("dtype").toString(), QString("float32"));
        QCOMPARE(output.value("shape").toArray(), (QJsonArray { batches[i], 1000 })); // inferred at that batch
        if (batches[i] > 0) {
            QCOMPARE(om.value("batch").toInt(), batches[i]);
            QVERIFY(!om.contains("dynamic_batch"));
        } else {
            QCOMPARE(om.value("dynamic_batch").toArray(), (QJsonArray { 1, 2, 4, 8 }));
            QVERIFY(!om.contains("batch"));
        }
    }
    // The text form names every OM.
    const Run text = atcwb(QStringList { "bundle", m_dir.filePath("bundle-text") } + m_oms);
    QCOMPARE(text.code, 0);
    for (const QString& f : files)
        QVERIFY2(QString::fromUtf8(text.out).contains(f), text.out.constData());
}

void TestBundleCli::bundleErrors_data()
{
    QTest::addColumn<QString>("issue");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message"); // with the offending file's name
    QTest::newRow("OM without a recipe") << "norecipe"
                                         << "no_recipe"
                                         << "odd.om has no recipe beside it";
    QTest::newRow("OMs of different SoCs") << "soc"
                                           << "mixed_soc"
                                           << "odd.om was built for Ascend910B";
    QTest::newRow("OMs of different inputs") << "inputs"
                                             << "mixed_inputs"
                                             << "odd.om has other inputs";
    QTest::newRow("truncated OM") << "truncated"
                                  << "not_om"
                                  << "odd.om is truncated";
    QTest::newRow("two OMs of batch 4") << "duplicate"
                                        << "duplicate_batch"
                                        << "both have batch 4";
    QTest::newRow("no such file") << "missing"
                                  << "not_found"
                                  << "odd.om does not exist";
}

void TestBundleCli::bundleErrors()
{
    QFETCH(QString, issue);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QString odd = QDir(dir.path()).filePath("odd.om");
    if (issue == "norecipe")
        QVERIFY(wbtest::writeOm(odd));
    if (issue == "soc")
        odd = makeOm(dir.path(), "odd", 2, {}, "Ascend910B");
    if (issue == "inputs")
        odd = makeOm(dir.path(), "odd", 2, {}, "Ascend310P3", 112);
    if (issue == "truncated") {
        odd = makeOm(dir.path(), "odd", 2);
        wbtest::OmSpec cut;
        cut.declaredDelta = 100;
        QVERIFY(wbtest::writeOm(odd, cut));
    }
    if (issue == "duplicate")
        odd = makeOm(dir.path(), "odd", 4);
    const QString out = QDir(dir.path()).filePath("bundle");
    const Run r = atcwb({ "bundle", out, m_oms[1], m_oms[2], odd, "--json" });
    QCOMPARE(r.code, 1);
    const QJsonObject error = r.json().value("error").toObject();
    QCOMPARE(error.value("code").toString(), code);
    QVERIFY2(error.value("message").toString().contains(message), qPrintable(r.all()));
    QVERIFY(!QFileInfo::exists(QDir(out).filePath("deploy.json")));
    const Run text = atcwb({ "bundle", out, m_oms[1], m_oms[2], odd });
    QCOMPARE(text.code, 1);
    QVERIFY2(QString::fromUtf8(text.err).contains(message), text.err.constData());
}

void TestBundleCli::npuStrategies()
{
    const QString out = m_dir.filePath("npu-bundle");
    QCOMPARE(atcwb(QStringList { "bundle", out } + m_oms).code, 0);
    describeForFake(out);
    const QString history = m_dir.filePath("npu-history");
    const QStringList args { "bench", "--bundle", QDir(out).filePath("deploy.json"), "--request-mix", "1:50,4:30,8:20",
        "--count", "40", "--seed", "3", "--strategies", "per-batch,dynamic,max", "--latency-budget", "1000", "--json",
        "--history", history };
    const Run r = atcwb(args + QStringList { "--verbose" });
    QVERIFY2(r.code == 0, qPrintable(r.all()));
    const QJsonObject o = r.json();
    const QString problem = contractProblem(o, { "per-batch", "dynamic", "max" }, 40);
    QVERIFY2(problem.isEmpty(), qPrintable(problem + "\n" + r.all()));
    QCOMPARE(o.value("target").toString(), QString("npu:0"));
    QCOMPARE(o.value("runner").toString(), QString("om-runner"));
    QCOMPARE(o.value("device").toString(), QString("Ascend310P3 #0"));
    QCOMPARE(o.value("latency_budget_ms").toDouble(), 1000.0);
    // The request stream is the seeded draw, the same for every strategy.
    std::vector<wb::dispatch::MixEntry> mix;
    std::string error;
    QVERIFY(wb::dispatch::parseRequestMix("1:50,4:30,8:20", mix, error));
    const auto expected = wb::dispatch::makeRequests(mix, 40, 3);
    const QJsonArray records = o.value("requests").toArray();
    QCOMPARE(records.size(), 120);
    qint64 maxPadded = 0;
    for (const QJsonValue& v : records) {
        const QJsonObject rec = v.toObject();
        QCOMPARE(rec.value("samples").toInteger(), qint64(expected[size_t(rec.value("index").toInt())]));
        if (rec.value("strategy").toString() == "max") {
            QCOMPARE(rec.value("batch").toInt(), 8);
            maxPadded += rec.value("padding").toInteger();
        } else {
            QCOMPARE(rec.value("padding").toInt(), 0); // 1, 4 and 8 are all built (and gears)
        }
    }
    const QJsonObject max = o.value("strategies").toObject().value("max").toObject();
    QCOMPARE(max.value("padded").toInteger(), maxPadded);
    QCOMPARE(max.value("executed").toInteger(), 40 * 8);
    QCOMPARE(o.value("strategies").toObject().value("per-batch").toObject().value("padding_waste").toDouble(), 0.0);
    // Stored in the history like any other run, with the whole strategy run beside it.
    const QList<wb::RunHistoryEntry> stored = wb::RunHistory(history).entries();
    QCOMPARE(stored.size(), 1);
    QCOMPARE(o.value("history_file").toString(), stored.first().path);
    const auto back = wb::dispatchRunFromJson(stored.first().extra.value("dispatch").toObject());
    QVERIFY(back.ok());
    QCOMPARE(int(back.value().measured.size()), 3);
    QCOMPARE(back.value().records.size(), 120);
    QCOMPARE(stored.first().result.runner, QString("om-runner"));
    QCOMPARE(stored.first().result.iterationsMs.size(), 40); // the recommended strategy's requests
    // Without --verbose there are no per-request records.
    const Run quiet = atcwb(args + QStringList { "--no-save" });
    QCOMPARE(quiet.code, 0);
    QVERIFY(!quiet.json().contains("requests"));
}

void TestBundleCli::npuSubsetSearchChangesTheAnswer()
{
    // Executions cost 300 µs per sample of the batch (the fake's busy wait): padding is costly, batching is not
    // cheaper. The mix has no request of 2 to 4 samples, so {1, 8} and {1, 4, 8} plan every request alike and get the
    // same simulated latencies (common random numbers): a tie, and the set with fewer OMs is recommended. With
    // chunking off, only sets with 8 can serve an 8; {8} pads every 1 to 8 (about 4x slower), {4, 8} pads it to 4.
    // Among the strategies alone (the recommendation before the subset search) per-batch over 1, 4 and 8 wins.
    const QString out = m_dir.filePath("npu-subset-bundle");
    QCOMPARE(atcwb(QStringList { "bundle", out } + m_oms.mid(0, 3)).code, 0);
    describeForFake(out);
    const Run r = atcwb(
        { "bench", "--bundle", QDir(out).filePath("deploy.json"), "--request-mix", "1:90,8:10", "--count", "60",
            "--seed", "2", "--strategies", "per-batch,max", "--no-chunking", "--propose", "16", "--json", "--no-save" },
        benchtest::toolEnvironment({ { "FAKE_ACL_EXEC_US_PER_BATCH", "300" } }));
    QVERIFY2(r.code == 0, qPrintable(r.all()));
    const QJsonObject o = r.json();
    const QString problem = contractProblem(o, { "per-batch", "max" }, 60);
    QVERIFY2(problem.isEmpty(), qPrintable(problem + "\n" + r.all()));
    const QJsonObject rec = o.value("recommendation").toObject();
    QCOMPARE(rec.value("batches").toArray(), (QJsonArray { 1, 8 }));
    QCOMPARE(rec.value("strategy").toString(), QString("per-batch"));
    QVERIFY2(rec.value("reason").toString().startsWith("Batch sizes 1 and 8 give the highest throughput for this mix"),
        qPrintable(rec.value("reason").toString()));
    // The proposed 16 is not in the bundle: not measured, said so; 4 only from calibration runs.
    QVERIFY2(
        rec.value("reason").toString().contains("(4 from calibration runs only); 16 was not measured and is left out"),
        qPrintable(rec.value("reason").toString()));
    const QJsonObject search = o.value("subset_search").toObject();
    QCOMPARE(search.value("measured").toArray(), (QJsonArray { 1, 4, 8 }));
    QCOMPARE(search.value("unmeasured").toArray(), (QJsonArray { 16 }));
    // No request runs on 4 alone: its latency comes from om-runner's calibration runs (--calibrate 10).
    QCOMPARE(search.value("calibrated_only").toArray(), (QJsonArray { 4 }));
    QCOMPARE(search.value("calibration_runs").toInt(), 10);
    QCOMPARE(search.value("proposed").toArray(), (QJsonArray { 16 }));
    QCOMPARE(search.value("simulated_requests").toInt(), 10000);
    // Chunking off: the four sets with 8; {1, 8} and {1, 4, 8} alike, {8} far behind.
    QHash<QString, QJsonObject> subsets;
    for (const QJsonValue& v : o.value("subsets").toArray()) {
        QStringList key;
        for (const QJsonValue& b : v.toObject().value("batches").toArray())
            key << QString::number(b.toInt());
        subsets.insert(key.join(','), v.toObject());
        QVERIFY(v.toObject().value("within_budget").toBool()); // no budget
    }
    QCOMPARE(QSet<QString>(subsets.keyBegin(), subsets.keyEnd()), (QSet<QString> { "8", "1,8", "4,8", "1,4,8" }));
    QCOMPARE(subsets["1,8"].value("throughput").toDouble(), subsets["1,4,8"].value("throughput").toDouble());
    QCOMPARE(subsets["1,8"].value("p99_ms").toDouble(), subsets["1,4,8"].value("p99_ms").toDouble());
    QCOMPARE(subsets["1,8"].value("padding_waste").toDouble(), 0.0);
    QVERIFY(subsets["8"].value("throughput").toDouble() < 0.8 * subsets["1,8"].value("throughput").toDouble());
    QCOMPARE(o.value("subsets").toArray().first().toObject().value("batches").toArray(), (QJsonArray { 1, 8 }));
    // The strategies alone would have recommended per-batch over 1, 4 and 8.
    const auto back = wb::dispatchRunFromJson(o);
    QVERIFY(back.ok());
    const wb::dispatch::Recommendation before = wb::dispatch::recommend(back.value().measured, 0);
    QCOMPARE(before.strategy, wb::dispatch::Strategy::PerBatch);
    QCOMPARE(before.batches, (std::vector<std::uint64_t> { 1, 4, 8 }));
}

void TestBundleCli::cpuStrategies()
{
    WB_REQUIRE_ORT();
    const Run r = atcwb({ "bench", modelFile(), "--target", "cpu", "--batches", "1,2,4", "--request-mix",
        "1:50,3:30,6:20", "--count", "10", "--seed", "5", "--strategies", "per-batch,max,dynamic", "--threads", "1",
        "--warmup", "1", "--json", "--verbose", "--no-save" });
    QVERIFY2(r.code == 0, qPrintable(r.all()));
    const QJsonObject o = r.json();
    const QString problem = contractProblem(o, { "per-batch", "max", "dynamic" }, 10);
    QVERIFY2(problem.isEmpty(), qPrintable(problem + "\n" + r.all()));
    QCOMPARE(o.value("target").toString(), QString("cpu"));
    QCOMPARE(o.value("runner").toString(), QString("onnxruntime"));
    QCOMPARE(o.value("batches").toArray(), (QJsonArray { 1, 2, 4 }));
    // Every figure again from the records: padding (3 -> 4 pads 1, 6 -> 4 + 2 on per-batch, 4 + 4 pads 2 on max).
    for (const QString& name : { QString("per-batch"), QString("max"), QString("dynamic") }) {
        double sum = 0;
        qint64 samples = 0, executed = 0, padded = 0;
        QList<double> ms;
        for (const QJsonValue& v : o.value("requests").toArray()) {
            const QJsonObject rec = v.toObject();
            if (rec.value("strategy").toString() != name)
                continue;
            const qint64 n = rec.value("samples").toInteger();
            samples += n;
            executed += rec.value("executed").toInteger();
            padded += rec.value("padding").toInteger();
            QCOMPARE(rec.value("executed").toInteger() - rec.value("padding").toInteger(), n);
            if (name == "max") {
                QCOMPARE(rec.value("batch").toInt(), 4);
                QCOMPARE(rec.value("executed").toInteger(), 4 * ((n + 3) / 4));
            } else {
                QCOMPARE(rec.value("chunks").toInt(), n == 6 ? 2 : 1);
                QCOMPARE(rec.value("padding").toInteger(), n == 3 ? 1 : 0);
            }
            sum += rec.value("ms").toDouble();
            ms << rec.value("ms").toDouble();
        }
        QCOMPARE(ms.size(), 10);
        std::sort(ms.begin(), ms.end());
        const QJsonObject s = o.value("strategies").toObject().value(name).toObject();
        QCOMPARE(s.value("samples").toInteger(), samples);
        QCOMPARE(s.value("executed").toInteger(), executed);
        QCOMPARE(s.value("padded").toInteger(), padded);
        QVERIFY(
            qAbs(s.value("throughput").toDouble() - double(samples) * 1000.0 / sum) < 1e-6 * samples * 1000.0 / sum);
        QCOMPARE(s.value("latency_ms").toObject().value("p99").toDouble(), wb::percentileOfSortedSamples(ms, 99));
    }
}

void TestBundleCli::cpuProposedBatchIsCalibrated()
{
    // A proposed batch size on the CPU gets a session of its own and calibration runs, and joins the search.
    WB_REQUIRE_ORT();
    const Run r = atcwb({ "bench", modelFile(), "--target", "cpu", "--batches", "1,2", "--propose", "4",
        "--calibration-runs", "3", "--request-mix", "1:50,2:50", "--count", "6", "--seed", "5", "--strategies",
        "per-batch", "--threads", "1", "--latency-budget", "100000", "--json", "--no-save" });
    QVERIFY2(r.code == 0, qPrintable(r.all()));
    const QJsonObject o = r.json();
    const QJsonObject search = o.value("subset_search").toObject();
    QCOMPARE(search.value("measured").toArray(), (QJsonArray { 1, 2, 4 }));
    QCOMPARE(search.value("calibrated_only").toArray(), (QJsonArray { 4 }));
    QCOMPARE(search.value("calibration_runs").toInt(), 3);
    QCOMPARE(o.value("subsets").toArray().size(), 7);
    QCOMPARE(o.value("latency_budget_ms").toDouble(), 100000.0);
    const QString reason = o.value("recommendation").toObject().value("reason").toString();
    QVERIFY2(reason.contains("with p99 within the 100000.000 ms budget")
            && reason.contains("(4 from calibration "
                               "runs only)"),
        qPrintable(reason));
    // The recommendation is the pick of the listed subsets (the first of the list, best first).
    const auto back = wb::dispatchRunFromJson(o);
    QVERIFY(back.ok());
    const std::size_t pick = wb::dispatch::pickSubset(back.value().subsets, 100000);
    QVERIFY(pick < back.value().subsets.subsets.size());
    QJsonArray picked;
    for (std::uint64_t b : back.value().subsets.subsets[pick].batches)
        picked.append(qint64(b));
    QCOMPARE(o.value("recommendation").toObject().value("batches").toArray(), picked);
}

void TestBundleCli::strategyUsage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exit");
    QTest::addColumn<QString>("message");
    const QString model = modelFile();
    QTest::newRow("mix does not parse") << QStringList { model, "--batches", "1,4", "--request-mix", "1:50,4" } << 2
                                        << "'4' without a weight";
    QTest::newRow("unknown strategy") << QStringList { model, "--batches", "1", "--requests", "1", "--strategies",
        "largest" } << 2 << "use per-batch, dynamic or max";
    QTest::newRow("cpu without batches") << QStringList { model, "--requests", "1,2" } << 2 << "--batches is needed";
    QTest::newRow("no request stream") << QStringList { model, "--batches", "1", "--strategies", "max" } << 2
                                       << "either --request-mix";
    QTest::newRow("bad batch") << QStringList { model, "--batches", "0,4", "--requests", "1" } << 2 << "'0'";
    QTest::newRow("bad proposed batch") << QStringList { model, "--batches", "1", "--requests", "1", "--propose",
        "2,x" } << 2 << "--propose has 'x'";
    QTest::newRow("bad calibration runs") << QStringList { model, "--batches", "1", "--requests", "1",
        "--calibration-runs", "-1" } << 2 << "--calibration-runs needs a whole number";
    QTest::newRow("bundle on the cpu") << QStringList { "--bundle", "x.json", "--target", "cpu", "--requests", "1" }
                                       << 2 << "--bundle runs on an NPU";
    QTest::newRow("bundle missing") << QStringList { "--bundle", "/nonexistent/deploy.json", "--requests", "1" } << 1
                                    << "/nonexistent/deploy.json does not exist";
    QTest::newRow("model missing") << QStringList { "/nonexistent/m.onnx", "--batches", "1", "--requests", "1" } << 1
                                   << "/nonexistent/m.onnx does not exist";
}

void TestBundleCli::strategyUsage()
{
    QFETCH(QStringList, args);
    QFETCH(int, exit);
    QFETCH(QString, message);
    const Run r = atcwb(QStringList { "bench" } + args + QStringList { "--json", "--no-save" });
    QCOMPARE(r.code, exit);
    QVERIFY2(r.json().value("error").toObject().value("message").toString().contains(message), qPrintable(r.all()));
}

void TestBundleCli::cpuTooLargeWithoutChunking()
{
    WB_REQUIRE_ORT();
    const Run r = atcwb(
        { "bench", modelFile(), "--batches", "1,2", "--requests", "1,3", "--no-chunking", "--json", "--no-save" });
    QCOMPARE(r.code, 1);
    QCOMPARE(r.json().value("error").toObject().value("code").toString(), QString("too_large"));
    QVERIFY2(r.json().value("error").toObject().value("message").toString().contains(
                 "3 samples is larger than the largest batch (2)"),
        qPrintable(r.all()));
}

WB_TEST_GUILESS_MAIN(TestBundleCli)
#include "tst_bundlecli.moc"
