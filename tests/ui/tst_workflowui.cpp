// The conversion and run pages in the real window, driven end to end: options checked as typed, the command
// preview, Run through the fake atc, problems on the graph, batch variants, then a CPU run charted live.
#include "charts/latencycharts.h"
#include "dialogs/comparedialog.h"
#include "graph/overlaymodel.h"
#include "mainwindow.h"
#include "models/inputshapemodel.h"
#include "ortrequired.h"
#include "pages/conversionpage.h"
#include "pages/convertpage.h"
#include "pages/graphpage.h"
#include "pages/runpage.h"
#include "process/runningtools.h"
#include "readmeshot.h"
#include "reference/tensorfile.h"
#include "settings/settings.h"
#include "testutil.h"
#include "theme.h"
#include "widgets/dimsuggestionbar.h"
#include "widgets/extraflagseditor.h"
#include "widgets/profileseditor.h"
#include "widgets/strategypanel.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QDir>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>

using namespace wb;

class TestWorkflowUi : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void checksAsYouType();
    void openDimsBlockRunUntilSized();
    void runProducesOm();
    void convertPageReadsWell();
    void oneDefaultOutputName();
    void recipeWritingElsewhereSaysSo();
    void atcErrorsReachTheGraph();
    void atcPrecheckJoinsTheChecks();
    void profilesAndOtherFlags();
    void batchVariants();
    void buildTheseVariantsQueuesTheMissing();
    void quitWhileRunningAsks();
    void savedAtcLog();
    void cpuRunIsCharted();
    void compareShowsWhyNotCompared();

private:
    bool open(const char* model);
    bool waitChecked();
    AtcToolkit fakeToolkit() const;
    QTemporaryDir* m_dir = nullptr;
    Settings* m_settings = nullptr;
    MainWindow* m_window = nullptr;
};

void TestWorkflowUi::init()
{
    qunsetenv("FAKE_ATC_UNSUPPORTED_OPS");
    qunsetenv("FAKE_ATC_MODE");
    m_dir = new QTemporaryDir;
    m_settings = new Settings(m_dir->filePath(QStringLiteral("s.ini")));
    m_window = new MainWindow(*m_settings);
    m_window->resize(1280, 800);
    m_window->runPage()->setHistoryFolder(m_dir->filePath(QStringLiteral("runs")));
    m_window->show();
}

void TestWorkflowUi::cleanup()
{
    m_window->setQuitConfirmation([](const QStringList&) { return true; });
    delete m_window;
    delete m_settings;
    delete m_dir;
}

AtcToolkit TestWorkflowUi::fakeToolkit() const
{
    AtcToolkit t;
    t.atcPath = QStringLiteral(WB_FAKE_ATC);
    t.home = QFileInfo(t.atcPath).absolutePath();
    t.source = QStringLiteral("settings");
    t.version = QStringLiteral("8.0.0");
    t.socVersions = { QStringLiteral("Ascend310P3"), QStringLiteral("Ascend910B3") };
    return t;
}

bool TestWorkflowUi::open(const char* model)
{
    // The models live in the build folder; work on a copy so OMs land in the temporary folder.
    const QString copy = m_dir->filePath(QString::fromLatin1(model));
    QFile::copy(wbtest::modelPath(QString::fromLatin1(model)), copy);
    QSignalSpy loaded(m_window, &MainWindow::loadFinished);
    m_window->openModel(copy);
    if (!loaded.wait(20000))
        return false;
    // Let the constructor's toolkit discovery report first (none is installed here), then use the fake.
    QElapsedTimer timer;
    timer.start();
    while (m_window->isBusy() && timer.elapsed() < 30000)
        QTest::qWait(20);
    m_window->convertPage()->setToolkit(fakeToolkit());
    return waitChecked();
}

bool TestWorkflowUi::waitChecked()
{
    QSignalSpy checked(m_window->convertPage(), &ConvertPage::checked);
    return checked.wait(20000);
}

void TestWorkflowUi::checksAsYouType()
{
    QVERIFY(open("resnet_dynamic_batch.onnx"));
    ConvertPage* page = m_window->convertPage();
    QVERIFY2(page->canRun(), qPrintable(page->runBlockedReason()));
    const QString preview = page->commandPreview();
    QVERIFY2(preview.contains(QStringLiteral("--input_shape=input:1,3,224,224")), qPrintable(preview));
    QVERIFY(preview.contains(QStringLiteral("--soc_version=Ascend310P3")));
    QVERIFY(preview.contains(QStringLiteral("--framework=5")));
    // A shape ATC would refuse (three dims for a 4-d input): Run is disabled with the reason.
    page->shapeModel()->setStaticShape(0, QStringLiteral("1,3,224"));
    QVERIFY(waitChecked());
    QVERIFY2(!page->canRun(), qPrintable(page->commandPreview()));
    QVERIFY2(!page->runBlockedReason().isEmpty(), "no reason given");
    // The finding is shown at the field it is about.
    QVERIFY2(!page->fieldMessage(QStringLiteral("input_shape")).isEmpty(), qPrintable(page->runBlockedReason()));
    // A -1 batch with a dynamic batch profile is fine.
    page->shapeModel()->setStaticShape(0, QStringLiteral("-1,3,224,224"));
    page->setField(QStringLiteral("dynamic_batch_size"), QStringLiteral("1,2,4"));
    QVERIFY(waitChecked());
    QVERIFY2(page->canRun(), qPrintable(page->runBlockedReason()));
    QVERIFY(page->fieldMessage(QStringLiteral("input_shape")).isEmpty());
    QVERIFY(page->commandPreview().contains(QStringLiteral("--dynamic_batch_size=1,2,4")));
    // The recipe round trip restores the form.
    const AtcOptions options = page->options();
    page->setField(QStringLiteral("dynamic_batch_size"), QString());
    page->setOptions(options);
    QVERIFY(waitChecked());
    QCOMPARE(page->options().dynamicBatchSize, QStringLiteral("1,2,4"));
    // Out nodes picked on the graph page land in the form.
    emit m_window->graphPage()->outNodeRequested(QStringLiteral("/stem/conv/Conv"));
    QCOMPARE(page->options().outNodes, QStringLiteral("/stem/conv/Conv:0"));
    QCOMPARE(m_window->currentPageName(), QStringLiteral("convert"));
}

