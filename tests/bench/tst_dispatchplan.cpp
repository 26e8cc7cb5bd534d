// The bundle dispatch as pure functions (core/run/dispatchplan.h): which OM a request of n samples runs on and how
// much padding it gets, chunking, empty bundles, duplicate batches, n = 0; the request mix and list parsers; the
// seeded request stream; per-strategy statistics and the recommendation. Expected values worked out by hand.
#include "run/dispatchplan.h"
#include "testutil.h"

#include <QtTest>

using namespace wb::dispatch;

using Batches = std::vector<std::uint64_t>;
Q_DECLARE_METATYPE(Batches)

namespace {

// "target:batch:samples:padding" per step, joined by spaces: easy to write in a table.
QString describe(const std::vector<Step>& steps)
{
    QStringList parts;
    for (const Step& s : steps)
        parts << QStringLiteral("%1:%2:%3:%4").arg(s.target).arg(s.batch).arg(s.samples).arg(s.padding);
    return parts.join(QLatin1Char(' '));
}

} // namespace

class TestDispatchPlan : public QObject {
    Q_OBJECT
private slots:
    void plan_data();
    void plan();
    void planReusesSteps();
    void requestMix_data();
    void requestMix();
    void requestList_data();
    void requestList();
    void requestsAreSeeded();
    void strategyStats();
    void recommendation_data();
    void recommendation();
    void strategyNames();
};

void TestDispatchPlan::plan_data()
{
    QTest::addColumn<quint64>("n");
    QTest::addColumn<Batches>("batches");
    QTest::addColumn<bool>("chunking");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("steps"); // or a fragment of the error
    const Batches b148 { 1, 4, 8 };
    QTest::newRow("exact fit") << quint64(4) << b148 << false << true << "1:4:4:0";
    QTest::newRow("smallest fitting, padded") << quint64(3) << b148 << false << true << "1:4:3:1";
    QTest::newRow("one sample") << quint64(1) << b148 << false << true << "0:1:1:0";
    QTest::newRow("largest, padded") << quint64(5) << b148 << false << true << "2:8:5:3";
    QTest::newRow("unsorted batches") << quint64(2) << Batches { 8, 1, 4 } << false << true << "2:4:2:2";
    QTest::newRow("n = 0 runs nothing") << quint64(0) << b148 << false << true << "";
    QTest::newRow("duplicate batches: the first") << quint64(3) << Batches { 8, 4, 4, 1 } << false << true << "1:4:3:1";
    QTest::newRow("chunked: 8 + 8 + 4 (1 padded)") << quint64(19) << b148 << true << true << "2:8:8:0 2:8:8:0 1:4:3:1";
    QTest::newRow("chunked: exact multiple") << quint64(16) << b148 << true << true << "2:8:8:0 2:8:8:0";
    QTest::newRow("chunked: remainder 1") << quint64(9) << b148 << true << true << "2:8:8:0 0:1:1:0";
    QTest::newRow("chunked: one OM only") << quint64(10) << Batches { 4 } << true << true << "0:4:4:0 0:4:4:0 0:4:2:2";
    QTest::newRow("chunking on, fits") << quint64(7) << b148 << true << true << "2:8:7:1";
    QTest::newRow("too large, chunking off")
        << quint64(9) << b148 << false << false << "larger than the largest batch (8)";
    QTest::newRow("empty bundle") << quint64(1) << Batches {} << true << false << "no OM";
    QTest::newRow("empty bundle, n = 0") << quint64(0) << Batches {} << false << false << "no OM";
    QTest::newRow("batch 0 listed") << quint64(1) << Batches { 0, 4 } << false << false << "batch size of 0";
}

void TestDispatchPlan::plan()
{
    QFETCH(quint64, n);
    QFETCH(Batches, batches);
    QFETCH(bool, chunking);
    QFETCH(bool, ok);
    QFETCH(QString, steps);
    std::vector<Step> planned { { 9, 9, 9, 9 } }; // cleared by planRequest
    std::string error;
    QCOMPARE(planRequest(n, batches, chunking, planned, &error), ok);
    if (ok) {
        QCOMPARE(describe(planned), steps);
        std::uint64_t samples = 0;
        for (const Step& s : planned) {
            samples += s.samples;
            QCOMPARE(s.samples + s.padding, s.batch);
            QCOMPARE(batches[s.target], s.batch);
        }
        QCOMPARE(samples, n);
    } else {
        QVERIFY(planned.empty());
        QVERIFY2(QString::fromStdString(error).contains(steps), error.c_str());
    }
}

