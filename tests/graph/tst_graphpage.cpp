// The graph page in the real window: layout in the background, search, selection, collapse, export, problems.
#include "graph/graphview.h"
#include "graph/overlaymodel.h"
#include "mainwindow.h"
#include "models/tensortablemodel.h"
#include "pages/graphpage.h"
#include "pages/modelpage.h"
#include "settings/settings.h"
#include "testutil.h"

#include <QIcon>
#include <QImage>
#include <QLabel>
#include <QListView>
#include <QTableView>
#include <QTemporaryDir>

using namespace wb;

class TestGraphPage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void laysOutInBackground();
    void searchAndNavigate();
    void selectionShowsSidebar();
    void collapseAndExpand();
    void exportFiles();
    void problemsFromShapeInference();
    void problemsOneRowPerNode();
    void selectionSyncsWithTable();
    void bigGraphUsesOverview();

private:
    bool open(const char* model);
    QTemporaryDir m_dir;
    Settings* m_settings = nullptr;
    MainWindow* m_window = nullptr;
};

void TestGraphPage::initTestCase()
{
    m_settings = new Settings(m_dir.filePath(QStringLiteral("s.ini")));
    m_window = new MainWindow(*m_settings);
    m_window->resize(1280, 800);
    m_window->show();
}

void TestGraphPage::cleanupTestCase()
{
    delete m_window;
    delete m_settings;
}

bool TestGraphPage::open(const char* model)
{
    QSignalSpy loaded(m_window, &MainWindow::loadFinished);
    m_window->openModel(wbtest::modelPath(QString::fromLatin1(model)));
    if (!loaded.wait(20000))
        return false;
    m_window->showPage(QStringLiteral("graph"));
    QElapsedTimer timer;
    timer.start();
    while (m_window->isBusy() && timer.elapsed() < 20000)
        QTest::qWait(20);
    return !m_window->isBusy() && m_window->graphPage()->scene() != nullptr;
}

void TestGraphPage::laysOutInBackground()
{
    QVERIFY(open("resnet_static.onnx"));
    GraphPage* page = m_window->graphPage();
    QCOMPARE(page->scene()->layout.visible.operatorBoxes, 39);
    QVERIFY(page->view()->scale() > 0.05);
    // Edge labels carry the inferred shapes once shape inference has run.
    bool labelled = false;
    for (const auto& e : page->scene()->layout.visible.edges)
        labelled = labelled || e.shape == QLatin1String("[1, 16, 56, 56]");
    QVERIFY(labelled);
}

void TestGraphPage::searchAndNavigate()
{
    QVERIFY(open("resnet_static.onnx"));
    GraphPage* page = m_window->graphPage();
    QCOMPARE(page->search(QStringLiteral("conv")), 11);
    const int first = page->view()->renderState().currentHit;
    page->nextMatch();
    QVERIFY(page->view()->renderState().currentHit != first);
    page->previousMatch();
    QCOMPARE(page->view()->renderState().currentHit, first);
    QCOMPARE(page->view()->renderState().hits.size(), 11);
    QCOMPARE(page->search(QStringLiteral("no such op")), 0);
    QVERIFY(page->view()->renderState().hits.isEmpty());
}

void TestGraphPage::selectionShowsSidebar()
{
    QVERIFY(open("resnet_static.onnx"));
    GraphPage* page = m_window->graphPage();
    QVERIFY(page->selectNode(QStringLiteral("/stem/maxpool/MaxPool")));
    QCOMPARE(page->selectedNode(), QStringLiteral("/stem/maxpool/MaxPool"));
    const QString text = page->sidebarText();
    QVERIFY2(text.contains(QStringLiteral("kernel_shape")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("[1, 16, 112, 112]")) || text.contains(QStringLiteral("float32")));
    QVERIFY(!page->selectNode(QStringLiteral("not a node")));
}

void TestGraphPage::collapseAndExpand()
{
    QVERIFY(open("resnet_static.onnx"));
    GraphPage* page = m_window->graphPage();
    QSignalSpy done(page, &GraphPage::layoutFinished);
    page->setCollapseDepth(0);
    QVERIFY(done.wait(20000));
    const auto collapsed = page->scene();
    QVERIFY(collapsed->layout.visible.scopeBoxes > 0);
    int scopeItem = -1;
    for (int i = 0; i < collapsed->layout.visible.items.size(); ++i) {
        if (collapsed->layout.visible.items.at(i).scope == QLatin1String("/stem"))
            scopeItem = i;
    }
    QVERIFY(scopeItem >= 0);
    page->toggleItem(scopeItem); // expand /stem again
    QVERIFY(done.wait(20000));
    QCOMPARE(page->scene()->layout.visible.scopeBoxes, collapsed->layout.visible.scopeBoxes - 1);
    page->setCollapseDepth(-1);
    QVERIFY(done.wait(20000));
    QCOMPARE(page->scene()->layout.visible.scopeBoxes, 0);
}

void TestGraphPage::exportFiles()
{
    QVERIFY(open("detector_nms.onnx"));
    GraphPage* page = m_window->graphPage();
    const QString svg = m_dir.filePath(QStringLiteral("g.svg"));
    const QString png = m_dir.filePath(QStringLiteral("g.png"));
    QString error;
    QVERIFY2(page->exportTo(svg, &error), qPrintable(error));
    QVERIFY2(page->exportTo(png, &error), qPrintable(error));
    QFile f(svg);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().contains("NonMaxSuppression"));
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > 100 && image.height() > 300);
    // Not blank: conv boxes are drawn in their category colour.
    int blue = 0;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2)
            blue += image.pixelColor(x, y) == QColor(0x4f, 0x7f, 0xbf) ? 1 : 0;
    }
    QVERIFY(blue > 100);
}

