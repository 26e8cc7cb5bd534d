#include "ompage.h"

#include "om/omlint.h"
#include "theme.h"
#include "widgets/findingslist.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace wb {

namespace {

QString orDash(const std::optional<QString>& v)
{
    return v ? v->toHtmlEscaped() : QStringLiteral("—");
}

QString bytes(const std::optional<qint64>& v)
{
    return v ? QLocale::c().toString(*v) + QStringLiteral(" B") : QStringLiteral("—");
}

QTableWidgetItem* cell(const QString& text)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return item;
}

} // namespace

OmPage::OmPage(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_facts(new QLabel(this))
    , m_engines(new QLabel(this))
    , m_mappingLabel(new QLabel(this))
    , m_tensors(new QTableWidget(this))
    , m_ops(new QTableWidget(this))
    , m_noOrigin(new QListWidget(this))
    , m_findingsList(new FindingsList(this))
{
    setObjectName(QStringLiteral("omPage"));
    auto* layout = new QVBoxLayout(this);
    m_title->setTextFormat(Qt::RichText);
    m_facts->setTextFormat(Qt::RichText);
    m_facts->setWordWrap(true);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_facts->setObjectName(QStringLiteral("omFacts"));
    m_mappingLabel->setWordWrap(true);
    layout->addWidget(m_title);
    layout->addWidget(m_facts);
    layout->addWidget(m_engines);
    layout->addWidget(m_mappingLabel);

    m_tensors->setObjectName(QStringLiteral("omTensors"));
    m_tensors->setColumnCount(5);
    m_tensors->setHorizontalHeaderLabels({ tr("Input/output"), tr("Name"), tr("Type"), tr("Format"), tr("Shape") });
    m_tensors->verticalHeader()->hide();
    m_tensors->horizontalHeader()->setStretchLastSection(true);
    m_tensors->setMaximumHeight(120);
    layout->addWidget(m_tensors);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_ops->setObjectName(QStringLiteral("omOps"));
    m_ops->setColumnCount(6);
    m_ops->setHorizontalHeaderLabels(
        { tr("OM op"), tr("Type"), tr("Engine"), tr("Block dim"), tr("ONNX nodes"), tr("Fusion passes") });
    m_ops->verticalHeader()->setDefaultSectionSize(22);
    m_ops->horizontalHeader()->setStretchLastSection(true);
    m_ops->setSelectionBehavior(QAbstractItemView::SelectRows);
    splitter->addWidget(m_ops);
    auto* side = new QSplitter(Qt::Vertical, splitter);
    auto* noOriginBox = new QWidget(side);
    auto* noOriginLayout = new QVBoxLayout(noOriginBox);
    noOriginLayout->setContentsMargins(0, 0, 0, 0);
    noOriginLayout->addWidget(new QLabel(tr("<b>OM ops with no ONNX origin</b>"), noOriginBox));
    m_noOrigin->setObjectName(QStringLiteral("omNoOrigin"));
    noOriginLayout->addWidget(m_noOrigin);
    side->addWidget(noOriginBox);
    side->addWidget(m_findingsList);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);

    connect(m_findingsList, &FindingsList::nodeActivated, this, &OmPage::nodeActivated);
    connect(m_ops, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        if (m_om && row >= 0 && row < m_om->ops.size() && !m_om->ops.at(row).onnxNodes.isEmpty())
            emit nodeActivated(m_om->ops.at(row).onnxNodes.first());
    });
    connect(m_noOrigin, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        m_ops->selectRow(item->data(Qt::UserRole).toInt());
        m_ops->scrollToItem(m_ops->item(item->data(Qt::UserRole).toInt(), 0));
    });
    showEmptyState();
}

void OmPage::showEmptyState()
{
    m_title->setText(QStringLiteral("<h2>%1</h2>").arg(tr("No OM open").toHtmlEscaped()));
    m_facts->setText(tr("Open an .om with <b>File &gt; Open Model…</b> (offline models, *.om) or drop it on the "
                        "window to see what ATC made of the model: its inputs and outputs, every op with its engine "
                        "and the ONNX nodes fused into it, AI CPU ops and findings. The JSON of "
                        "<tt>atc --mode=1</tt> opens too, and no toolkit is needed."));
}

OmPage::~OmPage() = default;

void OmPage::open(const QString& path)
{
    const quint64 generation = ++m_generation;
    m_loading = true;
    auto* watcher = new QFutureWatcher<Result<OmModel>>(this);
    connect(watcher, &QFutureWatcher<Result<OmModel>>::finished, this, [this, watcher, path, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // a newer open() superseded this one
        m_loading = false;
        const Result<OmModel> result = watcher->result();
        if (!result.ok()) {
            emit failed(path, result.error());
            return;
        }
        showOm(std::make_shared<const OmModel>(result.value()));
        emit loaded(path);
    });
    watcher->setFuture(QtConcurrent::run([path] { return readOmFile(path); }));
}

