// One set of shapes per open model: an input shape, profile or batch variant edited on the Shapes, Convert or Run
// page through its widgets is what every other page shows (and what the Graph page's edge labels say).
#include "graph/graphdocument.h"
#include "graph/graphscene.h"
#include "mainwindow.h"
#include "models/inputshapemodel.h"
#include "models/modelshapes.h"
#include "models/tensorshapemodel.h"
#include "pages/convertpage.h"
#include "pages/graphpage.h"
#include "pages/runpage.h"
#include "pages/shapespage.h"
#include "readmeshot.h"
#include "settings/settings.h"
#include "testutil.h"
#include "widgets/profileseditor.h"

#include <QComboBox>
#include <QLineEdit>
#include <QTableView>
#include <QTemporaryDir>

using namespace wb;

class TestShapeSync : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void editedOnEachPageReadOnTheOthers();
    void profileAndBatchVariantsAreShared();
    void runPageSaysWhatItCannotTake();
    void newModelStartsOver();

private:
    bool open(const char* model);
    // Types `text` into a table cell as a user would: the view's editor, then Return.
    static void editCell(QTableView* view, int row, int column, const QString& text);
    // What the Graph page's edge out of a graph input is labelled with ("" when not laid out).
    QString graphInputLabel(const QString& input) const;
    QString shapesSpec() const { return m_window->shapesPage()->specText(); }
    QString convertCell() const
    {
        auto* view = m_window->convertPage()->findChild<QTableView*>(QStringLiteral("convertInputShapeTable"));
        return view->model()->index(0, InputShapeModel::StaticShapeColumn).data().toString();
    }
    QLineEdit* runField() const { return m_window->runPage()->findChild<QLineEdit*>(QStringLiteral("runInputShapes")); }
    QTemporaryDir* m_dir = nullptr;
    Settings* m_settings = nullptr;
    MainWindow* m_window = nullptr;
};

void TestShapeSync::init()
{
    m_dir = new QTemporaryDir;
    m_settings = new Settings(m_dir->filePath(QStringLiteral("s.ini")));
    m_window = new MainWindow(*m_settings);
    m_window->resize(1280, 800);
    m_window->runPage()->setHistoryFolder(m_dir->filePath(QStringLiteral("runs")));
    m_window->show();
}

void TestShapeSync::cleanup()
{
    m_window->setQuitConfirmation([](const QStringList&) { return true; });
    delete m_window;
    delete m_settings;
    delete m_dir;
}

bool TestShapeSync::open(const char* model)
{
    QSignalSpy loaded(m_window, &MainWindow::loadFinished);
    m_window->openModel(wbtest::modelPath(QString::fromLatin1(model)));
    if (!loaded.wait(20000) || !loaded.first().first().toBool())
        return false;
    QElapsedTimer timer;
    timer.start();
    while (m_window->isBusy() && timer.elapsed() < 30000)
        QTest::qWait(20);
    return !m_window->isBusy();
}

void TestShapeSync::editCell(QTableView* view, int row, int column, const QString& text)
{
    QVERIFY(view);
    const QModelIndex index = view->model()->index(row, column);
    view->setFocus();
    view->setCurrentIndex(index); // the views edit on any trigger: this opens the editor
    const auto openEditor = [view, index] { return qobject_cast<QLineEdit*>(view->indexWidget(index)); };
    QLineEdit* editor = openEditor();
    if (!editor) {
        view->edit(index);
        editor = openEditor();
    }
    QVERIFY(editor);
    editor->selectAll();
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(view->model()->data(index).toString(), text); // the delegate commits on the next event loop pass
}

QString TestShapeSync::graphInputLabel(const QString& input) const
{
    const auto scene = m_window->graphPage()->scene();
    if (!scene || !scene->doc)
        return {};
    const int node = scene->doc->indexOf(input);
    if (node < 0 || scene->doc->nodes().at(node).outputs.isEmpty())
        return {};
    return scene->doc->nodes().at(node).outputs.first().shape;
}

