// The Run page through its widgets, against om-runner with the fake libascendcl.so: "n / N" and time left from the
// first warm-up on, Cancel keeping the statistics of the iterations done, a time budget instead of a loop count,
// the empty charts saying what comes next, the defaults of `atcwb bench`, and the warnings the CLI prints.
#include "benchtestutil.h"
#include "charts/latencycharts.h"
#include "i18n.h"
#include "omfile.h"
#include "ortrequired.h"
#include "pages/runpage.h"
#include "readmeshot.h"
#include "run/runhistory.h"
#include "testutil.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QLineF>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTranslator>

using namespace wb;

class TestRunPage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void defaultsAreTheCliDefaults();
    void progressFromTheFirstWarmupAndCancelKeepsStatistics();
    void timeBudgetInsteadOfLoops();
    void emptyChartsSayWhatComesNext();
    void dynamicDimRanAsOneIsShown();
    void ortErrorIsExplained();
    void shownInChineseStoredInEnglish();

private:
    void setUpNpuRun(int warmup, int loops);
    QPushButton* button(const QString& text) const;
    QTemporaryDir m_dir;
    QString m_om;
    RunPage* m_page = nullptr;
};

void TestRunPage::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_om = m_dir.filePath(QStringLiteral("fake_resnet.om"));
    QVERIFY(wbtest::writeOm(m_om));
    // om-runner is found next to this program (the build's bin folder); the fake libascendcl.so through
    // ASCEND_TOOLKIT_HOME, as on a machine with a toolkit.
    const QProcessEnvironment env = benchtest::toolEnvironment();
    for (const QString& key : QProcessEnvironment::systemEnvironment().keys()) {
        if (!env.contains(key))
            qunsetenv(qPrintable(key));
    }
    qputenv("ASCEND_TOOLKIT_HOME", benchtest::fakeToolkit().toLocal8Bit());
}

void TestRunPage::init()
{
    m_page = new RunPage;
    m_page->setHistoryFolder(m_dir.filePath(QStringLiteral("runs-%1").arg(QTest::currentTestFunction())));
    m_page->resize(1200, 800);
    m_page->show();
}

void TestRunPage::cleanup()
{
    delete m_page;
    qunsetenv("FAKE_ACL_EXEC_US_PER_BATCH");
}

QPushButton* TestRunPage::button(const QString& text) const
{
    for (QPushButton* b : m_page->findChildren<QPushButton*>()) {
        if (b->text() == text)
            return b;
    }
    return nullptr;
}

void TestRunPage::setUpNpuRun(int warmup, int loops)
{
    auto* model = m_page->findChild<QComboBox*>(QStringLiteral("runModel"));
    QVERIFY(model);
    model->setCurrentText(m_om);
    // By name: the Strategies tab has a target list of its own.
    auto* target = m_page->findChild<QComboBox*>(QStringLiteral("runTarget"));
    QVERIFY(target);
    target->setCurrentIndex(target->findData(QStringLiteral("npu:0")));
    auto* warm = m_page->findChild<QSpinBox*>(QStringLiteral("runWarmup"));
    QVERIFY(warm);
    warm->setValue(warmup);
    m_page->findChild<QSpinBox*>(QStringLiteral("runLoops"))->setValue(loops);
}

void TestRunPage::defaultsAreTheCliDefaults()
{
    // One default loop count: the Run page's is `atcwb bench`'s (BenchRequest's).
    QCOMPARE(m_page->findChild<QSpinBox*>(QStringLiteral("runLoops"))->value(), BenchRequest().loops);
    QCOMPARE(m_page->request().loops, BenchRequest().loops);
    QCOMPARE(m_page->request().warmup, BenchRequest().warmup);
    QCOMPARE(m_page->request().timeBudgetSec, 0.0);
}

