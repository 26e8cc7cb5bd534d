// The Shapes page: live inference as input shapes are edited, filters, and the surgery actions.
#include "dialogs/extractdialog.h"
#include "graph/overlaymodel.h"
#include "mainwindow.h"
#include "models/inputshapemodel.h"
#include "models/tensorshapemodel.h"
#include "pages/graphpage.h"
#include "pages/shapespage.h"
#include "readmeshot.h"
#include "settings/settings.h"
#include "testutil.h"
#include "widgets/messagebar.h"

#include <QAbstractItemModelTester>
#include <QDialogButtonBox>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>

using namespace wb;

class TestShapesPage : public QObject {
    Q_OBJECT
private slots:
    void infersOnLoad();
    void editingReruns();
    void invalidEditIsShown();
    void neverGuessesAndSuggests();
    void verdictsInTheTable();
    void filters();
    void saveStaticCopy();
    void extract();
    void extractDialogNeedsAnOutput();
    void mainWindowShowsSurgeryResults();
    void inputTooSmallForNode();

private:
    static OnnxModelPtr load(const char* name)
    {
        const auto r = OnnxModel::load(wbtest::modelPath(QString::fromLatin1(name)));
        return r.ok() ? r.value() : nullptr;
    }
    static bool waitInference(ShapesPage& page, bool* ok = nullptr)
    {
        QSignalSpy spy(&page, &ShapesPage::inferenceFinished);
        if (!spy.wait(20000))
            return false;
        if (ok)
            *ok = spy.first().first().toBool();
        return true;
    }
    QTemporaryDir m_dir;
};

void TestShapesPage::infersOnLoad()
{
    ShapesPage page;
    QAbstractItemModelTester t1(page.inputModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(page.tensorProxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    page.setModel(load("resnet_dynamic_batch.onnx"));
    QVERIFY(page.isInferring());
    bool ok = false;
    QVERIFY(waitInference(page, &ok));
    QVERIFY(ok);
    QVERIFY(!page.isInferring());
    QCOMPARE(page.specText(), QStringLiteral("input:1,3,224,224")); // the proposal for the dynamic batch
    QCOMPARE(page.tensorModel()->rowCount(), 40);
    QVERIFY2(page.statusText().contains(QStringLiteral("every shape is static")), qPrintable(page.statusText()));
}

void TestShapesPage::editingReruns()
{
    ShapesPage page;
    page.setModel(load("resnet_dynamic_batch.onnx"));
    QVERIFY(waitInference(page));
    QVERIFY(page.inputModel()->setData(
        page.inputModel()->index(0, InputShapeModel::StaticShapeColumn), QStringLiteral("8,3,224,224")));
    QCOMPARE(page.specText(), QStringLiteral("input:8,3,224,224"));
    bool ok = false;
    QVERIFY(waitInference(page, &ok));
    QVERIFY(ok);
    QCOMPARE(page.lastResult().outputs.first().shapeText(), QStringLiteral("[8, 1000]"));
    // Quick successive edits: only the last one's result lands.
    for (const char* dims : { "2,3,224,224", "3,3,224,224", "4,3,224,224" })
        page.inputModel()->setStaticShape(0, QString::fromLatin1(dims));
    QVERIFY(waitInference(page));
    QCOMPARE(page.lastResult().outputs.first().shapeText(), QStringLiteral("[4, 1000]"));
}

void TestShapesPage::invalidEditIsShown()
{
    ShapesPage page;
    page.setModel(load("resnet_dynamic_batch.onnx"));
    QVERIFY(waitInference(page));
    page.inputModel()->setStaticShape(0, QStringLiteral("8,3"));
    bool ok = false;
    QVERIFY(waitInference(page, &ok));
    QVERIFY(ok); // the row is left as the model declares it; the tensors it reaches follow it
    QVERIFY2(page.statusText().contains(QStringLiteral("has 4 dimensions; 2 given")), qPrintable(page.statusText()));
    QVERIFY2(
        page.statusText().contains(QStringLiteral("follow(s) inputs not sized yet")), qPrintable(page.statusText()));
    QSignalSpy done(&page, &ShapesPage::surgeryFinished);
    page.saveStaticCopyTo(m_dir.filePath(QStringLiteral("never.onnx")));
    QCOMPARE(done.count(), 1);
    QCOMPARE(done.first().first().toBool(), false);
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("never.onnx"))));
}

