// One conversion job through the real queue, ToolRunner and the fake atc: what lands on disk on success and on
// every kind of failure, the classified failure sentence, cancel without orphans, and non-UTF-8 output.
#include "atc/conversionrecipe.h"
#include "conversiontest.h"
#include "run/omheader.h"

#include <QTemporaryDir>

#include <memory>

using namespace wb;
using wbtest::QueueRecorder;

class TestConversionJob : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void successWritesOmRecipeAndLog();
    void recipeOpensInTheForm();
    void failureKeepsTheGoodOm_data();
    void failureKeepsTheGoodOm();
    void killedAndCrashed_data();
    void killedAndCrashed();
    void timeout();
    void cancelMidRunLeavesNoOrphan();
    void destroyingTheQueueKillsTheJob();
    void nonUtf8Output();
    void failedToStart();
    void truncatedOmIsAFailure();
    void stagingNeverFollowsAPlantedSymlink();
    void stagingReplacedMidRunIsNotRemoved();
    void plantedRecipeSymlinkIsReplacedNotFollowed();

private:
    QString freshDir();
    QTemporaryDir m_dir;
    int m_count = 0;
};

void TestConversionJob::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QFileInfo(wbtest::fakeAtc()).isExecutable());
}

QString TestConversionJob::freshDir()
{
    const QString path = m_dir.filePath(QStringLiteral("run%1").arg(++m_count));
    QDir().mkpath(path);
    return path;
}

void TestConversionJob::successWritesOmRecipeAndLog()
{
    const QString out = freshDir();
    const QString stale = out + "/resnet.failed.atc.log"; // an older failure's log goes once the OM is good
    QVERIFY(wbtest::writeAll(stale, "old failure\n"));
    ConversionQueue queue;
    QueueRecorder rec(&queue);
    const ConversionRequest req = wbtest::request("resnet_static.onnx", out, "resnet");
    QVERIFY(wbtest::runToEnd(queue, req));

    QCOMPARE(rec.finished, QList<bool> { true });
    QCOMPARE(rec.queued.size(), 1);
    QCOMPARE(rec.queued.first().om, out + "/resnet.om");
    QCOMPARE(rec.started, QList<int> { 0 });
    QVERIFY2(rec.commands.value(0).contains(out + "/.atcwb-staging-resnet-"), qPrintable(rec.commands.value(0)));
    QVERIFY(rec.stages.value(0).contains("succeeded"));
    const ConversionOutcome o = rec.outcomes.value(0);
    QVERIFY2(o.ok, qPrintable(o.failure));
    QVERIFY(!o.skippedUnchanged);
    QCOMPARE(o.verdict, QStringLiteral("success"));
    QVERIFY(o.failure.isEmpty());
    QCOMPARE(o.result.kind, ToolResult::Kind::Finished);
    QCOMPARE(o.durationMs, o.result.durationMs);
    QCOMPARE(o.omPath, out + "/resnet.om");
    QVERIFY(wbtest::readAll(o.omPath).startsWith("IMOD"));
    QVERIFY2(readOmHeaderFile(o.omPath).valid, qPrintable(readOmHeaderFile(o.omPath).message));
    QCOMPARE(o.logPath, out + "/resnet.om.atc.log");
    QVERIFY(wbtest::readAll(o.logPath).contains("ATC run success, welcome to the next use."));
    QVERIFY(!QFileInfo::exists(stale));
    QCOMPARE(wbtest::stagingLeft(out), QStringList());
    QCOMPARE(QDir(out).entryList(QDir::Files | QDir::Hidden),
        (QStringList { "resnet.om", "resnet.om.atc.log", "resnet.om.recipe.json" }));

    QCOMPARE(o.recipePath, out + "/resnet.om.recipe.json");
    const Result<ConversionRecipe> recipe = loadConversionRecipe(o.recipePath);
    QVERIFY2(recipe.ok(), qPrintable(recipe.ok() ? QString() : recipe.error().message));
    const ConversionJob job = queue.jobs().first();
    QCOMPARE(recipe.value().options, job.options);
    QCOMPARE(recipe.value().argv, job.invocation.argv());
    QVERIFY(recipe.value().argv.contains("--output=" + out + "/resnet")); // the final path, not the staging folder
    QCOMPARE(recipe.value().toolkitVersion, QStringLiteral("8.0.0"));
    QCOMPARE(recipe.value().modelSha256, wbtest::sha256Of(wbtest::modelPath("resnet_static.onnx")));
    QVERIFY(!recipe.value().created.isEmpty());
    QVERIFY(!recipe.value().workbenchVersion.isEmpty());
    // Paths are stored relative to the recipe, so the folder can move together with the model.
    const QJsonObject json = QJsonDocument::fromJson(wbtest::readAll(o.recipePath)).object();
    QCOMPARE(json["flags"].toObject()["output"].toString(), QStringLiteral("resnet"));
    QVERIFY(json["build"].toObject()["model_sha256"].toString().size() == 64);
}

