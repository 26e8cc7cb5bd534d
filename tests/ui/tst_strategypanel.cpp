// The Run page's strategy chart and panel, and Export Bundle…'s worker: what the chart draws for a run (a box and
// a p99 marker per strategy, the budget line), a real CPU strategy run from the panel (ONNX Runtime on a generated
// CNN) stored in the history and listed, the budget re-deciding the recommendation, the table of the sets of batch
// sizes the recommendation chose from, Build These Variants asking only for what is not built (also for a
// recommended set smaller than the batch sizes run), and the bundle written off the GUI thread (or refused naming
// the file).
#include "atc/conversionrecipe.h"
#include "charts/strategychart.h"
#include "ortrequired.h"
#include "run/runhistory.h"
#include "testutil.h"
#include "widgets/bundleexport.h"
#include "widgets/strategypanel.h"

#include <QCheckBox>
#include <QCryptographicHash>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace wb;

namespace {

DispatchRunResult syntheticRun()
{
    DispatchRunResult r;
    r.ok = true;
    r.model = QStringLiteral("/m.onnx");
    r.target = QStringLiteral("cpu");
    const auto add = [&r](wb::dispatch::Strategy s, std::vector<std::uint64_t> batches, std::vector<double> ms,
                         std::uint64_t samples, std::uint64_t executed) {
        wb::dispatch::Measured m;
        m.strategy = s;
        m.batches = std::move(batches);
        for (int i = 0; i < int(ms.size()); ++i) {
            DispatchRecord rec;
            rec.strategy = s;
            rec.index = i;
            rec.ms = ms[size_t(i)];
            r.records << rec;
        }
        m.stats = wb::dispatch::summariseStrategy(ms, samples, executed, executed - samples);
        r.measured.push_back(m);
    };
    add(wb::dispatch::Strategy::PerBatch, { 1, 4, 8 }, { 1, 2, 3, 4, 10 }, 20, 22);
    add(wb::dispatch::Strategy::Max, { 8 }, { 5, 5, 6, 6, 7 }, 20, 40);
    return r;
}

// The synthetic run with a subset search over 1, 4 and 8 for the mix 1:50,8:50: an 8 takes 4 ms on batch 8, 12 ms
// one time in 20, 2 x 2.5 ms on batch 4. Without a budget {1, 8} is fastest ({1, 4, 8} plans alike: a tie, fewer
// OMs); its p99 is 12 ms, so a 10 ms budget picks {1, 4} (p99 5 ms). Worked out in tst_dispatchplan.
DispatchRunResult subsetRun()
{
    DispatchRunResult r = syntheticRun();
    r.requestMix = QStringLiteral("1:50,8:50");
    wb::dispatch::SubsetOptions options;
    std::string error;
    wb::dispatch::parseRequestMix("1:50,8:50", options.mix, error);
    options.candidates = { 1, 4, 8, 16 };
    std::vector<wb::dispatch::BatchSamples> samples { { 1, { 1.0 }, 0 }, { 4, { 2.5 }, 1 }, { 8, {}, 0 } };
    samples[2].ms.assign(19, 4.0);
    samples[2].ms.push_back(12.0);
    r.subsets = wb::dispatch::simulateSubsets(samples, options);
    redecideDispatch(r, 0);
    return r;
}

QStringList column(QTableWidget* table, int c)
{
    QStringList out;
    for (int row = 0; row < table->rowCount(); ++row)
        out << table->item(row, c)->text();
    return out;
}

// An OM with the recipe ATC Workbench writes beside it (as tst_bundlecli does).
QString makeOm(const QString& dir, const QString& name, qint64 batch)
{
    const QString om = QDir(dir).filePath(name + ".om");
    QFile f(om);
    QByteArray bytes(256 + 64, '\0');
    memcpy(bytes.data(), "IMOD", 4);
    qToLittleEndian<quint32>(256, bytes.data() + 4);
    qToLittleEndian<quint32>(1, bytes.data() + 156);
    qToLittleEndian<quint64>(64, bytes.data() + 184);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return {};
    f.close();
    ConversionRecipe recipe;
    recipe.options.model = wbtest::modelPath("resnet_dynamic_batch.onnx");
    recipe.options.socVersion = QStringLiteral("Ascend310P3");
    recipe.options.inputShape = QStringLiteral("input:%1,3,224,224").arg(batch);
    recipe.batch = batch;
    recipe.modelSha256 = sha256File(recipe.options.model).value();
    return saveConversionRecipe(recipe, recipePathFor(om)).ok() ? om : QString();
}

} // namespace

class TestStrategyPanel : public QObject {
    Q_OBJECT
private slots:
    void chartDrawsEveryStrategy();
    void budgetRedecides();
    void buildAsksOnlyForWhatIsMissing();
    void subsetsTableAndBudget();
    void buildSendsTheMissingOfTheRecommendedSet();
    void cpuRunFromThePanel();
    void exportBundle();
};