void TestWorkflowUi::openDimsBlockRunUntilSized()
{
    // [batch, 3, height, width]: no 1x1 image in the command; Run waits for real sizes; the model's imgsz is offered.
    QVERIFY(open("yolo_like.onnx"));
    ConvertPage* page = m_window->convertPage();
    QVERIFY(!page->canRun());
    QVERIFY2(page->runBlockedReason().contains(QStringLiteral("needs a size for dynamic dimension(s)")),
        qPrintable(page->runBlockedReason()));
    QVERIFY(!page->commandPreview().contains(QStringLiteral("--input_shape")));
    const QModelIndex cell = page->shapeModel()->index(0, InputShapeModel::StaticShapeColumn);
    QCOMPARE(cell.data().toString(), QStringLiteral("1,3,?,?"));
    QVERIFY(!cell.data(InputShapeModel::ErrorRole).toString().isEmpty()); // the cell is marked
    auto* bar = page->findChild<DimSuggestionBar*>();
    QVERIFY(bar);
    QVERIFY2(bar->text().contains(QStringLiteral("metadata imgsz")), qPrintable(bar->text()));
    bar->apply();
    QVERIFY(waitChecked());
    QVERIFY2(page->canRun(), qPrintable(page->runBlockedReason()));
    QVERIFY(page->commandPreview().contains(QStringLiteral("--input_shape=images:1,3,640,640")));
    // Folded shape arithmetic: no dynamic-output warning at all.
    for (const AtcFinding& f : page->lastCheck().findings)
        QVERIFY2(f.rule != QLatin1String("dynamic_output"), qPrintable(f.message));
    QVERIFY(bar->text().isEmpty());
}

void TestWorkflowUi::runProducesOm()
{
    QVERIFY(open("resnet_static.onnx"));
    ConvertPage* page = m_window->convertPage();
    QVERIFY2(page->canRun(), qPrintable(page->runBlockedReason()));
    QSignalSpy done(m_window->conversionPage(), &ConversionPage::finished);
    emit page->runRequested(page->options(), page->batchVariants());
    QCOMPARE(m_window->currentPageName(), QStringLiteral("atc"));
    QVERIFY(done.wait(60000));
    QVERIFY2(done.first().first().toBool(),
        qPrintable(m_window->conversionPage()->jobStatuses().join('\n') + '\n'
            + m_window->conversionPage()->logText().right(2000)));
    const auto outcomes = m_window->conversionPage()->queue()->outcomes();
    QCOMPARE(outcomes.size(), 1);
    QVERIFY(QFileInfo::exists(outcomes.first().omPath));
    QVERIFY(QFileInfo::exists(outcomes.first().recipePath));
    QVERIFY(m_window->conversionPage()->logText().contains(QStringLiteral("ATC run success")));
    QVERIFY(m_window->conversionPage()->statusText().contains(QStringLiteral("All OMs produced")));
    // The full path of the OM, Open Folder and Run This OM, which opens the Run page with it.
    QVERIFY2(m_window->conversionPage()->resultText().contains(QDir::toNativeSeparators(outcomes.first().omPath)),
        qPrintable(m_window->conversionPage()->resultText()));
    auto* folder = m_window->conversionPage()->findChild<QPushButton*>(QStringLiteral("openOmFolder"));
    auto* runOm = m_window->conversionPage()->findChild<QPushButton*>(QStringLiteral("runThisOm"));
    QVERIFY(folder && runOm && folder->isVisible() && runOm->isVisible());
    QVERIFY(wbtest::readmeShot(m_window, QStringLiteral("atc-run-success.png")));
    runOm->click();
    QCOMPARE(m_window->currentPageName(), QStringLiteral("run"));
    // The recipe beside the OM reopens the model with the form restored.
    const AtcOptions used = page->options();
    QSignalSpy loaded(m_window, &MainWindow::loadFinished);
    m_window->openRecipe(outcomes.first().recipePath);
    QVERIFY(loaded.wait(20000));
    QCOMPARE(m_window->currentPageName(), QStringLiteral("convert"));
    QCOMPARE(m_window->convertPage()->options().inputShape, used.inputShape);
    QCOMPARE(m_window->convertPage()->options().socVersion, used.socVersion);
    QCOMPARE(m_window->convertPage()->recipeNotice(), QString()); // it writes beside itself: nothing to say
}

