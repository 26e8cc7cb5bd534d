// core/profile: msprof / torch_npu CSV readers, PROF folder search, mapping to ONNX nodes, comparison, exports.
#include "profile/msprofrun.h"
#include "profile/profilecsv.h"
#include "profile/profilefiles.h"
#include "profile/profilejson.h"
#include "profile/profilemap.h"
#include "profile/profilemarks.h"
#include "profile/profileom.h"
#include "profile/runnerprofile.h"
#include "testutil.h"

#include <QDir>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

using namespace wb;

namespace {

QString dataPath(const QString& name)
{
    return QStringLiteral(WB_TEST_DATA_DIR "/profile/") + name;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// One readable block per profile: what the golden files hold.
QByteArray golden(const OpProfile& p)
{
    QString out = QStringLiteral("kind %1  iterations %2%3  total_us %4  rows %5  skipped %6\n")
                      .arg(profileKindName(p.kind))
                      .arg(p.iterations)
                      .arg(p.iterationsFromColumn ? QStringLiteral(" (column)") : QString())
                      .arg(p.totalUs, 0, 'f', 3)
                      .arg(p.rowsRead)
                      .arg(p.rowsSkipped);
    for (const ProfileOp& op : p.ops)
        out += QStringLiteral("op %1 | %2 | %3 | n=%4 total=%5 min=%6 median=%7 mean=%8 max=%9 iter=%10 pct=%11\n")
                   .arg(op.name, op.type, op.taskType)
                   .arg(op.count)
                   .arg(op.totalUs, 0, 'f', 3)
                   .arg(op.minUs, 0, 'f', 3)
                   .arg(op.medianUs, 0, 'f', 3)
                   .arg(op.meanUs, 0, 'f', 3)
                   .arg(op.maxUs, 0, 'f', 3)
                   .arg(op.perIterationUs, 0, 'f', 3)
                   .arg(op.percent, 0, 'f', 3);
    for (const ProfileType& t : p.byType)
        out += QStringLiteral("type %1 | %2 | n=%3 total=%4 pct=%5\n")
                   .arg(t.type, t.taskType)
                   .arg(t.count)
                   .arg(t.totalUs, 0, 'f', 3)
                   .arg(t.percent, 0, 'f', 3);
    for (const QString& w : p.warnings) {
        QString line = w;
        line.replace(QStringLiteral(WB_TEST_DATA_DIR "/profile/"), QString());
        out += QStringLiteral("warning %1\n").arg(line);
    }
    return out.toUtf8();
}

Result<OpProfile> parseChunked(const QByteArray& bytes, const QString& name, quint32 seed, int maxChunk)
{
    ProfileCsvReader reader;
    reader.beginFile(name);
    QRandomGenerator random(seed);
    for (qsizetype at = 0; at < bytes.size();) {
        const qsizetype n = qMin<qsizetype>(random.bounded(1, maxChunk + 1), bytes.size() - at);
        reader.feed(QByteArrayView(bytes.constData() + at, n));
        at += n;
    }
    reader.endFile();
    return reader.finish();
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

const QByteArray kHeader = "Device_id,Model Name,Infer ID,Op Name,OP Type,Task Type,Task Start Time(us),"
                           "Task Duration(us),Task Wait Time(us),Block Dim,Mix Block Dim\n";

} // namespace

class TestProfileCsv : public QObject {
    Q_OBJECT
private slots:
    void goldenFiles_data();
    void goldenFiles();
    void readsVariants_data();
    void readsVariants();
    void rejectsBadInput_data();
    void rejectsBadInput();
    void mixedKindsAreRefused();
    void findsFilesInProfFolders();
    void emptyProfFolderIsAClearError();
    void mapsOpsToNodes();
    void comparesProfiles();
    void jsonContract();
    void csvExport();
    void modelExplorerNodeDataFormat();
    void largeInputInChunks();
    void msprofWrapsTheRunner();
    void runnerRecords();
    void originsFromOm();
    void hotSpotMarks();
};

void TestProfileCsv::goldenFiles_data()
{
    QTest::addColumn<QString>("file");
    for (const char* f : { "op_summary_current.csv", "op_summary_old.csv", "op_statistic.csv", "kernel_details.csv" })
        QTest::newRow(f) << QString::fromLatin1(f);
}

void TestProfileCsv::goldenFiles()
{
    QFETCH(QString, file);
    const QByteArray bytes = readAll(dataPath(file));
    QVERIFY(!bytes.isEmpty());
    auto whole = parseProfileCsv(bytes, file);
    QVERIFY2(whole.ok(), qPrintable(whole.ok() ? QString() : whole.error().message));
    const QByteArray text = golden(whole.value());
    QString why;
    QVERIFY2(wbtest::compareGolden(text, dataPath(QFileInfo(file).completeBaseName() + ".expected.txt"), &why),
        qPrintable(why));
    // The same result whatever the chunking (chunks end inside quoted cells, CRLFs, the BOM).
    for (quint32 seed = 1; seed <= 20; ++seed) {
        auto chunked = parseChunked(bytes, file, seed, seed % 2 ? 7 : 64);
        QVERIFY(chunked.ok());
        QCOMPARE(golden(chunked.value()), text);
    }
}

void TestProfileCsv::readsVariants_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("ops");
    QTest::addColumn<double>("totalUs");
    QTest::addColumn<int>("iterations");
    QTest::addColumn<int>("skipped");
    QTest::addColumn<QString>("firstOp"); // largest first
    QTest::addColumn<QString>("firstTaskType");

    QTest::newRow("current header") << kHeader
            + "0,m,1,conv,Conv2D,AI_CORE,1.0,10.5,0,8,0\n0,m,1,relu,Relu,AI_VECTOR_CORE,2.0,2.5,0,8,0\n"
                                    << "op_summary" << 2 << 13.0 << 1 << 0 << "conv"
                                    << "AI_CORE";
    QTest::newRow("no Device_id, Block Num")
        << QByteArray("Op Name,OP Type,Task Type,Task Start Time(us),Task Duration(us),Block Num,Mix Block Num\n"
                      "a,Add,AI_CORE,1,3,1,0\nb,Mul,AI_CPU,2,4,N/A,N/A\n")
        << "op_summary" << 2 << 7.0 << 1 << 0 << "b"
        << "AI_CPU";
    QTest::newRow("older header, no units")
        << QByteArray("Model Name,Task ID,Op Name,OP Type,Task Type,Task Start Time,Task Duration,Block Dim\n"
                      "m,1,a,Add,AI_CORE,1,3,1\nm,2,a,Add,AI_CORE,2,5,1\n")
        << "op_summary" << 1 << 8.0 << 2 << 0 << "a"
        << "AI_CORE";
    QTest::newRow("trailing tabs and spaces") << kHeader + "0,m,1, conv\t,Conv2D\t,AI_CORE\t,1.0\t,10\t,0\t,8,0\n"
                                              << "op_summary" << 1 << 10.0 << 1 << 0 << "conv"
                                              << "AI_CORE";
    QTest::newRow("quoted shapes with commas")
        << QByteArray("Op Name,OP Type,Task Type,Task Duration(us),Input Shapes\n"
                      "mm,MatMulV2,MIX_AIC,7,\"\"\"64,64\"\"\"\nmm,MatMulV2,MIX_AIC,9,\"1,2;3,4\"\n")
        << "op_summary" << 1 << 16.0 << 2 << 0 << "mm"
        << "MIX_AIC";
    QTest::newRow("N/A duration is skipped")
        << kHeader + "0,m,1,a,Add,AI_CORE,1,N/A,0,1,0\n0,m,1,b,Add,AI_CORE,1,4,0,1,0\n"
        << "op_summary" << 1 << 4.0 << 1 << 1 << "b"
        << "AI_CORE";
    QTest::newRow("row with a missing field")
        << kHeader + "0,m,1,a,Add,AI_CORE,1,4,0,1\n0,m,1,b,Add,AI_CORE,1,6,0,1,0\n"
        << "op_summary" << 1 << 6.0 << 1 << 1 << "b"
        << "AI_CORE";
    QTest::newRow("N/A type and task type") << kHeader + "0,m,1,a,N/A,N/A,N/A,4,N/A,N/A,N/A\n"
                                            << "op_summary" << 1 << 4.0 << 1 << 0 << "a"
                                            << "";
    QTest::newRow("BOM, CRLF, comments") << QByteArray("\xEF\xBB\xBF# a comment\r\n")
            + QByteArray(kHeader).replace("\n", "\r\n")
            + "0,m,1,a,Add,AI_CORE,1,4,0,1,0\r\n\r\n# another\r\n0,m,2,a,Add,AI_CORE,1,6,0,1,0\r\n"
                                         << "op_summary" << 1 << 10.0 << 2 << 0 << "a"
                                         << "AI_CORE";
    QTest::newRow("Infer IDs counted") << kHeader
            + "0,m,7,a,Add,AI_CORE,1,1,0,1,0\n0,m,7,a,Add,AI_CORE,1,1,0,1,0\n0,m,8,a,Add,AI_CORE,1,1,0,1,0\n"
                                       << "op_summary" << 1 << 3.0 << 2 << 0 << "a"
                                       << "AI_CORE";
    QTest::newRow("no last line end") << kHeader + "0,m,1,a,Add,AI_CORE,1,4,0,1,0"
                                      << "op_summary" << 1 << 4.0 << 1 << 0 << "a"
                                      << "AI_CORE";
    QTest::newRow("kernel_details with Step Id") << QByteArray(
        "Step Id,Device_id,Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us),Block Dim\n"
        "1,0,k1,MatMulV2,AI_CORE,1\t,40,0,20\n2,0,k1,MatMulV2,AI_CORE,2\t,44,0,20\n2,0,k2,Add,AI_VECTOR_CORE,3\t,2,0,"
        "8\n") << "kernel_details" << 2 << 86.0 << 2
                                                 << 0 << "k1"
                                                 << "AI_CORE";
    QTest::newRow("op_statistic") << QByteArray(
        "Model Name,OP Type,Core Type,Count,Total Time(us),Min Time(us),Avg Time(us),Max Time(us),Ratio(%)\n"
        "m,Conv2D,AI_CORE,4,40,9,10,11,80\nm,Add,AI_CORE,2,10,5,5,5,20\n")
                                  << "op_statistic" << 0 << 50.0 << 1 << 0 << ""
                                  << "";
    QTest::newRow("header only") << kHeader << "op_summary" << 0 << 0.0 << 1 << 0 << ""
                                 << "";
}

void TestProfileCsv::readsVariants()
{
    QFETCH(QByteArray, csv);
    QFETCH(QString, kind);
    QFETCH(int, ops);
    QFETCH(double, totalUs);
    QFETCH(int, iterations);
    QFETCH(int, skipped);
    QFETCH(QString, firstOp);
    QFETCH(QString, firstTaskType);
    for (int maxChunk : { 1 << 20, 3 }) {
        auto p = parseChunked(csv, QStringLiteral("t.csv"), 42, maxChunk);
        QVERIFY2(p.ok(), qPrintable(p.ok() ? QString() : p.error().message));
        QCOMPARE(profileKindName(p.value().kind), kind);
        QCOMPARE(p.value().ops.size(), ops);
        QCOMPARE(p.value().totalUs, totalUs);
        QCOMPARE(p.value().iterations, iterations);
        QCOMPARE(p.value().rowsSkipped, skipped);
        if (skipped > 0)
            QVERIFY(!p.value().warnings.isEmpty());
        if (ops > 0) {
            QCOMPARE(p.value().ops.constFirst().name, firstOp);
            QCOMPARE(p.value().ops.constFirst().taskType, firstTaskType);
            double sum = 0;
            for (const ProfileOp& op : p.value().ops)
                sum += op.percent;
            QVERIFY(qAbs(sum - 100.0) < 1e-9);
        }
    }
}

void TestProfileCsv::rejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("missing Task Duration") << readAll(dataPath("missing_column.csv")) << "missing_column"
                                           << "Task Duration(us)";
    QTest::newRow("kernel_details without Duration")
        << QByteArray("Name,Type,Accelerator Core,Start Time(us)\nk,Add,AI_CORE,1\n") << "missing_column"
        << "Duration(us)";
    QTest::newRow("op_statistic without Total Time")
        << QByteArray("OP Type,Core Type,Count\nConv2D,AI_CORE,3\n") << "missing_column"
        << "Total Time(us)";
    QTest::newRow("another CSV") << readAll(dataPath("not_a_profile.csv")) << "not_profile_csv"
                                 << "latency_ms";
    QTest::newRow("PNG") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) << "binary_file"
                         << "binary";
    QTest::newRow("empty") << QByteArray() << "not_profile_csv"
                           << "empty";
    QTest::newRow("comments only") << QByteArray("# nothing\n\n") << "not_profile_csv"
                                   << "empty";
    QTest::newRow("one endless line") << QByteArray(17 * 1024 * 1024, 'x') << "not_profile_csv"
                                      << "no line end";
}