void TestConversionJob::recipeOpensInTheForm()
{
    const QString out = freshDir();
    ConversionQueue queue;
    ConversionRequest req = wbtest::request("resnet_dynamic_batch.onnx", out, "r");
    req.options.inputShape = "input:2,3,224,224";
    req.options.precisionMode = "allow_fp32_to_fp16";
    QVERIFY(wbtest::runToEnd(queue, req));
    QVERIFY(queue.outcomes().first().ok);
    const Result<ConversionRecipe> ours = loadConversionRecipe(out + "/r.om.recipe.json");
    QVERIFY(ours.ok());
    QCOMPARE(ours.value().options.inputShape, QStringLiteral("input:2,3,224,224"));
    QCOMPARE(ours.value().options.precisionMode, QStringLiteral("allow_fp32_to_fp16"));
    QCOMPARE(ours.value().options.model, wbtest::modelPath("resnet_dynamic_batch.onnx"));
    // The form opens recipes with atcoptions.h's loadRecipe, which must accept the "build" object.
    const Result<AtcOptions> form = loadRecipe(out + "/r.om.recipe.json");
    QVERIFY2(form.ok(), qPrintable(form.ok() ? QString() : form.error().message));
    QCOMPARE(form.value(), ours.value().options);
}

void TestConversionJob::failureKeepsTheGoodOm_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("failureStart");
    QTest::newRow("E19010 unsupported op") << "" << QStringList { "FAKE_ATC_UNSUPPORTED_OPS", "Conv" }
                                           << "E19010: No parser is registered for Op [/stem/conv/Conv";
    QTest::newRow("E10001 unknown input") << "input:1,3,224,224" << QStringList { "FAKE_ATC_MODEL_INPUTS", "images" }
                                          << "E10001: Value [-1] for parameter [images] is invalid.";
}

void TestConversionJob::failureKeepsTheGoodOm()
{
    QFETCH(QString, spec);
    QFETCH(QStringList, env);
    QFETCH(QString, failureStart);
    const QString out = freshDir();
    const QByteArray goodOm = QByteArray("IMOD") + QByteArray(60, '\x01') + "good model";
    QVERIFY(wbtest::writeAll(out + "/m.om", goodOm));
    QVERIFY(wbtest::writeAll(out + "/m.om.atc.log", "the good OM's log\n"));
    QVERIFY(wbtest::writeAll(out + "/m.om.recipe.json", "{\"recipe\": \"atc-workbench\"}\n"));
    ConversionQueue queue;
    QueueRecorder rec(&queue);
    ConversionRequest req = wbtest::request("resnet_static.onnx", out, "m", { { env.at(0), env.at(1) } });
    req.options.inputShape = spec;
    QVERIFY(wbtest::runToEnd(queue, req));

    QCOMPARE(rec.finished, QList<bool> { false });
    const ConversionOutcome o = rec.outcomes.value(0);
    QVERIFY(!o.ok);
    QCOMPARE(o.verdict, QStringLiteral("failed"));
    QCOMPARE(o.result.kind, ToolResult::Kind::NonZeroExit);
    QCOMPARE(o.result.exitCode, 255);
    QVERIFY2(o.failure.startsWith(failureStart), qPrintable(o.failure));
    QVERIFY(!o.events.isEmpty());
    QCOMPARE(o.events.first().code, failureStart.left(6));
    // The hint stays in the event, in both forms, for the CLI and the GUI to word their own way.
    QVERIFY(!o.failure.contains(o.events.first().hint) || o.events.first().hint.isEmpty());
    QCOMPARE(o.events.first().hint.isEmpty(), o.events.first().cliHint.isEmpty());
    // The good OM, its log and its recipe are untouched; the failure's log sits beside them.
    QCOMPARE(wbtest::readAll(out + "/m.om"), goodOm);
    QCOMPARE(wbtest::readAll(out + "/m.om.atc.log"), QByteArray("the good OM's log\n"));
    QCOMPARE(wbtest::readAll(out + "/m.om.recipe.json"), QByteArray("{\"recipe\": \"atc-workbench\"}\n"));
    QCOMPARE(o.logPath, out + "/m.failed.atc.log");
    QVERIFY(wbtest::readAll(o.logPath).contains("ATC run failed"));
    QVERIFY(wbtest::readAll(o.logPath).contains(failureStart.left(6).toUtf8()));
    QVERIFY(o.recipePath.isEmpty());
    QCOMPARE(wbtest::stagingLeft(out), QStringList());
}