void OmPage::clear()
{
    ++m_generation;
    ++m_remapGeneration;
    m_loading = false;
    m_remapping = false;
    m_om.reset();
    m_mapping = {};
    m_findings.clear();
    m_fills.clear();
    m_sidebar.clear();
    m_title->clear();
    m_facts->clear();
    m_engines->clear();
    m_mappingLabel->clear();
    m_tensors->setRowCount(0);
    m_ops->setRowCount(0);
    m_noOrigin->clear();
    m_findingsList->setFindings({});
    showEmptyState();
}

void OmPage::showOm(const std::shared_ptr<const OmModel>& om)
{
    m_om = om;
    const OmModel& m = *om;
    m_title->setText(QStringLiteral("<h2>%1</h2>").arg(m.name.toHtmlEscaped()));
    m_facts->setText(tr("<b>File</b> %1 (%2)<br><b>SoC</b> %3 &nbsp; <b>ATC</b> %4 &nbsp; <b>OPP</b> %5 &nbsp; "
                        "<b>Framework</b> %6<br><b>Memory</b> %7 &nbsp; <b>Weights</b> %8 &nbsp; <b>Streams</b> "
                        "%9<br><b>Command</b> %10")
                         .arg(QDir::toNativeSeparators(m.path).toHtmlEscaped(),
                             m.source == OmModel::Source::OmFile ? tr("offline model") : tr("JSON of atc --mode=1"),
                             orDash(m.socVersion), orDash(m.atcVersion), orDash(m.oppVersion), orDash(m.frameworkType),
                             bytes(m.memorySize), bytes(m.weightSize),
                             m.streamNum ? QString::number(*m.streamNum) : QStringLiteral("—"))
                         .arg(orDash(m.atcCmdline)));
    const auto counts = m.engineCounts();
    QStringList engines;
    for (int e = 0; e < OmEngineCount; ++e)
        engines.append(QStringLiteral("%1 %2").arg(omEngineTitle(OmEngine(e))).arg(counts[std::size_t(e)]));
    m_engines->setText(tr("%n op(s): %1", nullptr, int(m.ops.size())).arg(engines.join(QStringLiteral(" · "))));

    m_tensors->setRowCount(int(m.inputs.size() + m.outputs.size()));
    int row = 0;
    for (const auto& [kind, list] : { std::pair { tr("input"), &m.inputs }, std::pair { tr("output"), &m.outputs } }) {
        for (const OmTensorDesc& t : *list) {
            const QStringList cells { kind, t.name, t.dtype, t.format, omShapeText(t) };
            for (int c = 0; c < cells.size(); ++c)
                m_tensors->setItem(row, c, cell(cells.at(c)));
            ++row;
        }
    }
    m_tensors->resizeColumnsToContents();

    m_ops->setUpdatesEnabled(false);
    m_ops->setRowCount(int(m.ops.size()));
    const QColor cpuBackground = theme::cellBackground(theme::Tone::Warning);
    const QColor cpuText = theme::cellText(theme::Tone::Warning);
    for (int i = 0; i < m.ops.size(); ++i) {
        const OmOp& op = m.ops.at(i);
        const QStringList cells { op.name, op.type, omEngineTitle(op.engine),
            op.blockDim ? QString::number(*op.blockDim) : QString(), op.onnxNodes.join(QStringLiteral(", ")),
            op.passes.join(QStringLiteral(", ")) };
        for (int c = 0; c < cells.size(); ++c) {
            QTableWidgetItem* item = cell(cells.at(c));
            if (op.engine == OmEngine::AiCpu) {
                item->setBackground(cpuBackground);
                item->setForeground(cpuText);
            }
            if (c == 2 && !op.kernelLib.isEmpty())
                item->setToolTip(op.kernelLib);
            m_ops->setItem(i, c, item);
        }
    }
    m_ops->resizeColumnsToContents();
    m_ops->setUpdatesEnabled(true);
    remap();
}

void OmPage::setOnnxModel(const QString& path, const QStringList& nodeNames)
{
    m_onnxPath = path;
    m_onnxNodes = nodeNames;
    remap();
}

void OmPage::setTarget(const QString& socVersion, const QString& inputShape)
{
    m_soc = socVersion;
    m_inputShape = inputShape;
    remap();
}

// The mapping, the findings, the fills and the sidebar sections are worked out on a worker thread (a 20k-node model
// takes tens of milliseconds), then shown; a newer remap() supersedes one still running.
void OmPage::remap()
{
    if (!m_om)
        return;
    const quint64 generation = ++m_remapGeneration;
    m_remapping = true;
    OmLintInput lint;
    lint.selectedSoc = m_soc;
    lint.recipeInputShape = m_inputShape;
    if (!m_onnxNodes.isEmpty()) {
        lint.omModified = QFileInfo(m_om->path).lastModified();
        lint.onnxModified = QFileInfo(m_onnxPath).lastModified();
        lint.onnxPath = m_onnxPath;
    }
    std::array<QColor, OmEngineCount> colors;
    for (int e = 0; e < OmEngineCount; ++e)
        colors[std::size_t(e)] = engineColor(OmEngine(e)); // the palette is read here, on the GUI thread
    auto* watcher = new QFutureWatcher<Remapped>(this);
    connect(watcher, &QFutureWatcher<Remapped>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_remapGeneration)
            return;
        m_remapping = false;
        showRemapped(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(
        [om = m_om, nodes = m_onnxNodes, lint, colors]() mutable { return work(om, nodes, lint, colors); }));
}

