#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace wb {

// One dimension of a tensor shape as the model declares it.
struct Dim {
    enum class Kind { Static, Symbolic, Unknown };
    Kind kind = Kind::Unknown;
    qint64 value = 0; // valid when kind == Static
    QString symbol; // valid when kind == Symbolic

    static Dim fixed(qint64 v) { return { Kind::Static, v, {} }; }
    static Dim symbolic(const QString& s) { return { Kind::Symbolic, 0, s }; }
    static Dim unknown() { return {}; }

    bool isDynamic() const { return kind != Kind::Static || value < 0; }
    QString toString() const; // "3", "batch", "?"
    bool operator==(const Dim& o) const { return kind == o.kind && value == o.value && symbol == o.symbol; }
};

struct TensorInfo {
    QString name;
    QString dtype; // lowercase: float32, float16, int64, ...
    std::optional<QList<Dim>> shape; // nullopt: rank unknown
    bool isDynamic() const;
    QList<int> dynamicDimIndexes() const;
    QString shapeText() const; // "[1, 3, 224, 224]", "[batch, 3, ?, ?]", "unknown rank"
};

struct OpsetInfo {
    QString domain; // "" for the default ONNX domain
    qint64 version = 0;
};

// What a model is, as read from its file, without the weights.
struct ModelSummary {
    QString path;
    qint64 fileSize = 0;
    qint64 irVersion = 0;
    QString producerName;
    QString producerVersion;
    QString graphName;
    QList<OpsetInfo> opsets;
    QList<TensorInfo> inputs;
    QList<TensorInfo> outputs;
    int nodeCount = 0; // main graph
    int nodeCountTotal = 0; // main graph and every subgraph
    int subgraphCount = 0;
    QMap<QString, int> opTypes; // over all graphs; non-default domains keyed "domain::Op"
    int initializerCount = 0;
    qint64 initializerBytes = 0;
    qint64 parameterCount = 0;
    int externalTensorCount = 0;
    QStringList customDomainOps; // distinct "domain::Op"
    QStringList controlFlowOps; // distinct If/Loop/Scan present
    QStringList warnings;

    std::optional<qint64> defaultOpset() const;
    bool hasDynamicInputs() const;
};

} // namespace wb