void TestShapesPage::neverGuessesAndSuggests()
{
    // [batch, 3, height, width] with imgsz in its metadata: the batch is proposed, height and width are asked for,
    // the metadata is offered; nothing is written until they have sizes.
    ShapesPage page;
    page.setModel(load("yolo_like.onnx"));
    bool ok = false;
    QVERIFY(waitInference(page, &ok));
    QVERIFY(ok);
    QVERIFY2(
        page.statusText().contains(QStringLiteral("Input 'images' needs a size for height (dim 2), width (dim 3).")),
        qPrintable(page.statusText()));
    QVERIFY2(page.suggestionText().contains(
                 QStringLiteral("images: dim 2 = 640, dim 3 = 640 (metadata imgsz = [640, 640])")),
        qPrintable(page.suggestionText()));
    QVERIFY(page.specText().isEmpty());
    QSignalSpy done(&page, &ShapesPage::surgeryFinished);
    page.saveStaticCopyTo(m_dir.filePath(QStringLiteral("never_yolo.onnx")));
    QCOMPARE(done.count(), 1);
    QCOMPARE(done.first().first().toBool(), false);
    page.applySuggestions();
    QCOMPARE(page.specText(), QStringLiteral("images:1,3,640,640"));
    QVERIFY(page.suggestionText().isEmpty());
    QVERIFY(waitInference(page, &ok));
    QVERIFY2(page.statusText().contains(QStringLiteral("every shape is static")), qPrintable(page.statusText()));
    QVERIFY2(page.statusText().contains(QStringLiteral("node(s) of shape arithmetic folded")),
        qPrintable(page.statusText()));
    const QString path = m_dir.filePath(QStringLiteral("yolo_simple.onnx"));
    page.saveSimplifiedCopyTo(path);
    QVERIFY(done.wait(60000));
    QVERIFY2(done.last().first().toBool(), qPrintable(done.last().at(1).toString()));
    QCOMPARE(done.last().at(1).toString(), path);
    QVERIFY2(done.last().at(2).toString().startsWith(QStringLiteral("Simplified copy written: 141 → ")),
        qPrintable(done.last().at(2).toString()));
}

void TestShapesPage::verdictsInTheTable()
{
    ShapesPage page;
    page.setModel(load("detector_nms.onnx"));
    QVERIFY(waitInference(page));
    const TensorShapeModel* m = page.tensorModel();
    QString nms, folded;
    for (int row = 0; row < m->rowCount(); ++row) {
        const QString name = m->index(row, TensorShapeModel::NameColumn).data().toString();
        const QString why = m->index(row, TensorShapeModel::StatusColumn).data().toString();
        if (name == QLatin1String("selected_indices"))
            nms = why;
        if (name == QLatin1String("/head/box/Constant_output_0"))
            folded = why;
    }
    QCOMPARE(nms, QStringLiteral("data-dependent: /postprocess/NonMaxSuppression"));
    QCOMPARE(folded, QStringLiteral("folded: [1, 4, 400]"));
    QVERIFY2(
        page.statusText().contains(QStringLiteral("Extract Sub-model can cut just before it: keeps 16 of 17 nodes")),
        qPrintable(page.statusText()));
}

void TestShapesPage::filters()
{
    ShapesPage page;
    page.setModel(load("detector_nms.onnx"));
    QVERIFY(waitInference(page));
    QCOMPARE(page.tensorProxy()->rowCount(), 18);
    page.setTensorFilter({}, true);
    QCOMPARE(page.tensorProxy()->rowCount(), 1);
    QCOMPARE(page.tensorProxy()->index(0, 0).data().toString(), QStringLiteral("selected_indices"));
    page.setTensorFilter(QStringLiteral("backbone"), false);
    QCOMPARE(page.tensorProxy()->rowCount(), 8);
    page.setTensorFilter(QStringLiteral("BACKBONE/stage1"), false);
    QCOMPARE(page.tensorProxy()->rowCount(), 2);
}