void TestProfileCsv::rejectsBadInput()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, code);
    QFETCH(QString, mentions);
    auto p = parseProfileCsv(bytes, QStringLiteral("bad.csv"));
    QVERIFY(!p.ok());
    QCOMPARE(p.error().code, code);
    QVERIFY2(p.error().message.contains(mentions), qPrintable(p.error().message));
    QVERIFY2(p.error().message.contains(QStringLiteral("bad.csv")), qPrintable(p.error().message));
}

void TestProfileCsv::mixedKindsAreRefused()
{
    ProfileCsvReader reader;
    reader.beginFile(QStringLiteral("a.csv"));
    QVERIFY(reader.feed(kHeader + "0,m,1,a,Add,AI_CORE,1,4,0,1,0\n"));
    QVERIFY(reader.endFile());
    reader.beginFile(QStringLiteral("b.csv"));
    reader.feed("OP Type,Core Type,Count,Total Time(us)\nAdd,AI_CORE,1,4\n");
    QVERIFY(!reader.endFile());
    auto p = reader.finish();
    QVERIFY(!p.ok());
    QCOMPARE(p.error().code, QStringLiteral("mixed_kinds"));
}

void TestProfileCsv::findsFilesInProfFolders()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray rows = kHeader + "0,m,1,a,Add,AI_CORE,1,4,0,1,0\n";
    // Current layout next to the older one: only mindstudio_profiler_output is read (no double counting).
    writeFile(dir.filePath("PROF_1/mindstudio_profiler_output/op_summary_20240101120000.csv"), rows);
    writeFile(dir.filePath("PROF_1/mindstudio_profiler_output/op_statistic_20240101120000.csv"),
        "OP Type,Core Type,Count,Total Time(us)\nAdd,AI_CORE,1,4\n");
    writeFile(dir.filePath("PROF_1/device_0/summary/op_summary_0_1.csv"), rows);
    auto files = findProfileFiles(dir.filePath("PROF_1"));
    QVERIFY(files.ok());
    QCOMPARE(files.value().size(), 1);
    QVERIFY(files.value().constFirst().contains("mindstudio_profiler_output/op_summary_"));
    // Older layout only, two slices: both read, one profile.
    writeFile(dir.filePath("PROF_2/device_0/summary/op_summary_0_1_slice_0.csv"), rows);
    writeFile(dir.filePath("PROF_2/device_0/summary/op_summary_0_1_slice_1.csv"), rows);
    auto older = loadProfile(dir.filePath("PROF_2"));
    QVERIFY(older.ok());
    QCOMPARE(older.value().files.size(), 2);
    QCOMPARE(older.value().ops.constFirst().count, 2);
    QCOMPARE(older.value().totalUs, 8.0);
    // Only op_statistic: that is read.
    writeFile(dir.filePath("PROF_3/mindstudio_profiler_output/op_statistic_1.csv"),
        "OP Type,Core Type,Count,Total Time(us)\nAdd,AI_CORE,1,4\n");
    auto stat = loadProfile(dir.filePath("PROF_3"));
    QVERIFY(stat.ok());
    QCOMPARE(stat.value().kind, ProfileKind::OpStatistic);
    // torch_npu's output folder.
    writeFile(dir.filePath("run_ascend_pt/ASCEND_PROFILER_OUTPUT/kernel_details.csv"),
        "Name,Type,Accelerator Core,Duration(us)\nk,Add,AI_CORE,3\n");
    auto kernels = loadProfile(dir.filePath("run_ascend_pt"));
    QVERIFY(kernels.ok());
    QCOMPARE(kernels.value().kind, ProfileKind::KernelDetails);
    // A parent of several PROF folders: the current layout's files win there too.
    auto all = findProfileFiles(dir.path());
    QVERIFY(all.ok());
    QCOMPARE(all.value().size(), 1); // mindstudio_profiler_output wins over device_*/summary
}