void TestConversionJob::truncatedOmIsAFailure()
{
    // ATC says success but leaves an OM shorter than its header declares: a failure that says so, no OM promoted.
    const QString out = freshDir();
    ConversionQueue queue;
    QVERIFY(
        wbtest::runToEnd(queue, wbtest::request("resnet_static.onnx", out, "t", { { "FAKE_ATC_OM", "truncated" } })));
    const ConversionOutcome o = queue.outcomes().first();
    QVERIFY(!o.ok);
    QVERIFY2(o.failure.contains("ATC exited with 0 but its output is not an OM"), qPrintable(o.failure));
    QVERIFY2(o.failure.contains("is truncated: its OM header declares"), qPrintable(o.failure));
    QVERIFY2(o.failure.contains("(100 bytes missing)"), qPrintable(o.failure));
    QVERIFY(!QFileInfo::exists(out + "/t.om"));
    QVERIFY(o.recipePath.isEmpty());
    QCOMPARE(wbtest::stagingLeft(out), QStringList());
}

void TestConversionJob::killedAndCrashed_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("failure");
    QTest::newRow("oom SIGKILL")
        << "oom" << int(ToolResult::Kind::Crashed)
        << "ATC was killed, most likely out of memory (SIGKILL) — convert one variant at a time or add swap.";
    QTest::newRow("oom exit 137")
        << "oom-exit" << int(ToolResult::Kind::NonZeroExit)
        << "ATC was killed, most likely out of memory (exit 137) — convert one variant at a time or add swap.";
    QTest::newRow("crash") << "crash" << int(ToolResult::Kind::Crashed) << "ATC crashed (SIGSEGV) after";
}

void TestConversionJob::killedAndCrashed()
{
    QFETCH(QString, mode);
    QFETCH(int, kind);
    QFETCH(QString, failure);
    const QString out = freshDir();
    ConversionQueue queue;
    QVERIFY(wbtest::runToEnd(queue, wbtest::request("resnet_static.onnx", out, "k", { { "FAKE_ATC_MODE", mode } })));
    const ConversionOutcome o = queue.outcomes().first();
    QVERIFY(!o.ok);
    QCOMPARE(int(o.result.kind), kind);
    QVERIFY2(o.failure.startsWith(failure), qPrintable(o.failure));
    QVERIFY(o.verdict != QStringLiteral("success")); // no final line
    QVERIFY(QFileInfo::exists(out + "/k.failed.atc.log"));
    QVERIFY(!QFileInfo::exists(out + "/k.om"));
    QCOMPARE(wbtest::stagingLeft(out), QStringList());
}

void TestConversionJob::timeout()
{
    const QString out = freshDir();
    ConversionQueue queue;
    ConversionRequest req = wbtest::request("resnet_static.onnx", out, "t", { { "FAKE_ATC_MODE", "hang" } });
    req.timeoutSec = 1;
    QVERIFY(wbtest::runToEnd(queue, req));
    const ConversionOutcome o = queue.outcomes().first();
    QCOMPARE(o.result.kind, ToolResult::Kind::TimedOut);
    QVERIFY2(o.durationMs >= 900, qPrintable(QString::number(o.durationMs))); // the 1 s limit, give or take a tick
    QVERIFY2(o.failure.startsWith("ATC was stopped after") && o.failure.contains("time limit"), qPrintable(o.failure));
    QVERIFY(wbtest::readAll(o.logPath).startsWith("ATC start working now"));
    QCOMPARE(wbtest::stagingLeft(out), QStringList());
}

