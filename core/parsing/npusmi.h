#pragma once

#include "util/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace wb {

// One chip row pair of `npu-smi info`. Values printed as NA (or absent in that layout) stay unset.
struct NpuDevice {
    int npuId = -1; // the "NPU" column (e.g. 0, or 2144 on some 310P cards)
    std::optional<int> chipId; // the "Chip" column
    std::optional<int> deviceId; // the logical "Device" column (not printed on 910B-style tables)
    QString chipName; // "310P3", "910B3"
    QString socVersion; // ATC --soc_version for chipName ("Ascend310P3"); empty when unknown
    QString health; // OK, Warning, Alarm, Critical, UNKNOWN
    QString busId; // empty for NA
    std::optional<double> powerW;
    std::optional<double> temperatureC;
    std::optional<double> hugepagesUsed;
    std::optional<double> hugepagesTotal;
    std::optional<double> aicorePercent;
    std::optional<double> memoryUsedMb;
    std::optional<double> memoryTotalMb;
    std::optional<double> hbmUsedMb;
    std::optional<double> hbmTotalMb;
};

struct NpuProcess {
    int npuId = -1;
    std::optional<int> chipId;
    qint64 pid = 0;
    QString name; // may be empty (npu-smi leaves it blank)
    std::optional<double> memoryMb;
};

struct NpuSmiInfo {
    QString toolVersion; // "npu-smi 24.1.rc1.b030" -> "24.1.rc1.b030"; empty when the line was cut off
    QString driverVersion; // "Version: ..."
    QList<NpuDevice> devices;
    QList<NpuProcess> processes;
    QList<int> idleNpus; // "No running processes found in NPU n"
};

// Parses the `npu-smi info` table in every layout seen (Ascend 310, 310P, 310B, 910B/910ProB with HBM),
// column order taken from the header rows, glued pairs such as "41052/ 65536" split, NA values unset, and the
// process table. Text around the table (shell prompts) is ignored. Error "not_npu_smi" when no device table
// header is found.
Result<NpuSmiInfo> parseNpuSmiInfo(const QByteArray& text);

// ATC --soc_version for an npu-smi chip name: "Ascend" + name for 310/910/950/... names ("310P3" ->
// "Ascend310P3", "310B1" -> "Ascend310B1", "910B3" -> "Ascend910B3"); a name that already starts with
// "Ascend" is kept. Empty when the name does not look like an Ascend chip.
QString socVersionForChipName(const QString& chipName);

} // namespace wb