void TestRunPage::progressFromTheFirstWarmupAndCancelKeepsStatistics()
{
    qputenv("FAKE_ACL_EXEC_US_PER_BATCH", "40000"); // 40 ms an iteration: 20 warm-ups take 0.8 s
    setUpNpuRun(20, 200);
    QSignalSpy done(m_page, &RunPage::runFinished);
    QTest::mouseClick(button(QStringLiteral("Run")), Qt::LeftButton);
    QVERIFY(m_page->isRunning());
    // The warm-up shows as progress too: the first seconds do not look frozen.
    QTRY_VERIFY2_WITH_TIMEOUT(
        m_page->progressText().startsWith(QStringLiteral("Warm-up ")), qPrintable(m_page->progressText()), 30000);
    QVERIFY2(m_page->progressText().contains(QStringLiteral(" / 20")), qPrintable(m_page->progressText()));
    // The form is the picture: the charts are still empty.
    QVERIFY(wbtest::readmeShot(m_page->findChild<QLabel*>(QStringLiteral("runStatus"))->parentWidget(),
        QStringLiteral("run-page-warmup.png")));
    QTRY_VERIFY2_WITH_TIMEOUT(
        m_page->progressText().startsWith(QStringLiteral("Iteration ")), qPrintable(m_page->progressText()), 30000);
    QVERIFY2(m_page->progressText().contains(QStringLiteral(" / 200 · about ")), qPrintable(m_page->progressText()));
    QVERIFY2(m_page->progressText().endsWith(QStringLiteral(" left")), qPrintable(m_page->progressText()));
    // For the README's picture, a trace worth seeing (40 of the 200 iterations); else 3 are enough.
    const int samples = wbtest::readmeShotDir().isEmpty() ? 3 : 40;
    QTRY_VERIFY_WITH_TIMEOUT(m_page->charts()->sampleCount() >= samples, 30000);
    QVERIFY2(m_page->progressText().endsWith(QStringLiteral(" left")), qPrintable(m_page->progressText()));
    QVERIFY(wbtest::readmeShot(m_page, QStringLiteral("run-page-progress.png")));

    QTest::mouseClick(button(QStringLiteral("Cancel")), Qt::LeftButton);
    QVERIFY(done.wait(30000));
    QCOMPARE(done.first().first().toBool(), false);
    const BenchResult& r = m_page->lastResult();
    QCOMPARE(r.errorCode, QStringLiteral("cancelled"));
    QVERIFY(!r.iterationsMs.isEmpty() && r.iterationsMs.size() < 200);
    // The statistics of the iterations done are shown, and said to be those.
    QVERIFY2(m_page->statsText().contains(QStringLiteral("mean %1 ms").arg(r.stats.mean, 0, 'f', 3)),
        qPrintable(m_page->statsText()));
    QCOMPARE(m_page->charts()->sampleCount(), int(r.iterationsMs.size()));
    auto* status = m_page->findChild<QLabel*>(QStringLiteral("runStatus"));
    QVERIFY2(status->text().contains(
                 QStringLiteral("The statistics are those of the %1 iteration(s) done.").arg(r.iterationsMs.size())),
        qPrintable(status->text()));
    QVERIFY(wbtest::readmeShot(m_page, QStringLiteral("run-page-cancelled.png")));
    QCOMPARE(benchtest::childPids(), QList<int> {});
}

void TestRunPage::timeBudgetInsteadOfLoops()
{
    qputenv("FAKE_ACL_EXEC_US_PER_BATCH", "20000");
    setUpNpuRun(2, 100);
    auto* budget = m_page->findChild<QDoubleSpinBox*>(QStringLiteral("runTimeBudget"));
    QVERIFY(budget);
    auto* loops = m_page->findChild<QSpinBox*>(QStringLiteral("runLoops"));
    QVERIFY(loops->isEnabled());
    budget->setValue(1);
    QVERIFY(!loops->isEnabled()); // the budget replaces the loop count
    QCOMPARE(m_page->request().timeBudgetSec, 1.0);
    QSignalSpy done(m_page, &RunPage::runFinished);
    QTest::mouseClick(button(QStringLiteral("Run")), Qt::LeftButton);
    QVERIFY(done.wait(60000));
    QVERIFY2(done.first().first().toBool(), qPrintable(m_page->lastResult().error));
    const BenchResult& r = m_page->lastResult();
    QVERIFY(r.iterationsMs.size() > 1);
    QVERIFY2(m_page->warningsText().contains(
                 QStringLiteral("Stopped by the 1 s time budget after %1 iterations.").arg(r.iterationsMs.size())),
        qPrintable(m_page->warningsText()));
    QCOMPARE(m_page->historyCount(), 1);
}

