#include "graphview.h"

#include "theme.h"
#include "util/releaseinbackground.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <utility>

namespace wb {

namespace {
constexpr double kMinScale = 0.005;
constexpr double kMaxScale = 4.0;
constexpr double kMargin = 40; // view pixels around the scene
constexpr int kOverviewSide = 2048;
constexpr double kOverviewItems = 2500; // more boxes than this on screen: draw the overview image
constexpr int kMinimapSide = 170;
} // namespace

GraphView::GraphView(QWidget* parent)
    : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("graphView"));
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(false);
}

void GraphView::setScene(std::shared_ptr<const GraphScene> scene)
{
    Overview overview = scene ? renderOverview(*scene, palette().color(QPalette::Base)) : Overview();
    setScene(std::move(scene), std::move(overview));
}

void GraphView::setScene(std::shared_ptr<const GraphScene> scene, Overview overview)
{
    m_scene = std::move(scene);
    m_state = {};
    releaseInBackground(std::exchange(m_overview, std::move(overview.image))); // 2048 px a side: 16 MB
    m_overviewScale = overview.scale;
    m_fitPending = true;
    if (isVisible())
        fitToView();
}

void GraphView::setRenderState(const RenderState& state)
{
    m_state = state;
    viewport()->update();
}

GraphView::Overview GraphView::renderOverview(const GraphScene& scene, const QColor& background)
{
    Overview overview;
    if (scene.isEmpty())
        return overview;
    const QRectF b = scene.bounds();
    overview.scale = std::min(1.0, kOverviewSide / std::max(b.width(), b.height()));
    overview.image = QImage(QSize(std::max(1, int(std::ceil(b.width() * overview.scale))),
                                std::max(1, int(std::ceil(b.height() * overview.scale)))),
        QImage::Format_RGB32);
    overview.image.fill(background);
    QPainter p(&overview.image);
    p.scale(overview.scale, overview.scale);
    paintScene(p, scene, b, overview.scale, {});
    return overview;
}

QPointF GraphView::offset() const
{
    // Scene is centred when smaller than the viewport, otherwise follows the scroll bars.
    const QRectF b = m_scene ? m_scene->bounds() : QRectF();
    const double w = b.width() * m_scale + 2 * kMargin, h = b.height() * m_scale + 2 * kMargin;
    const double x = w < viewport()->width() ? -(viewport()->width() - w) / 2 : horizontalScrollBar()->value();
    const double y = h < viewport()->height() ? -(viewport()->height() - h) / 2 : verticalScrollBar()->value();
    return { x - kMargin, y - kMargin };
}

QPointF GraphView::mapToScene(const QPoint& viewPos) const
{
    return (QPointF(viewPos) + offset()) / m_scale;
}

QRectF GraphView::visibleSceneRect() const
{
    return QRectF(mapToScene(QPoint(0, 0)), mapToScene(QPoint(viewport()->width(), viewport()->height())));
}

bool GraphView::usesOverview() const
{
    return m_lastFrameOverview;
}

void GraphView::updateScrollBars()
{
    const QRectF b = m_scene ? m_scene->bounds() : QRectF();
    const int w = int(b.width() * m_scale + 2 * kMargin), h = int(b.height() * m_scale + 2 * kMargin);
    horizontalScrollBar()->setRange(0, std::max(0, w - viewport()->width()));
    verticalScrollBar()->setRange(0, std::max(0, h - viewport()->height()));
    horizontalScrollBar()->setPageStep(viewport()->width());
    verticalScrollBar()->setPageStep(viewport()->height());
    horizontalScrollBar()->setSingleStep(40);
    verticalScrollBar()->setSingleStep(40);
}

