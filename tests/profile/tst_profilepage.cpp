// The Profile page and its wiring in the real window: a CSV read on a worker into the sortable table and the
// by-type chart, a comparison, the profile on the Graph page's nodes (overlay marks, the sidebar), unmapped ops
// listed, exports, a dropped PROF folder, a bad file reported, and the Run page's profiling check boxes.
#include "charts/profilechart.h"
#include "graph/graphdocument.h"
#include "graph/overlaymodel.h"
#include "mainwindow.h"
#include "pages/graphpage.h"
#include "pages/profilepage.h"
#include "pages/runpage.h"
#include "profile/opprofilemodel.h"
#include "settings/settings.h"
#include "testutil.h"
#include "widgets/messagebar.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QMimeData>
#include <QTableView>
#include <QTemporaryDir>

using namespace wb;

namespace {

QString dataPath(const QString& name)
{
    return QStringLiteral(WB_TEST_DATA_DIR "/profile/") + name;
}

} // namespace

class TestProfilePage : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void readsIntoTableAndChart();
    void comparesWithAnother();
    void mapsOntoTheGraph();
    void badFileIsReported();
    void runPageCheckBoxes();

private:
    QTemporaryDir* m_dir = nullptr;
    Settings* m_settings = nullptr;
    MainWindow* m_window = nullptr;
};

void TestProfilePage::init()
{
    m_dir = new QTemporaryDir;
    m_settings = new Settings(m_dir->filePath(QStringLiteral("settings.ini")));
    m_window = new MainWindow(*m_settings);
    m_window->show();
}

void TestProfilePage::cleanup()
{
    delete m_window;
    delete m_settings;
    delete m_dir;
}

void TestProfilePage::readsIntoTableAndChart()
{
    ProfilePage* page = m_window->profilePage();
    QAbstractItemModelTester tester(page->tableModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(page, &ProfilePage::profileChanged);
    m_window->openProfile(dataPath("op_summary_current.csv")); // no model needed
    QCOMPARE(m_window->currentPageName(), QStringLiteral("profile"));
    QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 1, 20000);
    QTRY_VERIFY(!page->isBusy());
    QCOMPARE(page->tableModel()->rowCount(), 5);
    QCOMPARE(page->chart()->barCount(), 4); // TopKV2, Conv2D, MatMulV2, TransData
    QVERIFY2(page->summaryText().contains("2 of 17 row(s) skipped"), qPrintable(page->summaryText()));
    // Sorted by time per iteration, largest first; a click on the header sorts by name.
    QTableView* table = page->table();
    QCOMPARE(table->model()->index(0, OpProfileModel::Name).data().toString(), QStringLiteral("/postprocess/TopK"));
    QCOMPARE(table->model()->index(0, OpProfileModel::TaskType).data().toString(), QStringLiteral("AI_CPU"));
    table->sortByColumn(OpProfileModel::Name, Qt::AscendingOrder);
    QCOMPARE(table->model()->index(0, OpProfileModel::Name).data().toString(), QStringLiteral("/fc/Gemm"));
    table->sortByColumn(OpProfileModel::Percent, Qt::AscendingOrder);
    QCOMPARE(table->model()->index(0, OpProfileModel::Name).data().toString(), QStringLiteral("trans_TransData_3"));
    QCOMPARE(table->model()->index(0, OpProfileModel::Cumulative).data().toString(), QStringLiteral("100.00"));
    QString error;
    const QString csv = m_dir->filePath("table.csv");
    QVERIFY(page->exportCsv(csv, &error));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll().count('\n'), 6);
}

void TestProfilePage::comparesWithAnother()
{
    ProfilePage* page = m_window->profilePage();
    m_window->openProfile(dataPath("op_summary_current.csv"));
    QTRY_VERIFY_WITH_TIMEOUT(page->profile() != nullptr, 20000);
    page->openAgainst(dataPath("op_summary_old.csv"));
    QTRY_COMPARE_WITH_TIMEOUT(page->comparisonRows(), 8, 20000);
    QVERIFY2(page->summaryText().contains("5 new, 3 vanished"), qPrintable(page->summaryText()));
}

