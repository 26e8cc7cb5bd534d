#pragma once

#include "atc/atcoptions.h"

#include <QSet>
#include <QStringList>
#include <QWidget>

#include <optional>

class QAbstractItemView;
class QLabel;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace wb {

// ATC flags the form has no field for, as (flag, value) rows. Values are kept whole, spaces and all; names are
// stored without dashes. Unknown or typed flags are marked, never refused: the checks (flag_unsupported) decide.
class ExtraFlagsEditor : public QWidget {
    Q_OBJECT
public:
    enum Column { FlagColumn = 0, ValueColumn = 1 };

    explicit ExtraFlagsEditor(QWidget* parent = nullptr);

    // Flags `atc --help` listed; the picker offers those that are not typed fields of the form (isTypedAtcFlag).
    // Empty list: no toolkit — the picker offers nothing but any name can still be typed, and a hint says
    // "No ATC toolkit probed: type flag names as `atc --help` lists them".
    void setAvailableFlags(const QStringList& flags);
    QStringList offeredFlags() const; // sorted
    // The flags the surrounding form has fields for: not offered, and marked "has its own field" when typed here.
    // Until this is called, every typed flag of AtcOptions (isTypedAtcFlag) counts as having a field.
    void setFormFlags(const QStringList& flags);
    QList<AtcExtraFlag> flags() const; // rows with a non-empty name, leading dashes stripped, in row order
    void setFlags(const QList<AtcExtraFlag>& flags);
    QAbstractItemView* table() const;

signals:
    void changed();

private:
    void onDataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight);
    void normalizeRow(int row);
    void decorate();
    void rebuildOffered();
    bool hasField(const QString& name) const;
    void addRow();
    void removeSelected();

    QStandardItemModel* m_model;
    QTableView* m_view;
    QPushButton* m_add;
    QPushButton* m_remove;
    QLabel* m_hint;
    QSet<QString> m_available;
    QStringList m_availableOrder;
    std::optional<QSet<QString>> m_formFlags;
    QStringList m_offered;
    int m_updating = 0; // > 0 while the widget changes its own model: not a user edit
};

} // namespace wb
