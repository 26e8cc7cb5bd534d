#pragma once

#include "models/roles.h"
#include "onnx/modelsummary.h"
#include "onnx/shapespec.h"

#include <QAbstractTableModel>

namespace wb {

// One row per model input: its declared shape and the static shape to use (editable, "1,3,224,224").
// Dynamic dims start at 1, flagged by PrefilledRole so the view can say the value was proposed, not given.
class InputShapeModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, DTypeColumn, ModelShapeColumn, StaticShapeColumn, ColumnCount };
    enum Role {
        ErrorRole = FirstCustomRole, // QString: why the static shape is not usable (empty when it is)
        PrefilledRole, // bool: the static shape still holds the proposed value for a dynamic input
    };

    explicit InputShapeModel(QObject* parent = nullptr);

    void setInputs(const QList<TensorInfo>& inputs);
    // Conversion shapes may keep -1 (and lo~hi ranges) for dims a dynamic profile covers; the Shapes page wants
    // fixed sizes only. Off by default.
    void setAllowDynamic(bool allow);
    bool allowDynamic() const { return m_allowDynamic; }
    // Fills the static-shape column from an ATC --input_shape value (rows it does not name keep theirs).
    void setSpecs(const QList<InputShapeSpec>& specs);
    bool setStaticShape(int row, const QString& dims);
    QString staticShape(int row) const;

    // The static shapes of every row, or the first row's error (code bad_shape_spec).
    Result<QList<InputShapeSpec>> specs() const;
    QString specText() const; // ATC --input_shape syntax, rows with errors left out

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void specsChanged();

private:
    struct Row {
        TensorInfo tensor;
        QString dims;
        bool prefilled = false;
        QString error;
    };
    void validate(Row& row) const;
    QList<Row> m_rows;
    bool m_allowDynamic = false;
};

} // namespace wb
