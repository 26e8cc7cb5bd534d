#pragma once

#include "atc/atcfinding.h"
#include "om/omlint.h"
#include "om/ommapping.h"
#include "om/ommodel.h"

#include <QColor>
#include <QHash>
#include <QWidget>

#include <array>
#include <memory>

class QLabel;
class QListWidget;
class QTableWidget;

namespace wb {

class FindingsList;

// The OM page: what ATC made of the model. Attributes, inputs and outputs, every op (engine, ONNX nodes, passes,
// block dim), the ops with no ONNX origin, findings. Reads the .om or OM JSON on a worker thread.
class OmPage : public QWidget {
    Q_OBJECT
public:
    explicit OmPage(QWidget* parent = nullptr);
    ~OmPage() override;

    // Starts reading `path` (an .om or the JSON of atc --mode=1); loaded() or failed() follows.
    void open(const QString& path);
    bool isLoading() const { return m_loading || m_remapping; } // reading, or mapping onto the ONNX model
    std::shared_ptr<const OmModel> om() const { return m_om; }
    const OmMapping& mapping() const { return m_mapping; }
    const QList<AtcFinding>& findings() const { return m_findings; }
    // Maps the OM onto the open ONNX model (its GraphDocument node names); empty names: no ONNX model.
    void setOnnxModel(const QString& path, const QStringList& nodeNames);
    // The device and recipe the lint compares the OM with (empty: not compared).
    void setTarget(const QString& socVersion, const QString& inputShape);
    void clear();

    // Graph page colouring for the mapped ONNX nodes: the fill of each node by the engine of its OM op (AI CPU in
    // the warning tone; folded-away nodes pale), and the sidebar section naming its OM op, partners and passes.
    QHash<QString, QColor> nodeFills() const;
    QHash<QString, QString> nodeSidebar() const;
    static QColor engineColor(OmEngine engine);

signals:
    void loaded(const QString& path);
    void failed(const QString& path, const wb::Error& error);
    void findingsChanged(const QList<wb::AtcFinding>& findings);
    void nodeActivated(const QString& onnxNode);

private:
    struct Remapped {
        OmMapping mapping;
        QList<AtcFinding> findings;
        QHash<QString, QColor> fills;
        QHash<QString, QString> sidebar;
    };
    void showOm(const std::shared_ptr<const OmModel>& om);
    void showEmptyState();
    void remap();
    static Remapped work(const std::shared_ptr<const OmModel>& om, const QStringList& nodes, OmLintInput lint,
        const std::array<QColor, OmEngineCount>& colors);
    void showRemapped(const Remapped& remapped);

    std::shared_ptr<const OmModel> m_om;
    OmMapping m_mapping;
    QList<AtcFinding> m_findings;
    QString m_onnxPath;
    QStringList m_onnxNodes;
    QString m_soc;
    QString m_inputShape;
    QHash<QString, QColor> m_fills;
    QHash<QString, QString> m_sidebar;
    bool m_loading = false;
    bool m_remapping = false;
    quint64 m_generation = 0;
    quint64 m_remapGeneration = 0;
    QLabel* m_title;
    QLabel* m_facts;
    QLabel* m_engines;
    QLabel* m_mappingLabel;
    QTableWidget* m_tensors;
    QTableWidget* m_ops;
    QListWidget* m_noOrigin;
    FindingsList* m_findingsList;
};

} // namespace wb