void TestProfileCsv::emptyProfFolderIsAClearError()
{
    QTemporaryDir dir;
    QVERIFY(QDir().mkpath(dir.filePath("PROF_000001_20240101/device_0/data")));
    writeFile(dir.filePath("PROF_000001_20240101/device_0/data/ts_track.data.0.slice_0"), "raw");
    auto p = loadProfile(dir.filePath("PROF_000001_20240101"));
    QVERIFY(!p.ok());
    QCOMPARE(p.error().code, QStringLiteral("no_profile"));
    QVERIFY(p.error().message.contains(QStringLiteral("msprof --export=on")));
    auto missing = loadProfile(dir.filePath("nope"));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, QStringLiteral("not_found"));
}

void TestProfileCsv::mapsOpsToNodes()
{
    auto p = parseProfileCsv(kHeader
        + "0,m,1,conv,Conv2D,AI_CORE,1,60,0,1,0\n0,m,1,fused_bn,BNInference,AI_CORE,1,20,0,1,0\n"
          "0,m,1,trans_TransData_1,TransData,AI_VECTOR_CORE,1,15,0,1,0\n0,m,1,relu,Relu,AI_CORE,1,5,0,1,0\n");
    QVERIFY(p.ok());
    const QList<ProfileGraphNode> nodes { { "conv", "Conv", "conv_out" }, { "bn", "BatchNormalization", "bn_out" },
        { "scale", "Mul", "scale_out" }, { "relu", "Relu", "relu_out" } };
    // By name only: fused_bn and the inserted TransData have no node.
    ProfileMapping byName = mapProfileToGraph(p.value(), nodes);
    QCOMPARE(byName.mappedOps, 2);
    QCOMPARE(byName.unmapped, QStringList({ "fused_bn", "trans_TransData_1" }));
    QCOMPARE(byName.nodes.constFirst().node, QStringLiteral("conv"));
    QCOMPARE(byName.nodes.constFirst().percent, 60.0);
    // With OM origins: fused_bn's time splits over the two nodes fused into it.
    ProfileMapping viaOm = mapProfileToGraph(p.value(), nodes, { { "fused_bn", { "bn", "scale", "gone" } } });
    QVERIFY(viaOm.throughOm);
    QCOMPARE(viaOm.unmapped, QStringList({ "trans_TransData_1" }));
    QCOMPARE(viaOm.node("bn")->totalUs, 10.0);
    QCOMPARE(viaOm.node("scale")->totalUs, 10.0);
    double sum = 0;
    for (const NodeTime& n : viaOm.nodes)
        sum += n.percent;
    sum += p.value().op("trans_TransData_1")->percent;
    QCOMPARE(sum, 100.0);
}

