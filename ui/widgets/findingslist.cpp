#include "findingslist.h"

#include <QHeaderView>
#include <QRegularExpression>
#include <QStyle>

namespace wb {

namespace {

constexpr int kDetailRole = Qt::UserRole + 1;
constexpr int kDetailHtmlRole = Qt::UserRole + 2;

} // namespace

FindingsList::FindingsList(QWidget* parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("findingsList"));
    setColumnCount(3);
    setHeaderLabels({ tr("Severity"), tr("Flag"), tr("Finding") });
    setRootIsDecorated(false);
    setUniformRowHeights(true); // one short row each: the full text is in the pane below
    setAlternatingRowColors(true);
    setTextElideMode(Qt::ElideRight);
    header()->setStretchLastSection(true);
    connect(this, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
        const QStringList nodes = item->data(0, Qt::UserRole).toStringList();
        if (!nodes.isEmpty())
            emit nodeActivated(nodes.first());
        const QString field = item->data(1, Qt::UserRole).toString();
        if (!field.isEmpty())
            emit fieldActivated(field);
    });
    connect(this, &QTreeWidget::currentItemChanged, this, [this] { emit currentDetailChanged(detailHtml()); });
}

// QTreeWidget's destructor clears the items and so changes the current item: not a change anyone should hear of
// from a half-destroyed list.
FindingsList::~FindingsList()
{
    blockSignals(true);
}

QString FindingsList::severityText(AtcSeverity severity)
{
    switch (severity) {
    case AtcSeverity::Info:
        return tr("info");
    case AtcSeverity::Warning:
        return tr("warning");
    case AtcSeverity::Error:
        break;
    }
    return tr("error");
}

QString FindingsList::severityText(Severity severity)
{
    return severityText(severity == Severity::Error ? AtcSeverity::Error
            : severity == Severity::Warning         ? AtcSeverity::Warning
                                                    : AtcSeverity::Info);
}

QString FindingsList::displayHint(const QString& hint)
{
    static const QRegularExpression control(QStringLiteral("\\*([^*\\n]+)\\*"));
    QString text = hint;
    return text.replace(control, QStringLiteral("“\\1”"));
}

void FindingsList::setFindings(const QList<AtcFinding>& findings)
{
    const QString selected = currentItem() ? currentItem()->text(2) : QString(); // kept across re-checks
    clear();
    bool anyField = false;
    QTreeWidgetItem* keep = nullptr;
    for (const AtcFinding& f : findings) {
        auto* item = new QTreeWidgetItem(this);
        const QStyle::StandardPixmap icon = f.severity == AtcSeverity::Error ? QStyle::SP_MessageBoxCritical
            : f.severity == AtcSeverity::Warning                             ? QStyle::SP_MessageBoxWarning
                                                                             : QStyle::SP_MessageBoxInformation;
        item->setIcon(0, style()->standardIcon(icon));
        item->setText(0, severityText(f.severity));
        item->setText(1, f.field.isEmpty() ? QString() : QStringLiteral("--") + f.field);
        anyField = anyField || !f.field.isEmpty();
        item->setText(2, f.message);
        const QString fix = displayHint(f.fix);
        QString detail = f.message;
        QString html = QStringLiteral("<p>%1</p>").arg(f.message.toHtmlEscaped());
        if (!fix.isEmpty()) {
            detail += QStringLiteral("\n→ ") + fix;
            html += QStringLiteral("<p>→ %1</p>").arg(fix.toHtmlEscaped());
        }
        if (!f.atcError.isEmpty()) {
            detail += QLatin1Char(' ') + tr("(prevents %1)").arg(f.atcError);
            html += QStringLiteral("<p>%1</p>").arg(tr("(prevents %1)").arg(f.atcError));
        }
        if (!f.nodes.isEmpty()) {
            const QString nodes
                = tr("Nodes: %1 (double-click to show in the graph)").arg(f.nodes.join(QStringLiteral(", ")));
            detail += QLatin1Char('\n') + nodes;
            html += QStringLiteral("<p>%1</p>").arg(nodes.toHtmlEscaped());
        }
        item->setToolTip(2, detail);
        item->setData(0, Qt::UserRole, f.nodes);
        item->setData(1, Qt::UserRole, f.field);
        item->setData(2, kDetailRole, detail);
        item->setData(2, kDetailHtmlRole, html);
        if (!keep && !selected.isEmpty() && f.message == selected)
            keep = item;
    }
    setColumnHidden(1, !anyField); // an empty column says nothing
    resizeColumnToContents(0);
    resizeColumnToContents(1);
    if (keep || topLevelItemCount() > 0)
        setCurrentItem(keep ? keep : topLevelItem(0)); // else the first (worst) finding is readable in full at once
    emit currentDetailChanged(detailHtml());
}

QString FindingsList::detailText() const
{
    return currentItem() ? currentItem()->data(2, kDetailRole).toString() : QString();
}

QString FindingsList::detailHtml() const
{
    return currentItem() ? currentItem()->data(2, kDetailHtmlRole).toString() : QString();
}

} // namespace wb
