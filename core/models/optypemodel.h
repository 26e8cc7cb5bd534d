#pragma once

#include "onnx/modelsummary.h"

#include <QAbstractTableModel>

namespace wb {

// Operator histogram of a model (all graphs), most frequent first.
class OpTypeModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { OpColumn, CountColumn, ColumnCount };
    enum Role { CustomDomainRole = Qt::UserRole + 1, ControlFlowRole };

    explicit OpTypeModel(QObject* parent = nullptr);
    void setSummary(const ModelSummary& summary);
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString op;
        int count = 0;
        bool custom = false;
        bool controlFlow = false;
    };
    QList<Row> m_rows;
};

} // namespace wb