void TestProfileCsv::comparesProfiles()
{
    auto before = parseProfileCsv(kHeader
        + "0,m,1,conv,Conv2D,AI_CORE,1,60,0,1,0\n0,m,2,conv,Conv2D,AI_CORE,1,60,0,1,0\n"
          "0,m,1,cast,Cast,AI_CPU,1,40,0,1,0\n0,m,2,cast,Cast,AI_CPU,1,40,0,1,0\n");
    auto after = parseProfileCsv(kHeader + "0,m,1,conv,Conv2D,AI_CORE,1,30,0,1,0\n0,m,1,add,Add,AI_CORE,1,10,0,1,0\n");
    QVERIFY(before.ok() && after.ok());
    const ProfileComparison c = compareProfiles(after.value(), before.value());
    QCOMPARE(c.thisUs, 40.0);
    QCOMPARE(c.otherUs, 100.0); // per iteration: 200 us over 2 iterations
    QCOMPARE(*c.speedup, 2.5);
    QCOMPARE(c.newOps, 1);
    QCOMPARE(c.vanishedOps, 1);
    QCOMPARE(c.rows.size(), 3);
    QCOMPARE(c.rows.at(0).name, QStringLiteral("conv"));
    QCOMPARE(*c.rows.at(0).speedup, 2.0);
    QCOMPARE(c.rows.at(1).status, QStringLiteral("new"));
    QVERIFY(!c.rows.at(1).otherUs);
    QCOMPARE(c.rows.at(2).name, QStringLiteral("cast"));
    QCOMPARE(c.rows.at(2).status, QStringLiteral("vanished"));
}