void GraphView::setScale(double scale, const QPointF& viewAnchor)
{
    scale = std::clamp(scale, kMinScale, kMaxScale);
    const QPointF anchor
        = viewAnchor.x() < 0 ? QPointF(viewport()->width() / 2.0, viewport()->height() / 2.0) : viewAnchor;
    const QPointF sceneAnchor = (anchor + offset()) / m_scale;
    m_scale = scale;
    updateScrollBars();
    // Keep the scene point under the anchor where it was.
    const QPointF target = sceneAnchor * m_scale - anchor + QPointF(kMargin, kMargin);
    horizontalScrollBar()->setValue(int(std::round(target.x())));
    verticalScrollBar()->setValue(int(std::round(target.y())));
    viewport()->update();
    emit scaleChanged(m_scale);
}

void GraphView::fitToView()
{
    m_fitPending = !isVisible();
    if (!m_scene || m_scene->isEmpty()) {
        viewport()->update();
        return;
    }
    const QRectF b = m_scene->bounds();
    const double sx = (viewport()->width() - 2 * kMargin) / std::max(1.0, b.width());
    const double sy = (viewport()->height() - 2 * kMargin) / std::max(1.0, b.height());
    // Graphs too big to read when fitted: start readable (75 %) at the top, centred on the first layer.
    const double s = std::min(sx, sy);
    if (s >= 0.7) {
        m_scale = std::min(s, 1.0);
        updateScrollBars();
        horizontalScrollBar()->setValue(horizontalScrollBar()->maximum() / 2);
        verticalScrollBar()->setValue(verticalScrollBar()->maximum() / 2);
        viewport()->update();
        emit scaleChanged(m_scale);
        return;
    }
    m_scale = 0.75;
    updateScrollBars();
    const auto& L = m_scene->layout.layout;
    double sum = 0;
    int count = 0;
    for (size_t i = 0; i < L.rank.size(); ++i) {
        if (L.rank[i] == 0) {
            sum += L.nodes[i].center().x();
            ++count;
        }
    }
    const double topX = count ? sum / count : b.center().x();
    horizontalScrollBar()->setValue(int(topX * m_scale + kMargin - viewport()->width() / 2.0));
    verticalScrollBar()->setValue(0);
    viewport()->update();
    emit scaleChanged(m_scale);
}

void GraphView::centerOnItem(int item)
{
    if (!m_scene || item < 0 || item >= int(m_scene->layout.layout.nodes.size()))
        return;
    if (m_scale < 0.6)
        setScale(0.9);
    const QPointF c = m_scene->layout.layout.nodes[size_t(item)].center() * m_scale + QPointF(kMargin, kMargin);
    horizontalScrollBar()->setValue(int(c.x() - viewport()->width() / 2.0));
    verticalScrollBar()->setValue(int(c.y() - viewport()->height() / 2.0));
    viewport()->update();
}

QRectF GraphView::minimapRect() const
{
    if (m_overview.isNull())
        return {};
    const QRectF b = m_scene->bounds();
    const bool larger = b.width() * m_scale > viewport()->width() || b.height() * m_scale > viewport()->height();
    if (!larger)
        return {};
    const double k = kMinimapSide / double(std::max(m_overview.width(), m_overview.height()));
    // Very tall or wide graphs: keep the thin side clickable (the picture is stretched, not cropped).
    const QSizeF size(std::max(m_overview.width() * k, 36.0), std::max(m_overview.height() * k, 36.0));
    return QRectF(QPointF(viewport()->width() - size.width() - 12, viewport()->height() - size.height() - 12), size);
}

