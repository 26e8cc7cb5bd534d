// om-runner --profile against the fake AscendCL's model subscription: per-op records, the op_profile line, the
// subscription torn down in order, a failing subscription reported as a warning, and the records read by
// wb::RunnerProfileCollector into a profile.
#include "omrunnertest.h"
#include "profile/runnerprofile.h"

#include <QRegularExpression>

using namespace wbtest;

class TestOmRunnerProfile : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void recordsPerOp();
    void subscriptionFailureIsAWarning();
    void withoutProfileNoRecords();

private:
    QTemporaryDir m_dir;
    QString m_model;
};

void TestOmRunnerProfile::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_model = m_dir.filePath("model.om");
    QVERIFY(writeOm(m_model));
}

void TestOmRunnerProfile::recordsPerOp()
{
    OmRun run(runArgs(m_model, { "--loops", "25", "--warmup", "3", "--profile" }),
        { { "FAKE_ACL_OPS", "conv1:Conv2D:120,cast1:Cast:30.5,relu1:Relu:8" } });
    WB_VERIFY_FINISHED(run);
    QCOMPARE(run.exitCode(), 0);
    // The records come after the timed loop, before the summary; warm-up is not profiled.
    const QStringList names = run.eventNames();
    const qsizetype lastIteration = names.lastIndexOf("iteration");
    QCOMPARE(names.mid(lastIteration + 1), QStringList({ "op", "op", "op", "op_profile", "summary" }));
    const QList<QJsonObject> ops = run.all("op");
    QCOMPARE(ops.at(0).value("name").toString(), QStringLiteral("conv1"));
    QCOMPARE(ops.at(0).value("type").toString(), QStringLiteral("Conv2D"));
    QCOMPARE(ops.at(0).value("count").toInt(), 25);
    QCOMPARE(ops.at(0).value("total_us").toDouble(), 3000.0);
    QCOMPARE(ops.at(0).value("median_us").toDouble(), 120.0);
    QCOMPARE(ops.at(1).value("name").toString(), QStringLiteral("cast1"));
    QCOMPARE(ops.at(1).value("min_us").toDouble(), 30.5);
    const QJsonObject summary = run.first("op_profile");
    QCOMPARE(summary.value("ops").toInt(), 3);
    QCOMPARE(summary.value("records").toInt(), 75);
    QCOMPARE(summary.value("unreadable").toInt(), 0);
    QCOMPARE(summary.value("iterations").toInt(), 25);
    QCOMPARE(summary.value("op_us_per_iteration").toDouble(), 158.5);
    QVERIFY(summary.value("host_us_per_iteration").toDouble() >= 0);
    // Subscribed after warm-up, unsubscribed before teardown, every object released in order.
    const QStringList log = run.log();
    // (QStringList::indexOf matches the whole line)
    const qsizetype subscribed = log.indexOf(QRegularExpression("\\+subscribe \\d+"));
    const qsizetype unsubscribed = log.indexOf(QRegularExpression("-subscribe \\d+"));
    QVERIFY2(subscribed > 0, qPrintable(log.join('\n')));
    QCOMPARE(log.mid(0, subscribed).filter(QRegularExpression("^execute ")).size(), 3); // warm-up: not profiled
    QVERIFY(unsubscribed > subscribed);
    QCOMPARE(log.mid(subscribed, unsubscribed - subscribed).filter(QRegularExpression("^execute ")).size(), 25);
    QCOMPARE(log.filter(QRegularExpression("^execute ")).size(), 28);
    const QString problem = teardownProblem(log);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    // The app side reads the same lines into a profile.
    wb::RunnerProfileCollector collector;
    int consumed = 0;
    for (const QJsonObject& event : run.events)
        consumed += collector.feed(QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact)));
    QCOMPARE(consumed, 4);
    const auto profile = collector.profile();
    QVERIFY(profile.has_value());
    QCOMPARE(profile->kind, wb::ProfileKind::Runner);
    QCOMPARE(profile->ops.size(), 3);
    QCOMPARE(profile->iterations, 25);
    QCOMPARE(profile->totalUsPerIteration(), 158.5);
    QVERIFY(profile->hostUsPerIteration.has_value());
    QVERIFY(qAbs(profile->ops.at(0).percent - 120.0 / 158.5 * 100.0) < 1e-9);
}

void TestOmRunnerProfile::subscriptionFailureIsAWarning()
{
    OmRun run(
        runArgs(m_model, { "--loops", "4", "--profile" }), { { "FAKE_ACL_FAIL", "aclprofModelSubscribe:500005" } });
    WB_VERIFY_FINISHED(run);
    QCOMPARE(run.exitCode(), 0); // the run goes on, without an op profile
    QCOMPARE(run.count("iteration"), 4);
    QCOMPARE(run.count("op"), 0);
    QCOMPARE(run.count("op_profile"), 0);
    const QJsonObject warning = run.first("warning");
    QCOMPARE(warning.value("call").toString(), QStringLiteral("aclprofModelSubscribe"));
    QCOMPARE(warning.value("code").toInt(), 500005);
    QVERIFY(warning.value("message").toString().contains("without an op profile"));
    QVERIFY(QString::fromUtf8(run.err).contains("aclprofModelSubscribe"));
    const QString problem = teardownProblem(run.log());
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestOmRunnerProfile::withoutProfileNoRecords()
{
    OmRun run(runArgs(m_model, { "--loops", "3" }));
    WB_VERIFY_FINISHED(run);
    QCOMPARE(run.exitCode(), 0);
    QCOMPARE(run.count("op"), 0);
    QVERIFY(run.log().filter("subscribe").isEmpty());
}

QTEST_GUILESS_MAIN(TestOmRunnerProfile)
#include "tst_omrunner_profile.moc"
