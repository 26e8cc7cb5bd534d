#pragma once

#include "models/profilesmodel.h"

#include <QColor>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace wb {

// ATC's dynamic-shape profiles (--dynamic_batch_size, --dynamic_image_size, --dynamic_dims): a kind selector and a
// table with one row per profile, showing a ProfilesModel (core/models), which holds the rows, the kept raw value
// and each kind's stash. What is said here of the value is the model's; the widget adds the kind picker's state.

class ProfilesEditor : public QWidget {
    Q_OBJECT
public:
    using Kind = ProfilesModel::Kind;
    static constexpr Kind None = ProfilesModel::None;
    static constexpr Kind Batch = ProfilesModel::Batch;
    static constexpr Kind ImageSize = ProfilesModel::ImageSize;
    static constexpr Kind Dims = ProfilesModel::Dims;

    explicit ProfilesEditor(QWidget* parent = nullptr);

    ProfilesModel* model() const { return m_model; }
    Kind kind() const { return m_model->kind(); }
    // Keeps the rows that still fit the new kind (Batch -> Dims keeps the column), otherwise starts over: "1,2,4,8"
    // for Batch, two empty rows for the others. None hides the table but keeps it, so switching back restores it.
    void setKind(Kind kind);
    static QString flagName(Kind kind) { return ProfilesModel::flagName(kind); }
    QString flag() const { return m_model->flag(); }
    // The value for flag(): see ProfilesModel::text().
    QString text() const { return m_model->text(); }
    void setValue(Kind kind, const QString& text) { m_model->setValue(kind, text); }
    // Column headers for Dims (ProfilesModel::setDimLabels). Emits changed() when text() changes (a new column
    // leaves the rows incomplete).
    void setDimLabels(const QStringList& labels) { m_model->setDimLabels(labels); }
    int profileCount() const { return m_model->profileCount(); } // complete rows, the profiles text() holds
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
    void removeSelected();
    void refresh();

    ProfilesModel* m_model;
    QComboBox* m_kind;
    QWidget* m_body;
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
    QString m_finding;
};

} // namespace wb
