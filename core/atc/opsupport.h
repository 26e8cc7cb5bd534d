#pragma once

#include "atcfinding.h"
#include "util/result.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

namespace wb {

struct AtcModelFacts;

// One ONNX operator ATC has a parser plugin for, with the ai.onnx opsets it registers.
struct AtcOpSupport {
    QString op;
    QList<QPair<int, int>> opsets; // inclusive ranges
    QString opsetsText; // as in the table: "8,12-18"
    QString source; // op repository it was read from
    QString engine; // AI Core / AI CPU when known, else empty
    bool supports(int opset) const;
    int maxOpset() const;
};

// The default-domain opsets a CANN release accepts.
struct AtcOpsetRange {
    int min = 0;
    int max = 0;
    QString source;
};

// shared/reference/atc.md §7 as data (resources/data/atc/onnx_ops.json).
class AtcOpTable {
public:
    static const AtcOpTable& builtin(); // :/data/atc/onnx_ops.json; empty when the resource is missing
    static Result<AtcOpTable> fromJson(const QByteArray& json); // errors: bad_op_table

    const AtcOpSupport* find(const QString& op) const;
    bool isParserHandled(const QString& op) const; // Constant, FileConstant: no plugin needed
    QString noPluginReason(const QString& op) const; // Loop, Scan: why ATC cannot take them
    // The range for a CANN version ("8.0.RC1", "7.0.0"; empty: newest rule).
    AtcOpsetRange defaultDomainRange(const QString& cannVersion) const;
    int size() const { return int(m_ops.size()); }

private:
    QHash<QString, AtcOpSupport> m_ops;
    QStringList m_parserHandled;
    QHash<QString, QString> m_noPlugin;
    struct RangeRule {
        QString cannBelow;
        AtcOpsetRange range;
    };
    QList<RangeRule> m_ranges;
};

// "8,12-18" -> {{8,8},{12,18}}; nullopt when malformed.
std::optional<QList<QPair<int, int>>> parseOpsetList(const QString& text);
// Orders "8.0.RC1" vs "7" by their numeric major.minor; returns <0, 0, >0.
int compareCannVersions(const QString& a, const QString& b);

// Operator and opset findings for a model (rules opset_duplicate_default, opset_extra_domain, opset_range,
// op_unsupported, op_opset_unsupported, custom_domain_op, control_flow_op); nodes named per AtcNodeFact::label.
QList<AtcFinding> checkOperators(const AtcModelFacts& model, const AtcOpTable& table, const QString& cannVersion);

} // namespace wb
