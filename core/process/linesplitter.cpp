#include "linesplitter.h"

#include <algorithm>

namespace wb {

namespace {

    bool isContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

    // Where to cut `bytes` at most `limit` bytes in without splitting a UTF-8 sequence: step back over at most
    // three continuation bytes; give up (cut at `limit`) when that does not find a boundary.
    qsizetype utf8Cut(const char* bytes, qsizetype limit)
    {
        qsizetype cut = limit;
        for (int back = 0; back < 3 && cut > 0 && isContinuationByte(bytes[cut]); ++back)
            --cut;
        return isContinuationByte(bytes[cut]) ? limit : cut;
    }

} // namespace

LineSplitter::LineSplitter(qsizetype maxLineBytes)
    : m_maxLineBytes(std::max<qsizetype>(maxLineBytes, 4))
{
}

QString LineSplitter::decode(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes);
}

QStringList LineSplitter::feed(QByteArrayView data)
{
    QStringList lines;
    const char* p = data.data();
    const char* const end = p + data.size();
    if (m_skipLineFeed && p < end) {
        if (*p == '\n')
            ++p;
        m_skipLineFeed = false;
    }
    while (p < end) {
        const char* q = p;
        while (q < end && *q != '\n' && *q != '\r')
            ++q;
        if (q == end) {
            append(p, end - p, lines);
            break;
        }
        if (m_partial.isEmpty() && q - p <= m_maxLineBytes) {
            lines.append(decode(QByteArrayView(p, q - p))); // fast path: no copy into m_partial
        } else {
            append(p, q - p, lines);
            lines.append(decode(m_partial));
            m_partial.clear();
        }
        if (*q == '\r') {
            if (q + 1 == end)
                m_skipLineFeed = true;
            else if (q[1] == '\n')
                ++q;
        }
        p = q + 1;
    }
    return lines;
}

void LineSplitter::append(const char* bytes, qsizetype size, QStringList& out)
{
    while (m_partial.size() + size > m_maxLineBytes) {
        const qsizetype room = m_maxLineBytes - m_partial.size();
        qsizetype cut = utf8Cut(bytes, room);
        if (cut == 0 && m_partial.isEmpty())
            cut = room;
        m_partial.append(bytes, cut);
        out.append(decode(m_partial));
        m_partial.clear();
        bytes += cut;
        size -= cut;
    }
    m_partial.append(bytes, size);
}

std::optional<QString> LineSplitter::flushPartial()
{
    if (m_partial.isEmpty())
        return std::nullopt;
    QString line = decode(m_partial);
    m_partial.clear();
    return line;
}

void LineSplitter::reset()
{
    m_partial.clear();
    m_skipLineFeed = false;
}

} // namespace wb
