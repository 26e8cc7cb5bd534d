#pragma once

// om-runner --bundle: a request stream dispatched over the OMs of a deploy.json through om_dispatch, one strategy
// after another. Events (one JSON object per line, after "start"):
//   {"event":"device","device":0,"soc":"Ascend310P3"}
//   {"event":"bundle","manifest":...,"model":...,"soc":...,"oms":[{"file":...,"batch":4|null,"dynamic_batch":[...]}]}
//   {"event":"request","strategy":"per-batch","index":i,"samples":n,"om":file,"batch":b,"executed":e,
//    "padding":p,"chunks":c,"ms":x}                                  per request (om/batch: its first step)
//   {"event":"strategy","strategy":...,"batches":[...],"requests":N,"samples":S,"executed":E,"padded":P,
//    "padding_waste":P/E,"throughput":S*1000/sum(ms),"latency_ms":{"min","median","mean","p90","p95","p99","max"}}
//   {"event":"summary","strategies":{name:{...the strategy event's figures...}},"recommendation":{"batches":[...],
//    "strategy":...,"reason":...}}

#include "acl.h"
#include "options.h"
#include "output.h"

#include <atomic>

namespace omr {

// Runs the whole --bundle mode after the library is open; returns the exit code (report.h).
int runBundle(const AclApi& api, const std::string& libraryPath, const Options& options, Output& out,
    const std::atomic<int>& stop, int protocol, const char* version);

} // namespace omr