// The Convert page reads well: the selected finding in full below one-line rows, no empty Flag column, the missing
// toolkit said once (the banner), a toolkit without SoCs a warning, field marks in the theme's colours; the ATC Run
// page says why Run ATC is disabled.
void TestWorkflowUi::convertPageReadsWell()
{
    QVERIFY(open("resnet_static.onnx"));
    ConvertPage* page = m_window->convertPage();
    auto* list = page->findChild<QTreeWidget*>(QStringLiteral("findingsList"));
    auto* banner = page->findChild<QLabel*>(QStringLiteral("toolkitBanner"));
    QVERIFY(list && banner);
    // A value ATC refuses: an error at the Log level field, in the theme's error colour, read in full below.
    page->setField(QStringLiteral("log"), QStringLiteral("chatty"));
    QVERIFY(waitChecked());
    QVERIFY(list->topLevelItemCount() >= 1);
    QVERIFY(!list->isColumnHidden(1)); // a finding names --log
    QVERIFY2(page->findingDetail().contains(QStringLiteral("--log=chatty")), qPrintable(page->findingDetail()));
    QVERIFY2(page->findingDetail().contains(QStringLiteral("→ Use one of: debug")), qPrintable(page->findingDetail()));
    auto* detail = page->findChild<QLabel*>(QStringLiteral("findingDetail"));
    QVERIFY(detail && detail->text().contains(QStringLiteral("chatty")));
    QWidget* logField = nullptr;
    for (auto* box : page->findChildren<QComboBox*>()) {
        if (box->currentText() == QStringLiteral("chatty"))
            logField = box;
    }
    QVERIFY(logField);
    QVERIFY2(
        logField->styleSheet().contains(theme::text(theme::Tone::Error).name()), qPrintable(logField->styleSheet()));
    QVERIFY(!logField->styleSheet().contains(QStringLiteral("#d32f2f")));
    page->setField(QStringLiteral("log"), QString());
    QVERIFY(waitChecked());
    QVERIFY2(page->canRun(), qPrintable(page->runBlockedReason()));
    QCOMPARE(m_window->conversionPage()->statusText(),
        QStringLiteral("No conversion has run yet: press Run ATC on the Convert page, or open a saved ATC log."));

    // No toolkit: the banner has the how-to; the checks and the reason do not repeat it; the ATC Run page says why.
    page->setToolkit(AtcToolkit());
    QVERIFY(waitChecked());
    QVERIFY(banner->text().contains(QStringLiteral("ASCEND_TOOLKIT_HOME")));
    QVERIFY(banner->styleSheet().contains(theme::panel(theme::Tone::Warning)));
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        QVERIFY2(!list->topLevelItem(i)->text(2).contains(QStringLiteral("No ATC was found")),
            qPrintable(list->topLevelItem(i)->text(2)));
    QVERIFY(!page->canRun());
    QVERIFY(!page->runBlockedReason().contains(QStringLiteral("ASCEND_TOOLKIT_HOME")));
    QVERIFY2(m_window->conversionPage()->statusText().contains(page->runBlockedReason()),
        qPrintable(m_window->conversionPage()->statusText()));
    QVERIFY(!m_window->conversionPage()->statusText().contains(QStringLiteral("press Run ATC")));
    // The reason is shown on the ATC Run page too, which has no notice at its top: it names the page that has.
    QVERIFY2(page->runBlockedReason().contains(QStringLiteral("the Convert page"))
            && !page->runBlockedReason().contains(QStringLiteral("this page")),
        qPrintable(page->runBlockedReason()));

    // A toolkit that lists no SoC: a warning, not the success banner.
    AtcToolkit noSocs = fakeToolkit();
    noSocs.socVersions.clear();
    page->setToolkit(noSocs);
    QVERIFY(waitChecked());
    QVERIFY2(banner->styleSheet().contains(theme::panel(theme::Tone::Warning)), qPrintable(banner->styleSheet()));
    QVERIFY(banner->text().contains(QStringLiteral("lists no SoC")));
    page->setToolkit(fakeToolkit());
    QVERIFY(waitChecked());
    QVERIFY(banner->styleSheet().contains(theme::panel(theme::Tone::Success)));
    // No finding names a flag: the Flag column says nothing and is hidden.
    bool anyField = false;
    for (const AtcFinding& f : page->lastCheck().findings)
        anyField = anyField || !f.field.isEmpty();
    QCOMPARE(list->isColumnHidden(1), !anyField);
}

void TestWorkflowUi::oneDefaultOutputName()
{
    // The Convert page proposes the OM `atcwb check` puts in its command (and `atcwb convert` writes:
    // tst_convertcli), `<model>_<SoC>` beside the model.
    QVERIFY(open("resnet_static.onnx"));
    ConvertPage* page = m_window->convertPage();
    page->setField(QStringLiteral("soc_version"), QStringLiteral("Ascend910B3"));
    QVERIFY(waitChecked());
    const QString model = m_dir->filePath(QStringLiteral("resnet_static.onnx"));
    const QString gui = page->options().output;
    QCOMPARE(gui, m_dir->filePath(QStringLiteral("resnet_static_Ascend910B3")));
    const wbtest::ProgramRun check = wbtest::runProgram(QStringLiteral(WB_BIN_DIR "/atcwb"),
        { QStringLiteral("check"), model, QStringLiteral("--soc"), QStringLiteral("Ascend910B3"),
            QStringLiteral("--json") });
    const QJsonArray command = check.json().value(QStringLiteral("command")).toArray();
    QVERIFY2(!command.isEmpty(), qPrintable(check.all()));
    QString cli;
    for (const QJsonValue& arg : command) {
        if (arg.toString().startsWith(QStringLiteral("--output=")))
            cli = arg.toString().mid(9);
    }
    QCOMPARE(cli, gui);
    // A name the user typed stays when the SoC changes.
    page->setField(QStringLiteral("output"), QStringLiteral("mine"));
    page->setField(QStringLiteral("soc_version"), QStringLiteral("Ascend310P3"));
    QCOMPARE(QFileInfo(page->options().output).fileName(), QStringLiteral("mine"));
}

// A recipe can name any output folder: one opened from elsewhere says where it writes before anything runs, and
// the output name is a plain file name.
void TestWorkflowUi::recipeWritingElsewhereSaysSo()
{
    QVERIFY(open("resnet_static.onnx"));
    QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("shared/recipes"))));
    const auto writeRecipe = [this](const QString& name, const QString& output) {
        const QJsonObject flags { { QStringLiteral("model"), m_dir->filePath(QStringLiteral("resnet_static.onnx")) },
            { QStringLiteral("soc_version"), QStringLiteral("Ascend310P3") }, { QStringLiteral("output"), output } };
        const QJsonObject recipe { { QStringLiteral("recipe"), QStringLiteral("atc-workbench") },
            { QStringLiteral("version"), 1 }, { QStringLiteral("mode"), 0 }, { QStringLiteral("flags"), flags } };
        QFile file(m_dir->filePath(QStringLiteral("shared/recipes/") + name));
        const bool ok = file.open(QIODevice::WriteOnly) && file.write(QJsonDocument(recipe).toJson()) > 0;
        return ok ? file.fileName() : QString();
    };
    const QString far = writeRecipe(QStringLiteral("far.recipe.json"), QStringLiteral("../../elsewhere/x"));
    const QString near = writeRecipe(QStringLiteral("near.recipe.json"), QStringLiteral("y"));
    QVERIFY(!far.isEmpty() && !near.isEmpty());
    ConvertPage* page = m_window->convertPage();

    QSignalSpy loaded(m_window, &MainWindow::loadFinished);
    m_window->openRecipe(far);
    QVERIFY(loaded.wait(20000));
    QCOMPARE(m_window->currentPageName(), QStringLiteral("convert"));
    const QString elsewhere = m_dir->filePath(QStringLiteral("elsewhere"));
    QCOMPARE(page->options().output, elsewhere + QStringLiteral("/x")); // the output field shows it
    QTRY_VERIFY2(page->recipeNotice().contains(QStringLiteral("This recipe writes to ") + elsewhere),
        qPrintable(page->recipeNotice()));
    auto* notice = page->findChild<QLabel*>(QStringLiteral("recipeNotice"));
    QVERIFY(notice && notice->isVisible());

    m_window->openRecipe(near);
    QVERIFY(loaded.wait(20000));
    QCOMPARE(page->options().output, m_dir->filePath(QStringLiteral("shared/recipes/y")));
    QTRY_COMPARE(page->recipeNotice(), QString());
    QVERIFY(!notice->isVisible());

    page->setField(QStringLiteral("output"), QStringLiteral("../y"));
    QTRY_VERIFY(!page->canRun());
    QVERIFY2(page->runBlockedReason().contains(QStringLiteral("path separator")), qPrintable(page->runBlockedReason()));
}

