// The vertical slice in the real window: open by call and by drop, the table, errors in the message bar.
#include "mainwindow.h"
#include "models/tensortablemodel.h"
#include "pages/modelpage.h"
#include "settings/settings.h"
#include "testutil.h"
#include "widgets/logpanel.h"
#include "widgets/messagebar.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QListWidget>
#include <QMenu>
#include <QMimeData>
#include <QTableView>
#include <QTemporaryDir>

using namespace wb;

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void startsOnWelcomePage();
    void pageListWhole();
    void opensModel();
    void dropOpensModel();
    void dynamicDimsAreCalledOut();
    void badFileShowsErrorAndKeepsModel_data();
    void badFileShowsErrorAndKeepsModel();
    void logPanelShowsLoads();

private:
    bool openAndWait(const QString& path);
    QTemporaryDir* m_dir = nullptr;
    Settings* m_settings = nullptr;
    MainWindow* m_window = nullptr;
};

void TestMainWindow::init()
{
    m_dir = new QTemporaryDir;
    m_settings = new Settings(m_dir->filePath(QStringLiteral("settings.ini")));
    m_window = new MainWindow(*m_settings);
    m_window->show();
}

void TestMainWindow::cleanup()
{
    delete m_window;
    delete m_settings;
    delete m_dir;
}

void TestMainWindow::pageListWhole()
{
    // Every page in the list has an icon of the list's size (Fusion draws some standard icons — the computer, the
    // drive, the open folder — only at 16 px, which stood small beside the others' 24), and its name whole in the
    // list (with 24 px icons "Convert Many" was wider than the list, and a scroll bar showed).
    auto* list = m_window->findChild<QListWidget*>(QStringLiteral("pageList"));
    QVERIFY(list);
    QCOMPARE(list->count(), 9); // every page but the welcome page
    for (int i = 0; i < list->count(); ++i) {
        const QListWidgetItem* item = list->item(i);
        QVERIFY2(!item->icon().isNull(), qPrintable(item->text()));
        QCOMPARE(item->icon().pixmap(list->iconSize()).deviceIndependentSize().toSize(), list->iconSize());
        // Its icon and whole name (what the delegate asks for) fit in the list's width.
        const int needs
            = static_cast<const QAbstractItemView*>(list)->sizeHintForIndex(list->model()->index(i, 0)).width();
        QVERIFY2(needs <= list->viewport()->width(),
            qPrintable(QStringLiteral("%1 needs %2 px, the list shows %3")
                           .arg(item->text())
                           .arg(needs)
                           .arg(list->viewport()->width())));
    }
}

bool TestMainWindow::openAndWait(const QString& path)
{
    QSignalSpy done(m_window, &MainWindow::loadFinished);
    m_window->openModel(path);
    if (!done.wait(20000))
        return false;
    return done.first().first().toBool();
}

void TestMainWindow::startsOnWelcomePage()
{
    QCOMPARE(m_window->currentPageName(), QStringLiteral("welcome"));
    QVERIFY(!m_window->currentModel());
    QVERIFY(m_window->messageBar()->isHidden());
    QVERIFY(!m_window->showPage(QStringLiteral("no-such-page")));
}

void TestMainWindow::opensModel()
{
    const QString path = wbtest::modelPath(QStringLiteral("two_inputs.onnx"));
    QVERIFY(openAndWait(path));
    QCOMPARE(m_window->currentPageName(), QStringLiteral("model"));
    QVERIFY(m_window->windowTitle().startsWith(QStringLiteral("two_inputs.onnx")));
    TensorTableModel* table = m_window->modelPage()->tensorModel();
    QAbstractItemModelTester tester(table, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(table->rowCount(), 3);
    QCOMPARE(table->index(0, TensorTableModel::NameColumn).data().toString(), QStringLiteral("input_tensor_A"));
    QCOMPARE(table->index(1, TensorTableModel::ShapeColumn).data().toString(), QStringLiteral("[1, 10]"));
    QCOMPARE(m_window->modelPage()->tensorView()->model(), table);
    QCOMPARE(m_settings->recentFiles().first(), path);
    // The recent menu lists it (rebuilt when shown).
    emit m_window->recentMenu()->aboutToShow();
    QCOMPARE(m_window->recentMenu()->actions().first()->text(), QStringLiteral("two_inputs.onnx"));
}

void TestMainWindow::dropOpensModel()
{
    const QString path = wbtest::modelPath(QStringLiteral("resnet_static.onnx"));
    QMimeData mime;
    mime.setUrls({ QUrl::fromLocalFile(path) });
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window, &enter);
    QVERIFY(enter.isAccepted());
    QSignalSpy done(m_window, &MainWindow::loadFinished);
    QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window, &drop);
    QVERIFY(done.wait(20000));
    QVERIFY(done.first().first().toBool());
    QCOMPARE(m_window->currentModel()->summary().path, path);

    QMimeData text;
    text.setText(QStringLiteral("not a file"));
    QDragEnterEvent refuse(QPoint(50, 50), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    refuse.setAccepted(false);
    QApplication::sendEvent(m_window, &refuse);
    QVERIFY(!refuse.isAccepted());
}

void TestMainWindow::dynamicDimsAreCalledOut()
{
    QVERIFY(openAndWait(wbtest::modelPath(QStringLiteral("resnet_dynamic_batch.onnx"))));
    const QString notice = m_window->modelPage()->dynamicNotice();
    QVERIFY2(notice.contains(QStringLiteral("batch")), qPrintable(notice));
    QVERIFY(notice.contains(QStringLiteral("ATC needs static shapes")));
    QVERIFY(openAndWait(wbtest::modelPath(QStringLiteral("resnet_static.onnx"))));
    QVERIFY(m_window->modelPage()->dynamicNotice().isEmpty());
}

void TestMainWindow::badFileShowsErrorAndKeepsModel_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("corrupt") << "corrupt.onnx"
                             << "truncated or corrupt";
    QTest::newRow("truncated") << "truncated.onnx"
                               << "truncated or corrupt";
    QTest::newRow("png") << "not_a_model.png"
                         << "PNG image";
    QTest::newRow("empty") << "empty.onnx"
                           << "empty";
    QTest::newRow("missing") << "gone.onnx"
                             << "does not exist";
}

void TestMainWindow::badFileShowsErrorAndKeepsModel()
{
    QFETCH(QString, file);
    QFETCH(QString, phrase);
    QVERIFY(openAndWait(wbtest::modelPath(QStringLiteral("resnet_static.onnx"))));
    QVERIFY(!openAndWait(wbtest::modelPath(file)));
    MessageBar* bar = m_window->messageBar();
    QVERIFY(!bar->isHidden());
    QCOMPARE(bar->kind(), MessageBar::Kind::Error);
    QVERIFY2(bar->text().contains(file), qPrintable(bar->text()));
    QVERIFY2(bar->text().contains(phrase), qPrintable(bar->text()));
    // Nothing the user had is lost: the previous model stays open.
    QVERIFY(m_window->currentModel());
    QCOMPARE(m_window->modelPage()->tensorModel()->rowCount(), 2);
    QVERIFY(!m_settings->recentFiles().contains(wbtest::modelPath(file)));
    bar->dismiss();
    QVERIFY(bar->isHidden());
}

void TestMainWindow::logPanelShowsLoads()
{
    QVERIFY(openAndWait(wbtest::modelPath(QStringLiteral("if_subgraph.onnx"))));
    QTRY_VERIFY(m_window->logPanel()->plainText().contains(QStringLiteral("if_subgraph.onnx")));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
