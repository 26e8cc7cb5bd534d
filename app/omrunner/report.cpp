#include "report.h"

#include <csignal>
#include <cstdio>

namespace omr {

Json errorEvent(const char* kind, const std::string& message)
{
    Json json("error");
    json.add("kind", kind).add("message", message);
    return json;
}

void report(Output& out, const Json& event, const std::string& message)
{
    out.event(event);
    std::fprintf(stderr, "om-runner: %s\n", message.c_str());
}

std::string signalName(int signal)
{
    if (signal == SIGINT)
        return "SIGINT";
    if (signal == SIGTERM)
        return "SIGTERM";
    return "signal " + std::to_string(signal);
}

} // namespace omr
