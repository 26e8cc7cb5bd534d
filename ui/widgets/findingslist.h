#pragma once

#include "atc/atcfinding.h"
#include "parsing/atclog.h"

#include <QTreeWidget>

namespace wb {

// Findings of the conversion checks: one short row each (severity icon and name, flag, message); the full text
// (message, fix, the ATC error it prevents, the nodes) of the selected one via detailText() and
// currentDetailChanged(), for a pane below the list. The flag column shows only while a finding names a flag.
class FindingsList : public QTreeWidget {
    Q_OBJECT
public:
    explicit FindingsList(QWidget* parent = nullptr);
    ~FindingsList() override;
    void setFindings(const QList<AtcFinding>& findings);
    QString detailText() const; // the current finding's full text, "" when there is none
    QString detailHtml() const; // the same for a rich-text label

    // Severity names and hints as the GUI shows them: translated, *Control* markers as “Control”.
    static QString severityText(AtcSeverity severity);
    static QString severityText(Severity severity);
    static QString displayHint(const QString& hint);

signals:
    void nodeActivated(const QString& node); // double-click on a finding that names nodes
    void fieldActivated(const QString& field);
    void currentDetailChanged(const QString& html);
};

} // namespace wb
