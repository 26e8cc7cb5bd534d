#include "overlaymodel.h"

#include <algorithm>

namespace wb::graph {

OverlayModel::OverlayModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

void OverlayModel::setMarks(const QString& source, const QList<Mark>& marks)
{
    beginResetModel();
    m_marks.removeIf([&](const Mark& m) { return m.source == source; });
    for (Mark m : marks) {
        m.source = source;
        m_marks.append(m);
    }
    // Most severe first, then by source and node, so the list reads the same every time.
    std::stable_sort(m_marks.begin(), m_marks.end(), [](const Mark& a, const Mark& b) {
        if (a.severity != b.severity)
            return a.severity > b.severity;
        return a.source != b.source ? a.source < b.source : a.node < b.node;
    });
    endResetModel();
    emit marksChanged();
}

void OverlayModel::clear(const QString& source)
{
    beginResetModel();
    if (source.isEmpty())
        m_marks.clear();
    else
        m_marks.removeIf([&](const Mark& m) { return m.source == source; });
    endResetModel();
    emit marksChanged();
}

const OverlayModel::Mark* OverlayModel::worstFor(const QString& node) const
{
    const Mark* worst = nullptr;
    for (const Mark& m : m_marks) {
        if (m.node == node && (!worst || m.severity > worst->severity))
            worst = &m;
    }
    return worst;
}

int OverlayModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_marks.size());
}

QVariant OverlayModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Mark& m = m_marks.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1: %2").arg(m.node, m.message);
    case Qt::ToolTipRole:
        return QStringLiteral("[%1] %2").arg(m.source, m.message);
    case NodeRole:
        return m.node;
    case SeverityRole:
        return static_cast<int>(m.severity);
    case MessageRole:
        return m.message;
    case SourceRole:
        return m.source;
    default:
        return {};
    }
}

QHash<int, QByteArray> OverlayModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(NodeRole, "node");
    names.insert(SeverityRole, "severity");
    names.insert(MessageRole, "message");
    names.insert(SourceRole, "source");
    return names;
}

} // namespace wb::graph
