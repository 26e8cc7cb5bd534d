#include "inputshapecolumns.h"

#include "shapedelegate.h"
#include "staticshapedelegate.h"

#include "models/inputshapemodel.h"

#include <QEvent>
#include <QHeaderView>
#include <QScopedValueRollback>
#include <QTableView>

namespace wb {

InputShapeColumns::InputShapeColumns(QTableView* view)
    : QObject(view)
    , m_view(view)
{
    view->setItemDelegateForColumn(InputShapeModel::ModelShapeColumn, new ShapeDelegate(view));
    view->setItemDelegateForColumn(InputShapeModel::StaticShapeColumn, new StaticShapeDelegate(view));
    QHeaderView* header = view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true); // the static shape column
    // A narrowed title is cut at its end ("Shape in the mod"), not on both sides as a centred one would be.
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    view->viewport()->installEventFilter(this);
    QAbstractItemModel* model = view->model();
    Q_ASSERT(model); // set the model first
    connect(model, &QAbstractItemModel::modelReset, this, &InputShapeColumns::fit);
    connect(model, &QAbstractItemModel::rowsInserted, this, &InputShapeColumns::fit);
    connect(model, &QAbstractItemModel::dataChanged, this, &InputShapeColumns::fit);
}

bool InputShapeColumns::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        fit();
    return QObject::eventFilter(watched, event);
}

void InputShapeColumns::fit()
{
    if (m_fitting)
        return;
    const QScopedValueRollback guard(m_fitting, true);
    const QAbstractItemModel* model = m_view->model();
    const auto* view = static_cast<const QAbstractItemView*>(m_view); // sizeHintForColumn is public there
    const QFontMetrics fm = m_view->fontMetrics();
    const int x = fm.horizontalAdvance(QLatin1Char('x'));
    const int pad = 3 * x; // cell margins and the focus frame
    const auto headerWidth = [&](int column) {
        return m_view->horizontalHeader()->fontMetrics().horizontalAdvance(
                   model->headerData(column, Qt::Horizontal).toString())
            + pad;
    };
    const int name = qMin(
        qMax(view->sizeHintForColumn(InputShapeModel::NameColumn), headerWidth(InputShapeModel::NameColumn)), 20 * x);
    const int dtype
        = qMax(view->sizeHintForColumn(InputShapeModel::DTypeColumn), headerWidth(InputShapeModel::DTypeColumn));
    // What the static shape column needs: its title, and every row's shape as typed (not the reason after it).
    int staticNeeds = qMax(headerWidth(InputShapeModel::StaticShapeColumn), 12 * x);
    for (int row = 0; row < model->rowCount(); ++row) {
        const QString typed = model->index(row, InputShapeModel::StaticShapeColumn).data(Qt::EditRole).toString();
        staticNeeds = qMax(staticNeeds, fm.horizontalAdvance(typed) + pad);
    }
    const int modelWants = qMax(
        view->sizeHintForColumn(InputShapeModel::ModelShapeColumn), headerWidth(InputShapeModel::ModelShapeColumn));
    const int left = m_view->viewport()->width() - name - dtype - staticNeeds;
    m_view->setColumnWidth(InputShapeModel::NameColumn, name);
    m_view->setColumnWidth(InputShapeModel::DTypeColumn, dtype);
    m_view->setColumnWidth(InputShapeModel::ModelShapeColumn, qBound(8 * x, left, modelWants));
}

} // namespace wb
