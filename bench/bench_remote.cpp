// wb_bench_remote: what a host over SSH costs against this machine, on the loopback host of the remote tests
// (a real sshd on 127.0.0.1, tests/remote/sshdfixture.h). Two figures (README "Remote hosts over SSH"):
// 1. per-line event delay: a tool prints its CLOCK_REALTIME every 10 ms; each line's arrival here minus its
//    printed time, through RemoteToolRun (ssh, multiplexed) and through a local ToolRunner;
// 2. a 1,000-iteration om-runner run (fake AscendCL at a fixed time per iteration) with BenchRun on the host
//    against the same run here: wall time and mean latency, as ratios;
// 3. what choosing om-runner for the host costs before a `bench --on` (OmRunnerOnHost, the shipped build): the
//    first time (uploaded) and then (already there: one check, one `--version` there), median of 5.
// A program to run by hand (bench/README.md), not a ctest test.
#include "process/toolcapture.h"
#include "process/toolrunner.h"
#include "remote/hostkeys.h"
#include "remote/omrunnerhost.h"
#include "remote/remotetool.h"
#include "run/bench.h"
#include "run/latencystats.h"

#include "../tests/omrunner/omfile.h"
#include "../tests/remote/sshdfixture.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace wb;

namespace {

double nowMs()
{
    timespec ts {};
    clock_gettime(CLOCK_REALTIME, &ts);
    return double(ts.tv_sec) * 1000.0 + double(ts.tv_nsec) / 1e6;
}

// Prints "t <ms since the epoch>" every 10 ms, `lines` times (python3 keeps the clock read next to the write).
QStringList tickerArgv(int lines)
{
    return { QStringLiteral("python3"), QStringLiteral("-u"), QStringLiteral("-c"),
        QStringLiteral("import time\nfor i in range(%1):\n    print('t %.3f' % (time.clock_gettime(time.CLOCK_REALTIME)"
                       " * 1000.0), flush=True)\n    time.sleep(0.01)\n")
            .arg(lines) };
}

QVector<double> delays(const QStringList& lines, const QVector<double>& arrivals)
{
    QVector<double> d;
    for (qsizetype i = 0; i < lines.size() && i < arrivals.size(); ++i) {
        if (lines.at(i).startsWith(QLatin1String("t ")))
            d << std::max(0.0, arrivals.at(i) - lines.at(i).mid(2).toDouble());
    }
    return d;
}

QString describeMs(const QVector<double>& v)
{
    const Result<LatencyStats> r = LatencyStats::compute(QList<double>(v.begin(), v.end()));
    if (!r.ok())
        return r.error().message;
    const LatencyStats& s = r.value();
    return QStringLiteral("median %1 ms, p90 %2 ms, p99 %3 ms, max %4 ms (%5 lines)")
        .arg(s.median, 0, 'f', 2)
        .arg(s.p90, 0, 'f', 2)
        .arg(s.p99, 0, 'f', 2)
        .arg(s.max, 0, 'f', 2)
        .arg(v.size());
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int lines = 300;
    const int iterations = 1000;
    const QString usPerIteration = QStringLiteral("2000");

    wbtest::SshdFixture sshd;
    if (const QString why = sshd.setUp(); !why.isEmpty()) {
        std::fprintf(stderr, "wb_bench_remote: %s\n", qPrintable(why));
        return 1;
    }
    const ToolCapture scan = runToCompletion(keyscanInvocation(sshd.host(), sshd.paths(), 5));
    const auto key = keyWithFingerprint(parseHostKeys(scan.out), sshd.hostKeyFingerprint());
    if (!key || appendKnownHost(sshd.paths().knownHostsFile, knownHostsName(sshd.host()), *key)) {
        std::fprintf(stderr, "wb_bench_remote: cannot trust the loopback host's key\n");
        return 1;
    }
    const QString env = sshd.path("env-bench.sh");
    {
        QFile f(env);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        f.write(QStringLiteral(". '%1'\nexport PATH='%2':$PATH\nexport ASCEND_TOOLKIT_HOME='%3'\n"
                               "export FAKE_ACL_EXEC_US_PER_BATCH=%4\n")
                    .arg(sshd.path("env.sh"), QFileInfo(QStringLiteral(WB_OM_RUNNER)).absolutePath(),
                        QStringLiteral(WB_FAKE_ACL_TOOLKIT), usPerIteration)
                    .toUtf8());
    }
    RemoteTarget target;
    target.host = sshd.host();
    target.host.envScript = env;
    target.paths = sshd.paths();

    // 1. Per-line delay.
    ToolInvocation ticker;
    ticker.program = tickerArgv(lines).first();
    ticker.arguments = tickerArgv(lines).mid(1);
    QStringList localLines, remoteLines;
    QVector<double> localArrivals, remoteArrivals;
    {
        ToolRunner runner;
        runner.setIdleFlushMs(10);
        QObject::connect(&runner, &ToolRunner::linesReceived, [&](ToolChannel c, const QStringList& l) {
            if (c != ToolChannel::StdOut)
                return;
            const double t = nowMs();
            for (const QString& line : l) {
                localLines << line;
                localArrivals << t;
            }
        });
        QSignalSpy done(&runner, &ToolRunner::finished);
        runner.start(ticker);
        done.wait(60000);
    }
    {
        RemoteToolRun run(target, ticker, {});
        QObject::connect(&run, &RemoteToolRun::linesReceived, [&](ToolChannel c, const QStringList& l) {
            if (c != ToolChannel::StdOut)
                return;
            const double t = nowMs();
            for (const QString& line : l) {
                remoteLines << line;
                remoteArrivals << t;
            }
        });
        QSignalSpy done(&run, &RemoteToolRun::finished);
        run.start();
        done.wait(60000);
    }
    const QVector<double> localDelay = delays(localLines, localArrivals);
    const QVector<double> remoteDelay = delays(remoteLines, remoteArrivals);
    std::printf("Per-line delay, local:  %s\n", qPrintable(describeMs(localDelay)));
    std::printf("Per-line delay, remote: %s\n", qPrintable(describeMs(remoteDelay)));

    // 2. 1,000 iterations, here and on the host.
    QTemporaryDir dir;
    const QString om = dir.filePath("bench.om");
    wbtest::writeOm(om);
    const auto bench = [&](bool remote) {
        BenchRequest r;
        r.model = om;
        r.target = BenchRequest::Target::Npu;
        r.runner = BenchRequest::Runner::OmRunner;
        r.loops = iterations;
        r.warmup = 5;
        r.toolPath = QStringLiteral(WB_OM_RUNNER);
        if (remote) {
            r.remote = std::make_shared<RemoteTarget>(target);
        } else {
            r.environment = QProcessEnvironment::systemEnvironment();
            r.environment.insert(QStringLiteral("ASCEND_TOOLKIT_HOME"), QStringLiteral(WB_FAKE_ACL_TOOLKIT));
            r.environment.insert(QStringLiteral("FAKE_ACL_EXEC_US_PER_BATCH"), usPerIteration);
        }
        BenchRun run;
        QSignalSpy done(&run, &BenchRun::finished);
        run.start(r);
        done.wait(300000);
        return done.isEmpty() ? BenchResult {} : done.first().at(0).value<BenchResult>();
    };
    bench(true); // the OM is uploaded once; the measured runs find it there
    QVector<double> localWall, remoteWall, localMean, remoteMean;
    for (int i = 0; i < 3; ++i) {
        const BenchResult l = bench(false);
        const BenchResult r = bench(true);
        if (!l.ok || !r.ok) {
            std::fprintf(stderr, "wb_bench_remote: a run failed: %s %s\n", qPrintable(l.error), qPrintable(r.error));
            return 1;
        }
        localWall << double(l.durationMs);
        remoteWall << double(r.durationMs);
        localMean << l.stats.mean;
        remoteMean << r.stats.mean;
    }
    std::sort(localWall.begin(), localWall.end());
    std::sort(remoteWall.begin(), remoteWall.end());
    std::sort(localMean.begin(), localMean.end());
    std::sort(remoteMean.begin(), remoteMean.end());
    std::printf("%d iterations at %s us (medians of 3): wall local %.0f ms, remote %.0f ms, ratio %.3f; "
                "mean latency local %.3f ms, remote %.3f ms, ratio %.3f\n",
        iterations, qPrintable(usPerIteration), localWall.at(1), remoteWall.at(1), remoteWall.at(1) / localWall.at(1),
        localMean.at(1), remoteMean.at(1), remoteMean.at(1) / localMean.at(1));

    // 3. Choosing om-runner for the host: the shipped build, uploaded the first time, found there after.
    ProbeFacts facts;
    {
        ToolInvocation uname;
        uname.program = QStringLiteral("uname");
        uname.arguments = { QStringLiteral("-m") };
        facts.arch = QString::fromUtf8(runToCompletion(uname).out).trimmed();
        ToolInvocation getconf;
        getconf.program = QStringLiteral("getconf");
        getconf.arguments = { QStringLiteral("GNU_LIBC_VERSION") };
        facts.libc = parseLibcVersion(QString::fromUtf8(runToCompletion(getconf).out).trimmed());
    }
    const auto choose = [&](qint64* bytes) {
        OmRunnerOnHost prepare(
            target, facts, QFileInfo(QStringLiteral(WB_OM_RUNNER)).absolutePath(), QStringLiteral("bench"));
        QSignalSpy done(&prepare, &OmRunnerOnHost::finished);
        QElapsedTimer clock;
        clock.start();
        prepare.start();
        done.wait(120000);
        *bytes = prepare.bytesUploaded();
        return prepare.result().source == OmRunnerOnHostResult::Source::Shipped ? double(clock.elapsed()) : -1.0;
    };
    qint64 sent = 0;
    const double first = choose(&sent);
    const qint64 firstSent = sent;
    QVector<double> again;
    qint64 againSent = 0;
    for (int i = 0; i < 5; ++i) {
        again << choose(&sent);
        againSent += sent;
    }
    std::sort(again.begin(), again.end());
    std::printf("Choosing om-runner for the host (shipped): first %.0f ms (%lld bytes uploaded), then %.0f ms "
                "(median of 5, %lld bytes uploaded)\n",
        first, static_cast<long long>(firstSent), again.at(2), static_cast<long long>(againSent));
    return 0;
}
