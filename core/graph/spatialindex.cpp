#include "spatialindex.h"

#include <algorithm>
#include <cmath>

namespace wb::graph {

void SpatialIndex::build(const std::vector<QRectF>& rects, double cellSize)
{
    m_rects = rects;
    m_cell = cellSize;
    double w = 0, h = 0;
    for (const QRectF& r : rects) {
        w = std::max(w, r.right());
        h = std::max(h, r.bottom());
    }
    m_columns = std::max(1, int(std::ceil(w / m_cell)) + 1);
    m_rows = std::max(1, int(std::ceil(h / m_cell)) + 1);
    // Very wide or tall layouts: coarsen so the grid stays small.
    while (double(m_columns) * m_rows > 4e6) {
        m_cell *= 2;
        m_columns = std::max(1, int(std::ceil(w / m_cell)) + 1);
        m_rows = std::max(1, int(std::ceil(h / m_cell)) + 1);
    }
    m_cells.assign(size_t(m_columns) * size_t(m_rows), {});
    for (size_t i = 0; i < rects.size(); ++i) {
        const QRectF& r = rects[i];
        const int c0 = std::clamp(int(r.left() / m_cell), 0, m_columns - 1);
        const int c1 = std::clamp(int(r.right() / m_cell), 0, m_columns - 1);
        const int r0 = std::clamp(int(r.top() / m_cell), 0, m_rows - 1);
        const int r1 = std::clamp(int(r.bottom() / m_cell), 0, m_rows - 1);
        for (int row = r0; row <= r1; ++row) {
            for (int col = c0; col <= c1; ++col)
                m_cells[size_t(row) * size_t(m_columns) + size_t(col)].push_back(int(i));
        }
    }
    m_stamp.assign(rects.size(), 0);
    m_generation = 0;
}

std::vector<int> SpatialIndex::query(const QRectF& area) const
{
    std::vector<int> hits;
    if (m_rects.empty())
        return hits;
    if (++m_generation == 0) {
        std::fill(m_stamp.begin(), m_stamp.end(), 0);
        m_generation = 1;
    }
    const int c0 = std::clamp(int(std::floor(area.left() / m_cell)), 0, m_columns - 1);
    const int c1 = std::clamp(int(std::floor(area.right() / m_cell)), 0, m_columns - 1);
    const int r0 = std::clamp(int(std::floor(area.top() / m_cell)), 0, m_rows - 1);
    const int r1 = std::clamp(int(std::floor(area.bottom() / m_cell)), 0, m_rows - 1);
    for (int row = r0; row <= r1; ++row) {
        for (int col = c0; col <= c1; ++col) {
            for (int i : m_cells[size_t(row) * size_t(m_columns) + size_t(col)]) {
                if (m_stamp[size_t(i)] == m_generation)
                    continue;
                m_stamp[size_t(i)] = m_generation;
                if (m_rects[size_t(i)].intersects(area))
                    hits.push_back(i);
            }
        }
    }
    std::sort(hits.begin(), hits.end());
    return hits;
}

} // namespace wb::graph