void TestWorkflowUi::atcErrorsReachTheGraph()
{
    QVERIFY(open("resnet_static.onnx"));
    qputenv("FAKE_ATC_UNSUPPORTED_OPS", "Gemm");
    QSignalSpy done(m_window->conversionPage(), &ConversionPage::finished);
    emit m_window->convertPage()->runRequested(m_window->convertPage()->options(), {});
    QVERIFY(done.wait(60000));
    QCOMPARE(done.first().first().toBool(), false);
    QVERIFY(m_window->conversionPage()->problemCount() >= 1);
    // The node ATC named is marked on the graph under the "atc" source.
    QStringList marked;
    for (const auto& m : m_window->graphPage()->overlay()->marks()) {
        if (m.source == QLatin1String("atc"))
            marked.append(m.node);
    }
    QString gemm;
    for (const graph::Node& n : m_window->graphPage()->scene()->doc->nodes()) {
        if (n.opType == QLatin1String("Gemm"))
            gemm = n.name;
    }
    QVERIFY(!gemm.isEmpty());
    QVERIFY2(marked.contains(gemm), qPrintable(marked.join(',')));
    QVERIFY(m_window->conversionPage()->jobStatuses().first().contains(QStringLiteral("failed")));
}

void TestWorkflowUi::atcPrecheckJoinsTheChecks()
{
    QVERIFY(open("resnet_static.onnx"));
    ConvertPage* page = m_window->convertPage();
    QVERIFY2(page->canRun(), qPrintable(page->runBlockedReason()));
    QVERIFY(page->precheckButton()->isEnabled());
    qputenv("FAKE_ATC_UNSUPPORTED_OPS", "Gemm");
    QSignalSpy prechecked(page, &ConvertPage::precheckFinished);
    QTest::mouseClick(page->precheckButton(), Qt::LeftButton);
    QVERIFY(page->isPrechecking());
    QCOMPARE(page->precheckButton()->text(), QStringLiteral("Cancel Pre-check"));
    QVERIFY(prechecked.wait(30000));
    QVERIFY2(
        page->precheckStatus().contains(QStringLiteral("rejected 1 operator")), qPrintable(page->precheckStatus()));
    // ATC's verdict is one of the checks now: listed, marked on the graph, and it blocks Run.
    QString gemm;
    for (const AtcFinding& f : page->lastCheck().findings) {
        if (f.rule == QLatin1String("atc_precheck"))
            gemm = f.nodes.value(0);
    }
    QVERIFY(!gemm.isEmpty());
    QVERIFY(!page->canRun());
    QVERIFY2(page->runBlockedReason().contains(QStringLiteral("pre-check rejected node")),
        qPrintable(page->runBlockedReason()));
    bool marked = false;
    for (const auto& m : m_window->graphPage()->overlay()->marks())
        marked = marked || (m.source == QLatin1String("check") && m.node == gemm);
    QVERIFY(marked);
    // Other options: ATC's verdict no longer applies, so it goes, and the status says why.
    page->setField(QStringLiteral("soc_version"), QStringLiteral("Ascend910B3"));
    QVERIFY(waitChecked());
    for (const AtcFinding& f : page->lastCheck().findings)
        QVERIFY2(f.rule != QLatin1String("atc_precheck"), qPrintable(f.message));
    QVERIFY2(page->canRun(), qPrintable(page->runBlockedReason()));
    QVERIFY(page->precheckStatus().contains(QStringLiteral("ran for other options")));
    // Passing pre-check; then cancel one that hangs.
    qunsetenv("FAKE_ATC_UNSUPPORTED_OPS");
    QTest::mouseClick(page->precheckButton(), Qt::LeftButton);
    QVERIFY(prechecked.wait(30000));
    QVERIFY2(
        page->precheckStatus().startsWith(QStringLiteral("ATC pre-check passed")), qPrintable(page->precheckStatus()));
    QVERIFY(page->canRun());
    qputenv("FAKE_ATC_DELAY_MS", "30000");
    QTest::mouseClick(page->precheckButton(), Qt::LeftButton);
    QVERIFY(page->isPrechecking());
    QTest::mouseClick(page->precheckButton(), Qt::LeftButton); // "Cancel Pre-check"
    QVERIFY(prechecked.wait(10000));
    qunsetenv("FAKE_ATC_DELAY_MS");
    QVERIFY2(page->precheckStatus().contains(QStringLiteral("cancelled")), qPrintable(page->precheckStatus()));
    QVERIFY(!page->isPrechecking());
    QVERIFY(page->canRun()); // a cancelled pre-check says nothing about the model
    // Opening a model (even the same file again) forgets ATC's verdict on the one before.
    qputenv("FAKE_ATC_UNSUPPORTED_OPS", "Gemm");
    QTest::mouseClick(page->precheckButton(), Qt::LeftButton);
    QVERIFY(prechecked.wait(30000));
    qunsetenv("FAKE_ATC_UNSUPPORTED_OPS");
    QVERIFY(!page->canRun());
    QVERIFY(open("resnet_static.onnx"));
    for (const AtcFinding& f : page->lastCheck().findings)
        QVERIFY2(f.rule != QLatin1String("atc_precheck"), qPrintable(f.message));
    QVERIFY(page->precheckStatus().isEmpty());
    QVERIFY2(page->canRun(), qPrintable(page->runBlockedReason()));
    // Without a toolkit the button is off and says how to get one.
    page->setToolkit(AtcToolkit {});
    QVERIFY(!page->precheckButton()->isEnabled());
    QVERIFY(page->precheckButton()->toolTip().contains(QStringLiteral("needs an installed toolkit")));
}

