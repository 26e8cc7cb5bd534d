#pragma once

#include "graph/graphscene.h"
#include "graph/visiblegraph.h"
#include "onnx/onnxmodel.h"

#include <QWidget>

#include <atomic>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QSpinBox;
class QTextBrowser;

namespace wb {

class GraphView;
class LatestOnlyRunner;
namespace graph {
class OverlayModel;
}

// The graph page: our layered layout of the model (worker thread, cancellable), search, node sidebar, scope and
// subgraph collapse, problem marks from any check, export.
class GraphPage : public QWidget {
    Q_OBJECT
public:
    QString problemDetail() const; // the text under the Problems list (the selected node's messages)
    explicit GraphPage(QWidget* parent = nullptr);
    ~GraphPage() override;

    void setModel(const OnnxModelPtr& model, const QHash<QString, TensorInfo>& shapes = {});
    void setShapes(const QHash<QString, TensorInfo>& shapes); // re-label edges with newer inferred types and shapes
    // The same from an inference's tensor list: the lookup by name is built on the layout's worker (20k tensors).
    void setShapes(const QList<TensorInfo>& tensors);
    void clear();

    graph::OverlayModel* overlay() const { return m_overlay; }
    // Fills nodes (by GraphDocument node name) instead of their op category's colour, and adds a sidebar section
    // (HTML) to nodes, from one source ("om", "profile"); each source replaces its own. Later sources paint over
    // earlier ones. An empty fills and sections clears the source.
    void setNodeColouring(
        const QString& source, const QHash<QString, QColor>& fills, const QHash<QString, QString>& sidebarHtml = {});
    QColor nodeFill(const QString& node) const; // the fill set for a node (invalid when none)
    GraphView* view() const { return m_view; }
    std::shared_ptr<const GraphScene> scene() const { return m_scene; }
    bool isBusy() const;

    int search(const QString& text); // returns the match count and focuses the first match
    void nextMatch();
    void previousMatch();
    bool selectNode(const QString& name); // focuses and selects; false when not in the graph
    QString selectedNode() const;
    QString sidebarText() const;
    void setCollapseDepth(int depth); // -1: expand all scopes
    void toggleItem(int item); // collapse/expand the scope or subgraph an item stands for
    void setDirection(graph::LayoutOptions::Direction direction);
    bool exportTo(const QString& path, QString* error = nullptr); // .svg or .png

signals:
    void layoutFinished(bool ok);
    void nodeSelected(const QString& name); // graph input/output/operator name, empty for none
    void outNodeRequested(const QString& name); // "Use as ATC out node" on the selected operator

private:
    void relayout(bool rebuildDocument);
    void applyState();
    void showSidebar(int item);
    void chooseExport();

    OnnxModelPtr m_model;
    QHash<QString, TensorInfo> m_shapes;
    QList<TensorInfo> m_tensors; // set with setShapes(QList): added to m_shapes on the worker
    graph::GraphDocumentPtr m_doc;
    graph::CollapseState m_collapse;
    graph::LayoutOptions m_options;
    std::shared_ptr<const GraphScene> m_scene;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    LatestOnlyRunner* m_runner;
    graph::OverlayModel* m_overlay;
    GraphView* m_view;
    QTextBrowser* m_sidebar;
    QListView* m_problems; // one short row per node, over a proxy that adds the severity icon
    QLabel* m_problemDetail; // every message on the selected row's node
    QLineEdit* m_search;
    QLabel* m_matchLabel;
    QLabel* m_status;
    QSpinBox* m_depth;
    QComboBox* m_direction;
    struct Colouring {
        QString source;
        QHash<QString, QColor> fills;
        QHash<QString, QString> sidebar;
        QHash<int, QColor> items; // `fills` resolved to the items of `resolvedFor` (redone when the scene changes)
        const GraphScene* resolvedFor = nullptr;
    };
    QList<Colouring> m_colourings;
    QList<int> m_hits; // item indexes
    int m_currentHit = -1;
    int m_selected = -1;
};

} // namespace wb
