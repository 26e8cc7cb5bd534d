#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace wb {

// What a per-operator profile was read from.
enum class ProfileKind {
    OpSummary, // msprof op_summary_*.csv: one row per task execution
    OpStatistic, // msprof op_statistic_*.csv: one row per op type, already summed (no per-op rows)
    KernelDetails, // torch_npu kernel_details.csv: one row per kernel execution
    Runner, // om-runner --profile records (AscendCL model subscription)
};
QString profileKindName(ProfileKind kind); // "op_summary", "op_statistic", "kernel_details", "runner"

// One operator over every row (execution) of it in the profile.
struct ProfileOp {
    QString name;
    QString type; // "Conv2D", "TransData"; empty when the file says N/A
    QString taskType; // "AI_CORE", "AI_CPU", "AI_VECTOR_CORE", "MIX_AIC", ...; empty when unknown
    int count = 0; // rows (executions) of this op
    double totalUs = 0; // summed over every row
    double minUs = 0; // over the rows
    double medianUs = 0;
    double meanUs = 0;
    double maxUs = 0;
    double perIterationUs = 0; // totalUs / the profile's iterations
    double percent = 0; // of the profile's totalUs
};

// One op type: every op of that type together (for op_statistic, the file's own row).
struct ProfileType {
    QString type;
    QString taskType; // the task type of its ops when they agree, else empty
    int count = 0;
    double totalUs = 0;
    double percent = 0;
};

// A per-operator profile: ops sorted by total time (largest first), types likewise. Shares sum to 100 % of the
// profiled op time (totalUs); host time outside ops, when the source knows it, is apart in hostUs.
struct OpProfile {
    ProfileKind kind = ProfileKind::OpSummary;
    QStringList files; // what was read
    QList<ProfileOp> ops; // empty for op_statistic
    QList<ProfileType> byType;
    double totalUs = 0; // all profiled op time, every iteration
    int iterations = 1; // distinct Infer ID / Step Id values; without such a column the smallest per-op count
    bool iterationsFromColumn = false; // true when iterations come from an Infer ID / Step Id column
    std::optional<double> hostUsPerIteration; // wall time per iteration minus op time, when known (runner)
    qint64 rowsRead = 0; // data rows seen (skipped ones included)
    qint64 rowsSkipped = 0; // rows without a usable duration or with the wrong number of fields
    QStringList warnings; // what was skipped and why (the first few rows named), notes on the data

    double totalUsPerIteration() const { return iterations > 0 ? totalUs / iterations : totalUs; }
    const ProfileOp* op(const QString& name) const;
};

} // namespace wb