void TestDispatchPlan::planReusesSteps()
{
    // The per-request path allocates nothing once the vector has grown: capacity stays, data pointer too.
    std::vector<Step> steps;
    steps.reserve(8);
    const Step* data = steps.data();
    const Batches batches { 1, 4, 8 };
    for (std::uint64_t n = 0; n < 40; ++n) {
        QVERIFY(planRequest(n, batches, true, steps));
        QCOMPARE(steps.data(), data);
    }
}

void TestDispatchPlan::requestMix_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("expected"); // "size:weight ..." or an error fragment
    QTest::newRow("issue's example") << "1:50,4:30,8:20" << true << "1:50 4:30 8:20";
    QTest::newRow("spaces and fractions") << " 2 : 0.5 , 16:1.5" << true << "2:0.5 16:1.5";
    QTest::newRow("one size") << "8:1" << true << "8:1";
    QTest::newRow("empty") << "" << false << "is empty";
    QTest::newRow("no weight") << "1:50,4" << false << "'4' without a weight";
    QTest::newRow("size 0") << "0:10" << false << "whole number from 1";
    QTest::newRow("size not a number") << "x:10" << false << "whole number from 1";
    QTest::newRow("negative size") << "-1:10" << false << "whole number from 1";
    QTest::newRow("weight 0") << "1:0" << false << "number above 0";
    QTest::newRow("weight not a number") << "1:lots" << false << "number above 0";
    QTest::newRow("weight empty") << "1:" << false << "number above 0";
    QTest::newRow("trailing comma") << "1:5," << false << "without a weight";
    QTest::newRow("size twice") << "4:1,4:2" << false << "lists the size 4 twice";
    QTest::newRow("size too large") << "2000000:1" << false << "whole number from 1 to 1000000";
}

void TestDispatchPlan::requestMix()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QString, expected);
    std::vector<MixEntry> mix;
    std::string error;
    QCOMPARE(parseRequestMix(text.toStdString(), mix, error), ok);
    if (ok) {
        QStringList parts;
        for (const MixEntry& e : mix)
            parts << QStringLiteral("%1:%2").arg(e.samples).arg(e.weight);
        QCOMPARE(parts.join(QLatin1Char(' ')), expected);
    } else {
        QVERIFY2(QString::fromStdString(error).contains(expected), error.c_str());
        QVERIFY2(QString::fromStdString(error).contains(text), "the error quotes the mix");
    }
}

void TestDispatchPlan::requestList_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("expected");
    QTest::newRow("list") << "1,3,8,2" << true << "1 3 8 2";
    QTest::newRow("spaces") << " 5 , 12" << true << "5 12";
    QTest::newRow("empty") << " " << false << "is empty";
    QTest::newRow("zero") << "1,0" << false << "'0'";
    QTest::newRow("empty item") << "1,,2" << false << "''";
    QTest::newRow("word") << "1,two" << false << "'two'";
}

void TestDispatchPlan::requestList()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QString, expected);
    std::vector<std::uint64_t> requests;
    std::string error;
    QCOMPARE(parseRequestList(text.toStdString(), requests, error), ok);
    if (ok) {
        QStringList parts;
        for (std::uint64_t n : requests)
            parts << QString::number(n);
        QCOMPARE(parts.join(QLatin1Char(' ')), expected);
    } else {
        QVERIFY2(QString::fromStdString(error).contains(expected), error.c_str());
    }
}

void TestDispatchPlan::requestsAreSeeded()
{
    std::vector<MixEntry> mix;
    std::string error;
    QVERIFY(parseRequestMix("1:50,4:30,8:20", mix, error));
    const auto a = makeRequests(mix, 10000, 7);
    const auto b = makeRequests(mix, 10000, 7);
    const auto c = makeRequests(mix, 10000, 8);
    QCOMPARE(a.size(), size_t(10000));
    QVERIFY(a == b);
    QVERIFY(a != c);
    // The draw: u = uniform01 of SplitMix64(seed) * total weight, the first size whose running weight exceeds u.
    wb::SplitMix64 rng { 7 };
    for (std::size_t i = 0; i < 20; ++i) {
        const double u = rng.uniform01() * 100.0;
        QCOMPARE(a[i], std::uint64_t(u < 50 ? 1 : u < 80 ? 4 : 8));
    }
    // The frequencies follow the weights (10000 draws: within 2 percentage points).
    int ones = 0, fours = 0, eights = 0;
    for (std::uint64_t n : a) {
        ones += n == 1;
        fours += n == 4;
        eights += n == 8;
    }
    QCOMPARE(ones + fours + eights, 10000);
    QVERIFY2(std::abs(ones - 5000) < 200, qPrintable(QString::number(ones)));
    QVERIFY2(std::abs(fours - 3000) < 200, qPrintable(QString::number(fours)));
    QVERIFY2(std::abs(eights - 2000) < 200, qPrintable(QString::number(eights)));
    QVERIFY(makeRequests({}, 5, 1).empty());
    QVERIFY(makeRequests(mix, 0, 1).empty());
}

