#include "mainwindow.h"

#include "models/inputshapemodel.h"
#include "models/modelshapes.h"

#include "atc/toolkitcontroller.h"
#include "dialogs/comparedialog.h"
#include "dialogs/settingsdialog.h"
#include "graph/overlaymarks.h"
#include "graph/overlaymodel.h"
#include "hosts/hostconnections.h"
#include "hosts/hostssettings.h"
#include "hosts/targethostcombo.h"
#include "icons.h"
#include "logging/logging.h"
#include "models/tensortablemodel.h"
#include "om/ommodel.h"
#include "onnx/modelloader.h"
#include "pages/conversionpage.h"
#include "pages/convertmanypage.h"
#include "pages/convertpage.h"
#include "pages/graphpage.h"
#include "pages/modelpage.h"
#include "pages/ompage.h"
#include "pages/profilepage.h"
#include "pages/runpage.h"
#include "pages/shapespage.h"
#include "process/runningtools.h"
#include "profile/profilemarks.h"
#include "theme.h"

#include "pages/welcomepage.h"
#include "settings/settings.h"
#include "util/releaseinbackground.h"
#include "version.h"
#include "widgets/logpanel.h"
#include "widgets/messagebar.h"
#include "widgets/strategypanel.h"
#include <QItemSelectionModel>
#include <QTableView>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

namespace wb {

namespace {

// The page stack does not take part in height-for-width: QStackedLayout asks every page, hidden ones too, so each
// text change on the page shown (the Run page's progress, five times a second) made the word-wrapped rich-text labels
// of every page lay out their text again (6-7 ms of the GUI thread each time; 30-70 ms on a loaded machine).
class PageStack : public QStackedWidget {
public:
    using QStackedWidget::QStackedWidget;
    bool hasHeightForWidth() const override { return false; }
};

const QString kWelcome = QStringLiteral("welcome");
const QString kModel = QStringLiteral("model");
const QString kShapes = QStringLiteral("shapes");
const QString kGraph = QStringLiteral("graph");
const QString kConvert = QStringLiteral("convert");
const QString kAtc = QStringLiteral("atc");
const QString kRun = QStringLiteral("run");
const QString kOm = QStringLiteral("om");
const QString kConvertMany = QStringLiteral("convertmany");
const QString kProfile = QStringLiteral("profile"); // works without a model, like the ATC Run page

QString localFileFrom(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile())
            return url.toLocalFile();
    }
    return {};
}

// Every local file and folder of a drop.
QStringList localPathsFrom(const QMimeData* mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    return paths;
}
} // namespace