void TestConversionJob::cancelMidRunLeavesNoOrphan()
{
    const QString out = freshDir();
    ConversionQueue queue;
    QueueRecorder rec(&queue);
    QSignalSpy done(&queue, &ConversionQueue::finished);
    queue.start(wbtest::request("resnet_static.onnx", out, "c", { { "FAKE_ATC_MODE", "fork" } }));
    QTRY_VERIFY_WITH_TIMEOUT(rec.workerPid(0) > 0, 20000);
    const qint64 worker = rec.workerPid(0);
    QVERIFY(!wbtest::processGone(worker));
    QVERIFY(queue.isRunning());
    queue.cancel();
    QVERIFY(done.wait(20000));
    QVERIFY(!queue.isRunning());
    const ConversionOutcome o = queue.outcomes().first();
    QCOMPARE(o.result.kind, ToolResult::Kind::Cancelled);
    QVERIFY2(o.failure.startsWith("ATC was cancelled after"), qPrintable(o.failure));
    QTRY_VERIFY_WITH_TIMEOUT(wbtest::processGone(worker), 5000);
    QVERIFY(wbtest::readAll(o.logPath).contains("worker pid"));
    QCOMPARE(wbtest::stagingLeft(out), QStringList());
}

void TestConversionJob::destroyingTheQueueKillsTheJob()
{
    const QString out = freshDir();
    auto queue = std::make_unique<ConversionQueue>();
    QueueRecorder rec(queue.get());
    queue->start(wbtest::request("resnet_static.onnx", out, "d", { { "FAKE_ATC_MODE", "fork" } }));
    QTRY_VERIFY_WITH_TIMEOUT(rec.workerPid(0) > 0, 20000);
    const qint64 worker = rec.workerPid(0);
    queue.reset(); // e.g. the window closing: nothing is emitted, nothing is left behind
    QTRY_VERIFY_WITH_TIMEOUT(wbtest::processGone(worker), 5000);
    QVERIFY(rec.finished.isEmpty());
    QCOMPARE(wbtest::stagingLeft(out), QStringList());
    QVERIFY(wbtest::readAll(out + "/d.failed.atc.log").contains("worker pid"));
    QVERIFY(!QFileInfo::exists(out + "/d.om"));
}

void TestConversionJob::nonUtf8Output()
{
    const QString out = freshDir();
    ConversionQueue queue;
    QueueRecorder rec(&queue);
    QVERIFY(
        wbtest::runToEnd(queue, wbtest::request("resnet_static.onnx", out, "u", { { "FAKE_ATC_MODE", "nonutf8" } })));
    // The fake prints broken bytes and exits 0 without writing an OM: that must be a clear failure, not a crash.
    QVERIFY(rec.lines.value(0).contains(QString::fromUtf8("valid \xe6\xa8\xa1\xe5\x9e\x8b UTF-8")));
    const ConversionOutcome o = queue.outcomes().first();
    QVERIFY(!o.ok);
    QCOMPARE(o.result.kind, ToolResult::Kind::Finished);
    QVERIFY2(o.failure.startsWith("ATC exited with 0 but wrote no OM"), qPrintable(o.failure));
    const QByteArray log = wbtest::readAll(o.logPath);
    QVERIFY(log.contains("broken \xef\xbf\xbd")); // decoded leniently, written back as valid UTF-8
    QVERIFY(log.contains("ATC run success"));
    QVERIFY(!o.events.isEmpty() && o.events.first().code == "W11001");
    QCOMPARE(wbtest::stagingLeft(out), QStringList());
}

void TestConversionJob::failedToStart()
{
    const QString out = freshDir();
    ConversionQueue queue;
    ConversionRequest req = wbtest::request("resnet_static.onnx", out, "f");
    req.toolkit.atcPath = m_dir.filePath("no/such/atc");
    QVERIFY(wbtest::runToEnd(queue, req));
    const ConversionOutcome o = queue.outcomes().first();
    QCOMPARE(o.result.kind, ToolResult::Kind::FailedToStart);
    QVERIFY2(o.failure.startsWith("atc could not be started: "), qPrintable(o.failure));
    QVERIFY(!QFileInfo::exists(out + "/f.om"));
    QCOMPARE(wbtest::stagingLeft(out), QStringList());
}

