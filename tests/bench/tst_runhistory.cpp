// RunHistory: save/load round trip, newest first, the limit, extra data, corrupt and foreign files skipped with a
// warning, the default folder ($WB_RUN_HISTORY), and a folder that cannot be created.
#include "run/benchtools.h"
#include "run/runhistory.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace wb;

namespace {

BenchResult makeRun(const QString& model, const QDateTime& started, double ms)
{
    BenchRequest request;
    request.model = model;
    BenchResult r = benchResultSkeleton(request);
    r.ok = true;
    r.started = started;
    r.iterationsMs = { ms, ms + 1, ms + 2 };
    fillStatsFromIterations(&r);
    r.device = QStringLiteral("CPU (ONNX Runtime 1.29.0, 2 threads)");
    r.warnings = QStringList { QStringLiteral("w") };
    return r;
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class TestRunHistory : public QObject {
    Q_OBJECT
private slots:
    void roundTrip();
    void newestFirstAndLimit();
    void skipsBadFiles();
    void sameMillisecond();
    void defaultFolder();
    void unwritableFolder();
};

void TestRunHistory::roundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    RunHistory history(dir.filePath("runs")); // created on the first save
    const BenchResult run = makeRun("/m/resnet static.onnx", QDateTime::currentDateTime(), 5.5);
    const QJsonObject extra { { "atc", QJsonObject { { "soc_version", "Ascend310P3" } } } };
    const auto saved = history.save(run, extra);
    QVERIFY2(saved.ok(), saved.ok() ? "" : qPrintable(saved.error().message));
    QVERIFY(QFileInfo(saved.value()).fileName().endsWith("_onnxruntime_resnet_static.json"));
    QVERIFY(QFileInfo(saved.value()).fileName().startsWith(run.started.toUTC().toString("yyyyMMdd-HHmmss-zzz")));

    const QList<BenchResult> loaded = history.load();
    QCOMPARE(loaded.size(), 1);
    const BenchResult& b = loaded.first();
    QCOMPARE(b.model, run.model);
    QCOMPARE(b.iterationsMs, run.iterationsMs);
    QCOMPARE(b.stats.mean, run.stats.mean);
    QCOMPARE(b.stats.p99, run.stats.p99);
    QCOMPARE(b.throughput, run.throughput);
    QCOMPARE(b.device, run.device);
    QCOMPARE(b.started.toMSecsSinceEpoch(), run.started.toMSecsSinceEpoch());
    QCOMPARE(b.recipe, run.recipe);
    QCOMPARE(b.warnings, run.warnings);
    QCOMPARE(RunHistory::toJson(b), RunHistory::toJson(run));

    const QList<RunHistoryEntry> entries = history.entries();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().path, saved.value());
    QCOMPARE(entries.first().extra, extra);

    // The file itself says what it is.
    QFile f(saved.value());
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    QCOMPARE(o.value("format").toString(), QStringLiteral("atc-workbench-run"));
    QCOMPARE(o.value("version").toInt(), 1);
}

void TestRunHistory::newestFirstAndLimit()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    RunHistory history(dir.path());
    const QDateTime t0 = QDateTime::fromString("2025-03-01T10:00:00.000Z", Qt::ISODateWithMs);
    // Saved out of order; loaded by start time, newest first.
    for (int i : { 2, 0, 4, 1, 3 })
        QVERIFY(history.save(makeRun(QString("/m/model%1.onnx").arg(i), t0.addSecs(i * 60), i)).ok());
    const QList<BenchResult> all = history.load(0);
    QCOMPARE(all.size(), 5);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(all[i].model, QString("/m/model%1.onnx").arg(4 - i));
    const QList<BenchResult> two = history.load(2);
    QCOMPARE(two.size(), 2);
    QCOMPARE(two[1].model, QStringLiteral("/m/model3.onnx"));
}

void TestRunHistory::skipsBadFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    RunHistory history(dir.path());
    const QDateTime t0 = QDateTime::fromString("2025-03-01T10:00:00.000Z", Qt::ISODateWithMs);
    QVERIFY(history.save(makeRun("/m/good1.onnx", t0, 1)).ok());
    QVERIFY(history.save(makeRun("/m/good2.onnx", t0.addSecs(5), 2)).ok());
    // Newer names than the good runs, so they are met first.
    QVERIFY(
        writeFile(dir.filePath("20990101-000000-000_x_truncated.json"), "{\"format\":\"atc-workbench-run\",\"ok\":"));
    QVERIFY(writeFile(dir.filePath("20990101-000000-001_x_foreign.json"), "{\"name\":\"package.json\"}"));
    QVERIFY(writeFile(dir.filePath("20990101-000000-002_x_future.json"),
        "{\"format\":\"atc-workbench-run\",\"version\":99,\"ok\":true,\"runner\":\"om-runner\"}"));
    QVERIFY(writeFile(dir.filePath("20990101-000000-003_x_badtypes.json"),
        "{\"format\":\"atc-workbench-run\",\"version\":1,\"ok\":true,\"runner\":\"msame\",\"iterations_ms\":\"x\"}"));
    QVERIFY(writeFile(dir.filePath("20990101-000000-004_x_binary.json"), QByteArray("\xff\xfe\x00\x01", 4)));
    QVERIFY(writeFile(dir.filePath("notes.txt"), "not a run"));

    QStringList warnings;
    const QList<BenchResult> loaded = history.load(200, &warnings);
    QCOMPARE(loaded.size(), 2);
    QCOMPARE(loaded[0].model, QStringLiteral("/m/good2.onnx"));
    QCOMPARE(warnings.size(), 5);
    for (const QString& w : warnings)
        QVERIFY2(w.startsWith("Skipped run file " + dir.path()), qPrintable(w));
    QVERIFY(warnings.join('\n').contains("not JSON"));
    QVERIFY(warnings.join('\n').contains("version 99 is not supported"));
    QVERIFY(warnings.join('\n').contains("wrong type for iterations_ms"));
    QVERIFY(warnings.join('\n').contains("\"format\" is not"));
    // The limit counts good runs only.
    QCOMPARE(history.load(1).size(), 1);
}

void TestRunHistory::sameMillisecond()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    RunHistory history(dir.path());
    const BenchResult run = makeRun("/m/same.onnx", QDateTime::currentDateTime(), 1);
    const auto a = history.save(run);
    const auto b = history.save(run);
    QVERIFY(a.ok() && b.ok());
    QVERIFY(a.value() != b.value()); // never overwritten
    QCOMPARE(history.load().size(), 2);
}

void TestRunHistory::defaultFolder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    qputenv("WB_RUN_HISTORY", dir.path().toUtf8());
    QCOMPARE(RunHistory::defaultFolder(), dir.path());
    QCOMPARE(RunHistory().folder(), dir.path());
    qunsetenv("WB_RUN_HISTORY");
    QVERIFY(RunHistory::defaultFolder().endsWith("/atc-workbench/atc-workbench/runs"));
    QCOMPARE(RunHistory("/x/y").folder(), QStringLiteral("/x/y"));
}

void TestRunHistory::unwritableFolder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath("file"), "x"));
    RunHistory history(dir.filePath("file/runs")); // under a plain file: cannot be created
    const auto saved = history.save(makeRun("/m/a.onnx", QDateTime::currentDateTime(), 1));
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().code, QStringLiteral("write_failed"));
    QVERIFY(saved.error().message.contains(dir.filePath("file/runs")));
    QVERIFY(history.load().isEmpty()); // nothing there, no crash
}

QTEST_APPLESS_MAIN(TestRunHistory)
#include "tst_runhistory.moc"