MainWindow::MainWindow(Settings& settings, QWidget* parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_loader(new ModelLoader(this))
    , m_shapeState(new ModelShapes(this))
    , m_messageBar(new MessageBar(this))
    , m_pages(new PageStack(this))
    , m_nav(new QListWidget(this))
    , m_welcome(new WelcomePage(this))
    , m_modelPage(new ModelPage(this))
    , m_shapesPage(new ShapesPage(m_shapeState, this))
    , m_graphPage(new GraphPage(this))
    , m_convertPage(new ConvertPage(m_shapeState, this))
    , m_conversionPage(new ConversionPage(this))
    , m_runPage(new RunPage(m_shapeState, this))
    , m_omPage(new OmPage(this))
    , m_convertManyPage(new ConvertManyPage(this))
    , m_profilePage(new ProfilePage(this))
    , m_toolkit(new ToolkitController(settings, this))
    , m_logPanel(new LogPanel(this))
    , m_statusPath(new QLabel(this))
    , m_busy(new QProgressBar(this))
{
    setWindowTitle(QStringLiteral(WB_NAME));
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);

    auto* central = new QWidget(this);
    auto* outer = new QVBoxLayout(central);
    outer->setContentsMargins(6, 6, 6, 0);
    outer->addWidget(m_messageBar);
    auto* body = new QHBoxLayout;
    m_nav->setObjectName(QStringLiteral("pageList"));
    m_nav->setIconSize(QSize(24, 24));
    auto* modelItem = new QListWidgetItem(icons::page(kModel), tr("Model"), m_nav);
    modelItem->setData(Qt::UserRole, kModel);
    auto* shapesItem = new QListWidgetItem(icons::page(kShapes), tr("Shapes"), m_nav);
    shapesItem->setData(Qt::UserRole, kShapes);
    shapesItem->setToolTip(
        tr("Fix input shapes, infer every tensor's shape, save a static copy or extract a sub-model"));
    auto* graphItem = new QListWidgetItem(icons::page(kGraph), tr("Graph"), m_nav);
    graphItem->setData(Qt::UserRole, kGraph);
    graphItem->setToolTip(tr("The model's graph: search, node properties, problems, export"));
    auto* convertItem = new QListWidgetItem(icons::page(kConvert), tr("Convert"), m_nav);
    convertItem->setData(Qt::UserRole, kConvert);
    convertItem->setToolTip(tr("ATC options checked as you type, the exact command, Run"));
    auto* atcItem = new QListWidgetItem(icons::page(kAtc), tr("ATC Run"), m_nav);
    atcItem->setData(Qt::UserRole, kAtc);
    atcItem->setToolTip(tr("The conversion as it runs: log, problems, batch variants"));
    auto* runItem = new QListWidgetItem(icons::page(kRun), tr("Run"), m_nav);
    runItem->setData(Qt::UserRole, kRun);
    runItem->setToolTip(tr("Run the model on the CPU or an NPU and chart its latency"));
    auto* omItem = new QListWidgetItem(icons::page(kOm), tr("OM"), m_nav);
    omItem->setData(Qt::UserRole, kOm);
    omItem->setToolTip(tr("Inside an .om: engines, fused ONNX nodes, inserted ops, findings"));
    auto* manyItem = new QListWidgetItem(icons::page(kConvertMany), tr("Convert Many"), m_nav);
    manyItem->setData(Qt::UserRole, kConvertMany);
    manyItem->setToolTip(tr("Many models x SoCs x batch sizes in one queue, with a report"));
    auto* profileItem = new QListWidgetItem(icons::page(kProfile), tr("Profile"), m_nav);
    profileItem->setData(Qt::UserRole, kProfile);
    profileItem->setToolTip(tr("Where the NPU time goes: per-operator profile, by op type, on the graph"));
    // As wide as its widest name with its icon (in this language), so no name is cut and no scroll bar shows.
    m_nav->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_nav->setFixedWidth(
        qMax(120, static_cast<const QAbstractItemView*>(m_nav)->sizeHintForColumn(0) + 2 * m_nav->frameWidth()));
    body->addWidget(m_nav);
    m_pages->addWidget(m_welcome);
    m_pages->addWidget(m_modelPage);
    m_pages->addWidget(m_shapesPage);
    m_pages->addWidget(m_graphPage);
    m_pages->addWidget(m_convertPage);
    m_pages->addWidget(m_conversionPage);
    m_pages->addWidget(m_runPage);
    m_pages->addWidget(m_omPage);
    m_pages->addWidget(m_convertManyPage);
    m_pages->addWidget(m_profilePage);
    body->addWidget(m_pages, 1);
    outer->addLayout(body, 1);
    setCentralWidget(central);

    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(140);
    m_busy->hide();
    statusBar()->addWidget(m_statusPath, 1);
    statusBar()->addPermanentWidget(m_busy);

    createActions();
    createDocks();

    connect(m_nav, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && (m_model || m_nav->item(row)->data(Qt::UserRole).toString() == kConvertMany))
            showPage(m_nav->item(row)->data(Qt::UserRole).toString());
    });
    connect(m_welcome, &WelcomePage::openRequested, this, &MainWindow::chooseFile);
    connect(m_welcome, &WelcomePage::recentFileActivated, this, &MainWindow::openModel);
    connect(m_loader, &ModelLoader::busyChanged, this, [this](bool busy) { m_busy->setVisible(busy); });
    connect(m_loader, &ModelLoader::loadStarted, this,
        [this](const QString& path) { m_statusPath->setText(tr("Loading %1…").arg(QDir::toNativeSeparators(path))); });
    connect(m_loader, &ModelLoader::loaded, this, &MainWindow::onLoaded);
    connect(m_shapesPage, &ShapesPage::inferenceFinished, this, &MainWindow::onInferenceFinished);
    connectSelection();
    connectHosts();
    connectConversion();
    connectOm();
    connectProfile();
    m_toolkit->refresh();
    m_toolkit->refreshDevices();
    connect(m_shapesPage, &ShapesPage::surgeryFinished, this,
        [this](bool ok, const QString& result, const QString& summary) {
            if (!ok) {
                m_messageBar->showMessage(MessageBar::Kind::Error, tr("Nothing was written"), result);
                return;
            }
            m_messageBar->showMessage(MessageBar::Kind::Info, summary.isEmpty() ? tr("Model written") : summary,
                QDir::toNativeSeparators(result));
            m_messageBar->setAction(tr("Open It"), [this, result] { openModel(result); });
        });
    connect(m_loader, &ModelLoader::loadFailed, this,
        [this](const Error& e) { onLoadFailed(e.code, e.message, e.detail); });

    showPage(kWelcome);
    refreshRecent();
    resize(1280, 800);
    restoreGeometry(m_settings.windowGeometry());
    restoreState(m_settings.windowState());
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(icons::openFile(), tr("&Open Model…"), this, &MainWindow::chooseFile);
    open->setShortcut(QKeySequence::Open);
    file->addAction(tr("Open Re&cipe…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open Conversion Recipe"), m_settings.lastOpenDir(), tr("Recipes (*.recipe.json *.json)"));
        if (!path.isEmpty())
            openRecipe(path);
    });
    file->addAction(tr("Open &Profile…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Profile"), m_settings.lastOpenDir(),
            tr("Profiles (op_summary*.csv op_statistic*.csv kernel_details*.csv *.csv);;All files (*)"));
        if (!path.isEmpty())
            openProfile(path);
    });
    file->addAction(tr("Open ATC &Log…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open ATC Log"), m_settings.lastOpenDir(), tr("Logs (*.log *.txt);;All files (*)"));
        if (!path.isEmpty())
            openAtcLog(path);
    });
    file->addAction(tr("Convert &Many…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(
            this, tr("Convert Many: a Folder of ONNX Models"), m_settings.lastOpenDir());
        if (!dir.isEmpty())
            convertMany({ dir });
    });
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    QAction* close = file->addAction(tr("&Close Model"), this, &MainWindow::closeModel);
    close->setShortcut(QKeySequence::Close);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    rebuildRecentMenu();

    menuBar()->addMenu(tr("&View"))->setObjectName(QStringLiteral("viewMenu"));
    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(tr("&Compare Outputs…"), this, [this] { showCompare(); });
    QAction* settingsAction = tools->addAction(tr("&Settings…"), this, [this] { showSettings(); });
    settingsAction->setShortcut(QKeySequence::Preferences);
    tools->addAction(tr("&Find ATC Again"), this, [this] { m_toolkit->refresh(); });
    tools->addAction(tr("&Hosts…"), this, [this] { showSettings(true); });
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About ATC Workbench"), this, &MainWindow::showAbout);
}

