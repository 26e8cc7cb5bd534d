// What the GUI thread does in slices or hands to workers still ends up complete: a saved ATC log too big to show in
// one go appears a slice at a time (the event loop runs in between) and ends fully shown, with every problem.
#include "pages/conversionpage.h"
#include "testutil.h"

#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace wb;

class TestResponsiveness : public QObject {
    Q_OBJECT
private slots:
    void bigSavedLogIsShownInSlices();
};

void TestResponsiveness::bigSavedLogIsShownInSlices()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // 30,000 lines: ATC's first line, then warnings (one problem each, naming an op) between plog INFO lines, and
    // the success line. The view keeps the last 20,000.
    const QString path = dir.filePath(QStringLiteral("big.log"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const int total = 30000;
    QStringList written;
    written.append(QStringLiteral("ATC start working now, please wait for a moment."));
    for (int i = 1; i < total - 1; ++i) {
        written.append(i % 2 ? QStringLiteral("W11001: Op [/layer%1/Conv] has a warning").arg(i)
                             : QStringLiteral("[INFO] GE(1,atc.bin): optimizing node %1").arg(i));
    }
    written.append(QStringLiteral("ATC run success, welcome to the next use."));
    file.write(written.join(QLatin1Char('\n')).toUtf8() + '\n');
    file.close();
    int warnings = 0;
    QString lastOp;
    for (const QString& line : written) {
        if (line.startsWith(QLatin1String("W11001"))) {
            ++warnings;
            lastOp = line.section(QLatin1Char('['), 1).section(QLatin1Char(']'), 0, 0);
        }
    }

    ConversionPage page;
    page.resize(1000, 700);
    page.show();
    auto* view = page.findChild<QPlainTextEdit*>(QStringLiteral("atcLog"));
    auto* problems = page.findChild<QTreeWidget*>(QStringLiteral("atcProblems"));
    QVERIFY(view && problems);
    QSignalSpy opened(&page, &ConversionPage::logOpened);
    // Ticks of the event loop while the log is partly shown: lines are in the view, it is still being read.
    int partlyShown = 0;
    QTimer tick;
    tick.setInterval(0);
    connect(&tick, &QTimer::timeout, &page, [&] {
        if (page.isReadingLog() && view->blockCount() > 1)
            ++partlyShown;
    });
    tick.start();
    page.openLog(path);
    QVERIFY(page.isReadingLog());
    QVERIFY(opened.wait(60000));
    tick.stop();
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.first().first().toBool(), true);
    QVERIFY(!page.isReadingLog());
    // At most 2,000 lines a slice: 20,000 lines take ten slices, and the event loop ran between them.
    QVERIFY2(partlyShown >= 5, qPrintable(QString::number(partlyShown)));

    // All of it is there: the last 20,000 lines in order, every problem, the counts in the status.
    const QStringList shown = page.logText().split(QLatin1Char('\n'));
    QCOMPARE(shown.size(), 20000);
    QCOMPARE(shown.first(), written.at(total - 20000));
    QCOMPARE(shown.last(), written.last());
    QCOMPARE(page.problemCount(), warnings);
    QCOMPARE(problems->topLevelItemCount(), warnings);
    QVERIFY2(problems->topLevelItem(warnings - 1)->text(1).contains(lastOp),
        qPrintable(problems->topLevelItem(warnings - 1)->text(1)));
    QVERIFY2(page.statusText().contains(
                 QStringLiteral("ATC succeeded, 0 error(s), %1 warning(s), %2 line(s)").arg(warnings).arg(total)),
        qPrintable(page.statusText()));
    QVERIFY(page.statusText().contains(QStringLiteral("The view keeps the last 20000 line(s).")));

    // A second log opened while the first is still being shown replaces it: one logOpened, for the second.
    const QString small = dir.filePath(QStringLiteral("small.log"));
    QFile smallFile(small);
    QVERIFY(smallFile.open(QIODevice::WriteOnly));
    smallFile.write("ATC start working now, please wait for a moment.\nW11001: Op [/only/Conv] has a warning\n"
                    "ATC run success, welcome to the next use.\n");
    smallFile.close();
    page.openLog(small);
    QVERIFY(opened.wait(60000));
    QCOMPARE(view->blockCount(), 3);
    opened.clear();
    page.openLog(path);
    QTRY_VERIFY_WITH_TIMEOUT(view->blockCount() > 3 && page.isReadingLog(), 60000); // the big one is being shown
    page.openLog(small);
    QVERIFY(opened.wait(60000));
    QCOMPARE(opened.size(), 1);
    QVERIFY(opened.first().first().toBool());
    QCOMPARE(page.logText().split(QLatin1Char('\n')).size(), 3);
    QCOMPARE(page.problemCount(), 1);
    QVERIFY(!QTest::qWaitFor([&] { return opened.size() > 1; }, 200)); // nothing more arrives from the first
}

WB_TEST_MAIN(TestResponsiveness)
#include "tst_responsiveness.moc"
