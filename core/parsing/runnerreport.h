#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace wb {

// One latency summary as a runner prints it, in ms; only the fields the output gave are set.
struct LatencySummary {
    std::optional<double> min;
    std::optional<double> max;
    std::optional<double> mean;
    std::optional<double> median;
    std::optional<double> p99;
    bool isEmpty() const { return !min && !max && !mean && !median && !p99; }
};

// What a benchmark runner's console output says (msame or ais_bench).
struct RunnerReport {
    LatencySummary latency; // model execution time (msame: the average line; ais_bench: NPU_compute_time)
    std::optional<double> meanWithoutFirstMs; // msame: "Inference average time without first time"
    LatencySummary h2d; // ais_bench --display_all_summary
    LatencySummary d2h;
    QList<double> iterationsMs; // msame "Inference time: x ms", ais_bench --debug "model aclExec cost : x"
    std::optional<double> throughput; // samples per second as printed (ais_bench); msame prints none
    std::optional<double> batchSize; // ais_bench: from "try get model batchsize" or the throughput line
    QList<QPair<int, double>> deviceThroughput; // ais_bench multi-device: (device id, throughput)
    std::optional<double> energyJoules; // ais_bench --energy_consumption
    QList<int> devices; // device ids the run opened, first seen first
    QStringList errors; // [ERROR] lines (without the tag), ACL error-code lines, AI Core exceptions
    bool finished = false; // the runner printed its normal end (msame "Execute sample success", ais_bench summary)
};

} // namespace wb
