#pragma once

#include "onnx/onnxmodel.h"
#include "onnx/shapespec.h"

#include <QObject>

namespace wb {

class InputShapeModel;

// The one set of shapes of the open model: the input shapes (with their proposal, hints and suggestions), the
// dynamic-shape profile (--dynamic_batch_size / --dynamic_image_size / --dynamic_dims and its value) and the batch
// variants (one static OM per batch size). The Shapes, Convert, Graph and Run pages all read and edit this one
// object, so a shape typed on any of them is the shape every other one shows and uses. Owned by MainWindow for the
// open model; no widgets.
class ModelShapes : public QObject {
    Q_OBJECT
public:
    explicit ModelShapes(QObject* parent = nullptr);

    // Starts over for a model: inputs proposed from its declared shapes, no profile, no batch variants. Setting the
    // model that is already set changes nothing (every page may call it).
    void setModel(const OnnxModelPtr& model);
    void clear();
    OnnxModelPtr model() const { return m_model; }

    // Editable per input; dims may be -1 or lo~hi where a profile covers them (only the Convert page has profiles).
    InputShapeModel* inputs() const { return m_inputs; }
    QString inputShapeText() const; // ATC --input_shape syntax, complete rows only
    // The complete rows whose dims are all fixed: what shape inference and a run can use.
    QList<InputShapeSpec> staticSpecs() const;
    // Sets the rows these specs name (others keep theirs); true when every spec named an input of the model.
    bool setInputShapes(const QList<InputShapeSpec>& specs);

    // The profile flag ("" for none, else "dynamic_batch_size", "dynamic_image_size" or "dynamic_dims") and value.
    QString profileFlag() const { return m_profileFlag; }
    QString profileValue() const { return m_profileValue; }
    void setProfile(const QString& flag, const QString& value);

    // Batch variants as typed ("1,4,8") and as sizes (positive, first occurrence kept).
    QString batchVariantsText() const { return m_batchText; }
    QList<qint64> batchVariants() const;
    void setBatchVariants(const QString& text);

    // One line for people: "input:1,3,224,224 · --dynamic_batch_size=1,2,4 · batch variants 1,4,8".
    QString summary() const;

signals:
    void inputsChanged(); // an input shape changed (also after setModel)
    void profileChanged();
    void batchVariantsChanged();
    void changed(); // any of the above

private:
    OnnxModelPtr m_model;
    InputShapeModel* m_inputs;
    QString m_profileFlag;
    QString m_profileValue;
    QString m_batchText;
};

} // namespace wb
