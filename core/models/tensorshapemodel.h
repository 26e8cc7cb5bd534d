#pragma once

#include "models/roles.h"
#include "onnx/modelsummary.h"
#include "onnx/shapeinference.h"

#include <QAbstractTableModel>

namespace wb {

// Every tensor of a graph with its inferred shape (the result of shape inference) and why it is what it is: static,
// folded from shape arithmetic (with the value), following an input left dynamic, data-dependent or unknown.
class TensorShapeModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, DTypeColumn, ShapeColumn, StatusColumn, ColumnCount };
    enum Role {
        TensorNameRole = FirstCustomRole,
        ShapeStatusRole, // int: wb::ShapeStatus
        NotStaticRole, // bool: the status is anything but Static (what "only tensors not static" keeps)
    };

    explicit TensorShapeModel(QObject* parent = nullptr);
    void setResult(const InferenceResult& result);
    void setTensors(const QList<TensorInfo>& tensors); // without verdicts (every tensor judged by its shape alone)
    void clear();
    const QList<TensorInfo>& tensors() const { return m_tensors; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<TensorInfo> m_tensors;
    QList<ShapeFact> m_facts; // one per tensor, or empty
};

} // namespace wb
