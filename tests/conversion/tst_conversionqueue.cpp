// The queue: batch variants and their names, bounded parallelism (checked through jobStarted/jobFinished order),
// the dynamic-batch OM, unchanged recipes skipped (and rebuilt when something changed or with force), cancel and
// shutdown dropping queued jobs, and a request that cannot be planned.
#include "atc/conversionrecipe.h"
#include "conversiontest.h"
#include "process/runningtools.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace wb;
using wbtest::QueueRecorder;

class TestConversionQueue : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void batchVariantsOneAtATime();
    void parallelismTwoOverlaps();
    void dynamicBatchOneOm();
    void unchangedRecipeSkipped();
    void cancelDropsQueued();
    void shutdownAllStopsTheQueue();
    void unplannableRequestFails();

private:
    QString freshDir();
    QTemporaryDir m_dir;
    int m_count = 0;
};

void TestConversionQueue::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

QString TestConversionQueue::freshDir()
{
    const QString path = m_dir.filePath(QStringLiteral("run%1").arg(++m_count));
    QDir().mkpath(path);
    return path;
}

void TestConversionQueue::batchVariantsOneAtATime()
{
    const QString out = freshDir();
    ConversionQueue queue;
    QueueRecorder rec(&queue);
    // A pause before each job's end, so that two jobs would overlap if the queue let them.
    ConversionRequest req = wbtest::request(
        "resnet_dynamic_batch.onnx", out, "resnet_dynamic_batch_Ascend310P3", { { "FAKE_ATC_DELAY_MS", "150" } });
    req.batches = { 1, 4, 8 };
    QVERIFY(wbtest::runToEnd(queue, req));

    QCOMPARE(rec.finished, QList<bool> { true });
    QCOMPARE(queue.jobCount(), 3);
    QCOMPARE(rec.maxRunning, 1);
    QCOMPARE(rec.order, (QStringList { "start 0", "finish 0", "start 1", "finish 1", "start 2", "finish 2" }));
    const QList<qint64> sizes { 1, 4, 8 };
    for (int i = 0; i < 3; ++i) {
        const QString om = QStringLiteral("%1/resnet_dynamic_batch_Ascend310P3_b%2.om").arg(out).arg(sizes.at(i));
        QCOMPARE(rec.queued.at(i).om, om);
        QCOMPARE(rec.queued.at(i).batch, sizes.at(i));
        const ConversionOutcome o = rec.outcomes.value(i);
        QVERIFY2(o.ok, qPrintable(o.failure));
        QCOMPARE(o.omPath, om);
        QCOMPARE(o.batch, sizes.at(i));
        QVERIFY(wbtest::readAll(om).startsWith("IMOD"));
        const QString shape = QStringLiteral("--input_shape=input:%1,3,224,224").arg(sizes.at(i));
        QVERIFY2(rec.commands.value(i).contains(shape), qPrintable(rec.commands.value(i)));
        const Result<ConversionRecipe> recipe = loadConversionRecipe(recipePathFor(om));
        QVERIFY(recipe.ok());
        QCOMPARE(recipe.value().batch, sizes.at(i));
        QVERIFY(recipe.value().argv.contains(shape));
    }
    QCOMPARE(wbtest::stagingLeft(out), QStringList());
}

void TestConversionQueue::parallelismTwoOverlaps()
{
    const QString out = freshDir();
    ConversionQueue queue;
    QueueRecorder rec(&queue);
    ConversionRequest req = wbtest::request("resnet_dynamic_batch.onnx", out, "p", { { "FAKE_ATC_DELAY_MS", "400" } });
    req.batches = { 1, 2, 3 };
    req.parallelism = 2;
    QVERIFY(wbtest::runToEnd(queue, req));
    QCOMPARE(rec.finished, QList<bool> { true });
    QCOMPARE(rec.maxRunning, 2); // never three
    QCOMPARE(rec.order.mid(0, 2), (QStringList { "start 0", "start 1" }));
    QCOMPARE(rec.order.size(), 6);
    QVERIFY(rec.order.indexOf("start 2") > rec.order.indexOf("finish 0")
        || rec.order.indexOf("start 2") > rec.order.indexOf("finish 1"));
    for (int i = 0; i < 3; ++i)
        QVERIFY(rec.outcomes.value(i).ok);
}