OmPage::Remapped OmPage::work(const std::shared_ptr<const OmModel>& om, const QStringList& nodes, OmLintInput lint,
    const std::array<QColor, OmEngineCount>& colors)
{
    Remapped r;
    r.mapping = mapOmToOnnx(*om, nodes);
    lint.om = om.get();
    lint.mapping = &r.mapping;
    r.findings = lintOm(lint);
    if (nodes.isEmpty())
        return r;
    const QHash<QString, OmEngine> engines = onnxNodeEngines(*om, r.mapping);
    r.fills.reserve(engines.size() + r.mapping.foldedAway.size());
    for (auto it = engines.cbegin(); it != engines.cend(); ++it)
        r.fills.insert(it.key(), colors[std::size_t(it.value())]);
    const QColor pale(0xd8, 0xd8, 0xd8);
    const QString folded = tr("<h4>In the OM</h4><p>Folded away: no OM op comes from this node.</p>");
    for (const QString& node : r.mapping.foldedAway) {
        r.fills.insert(node, pale);
        r.sidebar.insert(node, folded);
    }
    r.sidebar.reserve(r.mapping.onnxToOps.size() + r.mapping.foldedAway.size());
    for (auto it = r.mapping.onnxToOps.cbegin(); it != r.mapping.onnxToOps.cend(); ++it) {
        QString text = tr("<h4>In the OM</h4>");
        for (int i : it.value()) {
            const OmOp& op = om->ops.at(i);
            text += tr("<p><b>%1</b> (%2) on <span style=\"color:%3\">%4</span>%5</p>")
                        .arg(op.name.toHtmlEscaped(), op.type.toHtmlEscaped(), colors[std::size_t(op.engine)].name(),
                            omEngineTitle(op.engine), op.blockDim ? tr(", block dim %1").arg(*op.blockDim) : QString());
            if (!op.passes.isEmpty())
                text += tr("<p>Fusion passes: %1</p>").arg(op.passes.join(QStringLiteral(", ")).toHtmlEscaped());
        }
        const QStringList partners = r.mapping.partnersOf(it.key(), *om);
        if (!partners.isEmpty())
            text += tr("<p>Fused with: %1</p>").arg(partners.join(QStringLiteral(", ")).toHtmlEscaped());
        r.sidebar.insert(it.key(), text);
    }
    return r;
}

void OmPage::showRemapped(const Remapped& r)
{
    m_mapping = r.mapping;
    m_findings = r.findings;
    m_fills = r.fills;
    m_sidebar = r.sidebar;
    m_findingsList->setFindings(m_findings);
    m_noOrigin->clear();
    for (int i : m_mapping.noOrigin) {
        const OmOp& op = m_om->ops.at(i);
        auto* item = new QListWidgetItem(QStringLiteral("%1 (%2, %3)").arg(op.name, op.type, omEngineTitle(op.engine)));
        item->setData(Qt::UserRole, i);
        m_noOrigin->addItem(item);
    }
    if (m_onnxNodes.isEmpty()) {
        const QString source = m_om->sourceModelFromCmdline();
        m_mappingLabel->setText(source.isEmpty()
                ? tr("Open the ONNX model it was converted from to see its ops on the Graph page.")
                : tr("Converted from %1. Open that model to see the OM's ops on its graph.").arg(source));
    } else {
        m_mappingLabel->setText(tr("Mapped to %1: %2 of %3 ONNX nodes became OM ops, %4 folded away.")
                                    .arg(QFileInfo(m_onnxPath).fileName())
                                    .arg(m_mapping.onnxToOps.size())
                                    .arg(m_onnxNodes.size())
                                    .arg(m_mapping.foldedAway.size()));
    }
    emit findingsChanged(m_findings);
}

QColor OmPage::engineColor(OmEngine engine)
{
    switch (engine) {
    case OmEngine::AiCore:
        return theme::text(theme::Tone::Info);
    case OmEngine::AiCpu:
        return theme::text(theme::Tone::Warning);
    case OmEngine::GeLocal:
    case OmEngine::Rts:
    case OmEngine::Other:
        break;
    }
    return QColor(0x80, 0x80, 0x80);
}

QHash<QString, QColor> OmPage::nodeFills() const
{
    return m_fills;
}

QHash<QString, QString> OmPage::nodeSidebar() const
{
    return m_sidebar;
}

} // namespace wb
