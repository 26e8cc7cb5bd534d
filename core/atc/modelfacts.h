#pragma once

#include "onnx/modelsummary.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace wb {

class OnnxModel;

// One node as the ATC checks see it.
struct AtcNodeFact {
    QString label; // the node's name; when it has none, "op_type#index" (index in its graph); subgraph nodes
                   // without a name are prefixed with their owner, e.g. "/branch/If/then_branch/Relu#0"
    QString opType;
    QString domain; // "" for the default ONNX domain (also when the file says "ai.onnx")
    QStringList inputs;
    QStringList outputs;
    bool inSubgraph = false;
};

// What the ATC checks need to know about a model, as a plain value: tests can build one by hand.
struct AtcModelFacts {
    ModelSummary summary;
    QList<AtcNodeFact> nodes; // main graph in file order, each node's subgraphs right after it
    QSet<QString> initializers; // main-graph initializer names
    // Nodes of the main graph by name (labels of unnamed nodes are not names ATC knows).
    const AtcNodeFact* node(const QString& name) const;
};

AtcModelFacts atcModelFacts(const OnnxModel& model);

} // namespace wb
