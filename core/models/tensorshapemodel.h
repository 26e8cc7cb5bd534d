#pragma once

#include "models/roles.h"
#include "onnx/modelsummary.h"

#include <QAbstractTableModel>

namespace wb {

// Every tensor of a graph with its inferred shape (the result of shape inference).
class TensorShapeModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, DTypeColumn, ShapeColumn, ColumnCount };
    enum Role { TensorNameRole = FirstCustomRole };

    explicit TensorShapeModel(QObject* parent = nullptr);
    void setTensors(const QList<TensorInfo>& tensors);
    void clear();
    const QList<TensorInfo>& tensors() const { return m_tensors; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<TensorInfo> m_tensors;
};

} // namespace wb