void TestStrategyPanel::chartDrawsEveryStrategy()
{
    StrategyChart chart;
    const DispatchRunResult run = syntheticRun();
    chart.setRun(run, 8.5);
    QCOMPARE(chart.strategies(), (QStringList { "per-batch", "max" }));
    QCOMPARE(chart.p99Markers(), (QList<double> { run.measured[0].stats.p99Ms, run.measured[1].stats.p99Ms }));
    QCOMPARE(chart.budgetLine(), 8.5);
    chart.setRun(run, 0);
    QCOMPARE(chart.budgetLine(), 0.0);
    chart.resize(900, 300);
    QTemporaryDir dir;
    QVERIFY(chart.savePng(dir.filePath("chart.png")));
    QVERIFY(QImage(dir.filePath("chart.png")).width() > 0);
}

void TestStrategyPanel::budgetRedecides()
{
    // per-batch: p99 9.76 ms, 20 samples in 20 ms (1000/s); max: p99 6.96 ms, 20 samples in 29 ms (690/s).
    QTemporaryDir history;
    StrategyPanel panel;
    panel.setHistoryFolder(history.path());
    DispatchRunResult run = syntheticRun();
    run.recommendation = wb::dispatch::recommend(run.measured, 0);
    panel.showRun(run);
    QVERIFY2(panel.recommendationText().contains("per-batch with batch sizes 1, 4 and 8"),
        qPrintable(panel.recommendationText()));
    auto* budget = panel.findChild<QDoubleSpinBox*>("strategyBudget");
    QVERIFY(budget);
    budget->setValue(8);
    QVERIFY2(panel.recommendationText().contains("max with batch sizes 8"), qPrintable(panel.recommendationText()));
    QVERIFY(panel.recommendationText().contains("within the 8.000 ms budget"));
    QVERIFY2(panel.recommendationText().contains("per-batch is faster (1000.0 samples/s) but its p99 is 9.760 ms"),
        qPrintable(panel.recommendationText()));
    QCOMPARE(panel.chart()->budgetLine(), 8.0);
}

void TestStrategyPanel::buildAsksOnlyForWhatIsMissing()
{
    QTemporaryDir history;
    StrategyPanel panel;
    panel.setHistoryFolder(history.path());
    DispatchRunResult run = syntheticRun();
    run.recommendation = wb::dispatch::recommend(run.measured, 0); // per-batch 1, 4, 8
    panel.setBuiltBatches({ 1, 8 });
    panel.showRun(run);
    QCOMPARE(panel.unbuiltRecommendation(), (QList<qint64> { 4 }));
    auto* build = panel.findChild<QPushButton*>("buildVariants");
    QVERIFY(build && build->isEnabled());
    QSignalSpy asked(&panel, &StrategyPanel::buildVariantsRequested);
    build->click();
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.first().first().value<QList<qint64>>(), (QList<qint64> { 4 }));
    panel.setBuiltBatches({ 1, 4, 8 });
    QVERIFY(!build->isEnabled());
}

void TestStrategyPanel::subsetsTableAndBudget()
{
    QTemporaryDir history;
    StrategyPanel panel;
    panel.setHistoryFolder(history.path());
    panel.showRun(subsetRun());
    QTableWidget* table = panel.subsetsTable();
    QVERIFY(table && !table->isHidden());
    QCOMPARE(table->rowCount(), 7); // every non-empty subset of 1, 4, 8 (16 was not measured)
    QCOMPARE(column(table, 0).first(), QString("1, 8 (recommended)"));
    QVERIFY(table->item(0, 0)->font().bold());
    QVERIFY(!table->item(1, 0)->font().bold());
    QCOMPARE(column(table, 0).at(1), QString("1, 4, 8")); // as fast, one OM more
    QCOMPARE(column(table, 4), QStringList(7, "yes"));
    QVERIFY2(panel.recommendationText().contains("Batch sizes 1 and 8 give the highest throughput"),
        qPrintable(panel.recommendationText()));
    const QString caption = panel.findChild<QLabel*>("strategySubsetsCaption")->text();
    QVERIFY2(caption.contains("7 of 7 shown") && caption.contains("10000 simulated requests")
            && caption.contains("From calibration runs only: 4.") && caption.contains("Not measured, left out: 16."),
        qPrintable(caption));
    // A 10 ms budget rules out every set with batch 8 (p99 12 ms): {1, 4} is recommended, no run needed.
    panel.findChild<QDoubleSpinBox*>("strategyBudget")->setValue(10);
    QCOMPARE(column(table, 0).first(), QString("1, 4 (recommended)"));
    QCOMPARE(column(table, 2).first(), QString("5.000"));
    QCOMPARE(column(table, 4).count("no"), 4); // {8}, {1,8}, {4,8}, {1,4,8}
    QCOMPARE(column(table, 4).last(), QString("no"));
    QVERIFY2(panel.recommendationText().contains("Batch sizes 1 and 4 give the highest throughput for this mix with "
                                                 "p99 within the 10.000 ms budget"),
        qPrintable(panel.recommendationText()));
}

