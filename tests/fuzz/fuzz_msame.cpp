// msame's console output parser: the whole output, the same lines fed live, the latency statistics of the
// iterations it found, and the text and JSON renderings (`atcwb explain`).
#include "fuzztarget.h"

#include "parsing/msame.h"
#include "parsing/parsingjson.h"
#include "parsing/parsingtext.h"
#include "run/latencystats.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray text = wbfuzz::bytes(data, size);
    const wb::RunnerReport report = wb::parseMsameOutput(text);
    (void)wb::runnerReportToText(QStringLiteral("msame"), report);
    (void)wb::runnerReportToJson(QStringLiteral("msame"), report);
    const auto stats = wb::LatencyStats::compute(report.iterationsMs);
    if (stats.ok()) {
        (void)wb::latencyStatsToJson(stats.value());
        (void)stats.value().throughput(report.batchSize.value_or(1));
    }

    wb::MsameParser live;
    for (const QByteArray& line : text.split('\n'))
        (void)live.feed(QString::fromUtf8(line));
    return 0;
}
