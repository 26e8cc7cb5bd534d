#include "convertchecks.h"

#include "util/latestonly.h"

#include <QTimer>

namespace wb {

namespace {

constexpr int kDebounceMs = 300;

// What decides the pre-check's verdict: the options without the output path and the log level.
QJsonObject precheckKey(AtcOptions o)
{
    o.output.clear();
    o.log.clear();
    return toJson(o);
}

} // namespace

ConvertChecks::ConvertChecks(QObject* parent)
    : QObject(parent)
    , m_runner(new LatestOnlyRunner(this))
    , m_debounce(new QTimer(this))
    , m_precheck(new AtcPrecheck(this))
{
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &ConvertChecks::runCheck);
    connect(m_precheck, &AtcPrecheck::finished, this, &ConvertChecks::onPrecheckFinished);
    connect(m_precheck, &AtcPrecheck::lineReceived, this, [this] { ++m_precheckLines; });
}

ConvertChecks::~ConvertChecks() = default;

void ConvertChecks::setModel(const OnnxModelPtr& model)
{
    resetPrecheck(); // its verdict was about the model that was open
    m_model = model;
}

void ConvertChecks::setToolkit(const AtcToolkit& toolkit)
{
    if (toolkit.atcPath != m_toolkit.atcPath || toolkit.version != m_toolkit.version)
        resetPrecheck(); // another ATC may say otherwise
    m_toolkit = toolkit;
}

void ConvertChecks::clear()
{
    m_model.reset();
    m_debounce->stop();
    m_runner->discard();
    m_result = {};
    m_ownFindings.clear();
    resetPrecheck();
}

void ConvertChecks::setOptions(const AtcOptions& options)
{
    m_options = options;
    if (m_model)
        m_debounce->start();
}

void ConvertChecks::checkNow(const AtcOptions& options)
{
    m_options = options;
    m_debounce->stop();
    runCheck();
}

bool ConvertChecks::isChecking() const
{
    return m_debounce->isActive() || m_runner->isBusy();
}

void ConvertChecks::setDebounceMs(int ms)
{
    m_debounce->setInterval(ms);
}

int ConvertChecks::debounceMs() const
{
    return m_debounce->interval();
}

void ConvertChecks::runCheck()
{
    if (!m_model)
        return;
    const AtcOptions o = m_options;
    const OnnxModelPtr model = m_model;
    const AtcToolkit toolkit = m_toolkit;
    emit checkStarted();
    m_runner->submit<AtcCheckResult>([o, model, toolkit] { return checkConversion(o, *model, toolkit); },
        [this](const AtcCheckResult& result) {
            m_result = result;
            m_ownFindings = result.findings;
            publish();
            emit checked();
        });
}

void ConvertChecks::publish()
{
    QList<AtcFinding> findings = m_ownFindings;
    if (!m_precheckFindings.isEmpty()) {
        if (precheckKey(m_options) == m_precheckFor) {
            findings = mergePrecheckFindings(findings, m_precheckFindings);
        } else {
            m_precheckFindings.clear();
            emit precheckOutdated();
        }
    }
    m_result.findings = findings;
    emit findingsChanged(findings);
}

bool ConvertChecks::startPrecheck(const AtcOptions& options)
{
    if (m_precheck->isRunning() || !canPrecheck())
        return false;
    m_options = options;
    m_precheckFor = precheckKey(m_options);
    m_precheckFindings.clear();
    m_precheckLines = 0;
    m_precheckGeneration = m_generation;
    if (!m_precheck->start(m_options, m_toolkit))
        return false;
    emit precheckRunningChanged(true);
    return true;
}

void ConvertChecks::cancelPrecheck()
{
    m_precheck->cancel();
}

bool ConvertChecks::isPrechecking() const
{
    return m_precheck->isRunning();
}

void ConvertChecks::resetPrecheck()
{
    ++m_generation;
    m_precheck->cancel();
    m_precheckFindings.clear();
    m_precheckFor = {};
    emit precheckForgotten();
}

void ConvertChecks::onPrecheckFinished(const PrecheckOutcome& outcome)
{
    emit precheckRunningChanged(false);
    if (m_precheckGeneration != m_generation)
        return; // for a model or toolkit no longer here
    if (outcome.result.kind != ToolResult::Kind::Cancelled)
        m_precheckFindings = outcome.findings;
    publish();
    emit precheckFinished(outcome);
}

} // namespace wb
