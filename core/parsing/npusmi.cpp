#include "parsing/npusmi.h"

#include "parsing/lines.h"

#include <QRegularExpression>

namespace wb {

namespace {

// The text between the outer bars, split at the inner bars: "| a | b |" -> ["a", "b"].
QStringList cells(const QString& row)
{
    QString inner = row.trimmed();
    if (inner.startsWith(QLatin1Char('|')))
        inner.remove(0, 1);
    if (inner.endsWith(QLatin1Char('|')))
        inner.chop(1);
    QStringList parts = inner.split(QLatin1Char('|'));
    for (QString& part : parts)
        part = part.trimmed();
    return parts;
}

// A value cell: single values and "used / total" pairs, in order. "41052/ 65536" and "0    / 0" are pairs too.
struct Item {
    QString first;
    QString second; // set for a pair
    bool isPair = false;
};

QList<Item> items(const QString& cell)
{
    QString spaced = cell;
    spaced.replace(QLatin1Char('/'), QStringLiteral(" / "));
    const QStringList tokens = spaced.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QList<Item> result;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        if (i + 2 < tokens.size() && tokens.at(i + 1) == QLatin1String("/")) {
            result.append({ tokens.at(i), tokens.at(i + 2), true });
            i += 2;
        } else if (tokens.at(i) != QLatin1String("/")) {
            result.append({ tokens.at(i), {}, false });
        }
    }
    return result;
}

std::optional<double> value(const QString& text)
{
    bool ok = false;
    const double v = text.toDouble(&ok);
    return ok ? std::optional<double>(v) : std::nullopt;
}

std::optional<int> intValue(const QString& text)
{
    bool ok = false;
    const int v = text.toInt(&ok);
    return ok ? std::optional<int>(v) : std::nullopt;
}

// Assigns the items of a value cell to the header's columns, in order ("Power(W) Temp(C) Hugepages-Usage(page)").
void assign(const QStringList& columns, const QString& cell, NpuDevice* d)
{
    const QList<Item> values = items(cell);
    for (qsizetype i = 0; i < columns.size() && i < values.size(); ++i) {
        const QString& column = columns.at(i);
        const Item& item = values.at(i);
        if (column.startsWith(QLatin1String("Power")))
            d->powerW = value(item.first);
        else if (column.startsWith(QLatin1String("Temp")))
            d->temperatureC = value(item.first);
        else if (column.startsWith(QLatin1String("AICore")))
            d->aicorePercent = value(item.first);
        else if (column.startsWith(QLatin1String("Hugepages"))) {
            d->hugepagesUsed = value(item.first);
            d->hugepagesTotal = item.isPair ? value(item.second) : std::nullopt;
        } else if (column.startsWith(QLatin1String("Memory"))) {
            d->memoryUsedMb = value(item.first);
            d->memoryTotalMb = item.isPair ? value(item.second) : std::nullopt;
        } else if (column.startsWith(QLatin1String("HBM"))) {
            d->hbmUsedMb = value(item.first);
            d->hbmTotalMb = item.isPair ? value(item.second) : std::nullopt;
        }
    }
}

struct TableState {
    enum class Section { None, Devices, Processes } section = Section::None;
    QStringList columnsA { QStringLiteral("Power(W)"), QStringLiteral("Temp(C)"),
        QStringLiteral("Hugepages-Usage(page)") };
    QStringList columnsB { QStringLiteral("AICore(%)"), QStringLiteral("Memory-Usage(MB)") };
    std::optional<NpuDevice> pending; // row A seen, waiting for row B
    bool sawDeviceHeader = false;
};

void flushPending(TableState* state, NpuSmiInfo* info)
{
    if (state->pending)
        info->devices.append(*state->pending);
    state->pending.reset();
}

void deviceRow(const QStringList& c, TableState* state, NpuSmiInfo* info)
{
    if (c.size() < 3)
        return;
    const QStringList first = c.at(0).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (!state->pending) { // row A: "<NPU id> <Name> | <Health> | <Power> <Temp> [<hugepages>]"
        const auto id = first.isEmpty() ? std::nullopt : intValue(first.at(0));
        if (!id)
            return;
        NpuDevice d;
        d.npuId = *id;
        d.chipName = first.mid(1).join(QLatin1Char(' '));
        d.socVersion = socVersionForChipName(d.chipName);
        d.health = c.at(1);
        assign(state->columnsA, c.at(2), &d);
        state->pending = d;
        return;
    }
    // row B: "<Chip> [<Device>] | <Bus-Id> | <AICore> <mem used / total> [<HBM used / total>]"
    NpuDevice& d = *state->pending;
    d.chipId = first.isEmpty() ? std::nullopt : intValue(first.at(0));
    d.deviceId = first.size() > 1 ? intValue(first.at(1)) : std::nullopt;
    d.busId = c.at(1) == QLatin1String("NA") ? QString() : c.at(1);
    assign(state->columnsB, c.at(2), &d);
    flushPending(state, info);
}

void processRow(const QStringList& c, NpuSmiInfo* info)
{
    static const QRegularExpression idle(QStringLiteral("^No running processes found in NPU\\s+(\\d+)"));
    if (c.size() == 1) {
        if (const QRegularExpressionMatch m = idle.match(c.at(0)); m.hasMatch())
            info->idleNpus.append(m.capturedView(1).toInt());
        return;
    }
    if (c.size() < 4)
        return;
    const QStringList first = c.at(0).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const auto npu = first.isEmpty() ? std::nullopt : intValue(first.at(0));
    bool ok = false;
    const qint64 pid = c.at(1).toLongLong(&ok);
    if (!npu || !ok)
        return;
    info->processes.append(
        { *npu, first.size() > 1 ? intValue(first.at(1)) : std::nullopt, pid, c.at(2), value(c.at(3)) });
}

} // namespace

