// ConvertChecks, the Convert page's checks without the page: checked after a pause, again when the shapes change,
// only the newest result delivered, and ATC's own pre-check through the real ToolRunner against the fake atc (its
// findings join ours while the options hold; another model or toolkit forgets them).
#include "atc/convertchecks.h"
#include "conversiontest.h"

#include <QTemporaryDir>

using namespace wb;

class TestConvertChecks : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void checksAfterAPauseAndAgainWhenTheShapeChanges();
    void onlyTheNewestResultIsDelivered();
    void nothingIsCheckedWithoutAModel();
    void precheckJoinsTheFindingsWhileTheOptionsHold();
    void anotherModelOrToolkitForgetsThePrecheck();
    void cancelledPrecheckSaysNothing();
    void precheckNeedsAModelAndAToolkit();

private:
    AtcOptions optionsFor(const OnnxModelPtr& model, const QString& inputShape) const;
    static QString shapeArgument(const AtcCheckResult& result);
    static QStringList rules(const QList<AtcFinding>& findings);

    QTemporaryDir m_tmp;
    OnnxModelPtr m_dynamic; // resnet_dynamic_batch: input -1,3,224,224
    OnnxModelPtr m_static; // resnet_static: a Gemm the fake atc can reject
};

void TestConvertChecks::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY(QFileInfo(wbtest::fakeAtc()).isExecutable());
    auto dynamic = OnnxModel::load(wbtest::modelPath(QStringLiteral("resnet_dynamic_batch.onnx")));
    QVERIFY(dynamic.ok());
    m_dynamic = dynamic.value();
    auto fixed = OnnxModel::load(wbtest::modelPath(QStringLiteral("resnet_static.onnx")));
    QVERIFY(fixed.ok());
    m_static = fixed.value();
}

AtcOptions TestConvertChecks::optionsFor(const OnnxModelPtr& model, const QString& inputShape) const
{
    AtcOptions o;
    o.model = model->summary().path;
    o.output = QDir(m_tmp.path()).filePath(QStringLiteral("out"));
    o.socVersion = QStringLiteral("Ascend310P3");
    o.inputShape = inputShape;
    return o;
}

QString TestConvertChecks::shapeArgument(const AtcCheckResult& result)
{
    for (const QString& argument : result.invocation.arguments) {
        if (argument.startsWith(QLatin1String("--input_shape=")))
            return argument;
    }
    return {};
}

QStringList TestConvertChecks::rules(const QList<AtcFinding>& findings)
{
    QStringList names;
    for (const AtcFinding& f : findings)
        names.append(f.rule);
    return names;
}

void TestConvertChecks::checksAfterAPauseAndAgainWhenTheShapeChanges()
{
    ConvertChecks checks;
    checks.setToolkit(wbtest::fakeToolkit());
    checks.setModel(m_dynamic);
    QSignalSpy started(&checks, &ConvertChecks::checkStarted);
    QSignalSpy findings(&checks, &ConvertChecks::findingsChanged);
    QSignalSpy checked(&checks, &ConvertChecks::checked);

    // No shape: the batch stays -1, which ATC refuses without a profile.
    checks.setOptions(optionsFor(m_dynamic, {}));
    QVERIFY(checks.isChecking());
    QCOMPARE(started.count(), 0); // it waits for the pause first (no event loop has run yet)
    QVERIFY(checked.wait(30000));
    QCOMPARE(started.count(), 1);
    QCOMPARE(findings.count(), 1);
    QVERIFY2(rules(checks.result().findings).contains(QStringLiteral("dynamic_dim_unfixed")),
        qPrintable(rules(checks.result().findings).join(',')));
    QCOMPARE(findings.first().first().value<QList<AtcFinding>>().size(), checks.result().findings.size());
    QVERIFY(shapeArgument(checks.result()).isEmpty());

    // A shape typed: checked again, and the finding goes; the command carries the shape.
    checks.setOptions(optionsFor(m_dynamic, QStringLiteral("input:8,3,224,224")));
    QVERIFY(checks.isChecking());
    QVERIFY(checked.wait(30000));
    QCOMPARE(started.count(), 2);
    QVERIFY2(!rules(checks.result().findings).contains(QStringLiteral("dynamic_dim_unfixed")),
        qPrintable(rules(checks.result().findings).join(',')));
    QCOMPARE(shapeArgument(checks.result()), QStringLiteral("--input_shape=input:8,3,224,224"));
    QCOMPARE(checks.options().inputShape, QStringLiteral("input:8,3,224,224"));
    QTRY_VERIFY(!checks.isChecking());
}

