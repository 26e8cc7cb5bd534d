#pragma once

#include <QAbstractListModel>

namespace wb::graph {

// Marks on graph nodes from any check or run ("shapes", "check", "atc", "accuracy"): the graph view colours
// marked nodes, and this model is the Problems list. Each source replaces its own marks.
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
    enum Role { NodeRole = Qt::UserRole + 1, SeverityRole, MessageRole, SourceRole };

    explicit OverlayModel(QObject* parent = nullptr);

    void setMarks(const QString& source, const QList<Mark>& marks);
    void clear(const QString& source = {}); // empty: every source
    const QList<Mark>& marks() const { return m_marks; }
    // The most severe mark on `node`, or nullptr.
    const Mark* worstFor(const QString& node) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void marksChanged();

private:
    QList<Mark> m_marks;
};

} // namespace wb::graph
