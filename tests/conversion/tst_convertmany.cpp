// Convert many, the pure parts: filling open dims from the template, unique row names, finding models, expanding
// (model, SoC, batch) jobs with their names and skip reasons, the memory estimate, the report files and the
// result-file round trip. The zoo is tools/modelgen's (`wb_modelgen --zoo 20`, zoo.h).
#include "atc/convertmany.h"
#include "atc/convertmanyreport.h"
#include "atc/toolkit.h"
#include "testutil.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace wb;

namespace {

TensorInfo input(const QString& name, const QList<Dim>& dims)
{
    return TensorInfo { name, QStringLiteral("float32"), dims };
}

QString zoo()
{
    return wbtest::modelPath(QStringLiteral("zoo"));
}

BatchTemplate zooTemplate(const QString& out)
{
    BatchTemplate t;
    t.socs = QStringList { QStringLiteral("Ascend310P3"), QStringLiteral("Ascend310B1") };
    t.batches = { 1, 4, 8 };
    t.dims = { { QStringLiteral("height"), 64 }, { QStringLiteral("width"), 64 },
        { QStringLiteral("sequence_length"), 128 } };
    t.outputFolder = out;
    return t;
}

} // namespace

class TestConvertMany : public QObject {
    Q_OBJECT
private slots:
    void fill_data();
    void fill();
    void names_data();
    void names();
    void findsZooRecursively();
    void expandsZoo();
    void rowOverrideFixesThatRowOnly();
    void memoryEstimate();
    void resultRoundTrip();
    void reportFiles();
    void collectWithoutResults();
};

void TestConvertMany::fill_data()
{
    QTest::addColumn<QList<TensorInfo>>("inputs");
    QTest::addColumn<QStringList>("dims"); // NAME=VALUE
    QTest::addColumn<QString>("shape");
    QTest::addColumn<QStringList>("missing");
    const Dim b = Dim::symbolic(QStringLiteral("batch"));
    QTest::newRow("static: nothing to say") << QList<TensorInfo> { input("x", { Dim::fixed(1), Dim::fixed(3) }) }
                                            << QStringList {} << QString() << QStringList {};
    QTest::newRow("dynamic batch -> 1") << QList<TensorInfo> { input("x", { b, Dim::fixed(3), Dim::fixed(8) }) }
                                        << QStringList {} << "x:1,3,8" << QStringList {};
    QTest::newRow("named dims from the template")
        << QList<TensorInfo> { input("x", { b, Dim::fixed(3), Dim::symbolic("height"), Dim::symbolic("width") }) }
        << QStringList { "height=64", "width=48" } << "x:1,3,64,48" << QStringList {};
    QTest::newRow("one name, two inputs") << QList<TensorInfo> { input("ids", { Dim::fixed(1), Dim::symbolic("seq") }),
        input("mask", { Dim::fixed(1), Dim::symbolic("seq") }) }
                                          << QStringList { "seq=128" } << "ids:1,128;mask:1,128" << QStringList {};
    QTest::newRow("a name the template lacks")
        << QList<TensorInfo> { input("images", { Dim::fixed(1), Dim::fixed(3), Dim::symbolic("mystery") }) }
        << QStringList { "height=64" } << QString()
        << QStringList { "images[2] 'mystery' needs a value: --dim mystery=VALUE" };
    QTest::newRow("unnamed dim by input[index]") << QList<TensorInfo> { input("x", { Dim::fixed(1), Dim::unknown() }) }
                                                 << QStringList { "x[1]=7" } << "x:1,7" << QStringList {};
    QTest::newRow("unnamed dim missing") << QList<TensorInfo> { input("x", { Dim::fixed(1), Dim::unknown() }) }
                                         << QStringList {} << QString()
                                         << QStringList { "x[1] (unnamed) needs a value: --dim x[1]=VALUE" };
    QTest::newRow("batch named and given") << QList<TensorInfo> { input("x", { b, Dim::fixed(3) }) }
                                           << QStringList { "batch=2" } << "x:2,3" << QStringList {};
}

void TestConvertMany::fill()
{
    QFETCH(QList<TensorInfo>, inputs);
    QFETCH(QStringList, dims);
    QFETCH(QString, shape);
    QFETCH(QStringList, missing);
    QHash<QString, qint64> values;
    for (const QString& d : dims)
        values.insert(d.section('=', 0, 0), d.section('=', 1).toLongLong());
    const BatchFill f = fillInputs(inputs, values);
    QCOMPARE(f.inputShape, shape);
    QCOMPARE(f.missing, missing);
}

void TestConvertMany::names_data()
{
    QTest::addColumn<QStringList>("paths");
    QTest::addColumn<QStringList>("names");
    QTest::newRow("distinct") << QStringList { "/z/a/yolo.onnx", "/z/b/bert.onnx" } << QStringList { "yolo", "bert" };
    QTest::newRow("clash: path below the root") << QStringList { "/z/v1/det.onnx", "/z/v2/det.onnx", "/z/v2/cls.onnx" }
                                                << QStringList { "v1_det", "v2_det", "cls" };
    QTest::newRow("odd characters") << QStringList { "/z/my model (1).onnx" } << QStringList { "my_model__1_" };
}

