#pragma once

#include <QRectF>

#include <vector>

namespace wb::graph {

// A uniform grid over rectangles: which of them meet a query rectangle, in time proportional to the answer.
class SpatialIndex {
public:
    void build(const std::vector<QRectF>& rects, double cellSize = 400);
    // Indexes of rects intersecting `area`, each once, in ascending order.
    std::vector<int> query(const QRectF& area) const;
    bool isEmpty() const { return m_rects.empty(); }

private:
    std::vector<QRectF> m_rects;
    std::vector<std::vector<int>> m_cells;
    int m_columns = 0;
    int m_rows = 0;
    double m_cell = 400;
    mutable std::vector<unsigned> m_stamp;
    mutable unsigned m_generation = 0;
};

} // namespace wb::graph
