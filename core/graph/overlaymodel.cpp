#include "overlaymodel.h"

#include <QHash>

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
    rebuildRows();
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
    rebuildRows();
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

// One row per node, in the order of its worst mark (m_marks is sorted worst first); a message said twice (by two
// sources, or twice by one) is listed once.
void OverlayModel::rebuildRows()
{
    m_rows.clear();
    QHash<QString, qsizetype> rowOf;
    for (qsizetype i = 0; i < m_marks.size(); ++i) {
        const Mark& m = m_marks.at(i);
        auto it = rowOf.constFind(m.node);
        if (it == rowOf.constEnd()) {
            it = rowOf.insert(m.node, m_rows.size());
            m_rows.append({ m.node, i, {} });
        }
        Row& row = m_rows[*it];
        bool seen = false;
        for (const QString& said : std::as_const(row.messages))
            seen = seen || said.endsWith(QStringLiteral(": ") + m.message);
        if (!seen)
            row.messages.append(QStringLiteral("%1: %2").arg(m.source, m.message));
    }
}

QString OverlayModel::shortText(const QString& message, int maxChars)
{
    QString text = message.section(QLatin1Char('\n'), 0, 0);
    // The first sentence: up to ". " (not a decimal point or a file name's dot).
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('.') && text.at(i + 1) == QLatin1Char(' ')) {
            text.truncate(i + 1);
            break;
        }
    }
    if (text.size() > maxChars)
        text = text.left(maxChars - 1).trimmed() + QChar(0x2026);
    return text;
}

int OverlayModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant OverlayModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    const Mark& m = m_marks.at(row.worst);
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1: %2").arg(m.node, shortText(m.message));
    case Qt::ToolTipRole:
        return row.messages.join(QLatin1Char('\n'));
    case MessagesRole:
        return row.messages;
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
    names.insert(MessagesRole, "messages");
    return names;
}

} // namespace wb::graph
