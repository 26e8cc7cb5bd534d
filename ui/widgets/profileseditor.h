#pragma once

#include <QColor>
#include <QHash>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStandardItemModel;
class QTableView;

namespace wb {

// ATC's dynamic-shape profiles (--dynamic_batch_size, --dynamic_image_size, --dynamic_dims; shared/reference/atc.md
// §2.2-2.4): a kind selector and a table with one row per profile. The flag syntax is atc/atcsyntax.h's business.
class ProfilesEditor : public QWidget {
    Q_OBJECT
public:
    enum Kind { None = 0, Batch = 1, ImageSize = 2, Dims = 3 };
    Q_ENUM(Kind)

    explicit ProfilesEditor(QWidget* parent = nullptr);

    Kind kind() const;
    // Keeps the rows that still fit the new kind (Batch -> Dims keeps the column), otherwise starts over: "1,2,4,8"
    // for Batch, two empty rows for the others. None hides the table but keeps it, so switching back restores it.
    void setKind(Kind kind);
    static QString flagName(Kind kind); // "", "dynamic_batch_size", "dynamic_image_size", "dynamic_dims"
    QString flag() const { return flagName(kind()); }
    // The value for flag(): the complete rows formatted by atcsyntax.h; "" for None or when no row is complete. After
    // setValue() got text the table cannot hold, that text unchanged until the user edits the table.
    QString text() const;
    void setValue(Kind kind, const QString& text);
    // Column headers for Dims, one per -1 of --input_shape in order (e.g. "x[0]", "x[2]"); they also set the column
    // count (never dropping a typed value). Without labels the columns are "dim 1", "dim 2", ... and the count is
    // the user's. Emits changed() when text() changes (a new column leaves the rows incomplete).
    void setDimLabels(const QStringList& labels);
    int profileCount() const; // complete rows, the profiles text() holds; 0 for None
    // Offers a kind or not (e.g. this ATC's --help does not list its flag; `why` becomes the item's tooltip). The
    // current kind always stays selectable, so a value from a recipe is never hidden.
    void setKindAvailable(Kind kind, bool available, const QString& why = {});
    bool isKindAvailable(Kind kind) const;
    // A check's finding about the profile flag: a frame in `color` around the kind picker and the text as its
    // tooltip. An empty text clears it.
    void setFinding(const QString& text, const QColor& color = {});
    QString finding() const { return m_finding; }

signals:
    void changed(); // any edit: kind, rows, cells (and setValue)

private:
    void onKindChanged();
    void convertTable(Kind to);
    void stashTable(); // m_tableKind's rows (and raw value) into m_stash
    bool restoreTable(Kind kind); // from m_stash; false when nothing was stashed for it
    void startOver(Kind kind, bool prefill);
    void loadValue(Kind kind, const QString& text);
    int columnsFor(Kind kind) const;
    int usedWidth() const;
    QList<QList<qint64>> completeRows() const;
    QString rowProblems() const;
    void addRow();
    void removeSelected();
    void setDimColumns(int count);
    void userEdited();
    void refresh();
    bool rawShown() const { return m_hasRaw && kind() == m_rawKind; }

    QComboBox* m_kind;
    QWidget* m_body;
    QStandardItemModel* m_model;
    QTableView* m_view;
    QPushButton* m_add;
    QPushButton* m_remove;
    QWidget* m_dimsBox;
    QSpinBox* m_dimSpin;
    QWidget* m_rawBox;
    QLabel* m_rawMessage;
    QLineEdit* m_rawEdit;
    QLabel* m_hint;
    QLineEdit* m_preview;
    QStringList m_dimLabels;
    QString m_finding;
    Kind m_tableKind = None; // what the table's columns are for; kept while kind() is None
    bool m_hasRaw = false;
    Kind m_rawKind = None;
    QString m_raw;
    // What each kind's table held when the user switched away from it, restored on the way back, so trying
    // another kind never loses typed rows or a kept raw value.
    struct Stash {
        QList<QStringList> rows;
        int columns = 0;
        bool hasRaw = false;
        QString raw;
    };
    QHash<int, Stash> m_stash;
    int m_updating = 0; // > 0 while the widget changes its own model: not a user edit
};

} // namespace wb
