// The bundle dispatch as pure functions (core/run/dispatchplan.h): which OM a request of n samples runs on and how
// much padding it gets, chunking, empty bundles, duplicate batches, n = 0; the request mix and list parsers; the
// seeded request stream; per-strategy statistics and the recommendation; the search over subsets of the batch sizes
// (run/subsetsearch.h). Expected values worked out by hand (the sums are in the rows' comments).
#include "run/dispatchplan.h"
#include "run/subsetsearch.h"
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

// "1=1;4=2.5;8=4*19,12": per batch size its latency samples (ms), "x*k" for k copies of x.
std::vector<BatchSamples> latencies(const QString& spec)
{
    std::vector<BatchSamples> out;
    for (const QString& entry : spec.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        BatchSamples b;
        b.batch = entry.section(QLatin1Char('='), 0, 0).toULongLong();
        for (const QString& value : entry.section(QLatin1Char('='), 1).split(QLatin1Char(','))) {
            const int copies = value.contains(QLatin1Char('*')) ? value.section(QLatin1Char('*'), 1).toInt() : 1;
            for (int i = 0; i < copies; ++i)
                b.ms.push_back(value.section(QLatin1Char('*'), 0, 0).toDouble());
        }
        out.push_back(b);
    }
    return out;
}

std::vector<MixEntry> mixOf(const QString& text)
{
    std::vector<MixEntry> mix;
    std::string error;
    if (!text.isEmpty() && !parseRequestMix(text.toStdString(), mix, error))
        qFatal("bad mix in the test: %s", error.c_str());
    return mix;
}

