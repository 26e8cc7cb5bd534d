#include "graphpage.h"

#include "theme.h"

#include "dimnames.h"
#include "graph/graphview.h"
#include "graph/overlaymodel.h"
#include "imagefile.h"
#include "logging/logging.h"
#include "util/atomicfile.h"
#include "util/latestonly.h"
#include "util/releaseinbackground.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QIdentityProxyModel>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

#include <utility>

namespace wb {

namespace {

// The Problems list as shown: a severity icon per row, unnamed dims as "?" (the tooltip keeps the raw names).
class ProblemsProxy : public QIdentityProxyModel {
public:
    ProblemsProxy(QAbstractItemModel* source, QStyle* style, QObject* parent)
        : QIdentityProxyModel(parent)
        , m_style(style)
    {
        setSourceModel(source);
    }
    QVariant data(const QModelIndex& index, int role) const override
    {
        if (role == Qt::DecorationRole) {
            const auto severity = graph::OverlayModel::Severity(index.data(graph::OverlayModel::SeverityRole).toInt());
            return m_style->standardIcon(severity == graph::OverlayModel::Severity::Error
                    ? QStyle::SP_MessageBoxCritical
                    : severity == graph::OverlayModel::Severity::Warning ? QStyle::SP_MessageBoxWarning
                                                                         : QStyle::SP_MessageBoxInformation);
        }
        if (role == Qt::DisplayRole)
            return withUnnamedDimsShown(QIdentityProxyModel::data(index, role).toString());
        return QIdentityProxyModel::data(index, role);
    }

private:
    QStyle* m_style;
};

} // namespace

namespace {

QToolButton* toolButton(const QString& text, const QString& tip, QWidget* parent)
{
    auto* b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tip);
    b->setAutoRaise(true);
    return b;
}

struct LayoutJob {
    graph::GraphDocumentPtr doc;
    std::shared_ptr<GraphScene> scene; // the layout with its spatial indexes
    GraphView::Overview overview;
    bool cancelled = false;
};

} // namespace

