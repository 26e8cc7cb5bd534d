// LineAssembler / splitLines: every line end, chunk boundaries anywhere, partial last line.
#include "parsingtestutil.h"

#include <QtTest>

using namespace wb;

class TestParsingLines : public QObject {
    Q_OBJECT
private slots:
    void splitLines_data();
    void splitLines();
    void chunkBoundaries_data();
    void chunkBoundaries();
    void randomChunksMatchWhole_data();
    void randomChunksMatchWhole();
    void pendingAndFinish();
};

void TestParsingLines::splitLines_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QList<QByteArray>>("lines");
    QTest::newRow("empty") << QByteArray() << QList<QByteArray> {};
    QTest::newRow("one line, no end") << QByteArray("abc") << QList<QByteArray> { "abc" };
    QTest::newRow("\\n") << QByteArray("a\nb\n") << QList<QByteArray> { "a", "b" };
    QTest::newRow("\\r\\n") << QByteArray("a\r\nb\r\n") << QList<QByteArray> { "a", "b" };
    QTest::newRow("bare \\r (progress bar)")
        << QByteArray("10%\r20%\rdone\n") << QList<QByteArray> { "10%", "20%", "done" };
    QTest::newRow("mixed ends") << QByteArray("a\nb\r\nc\rd") << QList<QByteArray> { "a", "b", "c", "d" };
    QTest::newRow("empty lines kept") << QByteArray("a\n\n\nb") << QList<QByteArray> { "a", "", "", "b" };
    QTest::newRow("\\r\\r is two ends") << QByteArray("a\r\rb") << QList<QByteArray> { "a", "", "b" };
    QTest::newRow("\\n\\r is two ends") << QByteArray("a\n\rb") << QList<QByteArray> { "a", "", "b" };
    QTest::newRow("dots without newline")
        << QByteArray("ATC start\n.........") << QList<QByteArray> { "ATC start", "........." };
    QTest::newRow("invalid UTF-8 kept as bytes")
        << QByteArray("\xff\xfe\n\xc3") << QList<QByteArray> { "\xff\xfe", "\xc3" };
}

void TestParsingLines::splitLines()
{
    QFETCH(QByteArray, data);
    QFETCH(QList<QByteArray>, lines);
    QCOMPARE(wb::splitLines(data), lines);
}

void TestParsingLines::chunkBoundaries_data()
{
    QTest::addColumn<QList<QByteArray>>("chunks");
    QTest::addColumn<QList<QByteArray>>("lines");
    QTest::newRow("\\r\\n split across chunks counts once")
        << QList<QByteArray> { "a\r", "\nb\n" } << QList<QByteArray> { "a", "b" };
    QTest::newRow("\\r then empty chunk then \\n")
        << QList<QByteArray> { "a\r", "", "\nb" } << QList<QByteArray> { "a", "b" };
    QTest::newRow("\\r then other text") << QList<QByteArray> { "a\r", "b\n" } << QList<QByteArray> { "a", "b" };
    QTest::newRow("line across three chunks")
        << QList<QByteArray> { "AT", "C run ", "success\n" } << QList<QByteArray> { "ATC run success" };
    QTest::newRow("UTF-8 sequence cut in two")
        << QList<QByteArray> { "\xe2\x96", "\x88\n" } << QList<QByteArray> { "\xe2\x96\x88" };
    QTest::newRow("one byte chunks") << QList<QByteArray> { "x", "\r", "\n", "y", "\r", "z" }
                                     << QList<QByteArray> { "x", "y", "z" };
}

void TestParsingLines::chunkBoundaries()
{
    QFETCH(QList<QByteArray>, chunks);
    QFETCH(QList<QByteArray>, lines);
    LineAssembler assembler;
    QList<QByteArray> got;
    for (const QByteArray& chunk : chunks)
        got += assembler.push(chunk);
    if (auto last = assembler.finish())
        got.append(*last);
    QCOMPARE(got, lines);
    // The UTF-8 row must decode to one character once reassembled.
    if (QTest::currentDataTag() == QByteArray("UTF-8 sequence cut in two"))
        QCOMPARE(QString::fromUtf8(got.first()), QStringLiteral("\u2588"));
}

void TestParsingLines::randomChunksMatchWhole_data()
{
    QTest::addColumn<QString>("file");
    const QStringList atc = wbtest::dataFiles(QStringLiteral("atc"), { QStringLiteral("*.log") });
    const QStringList runners
        = wbtest::dataFiles(QStringLiteral("runners"), { QStringLiteral("*.log"), QStringLiteral("*.txt") });
    QVERIFY(atc.size() >= 9 && runners.size() >= 8);
    for (const QString& f : atc)
        QTest::newRow(qPrintable(f)) << QStringLiteral("atc/") + f;
    for (const QString& f : runners)
        QTest::newRow(qPrintable(f)) << QStringLiteral("runners/") + f;
    // The same bytes with \r\n and with bare \r line ends.
    QTest::newRow("crlf") << QStringLiteral("crlf");
}

void TestParsingLines::randomChunksMatchWhole()
{
    QFETCH(QString, file);
    QByteArray data = wbtest::readFile(wbtest::dataPath(
        file == QLatin1String("crlf") ? QStringLiteral("atc/fail_e19010_no_parser_msit_fixture.log") : file));
    QVERIFY(!data.isEmpty());
    if (file == QLatin1String("crlf"))
        data.replace("\n", "\r\n");
    const QList<QByteArray> whole = wb::splitLines(data);
    QCOMPARE(whole.size(), data.count('\n') + (data.endsWith('\n') ? 0 : 1));
    for (quint32 seed = 1; seed <= 20; ++seed)
        QCOMPARE(wbtest::linesFromChunks(data, seed, 1 + int(seed) * 3), whole);
}

void TestParsingLines::pendingAndFinish()
{
    LineAssembler assembler;
    QCOMPARE(assembler.push("....."), QList<QByteArray> {});
    QCOMPARE(assembler.pending(), QByteArray("....."));
    QCOMPARE(assembler.push("..ATC run success\nnext"), QList<QByteArray> { ".......ATC run success" });
    QCOMPARE(assembler.finish(), std::optional<QByteArray>("next"));
    QCOMPARE(assembler.finish(), std::optional<QByteArray>());
    QVERIFY(assembler.pending().isEmpty());
}

QTEST_APPLESS_MAIN(TestParsingLines)
#include "tst_parsinglines.moc"