void TestRunPage::emptyChartsSayWhatComesNext()
{
    LatencyCharts* charts = m_page->charts();
    QVERIFY2(charts->traceHint().startsWith(QStringLiteral("Press Run")), qPrintable(charts->traceHint()));
    QVERIFY2(
        charts->compareHint().startsWith(QStringLiteral("Tick runs in the list")), qPrintable(charts->compareHint()));
    qputenv("FAKE_ACL_EXEC_US_PER_BATCH", "1000");
    setUpNpuRun(1, 5);
    QSignalSpy done(m_page, &RunPage::runFinished);
    QTest::mouseClick(button(QStringLiteral("Run")), Qt::LeftButton);
    QVERIFY(done.wait(60000));
    QVERIFY2(done.first().first().toBool(), qPrintable(m_page->lastResult().error));
    QCOMPARE(charts->traceHint(), QString()); // it has iterations now
    // The new run is ticked: one batch size, so the comparison says how to get one.
    QCOMPARE(charts->compareHint(), QStringLiteral("Tick runs of different batch sizes to compare."));
    // The run's two points (mean latency, throughput) lie inside the chart, not on its top edge, and clear of the
    // hint (the throughput point sat on the edge, the hint over the points).
    QCustomPlot* compare = nullptr;
    for (QCustomPlot* plot : charts->findChildren<QCustomPlot*>())
        compare = plot->graphCount() == 2 ? plot : compare;
    QVERIFY(compare);
    compare->replot();
    QCPItemText* hint = nullptr;
    for (int i = 0; i < compare->itemCount(); ++i)
        hint = qobject_cast<QCPItemText*>(compare->item(i)) ? qobject_cast<QCPItemText*>(compare->item(i)) : hint;
    QVERIFY(hint);
    QRect hintBox = QFontMetrics(hint->font()).boundingRect(QRect(), Qt::AlignCenter, hint->text());
    hintBox.moveCenter(hint->position->pixelPosition().toPoint());
    const QRect area = compare->axisRect()->rect();
    QList<QPointF> points;
    for (int g = 0; g < 2; ++g) {
        QCPGraph* graph = compare->graph(g);
        QCOMPARE(graph->dataCount(), 1);
        const QPointF point = graph->coordsToPixels(graph->data()->begin()->key, graph->data()->begin()->value);
        // Near the top (the highest point of its axis) but not on the edge.
        QVERIFY2(point.y() > area.top() + 10 && point.y() < area.center().y() && area.contains(point.toPoint()),
            qPrintable(QStringLiteral("%1 at %2,%3 in %4..%5")
                           .arg(graph->name())
                           .arg(point.x())
                           .arg(point.y())
                           .arg(area.top())
                           .arg(area.bottom())));
        QVERIFY2(!hintBox.adjusted(-6, -6, 6, 6).contains(point.toPoint()), qPrintable(graph->name()));
        points.append(point);
    }
    QVERIFY2(QLineF(points.at(0), points.at(1)).length() > 12, "the two points lie on each other");
}

void TestRunPage::dynamicDimRanAsOneIsShown()
{
    WB_REQUIRE_ORT();
    // An ONNX model with a dynamic batch and no shapes given: it runs as 1, and the page says so in the words the
    // CLI prints (both take them from the result's warnings).
    auto* model = m_page->findChild<QComboBox*>(QStringLiteral("runModel"));
    model->setCurrentText(wbtest::modelPath(QStringLiteral("resnet_dynamic_batch.onnx")));
    m_page->findChild<QLineEdit*>(QStringLiteral("runInputShapes"))->clear();
    m_page->findChild<QSpinBox*>(QStringLiteral("runLoops"))->setValue(2);
    QSignalSpy done(m_page, &RunPage::runFinished);
    QTest::mouseClick(button(QStringLiteral("Run")), Qt::LeftButton);
    QVERIFY(done.wait(120000));
    QVERIFY2(done.first().first().toBool(), qPrintable(m_page->lastResult().error));
    QVERIFY2(m_page->warningsText().contains(QStringLiteral("it ran as input:1,3,224,224")),
        qPrintable(m_page->warningsText()));
    QVERIFY(benchResultToText(m_page->lastResult()).contains(m_page->warningsText()));
    QVERIFY(wbtest::readmeShot(m_page, QStringLiteral("run-page-ran-as-1.png")));
}