GraphPage::GraphPage(QWidget* parent)
    : QWidget(parent)
    , m_runner(new LatestOnlyRunner(this))
    , m_overlay(new graph::OverlayModel(this))
    , m_view(new GraphView(this))
    , m_sidebar(new QTextBrowser(this))
    , m_problems(new QListView(this))
    , m_problemDetail(new QLabel(this))
    , m_search(new QLineEdit(this))
    , m_matchLabel(new QLabel(this))
    , m_status(new QLabel(this))
    , m_depth(new QSpinBox(this))
    , m_direction(new QComboBox(this))
{
    setObjectName(QStringLiteral("graphPage"));
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    m_search->setPlaceholderText(tr("Find node by name or op type (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaximumWidth(320);
    bar->addWidget(m_search);
    auto* prev = toolButton(QStringLiteral("▲"), tr("Previous match (Shift+F3)"), this);
    auto* next = toolButton(QStringLiteral("▼"), tr("Next match (F3)"), this);
    bar->addWidget(prev);
    bar->addWidget(next);
    bar->addWidget(m_matchLabel);
    bar->addSpacing(8);
    bar->addWidget(new QLabel(tr("Collapse scopes deeper than"), this));
    m_depth->setRange(-1, 12);
    m_depth->setSpecialValueText(tr("never"));
    m_depth->setValue(-1);
    bar->addWidget(m_depth);
    m_direction->addItem(tr("Top to bottom"));
    m_direction->addItem(tr("Left to right"));
    bar->addWidget(m_direction);
    bar->addStretch();
    auto* fit = toolButton(tr("Fit"), tr("Fit the graph (F)"), this);
    auto* actual = toolButton(tr("100 %"), tr("Actual size (0)"), this);
    auto* zoomIn = toolButton(QStringLiteral("+"), tr("Zoom in (+)"), this);
    auto* zoomOut = toolButton(QStringLiteral("−"), tr("Zoom out (-)"), this);
    auto* exportButton = toolButton(tr("Export…"), tr("Save the graph as PNG or SVG"), this);
    auto* outNode
        = toolButton(tr("Use as out node"), tr("Add the selected node to ATC's --out_nodes on the Convert page"), this);
    connect(outNode, &QToolButton::clicked, this, [this] {
        const QString name = selectedNode();
        if (!name.isEmpty() && m_scene && m_selected >= 0 && m_scene->layout.visible.items.at(m_selected).node >= 0)
            emit outNodeRequested(name);
    });
    bar->addWidget(outNode);
    for (QToolButton* b : { fit, actual, zoomOut, zoomIn, exportButton })
        bar->addWidget(b);
    layout->addLayout(bar);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_view);
    auto* side = new QSplitter(Qt::Vertical, splitter);
    m_sidebar->setObjectName(QStringLiteral("nodeSidebar"));
    m_sidebar->setPlaceholderText(tr("Click a node to see its attributes, inputs and outputs."));
    side->addWidget(m_sidebar);
    auto* problemsBox = new QWidget(side);
    auto* problemsLayout = new QVBoxLayout(problemsBox);
    problemsLayout->setContentsMargins(0, 0, 0, 0);
    problemsLayout->addWidget(new QLabel(tr("<b>Problems</b>"), problemsBox));
    m_problems->setObjectName(QStringLiteral("problemsList"));
    m_problems->setModel(new ProblemsProxy(m_overlay, style(), m_problems));
    m_problems->setUniformItemSizes(true); // one short row per node; the detail is below
    m_problems->setTextElideMode(Qt::ElideRight);
    m_problems->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // rows elide; the detail is below
    problemsLayout->addWidget(m_problems, 1);
    m_problemDetail->setObjectName(QStringLiteral("problemDetail"));
    m_problemDetail->setWordWrap(true);
    m_problemDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problemDetail->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    problemsLayout->addWidget(m_problemDetail);
    connect(m_problems->selectionModel(), &QItemSelectionModel::currentChanged, m_problemDetail,
        [this](const QModelIndex& current) {
            const QStringList messages = current.data(graph::OverlayModel::MessagesRole).toStringList();
            m_problemDetail->setText(withUnnamedDimsShown(messages.join(QLatin1Char('\n'))));
            m_problemDetail->setToolTip(messages.join(QLatin1Char('\n'))); // the raw dim names
        });
    connect(m_overlay, &QAbstractItemModel::modelReset, m_problemDetail, &QLabel::clear);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 900, 300 });
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString& t) { search(t); });
    connect(m_search, &QLineEdit::returnPressed, this, &GraphPage::nextMatch);
    connect(next, &QToolButton::clicked, this, &GraphPage::nextMatch);
    connect(prev, &QToolButton::clicked, this, &GraphPage::previousMatch);
    auto* find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    connect(new QShortcut(QKeySequence::FindNext, this), &QShortcut::activated, this, &GraphPage::nextMatch);
    connect(new QShortcut(QKeySequence::FindPrevious, this), &QShortcut::activated, this, &GraphPage::previousMatch);
    connect(m_depth, &QSpinBox::valueChanged, this, &GraphPage::setCollapseDepth);
    connect(m_direction, &QComboBox::currentIndexChanged, this, [this](int i) {
        setDirection(
            i == 0 ? graph::LayoutOptions::Direction::TopToBottom : graph::LayoutOptions::Direction::LeftToRight);
    });
    connect(fit, &QToolButton::clicked, m_view, &GraphView::fitToView);
    connect(actual, &QToolButton::clicked, this, [this] { m_view->setScale(1.0); });
    connect(zoomIn, &QToolButton::clicked, m_view, &GraphView::zoomIn);
    connect(zoomOut, &QToolButton::clicked, m_view, &GraphView::zoomOut);
    connect(exportButton, &QToolButton::clicked, this, &GraphPage::chooseExport);
    connect(m_view, &GraphView::itemClicked, this, [this](int item) {
        m_selected = item;
        applyState();
        showSidebar(item);
        const graph::Item* it = item >= 0 ? &m_scene->layout.visible.items.at(item) : nullptr;
        emit nodeSelected(it && it->node >= 0 ? m_doc->nodes().at(it->node).name : QString());
    });
    connect(m_view, &GraphView::itemActivated, this, &GraphPage::toggleItem);
    connect(m_problems, &QListView::clicked, this,
        [this](const QModelIndex& index) { selectNode(index.data(graph::OverlayModel::NodeRole).toString()); });
    connect(m_overlay, &graph::OverlayModel::marksChanged, this, &GraphPage::applyState);
}

QString GraphPage::problemDetail() const
{
    return m_problemDetail->text();
}

GraphPage::~GraphPage()
{
    if (m_cancel)
        m_cancel->store(true);
}

void GraphPage::setModel(const OnnxModelPtr& model, const QHash<QString, TensorInfo>& shapes)
{
    m_model = model;
    // The previous model's shapes are freed on a worker (20k tensors: ~10 ms).
    releaseInBackground(std::exchange(m_shapes, shapes), std::exchange(m_tensors, {}));
    m_doc.reset();
    m_collapse = {};
    m_selected = -1;
    m_sidebar->clear();
    relayout(true);
}