void TestProfileCsv::jsonContract()
{
    auto p = parseProfileCsv(readAll(dataPath("op_summary_current.csv")), QStringLiteral("op_summary_current.csv"));
    QVERIFY(p.ok());
    const QJsonObject o = profileToJson(p.value());
    for (const char* key : { "kind", "total_us", "ops", "by_type", "rows_skipped", "unmapped" })
        QVERIFY2(o.contains(QLatin1String(key)), key);
    QCOMPARE(o.value("kind").toString(), QStringLiteral("op_summary"));
    QCOMPARE(o.value("rows_skipped").toInt(), 2);
    const QJsonObject first = o.value("ops").toArray().at(0).toObject();
    for (const char* key : { "name", "type", "task_type", "count", "total_us", "mean_us", "percent" })
        QVERIFY2(first.contains(QLatin1String(key)), key);
    QCOMPARE(first.value("name").toString(), QStringLiteral("/postprocess/TopK"));
    QCOMPARE(first.value("task_type").toString(), QStringLiteral("AI_CPU"));
    QCOMPARE(first.value("count").toInt(), 3);
    QCOMPARE(first.value("total_us").toDouble(), 765.0);
    QCOMPARE(first.value("mean_us").toDouble(), 255.0);
    QCOMPARE(o.value("iterations").toInt(), 3);
    const QJsonObject type = o.value("by_type").toArray().at(0).toObject();
    for (const char* key : { "type", "count", "total_us", "percent" })
        QVERIFY2(type.contains(QLatin1String(key)), key);
    auto stat = parseProfileCsv(readAll(dataPath("op_statistic.csv")));
    QVERIFY(stat.ok());
    QVERIFY(profileToJson(stat.value()).value("ops").toArray().isEmpty());
}

