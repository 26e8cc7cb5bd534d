#pragma once

#include "atc/atcfinding.h"

#include <QTreeWidget>

namespace wb {

// Findings of the conversion checks: severity, flag, message; the fix in the tooltip and a second line.
class FindingsList : public QTreeWidget {
    Q_OBJECT
public:
    explicit FindingsList(QWidget* parent = nullptr);
    void setFindings(const QList<AtcFinding>& findings);

signals:
    void nodeActivated(const QString& node); // double-click on a finding that names nodes
    void fieldActivated(const QString& field);
};

} // namespace wb
