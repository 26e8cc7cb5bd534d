#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QStringList>

#include <functional>

namespace wb {

// ATC's dynamic-shape profiles (--dynamic_batch_size, --dynamic_image_size, --dynamic_dims; shared/reference/atc.md
// §2.2-2.4) as a table, one row per profile, and everything the editor keeps about them: the kind, the value kept
// as written when the table cannot hold it ("raw"), and each kind's rows while another kind is tried (the stash).
// The flag syntax is atc/atcsyntax.h's business; ProfilesEditor (ui/widgets) shows this model. Widget-free.
class ProfilesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Kind { None = 0, Batch = 1, ImageSize = 2, Dims = 3 };
    Q_ENUM(Kind)
    static constexpr int kMaxDims = 64; // values per profile for Dims, at most

    explicit ProfilesModel(QObject* parent = nullptr);

    static QString flagName(Kind kind); // "", "dynamic_batch_size", "dynamic_image_size", "dynamic_dims"
    Kind kind() const { return m_kind; }
    QString flag() const { return flagName(m_kind); }
    // The user picks a kind: the current kind's rows are stashed, the new kind's stashed rows come back, else the
    // rows that still fit the new kind are kept (Batch -> Dims keeps the column), else it starts over: "1,2,4,8" for
    // Batch, two empty rows for the others. None keeps the table as it is, so switching back restores it.
    void setKind(Kind kind);
    Kind tableKind() const { return m_tableKind; } // what the columns are for; kept while kind() is None
    // The value for flag(): the complete rows formatted by atcsyntax.h; "" for None or when no row is complete.
    // After setValue() got text the table cannot hold, that text unchanged until the user edits the table.
    QString text() const;
    // A value from outside (a recipe, the shared shapes): replaces the table and forgets the stash.
    void setValue(Kind kind, const QString& text);
    // Column labels for Dims, one per -1 of --input_shape in order (e.g. "x[0]", "x[2]"); they also set the column
    // count (never dropping a typed value). Without labels the columns are "dim 1", "dim 2", ... and the count is
    // the user's.
    void setDimLabels(const QStringList& labels);
    QStringList dimLabels() const { return m_dimLabels; }
    int profileCount() const; // complete rows, the profiles text() holds; 0 for None
    QList<QList<qint64>> completeRows() const;
    // What is wrong with the rows (left out: not a number, incomplete, empty; too few or too many dims values), one
    // line each; "" when nothing is.
    QString problems() const;

    // The value kept as written: shown while the kind is the one it was for.
    bool rawShown() const { return m_hasRaw && m_kind == m_rawKind; }
    QString raw() const { return m_raw; }
    QString rawReason() const { return m_rawReason; } // why the table could not hold it
    void editRaw(const QString& text); // the user edits the kept value
    void readRaw(); // ...and asks for it to be read into the table (setValue with the kept value)

    // The user's edits of the table (cells go through setData): each leaves the raw value behind.
    void addRow();
    void setDimColumns(int count); // Dims: values per profile, at least 1
    // Several edits (e.g. removing the selected rows one by one) as one: one changed() at the end, if any.
    void editInOneStep(const std::function<void()>& edits);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool removeRows(int row, int count, const QModelIndex& parent = {}) override;

    // A cell's value: a positive whole number, or nothing (empty, or text that is not one).
    static bool isPositive(const QString& text);

signals:
    void changed(); // the value may have changed: kind, rows, cells, raw value (and setValue)
    void stateChanged(); // anything shown changed (also the labels, the raw reason); comes before changed()

private:
    // What a kind's table held when the user switched away from it.
    struct Stash {
        QList<QStringList> rows;
        int columns = 0;
        bool hasRaw = false;
        QString raw;
        QString rawReason;
    };

    QString cell(int row, int column) const; // trimmed
    void setTable(const QList<QStringList>& rows, int columns); // reset
    void resizeColumns(int count);
    void stashTable(); // m_tableKind's rows (and raw value) into m_stash
    bool restoreTable(Kind kind); // from m_stash; false when nothing was stashed for it
    void convertTable(Kind to);
    void startOver(Kind kind, bool prefill);
    void loadValue(Kind kind, const QString& text);
    void keepRaw(Kind kind, const QString& text, const QString& reason);
    int columnsFor(Kind kind) const;
    int usedWidth() const;
    void userEdited();
    void emitHeaders();

    Kind m_kind = None;
    Kind m_tableKind = None;
    QList<QStringList> m_rows; // each m_columns cells
    int m_columns = 0;
    QStringList m_dimLabels;
    bool m_hasRaw = false;
    Kind m_rawKind = None;
    QString m_raw;
    QString m_rawReason;
    QHash<int, Stash> m_stash; // so trying another kind never loses typed rows or a kept raw value
    int m_steps = 0; // > 0 inside editInOneStep
    bool m_editedInStep = false;
};

} // namespace wb