void TestConvertChecks::onlyTheNewestResultIsDelivered()
{
    ConvertChecks checks;
    checks.setToolkit(wbtest::fakeToolkit());
    checks.setModel(m_dynamic);
    QSignalSpy findings(&checks, &ConvertChecks::findingsChanged);
    QSignalSpy checked(&checks, &ConvertChecks::checked);
    // Both start on the thread pool before either result can come back (results come through the event loop):
    // the first one's is stale when it arrives, so it is dropped.
    checks.checkNow(optionsFor(m_dynamic, QStringLiteral("input:1,3,224,224")));
    checks.checkNow(optionsFor(m_dynamic, QStringLiteral("input:4,3,224,224")));
    QVERIFY(checks.isChecking());
    QVERIFY(checked.wait(30000));
    QTRY_VERIFY_WITH_TIMEOUT(!checks.isChecking(), 30000); // the older one has ended too
    QCOMPARE(checked.count(), 1);
    QCOMPARE(findings.count(), 1);
    QCOMPARE(shapeArgument(checks.result()), QStringLiteral("--input_shape=input:4,3,224,224"));

    // clear() drops a check on its way.
    checks.checkNow(optionsFor(m_dynamic, QStringLiteral("input:2,3,224,224")));
    checks.clear();
    QTRY_VERIFY_WITH_TIMEOUT(!checks.isChecking(), 30000);
    QCOMPARE(checked.count(), 1);
    QVERIFY(checks.result().invocation.program.isEmpty());
    QVERIFY(checks.result().findings.isEmpty());
    QVERIFY(!checks.model());
}

void TestConvertChecks::nothingIsCheckedWithoutAModel()
{
    ConvertChecks checks;
    QSignalSpy started(&checks, &ConvertChecks::checkStarted);
    checks.setOptions(optionsFor(m_dynamic, {}));
    QVERIFY(!checks.isChecking());
    checks.checkNow(optionsFor(m_dynamic, {}));
    QVERIFY(!checks.isChecking());
    QCOMPARE(started.count(), 0);
}

void TestConvertChecks::precheckJoinsTheFindingsWhileTheOptionsHold()
{
    ConvertChecks checks;
    checks.setToolkit(wbtest::fakeToolkit({ { QStringLiteral("FAKE_ATC_UNSUPPORTED_OPS"), QStringLiteral("Gemm") } }));
    checks.setModel(m_static);
    QSignalSpy checked(&checks, &ConvertChecks::checked);
    QSignalSpy running(&checks, &ConvertChecks::precheckRunningChanged);
    QSignalSpy finished(&checks, &ConvertChecks::precheckFinished);
    QSignalSpy outdated(&checks, &ConvertChecks::precheckOutdated);
    const AtcOptions o = optionsFor(m_static, {});
    checks.checkNow(o);
    QVERIFY(checked.wait(30000));
    QVERIFY(!rules(checks.result().findings).contains(QStringLiteral("atc_precheck")));

    QVERIFY(checks.canPrecheck());
    QVERIFY(checks.startPrecheck(o));
    QVERIFY(checks.isPrechecking());
    QVERIFY(!checks.startPrecheck(o)); // one at a time
    QVERIFY(finished.wait(30000));
    QVERIFY(!checks.isPrechecking());
    QCOMPARE(running.count(), 2);
    QCOMPARE(running.at(0).at(0).toBool(), true);
    QCOMPARE(running.at(1).at(0).toBool(), false);
    const auto outcome = finished.first().first().value<PrecheckOutcome>();
    QVERIFY(outcome.reportRead);
    QVERIFY(checks.precheckLines() > 0);
    QVERIFY(checks.precheckApplies());
    QString gemm;
    for (const AtcFinding& f : checks.result().findings) {
        if (f.rule == QLatin1String("atc_precheck") && f.severity == AtcSeverity::Error)
            gemm = f.nodes.value(0);
    }
    QVERIFY2(!gemm.isEmpty(), qPrintable(rules(checks.result().findings).join(',')));

    // Checked again with only the output moved: ATC's verdict still holds.
    AtcOptions elsewhere = o;
    elsewhere.output = QDir(m_tmp.path()).filePath(QStringLiteral("other"));
    checks.checkNow(elsewhere);
    QVERIFY(checked.wait(30000));
    QVERIFY(rules(checks.result().findings).contains(QStringLiteral("atc_precheck")));
    QCOMPARE(outdated.count(), 0);

    // Another SoC: the verdict was not about these options, so it leaves the findings, once.
    AtcOptions otherSoc = o;
    otherSoc.socVersion = QStringLiteral("Ascend910B3");
    checks.setOptions(otherSoc);
    QVERIFY(checked.wait(30000));
    QCOMPARE(outdated.count(), 1);
    QVERIFY(!checks.precheckApplies());
    QVERIFY(!rules(checks.result().findings).contains(QStringLiteral("atc_precheck")));
    checks.checkNow(o); // back to the first options: forgotten is forgotten
    QVERIFY(checked.wait(30000));
    QVERIFY(!rules(checks.result().findings).contains(QStringLiteral("atc_precheck")));
    QCOMPARE(outdated.count(), 1);
}