void TestGraphPage::problemsFromShapeInference()
{
    QVERIFY(open("detector_nms.onnx"));
    GraphPage* page = m_window->graphPage();
    // Shape inference marks the node where shapes turn dynamic (the conversion check may mark it too).
    auto shapesMarks = [page] {
        QStringList nodes;
        for (const auto& m : page->overlay()->marks()) {
            if (m.source == QLatin1String("shapes"))
                nodes.append(m.node);
        }
        return nodes;
    };
    QTRY_COMPARE_WITH_TIMEOUT(shapesMarks(), QStringList { QStringLiteral("/postprocess/NonMaxSuppression") }, 20000);
    // The marked node is drawn with a severity.
    const int node = page->scene()->doc->indexOf(QStringLiteral("/postprocess/NonMaxSuppression"));
    const int item = page->scene()->layout.visible.itemOfNode.at(node);
    QTRY_VERIFY(page->view()->renderState().severity.contains(item));
}

// Problems: one short row per node with a severity icon, the detail on selection, no repeats; an unnamed dim is "?"
// (the tooltip keeps the raw name).
void TestGraphPage::problemsOneRowPerNode()
{
    QVERIFY(open("detector_nms.onnx"));
    GraphPage* page = m_window->graphPage();
    using Overlay = graph::OverlayModel;
    const QString longMessage = QStringLiteral("Output 'scores' [unk__165,80] depends on the input's values. ")
        + QStringLiteral("ATC compiles for fixed shapes, and this one is fixed only at run time. ").repeated(3);
    page->overlay()->setMarks(QStringLiteral("check"),
        { { QStringLiteral("/postprocess/NonMaxSuppression"), Overlay::Severity::Warning, longMessage, {} },
            { QStringLiteral("/postprocess/NonMaxSuppression"), Overlay::Severity::Error, QStringLiteral("E19010"),
                {} } });
    page->overlay()->setMarks(QStringLiteral("atc"),
        { { QStringLiteral("/postprocess/NonMaxSuppression"), Overlay::Severity::Warning, longMessage, {} } });
    auto* list = page->findChild<QListView*>(QStringLiteral("problemsList"));
    QVERIFY(list);
    QAbstractItemModel* shown = list->model();
    QStringList rows;
    for (int r = 0; r < shown->rowCount(); ++r)
        rows.append(shown->index(r, 0).data().toString());
    QCOMPARE(rows.count(QStringLiteral("/postprocess/NonMaxSuppression: E19010")), 1); // one row, worst first
    for (const QString& row : rows)
        QVERIFY2(!row.contains(QStringLiteral("unk__")) && row.size() < 140, qPrintable(row));
    const int row = int(rows.indexOf(QStringLiteral("/postprocess/NonMaxSuppression: E19010")));
    QVERIFY(!shown->index(row, 0).data(Qt::DecorationRole).value<QIcon>().isNull());
    list->setCurrentIndex(shown->index(row, 0));
    const QString detail = page->problemDetail();
    QVERIFY2(detail.contains(QStringLiteral("check: E19010")), qPrintable(detail));
    QVERIFY2(
        detail.contains(QStringLiteral("[?,80]")) && !detail.contains(QStringLiteral("unk__165")), qPrintable(detail));
    QCOMPARE(detail.count(QStringLiteral("depends on the input's values")), 1); // said by two sources, listed once
    auto* label = page->findChild<QLabel*>(QStringLiteral("problemDetail"));
    QVERIFY(label && label->toolTip().contains(QStringLiteral("unk__165")));
    page->overlay()->clear(QStringLiteral("check"));
    page->overlay()->clear(QStringLiteral("atc"));
}

void TestGraphPage::selectionSyncsWithTable()
{
    QVERIFY(open("two_inputs.onnx"));
    GraphPage* page = m_window->graphPage();
    QTableView* table = m_window->modelPage()->tensorView();
    table->selectRow(1); // input_tensor_B
    QCOMPARE(page->selectedNode(), QStringLiteral("input_tensor_B"));
    // And back: a click on the output node in the graph selects its row.
    const int node = page->scene()->doc->indexOf(QStringLiteral("scores"));
    const int item = page->scene()->layout.visible.itemOfNode.at(node);
    emit page->view()->itemClicked(item);
    QCOMPARE(table->currentIndex().row(), m_window->modelPage()->tensorModel()->rowForTensor(QStringLiteral("scores")));
}

void TestGraphPage::bigGraphUsesOverview()
{
    // A fitted view of a large graph paints the cached overview instead of every box.
    QVERIFY(open("resnet_static.onnx"));
    GraphView* view = m_window->graphPage()->view();
    view->setScale(1.0);
    view->viewport()->repaint();
    QVERIFY(!view->usesOverview()); // 39 boxes: always drawn for real
    QVERIFY(view->visibleSceneRect().height() < m_window->graphPage()->scene()->bounds().height());
}

QTEST_MAIN(TestGraphPage)
#include "tst_graphpage.moc"