void TestConversionQueue::dynamicBatchOneOm()
{
    const QString out = freshDir();
    ConversionQueue queue;
    QueueRecorder rec(&queue);
    ConversionRequest req = wbtest::request("resnet_dynamic_batch.onnx", out, "resnet_dynamic_batch_Ascend310P3");
    req.batches = { 1, 4, 8 };
    req.dynamicBatch = true;
    QVERIFY(wbtest::runToEnd(queue, req));
    QCOMPARE(queue.jobCount(), 1);
    const ConversionOutcome o = rec.outcomes.value(0);
    QVERIFY2(o.ok, qPrintable(o.failure));
    QCOMPARE(o.omPath, out + "/resnet_dynamic_batch_Ascend310P3_dyn.om");
    QCOMPARE(o.batch, -1);
    QVERIFY(rec.commands.value(0).contains("--dynamic_batch_size=1,4,8"));
    QVERIFY(rec.commands.value(0).contains("--input_shape=input:-1,3,224,224"));
    QCOMPARE(QDir(out).entryList({ "*.om" }), QStringList { "resnet_dynamic_batch_Ascend310P3_dyn.om" });
}

void TestConversionQueue::unchangedRecipeSkipped()
{
    const QString out = freshDir();
    const QString model = out + "/model.onnx"; // a copy, so the test can change it
    QVERIFY(QFile::copy(wbtest::modelPath("resnet_static.onnx"), model));
    ConversionRequest req = wbtest::request("resnet_static.onnx", out, "u");
    req.options.model = model;
    auto runOnce = [&](const ConversionRequest& r, int* started) {
        ConversionQueue queue;
        QueueRecorder rec(&queue);
        const bool done = wbtest::runToEnd(queue, r);
        *started = int(rec.started.size());
        return done ? rec.outcomes.value(0) : ConversionOutcome {};
    };
    int started = -1;
    QVERIFY(runOnce(req, &started).ok);
    QCOMPARE(started, 1);
    const QByteArray recipe = wbtest::readAll(out + "/u.om.recipe.json");
    const QJsonObject flags = QJsonDocument::fromJson(recipe).object()["flags"].toObject();
    QCOMPARE(flags["model"].toString(), QStringLiteral("model.onnx")); // beside the OM: relative

    ConversionOutcome o = runOnce(req, &started); // the same again: kept
    QVERIFY(o.ok && o.skippedUnchanged);
    QCOMPARE(started, 0);
    QCOMPARE(o.recipePath, out + "/u.om.recipe.json");
    QCOMPARE(o.logPath, out + "/u.om.atc.log");
    QCOMPARE(wbtest::readAll(out + "/u.om.recipe.json"), recipe);

    ConversionRequest forced = req;
    forced.force = true;
    o = runOnce(forced, &started);
    QVERIFY(o.ok && !o.skippedUnchanged);
    QCOMPARE(started, 1);

    ConversionRequest changed = req;
    changed.options.precisionMode = "force_fp16";
    o = runOnce(changed, &started);
    QVERIFY(o.ok && !o.skippedUnchanged);
    QCOMPARE(started, 1);
    QVERIFY(runOnce(changed, &started).skippedUnchanged); // and that is now the recipe

    ConversionRequest newToolkit = changed;
    newToolkit.toolkit.version = "8.5.0";
    QVERIFY(!runOnce(newToolkit, &started).skippedUnchanged);
    QCOMPARE(started, 1);

    QFile::remove(model); // a different model at the same path, options unchanged
    QVERIFY(QFile::copy(wbtest::modelPath("resnet_dynamic_batch.onnx"), model));
    QVERIFY(!runOnce(newToolkit, &started).skippedUnchanged);
    QVERIFY(runOnce(newToolkit, &started).skippedUnchanged);
    QCOMPARE(wbtest::readAll(out + "/u.om.recipe.json").contains(wbtest::sha256Of(model).toLatin1()), true);

    QVERIFY(wbtest::writeAll(out + "/u.om", "not an om")); // a damaged OM is rebuilt
    QVERIFY(!runOnce(newToolkit, &started).skippedUnchanged);
    QCOMPARE(started, 1);
    QVERIFY(runOnce(newToolkit, &started).skippedUnchanged);

    // An OM cut short (ATC killed while writing it) still starts with "IMOD", yet is no OM: rebuilt, not kept.
    const QByteArray whole = wbtest::readAll(out + "/u.om");
    QVERIFY(wbtest::writeAll(out + "/u.om", whole.left(whole.size() - 100)));
    QVERIFY(wbtest::readAll(out + "/u.om").startsWith("IMOD"));
    o = runOnce(newToolkit, &started);
    QVERIFY2(o.ok && !o.skippedUnchanged, qPrintable(o.failure));
    QCOMPARE(started, 1);
    QCOMPARE(wbtest::readAll(out + "/u.om"), whole);
}

