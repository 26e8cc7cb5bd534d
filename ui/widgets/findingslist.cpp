#include "findingslist.h"

#include <QHeaderView>
#include <QStyle>

namespace wb {

FindingsList::FindingsList(QWidget* parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("findingsList"));
    setColumnCount(3);
    setHeaderLabels({ tr("Severity"), tr("Flag"), tr("Finding") });
    setRootIsDecorated(false);
    setWordWrap(true);
    setAlternatingRowColors(true);
    header()->setStretchLastSection(true);
    connect(this, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
        const QStringList nodes = item->data(0, Qt::UserRole).toStringList();
        if (!nodes.isEmpty())
            emit nodeActivated(nodes.first());
        const QString field = item->data(1, Qt::UserRole).toString();
        if (!field.isEmpty())
            emit fieldActivated(field);
    });
}

void FindingsList::setFindings(const QList<AtcFinding>& findings)
{
    clear();
    for (const AtcFinding& f : findings) {
        auto* item = new QTreeWidgetItem(this);
        const QStyle::StandardPixmap icon = f.severity == AtcSeverity::Error ? QStyle::SP_MessageBoxCritical
            : f.severity == AtcSeverity::Warning                             ? QStyle::SP_MessageBoxWarning
                                                                             : QStyle::SP_MessageBoxInformation;
        item->setIcon(0, style()->standardIcon(icon));
        item->setText(0, severityName(f.severity));
        item->setText(1, f.field.isEmpty() ? QStringLiteral("—") : QStringLiteral("--") + f.field);
        QString text = f.message;
        if (!f.fix.isEmpty())
            text += QStringLiteral("\n→ ") + f.fix;
        if (!f.atcError.isEmpty())
            text += QStringLiteral(" (prevents %1)").arg(f.atcError);
        item->setText(2, text);
        item->setToolTip(2,
            text
                + (f.nodes.isEmpty() ? QString()
                                     : tr("\nNodes: %1 (double-click to show in the graph)")
                                           .arg(f.nodes.join(QStringLiteral(", ")))));
        item->setData(0, Qt::UserRole, f.nodes);
        item->setData(1, Qt::UserRole, f.field);
    }
    resizeColumnToContents(0);
    resizeColumnToContents(1);
}

} // namespace wb
