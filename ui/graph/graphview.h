#pragma once

#include "graphscene.h"

#include <QAbstractScrollArea>
#include <QImage>

#include <memory>

namespace wb {

// Zoomable, pannable view of a laid-out graph. Paints only what is visible; when that would be thousands of
// boxes it draws a cached overview image instead, so frame cost stays flat on 20,000-node graphs.
class GraphView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit GraphView(QWidget* parent = nullptr);

    // The whole scene drawn small, for frames that would show thousands of boxes. Any thread may make one.
    struct Overview {
        QImage image;
        double scale = 1; // image pixels per scene unit
    };
    static Overview renderOverview(const GraphScene& scene, const QColor& background);

    void setScene(std::shared_ptr<const GraphScene> scene);
    // With its overview made already (on a worker: a 20,000-node overview takes tens of ms to draw).
    void setScene(std::shared_ptr<const GraphScene> scene, Overview overview);
    std::shared_ptr<const GraphScene> scene() const { return m_scene; }
    void setRenderState(const RenderState& state);
    const RenderState& renderState() const { return m_state; }

    double scale() const { return m_scale; }
    void setScale(double scale, const QPointF& viewAnchor = QPointF(-1, -1));
    void zoomIn() { setScale(m_scale * 1.25); }
    void zoomOut() { setScale(m_scale / 1.25); }
    void fitToView();
    void centerOnItem(int item);
    QPointF mapToScene(const QPoint& viewPos) const;
    QRectF visibleSceneRect() const;
    bool usesOverview() const; // the last frame came from the overview image

signals:
    void itemClicked(int item); // -1: background
    void itemActivated(int item); // double click
    void scaleChanged(double scale);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void updateScrollBars();
    QPointF offset() const;
    QRectF minimapRect() const;

    std::shared_ptr<const GraphScene> m_scene;
    RenderState m_state;
    QImage m_overview;
    double m_overviewScale = 1;
    double m_scale = 1;
    bool m_lastFrameOverview = false;
    QPoint m_pressPos;
    QPoint m_lastDrag;
    bool m_dragging = false;
    bool m_fitPending = false; // a new scene arrived while hidden: fit once the viewport has its real size
};

} // namespace wb