void MainWindow::createDocks()
{
    auto* dock = new QDockWidget(tr("Log"), this);
    dock->setObjectName(QStringLiteral("logDock"));
    dock->setWidget(m_logPanel);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    dock->hide();
    if (QMenu* view = menuBar()->findChild<QMenu*>(QStringLiteral("viewMenu")))
        view->addAction(dock->toggleViewAction());
}

void MainWindow::openModel(const QString& path)
{
    if (isOmFile(path)) {
        openOm(path);
        return;
    }
    m_messageBar->dismiss();
    m_loader->load(path);
}

bool MainWindow::isLoading() const
{
    return m_loader->isLoading();
}

void MainWindow::setInputShapes(const QList<InputShapeSpec>& specs)
{
    m_shapeState->setInputShapes(specs); // every page shows them
}

bool MainWindow::isBusy() const
{
    return isLoading() || m_shapesPage->isInferring() || m_graphPage->isBusy() || m_convertPage->isChecking()
        || m_convertPage->isPrechecking() || m_toolkit->isBusy() || m_conversionPage->isRunning()
        || m_conversionPage->isReadingLog() || m_conversionPage->isExportingBundle() || m_runPage->isRunning()
        || m_convertManyPage->isScanning() || m_convertManyPage->isRunning() || (m_compare && m_compare->isComparing())
        || m_omPage->isLoading() || m_profilePage->isBusy() || m_hosts->isBusy();
}

