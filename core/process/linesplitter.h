#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include <optional>

namespace wb {

// Turns a byte stream into lines, whatever the chunk boundaries. "\n", "\r\n" and a bare "\r" each end a line
// (also a "\r" ending one chunk with the "\n" starting the next: one line end, not two). The unfinished last line
// is kept until more bytes, flushPartial() or the end of the stream. Bytes are decoded as UTF-8, leniently: a
// malformed sequence becomes U+FFFD, never an error. A line longer than maxLineBytes is cut into pieces of at
// most that size (at a UTF-8 character boundary when possible), so a flood without line ends stays bounded.
class LineSplitter {
public:
    static constexpr qsizetype DefaultMaxLineBytes = 1024 * 1024;

    explicit LineSplitter(qsizetype maxLineBytes = DefaultMaxLineBytes);

    // The lines `data` completes, without their line ends.
    QStringList feed(QByteArrayView data);

    bool hasPartial() const { return !m_partial.isEmpty(); }
    qsizetype partialBytes() const { return m_partial.size(); }

    // Hands out the unfinished line as a line of its own (for an idle timer, and at the end of the stream);
    // nothing when there is none. Bytes arriving later start a new line.
    std::optional<QString> flushPartial();

    void reset();

    static QString decode(QByteArrayView bytes);

private:
    void append(const char* bytes, qsizetype size, QStringList& out);

    QByteArray m_partial;
    qsizetype m_maxLineBytes;
    bool m_skipLineFeed = false; // the last byte seen was a "\r": a "\n" right after it belongs to it
};

} // namespace wb
