// The Convert Many page in the real window: a synthesized drop of several files, and of a folder, fills the page
// (one row per model, loaded and checked on workers); a row's missing dim is given for that row only; Run expands
// the rows into jobs against the fake atc; Retry Failed and Cancel All.
#include "atc/convertmanyreport.h"
#include "atc/toolkitcontroller.h"
#include "mainwindow.h"
#include "pages/convertmanypage.h"
#include "settings/settings.h"
#include "testutil.h"

#include <QApplication>
#include <QMimeData>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTreeWidget>

using namespace wb;

class TestConvertManyPage : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void dropSeveralFilesFillsThePage();
    void dropFolderRunsRetriesAndCancels();

private:
    void drop(const QStringList& paths);
    QTemporaryDir* m_dir = nullptr;
    Settings* m_settings = nullptr;
    MainWindow* m_window = nullptr;
};

void TestConvertManyPage::init()
{
    m_dir = new QTemporaryDir;
    m_settings = new Settings(m_dir->filePath(QStringLiteral("settings.ini")));
    m_settings->setAtcPath(QStringLiteral(WB_FAKE_ATC));
    m_window = new MainWindow(*m_settings);
    m_window->show();
}

void TestConvertManyPage::cleanup()
{
    delete m_window;
    delete m_settings;
    delete m_dir;
}

void TestConvertManyPage::drop(const QStringList& paths)
{
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString& p : paths)
        urls.append(QUrl::fromLocalFile(p));
    mime.setUrls(urls);
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent event(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window, &event);
}

void TestConvertManyPage::dropSeveralFilesFillsThePage()
{
    ConvertManyPage* page = m_window->convertManyPage();
    page->setSocs({ QStringLiteral("Ascend310P3") });
    const QString zoo = wbtest::modelPath(QStringLiteral("zoo/group0"));
    drop({ zoo + "/zoo003_sequence.onnx", zoo + "/zoo001_needs_value.onnx", zoo + "/zoo000_corrupt.onnx" });
    QCOMPARE(m_window->currentPageName(), QStringLiteral("convertmany"));
    QVERIFY(!m_window->currentModel()); // several files do not open one model
    QTRY_VERIFY_WITH_TIMEOUT(!page->isScanning(), 30000);
    QTreeWidget* tree = page->tree();
    QCOMPARE(tree->topLevelItemCount(), 3);
    QCOMPARE(tree->topLevelItem(0)->text(0), QStringLiteral("zoo000_corrupt"));
    QCOMPARE(tree->topLevelItem(0)->text(4), QStringLiteral("does not load"));
    QCOMPARE(tree->topLevelItem(1)->text(4), QStringLiteral("needs a value"));
    QVERIFY(tree->topLevelItem(1)->text(9).contains("'mystery' needs a value"));
    QCOMPARE(tree->topLevelItem(2)->text(2), QStringLiteral("ai.onnx 13"));
    QVERIFY(tree->topLevelItem(2)->text(3).contains("sequence_length"));
    // No value for sequence_length yet: the row says which dim; the template fills it.
    QCOMPARE(tree->topLevelItem(2)->text(4), QStringLiteral("needs a value"));
    page->setDims(QStringLiteral("sequence_length=128"));
    QTRY_COMPARE_WITH_TIMEOUT(tree->topLevelItem(2)->text(5), QStringLiteral("hidden:1,128,16"), 20000);
    // A value for one row only.
    page->setRowDim(1, QStringLiteral("mystery"), 48);
    QTRY_COMPARE_WITH_TIMEOUT(tree->topLevelItem(1)->text(5), QStringLiteral("images:1,3,48,32"), 20000);
    QCOMPARE(tree->topLevelItem(2)->text(5), QStringLiteral("hidden:1,128,16"));
}

