#pragma once

// Line recognisers shared by the msame and ais_bench parsers (private to core/parsing).
#include "parsing/runnerreport.h"

#include <QStringView>

#include <optional>

namespace wb::runnerlines {

// A plain decimal number ("65.768", "3.5e-05"); nullopt for anything else (NA, nan, empty).
std::optional<double> number(QStringView text);
// Removes a leading "[INFO] " / "[DEBUG] " / "[ERROR] " / "[WARN] " / "[WARNING] " tag; returns the tag or "".
QStringView stripTag(QStringView* line);
// Lines both runners print through AscendCL: devices opened/reset, [ERROR] lines, raw ACL error codes.
// Returns true when the line was one of them.
bool feedCommon(QStringView tag, QStringView text, RunnerReport* report);
void addDevice(RunnerReport* report, int id);

} // namespace wb::runnerlines