void TestWorkflowUi::profilesAndOtherFlags()
{
    QVERIFY(open("resnet_dynamic_batch.onnx"));
    ConvertPage* page = m_window->convertPage();
    auto* profiles = page->findChild<ProfilesEditor*>(QStringLiteral("profilesEditor"));
    auto* extra = page->findChild<ExtraFlagsEditor*>(QStringLiteral("extraFlagsEditor"));
    QVERIFY(profiles && extra);

    // Two dynamic dims in the shape table become the dims columns, named after the input and the dim.
    page->shapeModel()->setStaticShape(0, QStringLiteral("-1,3,-1,224"));
    profiles->setKind(ProfilesEditor::Dims);
    auto* profileTable = profiles->findChild<QAbstractItemView*>(QStringLiteral("profilesTable"));
    QVERIFY(profileTable);
    QAbstractItemModel* pm = profileTable->model();
    QCOMPARE(pm->columnCount(), 2);
    QCOMPARE(pm->headerData(0, Qt::Horizontal).toString(), QStringLiteral("input[0]"));
    QCOMPARE(pm->headerData(1, Qt::Horizontal).toString(), QStringLiteral("input[2]"));
    while (pm->rowCount() < 2)
        pm->insertRow(pm->rowCount());
    const int values[2][2] = { { 1, 224 }, { 4, 448 } };
    for (int r = 0; r < 2; ++r)
        for (int c = 0; c < 2; ++c)
            QVERIFY(pm->setData(pm->index(r, c), QString::number(values[r][c]), Qt::EditRole));
    QVERIFY(waitChecked());
    QCOMPARE(page->options().dynamicDims, QStringLiteral("1,224;4,448"));
    QVERIFY2(page->commandPreview().contains(QStringLiteral("'--dynamic_dims=1,224;4,448'")),
        qPrintable(page->commandPreview()));
    QVERIFY2(page->fieldMessage(QStringLiteral("input_shape")).isEmpty(),
        qPrintable(page->fieldMessage(QStringLiteral("input_shape"))));

    // A toolkit whose --help lists some flags: the picker offers those without a field; a value with spaces is
    // passed whole; a flag this ATC does not list is an error marked at the table.
    AtcToolkit toolkit = fakeToolkit();
    toolkit.flags
        = { QStringLiteral("mode"), QStringLiteral("model"), QStringLiteral("framework"), QStringLiteral("output"),
              QStringLiteral("soc_version"), QStringLiteral("input_shape"), QStringLiteral("dynamic_dims"),
              QStringLiteral("deterministic"), QStringLiteral("op_name_map"), QStringLiteral("keep_dtype") };
    page->setToolkit(toolkit);
    QVERIFY(waitChecked());
    // keep_dtype is a typed option without a field on this page: offered here.
    QCOMPARE(extra->offeredFlags(),
        (QStringList { QStringLiteral("deterministic"), QStringLiteral("keep_dtype"), QStringLiteral("op_name_map") }));
    // Fields for flags this ATC does not list are off while empty; so are the profile kinds it lacks.
    auto* precision = page->findChild<QComboBox*>(QStringLiteral("precisionMode"));
    QVERIFY(precision);
    QVERIFY(!precision->isEnabled());
    QVERIFY(precision->toolTip().contains(QStringLiteral("does not list --precision_mode")));
    QVERIFY(!profiles->isKindAvailable(ProfilesEditor::Batch));
    QVERIFY(profiles->isKindAvailable(ProfilesEditor::Dims));
    extra->setFlags({ { QStringLiteral("op_name_map"), QStringLiteral("/tmp/my map.cfg") },
        { QStringLiteral("status_check"), QStringLiteral("1") } });
    QVERIFY(waitChecked());
    QCOMPARE(page->options().extraFlags.size(), 2);
    QVERIFY2(page->commandPreview().contains(QStringLiteral("'--op_name_map=/tmp/my map.cfg'")),
        qPrintable(page->commandPreview()));
    QVERIFY(!page->canRun());
    QVERIFY2(
        page->fieldMessage(QStringLiteral("status_check")).contains(QStringLiteral("does not list --status_check")),
        qPrintable(page->fieldMessage(QStringLiteral("status_check"))));

    // Both survive the recipe round trip.
    const AtcOptions options = page->options();
    extra->setFlags({});
    profiles->setKind(ProfilesEditor::None);
    QVERIFY(waitChecked());
    QVERIFY(page->options().dynamicDims.isEmpty());
    page->setOptions(options);
    QVERIFY(waitChecked());
    QCOMPARE(page->options().dynamicDims, QStringLiteral("1,224;4,448"));
    QCOMPARE(page->options().extraFlags, options.extraFlags);

    // A recipe with options the page has no field for (and a work_dir) keeps them all.
    AtcOptions rich = options;
    rich.keepDtype = m_dir->filePath(QStringLiteral("keep.cfg"));
    rich.opSelectImplmode = QStringLiteral("high_precision");
    rich.workDir = m_dir->filePath(QStringLiteral("work"));
    page->setOptions(rich);
    QVERIFY(waitChecked());
    QCOMPARE(page->options().keepDtype, rich.keepDtype);
    QCOMPARE(page->options().opSelectImplmode, rich.opSelectImplmode);
    QCOMPARE(page->options().workDir, rich.workDir);
    QCOMPARE(page->options().extraFlags, options.extraFlags); // the typed ones are not duplicated as extras
    QStringList rows;
    for (const AtcExtraFlag& f : extra->flags())
        rows.append(f.name);
    QVERIFY2(rows.contains(QStringLiteral("keep_dtype")) && rows.contains(QStringLiteral("op_select_implmode")),
        qPrintable(rows.join(',')));
}

