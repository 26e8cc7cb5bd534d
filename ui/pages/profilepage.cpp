#include "profilepage.h"

#include "charts/profilechart.h"
#include "graph/graphdocument.h"
#include "profile/opprofilemodel.h"
#include "profile/profilefiles.h"
#include "profile/profilejson.h"
#include "profile/profileom.h"
#include "theme.h"
#include "util/atomicfile.h"
#include "util/latestonly.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <variant>

namespace wb {

namespace {

using ProfileOrError = std::variant<std::shared_ptr<const OpProfile>, Error>;

ProfileOrError loadOnWorker(const QString& path)
{
    auto loaded = loadProfile(path);
    if (!loaded)
        return loaded.error();
    return std::make_shared<const OpProfile>(std::move(loaded).value());
}

struct Mapped {
    QList<ProfileGraphNode> nodes;
    ProfileMapping mapping;
};

} // namespace

ProfilePage::ProfilePage(QWidget* parent)
    : QWidget(parent)
    , m_loader(new LatestOnlyRunner(this))
    , m_mapper(new LatestOnlyRunner(this))
    , m_model(new OpProfileModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_summary(new QLabel(this))
    , m_table(new QTableView(this))
    , m_chart(new ProfileChart(this))
    , m_unmappedLabel(new QLabel(this))
    , m_unmapped(new QListWidget(this))
    , m_compare(new QTableWidget(this))
    , m_export(new QPushButton(tr("Export CSV…"), this))
    , m_exportNodes(new QPushButton(tr("Export for Model Explorer…"), this))
    , m_against(new QPushButton(tr("Compare With…"), this))
{
    setObjectName(QStringLiteral("profilePage"));
    auto* layout = new QVBoxLayout(this);
    auto* buttons = new QHBoxLayout;
    auto* open = new QPushButton(tr("Open Profile…"), this);
    buttons->addWidget(open);
    buttons->addWidget(m_against);
    buttons->addWidget(m_export);
    buttons->addWidget(m_exportNodes);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    m_summary->setObjectName(QStringLiteral("profileSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setText(tr("Open an msprof PROF_* folder, an op_summary / op_statistic CSV or a torch_npu "
                          "kernel_details.csv, or tick Profile operators on the Run page."));
    layout->addWidget(m_summary);

    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(OpProfileModel::SortRole);
    m_table->setObjectName(QStringLiteral("profileTable"));
    m_table->setModel(m_sorted);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(OpProfileModel::PerIteration, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    const QList<QPair<int, int>> widths { { OpProfileModel::Name, 210 }, { OpProfileModel::Type, 110 },
        { OpProfileModel::TaskType, 115 }, { OpProfileModel::Count, 55 }, { OpProfileModel::PerIteration, 95 },
        { OpProfileModel::Percent, 90 }, { OpProfileModel::Cumulative, 90 } };
    for (const auto& [column, width] : widths)
        m_table->setColumnWidth(column, width);

    m_compare->setObjectName(QStringLiteral("profileComparison"));
    m_compare->setColumnCount(5);
    m_compare->setHorizontalHeaderLabels(
        { tr("Op"), tr("µs / iteration"), tr("Other µs"), tr("Speed-up"), tr("Status") });
    m_compare->verticalHeader()->hide();
    m_compare->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_compare->horizontalHeader()->setStretchLastSection(true);
    m_compare->setSortingEnabled(true);
    m_compare->hide();

    auto* left = new QSplitter(Qt::Vertical, this);
    left->addWidget(m_table);
    left->addWidget(m_compare);
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_chart, 3);
    m_unmappedLabel->setWordWrap(true);
    rightLayout->addWidget(m_unmappedLabel);
    m_unmapped->setObjectName(QStringLiteral("profileUnmapped"));
    rightLayout->addWidget(m_unmapped, 1);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);

    connect(open, &QPushButton::clicked, this, &ProfilePage::chooseOpen);
    connect(m_against, &QPushButton::clicked, this, &ProfilePage::chooseAgainst);
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Op Table"), QString(), tr("CSV (*.csv)"));
        QString error;
        if (!path.isEmpty() && !exportCsv(path, &error))
            emit loadFailed(error);
    });
    connect(m_exportNodes, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Node Data for Model Explorer"), QString(), tr("JSON (*.json)"));
        QString error;
        if (!path.isEmpty() && !exportNodeData(path, &error))
            emit loadFailed(error);
    });
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const QString nodes
            = m_sorted->index(index.row(), OpProfileModel::OnnxNodes).data(OpProfileModel::SortRole).toString();
        if (!nodes.isEmpty())
            emit nodeActivated(nodes.section(QStringLiteral(", "), 0, 0));
    });
    refresh();
}

