#pragma once

// Exit codes and error events, shared by main.cpp and the runner.

#include "output.h"

#include <string>

namespace omr {

// Exit status: 0 success; 1 an AscendCL call failed; 2 bad command line, or a file it names is wrong (model,
// input, output folder), or a --batch that is not a gear; 3 libascendcl.so not found, not loadable or missing a
// call; 128 + the signal number when SIGINT/SIGTERM (or a closed stdout, as SIGPIPE) stopped the run.
constexpr int ExitOk = 0;
constexpr int ExitAclFailure = 1;
constexpr int ExitUsage = 2;
constexpr int ExitLibrary = 3;
constexpr int ExitSignalBase = 128;

// {"event":"error","kind":<kind>,"message":<message>}; add fields, then report() it.
Json errorEvent(const char* kind, const std::string& message);
// Writes the event to stdout and "om-runner: <message>" to stderr.
void report(Output& out, const Json& event, const std::string& message);

// "SIGINT", "SIGTERM", or "signal N".
std::string signalName(int signal);

} // namespace omr
