#include "atc/atcprecheck.h"

#include "atc/atccheck.h"
#include "atc/conversion.h"
#include "atc/conversiontext.h"
#include "logging/logging.h"
#include "process/toolrunner.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <QCoreApplication>
#include <algorithm>

#include "atc/checkstr_p.h"

namespace wb {

namespace {

const QString kReportName = QStringLiteral("check_result.json");
constexpr qsizetype kMaxEvents = 1000;
constexpr qint64 kMaxTimeoutSec = 7 * 24 * 3600;
constexpr qint64 kMaxReportBytes = 256 * 1024 * 1024; // a report lists every node: large, but never this large

AtcFinding noReport(const QString& message, const QString& fix, const QString& cliFix = {})
{
    return { AtcSeverity::Error, QStringLiteral("atc_precheck"), {}, message, fix, {}, {}, cliFix };
}

} // namespace

AtcOptions precheckOptions(const AtcOptions& options, const QString& folder)
{
    // Relative paths as ATC would find them from the conversion's working folder, not from the scratch folder.
    AtcOptions o = withAbsolutePaths(options);
    o.mode = AtcMode::PreCheck;
    // What the pre-check sets itself cannot be overridden from the other flags (a later --mode=0 would make ATC
    // convert instead).
    static const QStringList owned { QStringLiteral("mode"), QStringLiteral("framework"),
        QStringLiteral("check_report"), QStringLiteral("output"), QStringLiteral("om"), QStringLiteral("json") };
    o.extraFlags.removeIf([](const AtcExtraFlag& f) { return owned.contains(f.name); });
    const QDir dir(folder);
    o.checkReport = dir.filePath(kReportName);
    QString name = QFileInfo(options.output).fileName();
    if (name.isEmpty())
        name = QFileInfo(options.model).completeBaseName();
    if (name.isEmpty())
        name = QStringLiteral("model");
    o.output = dir.filePath(name);
    o.workDir = folder;
    return o;
}

AtcPrecheck::AtcPrecheck(QObject* parent)
    : QObject(parent)
    , m_runner(new ToolRunner(this))
{
    connect(m_runner, &ToolRunner::linesReceived, this, [this](ToolChannel, const QStringList& lines) {
        for (const QString& line : lines) {
            if (m_outcome.log.size() < PrecheckOutcome::kMaxLogLines)
                m_outcome.log.append(line);
            keepProblems(m_parser.feed(line));
            emit lineReceived(line);
        }
    });
    connect(m_runner, &ToolRunner::finished, this, &AtcPrecheck::onFinished);
}

AtcPrecheck::~AtcPrecheck()
{
    disconnect(m_runner, nullptr, this, nullptr);
    delete m_runner; // kills a running ATC's process group and waits for it, before the scratch folder goes
    m_runner = nullptr;
}

bool AtcPrecheck::start(const AtcOptions& options, const AtcToolkit& toolkit, int timeoutSec)
{
    if (m_running)
        return false;
    m_running = true;
    m_outcome = {};
    m_parser = AtcLogParser();
    if (!toolkit.isValid()) {
        m_outcome.findings.append(noReport(
            Tr::tr("ATC's pre-check was not run: no ATC was found (looked in: %1).")
                .arg(toolkit.searched.isEmpty() ? Tr::tr("nowhere yet") : toolkit.searched.join(QStringLiteral(", "))),
            toolkitHowTo(), toolkitHowTo(HintForm::Cli)));
        m_outcome.result.kind = ToolResult::Kind::FailedToStart;
        m_outcome.result.errorString = Tr::tr("no ATC toolkit");
        QMetaObject::invokeMethod(this, &AtcPrecheck::complete, Qt::QueuedConnection);
        return true;
    }
    m_scratch
        = std::make_unique<QTemporaryDir>(QDir(QDir::tempPath()).filePath(QStringLiteral("atcwb-precheck-XXXXXX")));
    if (!m_scratch->isValid()) {
        m_outcome.findings.append(
            noReport(Tr::tr("ATC's pre-check was not run: cannot create a scratch folder in %1: %2.")
                         .arg(QDir::tempPath(), m_scratch->errorString()),
                Tr::tr("Free some space in %1 or point TMPDIR at a writable folder.").arg(QDir::tempPath())));
        m_outcome.result.kind = ToolResult::Kind::FailedToStart;
        m_outcome.result.errorString = m_scratch->errorString();
        m_scratch.reset();
        QMetaObject::invokeMethod(this, &AtcPrecheck::complete, Qt::QueuedConnection);
        return true;
    }
    const AtcOptions o = precheckOptions(options, m_scratch->path());
    m_reportPath = o.checkReport;
    AtcInvocation invocation = buildInvocation(o, toolkit);
    invocation.timeoutMs = timeoutSec > 0 ? int(std::min<qint64>(timeoutSec, kMaxTimeoutSec) * 1000) : 0;
    m_outcome.commandLine = renderCommandLine(invocation);
    log::atc()->info("ATC pre-check: {}", m_outcome.commandLine);
    m_runner->start(invocation);
    emit started(m_outcome.commandLine);
    return true;
}

void AtcPrecheck::cancel()
{
    if (m_runner->isRunning())
        m_runner->cancel();
}

void AtcPrecheck::keepProblems(const QList<AtcEvent>& events)
{
    for (const AtcEvent& e : events) {
        if (isAtcProblem(e) && m_outcome.events.size() < kMaxEvents)
            m_outcome.events.append(e);
    }
}

void AtcPrecheck::onFinished(const ToolResult& result)
{
    keepProblems(m_parser.finish());
    m_outcome.result = result;
    const bool stopped = result.kind == ToolResult::Kind::Cancelled || result.kind == ToolResult::Kind::TimedOut;
    QFile report(m_reportPath);
    if (!stopped && report.exists()) {
        if (report.size() > kMaxReportBytes || !report.open(QIODevice::ReadOnly)) {
            m_outcome.findings.append(
                noReport(Tr::tr("ATC's pre-check report %1 cannot be read: %2.")
                             .arg(m_reportPath,
                                 report.size() > kMaxReportBytes ? Tr::tr("it is too large") : report.errorString()),
                    Tr::tr("Run the command shown in the log by hand and read check_result.json.")));
        } else {
            Result<QList<AtcFinding>> parsed = parsePrecheckReport(report.readAll());
            if (parsed.ok()) {
                m_outcome.reportRead = true;
                m_outcome.findings = std::move(parsed).value();
                // ATC writes the report once the model is parsed, then checks more (input shapes, fp16 nodes…):
                // a failed run the report does not explain is a finding of its own.
                if (!result.ok() && !hasErrors(m_outcome.findings)) {
                    m_outcome.findings.removeIf([](const AtcFinding& f) { return f.severity == AtcSeverity::Info; });
                    m_outcome.findings.append(
                        noReport(Tr::tr("ATC's pre-check passed every operator, but ATC failed afterwards: %1")
                                     .arg(shownConversionText(classifyFailure(result, m_outcome.events))),
                            Tr::tr("Fix what ATC reports; the checks above may name the flag.")));
                }
            } else {
                m_outcome.findings.append(noReport(parsed.error().message,
                    Tr::tr("This ATC writes a report this app cannot read; read ATC's console output instead.")));
            }
        }
    } else {
        // A finding is written in the UI's language (English in atcwb), the failure it quotes too.
        const QString why = shownConversionText(classifyFailure(result, m_outcome.events));
        QString message, fix, cliFix;
        if (stopped) {
            message = Tr::tr("ATC's pre-check did not finish: %1").arg(why);
            fix = Tr::tr("Run the pre-check again; pre-checking a large model can take minutes.");
        } else if (result.kind == ToolResult::Kind::FailedToStart) {
            message = Tr::tr("ATC's pre-check was not run: %1").arg(why);
            fix = toolkitHowTo();
            cliFix = toolkitHowTo(HintForm::Cli);
        } else if (result.ok()) {
            message = Tr::tr("ATC's pre-check ended without writing %1.").arg(kReportName);
            fix = Tr::tr("This ATC may not support --mode=3 with --check_report; convert and read ATC's errors, "
                         "or update CANN.");
        } else {
            message = Tr::tr("ATC's pre-check failed before writing %1: %2").arg(kReportName, why);
            fix = Tr::tr("Fix what ATC reports, or read its log (--log=error) for the reason.");
        }
        m_outcome.findings.append(noReport(message, fix, cliFix));
    }
    log::atc()->info("ATC pre-check ended: {} ({} finding(s), report {})", kindCode(result.kind),
        m_outcome.findings.size(), m_outcome.reportRead ? "read" : "missing");
    m_scratch.reset();
    complete();
}

void AtcPrecheck::complete()
{
    m_running = false;
    const PrecheckOutcome outcome = m_outcome; // a slot may start() again, which resets m_outcome
    emit finished(outcome);
}

PrecheckOutcome runAtcPrecheck(const AtcOptions& options, const AtcToolkit& toolkit, int timeoutSec)
{
    AtcPrecheck precheck;
    PrecheckOutcome outcome;
    QEventLoop loop;
    QObject::connect(&precheck, &AtcPrecheck::finished, &loop, [&](const PrecheckOutcome& o) {
        outcome = o;
        loop.quit();
    });
    precheck.start(options, toolkit, timeoutSec);
    loop.exec();
    if (outcome.findings.isEmpty()) // the loop was left from outside (QCoreApplication::exit)
        outcome.findings.append(noReport(Tr::tr("ATC's pre-check was interrupted."), Tr::tr("Run it again.")));
    return outcome;
}

} // namespace wb