void GraphPage::setShapes(const QHash<QString, TensorInfo>& shapes)
{
    if (!m_model)
        return;
    m_shapes = shapes;
    m_tensors.clear();
    relayout(true);
}

void GraphPage::setShapes(const QList<TensorInfo>& tensors)
{
    if (!m_model)
        return;
    releaseInBackground(std::exchange(m_shapes, {}), std::exchange(m_tensors, tensors));
    relayout(true);
}

void GraphPage::clear()
{
    if (m_cancel)
        m_cancel->store(true);
    m_runner->discard();
    m_model.reset();
    m_view->setScene(nullptr);
    releaseInBackground(std::move(m_doc), std::move(m_scene));
    m_doc.reset(); // moved-from: empty
    m_scene.reset();
    m_overlay->clear();
    m_colourings.clear();
    m_sidebar->clear();
    m_status->clear();
}

bool GraphPage::isBusy() const
{
    return m_runner->isBusy();
}

void GraphPage::relayout(bool rebuildDocument)
{
    if (!m_model)
        return;
    if (m_cancel)
        m_cancel->store(true); // the older layout stops at its next check
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    const auto cancel = m_cancel;
    const OnnxModelPtr model = m_model;
    const QHash<QString, TensorInfo> shapes = m_shapes;
    const QList<TensorInfo> tensors = m_tensors;
    const graph::GraphDocumentPtr doc = rebuildDocument ? nullptr : m_doc;
    const graph::CollapseState collapse = m_collapse;
    const graph::LayoutOptions options = m_options;
    const QColor background = m_view->palette().color(QPalette::Base);
    m_status->setText(tr("Laying out…"));
    m_runner->submit<std::shared_ptr<LayoutJob>>(
        [model, shapes, tensors, doc, collapse, options, cancel, background] {
            auto job = std::make_shared<LayoutJob>();
            if (!doc) {
                QHash<QString, TensorInfo> byName = shapes;
                byName.reserve(shapes.size() + tensors.size());
                for (const TensorInfo& t : tensors)
                    byName.insert(t.name, t);
                job->doc = graph::GraphDocument::build(*model, byName);
            } else {
                job->doc = doc;
            }
            graph::GraphLayout layout = graph::layoutDocument(*job->doc, collapse, options, cancel.get());
            job->cancelled = layout.layout.cancelled;
            if (job->cancelled)
                return job;
            // The spatial indexes and the overview image too: tens of ms for 20k nodes, too long for the GUI thread.
            job->scene = std::make_shared<GraphScene>();
            job->scene->set(job->doc, std::move(layout));
            job->overview = GraphView::renderOverview(*job->scene, background);
            return job;
        },
        [this](const std::shared_ptr<LayoutJob>& job) {
            if (job->cancelled) {
                emit layoutFinished(false);
                return;
            }
            const QString selectedName = selectedNode();
            // The replaced document and scene are freed on a worker (tens of ms for a 20k-node graph).
            std::shared_ptr<const GraphScene> oldScene = std::exchange(m_scene, job->scene);
            graph::GraphDocumentPtr oldDoc = std::exchange(m_doc, job->doc);
            m_view->setScene(m_scene, std::move(job->overview));
            releaseInBackground(std::move(oldDoc), std::move(oldScene));
            const auto& v = m_scene->layout.visible;
            m_status->setText(tr("%1 operator boxes, %2 collapsed scopes, %3 edges, %4 layers, %5 crossings; %6 "
                                 "Constants folded; layout %7 ms")
                                  .arg(v.operatorBoxes)
                                  .arg(v.scopeBoxes)
                                  .arg(v.edges.size())
                                  .arg(m_scene->layout.layout.layers)
                                  .arg(m_scene->layout.layout.crossings)
                                  .arg(m_doc->foldedConstantCount())
                                  .arg(m_scene->layout.layoutMs, 0, 'f', 1));
            m_selected = -1;
            search(m_search->text());
            if (!selectedName.isEmpty())
                selectNode(selectedName);
            applyState();
            emit layoutFinished(true);
        });
}

