#include "linesplitter.h"

#include <algorithm>

namespace wb {

namespace {

bool isContinuationByte(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}
bool isLeadByte(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0xC0;
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
        m_partial.append(bytes, room);
        bytes += room;
        size -= room; // still > 0: the byte after the full piece decides where to cut
        qsizetype cut = m_maxLineBytes;
        if (isContinuationByte(*bytes)) {
            // A UTF-8 sequence straddles the limit: end the piece before its lead byte (at most 3 bytes back).
            for (qsizetype i = m_maxLineBytes - 1; i >= 0 && i >= m_maxLineBytes - 3; --i) {
                if (isLeadByte(m_partial.at(i))) {
                    cut = i > 0 ? i : m_maxLineBytes;
                    break;
                }
                if (!isContinuationByte(m_partial.at(i)))
                    break;
            }
        }
        out.append(decode(QByteArrayView(m_partial).first(cut)));
        m_partial.remove(0, cut); // the start of the straddling character, if any (at most 3 bytes)
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
