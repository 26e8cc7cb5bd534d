#pragma once

#include <QAbstractItemView>
#include <QItemSelectionModel>
#include <QList>

#include <algorithm>
#include <functional>

namespace wb {

// Removes every row of the view's model that has a selected cell (last first, so the indices stay valid) and
// returns how many went.
inline int removeSelectedRows(QAbstractItemView* view)
{
    QList<int> rows;
    for (const QModelIndex& index : view->selectionModel()->selectedIndexes()) {
        if (!rows.contains(index.row()))
            rows.append(index.row());
    }
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (const int r : rows)
        view->model()->removeRow(r);
    return int(rows.size());
}

} // namespace wb