ProfilePage::~ProfilePage() = default;

bool ProfilePage::isBusy() const
{
    return m_loader->isBusy() || m_mapper->isBusy();
}

void ProfilePage::chooseOpen()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Profile"), QString(),
        tr("Profiles (op_summary*.csv op_statistic*.csv kernel_details*.csv *.csv);;All files (*)"));
    if (!path.isEmpty())
        open(path);
}

void ProfilePage::chooseAgainst()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Compare With Profile"), QString(),
        tr("Profiles (op_summary*.csv op_statistic*.csv kernel_details*.csv *.csv);;All files (*)"));
    if (!path.isEmpty())
        openAgainst(path);
}

void ProfilePage::open(const QString& path)
{
    m_summary->setText(tr("Reading %1…").arg(QDir::toNativeSeparators(path)));
    m_loader->submit<ProfileOrError>([path] { return loadOnWorker(path); },
        [this, path](const ProfileOrError& result) {
            if (const Error* e = std::get_if<Error>(&result)) {
                m_summary->setText(QStringLiteral("<span style=\"color:%1\">%2</span>")
                                       .arg(theme::text(theme::Tone::Error).name(), e->message.toHtmlEscaped()));
                emit loadFailed(e->message);
                return;
            }
            setProfile(std::get<std::shared_ptr<const OpProfile>>(result), path);
        });
}

void ProfilePage::openAgainst(const QString& path)
{
    m_loader->submit<ProfileOrError>([path] { return loadOnWorker(path); },
        [this](const ProfileOrError& result) {
            if (const Error* e = std::get_if<Error>(&result)) {
                emit loadFailed(e->message);
                return;
            }
            m_other = std::get<std::shared_ptr<const OpProfile>>(result);
            refresh();
        });
}

void ProfilePage::setProfile(std::shared_ptr<const OpProfile> profile, const QString& source)
{
    m_profile = std::move(profile);
    m_source = source;
    m_mapping.reset();
    refresh();
    remap();
    emit profileChanged();
}

void ProfilePage::setModel(const OnnxModelPtr& model)
{
    if (model == m_onnx)
        return;
    m_onnx = model;
    m_nodes.clear();
    m_mapping.reset();
    remap();
}

void ProfilePage::setOm(std::shared_ptr<const OmModel> om)
{
    m_om = std::move(om);
    if (!m_onnx)
        m_nodes.clear(); // they came from the previous OM
    m_mapping.reset();
    remap();
}

QHash<QString, QColor> ProfilePage::nodeFills() const
{
    QHash<QString, QColor> fills;
    if (!m_mapping || m_mapping->nodes.isEmpty())
        return fills;
    const double hottest = std::max(1e-9, m_mapping->nodes.constFirst().percent);
    const QColor cool(0xfe, 0xed, 0xde);
    const QColor warm(0xfd, 0x8d, 0x3c);
    const QColor hot(0xd9, 0x48, 0x01);
    const auto mix = [](const QColor& a, const QColor& b, double t) {
        return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
            float(a.greenF() + (b.greenF() - a.greenF()) * t), float(a.blueF() + (b.blueF() - a.blueF()) * t));
    };
    for (const NodeTime& n : m_mapping->nodes) {
        const double t = std::clamp(n.percent / hottest, 0.0, 1.0);
        fills.insert(n.node, t < 0.5 ? mix(cool, warm, t * 2) : mix(warm, hot, (t - 0.5) * 2));
    }
    return fills;
}