void TestShapesPage::saveStaticCopy()
{
    ShapesPage page;
    page.setModel(load("resnet_unnamed_dim.onnx"));
    QVERIFY(waitInference(page));
    page.inputModel()->setStaticShape(0, QStringLiteral("2,3,224,224"));
    QVERIFY(waitInference(page));
    QSignalSpy done(&page, &ShapesPage::surgeryFinished);
    const QString path = m_dir.filePath(QStringLiteral("b2.onnx"));
    page.saveStaticCopyTo(path);
    QVERIFY(done.wait(20000));
    QVERIFY2(done.first().first().toBool(), qPrintable(done.first().at(1).toString()));
    QCOMPARE(done.first().at(1).toString(), path);
    const auto written = OnnxModel::load(path);
    QVERIFY(written.ok());
    QCOMPARE(written.value()->summary().inputs.first().shapeText(), QStringLiteral("[2, 3, 224, 224]"));
}

void TestShapesPage::extract()
{
    ShapesPage page;
    page.setModel(load("detector_nms.onnx"));
    QVERIFY(waitInference(page));
    QSignalSpy done(&page, &ShapesPage::surgeryFinished);
    const QString path = m_dir.filePath(QStringLiteral("head.onnx"));
    page.extractTo({}, { QStringLiteral("boxes"), QStringLiteral("scores") }, path);
    QVERIFY(done.wait(20000));
    QVERIFY2(done.first().first().toBool(), qPrintable(done.first().at(1).toString()));
    QVERIFY(!OnnxModel::load(path).value()->summary().opTypes.contains(QStringLiteral("NonMaxSuppression")));
    page.extractTo({}, { QStringLiteral("no_such_tensor") }, m_dir.filePath(QStringLiteral("bad.onnx")));
    QVERIFY(done.wait(20000));
    QCOMPARE(done.at(1).first().toBool(), false);
    QVERIFY(done.at(1).at(1).toString().contains(QStringLiteral("no_such_tensor")));
}

void TestShapesPage::extractDialogNeedsAnOutput()
{
    const OnnxModelPtr model = load("detector_nms.onnx");
    const auto inferred = inferShapes(*model, {});
    QVERIFY(inferred.ok());
    ExtractDialog dialog(
        inferred.value().tensors, { QStringLiteral("images") }, m_dir.filePath(QStringLiteral("x.onnx")));
    QPushButton* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled());
    dialog.setChecked({ QStringLiteral("boxes") }, {});
    QVERIFY(ok->isEnabled());
    QCOMPARE(dialog.outputs(), QStringList { QStringLiteral("boxes") });
    QVERIFY(dialog.inputs().isEmpty());
    QCOMPARE(dialog.path(), m_dir.filePath(QStringLiteral("x.onnx")));
}

void TestShapesPage::mainWindowShowsSurgeryResults()
{
    Settings settings(m_dir.filePath(QStringLiteral("s.ini")));
    MainWindow window(settings);
    QVERIFY(!window.showPage(QStringLiteral("shapes"))); // nothing to show before a model is open
    QSignalSpy loaded(&window, &MainWindow::loadFinished);
    window.openModel(wbtest::modelPath(QStringLiteral("resnet_dynamic_batch.onnx")));
    QVERIFY(loaded.wait(20000));
    QVERIFY(window.showPage(QStringLiteral("shapes")));
    QCOMPARE(window.currentPageName(), QStringLiteral("shapes"));
    QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 20000);

    QSignalSpy done(window.shapesPage(), &ShapesPage::surgeryFinished);
    window.shapesPage()->saveStaticCopyTo(window.currentModel()->summary().path); // the source itself
    QVERIFY(done.wait(20000));
    QCOMPARE(window.messageBar()->kind(), MessageBar::Kind::Error);
    QVERIFY(window.messageBar()->text().contains(QStringLiteral("never overwritten")));

    const QString path = m_dir.filePath(QStringLiteral("copy.onnx"));
    window.shapesPage()->saveStaticCopyTo(path);
    QVERIFY(done.wait(20000));
    QCOMPARE(window.messageBar()->kind(), MessageBar::Kind::Info);
    QCOMPARE(window.messageBar()->actionText(), QStringLiteral("Open It"));
    window.messageBar()->triggerAction(); // opens the copy
    QVERIFY(loaded.wait(20000));
    QCOMPARE(window.currentModel()->summary().path, path);
    QCOMPARE(window.currentPageName(), QStringLiteral("shapes")); // the page stays where the user was
}