QStringList MainWindow::pageNames()
{
    return { kWelcome, kModel, kShapes, kGraph, kConvert, kAtc, kRun, kOm, kConvertMany, kProfile };
}

bool MainWindow::showPage(const QString& name)
{
    if (name == kWelcome) {
        m_pages->setCurrentWidget(m_welcome);
    } else {
        const QStringList names { kModel, kShapes, kGraph, kConvert, kAtc, kRun, kOm, kConvertMany, kProfile };
        const int row = int(names.indexOf(name));
        // Without a model only the ATC Run page (a saved ATC log can be read there), Convert Many, the Profile page
        // (a profile can be read without a model), and the OM page once an OM is open make sense.
        if (row < 0
            || (!m_model && name != kAtc && name != kConvertMany && name != kProfile
                && !(name == kOm && m_omPage->om())))
            return false;
        QWidget* pages[] = { m_modelPage, m_shapesPage, m_graphPage, m_convertPage, m_conversionPage, m_runPage,
            m_omPage, m_convertManyPage, m_profilePage };
        m_pages->setCurrentWidget(pages[row]);
        m_nav->setCurrentRow(row);
    }
    for (int i = 0; i < m_nav->count(); ++i) {
        QListWidgetItem* item = m_nav->item(i);
        const QString itemPage = item->data(Qt::UserRole).toString();
        const bool enabled = m_model != nullptr || itemPage == kAtc || itemPage == kConvertMany || itemPage == kProfile
            || (itemPage == kOm && m_omPage->om());
        item->setFlags(enabled ? item->flags() | Qt::ItemIsEnabled : item->flags() & ~Qt::ItemIsEnabled);
    }
    return true;
}

QString MainWindow::currentPageName() const
{
    if (m_pages->currentWidget() == m_shapesPage)
        return kShapes;
    if (m_pages->currentWidget() == m_graphPage)
        return kGraph;
    if (m_pages->currentWidget() == m_convertPage)
        return kConvert;
    if (m_pages->currentWidget() == m_conversionPage)
        return kAtc;
    if (m_pages->currentWidget() == m_runPage)
        return kRun;
    if (m_pages->currentWidget() == m_omPage)
        return kOm;
    if (m_pages->currentWidget() == m_convertManyPage)
        return kConvertMany;
    if (m_pages->currentWidget() == m_profilePage)
        return kProfile;
    return m_pages->currentWidget() == m_welcome ? kWelcome : kModel;
}