void TestConvertMany::names()
{
    QFETCH(QStringList, paths);
    QFETCH(QStringList, names);
    QCOMPARE(batchModelNames(paths), names);
}

void TestConvertMany::findsZooRecursively()
{
    QStringList problems;
    const QStringList found = findOnnxModels({ zoo(), zoo() + "/group0/zoo003_sequence.onnx", "/no/such" }, &problems);
    QCOMPARE(found.size(), 20); // the file given twice counts once
    QVERIFY(found.first().endsWith("/group0/zoo000_corrupt.onnx"));
    QVERIFY(found.last().endsWith("/group1/zoo019_sequence.onnx"));
    QCOMPARE(problems, QStringList { "/no/such is neither an .onnx file nor a folder." });
}

void TestConvertMany::expandsZoo()
{
    QTemporaryDir out;
    const BatchTemplate t = zooTemplate(out.path());
    const QStringList paths = findOnnxModels({ zoo() });
    const QStringList names = batchModelNames(paths);
    QList<BatchModelRow> rows;
    for (int i = 0; i < paths.size(); ++i) {
        rows.append(scanBatchModel(paths.at(i), t, AtcToolkit {}));
        rows.last().name = names.at(i);
    }
    // One row per model, with what the page shows.
    QVERIFY(!rows.at(0).loaded());
    QCOMPARE(rows.at(0).loadErrorCode, QStringLiteral("parse_error"));
    QCOMPARE(rows.at(1).missing, QStringList { "images[2] 'mystery' needs a value: --dim mystery=VALUE" });
    QCOMPARE(rows.at(3).proposedShape, QStringLiteral("hidden:1,128,16"));
    QCOMPARE(rows.at(3).dynamicDims, (QStringList { "hidden[0] batch", "hidden[1] sequence_length" }));
    QCOMPARE(rows.at(6).proposedShape, QStringLiteral("images:1,3,64,64"));
    QCOMPARE(rows.at(4).proposedShape, QString()); // static
    QCOMPARE(rows.at(4).opsets, QStringList { "ai.onnx 13" });
    for (int i = 2; i < rows.size(); ++i)
        QVERIFY2(rows.at(i).ready(),
            qPrintable(rows.at(i).name + ": " + rows.at(i).missing.join(';')
                + (rows.at(i).findings.isEmpty() ? QString() : rows.at(i).findings.first().message)));

    const QList<BatchJob> jobs = expandBatchJobs(rows, t, AtcToolkit {});
    QCOMPARE(jobs.size(), 20 * 2 * 3);
    int skipped = 0;
    QSet<QString> oms;
    for (const BatchJob& j : jobs) {
        skipped += j.skipReason.isEmpty() ? 0 : 1;
        QCOMPARE(j.job.omPath, out.path() + "/" + j.name + ".om");
        QCOMPARE(j.name, QStringLiteral("%1_%2_b%3").arg(j.model, j.soc).arg(j.batch));
        oms.insert(j.job.omPath);
    }
    QCOMPARE(oms.size(), 120); // every OM name unique
    QCOMPARE(skipped, 12); // the corrupt model and the one with no value for 'mystery'
    QCOMPARE(jobs.at(6).skipReason, QStringLiteral("images[2] 'mystery' needs a value: --dim mystery=VALUE"));
    QVERIFY(jobs.at(0).skipReason.startsWith("The model did not load: "));
    // Order: row, then SoC, then batch; the batch lands in --input_shape.
    const BatchJob& seq = jobs.at(3 * 6 + 5);
    QCOMPARE(seq.name, QStringLiteral("zoo003_sequence_Ascend310B1_b8"));
    QCOMPARE(seq.job.options.inputShape, QStringLiteral("hidden:8,128,16"));
    QCOMPARE(seq.job.options.socVersion, QStringLiteral("Ascend310B1"));
}

void TestConvertMany::rowOverrideFixesThatRowOnly()
{
    QTemporaryDir out;
    const BatchTemplate t = zooTemplate(out.path());
    BatchModelRow row = scanBatchModel(zoo() + "/group0/zoo001_needs_value.onnx", t, AtcToolkit {});
    row.name = QStringLiteral("zoo001_needs_value");
    QVERIFY(!row.ready());
    row.dimOverrides.insert(QStringLiteral("mystery"), 48);
    recheckBatchModel(row, t, AtcToolkit {});
    QVERIFY(row.missing.isEmpty());
    QCOMPARE(row.proposedShape, QStringLiteral("images:1,3,48,32"));
    QVERIFY(!t.dims.contains(QStringLiteral("mystery")));
    const QList<BatchJob> jobs = expandBatchJobs({ row }, t, AtcToolkit {});
    QCOMPARE(jobs.size(), 6);
    QCOMPARE(jobs.first().skipReason, QString());
}

