#pragma once

#include <QObject>

class QTableView;

namespace wb {

// The input-shape table of the Shapes and Convert pages (an InputShapeModel): installs the chip and static-shape
// delegates and keeps the columns fitted. The static shape is what the user types, so it keeps its room: the model's
// shape gets what is left (its delegate elides the chips, the tooltip has them whole), and the static shape column
// stretches over the rest (a reason after the shape may be elided; the page's status line has it in full). Refitted
// when the view is resized and when the rows change.
class InputShapeColumns : public QObject {
    Q_OBJECT
public:
    // Parented to the view.
    explicit InputShapeColumns(QTableView* view);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void fit();

    QTableView* m_view;
    bool m_fitting = false;
};

} // namespace wb
