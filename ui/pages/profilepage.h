#pragma once

#include "om/ommodel.h"
#include "onnx/onnxmodel.h"
#include "profile/opprofile.h"
#include "profile/profilemap.h"

#include <QColor>
#include <QHash>
#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QListWidget;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTableWidget;

namespace wb {

class LatestOnlyRunner;
class OpProfileModel;
class ProfileChart;

// A per-operator NPU profile: the op table (name, type, engine / task type, µs per iteration, %, cumulative %,
// the ONNX nodes), sortable; time by op type as a chart; the ops with no ONNX node listed; another profile to
// compare with. Opened from a PROF_* folder or a CSV (File > Open Profile…, a drop) or handed over by a run.
// Reading and mapping happen on a worker thread.
class ProfilePage : public QWidget {
    Q_OBJECT
public:
    explicit ProfilePage(QWidget* parent = nullptr);
    ~ProfilePage() override;

    void open(const QString& path); // a PROF_* folder or a CSV: read on a worker
    void openAgainst(const QString& path); // the profile to compare with
    void setProfile(std::shared_ptr<const OpProfile> profile, const QString& source);
    void setModel(const OnnxModelPtr& model); // maps the profile onto its nodes (null: no mapping)
    void setOm(std::shared_ptr<const OmModel> om); // fused ops' time goes to their ONNX nodes (null: by name)
    // The Graph page's colouring for the mapped nodes: a heat fill by share of op time (the largest node darkest)
    // and a sidebar section with the node's time and ops.
    QHash<QString, QColor> nodeFills() const;
    QHash<QString, QString> nodeSidebar() const;
    bool isBusy() const;

    std::shared_ptr<const OpProfile> profile() const { return m_profile; }
    const ProfileMapping* mapping() const { return m_mapping ? &*m_mapping : nullptr; }
    QString summaryText() const;
    QStringList unmappedOps() const;
    OpProfileModel* tableModel() const { return m_model; }
    QTableView* table() const { return m_table; }
    ProfileChart* chart() const { return m_chart; }
    int comparisonRows() const;
    bool exportCsv(const QString& path, QString* error = nullptr) const;
    bool exportNodeData(const QString& path, QString* error = nullptr) const;

signals:
    void profileChanged(); // a new profile, or its mapping onto the model changed
    void loadFailed(const QString& message);
    void nodeActivated(const QString& node); // a row's ONNX node, to show on the Graph page

private:
    void remap();
    void refresh();
    void chooseOpen();
    void chooseAgainst();

    LatestOnlyRunner* m_loader;
    LatestOnlyRunner* m_mapper;
    OnnxModelPtr m_onnx;
    std::shared_ptr<const OmModel> m_om;
    std::shared_ptr<const OpProfile> m_profile;
    std::shared_ptr<const OpProfile> m_other;
    QString m_source;
    std::optional<ProfileMapping> m_mapping;
    QList<ProfileGraphNode> m_nodes;
    OpProfileModel* m_model;
    QSortFilterProxyModel* m_sorted;
    QLabel* m_summary;
    QTableView* m_table;
    ProfileChart* m_chart;
    QLabel* m_unmappedLabel;
    QListWidget* m_unmapped;
    QTableWidget* m_compare;
    QPushButton* m_export;
    QPushButton* m_exportNodes;
    QPushButton* m_against;
};

} // namespace wb
