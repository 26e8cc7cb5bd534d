#pragma once

#include "models/roles.h"
#include "onnx/modelsummary.h"

#include <QAbstractTableModel>

namespace wb {

// Inputs then outputs of a model. Exposes meaning through roles; the view's delegate decides looks.
class TensorTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, KindColumn, DTypeColumn, ShapeColumn, ColumnCount };
    enum Role {
        DynamicRole = wb::DynamicRole,
        DynamicDimsRole = wb::DynamicDimsRole,
        DimsRole = wb::DimsRole,
        IsInputRole = wb::FirstCustomRole, // bool
        TensorNameRole, // QString
    };
    Q_ENUM(Role)

    explicit TensorTableModel(QObject* parent = nullptr);

    void setSummary(const ModelSummary& summary);
    void clear();
    int inputCount() const { return static_cast<int>(m_inputs); }
    int rowForTensor(const QString& name) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QList<TensorInfo> m_rows;
    qsizetype m_inputs = 0;
};

} // namespace wb