void MainWindow::onLoaded(const OnnxModelPtr& model)
{
    OnnxModelPtr previous = std::move(m_model);
    m_model = model;
    m_shapeState->setModel(model); // before the pages, which show it
    const ModelSummary& s = model->summary();
    m_modelPage->setSummary(s);
    m_shapesPage->setModel(model);
    m_graphPage->overlay()->clear();
    m_graphPage->setModel(model);
    m_convertPage->setModel(model);
    if (m_hasPendingRecipe) {
        m_hasPendingRecipe = false;
        m_convertPage->setOptions(m_pendingRecipe, m_pendingRecipePath);
        showPage(kConvert);
    }
    m_runPage->setModel(model);
    m_profilePage->setModel(model);
    if (currentPageName() == kWelcome)
        showPage(kModel);
    releaseInBackground(std::move(previous)); // every page holds the new one now
    setWindowTitle(QStringLiteral("%1 — %2").arg(QFileInfo(s.path).fileName(), QStringLiteral(WB_NAME)));
    m_statusPath->setText(QDir::toNativeSeparators(s.path));
    m_settings.addRecentFile(s.path);
    m_settings.setLastOpenDir(QFileInfo(s.path).absolutePath());
    refreshRecent();
    if (!s.warnings.isEmpty())
        m_messageBar->showMessage(
            MessageBar::Kind::Warning, tr("The model loaded with warnings"), s.warnings.join(QLatin1Char('\n')));
    emit loadFinished(true);
}

void MainWindow::onInferenceFinished(bool ok)
{
    if (!ok || !m_model)
        return;
    const InferenceResult& r = m_shapesPage->lastResult();
    m_graphPage->setShapes(r.tensors); // looked up by name on the graph's worker
    // Where shapes stop being static: data-dependent nodes are warnings, impossible ones errors, inference gaps info.
    m_graphPage->overlay()->setMarks(QStringLiteral("shapes"), graph::marksFor(r.origins));
}

// Convert -> ATC run -> Run, and what each reports to the graph overlay.
void MainWindow::connectConversion()
{
    connect(m_toolkit, &ToolkitController::toolkitChanged, m_convertPage, [this](const AtcToolkit& toolkit) {
        if (m_convertOn->isLocal()) // else the page shows the host's toolkit (Convert on)
            m_convertPage->setToolkit(toolkit);
    });
    connect(m_toolkit, &ToolkitController::toolkitChanged, m_convertManyPage, &ConvertManyPage::setToolkit);
    m_convertManyPage->setSettingsFile(m_settings.fileName());
    connect(m_convertPage, &ConvertPage::findingsChanged, this, [this](const QList<AtcFinding>& findings) {
        m_graphPage->overlay()->setMarks(QStringLiteral("check"), graph::marksFor(findings));
    });
    connect(m_convertPage, &ConvertPage::nodeActivated, this, [this](const QString& node) {
        showPage(kGraph);
        m_graphPage->selectNode(node);
    });
    connect(m_convertPage, &ConvertPage::runRequested, this,
        [this](const AtcOptions& options, const QList<qint64>& batches) {
            ConversionRequest request;
            request.options = options;
            request.toolkit = m_convertPage->toolkit(); // run exactly what the page checked and previewed
            request.batches = batches;
            request.remote = m_convertOn->remoteTarget(); // Convert on a host: ATC runs there
            startConversionOn(request.remote);
            m_conversionPage->start(request);
            showPage(kAtc);
        });
    connect(m_conversionPage, &ConversionPage::opsReported, this, [this](const QList<AtcEvent>& events) {
        m_graphPage->overlay()->setMarks(QStringLiteral("atc"), graph::marksFor(events));
    });
    connect(m_graphPage, &GraphPage::outNodeRequested, this, [this](const QString& node) {
        const QString current = m_convertPage->options().outNodes;
        m_convertPage->setOutNodes(current.isEmpty() ? node + QStringLiteral(":0")
                                                     : current + QStringLiteral(";") + node + QStringLiteral(":0"));
        showPage(kConvert);
    });
    // The ATC Run page says what comes next before any run: why Run ATC is disabled, when it is.
    const auto reportRunState = [this] { m_conversionPage->setRunBlockedReason(m_convertPage->runBlockedReason()); };
    connect(m_convertPage, &ConvertPage::checked, this, reportRunState);
    connect(m_convertPage, &ConvertPage::findingsChanged, this, reportRunState);
    reportRunState();
    connect(m_conversionPage, &ConversionPage::runOmRequested, this, [this](const QString& om) {
        m_runPage->addOmCandidates({ om });
        showPage(kRun);
    });
    connect(m_conversionPage, &ConversionPage::nodeActivated, this, [this](const QString& node) {
        showPage(kGraph);
        m_graphPage->selectNode(node);
    });
    // Build These Variants (the Run page's strategy chart): the recommended batch sizes not built yet, with the
    // Convert page's options, into the conversion queue.
    connect(
        m_runPage->strategies(), &StrategyPanel::buildVariantsRequested, this, [this](const QList<qint64>& batches) {
            if (m_conversionPage->isRunning())
                return;
            ConversionRequest request;
            request.options = m_convertPage->options();
            request.toolkit = m_convertPage->toolkit();
            request.batches = batches;
            request.remote = m_convertOn->remoteTarget();
            startConversionOn(request.remote);
            m_conversionPage->start(request);
            showPage(kAtc);
        });
    connect(m_conversionPage, &ConversionPage::bundleExported, this, [this](bool ok, const QString& manifest) {
        if (ok)
            m_runPage->strategies()->setBundlePath(manifest);
    });
    connect(m_conversionPage, &ConversionPage::finished, this, [this](bool) {
        QStringList oms;
        for (const ConversionOutcome& o : m_conversionPage->queue()->outcomes()) {
            if (o.ok)
                oms.append(o.omPath);
        }
        m_runPage->addOmCandidates(oms);
    });
    connect(m_toolkit, &ToolkitController::devicesChanged, this,
        [this](const QList<NpuDevice>& devices, const QString& note) {
            m_runPage->setDevices(devices, note);
            if (!devices.isEmpty())
                m_convertPage->preselectSoc(devices.first().socVersion);
        });
}

