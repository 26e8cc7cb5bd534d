#pragma once

#include <QAbstractItemView>
#include <QItemSelectionModel>
#include <QList>

#include <algorithm>
#include <functional>

namespace wb {

// The rows with a selected cell, each once, last first: the order to remove them in.
inline QList<int> selectedRowsDescending(const QAbstractItemView* view)
{
    QList<int> rows;
    for (const QModelIndex& index : view->selectionModel()->selectedIndexes()) {
        if (!rows.contains(index.row()))
            rows.append(index.row());
    }
    std::sort(rows.begin(), rows.end(), std::greater<>());
    return rows;
}

} // namespace wb
