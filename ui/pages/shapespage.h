#pragma once

#include "onnx/onnxmodel.h"
#include "onnx/shapeinference.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace wb {

class DimSuggestionBar;
class InputShapeModel;
class LatestOnlyRunner;
class ModelShapes;
class TensorShapeModel;

// Inputs & shapes: edit each input's static shape, see every tensor's inferred shape update live (worker
// thread), then save a static copy or extract a sub-model.
class ShapesPage : public QWidget {
    Q_OBJECT
public:
    explicit ShapesPage(QWidget* parent = nullptr); // with shapes of its own
    // Edits `shapes`, the open model's one set of shapes, which other pages share.
    explicit ShapesPage(ModelShapes* shapes, QWidget* parent = nullptr);

    void setModel(const OnnxModelPtr& model);
    void clear();

    InputShapeModel* inputModel() const { return m_inputs; }
    ModelShapes* shapes() const { return m_state; }
    QString conversionText() const; // the profile and batch variants line ("" while it is hidden)
    TensorShapeModel* tensorModel() const { return m_tensors; }
    QSortFilterProxyModel* tensorProxy() const { return m_proxy; }
    QString statusText() const;
    QString specText() const;
    bool isInferring() const;
    const InferenceResult& lastResult() const { return m_result; }

    void setTensorFilter(const QString& text, bool onlyDynamic);
    void saveStaticCopyTo(const QString& path);
    void saveSimplifiedCopyTo(const QString& path);
    QString suggestionText() const;
    void applySuggestions();
    void extractTo(const QStringList& inputs, const QStringList& outputs, const QString& path);

signals:
    void inferenceFinished(bool ok);
    // A surgery finished: ok with the written path, or not with the reason. `summary` says what was done when
    // there is more to say than the path ("Simplified: 141 -> 33 nodes, outputs identical").
    void surgeryFinished(bool ok, const QString& pathOrMessage, const QString& summary);

private:
    void scheduleInference();
    void runInference();
    void chooseStaticCopy();
    void chooseSimplifiedCopy();
    QString verdictText() const;
    void chooseExtract();
    void setBusy(bool busy);
    void updateConversionLine();
    Result<QList<InputShapeSpec>> fixedSpecs() const; // every row complete and fixed, else why not
    QString suggestedPath(const QString& suffix) const;

    OnnxModelPtr m_model;
    InferenceResult m_result;
    ModelShapes* m_state;
    InputShapeModel* m_inputs;
    QLabel* m_conversion; // the profile and batch variants of the shared shapes, set on the Convert page
    TensorShapeModel* m_tensors;
    QSortFilterProxyModel* m_proxy;
    LatestOnlyRunner* m_inference;
    LatestOnlyRunner* m_surgery;
    QTimer* m_debounce;
    QTableView* m_inputView;
    QTableView* m_tensorView;
    QLineEdit* m_spec;
    QLabel* m_status;
    QLineEdit* m_filter;
    QCheckBox* m_onlyDynamic;
    QPushButton* m_save;
    QPushButton* m_simplify;
    QPushButton* m_extract;
    DimSuggestionBar* m_suggestion;
};

} // namespace wb