void MainWindow::connectSelection()
{
    // Inputs/outputs table <-> graph: selecting a tensor row selects its input/output node and back.
    QTableView* table = m_modelPage->tensorView();
    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        const QString name = current.siblingAtColumn(0).data().toString();
        if (!name.isEmpty() && m_graphPage->selectedNode() != name)
            m_graphPage->selectNode(name);
    });
    connect(m_graphPage, &GraphPage::nodeSelected, this, [this, table](const QString& name) {
        const int row = m_modelPage->tensorModel()->rowForTensor(name);
        if (row >= 0 && table->currentIndex().row() != row)
            table->selectRow(row);
    });
}

void MainWindow::onLoadFailed(const QString& code, const QString& message, const QString& detail)
{
    QString text = message;
    if (!detail.isEmpty() && detail != message && detail.count(QLatin1Char('\n')) > 0)
        text += QLatin1Char('\n')
            + tr("(%n more problem(s); see the log)", nullptr, int(detail.count(QLatin1Char('\n'))));
    m_messageBar->showMessage(MessageBar::Kind::Error, tr("Could not open the model"), text);
    log::ui()->warn("Open failed ({}): {}", code, message);
    if (!detail.isEmpty())
        log::ui()->info("{}", detail);
    m_statusPath->setText(m_model ? QDir::toNativeSeparators(m_model->summary().path) : QString());
    emit loadFinished(false);
}

void MainWindow::openRecipe(const QString& path)
{
    if (isOmFile(path)) { // the JSON of atc --mode=1, not a recipe
        openOm(path);
        return;
    }
    const Result<AtcOptions> recipe = loadRecipe(path);
    if (!recipe.ok()) {
        m_messageBar->showMessage(MessageBar::Kind::Error, tr("Could not open the recipe"), recipe.error().message);
        return;
    }
    // Open the model the recipe converts, then restore the form once it has loaded.
    m_pendingRecipe = recipe.value();
    m_pendingRecipePath = path;
    m_hasPendingRecipe = true;
    openModel(recipe.value().model);
}