QString joined(const std::vector<std::uint64_t>& values)
{
    QStringList list;
    for (std::uint64_t v : values)
        list << QString::number(v);
    return list.join(QLatin1Char(' '));
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
    void subsetSearch_data();
    void subsetSearch();
    void subsetFiguresFromTheStream();
    void subsetSearchIsSeeded();
    void subsetCalibratedAndUnmeasured();
    void subsetAgainstDynamic_data();
    void subsetAgainstDynamic();
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

void TestDispatchPlan::subsetSearch_data()
{
    QTest::addColumn<Batches>("candidates");
    QTest::addColumn<QString>("latency"); // per batch size, see latencies()
    QTest::addColumn<QString>("mix");
    QTest::addColumn<double>("budget");
    QTest::addColumn<bool>("chunking");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("best"); // or empty when !ok
    QTest::addColumn<bool>("within");
    QTest::addColumn<QString>("reason"); // a fragment of the reason (or of the search's error)
    const Batches b148 { 1, 4, 8 };
    // Per 100 requests: {1,4,8} 90*1 + 2*2 + 8*2.1 = 110.8 ms for 162 samples (1462/s); {1,8} 90 + 2*2.1 + 8*2.1 =
    // 111.0 ms (1459/s): within 1%, so the set with fewer OMs; {1,4} runs an 8 as 2 x 4 (126 ms, 1286/s).
    QTest::newRow("{1,8} beats {1,4,8}: 4s rare, 8 cheap")
        << b148 << "1=1;4=2;8=2.1"
        << "1:90,4:2,8:8" << 0.0 << true << true << "1 8" << true << "Batch sizes 1 and 8 give the highest throughput";
    // {1,4,8}: 50 + 30*4 + 20*7 = 310 ms; {1,4}: 50 + 120 + 20*2*4 = 330 ms (6% slower); {1,8}: 50 + 30*7 + 140 = 400.
    QTest::newRow("{1,4,8} wins: padding 4 to 8 costly")
        << b148 << "1=1;4=4;8=7"
        << "1:50,4:30,8:20" << 0.0 << true << true << "1 4 8" << true << "Batch sizes 1, 4 and 8 give";
    // An 8 on batch 8 takes 4 ms, 12 ms one time in 20 (mean 4.4): {1,8} is fastest (270 ms per 100 requests) but
    // 2.5% of its requests take 12 ms, so its p99 is 12; {1,4} runs an 8 as 2 x 2.5 ms (300 ms, p99 5).
    QTest::newRow("budget excludes the fastest set")
        << b148 << "1=1;4=2.5;8=4*19,12"
        << "1:50,8:50" << 10.0 << true << true << "1 4" << true << "p99 5.000 ms, padding waste 0.0%";
    // The same with 3 ms: p99 5 for {1,4} and {4} (a tie: the higher throughput, 1500/s against 1200/s), 8 for
    // {1}, 12 with batch 8.
    QTest::newRow("no set within the budget: lowest p99")
        << b148 << "1=1;4=2.5;8=4*19,12"
        << "1:50,8:50" << 3.0 << true << true << "1 4" << false
        << "No set of batch sizes keeps p99 within the 3.000 ms budget; batch sizes 1 and 4 come closest";
    // p99 5 for {4} and {1,4} again, now with 1 on batch 4 as fast as on batch 1: throughputs tie too, fewer OMs.
    QTest::newRow("no set within the budget: p99 and throughput tie")
        << b148 << "1=2.5;4=2.5;8=4*19,12"
        << "1:50,8:50" << 3.0 << true << true << "4" << false << "batch size 4 comes closest";
    // A 20 runs as 8 + 8 + 4 on {1,4,8} (13 ms), 8 + 8 + 8 padded on {1,8} (15 ms), 5 x 4 on {1,4} (15 ms).
    QTest::newRow("n larger than the largest batch: chunks")
        << b148 << "1=1;4=3;8=5"
        << "1:50,20:50" << 0.0 << true << true << "1 4 8" << true << "padding waste 0.0%";
    // Chunking off: only sets with 16 can serve a 16; {1,16} and {1,4,16} plan alike (a tie: fewer OMs).
    QTest::newRow("chunking off: the set needs the largest")
        << Batches { 1, 4, 8, 16 } << "1=1;4=3;8=5;16=9"
        << "1:50,16:50" << 0.0 << false << true << "1 16" << true << "Batch sizes 1 and 16 give";
    QTest::newRow("chunking off: no set can serve")
        << Batches { 1, 4 } << "1=1;4=3"
        << "1:50,8:50" << 0.0 << false << false << "" << false << "can serve a request of 8 samples";
    QTest::newRow("empty mix") << b148 << "1=1;4=3;8=5"
                               << "" << 0.0 << true << false << "" << false << "the request mix is empty";
    QTest::newRow("one batch size") << Batches { 4 } << "4=2"
                                    << "1:50,4:50" << 0.0 << true << true << "4" << true
                                    << "Batch size 4 gives the highest throughput";
    QTest::newRow("a candidate without samples is left out")
        << Batches { 1, 4, 8, 16 } << "1=1;4=4;8=7"
        << "1:50,4:30,8:20" << 0.0 << true << true << "1 4 8" << true << "16 was not measured and is left out";
    QTest::newRow("no candidate measured")
        << Batches { 2 } << "1=1"
        << "1:50" << 0.0 << true << false << "" << false << "no candidate batch size has a measured latency";
}

void TestDispatchPlan::subsetSearch()
{
    QFETCH(Batches, candidates);
    QFETCH(QString, latency);
    QFETCH(QString, mix);
    QFETCH(double, budget);
    QFETCH(bool, chunking);
    QFETCH(bool, ok);
    QFETCH(QString, best);
    QFETCH(bool, within);
    QFETCH(QString, reason);
    SubsetOptions options;
    options.mix = mixOf(mix);
    options.candidates = candidates;
    options.chunking = chunking;
    options.seed = 3;
    const SubsetSearch search = simulateSubsets(latencies(latency), options);
    QCOMPARE(search.valid, ok);
    if (!ok) {
        QVERIFY2(QString::fromStdString(search.error).contains(reason), search.error.c_str());
        QVERIFY(search.subsets.empty());
        return;
    }
    // Every non-empty subset of the measured candidates that can serve the stream, each simulated in full.
    const std::size_t k = search.measured.size();
    QCOMPARE(search.subsets.size(), chunking ? (std::size_t(1) << k) - 1 : std::size_t(1) << (k - 1));
    for (const SubsetFigures& s : search.subsets) {
        QCOMPARE(s.stats.requests, options.count);
        QVERIFY(std::is_sorted(s.batches.begin(), s.batches.end()));
    }
    bool pickedWithin = !within;
    const std::size_t pick = pickSubset(search, budget, 0.01, &pickedWithin);
    QVERIFY(pick < search.subsets.size());
    QCOMPARE(joined(search.subsets[pick].batches), best);
    QCOMPARE(pickedWithin, within);
    const Recommendation r = recommendDeployment(search, {}, budget);
    QVERIFY(r.valid);
    QCOMPARE(joined(r.batches), best);
    QVERIFY2(QString::fromStdString(r.reason).contains(reason), r.reason.c_str());
    QVERIFY(QString::fromStdString(r.reason).endsWith(QLatin1Char('.')));
    QVERIFY(QString::fromStdString(r.reason).contains("estimated over 10000 simulated requests"));
}

void TestDispatchPlan::subsetFiguresFromTheStream()
{
    // Constant latencies: every subset's figures follow from the drawn stream by hand.
    SubsetOptions options;
    options.mix = mixOf("1:50,3:30,8:20");
    options.candidates = { 1, 4, 8 };
    options.count = 500;
    options.seed = 11;
    const SubsetSearch search = simulateSubsets(latencies("1=1;4=3;8=5"), options);
    QVERIFY(search.valid);
    QCOMPARE(joined(search.measured), QString("1 4 8"));
    const std::vector<std::uint64_t> stream = makeRequests(options.mix, 500, 11);
    std::uint64_t ones = 0, threes = 0, eights = 0;
    for (std::uint64_t n : stream) {
        ones += n == 1;
        threes += n == 3;
        eights += n == 8;
    }
    QCOMPARE(ones + threes + eights, std::uint64_t(500));
    const std::uint64_t real = ones + 3 * threes + 8 * eights;
    // {1,4,8}: 1 -> 1 ms, 3 -> 4 (1 padded, 3 ms), 8 -> 8 (5 ms).
    const SubsetFigures& all = search.subsets.back();
    QCOMPARE(joined(all.batches), QString("1 4 8"));
    QCOMPARE(all.stats.samples, real);
    QCOMPARE(all.stats.executed, ones + 4 * threes + 8 * eights);
    QCOMPARE(all.stats.padded, threes);
    QVERIFY(qFuzzyCompare(all.stats.throughput, double(real) * 1000.0 / double(ones + 3 * threes + 5 * eights)));
    QCOMPARE(all.stats.p99Ms, 5.0);
    QCOMPARE(all.stats.minMs, 1.0);
    // {4}: every request on 4, an 8 in two steps: 3 ms, 3 ms, 6 ms.
    const auto four = std::find_if(search.subsets.begin(), search.subsets.end(),
        [](const SubsetFigures& s) { return s.batches == std::vector<std::uint64_t> { 4 }; });
    QVERIFY(four != search.subsets.end());
    QCOMPARE(four->stats.executed, 4 * ones + 4 * threes + 8 * eights);
    QCOMPARE(four->stats.padded, 3 * ones + threes);
    QVERIFY(qFuzzyCompare(four->stats.throughput, double(real) * 1000.0 / double(3 * ones + 3 * threes + 6 * eights)));
    QVERIFY(qFuzzyCompare(four->stats.paddingWaste, double(3 * ones + threes) / double(four->stats.executed)));
    QCOMPARE(four->stats.maxMs, 6.0);
    // max is the largest candidate alone.
    QCOMPARE(subsetStrategy(search, { 8 }), Strategy::Max);
    QCOMPARE(subsetStrategy(search, { 4 }), Strategy::PerBatch);
    QCOMPARE(subsetStrategy(search, { 1, 8 }), Strategy::PerBatch);
}

void TestDispatchPlan::subsetSearchIsSeeded()
{
    SubsetOptions options;
    options.mix = mixOf("1:50,4:30,8:20");
    options.candidates = { 1, 4, 8 };
    options.count = 2000;
    options.seed = 5;
    const auto samples = latencies("1=1,1.5,2,9;4=3,3.5,4;8=5,6,7,20");
    const SubsetSearch a = simulateSubsets(samples, options);
    const SubsetSearch b = simulateSubsets(samples, options);
    options.seed = 6;
    const SubsetSearch c = simulateSubsets(samples, options);
    QVERIFY(a.valid && b.valid && c.valid);
    QCOMPARE(a.subsets.size(), std::size_t(7));
    bool differs = false;
    for (std::size_t i = 0; i < a.subsets.size(); ++i) {
        QCOMPARE(a.subsets[i].stats.throughput, b.subsets[i].stats.throughput);
        QCOMPARE(a.subsets[i].stats.p99Ms, b.subsets[i].stats.p99Ms);
        QCOMPARE(a.subsets[i].stats.meanMs, b.subsets[i].stats.meanMs);
        differs = differs || a.subsets[i].stats.meanMs != c.subsets[i].stats.meanMs;
    }
    QVERIFY(differs);
    QCOMPARE(recommendDeployment(a, {}, 8).reason, recommendDeployment(b, {}, 8).reason);
    // Common random numbers: with no request of 2..4, {1,8} and {1,4,8} plan every request alike, so they get the
    // same latencies, draw for draw.
    options.mix = mixOf("1:50,8:50");
    const SubsetSearch same = simulateSubsets(samples, options);
    const auto find = [&same](std::vector<std::uint64_t> batches) {
        return *std::find_if(
            same.subsets.begin(), same.subsets.end(), [&](const SubsetFigures& s) { return s.batches == batches; });
    };
    QCOMPARE(find({ 1, 8 }).stats.meanMs, find({ 1, 4, 8 }).stats.meanMs);
    QCOMPARE(find({ 1, 8 }).stats.p99Ms, find({ 1, 4, 8 }).stats.p99Ms);
}

void TestDispatchPlan::subsetCalibratedAndUnmeasured()
{
    std::vector<BatchSamples> samples = latencies("1=1;4=3;16=6");
    samples[2].calibrationRuns = 1; // 16: only from calibration runs
    SubsetOptions options;
    options.mix = mixOf("1:50,4:30,16:20");
    options.candidates = { 16, 4, 1, 2, 4 }; // any order, duplicates
    const SubsetSearch search = simulateSubsets(samples, options);
    QVERIFY(search.valid);
    QCOMPARE(joined(search.measured), QString("1 4 16"));
    QCOMPARE(joined(search.calibratedOnly), QString("16"));
    QCOMPARE(joined(search.unmeasured), QString("2"));
    QCOMPARE(search.largestRequest, std::uint64_t(16));
    const std::string reason = recommendDeployment(search, {}, 0).reason;
    QVERIFY2(
        QString::fromStdString(reason).contains(
            "measured latencies per batch size (16 from calibration runs only); 2 was not measured and is left out"),
        reason.c_str());
    // Too many candidates for the search: refused, saying how many it takes.
    options.maxCandidates = 2;
    const SubsetSearch tooMany = simulateSubsets(samples, options);
    QVERIFY(!tooMany.valid);
    QVERIFY2(QString::fromStdString(tooMany.error).contains("takes at most 2"), tooMany.error.c_str());
}

void TestDispatchPlan::subsetAgainstDynamic_data()
{
    QTest::addColumn<double>("dynamicThroughput"); // times the best static set's
    QTest::addColumn<double>("dynamicP99");
    QTest::addColumn<double>("budget");
    QTest::addColumn<QString>("strategy");
    QTest::addColumn<QString>("batches");
    QTest::addColumn<QString>("reason");
    // The best static set is {1,4,8} (about 1064 samples/s: 330 samples in 310 ms per 100 requests), p99 7 ms.
    QTest::newRow("dynamic slower: the static set") << 0.85 << 6.0 << 0.0 << "per-batch"
                                                    << "1 4 8"
                                                    << "Batch sizes 1, 4 and 8 give the highest throughput";
    QTest::newRow("dynamic as fast (a tie): one OM wins")
        << 0.995 << 8.0 << 0.0 << "dynamic"
        << "1 2 4 8"
        << "One dynamic-batch OM with gears 1, 2, 4 and 8 gives the highest throughput";
    QTest::newRow("dynamic faster but over the budget") << 1.9 << 9.0 << 8.0 << "per-batch"
                                                        << "1 4 8"
                                                        << "within the 8.000 ms budget";
    QTest::newRow("nothing within the budget: dynamic closest") << 0.5 << 6.0 << 2.0 << "dynamic"
                                                                << "1 2 4 8"
                                                                << "comes closest to the 2.000 ms budget";
}

void TestDispatchPlan::subsetAgainstDynamic()
{
    QFETCH(double, dynamicThroughput);
    QFETCH(double, dynamicP99);
    QFETCH(double, budget);
    QFETCH(QString, strategy);
    QFETCH(QString, batches);
    QFETCH(QString, reason);
    SubsetOptions options;
    options.mix = mixOf("1:50,4:30,8:20");
    options.candidates = { 1, 4, 8 };
    const SubsetSearch search = simulateSubsets(latencies("1=1;4=4;8=7"), options);
    QVERIFY(search.valid);
    std::vector<Measured> measured(1);
    measured[0].strategy = Strategy::Dynamic;
    measured[0].batches = { 1, 2, 4, 8 };
    measured[0].stats.requests = 100;
    measured[0].stats.throughput = dynamicThroughput * search.subsets.back().stats.throughput;
    measured[0].stats.p99Ms = dynamicP99;
    const Recommendation r = recommendDeployment(search, measured, budget);
    QVERIFY(r.valid);
    QCOMPARE(QString::fromLatin1(strategyName(r.strategy)), strategy);
    QCOMPARE(joined(r.batches), batches);
    QVERIFY2(QString::fromStdString(r.reason).contains(reason), r.reason.c_str());
    // Without a search (no per-batch samples) the strategies' own recommendation, saying why.
    const Recommendation fallback = recommendDeployment(SubsetSearch {}, measured, budget);
    QCOMPARE(fallback.strategy, Strategy::Dynamic);
}

WB_TEST_APPLESS_MAIN(TestDispatchPlan)
#include "tst_dispatchplan.moc"