QString socVersionForChipName(const QString& chipName)
{
    static const QRegularExpression chip(QStringLiteral("^(?:310|610|710|910|950|035)[A-Za-z0-9_-]*$"));
    if (chipName.startsWith(QLatin1String("Ascend")))
        return chipName;
    return chip.match(chipName).hasMatch() ? QStringLiteral("Ascend") + chipName : QString();
}

Result<NpuSmiInfo> parseNpuSmiInfo(const QByteArray& text)
{
    static const QRegularExpression version(QStringLiteral("npu-smi\\s+(\\S+)(?:\\s+Version:\\s*(\\S+))?"));
    NpuSmiInfo info;
    TableState state;
    for (const QByteArray& bytes : splitLines(text)) {
        const QString line = QString::fromUtf8(bytes).trimmed();
        if (line.startsWith(QLatin1Char('+'))) {
            flushPending(&state, &info); // a separator ends a chip; an unpaired row A is kept as it is
            continue;
        }
        if (!line.startsWith(QLatin1Char('|')))
            continue;
        const QStringList c = cells(line);
        const QString firstCell = c.value(0);
        if (firstCell.startsWith(QLatin1String("npu-smi"))) {
            if (const QRegularExpressionMatch m = version.match(line); m.hasMatch()) {
                info.toolVersion = m.captured(1);
                info.driverVersion = m.captured(2);
            }
        } else if (c.size() >= 3 && firstCell.startsWith(QLatin1String("NPU"))
            && c.at(1).startsWith(QLatin1String("Health"))) {
            state.section = TableState::Section::Devices;
            state.sawDeviceHeader = true;
            state.columnsA = c.at(2).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        } else if (c.size() >= 3 && firstCell.startsWith(QLatin1String("Chip"))
            && c.at(1).startsWith(QLatin1String("Bus-Id"))) {
            state.columnsB = c.at(2).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        } else if (c.size() >= 2 && c.at(1).startsWith(QLatin1String("Process id"))) {
            flushPending(&state, &info);
            state.section = TableState::Section::Processes;
        } else if (state.section == TableState::Section::Devices) {
            deviceRow(c, &state, &info);
        } else if (state.section == TableState::Section::Processes) {
            processRow(c, &info);
        }
    }
    flushPending(&state, &info);
    if (!state.sawDeviceHeader) {
        return Error { QStringLiteral("not_npu_smi"),
            QStringLiteral("No `npu-smi info` device table found (expected a header row with NPU, Name and Health)."),
            {} };
    }
    return info;
}

} // namespace wb