void MainWindow::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open ONNX Model"), m_settings.lastOpenDir(),
        tr("ONNX models (*.onnx);;Offline models (*.om);;All files (*)"));
    if (!path.isEmpty())
        openModel(path);
}

void MainWindow::openProfile(const QString& path)
{
    m_profilePage->open(path);
    showPage(kProfile);
}

void MainWindow::connectProfile()
{
    // The profile's time on the ONNX nodes, through the overlay the Graph page colours and lists.
    connect(m_profilePage, &ProfilePage::profileChanged, this, [this] {
        if (const ProfileMapping* mapping = m_profilePage->mapping())
            m_graphPage->overlay()->setMarks(QStringLiteral("profile"), profileMarks(*mapping));
        else
            m_graphPage->overlay()->clear(QStringLiteral("profile"));
        m_graphPage->setNodeColouring(
            QStringLiteral("profile"), m_profilePage->nodeFills(), m_profilePage->nodeSidebar());
    });
    // An open OM maps fused ops onto every ONNX node they came from.
    connect(m_omPage, &OmPage::loaded, this, [this] { m_profilePage->setOm(m_omPage->om()); });
    connect(m_profilePage, &ProfilePage::nodeActivated, this, [this](const QString& node) {
        if (showPage(kGraph))
            m_graphPage->selectNode(node);
    });
    connect(m_profilePage, &ProfilePage::loadFailed, this, [this](const QString& message) {
        m_messageBar->showMessage(MessageBar::Kind::Error, tr("The profile was not read"), message);
    });
    // A run with Profile operators (or under msprof) hands its op profile over.
    connect(m_runPage, &RunPage::runFinished, this, [this](bool ok) {
        const BenchResult& r = m_runPage->lastResult();
        if (ok && r.opProfile)
            m_profilePage->setProfile(r.opProfile, r.profileSource);
    });
}

void MainWindow::closeModel()
{
    OnnxModelPtr previous = std::move(m_model);
    m_shapeState->clear();
    m_modelPage->clear();
    m_shapesPage->clear();
    m_graphPage->clear();
    m_convertPage->clear();
    m_conversionPage->setRunBlockedReason(m_convertPage->runBlockedReason());
    m_profilePage->setModel(nullptr);
    releaseInBackground(std::move(previous));
    m_messageBar->dismiss();
    setWindowTitle(QStringLiteral(WB_NAME));
    m_statusPath->clear();
    showPage(kWelcome);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = m_settings.recentFiles();
    for (const QString& path : files) {
        QAction* action = m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] { openModel(path); });
        action->setToolTip(path);
        action->setStatusTip(path);
        action->setEnabled(QFileInfo::exists(path));
    }
    if (!files.isEmpty())
        m_recentMenu->addSeparator();
    QAction* clear = m_recentMenu->addAction(tr("Clear Recent Files"), this, [this] {
        m_settings.clearRecentFiles();
        refreshRecent();
    });
    clear->setEnabled(!files.isEmpty());
}

void MainWindow::refreshRecent()
{
    m_welcome->setRecentFiles(m_settings.recentFiles());
    rebuildRecentMenu();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About ATC Workbench"),
        tr("<h3>ATC Workbench %1</h3><p>From ONNX model to measured OM on Ascend NPUs.</p>"
           "<p>Log file: %2</p>")
            .arg(QStringLiteral(WB_VERSION), log::logFilePath().toHtmlEscaped()));
}

