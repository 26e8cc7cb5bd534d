#include "parsing/lines.h"

namespace wb {

QList<QByteArray> LineAssembler::push(QByteArrayView chunk)
{
    QList<QByteArray> lines;
    qsizetype start = 0;
    if (m_afterCr && !chunk.isEmpty() && chunk.front() == '\n')
        start = 1;
    if (!chunk.isEmpty())
        m_afterCr = false;
    for (qsizetype i = start; i < chunk.size(); ++i) {
        const char c = chunk.at(i);
        if (c != '\n' && c != '\r')
            continue;
        m_partial.append(chunk.sliced(start, i - start));
        lines.append(m_partial);
        m_partial.clear();
        if (c == '\r') {
            if (i + 1 < chunk.size()) {
                if (chunk.at(i + 1) == '\n')
                    ++i;
            } else {
                m_afterCr = true;
            }
        }
        start = i + 1;
    }
    if (start < chunk.size())
        m_partial.append(chunk.sliced(start));
    return lines;
}

std::optional<QByteArray> LineAssembler::finish()
{
    m_afterCr = false;
    if (m_partial.isEmpty())
        return std::nullopt;
    QByteArray last;
    last.swap(m_partial);
    return last;
}

QList<QByteArray> splitLines(QByteArrayView data)
{
    LineAssembler assembler;
    QList<QByteArray> lines = assembler.push(data);
    if (auto last = assembler.finish())
        lines.append(*last);
    return lines;
}

} // namespace wb
