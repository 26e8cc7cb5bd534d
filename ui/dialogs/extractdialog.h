#pragma once

#include "onnx/modelsummary.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace wb {

// Picks the tensors a sub-model computes (outputs) and starts from (inputs), and where to write it.
class ExtractDialog : public QDialog {
    Q_OBJECT
public:
    ExtractDialog(const QList<TensorInfo>& tensors, const QStringList& modelInputs, const QString& suggestedPath,
        QWidget* parent = nullptr);

    QStringList outputs() const;
    QStringList inputs() const; // empty: the model's own inputs
    QString path() const;

    void setChecked(const QStringList& outputs, const QStringList& inputs);
    // A line above the lists explaining what is checked already (the proposed cut).
    void setProposal(const QString& text);
    QString proposal() const;

private:
    QListWidget* makeList(const QList<TensorInfo>& tensors);
    void updateOk();

    QLabel* m_proposal;
    QListWidget* m_outputs;
    QListWidget* m_inputs;
    QLineEdit* m_path;
    QDialogButtonBox* m_buttons;
};

} // namespace wb