void GraphPage::applyState()
{
    if (!m_scene)
        return;
    RenderState state;
    state.selected = m_selected;
    state.hits = QSet<int>(m_hits.cbegin(), m_hits.cend());
    state.currentHit = m_currentHit >= 0 && m_currentHit < m_hits.size() ? m_hits.at(m_currentHit) : -1;
    for (const auto& mark : m_overlay->marks()) {
        const int node = m_doc->indexOf(mark.node);
        const int item = node >= 0 ? m_scene->layout.visible.itemOfNode.value(node, -1) : -1;
        if (item >= 0)
            state.severity[item] = std::max(state.severity.value(item, -1), static_cast<int>(mark.severity));
    }
    // Node names are resolved to items once per scene, not on every click: applyState runs on each selection.
    for (Colouring& c : m_colourings) {
        if (c.resolvedFor != m_scene.get()) {
            c.items.clear();
            c.items.reserve(c.fills.size());
            for (auto it = c.fills.cbegin(); it != c.fills.cend(); ++it) {
                const int node = m_doc->indexOf(it.key());
                const int item = node >= 0 ? m_scene->layout.visible.itemOfNode.value(node, -1) : -1;
                if (item >= 0)
                    c.items.insert(item, it.value());
            }
            c.resolvedFor = m_scene.get();
        }
        if (state.fills.isEmpty())
            state.fills = c.items; // shared, not copied
        else
            state.fills.insert(c.items);
    }
    m_view->setRenderState(state);
}

void GraphPage::setNodeColouring(
    const QString& source, const QHash<QString, QColor>& fills, const QHash<QString, QString>& sidebarHtml)
{
    m_colourings.removeIf([&source](const Colouring& c) { return c.source == source; });
    if (!fills.isEmpty() || !sidebarHtml.isEmpty())
        m_colourings.append({ source, fills, sidebarHtml, {}, nullptr });
    applyState();
    if (m_selected >= 0)
        showSidebar(m_selected);
}

QColor GraphPage::nodeFill(const QString& node) const
{
    QColor fill;
    for (const Colouring& c : m_colourings)
        fill = c.fills.value(node, fill);
    return fill;
}

int GraphPage::search(const QString& text)
{
    m_hits.clear();
    m_currentHit = -1;
    if (m_doc && m_scene && !text.isEmpty()) {
        QSet<int> seen;
        for (int node : m_doc->search(text)) {
            const int item = m_scene->layout.visible.itemOfNode.value(node, -1);
            if (item >= 0 && !seen.contains(item)) {
                seen.insert(item);
                m_hits.append(item);
            }
        }
    }
    if (!m_hits.isEmpty()) {
        m_currentHit = 0;
        m_view->centerOnItem(m_hits.first());
    }
    m_matchLabel->setText(text.isEmpty() ? QString() : tr("%n match(es)", nullptr, int(m_hits.size())));
    applyState();
    return static_cast<int>(m_hits.size());
}

void GraphPage::nextMatch()
{
    if (m_hits.isEmpty())
        return;
    m_currentHit = (m_currentHit + 1) % int(m_hits.size());
    m_view->centerOnItem(m_hits.at(m_currentHit));
    m_matchLabel->setText(tr("%1 of %2").arg(m_currentHit + 1).arg(m_hits.size()));
    applyState();
}

void GraphPage::previousMatch()
{
    if (m_hits.isEmpty())
        return;
    m_currentHit = (m_currentHit - 1 + int(m_hits.size())) % int(m_hits.size());
    m_view->centerOnItem(m_hits.at(m_currentHit));
    m_matchLabel->setText(tr("%1 of %2").arg(m_currentHit + 1).arg(m_hits.size()));
    applyState();
}

bool GraphPage::selectNode(const QString& name)
{
    if (!m_doc || !m_scene)
        return false;
    const int node = m_doc->indexOf(name);
    const int item = node >= 0 ? m_scene->layout.visible.itemOfNode.value(node, -1) : -1;
    if (item < 0)
        return false;
    m_selected = item;
    m_view->centerOnItem(item);
    applyState();
    showSidebar(item);
    return true;
}

QString GraphPage::selectedNode() const
{
    if (!m_scene || m_selected < 0)
        return {};
    const graph::Item& item = m_scene->layout.visible.items.at(m_selected);
    return item.node >= 0 ? m_doc->nodes().at(item.node).name : item.scope;
}

QString GraphPage::sidebarText() const
{
    return m_sidebar->toPlainText();
}

void GraphPage::setCollapseDepth(int depth)
{
    if (!m_doc)
        return;
    const QSet<int> expanded = m_collapse.expandedSubgraphs;
    m_collapse = graph::CollapseState::atDepth(*m_doc, depth);
    m_collapse.expandedSubgraphs = expanded;
    if (m_depth->value() != depth)
        m_depth->setValue(depth);
    relayout(false);
}

