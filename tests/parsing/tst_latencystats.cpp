// LatencyStats against hand-computed values (numpy-style linear percentiles, population stddev).
#include "run/latencystats.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace wb;

class TestLatencyStats : public QObject {
    Q_OBJECT
private slots:
    void stats_data();
    void stats();
    void throughput_data();
    void throughput();
    void rejects_data();
    void rejects();
    void percentileClamps();
};

void TestLatencyStats::stats_data()
{
    QTest::addColumn<QList<double>>("samples");
    QTest::addColumn<double>("min");
    QTest::addColumn<double>("max");
    QTest::addColumn<double>("mean");
    QTest::addColumn<double>("median");
    QTest::addColumn<double>("p90");
    QTest::addColumn<double>("p95");
    QTest::addColumn<double>("p99");
    QTest::addColumn<double>("stddev");
    // Worked by hand: rank = p/100*(n-1), interpolate between the neighbours; stddev = sqrt(sum sq dev / n).
    QTest::newRow("one sample") << QList<double> { 5 } << 5.0 << 5.0 << 5.0 << 5.0 << 5.0 << 5.0 << 5.0 << 0.0;
    // ranks 2.7, 2.85, 2.97 -> 3.7, 3.85, 3.97; squares 2.25+0.25+0.25+2.25 = 5, /4 = 1.25
    QTest::newRow("1..4") << QList<double> { 1, 2, 3, 4 } << 1.0 << 4.0 << 2.5 << 2.5 << 3.7 << 3.85 << 3.97
                          << std::sqrt(1.25);
    // sorted 2,4,6,8,10; ranks 3.6, 3.8, 3.96 -> 9.2, 9.6, 9.92; squares 16+4+0+4+16 = 40, /5 = 8
    QTest::newRow("unsorted input") << QList<double> { 10, 2, 8, 4, 6 } << 2.0 << 10.0 << 6.0 << 6.0 << 9.2 << 9.6
                                    << 9.92 << std::sqrt(8.0);
    QTest::newRow("all equal") << QList<double> { 3, 3, 3 } << 3.0 << 3.0 << 3.0 << 3.0 << 3.0 << 3.0 << 3.0 << 0.0;
    QTest::newRow("zero is a valid sample")
        << QList<double> { 0, 100 } << 0.0 << 100.0 << 50.0 << 50.0 << 90.0 << 95.0 << 99.0 << 50.0;
    // ranks 8.1, 8.55, 8.91 -> 9.1, 9.55, 9.91; sum of squared deviations 82.5, /10 = 8.25
    QTest::newRow("1..10") << QList<double> { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 } << 1.0 << 10.0 << 5.5 << 5.5 << 9.1
                           << 9.55 << 9.91 << std::sqrt(8.25);
    // msame_02 sample: mean 65.5449 as msame printed it; median (65.522 + 65.544) / 2; stddev and percentiles
    // cross-checked with Python (statistics.pstdev and the rank formula above)
    QTest::newRow("msame loop of 10") << QList<double> { 65.768, 65.495, 65.494, 65.435, 65.544, 65.56, 65.554, 65.517,
        65.522, 65.56 } << 65.435 << 65.768
                                      << 65.5449 << 65.533 << 65.5808 << 65.6744 << 65.74928 << 0.08293063366452684;
}

void TestLatencyStats::stats()
{
    QFETCH(QList<double>, samples);
    const Result<LatencyStats> r = LatencyStats::compute(samples);
    QVERIFY(r.ok());
    const LatencyStats& s = r.value();
    QCOMPARE(s.count, int(samples.size()));
    QTEST(s.min, "min");
    QTEST(s.max, "max");
    QTEST(s.mean, "mean");
    QTEST(s.median, "median");
    QTEST(s.p90, "p90");
    QTEST(s.p95, "p95");
    QTEST(s.p99, "p99");
    QFETCH(double, stddev);
    QVERIFY2(std::abs(s.stddev - stddev) < 1e-12, qPrintable(QString::number(s.stddev, 'g', 17)));
}

void TestLatencyStats::throughput_data()
{
    QTest::addColumn<QList<double>>("samples");
    QTest::addColumn<double>("batch");
    QTest::addColumn<double>("expected"); // -1: none
    QTest::newRow("batch 1, 2.5 ms") << QList<double> { 2, 3 } << 1.0 << 400.0;
    QTest::newRow("batch 8, 2.5 ms") << QList<double> { 2.5 } << 8.0 << 3200.0;
    QTest::newRow("ais_bench sample") << QList<double> { 2.4560000896453857 } << 1.0 << 407.16610891670894;
    QTest::newRow("mean 0") << QList<double> { 0, 0 } << 1.0 << -1.0;
    QTest::newRow("batch 0") << QList<double> { 1 } << 0.0 << -1.0;
    QTest::newRow("negative batch") << QList<double> { 1 } << -4.0 << -1.0;
}

void TestLatencyStats::throughput()
{
    QFETCH(QList<double>, samples);
    QFETCH(double, batch);
    QFETCH(double, expected);
    const auto t = LatencyStats::compute(samples).value().throughput(batch);
    if (expected < 0) {
        QVERIFY(!t);
    } else {
        QVERIFY(t);
        QCOMPARE(*t, expected);
    }
}

void TestLatencyStats::rejects_data()
{
    QTest::addColumn<QList<double>>("samples");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("empty") << QList<double> {} << "no_samples"
                           << "No latency samples";
    QTest::newRow("NaN") << QList<double> { 1, 2, std::nan("") } << "bad_sample"
                         << "sample 2 is nan";
    QTest::newRow("negative") << QList<double> { -0.5 } << "bad_sample"
                              << "sample 0 is -0.5";
    QTest::newRow("infinite") << QList<double> { 1, std::numeric_limits<double>::infinity() } << "bad_sample"
                              << "sample 1 is inf";
}

void TestLatencyStats::rejects()
{
    QFETCH(QList<double>, samples);
    QFETCH(QString, phrase);
    const Result<LatencyStats> r = LatencyStats::compute(samples);
    QVERIFY(!r.ok());
    QTEST(r.error().code, "code");
    QVERIFY2(r.error().message.contains(phrase), qPrintable(r.error().message));
}

void TestLatencyStats::percentileClamps()
{
    const QList<double> sorted { 1, 2, 3 };
    QCOMPARE(percentileOfSorted(sorted, -5), 1.0);
    QCOMPARE(percentileOfSorted(sorted, 0), 1.0);
    QCOMPARE(percentileOfSorted(sorted, 25), 1.5);
    QCOMPARE(percentileOfSorted(sorted, 100), 3.0);
    QCOMPARE(percentileOfSorted(sorted, 150), 3.0);
    QVERIFY(std::isnan(percentileOfSorted({}, 50)));
}

QTEST_APPLESS_MAIN(TestLatencyStats)
#include "tst_latencystats.moc"
