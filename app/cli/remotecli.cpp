#include "remotecli.h"

#include "commands.h"
#include "remote/hostprobe.h"
#include "settings/settings.h"

#include <QEventLoop>

namespace wb::cli {

Result<ProbedHost> probeHostNamed(const QString& name)
{
    const Settings settings(appSettingsFile());
    const auto host = settings.host(name);
    if (!host)
        return Error { QStringLiteral("unknown_host"),
            QStringLiteral("No host named '%1' in %2; add it with: atcwb hosts add %1 --destination USER@HOST")
                .arg(name, settings.fileName()),
            {} };
    ProbedHost probed;
    probed.target.host = *host;
    probed.target.paths = SshPaths::defaults();
    HostProbe probe(*host, probed.target.paths);
    QEventLoop loop;
    QObject::connect(&probe, &HostProbe::finished, &loop, [&](const ProbeReport& r) {
        probed.report = r;
        loop.quit();
    });
    probe.start();
    loop.exec();
    // The connection, the environment and the platform must be fine; the toolkit, NPUs, runners are for the caller.
    for (const ProbeStep& step : std::as_const(probed.report.steps)) {
        static const QStringList needed { QStringLiteral("resolve"), QStringLiteral("tcp"), QStringLiteral("host_key"),
            QStringLiteral("auth"), QStringLiteral("env_script"), QStringLiteral("platform") };
        if (needed.contains(step.id) && step.status != ProbeStatus::Ok)
            return Error { QStringLiteral("host_unreachable"),
                QStringLiteral("%1: %2 — %3%4")
                    .arg(name, probeStepTitle(step.id), step.message,
                        step.fix.isEmpty() ? QString() : QStringLiteral(" Fix: ") + step.fix),
                step.id };
    }
    return probed;
}

} // namespace wb::cli
