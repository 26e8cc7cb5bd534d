#include "units.h"

#include <cmath>

namespace wb {

namespace {

QString number(double value, int decimals)
{
    return QString::number(value, 'f', qMax(0, decimals));
}

} // namespace

QString formatMs(double ms, int decimals)
{
    return number(ms, decimals) + QStringLiteral(" ms");
}

QString formatDuration(qint64 ms)
{
    if (ms < 0)
        ms = 0;
    if (ms < 60000) {
        // One decimal, rounded down so that 59.96 s does not read "60.0 s".
        return number(std::floor(double(ms) / 100.0) / 10.0, 1) + QStringLiteral(" s");
    }
    const qint64 seconds = ms / 1000;
    if (seconds < 3600)
        return QStringLiteral("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString formatBytes(qint64 bytes)
{
    if (bytes < 0)
        bytes = 0;
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    static const char* const units[] = { "KiB", "MiB", "GiB", "TiB" };
    double value = double(bytes) / 1024.0;
    int unit = 0;
    // Move up while the rounded value would read 1024.0 or more.
    while (unit < 3 && value >= 1023.95) {
        value /= 1024.0;
        ++unit;
    }
    return number(value, 1) + QLatin1Char(' ') + QLatin1String(units[unit]);
}

QString formatRate(double samplesPerSecond)
{
    return number(samplesPerSecond, 1) + QStringLiteral(" samples/s");
}

} // namespace wb