void TestConvertChecks::anotherModelOrToolkitForgetsThePrecheck()
{
    const AtcToolkit slow = wbtest::fakeToolkit({ { QStringLiteral("FAKE_ATC_DELAY_MS"), QStringLiteral("30000") } });
    ConvertChecks checks;
    checks.setToolkit(slow);
    checks.setModel(m_static);
    QSignalSpy running(&checks, &ConvertChecks::precheckRunningChanged);
    QSignalSpy finished(&checks, &ConvertChecks::precheckFinished);
    QSignalSpy forgotten(&checks, &ConvertChecks::precheckForgotten);

    // The same file opened again: the running pre-check is stopped and its verdict never arrives.
    QVERIFY(checks.startPrecheck(optionsFor(m_static, {})));
    checks.setModel(m_static);
    QCOMPARE(forgotten.count(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(running.count(), 2, 30000);
    QVERIFY(!checks.isPrechecking());
    QCOMPARE(finished.count(), 0);

    // The same toolkit again forgets nothing; another ATC version does, and drops the running one's verdict.
    checks.setToolkit(slow);
    QCOMPARE(forgotten.count(), 1);
    QVERIFY(checks.startPrecheck(optionsFor(m_static, {})));
    AtcToolkit newer = slow;
    newer.version = QStringLiteral("8.1.0");
    checks.setToolkit(newer);
    QCOMPARE(forgotten.count(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(running.count(), 4, 30000);
    QCOMPARE(finished.count(), 0);
    QVERIFY(!checks.precheckApplies());
}

void TestConvertChecks::cancelledPrecheckSaysNothing()
{
    ConvertChecks checks;
    checks.setToolkit(wbtest::fakeToolkit({ { QStringLiteral("FAKE_ATC_DELAY_MS"), QStringLiteral("30000") } }));
    checks.setModel(m_static);
    QSignalSpy finished(&checks, &ConvertChecks::precheckFinished);
    QSignalSpy findings(&checks, &ConvertChecks::findingsChanged);
    QVERIFY(checks.startPrecheck(optionsFor(m_static, {})));
    checks.cancelPrecheck();
    QVERIFY(finished.wait(30000));
    QVERIFY(finished.first().first().value<PrecheckOutcome>().result.kind == ToolResult::Kind::Cancelled);
    QVERIFY(!checks.precheckApplies());
    QCOMPARE(findings.count(), 1);
    QVERIFY(!rules(checks.result().findings).contains(QStringLiteral("atc_precheck")));
}

void TestConvertChecks::precheckNeedsAModelAndAToolkit()
{
    ConvertChecks checks;
    checks.setToolkit(wbtest::fakeToolkit());
    QVERIFY(!checks.canPrecheck()); // no model
    QVERIFY(!checks.startPrecheck(optionsFor(m_static, {})));
    checks.setModel(m_static);
    QVERIFY(checks.canPrecheck());
    checks.setToolkit(AtcToolkit {});
    QVERIFY(!checks.canPrecheck());
    QVERIFY(!checks.startPrecheck(optionsFor(m_static, {})));
    QVERIFY(!checks.isPrechecking());
}

WB_TEST_GUILESS_MAIN(TestConvertChecks)
#include "tst_convertchecks.moc"