QHash<QString, QString> ProfilePage::nodeSidebar() const
{
    QHash<QString, QString> html;
    if (!m_mapping)
        return html;
    for (const NodeTime& n : m_mapping->nodes)
        html.insert(n.node,
            tr("<h4>NPU profile</h4><p>%1 µs per iteration, %2 % of op time</p><p>Ops: %3</p>")
                .arg(n.perIterationUs, 0, 'f', 3)
                .arg(n.percent, 0, 'f', 2)
                .arg(n.ops.join(QStringLiteral(", ")).toHtmlEscaped()));
    return html;
}

void ProfilePage::remap()
{
    if (!m_profile || (!m_onnx && !m_om)) {
        refresh();
        return;
    }
    const OnnxModelPtr onnx = m_onnx;
    const std::shared_ptr<const OmModel> om = m_om;
    const std::shared_ptr<const OpProfile> profile = m_profile;
    const QList<ProfileGraphNode> known = m_nodes;
    m_mapper->submit<std::shared_ptr<const Mapped>>(
        [onnx, om, profile, known] {
            auto m = std::make_shared<Mapped>();
            m->nodes = known;
            if (m->nodes.isEmpty() && onnx) {
                const graph::GraphDocumentPtr doc = graph::GraphDocument::build(*onnx);
                for (const graph::Node& n : doc->nodes()) {
                    if (n.kind == graph::Node::Kind::Operator)
                        m->nodes.append(
                            { n.name, n.opType, n.outputs.isEmpty() ? QString() : n.outputs.constFirst().tensor });
                }
            } else if (m->nodes.isEmpty()) {
                for (const QString& node : onnxNodesNamedByOm(*om))
                    m->nodes.append({ node, QString(), QString() });
            }
            m->mapping
                = mapProfileToGraph(*profile, m->nodes, om ? profileOriginsFromOm(*om) : QHash<QString, QStringList>());
            return std::shared_ptr<const Mapped>(std::move(m));
        },
        [this, profile](const std::shared_ptr<const Mapped>& mapped) {
            if (profile != m_profile)
                return;
            m_nodes = mapped->nodes;
            m_mapping = mapped->mapping;
            refresh();
            emit profileChanged();
        });
}

QString ProfilePage::summaryText() const
{
    return m_summary->text();
}

QStringList ProfilePage::unmappedOps() const
{
    return m_mapping ? m_mapping->unmapped : QStringList();
}

int ProfilePage::comparisonRows() const
{
    return m_compare->isVisible() || m_other ? m_compare->rowCount() : 0;
}