void TestConvertMany::memoryEstimate()
{
    QCOMPARE(estimateJobMemoryMiB(0), 2048);
    QCOMPARE(estimateJobMemoryMiB(1), 2049); // rounded up
    QCOMPARE(estimateJobMemoryMiB(100LL * 1024 * 1024), 2048 + 800);
    QVERIFY(availableMemoryMiB() > 0);
}

void TestConvertMany::resultRoundTrip()
{
    QTemporaryDir dir;
    BatchJobResult r;
    r.name = "m_Ascend310P3_b4";
    r.model = "m";
    r.soc = "Ascend310P3";
    r.batch = 4;
    r.result = "failed";
    r.durationMs = 1234;
    r.omPath = dir.filePath("m_Ascend310P3_b4.om");
    r.problem = "E19010: No parser is registered for Op [/softplus, optype [ai.onnx::13::Softplus]].";
    r.fix = "Replace the op.";
    r.logPath = dir.filePath("m_Ascend310P3_b4.failed.atc.log");
    QCOMPARE(resultPathFor(r.omPath), dir.filePath("m_Ascend310P3_b4.result.json"));
    QVERIFY(writeBatchJobResult(r, resultPathFor(r.omPath)).ok());
    const Result<BatchJobResult> back = readBatchJobResult(resultPathFor(r.omPath));
    QVERIFY(back.ok());
    QCOMPARE(back.value(), r);
}

void TestConvertMany::reportFiles()
{
    QTemporaryDir dir;
    BatchJobResult a;
    a.name = "a_S1_b1";
    a.model = "a";
    a.soc = "S1";
    a.batch = 1;
    a.result = "converted";
    a.omPath = dir.filePath("a_S1_b1.om");
    a.omSize = 4096;
    a.recipePath = a.omPath + ".recipe.json";
    a.durationMs = 1500;
    BatchJobResult b = a;
    b.name = "b_S2_b1";
    b.model = "b";
    b.soc = "S2";
    b.result = "skipped";
    b.omSize = 0;
    b.recipePath.clear();
    b.problem = "No value for x[2], \"quoted\".";
    const Result<QStringList> written = writeBatchReport({ a, b }, dir.path(), dir.filePath("extra.html"));
    QVERIFY(written.ok());
    QCOMPARE(written.value().size(), 4);
    QFile csvFile(dir.filePath("convert-many-report.csv"));
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    const QString csv = QString::fromUtf8(csvFile.readAll());
    QCOMPARE(csv,
        QStringLiteral("model,soc,batch,result,time_s,om_size,problem,fix,om,recipe,log\n"
                       "a,S1,1,converted,1.5,4096,,,a_S1_b1.om,a_S1_b1.om.recipe.json,\n"
                       "b,S2,1,skipped,,,\"No value for x[2], \"\"quoted\"\".\",,,,\n"));
    const QJsonObject json = batchReportToJson({ a, b }, dir.path());
    QCOMPARE(json["report"].toString(), QStringLiteral("atc-workbench-convert-many"));
    QCOMPARE(json["summary"]["converted"].toInt(), 1);
    QCOMPARE(json["summary"]["skipped"].toInt(), 1);
    QCOMPARE(json["summary"]["per_soc"].toArray().size(), 2);
    QCOMPARE(json["jobs"][0]["om"].toString(), QStringLiteral("a_S1_b1.om")); // relative to the output folder
    const QString html = batchReportHtml({ a, b }, dir.path());
    QVERIFY(html.contains("<a href=\"a_S1_b1.om\">OM</a>"));
    QVERIFY(html.contains("No value for x[2], &quot;quoted&quot;."));
}

void TestConvertMany::collectWithoutResults()
{
    QTemporaryDir dir;
    const Result<QList<BatchJobResult>> none = collectBatchResults(dir.path());
    QVERIFY(!none.ok());
    QCOMPARE(none.error().code, QStringLiteral("not_found"));
    BatchJob job;
    job.row = 0;
    job.model = "m";
    job.soc = "S";
    job.batch = 2;
    job.name = "m_S_b2";
    job.job.options.model = dir.filePath("m.onnx");
    job.job.options.socVersion = "S";
    job.job.options.output = dir.filePath("om/m_S_b2");
    job.job.omPath = dir.filePath("om/m_S_b2.om");
    BatchModelRow row;
    row.path = dir.filePath("m.onnx");
    QVERIFY(emitBatchJobs({ job }, { row }, dir.path(), dir.filePath("om")).ok());
    QVERIFY(QFileInfo::exists(dir.filePath("recipes/m_S_b2.json")));
    const Result<QList<BatchJobResult>> collected = collectBatchResults(dir.path());
    QVERIFY(collected.ok());
    QCOMPARE(collected.value().size(), 1);
    QCOMPARE(collected.value().first().result, QStringLiteral("not_run"));
    QCOMPARE(collected.value().first().batch, 2);
    QVERIFY(collected.value().first().fix.contains("atcwb convert --recipe"));
}

WB_TEST_APPLESS_MAIN(TestConvertMany)
#include "tst_convertmany.moc"