void TestRunPage::ortErrorIsExplained()
{
    WB_REQUIRE_ORT();
    // short_signal_conv.onnx (tools/modelgen): y = Conv(x [1, 1, L], a 5-wide kernel, no padding) fails in ONNX
    // Runtime for L < 5. With no shapes given, L runs as 1: the status shows ONNX Runtime's own message, then the
    // node that failed, the shapes used and that the dynamic dims ran as 1 (core's explainOrtRunError).
    auto* model = m_page->findChild<QComboBox*>(QStringLiteral("runModel"));
    model->setCurrentText(wbtest::modelPath(QStringLiteral("short_signal_conv.onnx")));
    m_page->findChild<QLineEdit*>(QStringLiteral("runInputShapes"))->clear();
    m_page->findChild<QSpinBox*>(QStringLiteral("runLoops"))->setValue(2);
    QSignalSpy done(m_page, &RunPage::runFinished);
    QTest::mouseClick(button(QStringLiteral("Run")), Qt::LeftButton);
    QVERIFY(done.wait(120000));
    QCOMPARE(done.first().first().toBool(), false);
    QCOMPARE(m_page->lastResult().errorCode, QStringLiteral("ort_run_failed"));
    auto* statusLabel = m_page->findChild<QLabel*>(QStringLiteral("runStatus"));
    const QString status = statusLabel->text();
    for (const QString& line : { QStringLiteral("Non-zero status code returned while running Conv node."),
             QStringLiteral("Node that failed: '/conv' (Conv)."), QStringLiteral("Input shapes used: x:1,1,1."),
             QStringLiteral("The dynamic dims of 'x' were not given and ran as 1, which is likely too small for "
                            "this model: give the input shapes you deploy with.") })
        QVERIFY2(status.contains(line), qPrintable(status));
    // Each on a line of its own, and the warning under the status says how the dims ran.
    QVERIFY2(status.contains(QStringLiteral("<br>Node that failed")), qPrintable(status));
    QVERIFY2(m_page->warningsText().contains(QStringLiteral("it ran as x:1,1,1")), qPrintable(m_page->warningsText()));
    // Neither is cut off: each label shows (inside its group box) the height its wrapped text needs at its width.
    for (QLabel* label : { statusLabel, m_page->findChild<QLabel*>(QStringLiteral("runWarnings")) }) {
        QTRY_VERIFY2(label->visibleRegion().boundingRect().height() >= label->heightForWidth(label->width()),
            qPrintable(QStringLiteral("%1: %2 px shown, its text needs %3 px at %4 px wide")
                           .arg(label->objectName())
                           .arg(label->visibleRegion().boundingRect().height())
                           .arg(label->heightForWidth(label->width()))
                           .arg(label->width())));
    }
    QVERIFY(wbtest::readmeShot(m_page, QStringLiteral("run-page-ort-error-explained.png")));
}

// In the Chinese window the run's warning and device are shown in Chinese, while the result and the run history
// keep them in English: a run stored from the GUI reads the same as one stored by `atcwb bench`.
void TestRunPage::shownInChineseStoredInEnglish()
{
    WB_REQUIRE_ORT();
    QCOMPARE(installTranslations(qApp, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    const auto removeTranslators = qScopeGuard([] {
        for (QTranslator* t : qApp->findChildren<QTranslator*>()) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
    });
    auto* model = m_page->findChild<QComboBox*>(QStringLiteral("runModel"));
    model->setCurrentText(wbtest::modelPath(QStringLiteral("resnet_dynamic_batch.onnx")));
    m_page->findChild<QLineEdit*>(QStringLiteral("runInputShapes"))->clear();
    m_page->findChild<QSpinBox*>(QStringLiteral("runLoops"))->setValue(2);
    QSignalSpy done(m_page, &RunPage::runFinished);
    m_page->run();
    QVERIFY(done.wait(120000));
    QVERIFY2(done.first().first().toBool(), qPrintable(m_page->lastResult().error));
    const QString status = m_page->findChild<QLabel*>(QStringLiteral("runStatus"))->text();
    const QString warnings = m_page->warningsText();
    const BenchResult stored
        = RunHistory(m_dir.filePath(QStringLiteral("runs-shownInChineseStoredInEnglish"))).load().value(0);
    // Shown: Chinese, with the figures of the run.
    QVERIFY2(warnings.contains(QStringLiteral("它按 input:1,3,224,224 运行")), qPrintable(warnings));
    QVERIFY2(status.startsWith(QStringLiteral("CPU（ONNX Runtime ")) && status.contains(QStringLiteral("默认线程数）")),
        qPrintable(status));
    // Kept: English, in the result and in the history.
    const BenchResult& r = m_page->lastResult();
    QVERIFY2(r.warnings.join(QLatin1Char('\n')).contains(QStringLiteral("it ran as input:1,3,224,224")),
        qPrintable(r.warnings.join(QLatin1Char('\n'))));
    QVERIFY2(r.device.startsWith(QStringLiteral("CPU (ONNX Runtime ")) && r.device.endsWith(", default threads)"),
        qPrintable(r.device));
    QCOMPARE(stored.warnings, r.warnings);
    QCOMPARE(stored.device, r.device);
}

WB_TEST_MAIN(TestRunPage)
#include "tst_runpage.moc"