void TestStrategyPanel::buildSendsTheMissingOfTheRecommendedSet()
{
    // The strategies ran over 1, 4 and 8; the search recommends {1, 8}: with 1 and 4 built, only 8 is asked for.
    QTemporaryDir history;
    StrategyPanel panel;
    panel.setHistoryFolder(history.path());
    panel.setBuiltBatches({ 1, 4 });
    panel.showRun(subsetRun());
    QCOMPARE(panel.lastRun().recommendation.batches, (std::vector<std::uint64_t> { 1, 8 }));
    auto* build = panel.findChild<QPushButton*>("buildVariants");
    QVERIFY(build->isEnabled());
    QVERIFY2(build->toolTip().contains("Convert batch sizes 8"), qPrintable(build->toolTip()));
    QSignalSpy asked(&panel, &StrategyPanel::buildVariantsRequested);
    build->click();
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.first().first().value<QList<qint64>>(), (QList<qint64> { 8 }));
    // Within 10 ms the recommendation is {1, 4}: built already, nothing to ask for.
    panel.findChild<QDoubleSpinBox*>("strategyBudget")->setValue(10);
    QVERIFY(!build->isEnabled());
    QCOMPARE(panel.unbuiltRecommendation(), QList<qint64> {});
}

void TestStrategyPanel::cpuRunFromThePanel()
{
    WB_REQUIRE_ORT();
    QTemporaryDir history;
    StrategyPanel panel;
    panel.setHistoryFolder(history.path());
    panel.setModelPath(wbtest::modelPath("resnet_dynamic_batch.onnx"));
    panel.findChild<QLineEdit*>("strategyBatches")->setText("1,2");
    panel.findChild<QLineEdit*>("strategyMix")->setText("1:50,2:50");
    panel.findChild<QSpinBox*>("strategyCount")->setValue(6);
    panel.findChild<QCheckBox*>("strategyDynamic")->setChecked(true);
    QSignalSpy done(&panel, &StrategyPanel::runFinished);
    panel.run();
    QVERIFY(panel.isRunning()); // on a worker: the GUI thread is free
    QVERIFY(done.wait(180000));
    QCOMPARE(done.first().first().toBool(), true);
    QCOMPARE(panel.chart()->strategies(), (QStringList { "per-batch", "dynamic", "max" }));
    QCOMPARE(int(panel.lastRun().records.size()), 18);
    // The sets of 1 and 2, from the requests and the calibration runs, in the table.
    QCOMPARE(panel.subsetsTable()->rowCount(), 3);
    QCOMPARE(panel.lastRun().subsets.measured, (std::vector<std::uint64_t> { 1, 2 }));
    QVERIFY2(panel.recommendationText().startsWith("Recommended: "), qPrintable(panel.recommendationText()));
    // Stored like any other run and listed; a click draws it again.
    QCOMPARE(RunHistory(history.path()).entries().size(), 1);
    QCOMPARE(panel.storedRuns(), 1);
    panel.chart()->clear();
    panel.findChild<QListWidget*>("strategyRuns")->setCurrentRow(0);
    QCOMPARE(panel.chart()->strategies().size(), 3);
}

void TestStrategyPanel::exportBundle()
{
    QTemporaryDir dir;
    const QString b1 = makeOm(dir.path(), "m_b1", 1);
    const QString b4 = makeOm(dir.path(), "m_b4", 4);
    QVERIFY(!b1.isEmpty() && !b4.isEmpty());
    BundleExporter exporter;
    QSignalSpy finished(&exporter, &BundleExporter::finished);
    QVERIFY(exporter.start({ b1, b4 }, dir.filePath("out")));
    QVERIFY(!exporter.start({ b1 }, dir.filePath("other"))); // one at a time
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().at(0).toBool(), true);
    QVERIFY2(finished.first().at(1).toString().contains("2 OMs, batch sizes 1, 4"),
        qPrintable(finished.first().at(1).toString()));
    QVERIFY(QFileInfo::exists(finished.first().at(2).toString()));
    // A file without its recipe: refused, naming it.
    QFile::remove(recipePathFor(b4));
    QVERIFY(exporter.start({ b1, b4 }, dir.filePath("out2")));
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.last().at(0).toBool(), false);
    QVERIFY(finished.last().at(1).toString().contains("m_b4.om has no recipe beside it"));
}

WB_TEST_MAIN(TestStrategyPanel)
#include "tst_strategypanel.moc"
