#pragma once

#include "onnx/modelsummary.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QTableView;

namespace wb {

class TensorTableModel;
class OpTypeModel;

// The model page: summary facts, the inputs/outputs table with dynamic dims highlighted, op histogram.
class ModelPage : public QWidget {
    Q_OBJECT
public:
    explicit ModelPage(QWidget* parent = nullptr);

    void setSummary(const ModelSummary& summary);
    void clear();

    TensorTableModel* tensorModel() const { return m_tensors; }
    OpTypeModel* opModel() const { return m_ops; }
    QTableView* tensorView() const { return m_tensorView; }
    QString dynamicNotice() const;

private:
    QLabel* addRow(QFormLayout* form, const QString& label);

    TensorTableModel* m_tensors;
    OpTypeModel* m_ops;
    QTableView* m_tensorView;
    QTableView* m_opView;
    QLabel* m_title;
    QLabel* m_dynamicNotice;
    QLabel* m_warnings;
    QLabel* m_path;
    QLabel* m_size;
    QLabel* m_ir;
    QLabel* m_producer;
    QLabel* m_opsets;
    QLabel* m_nodes;
    QLabel* m_initializers;
    QLabel* m_custom;
    QLabel* m_controlFlow;
};

} // namespace wb