void GraphView::paintEvent(QPaintEvent*)
{
    QPainter p(viewport());
    if (!m_scene || m_scene->isEmpty())
        return;
    const QRectF area = visibleSceneRect();
    const QRectF b = m_scene->bounds();
    const double visibleShare = std::min(
        1.0, (area.intersected(b).width() * area.intersected(b).height()) / std::max(1.0, b.width() * b.height()));
    m_lastFrameOverview = double(m_scene->layout.visible.items.size()) * visibleShare > kOverviewItems;
    p.save();
    p.translate(-offset());
    p.scale(m_scale, m_scale);
    if (m_lastFrameOverview) {
        p.setRenderHint(QPainter::SmoothPixmapTransform, true);
        p.drawImage(
            QRectF(0, 0, m_overview.width() / m_overviewScale, m_overview.height() / m_overviewScale), m_overview);
    } else {
        RenderState state = m_state;
        state.onDark = theme::isDark();
        paintScene(p, *m_scene, area, m_scale, state);
    }
    p.restore();
    const QRectF mini = minimapRect();
    if (!mini.isNull()) {
        p.setOpacity(0.92);
        p.fillRect(mini.adjusted(-3, -3, 3, 3), palette().color(QPalette::Window));
        p.drawImage(mini, m_overview);
        p.setOpacity(1);
        const double kx = mini.width() / b.width(), ky = mini.height() / b.height();
        const QRectF view(mini.left() + (area.left() - b.left()) * kx, mini.top() + (area.top() - b.top()) * ky,
            area.width() * kx, area.height() * ky);
        p.setPen(QPen(QColor(0xd0, 0x30, 0x30), 1.5));
        p.setBrush(Qt::NoBrush);
        p.drawRect(view.intersected(mini));
        p.setPen(palette().color(QPalette::Mid));
        p.drawRect(mini.adjusted(-3, -3, 3, 3));
    }
}

void GraphView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    if (m_fitPending && isVisible())
        fitToView();
    updateScrollBars();
}

void GraphView::showEvent(QShowEvent* event)
{
    QAbstractScrollArea::showEvent(event);
    if (m_fitPending)
        fitToView();
}

void GraphView::scrollContentsBy(int, int)
{
    viewport()->update();
}

void GraphView::wheelEvent(QWheelEvent* event)
{
    if (event->modifiers() & Qt::ShiftModifier) {
        QAbstractScrollArea::wheelEvent(event);
        return;
    }
    const double steps = event->angleDelta().y() / 120.0;
    setScale(m_scale * std::pow(1.2, steps), event->position());
    event->accept();
}

void GraphView::mousePressEvent(QMouseEvent* event)
{
    m_pressPos = m_lastDrag = event->pos();
    m_dragging = false;
    const QRectF mini = minimapRect();
    if (!mini.isNull() && mini.contains(event->position())) {
        // Jump: centre the view on the clicked point of the minimap.
        const QPointF rel = event->position() - mini.topLeft();
        const QPointF scenePoint(
            rel.x() * m_scene->bounds().width() / mini.width(), rel.y() * m_scene->bounds().height() / mini.height());
        const QPointF c = scenePoint * m_scale + QPointF(kMargin, kMargin);
        horizontalScrollBar()->setValue(int(c.x() - viewport()->width() / 2.0));
        verticalScrollBar()->setValue(int(c.y() - viewport()->height() / 2.0));
        m_dragging = true; // not a click on the graph
    }
}

void GraphView::mouseMoveEvent(QMouseEvent* event)
{
    if (!(event->buttons() & Qt::LeftButton))
        return;
    if (!m_dragging && (event->pos() - m_pressPos).manhattanLength() < 4)
        return;
    m_dragging = true;
    const QPoint delta = event->pos() - m_lastDrag;
    m_lastDrag = event->pos();
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
    verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
    viewport()->setCursor(Qt::ClosedHandCursor);
}

void GraphView::mouseReleaseEvent(QMouseEvent* event)
{
    viewport()->unsetCursor();
    if (m_dragging || !m_scene)
        return;
    emit itemClicked(m_scene->itemAt(mapToScene(event->pos())));
}

void GraphView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (m_scene)
        emit itemActivated(m_scene->itemAt(mapToScene(event->pos())));
}

void GraphView::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        return;
    case Qt::Key_Minus:
        zoomOut();
        return;
    case Qt::Key_0:
        setScale(1.0);
        return;
    case Qt::Key_F:
        fitToView();
        return;
    default:
        QAbstractScrollArea::keyPressEvent(event);
    }
}

} // namespace wb
