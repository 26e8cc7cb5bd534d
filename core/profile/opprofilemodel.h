#pragma once

#include "opprofile.h"
#include "profilemap.h"

#include <QAbstractTableModel>

#include <memory>

namespace wb {

// The op table of a profile: one row per op (per op type for op_statistic, which has no ops), largest first, with
// the ONNX nodes each op landed on when a mapping is set. Display text is formatted; SortRole gives numbers so a
// QSortFilterProxyModel sorts every column properly; ShareRole gives the row's percent (0..100) for delegates.
class OpProfileModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Type, TaskType, Count, PerIteration, Percent, Cumulative, OnnxNodes, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 40, ShareRole, UnmappedRole };

    explicit OpProfileModel(QObject* parent = nullptr);

    void setProfile(std::shared_ptr<const OpProfile> profile, const ProfileMapping* mapping = nullptr);
    std::shared_ptr<const OpProfile> profile() const { return m_profile; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString name;
        QString type;
        QString taskType;
        int count = 0;
        double perIterationUs = 0;
        double percent = 0;
        double cumulative = 0;
        QStringList nodes;
        bool unmapped = false;
    };
    std::shared_ptr<const OpProfile> m_profile;
    QList<Row> m_rows;
    bool m_mapped = false;
};

} // namespace wb