void TestWorkflowUi::batchVariants()
{
    QVERIFY(open("resnet_dynamic_batch.onnx"));
    ConvertPage* page = m_window->convertPage();
    page->setBatchVariants(QStringLiteral("1,4"));
    QVERIFY(waitChecked());
    QCOMPARE(page->batchVariants(), (QList<qint64> { 1, 4 }));
    QSignalSpy done(m_window->conversionPage(), &ConversionPage::finished);
    emit page->runRequested(page->options(), page->batchVariants());
    QVERIFY(done.wait(60000));
    QVERIFY(done.first().first().toBool());
    const QStringList jobs = m_window->conversionPage()->jobStatuses();
    QCOMPARE(jobs.size(), 2);
    QVERIFY2(jobs.at(0).contains(QStringLiteral("_b1.om")) && jobs.at(1).contains(QStringLiteral("_b4.om")),
        qPrintable(jobs.join(',')));
}

void TestWorkflowUi::buildTheseVariantsQueuesTheMissing()
{
    // B1 and B4 are built; the Strategies tab's search recommends {1, 8} (for the mix 1:90,8:10 with an 8 at 4 ms
    // on batch 8 and 2 x 2.5 ms on batch 4, {1, 4, 8} plans like {1, 8}: a tie, fewer OMs). Build These Variants
    // queues only B8, with the Convert page's options.
    QVERIFY(open("resnet_dynamic_batch.onnx"));
    ConvertPage* page = m_window->convertPage();
    page->setBatchVariants(QStringLiteral("1,4"));
    QVERIFY(waitChecked());
    QSignalSpy done(m_window->conversionPage(), &ConversionPage::finished);
    emit page->runRequested(page->options(), page->batchVariants());
    QVERIFY(done.wait(60000));
    QVERIFY(done.last().first().toBool());
    DispatchRunResult run;
    run.ok = true;
    wb::dispatch::SubsetOptions options;
    std::string error;
    QVERIFY(wb::dispatch::parseRequestMix("1:90,8:10", options.mix, error));
    options.candidates = { 1, 4, 8 };
    run.subsets = wb::dispatch::simulateSubsets({ { 1, { 1.0 }, 0 }, { 4, { 2.5 }, 0 }, { 8, { 4.0 }, 0 } }, options);
    redecideDispatch(run, 0);
    QCOMPARE(run.recommendation.batches, (std::vector<std::uint64_t> { 1, 8 }));
    StrategyPanel* panel = m_window->runPage()->strategies();
    panel->showRun(run);
    auto* build = panel->findChild<QPushButton*>(QStringLiteral("buildVariants"));
    QVERIFY(build && build->isEnabled());
    build->click();
    QVERIFY(done.wait(60000));
    QVERIFY(done.last().first().toBool());
    const QStringList jobs = m_window->conversionPage()->jobStatuses();
    QCOMPARE(jobs.size(), 1);
    QVERIFY2(jobs.first().contains(QStringLiteral("_b8.om")), qPrintable(jobs.join(',')));
    // Now every recommended size is built.
    QVERIFY(!build->isEnabled());
}

void TestWorkflowUi::quitWhileRunningAsks()
{
    QVERIFY(open("resnet_static.onnx"));
    qputenv("FAKE_ATC_MODE", "hang");
    emit m_window->convertPage()->runRequested(m_window->convertPage()->options(), {});
    QTRY_VERIFY_WITH_TIMEOUT(RunningTools::count() == 1, 20000);
    QStringList asked;
    m_window->setQuitConfirmation([&asked](const QStringList& running) {
        asked = running;
        return false; // "no, keep running"
    });
    QVERIFY(!m_window->close());
    QCOMPARE(asked.size(), 1);
    QCOMPARE(RunningTools::count(), 1);
    m_window->setQuitConfirmation([](const QStringList&) { return true; });
    // Stopping does not block the window (a tool may take its whole grace period): it closes once they are gone.
    QVERIFY(!m_window->close());
    QVERIFY(m_window->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isVisible(), 20000);
    QCOMPARE(RunningTools::count(), 0); // stopped, no orphan left
}