// The staging folder's name used to be predictable (.atcwb-staging-<name>-<pid>-<n>, n counting jobs in the
// process) and an existing entry of that name was removed recursively: a symlink planted there in a shared output
// folder emptied the folder it pointed to. Plant one for every name the old scheme could pick, then convert.
void TestConversionJob::stagingNeverFollowsAPlantedSymlink()
{
    const QString out = freshDir();
    const QString precious = freshDir();
    QVERIFY(wbtest::writeAll(precious + "/keep.txt", "keep me\n"));
    constexpr int kPlanted = 200;
    for (int n = 1; n <= kPlanted; ++n)
        QVERIFY(QFile::link(precious,
            out + QStringLiteral("/.atcwb-staging-planted-%1-%2").arg(QCoreApplication::applicationPid()).arg(n)));
    ConversionQueue queue;
    QueueRecorder rec(&queue);
    QVERIFY(wbtest::runToEnd(queue, wbtest::request("resnet_static.onnx", out, "planted")));
    const ConversionOutcome o = rec.outcomes.value(0);
    QVERIFY2(o.ok, qPrintable(o.failure));
    QCOMPARE(wbtest::readAll(precious + "/keep.txt"), QByteArray("keep me\n"));
    QCOMPARE(QDir(precious).entryList(QDir::Files), QStringList { "keep.txt" });
    QCOMPARE(wbtest::stagingLeft(out).size(), kPlanted); // the planted links are not the run's to delete
    // The staging folder had a random name, none of the planted ones.
    const QString command = rec.commands.value(0);
    QVERIFY2(command.contains(out + "/.atcwb-staging-planted-"), qPrintable(command));
    QVERIFY2(!command.contains(QStringLiteral("-%1-").arg(QCoreApplication::applicationPid())), qPrintable(command));
}

// A staging folder swapped for a symlink while ATC runs (someone with write access to the output folder) is not
// followed when the run cleans up: only the folder the run created is removed.
void TestConversionJob::stagingReplacedMidRunIsNotRemoved()
{
    const QString out = freshDir();
    const QString precious = freshDir();
    QVERIFY(wbtest::writeAll(precious + "/keep.txt", "keep me\n"));
    ConversionQueue queue;
    QueueRecorder rec(&queue);
    const ConversionRequest req
        = wbtest::request("resnet_static.onnx", out, "swapped", { { "FAKE_ATC_MODE", "hang" } });
    QSignalSpy done(&queue, &ConversionQueue::finished);
    queue.start(req);
    QTRY_VERIFY_WITH_TIMEOUT(!rec.started.isEmpty(), 20000);
    const QStringList staging = wbtest::stagingLeft(out);
    QCOMPARE(staging.size(), 1);
    const QString path = out + "/" + staging.first();
    QVERIFY(QDir(path).removeRecursively()); // the job's own files go too; the run cannot promote anything
    QVERIFY(QFile::link(precious, path));
    queue.cancel();
    QVERIFY(done.wait(20000));
    QCOMPARE(wbtest::readAll(precious + "/keep.txt"), QByteArray("keep me\n"));
    QVERIFY(QFileInfo(path).isSymLink()); // left alone
}

// The recipe beside the OM is a name the run derives in a shared output folder: a symlink planted under that name
// is replaced by the recipe, never written through (QSaveFile alone follows it and overwrites its target).
void TestConversionJob::plantedRecipeSymlinkIsReplacedNotFollowed()
{
    const QString out = freshDir();
    const QString victim = freshDir() + "/victim.txt";
    QVERIFY(wbtest::writeAll(victim, "mine\n"));
    QVERIFY(QFile::link(victim, out + "/linked.om.recipe.json"));
    ConversionQueue queue;
    QueueRecorder rec(&queue);
    QVERIFY(wbtest::runToEnd(queue, wbtest::request("resnet_static.onnx", out, "linked")));
    const ConversionOutcome o = rec.outcomes.value(0);
    QVERIFY2(o.ok, qPrintable(o.failure));
    QCOMPARE(wbtest::readAll(victim), QByteArray("mine\n"));
    QVERIFY(!QFileInfo(o.recipePath).isSymLink());
    QVERIFY(loadConversionRecipe(o.recipePath).ok());
}

QTEST_GUILESS_MAIN(TestConversionJob)
#include "tst_conversionjob.moc"
