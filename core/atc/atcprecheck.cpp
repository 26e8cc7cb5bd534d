#include "atc/atcprecheck.h"

#include "atc/atccheck.h"
#include "atc/conversion.h"
#include "logging/logging.h"
#include "process/toolrunner.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

namespace wb {

namespace {

const QString kReportName = QStringLiteral("check_result.json");
constexpr qint64 kMaxReportBytes = 256 * 1024 * 1024; // a report lists every node: large, but never this large

AtcFinding noReport(const QString& message, const QString& fix)
{
    return { AtcSeverity::Error, QStringLiteral("atc_precheck"), {}, message, fix, {}, {} };
}

} // namespace

AtcOptions precheckOptions(const AtcOptions& options, const QString& folder)
{
    AtcOptions o = options;
    o.mode = AtcMode::PreCheck;
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
            for (const AtcEvent& e : m_parser.feed(line)) {
                if (e.severity != Severity::Info && e.kind != AtcEventKind::Status)
                    m_outcome.events.append(e);
            }
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
        m_outcome.findings.append(noReport(QStringLiteral("ATC's pre-check was not run: no ATC was found (looked in: %1).")
                                               .arg(toolkit.searched.isEmpty() ? QStringLiteral("nowhere yet")
                                                                               : toolkit.searched.join(QStringLiteral(", "))),
            toolkitHowTo()));
        m_outcome.result.kind = ToolResult::Kind::FailedToStart;
        m_outcome.result.errorString = QStringLiteral("no ATC toolkit");
        QMetaObject::invokeMethod(this, &AtcPrecheck::complete, Qt::QueuedConnection);
        return true;
    }
    m_scratch = std::make_unique<QTemporaryDir>(QDir(QDir::tempPath()).filePath(QStringLiteral("atcwb-precheck-XXXXXX")));
    if (!m_scratch->isValid()) {
        m_outcome.findings.append(noReport(
            QStringLiteral("ATC's pre-check was not run: cannot create a scratch folder in %1: %2.")
                .arg(QDir::tempPath(), m_scratch->errorString()),
            QStringLiteral("Free some space in %1 or point TMPDIR at a writable folder.").arg(QDir::tempPath())));
        m_outcome.result.kind = ToolResult::Kind::FailedToStart;
        m_outcome.result.errorString = m_scratch->errorString();
        m_scratch.reset();
        QMetaObject::invokeMethod(this, &AtcPrecheck::complete, Qt::QueuedConnection);
        return true;
    }
    const AtcOptions o = precheckOptions(options, m_scratch->path());
    m_reportPath = o.checkReport;
    AtcInvocation invocation = buildInvocation(o, toolkit);
    invocation.timeoutMs = timeoutSec > 0 ? timeoutSec * 1000 : 0;
    m_outcome.commandLine = renderCommandLine(invocation);
    log::atc()->info("ATC pre-check: {}", m_outcome.commandLine.toStdString());
    m_runner->start(invocation);
    emit started(m_outcome.commandLine);
    return true;
}

void AtcPrecheck::cancel()
{
    if (m_runner->isRunning())
        m_runner->cancel();
}

void AtcPrecheck::onFinished(const ToolResult& result)
{
    for (const AtcEvent& e : m_parser.finish()) {
        if (e.severity != Severity::Info && e.kind != AtcEventKind::Status)
            m_outcome.events.append(e);
    }
    m_outcome.result = result;
    const bool stopped = result.kind == ToolResult::Kind::Cancelled || result.kind == ToolResult::Kind::TimedOut;
    QFile report(m_reportPath);
    if (!stopped && report.exists()) {
        if (report.size() > kMaxReportBytes || !report.open(QIODevice::ReadOnly)) {
            m_outcome.findings.append(noReport(QStringLiteral("ATC's pre-check report %1 cannot be read: %2.")
                                                   .arg(m_reportPath,
                                                       report.size() > kMaxReportBytes ? QStringLiteral("it is too large")
                                                                                      : report.errorString()),
                QStringLiteral("Run the command shown in the log by hand and read check_result.json.")));
        } else {
            Result<QList<AtcFinding>> parsed = parsePrecheckReport(report.readAll());
            if (parsed.ok()) {
                m_outcome.reportRead = true;
                m_outcome.findings = std::move(parsed).value();
            } else {
                m_outcome.findings.append(noReport(parsed.error().message,
                    QStringLiteral("This ATC writes a report this app cannot read; read ATC's console output instead.")));
            }
        }
    } else {
        const QString why = classifyFailure(result, m_outcome.events);
        m_outcome.findings.append(noReport(stopped ? QStringLiteral("ATC's pre-check did not finish: %1").arg(why)
                                                   : result.ok()
                                                   ? QStringLiteral("ATC's pre-check ended without writing %1.").arg(kReportName)
                                                   : QStringLiteral("ATC's pre-check failed before writing %1: %2")
                                                         .arg(kReportName, why),
            stopped ? QStringLiteral("Run the pre-check again; pre-checking a large model can take minutes.")
                    : QStringLiteral("Fix what ATC reports above, or read its log (--log=error) for the reason.")));
    }
    log::atc()->info("ATC pre-check ended: {} ({} finding(s), report {})", kindCode(result.kind).toStdString(),
        m_outcome.findings.size(), m_outcome.reportRead ? "read" : "missing");
    m_scratch.reset();
    complete();
}

void AtcPrecheck::complete()
{
    m_running = false;
    emit finished(m_outcome);
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
    return outcome;
}

} // namespace wb