void TestWorkflowUi::savedAtcLog()
{
    ConversionPage* atc = m_window->conversionPage();
    QSignalSpy opened(atc, &ConversionPage::logOpened);
    // Without a model: the ATC Run page still opens a recorded real log (its verdict and problems).
    m_window->openAtcLog(QStringLiteral(WB_TEST_DATA_DIR "/atc/fail_e20001_op_compile_dynamic_dims_qwen_issue11.log"));
    QCOMPARE(m_window->currentPageName(), QStringLiteral("atc"));
    QVERIFY(opened.wait(10000));
    QCOMPARE(opened.last().first().toBool(), true);
    QVERIFY2(atc->statusText().contains(QStringLiteral("ATC failed")), qPrintable(atc->statusText()));
    QVERIFY(atc->statusText().contains(QStringLiteral("nothing was run")));
    QVERIFY(atc->logText().contains(QStringLiteral("E20001")));
    QVERIFY(atc->problemCount() >= 1);
    QVERIFY(atc->jobStatuses().first().contains(QStringLiteral("(saved log): failed")));
    const int plainProblems = atc->problemCount();

    // Bad files: said plainly, and what was shown stays.
    const QString folder = m_dir->path();
    const QString binary = m_dir->filePath(QStringLiteral("weights.bin"));
    QFile bin(binary);
    QVERIFY(bin.open(QIODevice::WriteOnly));
    bin.write(QByteArray("\x00\x01\x02\x03", 4).repeated(64));
    bin.close();
    const struct {
        QString path;
        QString says;
    } bad[] = { { m_dir->filePath(QStringLiteral("nope.log")), QStringLiteral("does not exist") },
        { folder, QStringLiteral("is a folder") }, { binary, QStringLiteral("is not a text log") } };
    for (const auto& b : bad) {
        m_window->openAtcLog(b.path);
        QVERIFY(opened.wait(10000));
        QCOMPARE(opened.last().first().toBool(), false);
        QVERIFY2(atc->statusText().contains(b.says), qPrintable(atc->statusText()));
        QVERIFY(atc->logText().contains(QStringLiteral("E20001")));
    }

    // The same log pasted into an issue (quoted with "> "): the same verdict and problems, and it says so.
    m_window->openAtcLog(QStringLiteral(WB_TEST_DATA_DIR "/atc/pasted_quote_e20001.log"));
    QVERIFY(opened.wait(10000));
    QVERIFY(opened.last().first().toBool());
    QVERIFY2(atc->statusText().contains(QStringLiteral("ATC failed")), qPrintable(atc->statusText()));
    QVERIFY2(atc->statusText().contains(QStringLiteral("Read as pasted text (took off quote markers)")),
        qPrintable(atc->statusText()));
    QCOMPARE(atc->problemCount(), plainProblems);
    QCOMPARE(atc->jobStatuses(), QStringList { QStringLiteral("pasted_quote_e20001.log (saved log): failed") });
    // Three runs pasted together: a row each, the verdict is the last one's.
    m_window->openAtcLog(QStringLiteral(WB_TEST_DATA_DIR "/atc/pasted_three_runs_e16005_e10007_w11001.log"));
    QVERIFY(opened.wait(10000));
    QVERIFY2(atc->statusText().contains(QStringLiteral("ATC succeeded")), qPrintable(atc->statusText()));
    QVERIFY(atc->statusText().contains(QStringLiteral("It holds 3 ATC runs")));
    QCOMPARE(atc->jobStatuses().size(), 3);
    QVERIFY2(
        atc->jobStatuses().at(0).endsWith(QStringLiteral("run 1): failed")), qPrintable(atc->jobStatuses().join('\n')));
    QVERIFY(atc->jobStatuses().at(2).endsWith(QStringLiteral("run 3): succeeded")));
    QVERIFY(atc->logText().contains(QStringLiteral("[2] E10007:")));
    // Nothing names the problem: said, with the key line quoted.
    m_window->openAtcLog(QStringLiteral(WB_TEST_DATA_DIR "/atc/pasted_cut_no_problem_e19010.log"));
    QVERIFY(opened.wait(10000));
    QVERIFY2(atc->statusText().contains(QStringLiteral("ATC failed")), qPrintable(atc->statusText()));
    QVERIFY2(atc->statusText().contains(QStringLiteral("No problem can be named; the most likely key line is line 3: "
                                                       "“ATC run failed")),
        qPrintable(atc->statusText()));
    QCOMPARE(atc->problemCount(), 1); // the failure sentence, as for any log
    const auto* problems = atc->findChild<QTreeWidget*>(QStringLiteral("atcProblems"));
    QVERIFY(problems && problems->topLevelItemCount() == 2);
    QCOMPARE(problems->topLevelItem(1)->text(0), QStringLiteral("No problem named"));
    QVERIFY(problems->topLevelItem(1)->text(1).startsWith(QStringLiteral("ATC run failed")));

    // Old Mac-style line ends (a bare \r): split as the parser splits them.
    const QString cr = m_dir->filePath(QStringLiteral("cr.log"));
    QFile crFile(cr);
    QVERIFY(crFile.open(QIODevice::WriteOnly));
    crFile.write("ATC start working now, please wait for a moment.\rATC run success, welcome to the next use.\r"
                 "W11001: Op [x] has a warning\r");
    crFile.close();
    m_window->openAtcLog(cr);
    QVERIFY(opened.wait(10000));
    QVERIFY2(atc->statusText().contains(QStringLiteral("ATC succeeded, 0 error(s), 1 warning(s), 3 line(s)")),
        qPrintable(atc->statusText()));
    QCOMPARE(atc->logText().split(QLatin1Char('\n')).size(), 3);

    // With a model: a log naming one of its nodes marks it on the graph.
    QVERIFY(open("resnet_static.onnx"));
    const QString log = m_dir->filePath(QStringLiteral("colleague.log"));
    QFile f(log);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("ATC start working now, please wait for a moment.\n"
            "ATC run failed, Please check the detail log, Try 'atc --help' for more information\n"
            "E19010: No parser is registered for Op [/stem/conv/Conv, optype [ai.onnx::11::Conv]].\n");
    f.close();
    m_window->openAtcLog(log);
    QVERIFY(opened.wait(10000));
    QVERIFY(opened.last().first().toBool());
    bool marked = false;
    for (const auto& m : m_window->graphPage()->overlay()->marks())
        marked = marked || (m.source == QLatin1String("atc") && m.node == QLatin1String("/stem/conv/Conv"));
    QVERIFY(marked);

    // Not while a conversion runs.
    qputenv("FAKE_ATC_MODE", "hang");
    emit m_window->convertPage()->runRequested(m_window->convertPage()->options(), {});
    QTRY_VERIFY_WITH_TIMEOUT(atc->isRunning(), 20000);
    m_window->openAtcLog(log);
    QCOMPARE(opened.last().first().toBool(), false);
    QVERIFY(atc->statusText().contains(QStringLiteral("A conversion is running")));
    QSignalSpy done(atc, &ConversionPage::finished);
    atc->queue()->cancel();
    QVERIFY(done.size() == 1 || done.wait(20000)); // synchronous when the job had not started yet
    qunsetenv("FAKE_ATC_MODE");
}

