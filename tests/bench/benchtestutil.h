#pragma once

// Shared by the bench integration tests: running a BenchRun to its end with every signal recorded, a hermetic
// environment for the NPU test doubles, and a check that no child process outlived a run.
#include "run/bench.h"
#include "run/latencystats.h"

#include <QDir>
#include <QSignalSpy>
#include <QtTest>

#include <unistd.h>

namespace benchtest {

inline QString fakeMsame()
{
    return QStringLiteral(WB_FAKE_MSAME);
}
inline QString fakeAisBench()
{
    return QStringLiteral(WB_FAKE_AIS_BENCH);
}
inline QString fakeToolkit()
{
    return QStringLiteral(WB_FAKE_ACL_TOOLKIT);
}

// The process environment without FAKE_* / ASCEND_* variables, plus `extra`; ASCEND_TOOLKIT_HOME points at the
// fake libascendcl.so so om-runner finds it through its normal search.
inline QProcessEnvironment toolEnvironment(const QList<QPair<QString, QString>>& extra = {})
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& key : env.keys()) {
        if (key.startsWith(QLatin1String("FAKE_")) || key.startsWith(QLatin1String("ASCEND_")))
            env.remove(key);
    }
    env.insert(QStringLiteral("ASCEND_TOOLKIT_HOME"), fakeToolkit());
    for (const auto& [name, value] : extra)
        env.insert(name, value);
    return env;
}

// Pids of this process's live children (from /proc), to prove a cancelled tool left nothing behind.
inline QList<int> childPids()
{
    QList<int> pids;
    const int self = int(::getpid());
    for (const QString& entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool numeric = false;
        const int pid = entry.toInt(&numeric);
        if (!numeric)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = stat.readAll();
        // "pid (comm) state ppid ...": comm may hold spaces, so split after the last ')'.
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 1 && fields.at(1).toInt() == self)
            pids.append(pid);
    }
    return pids;
}

// One BenchRun with every signal recorded.
struct Recorded {
    QStringList started;
    QList<QPair<int, double>> iterations;
    QList<wb::BenchResult> finished;
};

class Recorder : public QObject {
public:
    explicit Recorder(wb::BenchRun* run)
    {
        connect(run, &wb::BenchRun::started, this, [this](const QString& d) { data.started.append(d); });
        connect(run, &wb::BenchRun::iteration, this, [this](int i, double ms) { data.iterations.append({ i, ms }); });
        connect(run, &wb::BenchRun::finished, this, [this](const wb::BenchResult& r) { data.finished.append(r); });
    }
    Recorded data;
};

// Every iteration index 0..n-1 once, in order, with the result's own times.
inline QString iterationsProblem(const Recorded& rec, const wb::BenchResult& result)
{
    if (rec.iterations.size() != result.iterationsMs.size())
        return QStringLiteral("%1 iteration signals, %2 times in the result")
            .arg(rec.iterations.size())
            .arg(result.iterationsMs.size());
    for (qsizetype i = 0; i < rec.iterations.size(); ++i) {
        if (rec.iterations[i].first != int(i) || rec.iterations[i].second != result.iterationsMs[i])
            return QStringLiteral("iteration signal %1 is (%2, %3), result has %4")
                .arg(i)
                .arg(rec.iterations[i].first)
                .arg(rec.iterations[i].second)
                .arg(result.iterationsMs[i]);
    }
    return {};
}

// Empty when result.stats are LatencyStats::compute(iterationsMs) and the throughput is batch * 1000 / mean.
inline QString statsProblem(const wb::BenchResult& r)
{
    const auto expected = wb::LatencyStats::compute(QList<double>(r.iterationsMs.begin(), r.iterationsMs.end()));
    if (!expected.ok())
        return expected.error().message;
    const wb::LatencyStats& e = expected.value();
    const wb::LatencyStats& s = r.stats;
    if (s.count != e.count || s.min != e.min || s.max != e.max || s.mean != e.mean || s.median != e.median
        || s.p90 != e.p90 || s.p95 != e.p95 || s.p99 != e.p99 || s.stddev != e.stddev)
        return QStringLiteral("stats differ from the iterations: mean %1 vs %2").arg(s.mean).arg(e.mean);
    if (qAbs(r.throughput - r.batch * 1000.0 / s.mean) > 1e-9 * r.throughput)
        return QStringLiteral("throughput %1, expected %2").arg(r.throughput).arg(r.batch * 1000.0 / s.mean);
    return {};
}

} // namespace benchtest

// Starts `request` on a fresh BenchRun named `run` with a Recorder `rec`, and waits for finished().
#define BENCH_RUN(run, rec, request, timeoutMs)                                                                        \
    wb::BenchRun run;                                                                                                  \
    benchtest::Recorder rec(&run);                                                                                     \
    QVERIFY(run.start(request));                                                                                       \
    QVERIFY(run.isRunning());                                                                                          \
    QTRY_COMPARE_WITH_TIMEOUT(rec.data.finished.size(), 1, timeoutMs);                                                 \
    QVERIFY(!run.isRunning());                                                                                         \
    QCOMPARE(rec.data.started.size(), 1)