void ProfilePage::refresh()
{
    m_model->setProfile(m_profile, mapping());
    m_chart->setProfile(m_profile.get());
    m_export->setEnabled(m_profile != nullptr);
    m_against->setEnabled(m_profile != nullptr);
    m_exportNodes->setEnabled(m_mapping.has_value());
    m_unmapped->clear();
    if (!m_profile)
        return;
    const OpProfile& p = *m_profile;
    QString text = tr("<b>%1</b> from %2: %3 op(s), %4 iteration(s), <b>%5 µs</b> of op time per iteration.")
                       .arg(profileKindName(p.kind), m_source.toHtmlEscaped())
                       .arg(p.ops.size())
                       .arg(p.iterations)
                       .arg(p.totalUsPerIteration(), 0, 'f', 1);
    if (p.hostUsPerIteration)
        text += QLatin1Char(' ')
            + tr("Host time outside ops: %1 µs per iteration (not in the shares).")
                  .arg(*p.hostUsPerIteration, 0, 'f', 1);
    if (p.rowsSkipped > 0)
        text += QStringLiteral(" <span style=\"color:%1\">%2</span>")
                    .arg(theme::text(theme::Tone::Warning).name(),
                        tr("%1 of %2 row(s) skipped: %3")
                            .arg(p.rowsSkipped)
                            .arg(p.rowsRead)
                            .arg(p.warnings.value(0).toHtmlEscaped()));
    if (m_mapping)
        text += QLatin1Char(' ')
            + tr("On the ONNX graph: %1 op(s) on %2 node(s), %3 without a node.")
                  .arg(m_mapping->mappedOps)
                  .arg(m_mapping->nodes.size())
                  .arg(m_mapping->unmapped.size());
    std::optional<ProfileComparison> cmp;
    if (m_other)
        cmp = compareProfiles(p, *m_other);
    if (cmp)
        text += QLatin1Char(' ')
            + tr("Against %1: %2 µs per iteration, speed-up %3×, %4 new, %5 vanished.")
                  .arg(cmp->otherSource.toHtmlEscaped())
                  .arg(cmp->otherUs, 0, 'f', 1)
                  .arg(cmp->speedup ? QString::number(*cmp->speedup, 'f', 2) : QStringLiteral("-"))
                  .arg(cmp->newOps)
                  .arg(cmp->vanishedOps);
    m_summary->setText(text);

    m_unmappedLabel->setVisible(m_mapping.has_value());
    m_unmapped->setVisible(m_mapping.has_value());
    if (m_mapping) {
        m_unmappedLabel->setText(
            tr("Ops without an ONNX node (inserted by ATC, or renamed): %1").arg(m_mapping->unmapped.size()));
        for (const QString& op : m_mapping->unmapped) {
            const ProfileOp* o = p.op(op);
            m_unmapped->addItem(o ? QStringLiteral("%1  (%2, %3 %)").arg(op, o->type).arg(o->percent, 0, 'f', 2) : op);
        }
    }

    m_compare->setSortingEnabled(false);
    m_compare->setRowCount(0);
    m_compare->setVisible(cmp.has_value());
    if (cmp) {
        m_compare->setRowCount(static_cast<int>(cmp->rows.size()));
        const auto number = [](const std::optional<double>& v, int decimals) {
            auto* item = new QTableWidgetItem;
            if (v)
                item->setData(Qt::DisplayRole, std::round(*v * std::pow(10, decimals)) / std::pow(10, decimals));
            else
                item->setText(QStringLiteral("-"));
            return item;
        };
        for (int row = 0; row < cmp->rows.size(); ++row) {
            const ProfileCompareRow& r = cmp->rows.at(row);
            m_compare->setItem(row, 0, new QTableWidgetItem(r.name));
            m_compare->setItem(row, 1, number(r.thisUs, 3));
            m_compare->setItem(row, 2, number(r.otherUs, 3));
            m_compare->setItem(row, 3, number(r.speedup, 2));
            auto* status = new QTableWidgetItem(r.status == QLatin1String("new") ? tr("new")
                    : r.status == QLatin1String("vanished")                      ? tr("vanished")
                                                                                 : QString());
            if (r.status != QLatin1String("both"))
                status->setForeground(theme::text(theme::Tone::Warning));
            m_compare->setItem(row, 4, status);
        }
    }
    m_compare->setSortingEnabled(true);
}

bool ProfilePage::exportCsv(const QString& path, QString* error) const
{
    if (!m_profile)
        return false;
    auto written = writeFileAtomically(path, profileToCsv(*m_profile, mapping()));
    if (!written && error)
        *error = written.error().message;
    return written.ok();
}

bool ProfilePage::exportNodeData(const QString& path, QString* error) const
{
    if (!m_mapping)
        return false;
    auto written = writeFileAtomically(
        path, QJsonDocument(modelExplorerNodeData(*m_mapping, m_nodes)).toJson(QJsonDocument::Indented));
    if (!written && error)
        *error = written.error().message;
    return written.ok();
}

} // namespace wb
