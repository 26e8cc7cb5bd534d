#pragma once

#include "models/roles.h"
#include "onnx/dimhints.h"
#include "onnx/modelsummary.h"
#include "onnx/shapespec.h"

#include <QAbstractTableModel>

namespace wb {

// One row per model input: its declared shape and the static shape to use (editable, "1,3,224,224").
// Only the batch (dim 0 of an input of rank 2 or more) is proposed, as 1, flagged by PrefilledRole; every other
// dynamic dim starts as "?" and the row is an error until it gets a size. Where the model says what a dim is
// (DimHints), SuggestionRole offers it; applySuggestions() takes it, nothing takes it silently.
class InputShapeModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, DTypeColumn, ModelShapeColumn, StaticShapeColumn, ColumnCount };
    enum Role {
        ErrorRole = FirstCustomRole, // QString: why the static shape is not usable (empty when it is)
        PrefilledRole, // bool: the static shape still holds the proposed batch of a dynamic input
        MissingDimsRole, // QVariantList of int: dims that still need a size ("?")
        SuggestionRole, // QString: what the model suggests for this row's open dims, empty when nothing
    };

    explicit InputShapeModel(QObject* parent = nullptr);

    void setInputs(const QList<TensorInfo>& inputs);
    // What the model says about its dims (dimHints()); suggestions follow the rows as they are edited.
    void setHints(const DimHints& hints);
    QList<DimSuggestion> suggestions() const { return m_suggestions; }
    // Fills the open dims the suggestions cover (all rows, or one).
    void applySuggestions(int row = -1);
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
    // The rows that are complete and valid (the others are left as the model declares them).
    QList<InputShapeSpec> completeSpecs() const;
    // One sentence per row whose dims still need a size ("Input 'images' needs a size for height (dim 2) ...").
    QStringList missingDims() const;
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
        QList<int> missing; // dims given as "?"
    };
    void validate(Row& row) const;
    void updateSuggestions();
    QString suggestionText(int row) const;
    QList<Row> m_rows;
    DimHints m_hints;
    QList<DimSuggestion> m_suggestions;
    bool m_allowDynamic = false;
};

} // namespace wb
