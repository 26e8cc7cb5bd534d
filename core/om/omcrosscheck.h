#pragma once

// With a toolkit: `atc --mode=1 --om=M.om --json=…` run through ToolRunner (runToCompletion) in a scratch folder,
// its JSON read with parseOmJson and compared with what the inspector read from the .om itself.
#include "atc/toolkit.h"
#include "om/ommodel.h"
#include "process/toolresult.h"

#include <QString>
#include <QStringList>

namespace wb {

struct OmCrossCheck {
    bool ran = false; // atc ran to its end and wrote a JSON that could be read
    QStringList differences; // where ATC's JSON and our reading differ; empty when they agree
    QString message; // one sentence: agrees, differs (how many), or why it did not run (ATC failed, hung, ...)
    QString commandLine; // as run
    ToolResult result;
    bool agrees() const { return ran && differences.isEmpty(); }
};

// The differences between two readings of one OM: model attributes, op count, and each op's name, type, engine,
// ONNX origins and passes (at most 20 listed, then a count).
QStringList compareOmModels(const OmModel& ours, const OmModel& atcs);

// Runs `atc --mode=1` on `omPath` and compares. Blocks the calling thread (runToCompletion): call it from a worker
// thread or the CLI. timeoutMs 0: 5 minutes. Without a toolkit, ran is false and message says how to set one.
OmCrossCheck crossCheckWithAtc(const OmModel& ours, const AtcToolkit& toolkit, int timeoutMs = 0);

} // namespace wb