void TestShapeSync::editedOnEachPageReadOnTheOthers()
{
    QVERIFY(open("resnet_dynamic_batch.onnx"));
    QCOMPARE(shapesSpec(), QStringLiteral("input:1,3,224,224")); // the proposal, the same everywhere
    QCOMPARE(convertCell(), QStringLiteral("1,3,224,224"));
    QCOMPARE(runField()->text(), QStringLiteral("input:1,3,224,224"));

    // On the Shapes page.
    m_window->showPage(QStringLiteral("shapes"));
    editCell(m_window->shapesPage()->findChild<QTableView*>(QStringLiteral("inputShapeTable")), 0,
        InputShapeModel::StaticShapeColumn, QStringLiteral("2,3,224,224"));
    QCOMPARE(shapesSpec(), QStringLiteral("input:2,3,224,224"));
    QCOMPARE(convertCell(), QStringLiteral("2,3,224,224"));
    QCOMPARE(runField()->text(), QStringLiteral("input:2,3,224,224"));
    QTRY_COMPARE_WITH_TIMEOUT(graphInputLabel(QStringLiteral("input")), QStringLiteral("[2, 3, 224, 224]"), 30000);

    // On the Convert page: the command it previews, and every other page.
    m_window->showPage(QStringLiteral("convert"));
    editCell(m_window->convertPage()->findChild<QTableView*>(QStringLiteral("convertInputShapeTable")), 0,
        InputShapeModel::StaticShapeColumn, QStringLiteral("4,3,224,224"));
    QCOMPARE(shapesSpec(), QStringLiteral("input:4,3,224,224"));
    QCOMPARE(runField()->text(), QStringLiteral("input:4,3,224,224"));
    QCOMPARE(m_window->convertPage()->options().inputShape, QStringLiteral("input:4,3,224,224"));
    QTRY_COMPARE_WITH_TIMEOUT(graphInputLabel(QStringLiteral("input")), QStringLiteral("[4, 3, 224, 224]"), 30000);

    // On the Run page: typed, then Return.
    m_window->showPage(QStringLiteral("run"));
    QLineEdit* field = runField();
    field->setFocus();
    field->selectAll();
    QTest::keyClicks(field, QStringLiteral("input:8,3,224,224"));
    QTest::keyClick(field, Qt::Key_Return);
    QVERIFY2(m_window->runPage()->inputShapesError().isEmpty(), qPrintable(m_window->runPage()->inputShapesError()));
    QCOMPARE(shapesSpec(), QStringLiteral("input:8,3,224,224"));
    QCOMPARE(convertCell(), QStringLiteral("8,3,224,224"));
    QCOMPARE(m_window->runPage()->request().inputShapes, m_window->shapes()->staticSpecs());
    QTRY_COMPARE_WITH_TIMEOUT(graphInputLabel(QStringLiteral("input")), QStringLiteral("[8, 3, 224, 224]"), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(
        m_window->shapesPage()->tensorModel()->rowCount() > 0 && !m_window->shapesPage()->isInferring(), 30000);
    QCOMPARE(m_window->shapesPage()->lastResult().outputs.first().shapeText(), QStringLiteral("[8, 1000]"));
}

void TestShapeSync::profileAndBatchVariantsAreShared()
{
    QVERIFY(open("resnet_dynamic_batch.onnx"));
    m_window->showPage(QStringLiteral("convert"));
    ConvertPage* convert = m_window->convertPage();
    // A -1 batch with a dynamic batch profile, picked and typed on the Convert page.
    editCell(convert->findChild<QTableView*>(QStringLiteral("convertInputShapeTable")), 0,
        InputShapeModel::StaticShapeColumn, QStringLiteral("-1,3,224,224"));
    auto* kind = convert->findChild<QComboBox*>(QStringLiteral("profileKind"));
    QVERIFY(kind);
    kind->setCurrentIndex(kind->findData(ProfilesEditor::Batch)); // prefills 1,2,4,8
    auto* batches = convert->findChild<QLineEdit*>(QStringLiteral("batchVariants"));
    QVERIFY(batches);
    batches->setFocus();
    QTest::keyClicks(batches, QStringLiteral("1,4"));

    ModelShapes* shapes = m_window->shapes();
    QCOMPARE(shapes->profileFlag(), QStringLiteral("dynamic_batch_size"));
    QCOMPARE(shapes->profileValue(), convert->options().dynamicBatchSize);
    QVERIFY(!shapes->profileValue().isEmpty());
    QCOMPARE(shapes->batchVariants(), (QList<qint64> { 1, 4 }));
    // The Shapes page shows them, and keeps the -1 dim dynamic rather than calling the row an error.
    const QString line = m_window->shapesPage()->conversionText();
    QVERIFY2(line.contains(QStringLiteral("--dynamic_batch_size=") + shapes->profileValue()), qPrintable(line));
    QVERIFY2(line.contains(QStringLiteral("batch variants 1,4")), qPrintable(line));
    QCOMPARE(m_window->shapesPage()->specText(), QStringLiteral("input:-1,3,224,224"));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->shapesPage()->isInferring(), 30000);
    QVERIFY2(m_window->shapesPage()->statusText().contains(QStringLiteral("left to the dynamic profiles")),
        qPrintable(m_window->shapesPage()->statusText()));
    QVERIFY(m_window->showPage(QStringLiteral("shapes")));
    QVERIFY(wbtest::readmeShot(m_window, QStringLiteral("shapes-shared-state.png")));
    // The Run page takes the fixed dims only: a -1 runs as 1 with the warning.
    QCOMPARE(runField()->text(), QString());

    // Changed elsewhere (a recipe, the command line), the Convert page's fields follow.
    shapes->setBatchVariants(QStringLiteral("2,8"));
    QCOMPARE(batches->text(), QStringLiteral("2,8"));
    QCOMPARE(convert->batchVariants(), (QList<qint64> { 2, 8 }));
    shapes->setProfile(QStringLiteral("dynamic_batch_size"), QStringLiteral("1,16"));
    QCOMPARE(convert->options().dynamicBatchSize, QStringLiteral("1,16"));
}

