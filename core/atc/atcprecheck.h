#pragma once

// ATC's own pre-check: `atc --mode=3 --check_report=…` run through ToolRunner in a scratch folder, its
// check_result.json read with parsePrecheckReport(). See README.md "ATC's own pre-check".
#include "atc/atcfinding.h"
#include "atc/atcoptions.h"
#include "atc/invocation.h"
#include "atc/toolkit.h"
#include "parsing/atclog.h"
#include "process/toolresult.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QStringList>

#include <memory>

class QTemporaryDir;

namespace wb {

class ToolRunner;

struct PrecheckOutcome {
    // ATC's verdict as findings: one atc_precheck error per operator it rejected (or one info finding when all
    // passed), read from check_result.json; without a report, one atc_precheck error saying why (ATC could not
    // start, failed before writing it, was cancelled, the report is not JSON...). Never empty.
    QList<AtcFinding> findings;
    bool reportRead = false; // check_result.json was found and parsed
    ToolResult result;
    QList<AtcEvent> events; // errors and warnings ATC printed
    QString commandLine; // as run (scratch paths included)
    QStringList log; // ATC's console lines (the first kMaxLogLines)
    static constexpr int kMaxLogLines = 20000;
};

// The options the pre-check runs with: mode 3, --check_report and --output inside `folder`, working folder
// `folder` (so ATC's fusion_result.json and kernel_meta/ never land beside the user's files), relative paths made
// absolute against the conversion's working folder (withAbsolutePaths), and other flags that would override what
// the pre-check sets (mode, framework, check_report, output, om, json) left out. Pure but for the existence test
// of withAbsolutePaths.
AtcOptions precheckOptions(const AtcOptions& options, const QString& folder);

// Runs one pre-check at a time. Lives on a thread with an event loop and is used only from it; every accepted
// start() ends with exactly one finished(), from the event loop. Delete it with deleteLater() when from one of
// its own signals.
class AtcPrecheck : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AtcPrecheck)
public:
    explicit AtcPrecheck(QObject* parent = nullptr);
    ~AtcPrecheck() override; // kills a running ATC (process group) and removes its scratch folder

    // False (and nothing happens) while one is running. Without a toolkit, finished() still follows, with a
    // finding that says how to point the app at one. timeoutSec 0: none; at most a week.
    bool start(const AtcOptions& options, const AtcToolkit& toolkit, int timeoutSec = 0);
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void started(const QString& commandLine);
    void lineReceived(const QString& line);
    void finished(const wb::PrecheckOutcome& outcome);

private:
    void onFinished(const ToolResult& result);
    void keepProblems(const QList<AtcEvent>& events); // into m_outcome.events, at most kMaxEvents
    void complete();

    ToolRunner* m_runner;
    std::unique_ptr<QTemporaryDir> m_scratch;
    QString m_reportPath;
    AtcLogParser m_parser;
    PrecheckOutcome m_outcome;
    bool m_running = false;
};

// The same, blocking in a local event loop until ATC ends (for atcwb; not for the GUI thread).
PrecheckOutcome runAtcPrecheck(const AtcOptions& options, const AtcToolkit& toolkit, int timeoutSec = 0);

} // namespace wb

Q_DECLARE_METATYPE(wb::PrecheckOutcome)