void GraphPage::toggleItem(int item)
{
    if (!m_scene || item < 0)
        return;
    const graph::Item& it = m_scene->layout.visible.items.at(item);
    if (it.kind == graph::Item::Kind::Scope) {
        m_collapse.collapsedScopes.remove(it.scope);
    } else if (it.node >= 0 && m_doc->nodes().at(it.node).subgraphNodeCount > 0) {
        if (!m_collapse.expandedSubgraphs.remove(it.node))
            m_collapse.expandedSubgraphs.insert(it.node);
    } else if (it.node >= 0 && !m_doc->nodes().at(it.node).scope.isEmpty()) {
        // Collapse the innermost scope holding this node.
        m_collapse.collapsedScopes.insert(QLatin1Char('/') + m_doc->nodes().at(it.node).scope.join(QLatin1Char('/')));
    } else {
        return;
    }
    relayout(false);
}

void GraphPage::setDirection(graph::LayoutOptions::Direction direction)
{
    m_options.direction = direction;
    relayout(false);
}

void GraphPage::showSidebar(int item)
{
    if (!m_scene || item < 0) {
        m_sidebar->clear();
        return;
    }
    const graph::Item& it = m_scene->layout.visible.items.at(item);
    if (it.kind == graph::Item::Kind::Scope) {
        m_sidebar->setHtml(tr("<h3>%1</h3><p>%2 nodes, collapsed. Double-click to expand.</p>")
                               .arg(it.scope.toHtmlEscaped())
                               .arg(it.memberCount));
        return;
    }
    const graph::Node& n = m_doc->nodes().at(it.node);
    QString html = QStringLiteral("<h3>%1</h3><p><b>%2</b>%3</p>")
                       .arg(n.name.toHtmlEscaped(), n.opType.toHtmlEscaped(),
                           n.domain.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(n.domain.toHtmlEscaped()));
    auto ports = [](const QList<graph::Port>& list) {
        QString rows;
        for (const graph::Port& p : list)
            rows += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                        .arg(p.tensor.toHtmlEscaped(), p.dtype.toHtmlEscaped(), p.shape.toHtmlEscaped());
        return rows;
    };
    if (!n.attributes.isEmpty()) {
        html += tr("<h4>Attributes</h4><table>");
        for (const graph::Attribute& a : n.attributes)
            html += QStringLiteral("<tr><td><i>%1</i></td><td>%2</td></tr>")
                        .arg(a.name.toHtmlEscaped(), a.value.toHtmlEscaped());
        html += QStringLiteral("</table>");
    }
    if (!n.inputs.isEmpty())
        html += tr("<h4>Inputs</h4><table>") + ports(n.inputs) + QStringLiteral("</table>");
    if (!n.outputs.isEmpty())
        html += tr("<h4>Outputs</h4><table>") + ports(n.outputs) + QStringLiteral("</table>");
    if (!n.folded.isEmpty())
        html += tr("<p>%n weight(s) or constant(s) folded into this node.</p>", nullptr, int(n.folded.size()));
    if (n.subgraphNodeCount > 0)
        html += tr("<p>%1 nodes in its subgraphs; double-click to expand or collapse them.</p>")
                    .arg(n.subgraphNodeCount);
    for (const Colouring& c : m_colourings)
        html += c.sidebar.value(n.name);
    for (const auto& mark : m_overlay->marks()) {
        if (mark.node == n.name)
            html += QStringLiteral("<p style=\"color:%3\">[%1] %2</p>")
                        .arg(mark.source.toHtmlEscaped(), mark.message.toHtmlEscaped(),
                            theme::text(theme::Tone::Error).name());
    }
    m_sidebar->setHtml(html);
}

bool GraphPage::exportTo(const QString& path, QString* error)
{
    if (!m_scene) {
        if (error)
            *error = tr("No graph to export.");
        return false;
    }
    if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
        const Result<bool> written = writeFileAtomically(path, graph::toSvg(m_scene->layout));
        if (!written.ok() && error)
            *error = written.error().message;
        return written.ok();
    }
    const QImage image = renderScene(*m_scene, 1.0, m_view->renderState());
    if (savePngAtomically(image, path).ok())
        return true;
    if (error)
        *error = tr("Cannot write %1").arg(path);
    return false;
}

void GraphPage::chooseExport()
{
    if (!m_model)
        return;
    const QFileInfo source(m_model->summary().path);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Graph"),
        source.dir().filePath(source.completeBaseName() + QStringLiteral(".svg")), tr("SVG (*.svg);;PNG (*.png)"));
    QString error;
    if (!path.isEmpty() && !exportTo(path, &error))
        log::ui()->error("Graph export failed: {}", error);
}

} // namespace wb