void TestProfileCsv::csvExport()
{
    auto p = parseProfileCsv(kHeader + "0,m,1,\"a,b\",Add,AI_CORE,1,30,0,1,0\n0,m,1,c,Mul,AI_CORE,1,10,0,1,0\n");
    QVERIFY(p.ok());
    const QByteArray csv = profileToCsv(p.value());
    const QList<QByteArray> lines = csv.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(0).startsWith("name,type,task_type,count,total_us"));
    QVERIFY(lines.at(1).startsWith("\"a,b\",Add,AI_CORE,1,30,"));
    QVERIFY(lines.at(1).endsWith(",75,75"));
    QVERIFY(lines.at(2).endsWith(",25,100"));
    QCOMPARE(lines.at(1).count(',') - 1, lines.at(0).count(',')); // one comma inside the quoted name
}

void TestProfileCsv::modelExplorerNodeDataFormat()
{
    auto p = parseProfileCsv(kHeader + "0,m,1,conv,Conv2D,AI_CORE,1,60,0,1,0\n0,m,1,relu,Relu,AI_CORE,1,5,0,1,0\n");
    QVERIFY(p.ok());
    const QList<ProfileGraphNode> nodes { { "conv", "Conv", "conv_out" }, { "relu", "Relu", "relu_out" } };
    const QJsonObject data = modelExplorerNodeData(mapProfileToGraph(p.value(), nodes), nodes);
    const QJsonObject results = data.value("results").toObject();
    QCOMPARE(results.size(), 2);
    QCOMPARE(results.value("conv_out").toObject().value("value").toDouble(), 60.0);
    const QJsonArray gradient = data.value("gradient").toArray();
    QCOMPARE(gradient.first().toObject().value("stop").toDouble(), 0.0);
    QCOMPARE(gradient.last().toObject().value("stop").toDouble(), 1.0);
}

void TestProfileCsv::largeInputInChunks()
{
    // 200,000 rows over 1,000 ops and 200 Infer IDs, read in 1 MB chunks from disk.
    QTemporaryDir dir;
    QByteArray csv = kHeader;
    csv.reserve(16 << 20);
    for (int i = 0; i < 200000; ++i)
        csv += "0,m," + QByteArray::number(i / 1000) + ",op" + QByteArray::number(i % 1000) + ",Add,AI_CORE,1,"
            + QByteArray::number(1 + i % 7) + ",0,1,0\n";
    writeFile(dir.filePath("op_summary_big.csv"), csv);
    auto p = loadProfile(dir.filePath("op_summary_big.csv"));
    QVERIFY(p.ok());
    QCOMPARE(p.value().ops.size(), 1000);
    QCOMPARE(p.value().iterations, 200);
    QCOMPARE(p.value().rowsRead, 200000);
    int cancelAfter = 1;
    auto cancelled = loadProfile(dir.filePath("op_summary_big.csv"), [&] { return cancelAfter-- <= 0; });
    QVERIFY(!cancelled.ok());
    QCOMPARE(cancelled.error().code, QStringLiteral("cancelled"));
}

