#pragma once

#include <QAbstractListModel>

namespace wb::graph {

// Marks on graph nodes from any check or run ("shapes", "check", "atc", "accuracy"): the graph view colours
// marked nodes, and this model is the Problems list: one row per node (its worst severity first), the node's
// messages without repeats in MessagesRole, the first of them, shortened, in the row. Each source replaces its own
// marks.
class OverlayModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum class Severity { Info, Warning, Error };
    Q_ENUM(Severity)
    struct Mark {
        QString node; // GraphDocument node name
        Severity severity = Severity::Warning;
        QString message;
        QString source;
    };
    enum Role {
        NodeRole = Qt::UserRole + 1,
        SeverityRole, // the node's worst
        MessageRole, // the worst mark's message
        SourceRole, // the worst mark's source
        MessagesRole, // QStringList: every distinct message on the node, worst first, "source: message"
    };

    explicit OverlayModel(QObject* parent = nullptr);

    void setMarks(const QString& source, const QList<Mark>& marks);
    void clear(const QString& source = {}); // empty: every source
    const QList<Mark>& marks() const { return m_marks; }
    // The most severe mark on `node`, or nullptr.
    const Mark* worstFor(const QString& node) const;
    // The row text: the first sentence of `message`, at most `maxChars` (an ellipsis when cut).
    static QString shortText(const QString& message, int maxChars = 90);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void marksChanged();

private:
    void rebuildRows();
    QList<Mark> m_marks;
    struct Row {
        QString node;
        qsizetype worst = 0; // index in m_marks
        QStringList messages;
    };
    QList<Row> m_rows;
};

} // namespace wb::graph
