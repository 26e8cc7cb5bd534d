// The OM in the real window: an OM JSON dropped opens on the OM page, its source ONNX model (named by atc_cmdline,
// found beside it) opens too, and the Graph page colours that model's nodes by engine; a .om opens by call; a PNG
// named .om is a clear error in the message bar.
#include "graph/overlaymodel.h"
#include "mainwindow.h"
#include "omgen.h"
#include "pages/graphpage.h"
#include "pages/ompage.h"
#include "settings/settings.h"
#include "testutil.h"
#include "widgets/messagebar.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QMimeData>
#include <QTableWidget>
#include <QTemporaryDir>

using namespace wb;

class TestOmWindow : public QObject {
    Q_OBJECT

private:
    QTemporaryDir* m_dir = nullptr;
    Settings* m_settings = nullptr;
    MainWindow* m_window = nullptr;

private slots:
    void init()
    {
        m_dir = new QTemporaryDir;
        m_settings = new Settings(m_dir->filePath(QStringLiteral("settings.ini")));
        m_window = new MainWindow(*m_settings);
        m_window->show();
        QVERIFY(QFile::copy(QStringLiteral(WB_TEST_DATA_DIR "/om/two_inputs_310p3.json"),
            m_dir->filePath(QStringLiteral("two_inputs_310p3.json"))));
        QVERIFY(QFile::copy(
            wbtest::modelPath(QStringLiteral("two_inputs.onnx")), m_dir->filePath(QStringLiteral("two_inputs.onnx"))));
    }

    void cleanup()
    {
        delete m_window;
        delete m_settings;
        delete m_dir;
    }

    void emptyPageSaysWhatToDo()
    {
        // Before any OM: how to open one (a menu item that exists), not a blank page.
        auto* facts = m_window->omPage()->findChild<QLabel*>(QStringLiteral("omFacts"));
        QVERIFY(facts);
        QVERIFY2(facts->text().contains(QStringLiteral("File &gt; Open Model…")), qPrintable(facts->text()));
        bool menuHasIt = false;
        for (const QAction* action : m_window->findChildren<QAction*>())
            menuHasIt = menuHasIt || action->text().remove(QLatin1Char('&')) == QStringLiteral("Open Model…");
        QVERIFY(menuHasIt);
        QSignalSpy loaded(m_window->omPage(), &OmPage::loaded);
        m_window->openOm(m_dir->filePath(QStringLiteral("two_inputs_310p3.json")));
        QVERIFY(loaded.wait(20000));
        QVERIFY2(!facts->text().contains(QStringLiteral("Open Model")), qPrintable(facts->text()));
        m_window->omPage()->clear(); // a new model: the page says again what to do
        QVERIFY(facts->text().contains(QStringLiteral("File &gt; Open Model…")));
    }

    void dropOpensOmJsonAndColoursTheGraph()
    {
        const QString json = m_dir->filePath(QStringLiteral("two_inputs_310p3.json"));
        QMimeData mime;
        mime.setUrls({ QUrl::fromLocalFile(json) });
        QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_window, &enter);
        QVERIFY(enter.isAccepted());
        QSignalSpy done(m_window, &MainWindow::loadFinished);
        QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_window, &drop);
        QVERIFY(done.wait(20000));
        QVERIFY(done.first().first().toBool());
        QCOMPARE(m_window->currentPageName(), QStringLiteral("om"));
        QCOMPARE(m_window->omPage()->findChild<QTableWidget*>(QStringLiteral("omOps"))->rowCount(), 16);
        QCOMPARE(m_settings->recentFiles().value(0), json);

        // The source model opens from atc_cmdline's --model=two_inputs.onnx, and its graph gets the OM's colours.
        QTRY_VERIFY_WITH_TIMEOUT(m_window->currentModel(), 20000);
        GraphPage* graph = m_window->graphPage();
        QTRY_COMPARE_WITH_TIMEOUT(
            graph->nodeFill(QStringLiteral("/fusion/concat/Concat")), OmPage::engineColor(OmEngine::AiCpu), 20000);
        QCOMPARE(graph->nodeFill(QStringLiteral("/image/stage1/bn/BatchNormalization")),
            OmPage::engineColor(OmEngine::AiCore));
        QVERIFY(graph->nodeFill(QStringLiteral("/image/flatten/Flatten")).isValid()); // folded away: pale
        QCOMPARE(m_window->omPage()->mapping().foldedAway, QStringList { QStringLiteral("/image/flatten/Flatten") });
        bool aiCpuMarked = false;
        for (const auto& mark : graph->overlay()->marks())
            aiCpuMarked = aiCpuMarked
                || (mark.source == QLatin1String("om") && mark.node == QLatin1String("/fusion/concat/Concat"));
        QVERIFY(aiCpuMarked);
        QVERIFY(m_window->showPage(QStringLiteral("graph")));
        QVERIFY(graph->selectNode(QStringLiteral("/image/stage1/bn/BatchNormalization")));
        QVERIFY2(graph->sidebarText().contains(QStringLiteral("Fused with")), qPrintable(graph->sidebarText()));
    }

    void openOmFile()
    {
        const QString om = m_dir->filePath(QStringLiteral("sample.om"));
        QFile file(om);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(omgen::omFile(omgen::sampleModel()));
        file.close();
        QSignalSpy done(m_window, &MainWindow::loadFinished);
        m_window->openModel(om);
        QVERIFY(done.wait(20000));
        QVERIFY(done.first().first().toBool());
        QCOMPARE(m_window->currentPageName(), QStringLiteral("om"));
        QCOMPARE(m_window->omPage()->om()->socVersion, QStringLiteral("Ascend310B4"));
        QVERIFY(!m_window->currentModel()); // /models/sample.onnx is not here: nothing else opens
    }

    void pngNamedOmIsAClearError()
    {
        const QString png = m_dir->filePath(QStringLiteral("picture.om"));
        QVERIFY(QFile::copy(wbtest::modelPath(QStringLiteral("not_a_model.png")), png));
        QSignalSpy done(m_window, &MainWindow::loadFinished);
        m_window->openModel(png);
        QVERIFY(done.wait(20000));
        QVERIFY(!done.first().first().toBool());
        QVERIFY(m_window->messageBar()->isVisible());
        bool says = false;
        for (QLabel* label : m_window->messageBar()->findChildren<QLabel*>())
            says = says || label->text().contains(QStringLiteral("PNG image"));
        QVERIFY(says);
    }
};

WB_TEST_MAIN(TestOmWindow)
#include "tst_omwindow.moc"