void TestDispatchPlan::strategyStats()
{
    // Latencies 4, 1, 3, 2 ms (sorted 1..4): percentiles as numpy's linear ones, by hand: ranks 1.5 (median),
    // 2.7, 2.85, 2.97. 12 real samples in 10 ms -> 1200 samples/s; 4 padded of 16 executed -> 0.25.
    const StrategyStats s = summariseStrategy({ 4, 1, 3, 2 }, 12, 16, 4);
    QCOMPARE(s.requests, std::uint64_t(4));
    QCOMPARE(s.minMs, 1.0);
    QCOMPARE(s.maxMs, 4.0);
    QCOMPARE(s.meanMs, 2.5);
    QCOMPARE(s.medianMs, 2.5);
    QVERIFY(qFuzzyCompare(s.p90Ms, 3.7));
    QVERIFY(qFuzzyCompare(s.p95Ms, 3.85));
    QVERIFY(qFuzzyCompare(s.p99Ms, 3.97));
    QCOMPARE(s.throughput, 1200.0);
    QCOMPARE(s.paddingWaste, 0.25);
    const StrategyStats none = summariseStrategy({}, 0, 0, 0);
    QCOMPARE(none.requests, std::uint64_t(0));
    QCOMPARE(none.throughput, 0.0);
    QCOMPARE(none.paddingWaste, 0.0);
}

void TestDispatchPlan::recommendation_data()
{
    QTest::addColumn<double>("budget");
    QTest::addColumn<QString>("strategy");
    QTest::addColumn<QString>("batches");
    QTest::addColumn<QString>("reason");
    // per-batch: 900/s p99 6 ms; max: 1000/s p99 12 ms; dynamic: 800/s p99 5 ms.
    QTest::newRow("no budget: fastest") << 0.0 << "max"
                                        << "8"
                                        << "highest throughput";
    QTest::newRow("budget 10 ms rules out max") << 10.0 << "per-batch"
                                                << "1 4 8"
                                                << "within the 10.000 ms budget (900.0 samples/s, p99 6.000 ms, "
                                                   "padding waste 0.0%); max is faster (1000.0 samples/s) but its "
                                                   "p99 is 12.000 ms.";
    QTest::newRow("budget 5.5 ms: only dynamic") << 5.5 << "dynamic"
                                                 << "1 2 4 8"
                                                 << "within the 5.500 ms budget";
    QTest::newRow("budget 1 ms: none, closest") << 1.0 << "dynamic"
                                                << "1 2 4 8"
                                                << "No strategy keeps p99";
}

void TestDispatchPlan::recommendation()
{
    QFETCH(double, budget);
    QFETCH(QString, strategy);
    QFETCH(QString, batches);
    QFETCH(QString, reason);
    std::vector<Measured> measured(3);
    measured[0].strategy = Strategy::PerBatch;
    measured[0].batches = { 1, 4, 8 };
    measured[0].stats.requests = 10;
    measured[0].stats.throughput = 900;
    measured[0].stats.p99Ms = 6;
    measured[1].strategy = Strategy::Max;
    measured[1].batches = { 8 };
    measured[1].stats.requests = 10;
    measured[1].stats.throughput = 1000;
    measured[1].stats.p99Ms = 12;
    measured[2].strategy = Strategy::Dynamic;
    measured[2].batches = { 1, 2, 4, 8 };
    measured[2].stats.requests = 10;
    measured[2].stats.throughput = 800;
    measured[2].stats.p99Ms = 5;
    const Recommendation r = recommend(measured, budget);
    QVERIFY(r.valid);
    QCOMPARE(QString::fromLatin1(strategyName(r.strategy)), strategy);
    QStringList list;
    for (std::uint64_t b : r.batches)
        list << QString::number(b);
    QCOMPARE(list.join(QLatin1Char(' ')), batches);
    QVERIFY2(QString::fromStdString(r.reason).contains(reason), r.reason.c_str());
    QVERIFY(QString::fromStdString(r.reason).endsWith(QLatin1Char('.')));
    QVERIFY(!recommend({}, 0).valid);
}

void TestDispatchPlan::strategyNames()
{
    for (Strategy s : { Strategy::PerBatch, Strategy::Dynamic, Strategy::Max }) {
        Strategy back = Strategy::PerBatch;
        QVERIFY(strategyFromName(strategyName(s), back));
        QCOMPARE(back, s);
    }
    Strategy unused;
    QVERIFY(!strategyFromName("largest", unused));
}

WB_TEST_APPLESS_MAIN(TestDispatchPlan)
#include "tst_dispatchplan.moc"