void TestProfilePage::mapsOntoTheGraph()
{
    const QString model = wbtest::modelPath("two_inputs.onnx");
    QSignalSpy loaded(m_window, &MainWindow::loadFinished);
    m_window->openModel(model);
    QVERIFY(loaded.wait(20000));
    auto onnx = OnnxModel::load(model);
    QVERIFY(onnx.ok());
    const auto doc = graph::GraphDocument::build(*onnx.value());
    QStringList names;
    for (const auto& n : doc->nodes()) {
        if (n.kind == graph::Node::Kind::Operator)
            names.append(n.name);
    }
    QByteArray csv = "Op Name,OP Type,Task Type,Task Duration(us)\n";
    csv += names.at(0).toUtf8() + ",Conv2D,AI_CORE,60\n";
    csv += names.at(1).toUtf8() + ",Relu,AI_CORE,1\n";
    csv += "trans_TransData_7,TransData,AI_VECTOR_CORE,30\n";
    csv += "memcpy_9,MemCopy,AI_CPU,9\n";
    const QString prof = m_dir->filePath("PROF_1/mindstudio_profiler_output");
    QVERIFY(QDir().mkpath(prof));
    QFile f(prof + "/op_summary_1.csv");
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(csv);
    f.close();

    // A dropped PROF folder opens as a profile.
    QMimeData mime;
    mime.setUrls({ QUrl::fromLocalFile(m_dir->filePath("PROF_1")) });
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window, &drop);
    ProfilePage* page = m_window->profilePage();
    QTRY_VERIFY2_WITH_TIMEOUT(page->mapping() != nullptr, qPrintable(page->summaryText()), 20000);
    QCOMPARE(page->unmappedOps(), QStringList({ "trans_TransData_7", "memcpy_9" }));
    // The Graph page: the hot spot (60 % of the op time) listed with the problems; every profiled node filled by
    // its share, the hottest darker; the sidebar gives the node's time.
    const graph::OverlayModel* overlay = m_window->graphPage()->overlay();
    QList<graph::OverlayModel::Mark> marks;
    for (const auto& m : overlay->marks()) {
        if (m.source == QLatin1String("profile"))
            marks.append(m);
    }
    QCOMPARE(marks.size(), 1);
    QCOMPARE(marks.first().node, names.at(0));
    QCOMPARE(marks.first().severity, graph::OverlayModel::Severity::Warning);
    QVERIFY(m_window->showPage(QStringLiteral("graph")));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), 20000);
    const QColor hot = m_window->graphPage()->nodeFill(names.at(0));
    const QColor cool = m_window->graphPage()->nodeFill(names.at(1));
    QVERIFY(hot.isValid() && cool.isValid());
    QVERIFY(hot.lightness() < cool.lightness());
    QVERIFY(m_window->graphPage()->selectNode(names.at(0)));
    QVERIFY2(m_window->graphPage()->sidebarText().contains(QString::fromUtf8("60.000 µs per iteration")),
        qPrintable(m_window->graphPage()->sidebarText()));
    // Model Explorer node data for the mapped nodes.
    QString error;
    const QString json = m_dir->filePath("node_data.json");
    QVERIFY(page->exportNodeData(json, &error));
    QFile nd(json);
    QVERIFY(nd.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(nd.readAll()).object().value("results").toObject().size(), 2);
}

void TestProfilePage::badFileIsReported()
{
    QSignalSpy failed(m_window->profilePage(), &ProfilePage::loadFailed);
    m_window->openProfile(dataPath("missing_column.csv"));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
    QVERIFY(failed.first().first().toString().contains("Task Duration(us)"));
    QVERIFY(m_window->messageBar()->isVisible());
    QVERIFY(m_window->profilePage()->profile() == nullptr);
}

void TestProfilePage::runPageCheckBoxes()
{
    auto* profileOps = m_window->runPage()->findChild<QCheckBox*>(QStringLiteral("runProfileOps"));
    QVERIFY(profileOps);
    QVERIFY(!profileOps->isEnabled()); // the CPU target: nothing to profile on an NPU
    QVERIFY(!m_window->runPage()->request().profileOps);
}

WB_TEST_MAIN(TestProfilePage)
#include "tst_profilepage.moc"
