#pragma once

#include "atc/atccheck.h"
#include "atc/atcoptions.h"
#include "atc/atcprecheck.h"
#include "atc/toolkit.h"
#include "onnx/onnxmodel.h"

#include <QJsonObject>
#include <QObject>

class QTimer;

namespace wb {

class LatestOnlyRunner;

// The Convert page's checks without the page: our rules and the operator table (checkConversion() on the thread
// pool, a short pause after each edit, only the newest result delivered) and ATC's own pre-check (AtcPrecheck,
// through ToolRunner), with their state and results. The pre-check's findings join ours while the options they
// were found for hold; another model or toolkit forgets them. Lives on the GUI thread; widget-free.
class ConvertChecks : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConvertChecks)
public:
    explicit ConvertChecks(QObject* parent = nullptr);
    ~ConvertChecks() override;

    // The model the checks are for. Forgets the pre-check (even for the same file opened again) and drops one
    // running; checks nothing by itself (the options follow).
    void setModel(const OnnxModelPtr& model);
    const OnnxModelPtr& model() const { return m_model; }
    // Another ATC (path or version) forgets the pre-check, as it may say otherwise.
    void setToolkit(const AtcToolkit& toolkit);
    const AtcToolkit& toolkit() const { return m_toolkit; }
    // No model: waiting and running checks dropped, results and the pre-check forgotten.
    void clear();

    // The options as the form says them now: checked after a pause of debounceMs() (each call restarts it), if a
    // model is set. checkNow() checks them at once.
    void setOptions(const AtcOptions& options);
    void checkNow(const AtcOptions& options);
    const AtcOptions& options() const { return m_options; }
    bool isChecking() const; // a check is waiting or running
    // The newest check: its invocation and findings, ATC's pre-check's merged in while they apply.
    const AtcCheckResult& result() const { return m_result; }
    void setDebounceMs(int ms);
    int debounceMs() const;

    // ATC's own pre-check (atc --mode=3) on `options` (which become options(), without a check of ours). False
    // (nothing starts) without a model or a valid toolkit, or while one runs.
    bool startPrecheck(const AtcOptions& options);
    void cancelPrecheck();
    bool isPrechecking() const;
    bool canPrecheck() const { return m_model && m_toolkit.isValid(); }
    int precheckLines() const { return m_precheckLines; } // output lines of the running (or last) pre-check
    bool precheckApplies() const { return !m_precheckFindings.isEmpty(); } // its findings are in result()

signals:
    void checkStarted(); // a check of options() began (the last result still stands until it ends)
    void findingsChanged(const QList<wb::AtcFinding>& findings); // result().findings, after each change
    void checked(); // a check's result arrived (findingsChanged came first)
    void precheckRunningChanged(bool running);
    // The pre-check ended for this model and toolkit (findingsChanged came first); one ended for a model or
    // toolkit no longer here is dropped without a word (precheckRunningChanged(false) still comes).
    void precheckFinished(const wb::PrecheckOutcome& outcome);
    void precheckOutdated(); // the options changed: the pre-check's findings left result()
    void precheckForgotten(); // another model or toolkit, or clear(): the pre-check's results are gone

private:
    void runCheck();
    void publish(); // our findings plus the pre-check's, while its options hold
    void resetPrecheck();
    void onPrecheckFinished(const PrecheckOutcome& outcome);

    OnnxModelPtr m_model;
    AtcToolkit m_toolkit;
    AtcOptions m_options;
    AtcCheckResult m_result; // findings include the pre-check's while they apply
    QList<AtcFinding> m_ownFindings; // checkConversion's alone
    LatestOnlyRunner* m_runner;
    QTimer* m_debounce;
    AtcPrecheck* m_precheck;
    QList<AtcFinding> m_precheckFindings;
    QJsonObject m_precheckFor; // the options (without output and log) the pre-check findings belong to
    int m_precheckLines = 0;
    quint64 m_generation = 0; // bumped when the model or toolkit changes: older pre-check results are dropped
    quint64 m_precheckGeneration = 0; // m_generation when the running pre-check started
};

} // namespace wb
