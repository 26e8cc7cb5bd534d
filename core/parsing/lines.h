#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>

namespace wb {

// Cuts a byte stream that arrives in arbitrary chunks into lines. `\n`, `\r\n` and a bare `\r` each end a line
// (a `\r\n` split across two chunks still counts once); the terminator is not part of the line. Bytes are kept
// as they are (no decoding), so a UTF-8 sequence cut by a chunk boundary is reassembled before anyone decodes it.
class LineAssembler {
public:
    // Appends `chunk` and returns the lines it completed, oldest first.
    QList<QByteArray> push(QByteArrayView chunk);
    // Returns the unterminated last line, if any, and resets the assembler.
    std::optional<QByteArray> finish();
    // The unterminated bytes seen so far (e.g. a line of progress dots that has no newline yet).
    const QByteArray& pending() const { return m_partial; }

private:
    QByteArray m_partial;
    bool m_afterCr = false; // the previous chunk ended with `\r`: a leading `\n` belongs to it
};

// All lines of `data` (a final line without terminator included; no empty line after a final terminator).
QList<QByteArray> splitLines(QByteArrayView data);

} // namespace wb