void MainWindow::showSettings(bool hosts)
{
    SettingsDialog dialog(m_settings, m_hosts, this);
    connect(dialog.hosts(), &HostsSettings::hostsChanged, this, &MainWindow::reloadHosts);
    if (hosts)
        dialog.showHosts();
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_toolkit->refresh();
    m_toolkit->refreshDevices();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (!localFileFrom(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QString path = localFileFrom(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    // Several files, or a folder that is not a profile: convert them all (Convert Many); one file opens as before.
    const QFileInfo dropped(path);
    const bool profileFolder = dropped.isDir()
        && (dropped.fileName().startsWith(QLatin1String("PROF_"))
            || QDir(path).exists(QStringLiteral("mindstudio_profiler_output")));
    if (const QStringList paths = localPathsFrom(event->mimeData());
        paths.size() > 1 || (dropped.isDir() && !profileFolder)) {
        convertMany(paths);
        return;
    }
    if (path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive) || profileFolder)
        openProfile(path);
    else if (path.endsWith(QLatin1String(".log"), Qt::CaseInsensitive)
        || path.endsWith(QLatin1String(".txt"), Qt::CaseInsensitive))
        openAtcLog(path);
    else if (path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        openRecipe(path);
    else
        openModel(path);
}

CompareDialog* MainWindow::showCompare(const QString& reference, const QString& actual)
{
    if (!m_compare) {
        m_compare = new CompareDialog(this);
        m_compare->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_compare->show();
    m_compare->raise();
    if (!reference.isEmpty() && !actual.isEmpty()) {
        m_compare->setPaths(reference, actual);
        m_compare->compare();
    }
    return m_compare;
}

void MainWindow::openAtcLog(const QString& path)
{
    showPage(QStringLiteral("atc"));
    m_conversionPage->openLog(path);
}

void MainWindow::convertMany(const QStringList& paths)
{
    if (m_convertManyPage->isRunning()) {
        m_messageBar->showMessage(MessageBar::Kind::Warning, tr("A batch is converting"),
            tr("Cancel it on the Convert Many page before starting another."));
        showPage(kConvertMany);
        return;
    }
    if (m_model)
        m_convertManyPage->setTemplateOptions(m_convertPage->options()); // the Convert page's form as the template
    showPage(kConvertMany);
    m_convertManyPage->addPaths(paths);
}

void MainWindow::setQuitConfirmation(std::function<bool(const QStringList&)> confirm)
{
    m_confirmQuit = std::move(confirm);
}

void MainWindow::stopToolsThenClose()
{
    if (m_stopping)
        return;
    m_statusPath->setText(tr("Stopping %n tool(s) before quitting…", nullptr, RunningTools::count()));
    centralWidget()->setEnabled(false);
    RunningTools::cancelAll();
    m_stopping = new QTimer(this);
    auto* clock = new QElapsedTimer;
    clock->start();
    connect(m_stopping, &QTimer::timeout, this, [this, clock] {
        // Past every grace period (5 s) and then some, kill what is left (a runner of another thread that never
        // got to its cancel): quitting must end.
        if (RunningTools::count() > 0 && clock->elapsed() < 8000)
            return;
        if (RunningTools::count() > 0)
            RunningTools::shutdownAll(0);
        delete clock;
        m_stopping->deleteLater();
        m_stopping = nullptr;
        close();
    });
    m_stopping->start(20);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_stopping) { // stopping the tools already: the window closes itself when they are gone
        event->ignore();
        return;
    }
    // Tools still running (ATC, a benchmark): ask, then stop them so that no process outlives the app.
    if (RunningTools::count() > 0) {
        QStringList running;
        for (const auto& tool : RunningTools::snapshot())
            running.append(QStringLiteral("%1 (%2 s)").arg(tool.program).arg(tool.elapsedMs / 1000));
        const bool stop = m_confirmQuit
            ? m_confirmQuit(running)
            : QMessageBox::question(this, tr("Quit while tools run?"),
                  tr("Still running:\n%1\n\nStop them and quit?").arg(running.join(QLatin1Char('\n'))))
                == QMessageBox::Yes;
        if (!stop) {
            event->ignore();
            return;
        }
        // Stopping must not freeze the window for a tool's grace period (ATC ignoring SIGTERM takes all of it):
        // SIGTERM now, SIGKILL from each runner's own timer, and the window closes itself once none is left.
        event->ignore();
        stopToolsThenClose();
        return;
    }
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    m_settings.sync();
    event->accept();
}

} // namespace wb
