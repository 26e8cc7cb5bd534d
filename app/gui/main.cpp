// atc-workbench: the desktop application.
#include "dialogs/settingsdialog.h"
#include "exportgraph.h"
#include "i18n.h"
#include "logging/logging.h"
#include "mainwindow.h"
#include "onnx/shapespec.h"
#include "pages/convertmanypage.h"
#include "pages/runpage.h"
#include "screenshot.h"
#include "settings/settings.h"
#include "theme.h"
#include "version.h"
#include "widgets/strategypanel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QRegularExpression>
#include <QStyle>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeWidget>

#include <cstdio>
#include <memory>

int main(int argc, char* argv[])
{
    Q_INIT_RESOURCE(resources); // wb_ui is a static library: register its resources explicitly
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("atc-workbench"));
    QApplication::setApplicationName(QStringLiteral("atc-workbench"));
    QApplication::setApplicationDisplayName(QStringLiteral(WB_NAME));
    QApplication::setApplicationVersion(QStringLiteral(WB_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/atc-workbench.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Inspect ONNX models and prepare them for Ascend ATC conversion."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption verbose(QStringLiteral("verbose"), QStringLiteral("Log debug messages to stderr too."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QStringLiteral("Open MODEL, wait until loading and layout finish, save a PNG of the window to FILE, quit."),
        QStringLiteral("FILE"));
    const QCommandLineOption page(QStringLiteral("page"),
        QStringLiteral("Page to show: %1.").arg(wb::MainWindow::pageNames().join(QStringLiteral(", "))),
        QStringLiteral("NAME"));
    const QCommandLineOption settingsFile(QStringLiteral("settings"),
        QStringLiteral("Use this INI file for settings instead of the user's (portable use, tests)."),
        QStringLiteral("FILE"));
    const QCommandLineOption exportGraph(QStringLiteral("export-graph"),
        QStringLiteral("Render MODEL's graph to a PNG file without opening a window, then quit."),
        QStringLiteral("FILE"));
    const QCommandLineOption collapseDepth(QStringLiteral("collapse-depth"),
        QStringLiteral("With --export-graph: collapse name scopes deeper than K."), QStringLiteral("K"));
    const QCommandLineOption direction(
        QStringLiteral("direction"), QStringLiteral("With --export-graph: TB (default) or LR."), QStringLiteral("DIR"));
    const QCommandLineOption inputShape(QStringLiteral("input-shape"),
        QStringLiteral(
            "Fix these inputs (ATC syntax) on the Shapes and Convert pages of MODEL, and for --export-graph's "
            "edge shapes."),
        QStringLiteral("SPEC"));
    const QCommandLineOption runCpu(QStringLiteral("run-cpu"),
        QStringLiteral("Once MODEL is open, run it on the CPU (ONNX Runtime) and chart it on the Run page."));
    const QCommandLineOption runStrategies(QStringLiteral("run-strategies"),
        QStringLiteral("Once MODEL is open, run the Run page's Strategies tab on the CPU (its defaults) with this p99 "
                       "budget in ms (0: none)."),
        QStringLiteral("BUDGET_MS"));
    const QCommandLineOption atcLog(QStringLiteral("atc-log"),
        QStringLiteral("Show this saved ATC console log on the ATC Run page (after MODEL, when given, has opened)."),
        QStringLiteral("FILE"));
    const QCommandLineOption language(QStringLiteral("lang"),
        QStringLiteral("UI language: en or zh_CN (default: the Settings choice, else the system's)."),
        QStringLiteral("LANG"));
    const QCommandLineOption palette(QStringLiteral("palette"),
        QStringLiteral("Colours: system (default: the desktop's), light or dark (Fusion style)."),
        QStringLiteral("NAME"), QStringLiteral("system"));
    const QCommandLineOption compare(QStringLiteral("compare"),
        QStringLiteral(
            "Open Tools > Compare Outputs with these reference outputs (a folder of output_N.pb) and compare "
            "them with --against."),
        QStringLiteral("REF"));
    const QCommandLineOption against(QStringLiteral("against"),
        QStringLiteral("With --compare: the outputs to check (a folder of output_N.bin or .pb)."),
        QStringLiteral("DIR"));
    const QCommandLineOption windowSize(QStringLiteral("window-size"),
        QStringLiteral("With --screenshot: the window size as WIDTHxHEIGHT (default 1280x800)."), QStringLiteral("WxH"),
        QStringLiteral("1280x800"));
    const QCommandLineOption convertMany(QStringLiteral("convert-many"),
        QStringLiteral("Load and check every .onnx file under DIR on the Convert Many page."), QStringLiteral("DIR"));
    const QCommandLineOption manySoc(
        QStringLiteral("soc"), QStringLiteral("With --convert-many: the SoCs, e.g. A,B."), QStringLiteral("A,B"));
    const QCommandLineOption manyBatch(QStringLiteral("batch"),
        QStringLiteral("With --convert-many: the batch sizes, e.g. 1,4,8."), QStringLiteral("N,..."));
    const QCommandLineOption manyDim(QStringLiteral("dim"),
        QStringLiteral("With --convert-many: a value per named dim, e.g. height=640 (repeatable)."),
        QStringLiteral("NAME=VALUE"));
    const QCommandLineOption manyOutput(
        QStringLiteral("output"), QStringLiteral("With --convert-many: the output folder."), QStringLiteral("DIR"));
    const QCommandLineOption profile(QStringLiteral("profile"),
        QStringLiteral("Open a per-operator profile (a PROF_* folder, or an op_summary / op_statistic / "
                       "kernel_details CSV) on the Profile page, on MODEL's graph when one is given."),
        QStringLiteral("PROFILE"));
    parser.addOptions({ verbose, screenshot, page, settingsFile, exportGraph, collapseDepth, direction, inputShape,
        runCpu, runStrategies, atcLog, language, palette, compare, against, windowSize, convertMany, manySoc, manyBatch,
        manyDim, manyOutput, profile });
    parser.addPositionalArgument(QStringLiteral("model"),
        QStringLiteral("ONNX model to open, or a conversion recipe (.json) to open with its model and options."),
        QStringLiteral("[MODEL]"));
    parser.process(app);

    // Screenshot-only page names: the Convert Many page mid-run (half the jobs done) and its report (run finished).
    const QStringList shotPages { QStringLiteral("convertmany-running"), QStringLiteral("convertmany-report") };
    // And the Settings dialog over the window (its text at a small size, in each language).
    const QString settingsShot = QStringLiteral("settings");
    if (parser.isSet(page) && !wb::MainWindow::pageNames().contains(parser.value(page))
        && !shotPages.contains(parser.value(page)) && parser.value(page) != settingsShot) {
        std::fprintf(stderr, "atc-workbench: unknown page '%s'; choose one of: %s\n", qPrintable(parser.value(page)),
            qPrintable(
                (wb::MainWindow::pageNames() + shotPages + QStringList { settingsShot }).join(QStringLiteral(", "))));
        return 2;
    }
    if (shotPages.contains(parser.value(page)) && !parser.isSet(convertMany)) {
        std::fprintf(stderr, "atc-workbench: --page %s needs --convert-many DIR\n", qPrintable(parser.value(page)));
        return 2;
    }
    if (parser.positionalArguments().size() > 1) {
        std::fprintf(stderr, "atc-workbench: give at most one model to open\n");
        return 2;
    }
    const QString paletteName = parser.value(palette);
    if (paletteName != QLatin1String("system") && paletteName != QLatin1String("light")
        && paletteName != QLatin1String("dark")) {
        std::fprintf(stderr, "atc-workbench: --palette takes system, light or dark\n");
        return 2;
    }
    if (paletteName != QLatin1String("system")) {
        QApplication::setStyle(wb::theme::makeStyle(QStringLiteral("Fusion")));
        QApplication::setPalette(
            paletteName == QLatin1String("dark") ? wb::theme::darkPalette() : QApplication::style()->standardPalette());
    } else {
        // The desktop's own style, wrapped so that its check boxes stay visible should the desktop's palette be dark.
        QApplication::setStyle(wb::theme::makeStyle(QApplication::style()->name()));
    }
    static const QRegularExpression sizePattern(QStringLiteral("^(\\d{3,5})x(\\d{3,5})$"));
    const QRegularExpressionMatch size = sizePattern.match(parser.value(windowSize));
    if (!size.hasMatch()) {
        std::fprintf(stderr, "atc-workbench: --window-size takes WIDTHxHEIGHT, e.g. 1600x1000\n");
        return 2;
    }

    if (parser.isSet(exportGraph)) {
        if (parser.positionalArguments().size() != 1) {
            std::fprintf(stderr, "atc-workbench: --export-graph needs exactly one MODEL\n");
            return 2;
        }
        wb::log::init({ {}, parser.isSet(verbose) });
        wb::GraphExportOptions options;
        options.model = parser.positionalArguments().first();
        options.output = parser.value(exportGraph);
        options.collapseDepth = parser.isSet(collapseDepth) ? parser.value(collapseDepth).toInt() : -1;
        options.leftToRight = parser.value(direction).compare(QLatin1String("LR"), Qt::CaseInsensitive) == 0;
        options.inputShape = parser.value(inputShape);
        return wb::exportGraphImage(options);
    }

    // A screenshot must not depend on (or change) the user's settings and recent files.
    QTemporaryDir scratch;
    std::unique_ptr<wb::Settings> settings;
    if (parser.isSet(settingsFile))
        settings = std::make_unique<wb::Settings>(parser.value(settingsFile));
    else if (parser.isSet(screenshot))
        settings = std::make_unique<wb::Settings>(scratch.filePath(QStringLiteral("settings.ini")));
    else
        settings = std::make_unique<wb::Settings>();

    wb::log::init({ {}, parser.isSet(verbose) || settings->verboseLogging() });
    wb::log::app()->info("ATC Workbench {} starting", WB_VERSION);

    if (parser.isSet(language) && !wb::uiLanguages().contains(parser.value(language))) {
        std::fprintf(stderr, "atc-workbench: unknown language '%s'; choose one of: %s\n",
            qPrintable(parser.value(language)), qPrintable(wb::uiLanguages().join(QStringLiteral(", "))));
        return 2;
    }
    wb::installTranslations(&app, parser.isSet(language) ? parser.value(language) : settings->uiLanguage());

    wb::MainWindow window(*settings);
    const QString model = parser.positionalArguments().value(0);
    if (parser.isSet(atcLog)) {
        // Before the screenshot's own handler, so the log is already being read when it looks for work.
        const QString logFile = parser.value(atcLog);
        if (model.isEmpty())
            QTimer::singleShot(0, &window, [&window, logFile] { window.openAtcLog(logFile); });
        else
            QObject::connect(
                &window, &wb::MainWindow::loadFinished, &window,
                [&window, logFile](bool) { window.openAtcLog(logFile); }, Qt::SingleShotConnection);
    }
    if (parser.isSet(inputShape)) {
        const auto specs = wb::parseInputShapeSpec(parser.value(inputShape));
        if (!specs.ok()) {
            std::fprintf(stderr, "atc-workbench: --input-shape: %s\n", qPrintable(specs.error().message));
            return 2;
        }
        // Before the screenshot's handler, so the inference these shapes start is what it waits for.
        QObject::connect(
            &window, &wb::MainWindow::loadFinished, &window,
            [&window, specs = specs.value()](bool ok) {
                if (ok)
                    window.setInputShapes(specs);
            },
            Qt::SingleShotConnection);
    }
    if (parser.isSet(compare) != parser.isSet(against)) {
        std::fprintf(stderr, "atc-workbench: --compare and --against go together\n");
        return 2;
    }
    if (parser.isSet(compare)) {
        const QString reference = parser.value(compare), actual = parser.value(against);
        QTimer::singleShot(0, &window, [&window, reference, actual] { window.showCompare(reference, actual); });
    }
    const QString shotPage = parser.value(page);
    if (parser.isSet(convertMany)) {
        wb::ConvertManyPage* many = window.convertManyPage();
        many->setSocs(parser.value(manySoc).split(QLatin1Char(','), Qt::SkipEmptyParts));
        QList<qint64> batches;
        for (const QString& b : parser.value(manyBatch).split(QLatin1Char(','), Qt::SkipEmptyParts))
            batches.append(b.toLongLong());
        many->setBatches(batches);
        many->setDims(parser.values(manyDim).join(QLatin1Char(' ')));
        if (parser.isSet(manyOutput))
            many->setOutputFolder(parser.value(manyOutput));
        const QString dir = parser.value(convertMany);
        // After the toolkit is found (the first event loop turn), so the checks and the pre-check can use it.
        QTimer::singleShot(0, &window, [&window, dir] { window.convertMany({ dir }); });
        if (shotPages.contains(shotPage)) { // a picture of a run: start it once the table is filled and checked
            QObject::connect(
                many, &wb::ConvertManyPage::scanFinished, many, &wb::ConvertManyPage::run, Qt::SingleShotConnection);
            if (shotPage == QLatin1String("convertmany-report"))
                QObject::connect(many, &wb::ConvertManyPage::runFinished, many, &wb::ConvertManyPage::showReport);
        }
    }
    if (parser.isSet(screenshot)) {
        // Runs made for a picture (--run-cpu) go to the throw-away folder, not the user's run history.
        window.runPage()->setHistoryFolder(scratch.filePath(QStringLiteral("runs")));
        window.resize(size.captured(1).toInt(), size.captured(2).toInt());
        const QString shownPage = shotPages.contains(shotPage) ? QStringLiteral("convertmany")
            : shotPage == settingsShot                         ? QString()
                                                               : shotPage;
        if (shotPage == settingsShot) // the visible dialog is the picture
            QTimer::singleShot(
                0, &window, [&window, &settings] { (new wb::SettingsDialog(*settings, &window))->show(); });
        auto* taker = new wb::ScreenshotTaker(&window, parser.value(screenshot), shownPage, !model.isEmpty());
        if (shotPage == QLatin1String("convertmany-running")) {
            // Mid-run: once half the jobs are done, not when the window is idle.
            wb::ConvertManyPage* many = window.convertManyPage();
            QObject::connect(many, &wb::ConvertManyPage::jobFinished, taker, [many, taker] {
                if (many->finishedJobCount() * 2 < many->jobCount())
                    return;
                // Show a few rows' jobs: the expanded rows are what the picture is about.
                QTreeWidgetItem* firstRunning = nullptr;
                for (int row = 0; row < many->tree()->topLevelItemCount(); ++row) {
                    QTreeWidgetItem* item = many->tree()->topLevelItem(row);
                    const bool running = !item->text(7).isEmpty(); // the Stage column: "n running"
                    item->setExpanded(running || row == 2); // row 2: the first with failures in the zoo
                    if (running && !firstRunning)
                        firstRunning = item;
                }
                if (firstRunning)
                    many->tree()->scrollToItem(firstRunning, QAbstractItemView::PositionAtCenter);
                taker->captureNow();
            });
        } else {
            taker->start();
        }
    }
    if (parser.isSet(runStrategies)) {
        const double budget = parser.value(runStrategies).toDouble();
        QObject::connect(&window, &wb::MainWindow::loadFinished, &window, [&window, budget](bool ok) {
            if (!ok)
                return;
            auto* poll = new QTimer(&window);
            QObject::connect(poll, &QTimer::timeout, &window, [&window, poll, budget] {
                if (window.isBusy())
                    return;
                poll->deleteLater();
                window.showPage(QStringLiteral("run"));
                window.runPage()->showStrategies();
                window.runPage()->strategies()->setLatencyBudget(budget);
                window.runPage()->strategies()->run();
            });
            poll->start(50);
        });
    }
    if (parser.isSet(runCpu)) {
        // Start the run once loading, inference and layout are done (the screenshot then waits for the run too).
        QObject::connect(&window, &wb::MainWindow::loadFinished, &window, [&window](bool ok) {
            if (!ok)
                return;
            auto* poll = new QTimer(&window);
            QObject::connect(poll, &QTimer::timeout, &window, [&window, poll] {
                if (window.isBusy())
                    return;
                poll->deleteLater();
                window.showPage(QStringLiteral("run"));
                window.runPage()->run();
            });
            poll->start(50);
        });
    }
    window.show();
    if (parser.isSet(profile))
        window.openProfile(parser.value(profile));
    if (model.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        window.openRecipe(model);
    else if (!model.isEmpty())
        window.openModel(model);
    else if (parser.isSet(page))
        window.showPage(parser.value(page));

    const int code = app.exec();
    wb::log::shutdown();
    return code;
}