void TestProfileCsv::msprofWrapsTheRunner()
{
    ToolInvocation runner;
    runner.program = QStringLiteral("/opt/wb/om-runner");
    runner.arguments = { "--model", "/data/my model.om", "--loops", "10" };
    runner.timeoutMs = 1234;
    const ToolInvocation inv
        = msprofInvocation(runner, QStringLiteral("/usr/local/bin/msprof"), QStringLiteral("/tmp/out/"));
    QCOMPARE(inv.program, QStringLiteral("/usr/local/bin/msprof"));
    QCOMPARE(inv.arguments,
        QStringList({ "--output=/tmp/out", "--application=/opt/wb/om-runner --model '/data/my model.om' --loops 10" }));
    QCOMPARE(inv.timeoutMs, 1234);
    QVERIFY(findMsprof(QStringLiteral("/nonexistent/msprof")).isEmpty());
}

void TestProfileCsv::runnerRecords()
{
    RunnerProfileCollector c;
    QVERIFY(!c.feed(u"{\"event\":\"iteration\",\"index\":0,\"ms\":1.0}"));
    QVERIFY(!c.feed(u"not json"));
    QVERIFY(c.feed(u"{\"event\":\"op\",\"name\":\"a\",\"type\":\"Add\",\"count\":4,\"total_us\":40,\"min_us\":9,"
                   u"\"median_us\":10,\"max_us\":11}"));
    QVERIFY(c.feed(u"{\"event\":\"op\",\"name\":\"\",\"count\":0}")); // unusable: counted, not kept
    QVERIFY(!c.profile().has_value()); // not complete before op_profile
    QVERIFY(c.feed(u"{\"event\":\"op_profile\",\"ops\":1,\"records\":4,\"unreadable\":2,\"iterations\":4,\"op_us_per_"
                   u"iteration\":10,\"host_us_per_iteration\":null}"));
    const auto p = c.profile();
    QVERIFY(p.has_value());
    QCOMPARE(p->ops.size(), 1);
    QCOMPARE(p->ops.first().meanUs, 10.0);
    QCOMPARE(p->rowsSkipped, 1);
    QCOMPARE(p->totalUsPerIteration(), 10.0);
    QVERIFY(!p->hostUsPerIteration.has_value());
    QVERIFY(p->warnings.first().contains("2 op record(s)"));
}

void TestProfileCsv::originsFromOm()
{
    auto om = readOmFile(QStringLiteral(WB_TEST_DATA_DIR "/om/two_inputs_310p3.json"));
    QVERIFY2(om.ok(), qPrintable(om.ok() ? QString() : om.error().message));
    const QHash<QString, QStringList> origins = profileOriginsFromOm(om.value());
    QCOMPARE(origins.value("/image/stage1/conv/Conv").size(), 3);
    QVERIFY(!origins.contains("trans_TransData_1")); // inserted: no origin
    QCOMPARE(onnxNodesNamedByOm(om.value()).size(), 9);
}

void TestProfileCsv::hotSpotMarks()
{
    auto p = parseProfileCsv(
        kHeader + "0,m,1,a,Add,AI_CORE,1,80,0,1,0\n0,m,1,b,Mul,AI_CORE,1,15,0,1,0\n0,m,1,c,Mul,AI_CORE,1,5,0,1,0\n");
    QVERIFY(p.ok());
    const QList<ProfileGraphNode> nodes { { "a", "Add", "" }, { "b", "Mul", "" }, { "c", "Mul", "" } };
    const auto marks = profileMarks(mapProfileToGraph(p.value(), nodes));
    QCOMPARE(marks.size(), 2); // a (80 %) and b (15 %); c (5 %) is no hot spot
    QCOMPARE(marks.at(0).node, QStringLiteral("a"));
    QCOMPARE(marks.at(0).source, QStringLiteral("profile"));
    QVERIFY(marks.at(0).message.contains("80.00 %"));
}

WB_TEST_APPLESS_MAIN(TestProfileCsv)
#include "tst_profilecsv.moc"
