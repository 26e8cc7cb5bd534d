// The remote probe's output (what `atcwb hosts probe` and Test Connection read back from a host): the section
// splitter, the facts (npu-smi's table and the toolkit's version file inside), the per-step verdicts and both
// renderings.
#include "fuzztarget.h"

#include "remote/host.h"
#include "remote/probe.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray output = wbfuzz::bytes(data, size);
    wb::Host host;
    host.name = QStringLiteral("board");
    host.destination = QStringLiteral("user@board.example");
    wb::ProbeReport report;
    report.host = host.name;
    report.remoteRan = true;
    report.facts = wb::parseProbeOutput(output);
    report.steps = wb::remoteProbeSteps(host, report.facts);
    (void)report.verdict();
    (void)wb::probeReportToJson(report);
    (void)wb::probeReportToText(report);
    (void)wb::parseDfAvailableBytes(output);
    (void)wb::parseLibcVersion(QString::fromUtf8(output));
    return 0;
}
