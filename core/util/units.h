#pragma once

#include <QString>
#include <QtGlobal>

namespace wb {

// Units are written one way across the app, the CLI's text output and the reports: a number, one space, the unit;
// binary sizes (KiB, MiB, GiB); "." as the decimal point whatever the locale (the text is also copied into bug
// reports and scripts). Units are not translated: 毫秒 would read worse than ms beside ATC's own logs.

// A latency or other short time in milliseconds: "2.310 ms" (decimals as given).
QString formatMs(double ms, int decimals = 3);
// An elapsed time: "0.4 s", "59.9 s", then "2 min 05 s", "1 h 02 min" (rounded down to what is shown).
QString formatDuration(qint64 ms);
// A size in bytes: "512 B", "12.0 KiB", "3.4 MiB", "1.5 GiB" (one decimal from KiB up).
QString formatBytes(qint64 bytes);
// A throughput: "812.4 samples/s" (one decimal).
QString formatRate(double samplesPerSecond);

} // namespace wb