void TestShapeSync::runPageSaysWhatItCannotTake()
{
    QVERIFY(open("resnet_dynamic_batch.onnx"));
    RunPage* run = m_window->runPage();
    QVERIFY(!run->setInputShapes(QStringLiteral("input:1,3,,224")));
    QVERIFY(!run->inputShapesError().isEmpty());
    QCOMPARE(shapesSpec(), QStringLiteral("input:1,3,224,224")); // not taken
    QVERIFY(!run->setInputShapes(QStringLiteral("images:1,3,224,224")));
    QVERIFY2(run->inputShapesError().contains(QStringLiteral("not in the model")), qPrintable(run->inputShapesError()));
    QVERIFY(run->setInputShapes(QStringLiteral("input:3,3,224,224")));
    QVERIFY(run->inputShapesError().isEmpty());
    QCOMPARE(shapesSpec(), QStringLiteral("input:3,3,224,224"));
}

void TestShapeSync::newModelStartsOver()
{
    QVERIFY(open("resnet_dynamic_batch.onnx"));
    m_window->shapes()->setBatchVariants(QStringLiteral("1,4"));
    m_window->shapes()->inputs()->setStaticShape(0, QStringLiteral("6,3,224,224"));
    QVERIFY(open("two_inputs.onnx"));
    QCOMPARE(m_window->shapes()->batchVariantsText(), QString());
    QCOMPARE(m_window->convertPage()->batchVariants(), QList<qint64>());
    QCOMPARE(m_window->shapes()->inputs()->rowCount(), 2);
    QCOMPARE(m_window->convertPage()->shapeModel(), m_window->shapesPage()->inputModel());
    QCOMPARE(shapesSpec(), m_window->shapes()->inputShapeText());
}

WB_TEST_MAIN(TestShapeSync)
#include "tst_shapesync.moc"