void TestWorkflowUi::cpuRunIsCharted()
{
    QVERIFY(open("resnet_static.onnx"));
    RunPage* page = m_window->runPage();
    QVERIFY(m_window->showPage(QStringLiteral("run")));
    // Before a run, each chart says what will fill it.
    QVERIFY2(
        page->charts()->traceHint().startsWith(QStringLiteral("Press Run")), qPrintable(page->charts()->traceHint()));
    QVERIFY(wbtest::readmeShot(m_window, QStringLiteral("run-page-empty.png")));
    QSignalSpy done(page, &RunPage::runFinished);
    const QString outputs = m_dir->filePath(QStringLiteral("outputs"));
    page->findChild<QLineEdit*>(QStringLiteral("runOutputDir"))->setText(outputs);
    // Kept outputs from random inputs of msame or ais_bench (their own generators) would never compare with ONNX
    // Runtime's: the page says so. om-runner shares the CPU's generator: no hint.
    auto* hint = page->findChild<QLabel*>(QStringLiteral("runOutputHint"));
    QVERIFY(hint && hint->isHidden()); // zeros
    QComboBox *inputData = nullptr, *runner = nullptr;
    for (QComboBox* c : page->findChildren<QComboBox*>()) {
        inputData = c->findText(QStringLiteral("random")) >= 0 ? c : inputData;
        runner = c->findText(QStringLiteral("msame")) >= 0 ? c : runner;
    }
    QVERIFY(inputData && runner);
    inputData->setCurrentText(QStringLiteral("random"));
    QVERIFY(hint->isHidden()); // automatic: ONNX Runtime here, om-runner on an NPU
    runner->setCurrentText(QStringLiteral("msame"));
    QVERIFY(!hint->isHidden());
    runner->setCurrentIndex(0);
    inputData->setCurrentText(QStringLiteral("zeros"));
    QVERIFY(hint->isHidden());
    WB_REQUIRE_ORT(); // the CPU run needs it; once it loads, any error of the run is a failure
    page->run();
    QVERIFY(done.wait(120000));
    QVERIFY2(done.first().first().toBool(), qPrintable(page->lastResult().error));
    QCOMPARE(page->lastResult().iterationsMs.size(), BenchRequest().loops); // the default of `atcwb bench`
    QCOMPARE(page->charts()->sampleCount(), BenchRequest().loops);
    // Replots are throttled: far fewer than one per sample.
    QVERIFY2(page->charts()->replotCount() < 100, qPrintable(QString::number(page->charts()->replotCount())));
    QVERIFY(page->statsText().contains(QStringLiteral("p99")));
    QCOMPARE(page->historyCount(), 1);
    QCOMPARE(page->charts()->compareHint(), QStringLiteral("Tick runs of different batch sizes to compare."));
    QVERIFY(wbtest::readmeShot(m_window, QStringLiteral("run-page-after-one-run.png")));
    page->compareAll();
    const QString csv = m_dir->filePath(QStringLiteral("runs.csv"));
    QVERIFY(page->exportCsv(csv));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll().count('\n'), 2); // header and one run

    // The outputs were kept, and Tools > Compare Outputs reads them. The folder against itself has nothing to check
    // (no .bin from another runner): said, never a pass.
    QVERIFY(QFileInfo::exists(outputs + QStringLiteral("/output_0.pb")));
    CompareDialog* compare = m_window->showCompare(outputs, outputs);
    QSignalSpy compared(compare, &CompareDialog::compared);
    QVERIFY(compared.wait(20000));
    QCOMPARE(compared.first().first().toBool(), false);
    QVERIFY2(
        compare->statusText().contains(QStringLiteral("holds no output_N.bin")), qPrintable(compare->statusText()));
    // A copy of the run's outputs elsewhere: a pass.
    const QString copy = m_dir->filePath(QStringLiteral("copy"));
    QVERIFY(QDir().mkpath(copy));
    QVERIFY(QFile::copy(outputs + QStringLiteral("/output_0.pb"), copy + QStringLiteral("/output_0.pb")));
    compare->setPaths(outputs, copy);
    compare->compare();
    QVERIFY(compared.wait(20000));
    QCOMPARE(compared.last().first().toBool(), true);
    QCOMPARE(compare->table()->rowCount(), 1);
    QVERIFY2(compare->statusText().startsWith(QStringLiteral("PASS")), qPrintable(compare->statusText()));
    QCOMPARE(compare->table()->item(0, 6)->text(), QStringLiteral("PASS"));
    // A folder without outputs: said, no rows.
    compare->setPaths(m_dir->path(), outputs);
    compare->compare();
    QVERIFY(compared.wait(20000));
    QCOMPARE(compared.last().first().toBool(), false);
    QCOMPARE(compare->table()->rowCount(), 0);
    QVERIFY2(
        compare->statusText().contains(QStringLiteral("has no output_N.pb files")), qPrintable(compare->statusText()));
}

void TestWorkflowUi::compareShowsWhyNotCompared()
{
    // Outputs of different sizes cannot be compared: the row itself says why (not only its tooltip).
    const QString ref = m_dir->filePath(QStringLiteral("ref")), act = m_dir->filePath(QStringLiteral("act"));
    QVERIFY(QDir().mkpath(ref) && QDir().mkpath(act));
    HostTensor a { QStringLiteral("y"), 1, { 1, 4 }, QByteArray(16, '\0') };
    HostTensor b { QStringLiteral("y"), 1, { 1, 2 }, QByteArray(8, '\0') };
    QVERIFY(writeTensorFile(a, ref + QStringLiteral("/output_0.pb")).ok());
    QVERIFY(writeTensorFile(b, act + QStringLiteral("/output_0.pb")).ok());
    CompareDialog* compare = m_window->showCompare(ref, act);
    QSignalSpy compared(compare, &CompareDialog::compared);
    QVERIFY(compared.wait(20000));
    QCOMPARE(compared.first().first().toBool(), false);
    QCOMPARE(compare->table()->rowCount(), 1);
    const QString reason = compare->table()->item(0, 1)->text();
    QVERIFY2(
        reason.contains(QStringLiteral("[1, 4]")) && reason.contains(QStringLiteral("[1, 2]")), qPrintable(reason));
    QCOMPARE(compare->table()->columnSpan(0, 1), 5);
    // The whole reason, wrapped in the row: as tall as its text needs, not cut off with "…".
    const QAbstractItemView* view = compare->table(); // sizeHintForRow is public here (QTableView's, protected)
    QVERIFY2(compare->table()->rowHeight(0) >= view->sizeHintForRow(0),
        qPrintable(QStringLiteral("%1 px < %2 px").arg(compare->table()->rowHeight(0)).arg(view->sizeHintForRow(0))));
    QCOMPARE(compare->table()->item(0, 6)->text(), QStringLiteral("FAIL"));
    QVERIFY(wbtest::readmeShot(compare, QStringLiteral("compare-shape-mismatch.png")));
    // Narrower figure columns (the user drags them) wrap the reason on more lines: the row grows with it.
    const int before = compare->table()->rowHeight(0);
    for (int column = 1; column <= 5; ++column)
        compare->table()->horizontalHeader()->resizeSection(column, compare->table()->columnWidth(column) / 2);
    QTRY_VERIFY2(compare->table()->rowHeight(0) > before && compare->table()->rowHeight(0) >= view->sizeHintForRow(0),
        qPrintable(QStringLiteral("%1 px (was %2), needs %3")
                       .arg(compare->table()->rowHeight(0))
                       .arg(before)
                       .arg(view->sizeHintForRow(0))));
}

WB_TEST_MAIN(TestWorkflowUi)
#include "tst_workflowui.moc"