void TestConvertManyPage::dropFolderRunsRetriesAndCancels()
{
    ConvertManyPage* page = m_window->convertManyPage();
    const QString out = m_dir->filePath(QStringLiteral("om"));
    const QString failList = m_dir->filePath(QStringLiteral("fail.txt"));
    {
        QFile f(failList);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("zoo004_static_Ascend310P3_b2\n");
    }
    // The toolkit the window found (the fake atc from the settings), with the fake's switches.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->toolkit()->toolkit().isValid(), 30000);
    AtcToolkit toolkit = m_window->toolkit()->toolkit();
    toolkit.environment.insert(QStringLiteral("FAKE_ATC_FAIL_MATCH"), "@" + failList);
    toolkit.environment.insert(QStringLiteral("FAKE_ATC_DELAY_MS"), QStringLiteral("30"));
    page->setToolkit(toolkit);
    page->setSocs({ QStringLiteral("Ascend310P3") });
    page->setBatches({ 1, 2 });
    page->setDims(QStringLiteral("height=64 width=64 sequence_length=128"));
    page->setOutputFolder(out);
    drop({ wbtest::modelPath(QStringLiteral("zoo/group0")) }); // a folder: ten models
    QTRY_VERIFY_WITH_TIMEOUT(!page->isScanning(), 30000);
    QCOMPARE(page->rowCount(), 10);
    QVERIFY(m_window->findChild<QPushButton*>(QStringLiteral("runButton"))->isEnabled());

    QSignalSpy finished(page, &ConvertManyPage::runFinished);
    page->run();
    QCOMPARE(page->jobCount(), 20);
    QVERIFY(page->isRunning());
    QVERIFY(m_window->isBusy());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 120000);
    QTreeWidget* tree = page->tree();
    // Rows expand to their jobs, with status, stage, elapsed and the top problem with its fix.
    QTreeWidgetItem* staticRow = tree->topLevelItem(4);
    QCOMPARE(staticRow->childCount(), 2);
    QCOMPARE(staticRow->child(0)->text(6), QStringLiteral("converted"));
    QCOMPARE(staticRow->child(1)->text(6), QStringLiteral("failed"));
    QVERIFY(staticRow->child(1)->text(9).contains("E19999"));
    QVERIFY(!staticRow->child(0)->text(8).isEmpty());
    QCOMPARE(tree->topLevelItem(0)->child(0)->text(6), QStringLiteral("skipped"));
    QVERIFY(QFileInfo::exists(out + "/convert-many-report.html"));
    QVERIFY(QFileInfo::exists(out + "/convert-many-report.csv"));
    QVERIFY(QFileInfo::exists(out + "/convert-many-report.json"));
    page->showReport();
    QVERIFY(m_window->findChild<QTextBrowser*>(QStringLiteral("reportView"))->toPlainText().contains("zoo004_static"));

    // Retry Failed: the failure is gone, so only the failed job runs and converts.
    QVERIFY(QFile(failList).resize(0));
    QPushButton* retry = m_window->findChild<QPushButton*>(QStringLiteral("retryButton"));
    QVERIFY(retry->isEnabled());
    finished.clear();
    retry->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
    QCOMPARE(staticRow->child(1)->text(6), QStringLiteral("converted"));
    QVERIFY(QFileInfo::exists(out + "/zoo004_static_Ascend310P3_b2.om"));

    // Cancel All while ATC runs: every job ends, and the page is idle again.
    toolkit.environment.insert(QStringLiteral("FAKE_ATC_DELAY_MS"), QStringLiteral("60000"));
    page->setToolkit(toolkit);
    page->setBatches({ 16 });
    finished.clear();
    page->run();
    QTRY_COMPARE_WITH_TIMEOUT(tree->topLevelItem(2)->child(0)->text(6), QStringLiteral("running"), 30000);
    m_window->findChild<QPushButton*>(QStringLiteral("cancelButton"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QVERIFY(!page->isRunning());
    QCOMPARE(tree->topLevelItem(2)->child(0)->text(6), QStringLiteral("cancelled"));
}

WB_TEST_MAIN(TestConvertManyPage)
#include "tst_convertmanypage.moc"
