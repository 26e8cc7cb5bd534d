#pragma once

#include "opprofile.h"

#include <QHash>
#include <QList>
#include <QStringList>

#include <optional>

namespace wb {

// An ONNX node as the graph shows it (graph::Node): its name (ONNX name, or op_type#index when unnamed) and the
// first output tensor (Model Explorer's key for node data).
struct ProfileGraphNode {
    QString name;
    QString opType;
    QString firstOutput;
};

// The profile's time on one ONNX node.
struct NodeTime {
    QString node;
    QString opType;
    double totalUs = 0; // every iteration
    double perIterationUs = 0;
    double percent = 0; // of the profile's op time
    QStringList ops; // the profiled ops whose time landed here
};

struct ProfileMapping {
    QList<NodeTime> nodes; // largest first
    QStringList unmapped; // profiled ops with no ONNX node (inserted TransData, Cast, memcpy, renamed ops), by time
    int mappedOps = 0;
    bool throughOm = false; // origins came from the OM (fused ops' original ONNX nodes)
    const NodeTime* node(const QString& name) const;
};

// Puts each profiled op's time on ONNX nodes. An op with OM origins (`omOrigins`: OM op name -> the ONNX nodes
// fused into it, from `_datadump_original_op_names`) splits its time evenly over those of them the graph has;
// otherwise an op lands on the node of the same name. Ops that land nowhere are listed in `unmapped`, never
// dropped: node shares plus unmapped ops' shares make 100 %.
ProfileMapping mapProfileToGraph(
    const OpProfile& profile, const QList<ProfileGraphNode>& nodes, const QHash<QString, QStringList>& omOrigins = {});

// One op (or op type, for op_statistic) in two profiles. Times are per iteration, so profiles of different
// iteration counts compare.
struct ProfileCompareRow {
    QString name; // op name (op type when either profile is op_statistic)
    QString type;
    std::optional<double> thisUs; // absent: vanished (only in the other profile)
    std::optional<double> otherUs; // absent: new (only in this profile)
    std::optional<double> speedup; // otherUs / thisUs: above 1 this profile is faster
    QString status; // "both", "new", "vanished"
};

struct ProfileComparison {
    QString otherSource;
    bool byType = false;
    double thisUs = 0; // op time per iteration
    double otherUs = 0;
    std::optional<double> speedup;
    int newOps = 0;
    int vanishedOps = 0;
    QList<ProfileCompareRow> rows; // this profile's order (largest first), then vanished ones, largest first
};

ProfileComparison compareProfiles(const OpProfile& current, const OpProfile& other);

} // namespace wb