void TestShapesPage::inputTooSmallForNode()
{
    // short_signal_conv.onnx (tools/modelgen): y = Conv(x [1, 1, L], a 5-wide kernel, no padding). L = 3 gives y a
    // length of -1: the Shapes page's status, the tensor's Why and the graph's Problems say the input is too small for
    // the Conv, not that the shape is data-dependent.
    Settings settings(m_dir.filePath(QStringLiteral("small.ini")));
    MainWindow window(settings);
    window.resize(1280, 800);
    window.show();
    QSignalSpy loaded(&window, &MainWindow::loadFinished);
    window.openModel(wbtest::modelPath(QStringLiteral("short_signal_conv.onnx")));
    QVERIFY(loaded.wait(20000));
    QVERIFY(window.showPage(QStringLiteral("shapes")));
    QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 20000);
    ShapesPage* page = window.shapesPage();
    QSignalSpy inferred(page, &ShapesPage::inferenceFinished);
    page->inputModel()->setStaticShape(0, QStringLiteral("1,1,3"));
    QVERIFY(inferred.wait(20000));
    QCOMPARE(page->specText(), QStringLiteral("x:1,1,3"));
    const QString tooSmall = QStringLiteral("Input too small for node '/conv' (Conv)");
    QVERIFY2(page->statusText().contains(tooSmall), qPrintable(page->statusText()));
    QVERIFY2(!page->statusText().contains(QStringLiteral("data-dependent:")), qPrintable(page->statusText()));
    // Counted as invalid (not "unknown here"), and said once (the same node came again as "ONNX could not infer
    // some nodes").
    QVERIFY2(page->statusText().contains(QStringLiteral("1 invalid with these input sizes")),
        qPrintable(page->statusText()));
    QVERIFY2(!page->statusText().contains(QStringLiteral("unknown here")), qPrintable(page->statusText()));
    QCOMPARE(page->statusText().count(QStringLiteral("would have size -1")), 1);
    const TensorShapeModel* m = page->tensorModel();
    QString why;
    for (int row = 0; row < m->rowCount(); ++row) {
        if (m->index(row, TensorShapeModel::NameColumn).data().toString() == QLatin1String("y"))
            why = m->index(row, TensorShapeModel::StatusColumn).data().toString();
    }
    QVERIFY2(!why.isEmpty() && !why.contains(QStringLiteral("data-dependent:")), qPrintable(why));
    QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 20000);
    QVERIFY(wbtest::readmeShot(&window, QStringLiteral("shapes-input-too-small.png")));

    // The graph marks the Conv as an error with the same words; its row in Problems shows them in full.
    GraphPage* graph = window.graphPage();
    bool marked = false;
    for (const auto& mark : graph->overlay()->marks())
        marked = marked || (mark.node == QLatin1String("/conv") && mark.message.contains(tooSmall));
    QVERIFY(marked);
    QVERIFY(window.showPage(QStringLiteral("graph")));
    auto* problems = graph->findChild<QListView*>(QStringLiteral("problemsList"));
    QVERIFY(problems && problems->model()->rowCount() >= 1);
    problems->setCurrentIndex(problems->model()->index(0, 0));
    QVERIFY2(graph->problemDetail().contains(tooSmall), qPrintable(graph->problemDetail()));
    QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 20000);
    QVERIFY(wbtest::readmeShot(&window, QStringLiteral("graph-input-too-small.png")));
}

QTEST_MAIN(TestShapesPage)
#include "tst_shapespage.moc"
