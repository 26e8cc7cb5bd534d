// LineSplitter: the same lines whatever the chunk boundaries; \n, \r\n and bare \r; lenient UTF-8; bounded lines.
#include "process/linesplitter.h"

#include <QRandomGenerator>
#include <QtTest>

using namespace wb;

namespace {

// Feeds `data` in the given chunk sizes (the last chunk takes the rest) and returns every line, the partial one
// flushed at the end (as the runner does when the stream ends).
QStringList split(const QByteArray& data, const QList<qsizetype>& chunks, qsizetype maxLineBytes)
{
    LineSplitter splitter(maxLineBytes);
    QStringList lines;
    qsizetype pos = 0;
    for (const qsizetype size : chunks) {
        if (pos >= data.size())
            break;
        lines += splitter.feed(QByteArrayView(data).sliced(pos, std::min(size, data.size() - pos)));
        pos += size;
    }
    if (pos < data.size())
        lines += splitter.feed(QByteArrayView(data).sliced(pos));
    if (const auto partial = splitter.flushPartial())
        lines.append(*partial);
    return lines;
}

QString withNul()
{
    return QString(QStringLiteral("a")) + QChar(0) + QStringLiteral("b");
}

} // namespace

class TestLineSplitter : public QObject {
    Q_OBJECT
private slots:
    void chunking_data();
    void chunking();
    void keepsPartialUntilFlushed();
    void crAtChunkEndThenLfIsOneLineEnd();
    void flushAfterCrDoesNotAddEmptyLine();
    void floodWithoutNewlinesStaysBounded();
};

void TestLineSplitter::chunking_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<qsizetype>("maxLineBytes");
    QTest::addColumn<QStringList>("expected");

    const qsizetype big = LineSplitter::DefaultMaxLineBytes;
    QTest::newRow("empty") << QByteArray() << big << QStringList();
    QTest::newRow("one line") << QByteArray("a\n") << big << QStringList { "a" };
    QTest::newRow("no line end: partial") << QByteArray("abc") << big << QStringList { "abc" };
    QTest::newRow("line then partial") << QByteArray("a\nb") << big << QStringList { "a", "b" };
    QTest::newRow("crlf") << QByteArray("a\r\nb\r\n") << big << QStringList { "a", "b" };
    QTest::newRow("bare cr") << QByteArray("a\rb\r") << big << QStringList { "a", "b" };
    QTest::newRow("progress with cr") << QByteArray("10%\r50%\r100%\r\ndone\n") << big
                                      << QStringList { "10%", "50%", "100%", "done" };
    QTest::newRow("cr cr lf") << QByteArray("a\r\r\nb") << big << QStringList { "a", "", "b" };
    QTest::newRow("empty lines lf") << QByteArray("\n\n") << big << QStringList { "", "" };
    QTest::newRow("empty lines crlf") << QByteArray("\r\n\r\n") << big << QStringList { "", "" };
    QTest::newRow("lf then cr") << QByteArray("\n\r") << big << QStringList { "", "" };
    QTest::newRow("lf, bare cr, crlf") << QByteArray("x\n\ry\r\n") << big << QStringList { "x", "", "y" };
    QTest::newRow("atc dots then status") << QByteArray(
        "ATC start working now, please wait for a moment.\n.........\n...ATC run success, welcome "
        "to the next use.\n") << big
                                          << QStringList { "ATC start working now, please wait for a moment.",
                                                 ".........", "...ATC run success, welcome to the next use." };
    QTest::newRow("dots without line end")
        << QByteArray("ATC start\n.....") << big << QStringList { "ATC start", "....." };
    QTest::newRow("utf-8") << QByteArray("\xe6\xa8\xa1\xe5\x9e\x8b\n") << big << QStringList { "模型" };
    QTest::newRow("latin-1 byte") << QByteArray("caf\xe9\n") << big << QStringList { "caf\uFFFD" };
    QTest::newRow("invalid bytes") << QByteArray("\xff\xfe\n") << big << QStringList { "\uFFFD\uFFFD" };
    QTest::newRow("truncated sequence") << QByteArray("x\xe6\xa8\ny\n") << big
                                        << QStringList { QString::fromUtf8("x\xe6\xa8"), "y" }; // Qt's own decoding
    QTest::newRow("nul byte") << QByteArray("a\0b\n", 4) << big << QStringList { withNul() };
    QTest::newRow("cut long line") << QByteArray("0123456789\n") << qsizetype(8) << QStringList { "01234567", "89" };
    QTest::newRow("cut exactly at max") << QByteArray("01234567\n") << qsizetype(8) << QStringList { "01234567" };
    QTest::newRow("cut partial") << QByteArray("0123456789abcdefXY") << qsizetype(8)
                                 << QStringList { "01234567", "89abcdef", "XY" };
    QTest::newRow("cut before a utf-8 character")
        << QByteArray("aaaaaa\xe6\xa8\xa1\n") << qsizetype(8) << QStringList { "aaaaaa", "模" };
    QTest::newRow("cut inside a utf-8 character")
        << QByteArray("aaaaaaa\xe6\xa8\xa1\n") << qsizetype(8) << QStringList { "aaaaaaa", "模" };
    QTest::newRow("cut between utf-8 characters")
        << QByteArray("aa\xe6\xa8\xa1\xe5\x9e\x8b\xe6\xa8\xa1\n") << qsizetype(8) << QStringList { "aa模型", "模" };
    QTest::newRow("cut invalid continuation run")
        << QByteArray("\xa1\xa1\xa1\xa1\xa1\xa1\xa1\xa1\xa1x\n") << qsizetype(8)
        << QStringList { QString::fromUtf8("\xa1\xa1\xa1\xa1\xa1\xa1\xa1\xa1"), QString::fromUtf8("\xa1x") };
    QTest::newRow("cut long line with crlf")
        << QByteArray("0123456789\r\nz\r") << qsizetype(8) << QStringList { "01234567", "89", "z" };
}