void TestConversionQueue::cancelDropsQueued()
{
    const QString out = freshDir();
    ConversionQueue queue;
    QueueRecorder rec(&queue);
    QSignalSpy done(&queue, &ConversionQueue::finished);
    ConversionRequest req = wbtest::request("resnet_dynamic_batch.onnx", out, "c", { { "FAKE_ATC_MODE", "hang" } });
    req.batches = { 1, 2, 4 };
    queue.start(req);
    QTRY_COMPARE_WITH_TIMEOUT(rec.started.size(), 1, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!rec.lines.value(0).isEmpty(), 20000); // atc is really running
    queue.cancel();
    QVERIFY(done.wait(20000));
    QCOMPARE(rec.finished, QList<bool> { false });
    QCOMPARE(rec.started, QList<int> { 0 });
    QCOMPARE(rec.outcomes.size(), 3);
    QCOMPARE(rec.outcomes.value(0).result.kind, ToolResult::Kind::Cancelled);
    for (int i : { 1, 2 }) {
        QCOMPARE(rec.outcomes.value(i).result.kind, ToolResult::Kind::Cancelled);
        QCOMPARE(rec.outcomes.value(i).failure, QStringLiteral("Cancelled before it started."));
    }
    QCOMPARE(QDir(out).entryList({ "*.om" }), QStringList());
    QCOMPARE(wbtest::stagingLeft(out), QStringList());
}

void TestConversionQueue::shutdownAllStopsTheQueue()
{
    const QString out = freshDir();
    ConversionQueue queue;
    QueueRecorder rec(&queue);
    ConversionRequest req = wbtest::request("resnet_dynamic_batch.onnx", out, "s", { { "FAKE_ATC_MODE", "hang" } });
    req.batches = { 1, 2 };
    queue.start(req);
    QTRY_COMPARE_WITH_TIMEOUT(rec.started.size(), 1, 20000);
    // Quitting the app stops every tool; the queue must not start the next job then.
    QVERIFY(RunningTools::shutdownAll(2000));
    QCOMPARE(rec.finished, QList<bool> { false });
    QVERIFY(!queue.isRunning());
    QCOMPARE(rec.started, QList<int> { 0 });
    QCOMPARE(rec.outcomes.value(1).failure, QStringLiteral("Cancelled before it started."));
    QCOMPARE(RunningTools::count(), 0);
}

void TestConversionQueue::unplannableRequestFails()
{
    const QString out = freshDir();
    ConversionQueue queue;
    QueueRecorder rec(&queue);
    ConversionRequest req = wbtest::request("resnet_static.onnx", out, "x");
    req.batches = { 0 };
    QVERIFY(wbtest::runToEnd(queue, req));
    QCOMPARE(rec.finished, QList<bool> { false });
    QCOMPARE(queue.jobCount(), 1);
    QVERIFY(rec.started.isEmpty());
    QVERIFY2(
        rec.outcomes.value(0).failure.startsWith("Batch size 0 is invalid"), qPrintable(rec.outcomes.value(0).failure));
}

QTEST_GUILESS_MAIN(TestConversionQueue)
#include "tst_conversionqueue.moc"
