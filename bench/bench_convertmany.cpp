// wb_bench_convertmany: the time from dropping N generated models on the window to a filled, checked Convert Many
// table, and the GUI thread's longest stall meanwhile (a 5 ms heartbeat timer: the longest gap between its ticks).
//
//   wb_bench_convertmany [--models N] [--dir DIR] [--atc PATH] [--repeat R]
//
// Writes the zoo with `wb_modelgen --zoo N DIR` (tools/modelgen/zoo.h) when DIR has none, opens the real MainWindow
// (offscreen is fine), sends it a QDropEvent of DIR, and waits for the page's scanFinished. With --atc (e.g. the
// fake atc) ATC's pre-check runs for every ready model too. Prints one line per repeat and the medians.
// Exit codes: 0 measured, 1 the table did not fill, 2 usage.
#include "mainwindow.h"
#include "pages/convertmanypage.h"
#include "settings/settings.h"

#include <QApplication>
#include <QDir>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QMimeData>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QTreeWidget>

#include <algorithm>
#include <cstdio>

namespace {

struct Measure {
    qint64 tableMs = 0;
    qint64 longestStallMs = 0;
    qint64 dropMs = 0; // the drop handler itself (finding the files, the placeholder rows)
    int rows = 0;
    int checked = 0;
};

Measure dropAndWait(wb::MainWindow& window, const QString& dir)
{
    Measure m;
    wb::ConvertManyPage* page = window.convertManyPage();
    QElapsedTimer clock;
    QElapsedTimer beat;
    QTimer heartbeat;
    heartbeat.setInterval(5);
    QObject::connect(
        &heartbeat, &QTimer::timeout, [&] { m.longestStallMs = std::max(m.longestStallMs, beat.restart()); });
    QEventLoop loop;
    QObject::connect(page, &wb::ConvertManyPage::scanFinished, &loop, &QEventLoop::quit);
    QMimeData mime;
    mime.setUrls({ QUrl::fromLocalFile(dir) });
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    beat.start();
    heartbeat.start();
    clock.start();
    QApplication::sendEvent(&window, &drop); // the drop itself counts: it runs on the GUI thread
    m.dropMs = beat.restart();
    m.longestStallMs = std::max(m.longestStallMs, m.dropMs);
    QTimer::singleShot(600000, &loop, &QEventLoop::quit);
    if (page->isScanning())
        loop.exec();
    m.tableMs = clock.elapsed();
    heartbeat.stop();
    m.rows = page->tree()->topLevelItemCount();
    for (int i = 0; i < m.rows; ++i)
        m.checked += page->tree()->topLevelItem(i)->text(4).isEmpty() ? 0 : 1;
    return m;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int models = 200, repeat = 3;
    QString dir, atc;
    for (int i = 0; i < args.size(); ++i) {
        const QString a = args.at(i);
        const QString next = i + 1 < args.size() ? args.at(i + 1) : QString();
        if (a == QLatin1String("--models"))
            models = next.toInt(), ++i;
        else if (a == QLatin1String("--dir"))
            dir = next, ++i;
        else if (a == QLatin1String("--atc"))
            atc = next, ++i;
        else if (a == QLatin1String("--repeat"))
            repeat = next.toInt(), ++i;
        else {
            std::fprintf(stderr, "usage: wb_bench_convertmany [--models N] [--dir DIR] [--atc PATH] [--repeat R]\n");
            return 2;
        }
    }
    QTemporaryDir scratch;
    if (dir.isEmpty())
        dir = scratch.filePath(QStringLiteral("zoo"));
    if (!QFileInfo::exists(dir + QStringLiteral("/group0"))) {
        const int code
            = QProcess::execute(QStringLiteral(WB_MODELGEN), { QStringLiteral("--zoo"), QString::number(models), dir });
        if (code != 0) {
            std::fprintf(stderr, "wb_modelgen --zoo failed (%d)\n", code);
            return 1;
        }
    }
    wb::Settings settings(scratch.filePath(QStringLiteral("settings.ini")));
    settings.setAtcPath(atc);
    std::printf("models: %d under %s, ATC pre-check: %s, idealThreadCount %d\n", models, qPrintable(dir),
        atc.isEmpty() ? "no" : qPrintable(atc), QThread::idealThreadCount());
    QList<qint64> tables, stalls;
    for (int r = 0; r < repeat; ++r) {
        wb::MainWindow window(settings);
        window.resize(1280, 800);
        window.show();
        wb::ConvertManyPage* page = window.convertManyPage();
        page->setSocs({ QStringLiteral("Ascend310P3"), QStringLiteral("Ascend310B1") });
        page->setBatches({ 1, 4, 8 });
        page->setDims(QStringLiteral("height=64 width=64 sequence_length=128"));
        page->setOutputFolder(scratch.filePath(QStringLiteral("om")));
        // Let the window settle (and the toolkit be found) before the drop.
        QElapsedTimer settle;
        settle.start();
        while (settle.elapsed() < 1500 || window.isBusy())
            QApplication::processEvents(QEventLoop::AllEvents, 50);
        const Measure m = dropAndWait(window, dir);
        std::printf(
            "run %d: table filled and checked in %lld ms (%d rows, %d checked); longest GUI stall %lld ms (the drop "
            "handler %lld ms)\n",
            r + 1, m.tableMs, m.rows, m.checked, m.longestStallMs, m.dropMs);
        if (m.rows != models || m.checked != models)
            return 1;
        tables.append(m.tableMs);
        stalls.append(m.longestStallMs);
    }
    std::sort(tables.begin(), tables.end());
    std::sort(stalls.begin(), stalls.end());
    std::printf("median: %lld ms to the table, longest stall %lld ms (max over runs %lld ms)\n",
        tables.at(tables.size() / 2), stalls.at(stalls.size() / 2), stalls.last());
    return 0;
}
