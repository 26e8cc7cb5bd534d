// 100 MiB of output through ToolRunner: every line arrives once and in order, memory stays flat, the event loop
// keeps turning. Prints the throughput and the memory growth it measured.
#include "process/toolrunner.h"
#include "processtest.h"

#include <QElapsedTimer>
#include <QTimer>

#include <unistd.h>

using namespace wb;
using wbtest::fakeAtcRun;

namespace {

constexpr int Timeout = 60000;

// Resident set size of this process now, in bytes.
qint64 currentRss()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() * ::sysconf(_SC_PAGESIZE) : 0;
}

} // namespace

class TestToolRunnerFlood : public QObject {
    Q_OBJECT
private slots:
    void hundredMegabytesOfLines();
    void floodWithoutLineEnds();
};

void TestToolRunnerFlood::hundredMegabytesOfLines()
{
    constexpr qint64 MiB = 1024 * 1024;
    constexpr qint64 FloodMiB = 100;
    constexpr qint64 LinesExpected = FloodMiB * MiB / 128; // the fake writes 128-byte lines

    ToolRunner runner;
    // This test is about throughput and integrity: a writer descheduled mid-line for 200 ms on a busy machine
    // would make the idle flush cut a line in two, which is correct behaviour but not what is counted here.
    runner.setIdleFlushMs(60000);
    runner.setMaxPartialAgeMs(60000);
    QSignalSpy finished(&runner, &ToolRunner::finished);

    qint64 floodLines = 0;
    qint64 bytes = 0;
    qint64 batches = 0;
    bool inOrder = true;
    QStringList others;
    const qint64 rssBefore = currentRss();
    qint64 rssPeak = rssBefore;
    connect(&runner, &ToolRunner::linesReceived, this, [&](ToolChannel, const QStringList& lines) {
        for (const QString& line : lines) {
            bytes += line.size() + 1;
            if (!line.startsWith(u"flood ")) {
                others.append(line);
                continue;
            }
            if (line.size() != 127 || QStringView(line).mid(6, 9).toLongLong() != floodLines)
                inOrder = false;
            ++floodLines;
        }
        if (++batches % 64 == 0)
            rssPeak = std::max(rssPeak, currentRss());
    });

    // The event loop must keep turning: a 10 ms timer measures the longest gap between its ticks.
    QElapsedTimer sinceTick;
    qint64 longestGapMs = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&] { longestGapMs = std::max(longestGapMs, sinceTick.restart()); });

    QElapsedTimer clock;
    clock.start();
    sinceTick.start();
    ticker.start(10);
    QVERIFY(runner.start(fakeAtcRun("flood", {}, { { "FAKE_ATC_FLOOD_MB", QString::number(FloodMiB) } })));
    // A real event loop until finished(), as in the application: QTRY_* would sleep 10 ms between its polls and
    // measure that instead of the runner.
    QVERIFY(finished.wait(Timeout));
    const qint64 elapsedMs = std::max<qint64>(clock.elapsed(), 1);
    ticker.stop();
    rssPeak = std::max(rssPeak, currentRss());

    QCOMPARE(finished.first().first().value<ToolResult>().kind, ToolResult::Kind::Finished);
    QVERIFY(inOrder);
    QCOMPARE(floodLines, LinesExpected);
    QCOMPARE(others,
        (QStringList {
            "ATC start working now, please wait for a moment.", "ATC run success, welcome to the next use." }));
    const double mbPerSecond = static_cast<double>(bytes) / MiB / (static_cast<double>(elapsedMs) / 1000.0);
    const qint64 growthMiB = (rssPeak - rssBefore) / MiB; // sampled every 64 batches and at the end
    qInfo().noquote() << QStringLiteral("flood: %1 MiB, %2 lines in %3 batches, %4 ms = %5 MiB/s; RSS growth %6 MiB "
                                        "(peak %7 MiB); longest event-loop gap %8 ms")
                             .arg(bytes / MiB)
                             .arg(floodLines + others.size())
                             .arg(batches)
                             .arg(elapsedMs)
                             .arg(mbPerSecond, 0, 'f', 1)
                             .arg(static_cast<double>(rssPeak - rssBefore) / MiB, 0, 'f', 1)
                             .arg(rssPeak / MiB)
                             .arg(longestGapMs);
    QVERIFY2(growthMiB < 64, "output is not being buffered up: memory must stay flat");
    QVERIFY2(longestGapMs < 2000, "the event loop must not freeze while output pours in");
}

void TestToolRunnerFlood::floodWithoutLineEnds()
{
    constexpr qsizetype MaxLine = 1024 * 1024;
    ToolRunner runner;
    runner.setMaxLineBytes(MaxLine);
    QSignalSpy finished(&runner, &ToolRunner::finished);
    qsizetype xs = 0;
    qsizetype longest = 0;
    QStringList others;
    connect(&runner, &ToolRunner::linesReceived, this, [&](ToolChannel, const QStringList& lines) {
        for (const QString& line : lines) {
            longest = std::max(longest, line.size());
            if (line.startsWith(u'x'))
                xs += line.count(u'x');
            else
                others.append(line);
        }
    });
    QVERIFY(
        runner.start(fakeAtcRun("flood", {}, { { "FAKE_ATC_FLOOD_MB", "8" }, { "FAKE_ATC_FLOOD_NEWLINES", "0" } })));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    QCOMPARE(finished.first().first().value<ToolResult>().kind, ToolResult::Kind::Finished);
    QCOMPARE(xs, 8 * MaxLine); // all of it, in pieces
    QVERIFY2(longest <= MaxLine, qPrintable(QString::number(longest)));
    QCOMPARE(others,
        (QStringList {
            "ATC start working now, please wait for a moment.", "ATC run success, welcome to the next use." }));
}

QTEST_GUILESS_MAIN(TestToolRunnerFlood)
#include "tst_toolrunner_flood.moc"