void TestLineSplitter::chunking()
{
    QFETCH(QByteArray, data);
    QFETCH(qsizetype, maxLineBytes);
    QFETCH(QStringList, expected);

    QCOMPARE(split(data, {}, maxLineBytes), expected); // in one piece
    for (qsizetype cut = 1; cut < data.size(); ++cut) // every boundary between two chunks
        QCOMPARE(split(data, { cut }, maxLineBytes), expected);
    QCOMPARE(split(data, QList<qsizetype>(data.size(), 1), maxLineBytes), expected); // byte by byte
    QRandomGenerator random(42);
    for (int round = 0; round < 20; ++round) {
        QList<qsizetype> chunks;
        for (qsizetype total = 0; total < data.size(); total += chunks.last())
            chunks.append(random.bounded(1, 5));
        QCOMPARE(split(data, chunks, maxLineBytes), expected);
    }
}

void TestLineSplitter::keepsPartialUntilFlushed()
{
    LineSplitter splitter;
    QVERIFY(!splitter.flushPartial().has_value());
    QCOMPARE(splitter.feed("ATC start\n...."), QStringList { "ATC start" });
    QVERIFY(splitter.hasPartial());
    QCOMPARE(splitter.partialBytes(), qsizetype(4));
    QCOMPARE(splitter.feed(".."), QStringList());
    QCOMPARE(splitter.flushPartial(), std::optional<QString>(QStringLiteral("......")));
    QVERIFY(!splitter.hasPartial());
    // what follows a flushed fragment is a line of its own
    QCOMPARE(splitter.feed("...ATC run success\n"), QStringList { "...ATC run success" });
    QVERIFY(!splitter.flushPartial().has_value());
}

void TestLineSplitter::crAtChunkEndThenLfIsOneLineEnd()
{
    LineSplitter splitter;
    QCOMPARE(splitter.feed("first\r"), QStringList { "first" }); // delivered at once, not held back
    QCOMPARE(splitter.feed(""), QStringList());
    QCOMPARE(splitter.feed("\nsecond\r"), QStringList { "second" });
    QCOMPARE(splitter.feed("\r"), QStringList { "" }); // "\r\r": the second one ends an empty line
    QCOMPARE(splitter.feed("\n"), QStringList());
    splitter.reset();
    QCOMPARE(splitter.feed("\nx\n"), (QStringList { "", "x" })); // reset forgets the pending "\r"
}

void TestLineSplitter::flushAfterCrDoesNotAddEmptyLine()
{
    LineSplitter splitter;
    QCOMPARE(splitter.feed("abc\r"), QStringList { "abc" });
    QVERIFY(!splitter.flushPartial().has_value());
    QCOMPARE(splitter.feed("\nx\n"), QStringList { "x" });
}

void TestLineSplitter::floodWithoutNewlinesStaysBounded()
{
    constexpr qsizetype max = 1024 * 1024;
    LineSplitter splitter(max);
    const QByteArray chunk(64 * 1024, 'x');
    qsizetype chars = 0;
    qsizetype lines = 0;
    for (int i = 0; i < 160; ++i) { // 10 MiB, no line end
        for (const QString& line : splitter.feed(chunk)) {
            QCOMPARE(line.size(), max);
            chars += line.size();
            ++lines;
        }
        QVERIFY(splitter.partialBytes() <= max);
    }
    QCOMPARE(
        lines, qsizetype(9)); // 10 MiB: nine full pieces cut, the tenth waits for more bytes (exactly at the limit)
    QCOMPARE(splitter.partialBytes(), max);
    chars += splitter.flushPartial()->size();
    QCOMPARE(chars, 160 * chunk.size());
}

QTEST_APPLESS_MAIN(TestLineSplitter)
#include "tst_linesplitter.moc"
