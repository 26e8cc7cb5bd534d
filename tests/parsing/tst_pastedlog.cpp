// unquotePastedLines: one row per wrapping a paste adds (quote markers, chat prefixes, CI timestamps, Markdown
// fences, indentation), fed whole and through LineAssembler in random chunks; console logs come back unchanged.
#include "parsing/logkind.h"
#include "parsing/pastedlog.h"
#include "parsingtestutil.h"

#include <QtTest>

using namespace wb;

namespace {

QList<QByteArray> toBytes(const QStringList& lines)
{
    QList<QByteArray> out;
    for (const QString& line : lines)
        out.append(line.toUtf8());
    return out;
}

QStringList toStrings(const QList<QByteArray>& lines)
{
    QStringList out;
    for (const QByteArray& line : lines)
        out.append(QString::fromUtf8(line));
    return out;
}

} // namespace

class TestPastedLog : public QObject {
    Q_OBJECT
private slots:
    void unquote_data();
    void unquote();
    void consoleLogsUnchanged_data();
    void consoleLogsUnchanged();
    void idempotent();
    void detectsPastedLogs_data();
    void detectsPastedLogs();
};

void TestPastedLog::unquote_data()
{
    QTest::addColumn<QStringList>("pasted");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QString>("forms");

    const QString start = "ATC start working now, please wait for a moment.";
    const QString failed = "ATC run failed, Please check the detail log, Try 'atc --help' for more information";
    const QString e20001 = "E20001: [PID: 200452] 2025-06-16-13:02:36.801.136 Failed to compile Op [/m/Slice_5]. "
                           "(optype: [StridedSliceD])";
    const QString cause = "        Possible Cause: The operator has an invalid argument.";
    // clang-format off
    QTest::newRow("console log as printed") << QStringList { "$ atc", start, "...", failed, e20001, cause, "" }
        << QStringList { "$ atc", start, "...", failed, e20001, cause, "" } << "";
    QTest::newRow("quote '> '") << QStringList { "> " + start, "> " + e20001, "> " + cause, ">" }
        << QStringList { start, e20001, cause, "" } << "quote";
    QTest::newRow("nested '>> ' and '> > '") << QStringList { ">> " + start, "> > " + e20001, ">> " + cause }
        << QStringList { start, e20001, cause } << "quote";
    QTest::newRow("e-mail: trailing blanks, empty quoted lines")
        << QStringList { "On Mon, Ana wrote:", "> ", "> " + failed + "  ", ">  " }
        << QStringList { "On Mon, Ana wrote:", "", failed + "  ", " " } << "quote";
    QTest::newRow("quote after up to 3 blanks") << QStringList { "   > " + e20001, "   > " + cause }
        << QStringList { e20001, cause } << "quote";
    QTest::newRow("re-indented by 4 blanks, words around stay")
        << QStringList { "I get:", "", "    " + start, "    " + e20001, "    " + cause, "", "Help?" }
        << QStringList { "I get:", "", start, e20001, cause, "", "Help?" } << "indent";
    QTest::newRow("re-indented by a tab") << QStringList { "\t" + failed, "\t" + e20001, "\t" + cause }
        << QStringList { failed, e20001, cause } << "indent";
    QTest::newRow("quoted and re-indented") << QStringList { ">     " + failed, ">     " + e20001, ">     " + cause }
        << QStringList { failed, e20001, cause } << "quote, indent";
    QTest::newRow("indentation not shared by every ATC line is kept") << QStringList { start, "    E10016: x", cause }
        << QStringList { start, "    E10016: x", cause } << "";
    QTest::newRow("anchors: dots, plog, traceback, ERROR:")
        << QStringList { "  ......ATC run success", "  [ERROR] GE(1,atc.bin):2021-12-09-16:10:22.539.201 x",
        "  Traceback (most recent call last):", "    File \"a.py\"", "  ERROR: unknown command line flag 'x'" }
        << QStringList { "......ATC run success", "[ERROR] GE(1,atc.bin):2021-12-09-16:10:22.539.201 x",
        "Traceback (most recent call last):", "  File \"a.py\"", "ERROR: unknown command line flag 'x'" } << "indent";
    QTest::newRow("no ATC line: indentation kept")
        << QStringList { "        Failed to compile Op [a]. (optype: [B])", "        x[FUNC:f][FILE:g.cc][LINE:1]" }
        << QStringList { "        Failed to compile Op [a]. (optype: [B])", "        x[FUNC:f][FILE:g.cc][LINE:1]" }
        << "";
    QTest::newRow("fence with info string") << QStringList { "```text", start, "```" }
        << QStringList { "", start, "" } << "fence";
    QTest::newRow("tilde fence, indented backtick fence") << QStringList { "~~~", start, "  ```", "~~~log" }
        << QStringList { "", start, "", "" } << "fence";
    QTest::newRow("fence glued to first and last line")
        << QStringList { "```============ run command ==============", start, e20001 + "```" }
        << QStringList { "============ run command ==============", start, e20001 } << "fence";
    QTest::newRow("Python 3.11 caret line is not a fence")
        << QStringList { "Traceback (most recent call last):", "    x = f()", "        ~~~^^^", "    ~~~" }
        << QStringList { "Traceback (most recent call last):", "    x = f()", "        ~~~^^^", "    ~~~" } << "";
    QTest::newRow("backticks inside a line stay") << QStringList { "E10001: Value [`a`] for ```x``` is bad." }
        << QStringList { "E10001: Value [`a`] for ```x``` is bad." } << "";
    QTest::newRow("GitHub Actions timestamps")
        << QStringList { "2025-08-27T20:57:10.1234567Z " + start, "2025-08-27T20:57:11.1235678Z " + e20001,
        "2025-08-27T20:57:11.1235678Z " + cause }
        << QStringList { start, e20001, cause } << "timestamp";
    QTest::newRow("timestamp with offset, ATC's own stamp stays")
        << QStringList { "2025-06-16T13:02:36+08:00 x", "2025-06-16-13:02:36.801.136 y" }
        << QStringList { "x", "2025-06-16-13:02:36.801.136 y" } << "timestamp";
    QTest::newRow("chat prefixes")
        << QStringList { "[10:31] ana: my log", "[10:32] ana: " + start, failed, "[10:34 AM] Bo Chen: which CANN?" }
        << QStringList { "my log", start, failed, "which CANN?" } << "chat";
    QTest::newRow("chat with date, then a quote") << QStringList { "[2025-06-16 10:32:05] ana: > " + e20001 }
        << QStringList { e20001 } << "chat, quote";
    QTest::newRow("quote, then chat") << QStringList { "> [10:32] ana: " + e20001 }
        << QStringList { e20001 } << "chat, quote";
    QTest::newRow("a logger's '[10:32] ERROR:' and a code are not chat names")
        << QStringList { "[10:32] ERROR: x", "[10:32] E20001: y" }
        << QStringList { "[10:32] ERROR: x", "[10:32] E20001: y" } << "";
    QTest::newRow("plog line is not chat")
        << QStringList { "[ERROR] GE(1,atc.bin):2021-12-09-16:10:22.539.201 [a.cc:1]x" }
        << QStringList { "[ERROR] GE(1,atc.bin):2021-12-09-16:10:22.539.201 [a.cc:1]x" } << "";
    QTest::newRow("shell continuation prompt loses its '>' only")
        << QStringList { "$ atc --model=x.onnx \\", "> --framework=5", start }
        << QStringList { "$ atc --model=x.onnx \\", "--framework=5", start } << "quote";
    QTest::newRow("empty input") << QStringList {} << QStringList {} << "";
    // clang-format on
}

void TestPastedLog::unquote()
{
    QFETCH(QStringList, pasted);
    QFETCH(QStringList, expected);
    QFETCH(QString, forms);
    const PastedLines whole = unquotePastedLines(toBytes(pasted));
    QCOMPARE(toStrings(whole.lines), expected);
    QCOMPARE(whole.forms.join(QStringLiteral(", ")), forms);
    // The same whatever the chunks the text arrived in, with \n and \r\n line ends.
    for (const char* eol : { "\n", "\r\n" }) {
        const QByteArray text = toBytes(pasted).join(eol) + (pasted.isEmpty() ? QByteArray() : QByteArray(eol));
        for (quint32 seed = 1; seed <= 4; ++seed) {
            for (int maxChunk : { 1, 3, 16, 200 }) {
                const PastedLines chunked = unquotePastedLines(wbtest::linesFromChunks(text, seed, maxChunk));
                QCOMPARE(toStrings(chunked.lines), expected);
                QCOMPARE(chunked.forms, whole.forms);
            }
        }
    }
}

void TestPastedLog::consoleLogsUnchanged_data()
{
    QTest::addColumn<QString>("path");
    int count = 0;
    for (const QString& dir : { QStringLiteral("atc"), QStringLiteral("runners") }) {
        for (const QString& f : wbtest::dataFiles(dir, { QStringLiteral("*.log"), QStringLiteral("*.txt") })) {
            if (f.startsWith(QLatin1String("pasted_")) || f.endsWith(QLatin1String(".expected.txt")))
                continue;
            QTest::newRow(qPrintable(f)) << dir + QLatin1Char('/') + f;
            ++count;
        }
    }
    QVERIFY(count >= 13);
}

// Every console log the other tests hold (ATC and runner samples) comes back byte for byte.
void TestPastedLog::consoleLogsUnchanged()
{
    QFETCH(QString, path);
    const QList<QByteArray> lines = splitLines(wbtest::readFile(wbtest::dataPath(path)));
    QVERIFY(!lines.isEmpty());
    const PastedLines out = unquotePastedLines(lines);
    QCOMPARE(out.forms, QStringList());
    QCOMPARE(out.lines, lines);
}

void TestPastedLog::idempotent()
{
    for (const QString& f : wbtest::dataFiles(QStringLiteral("atc"), { QStringLiteral("pasted_*.log") })) {
        const PastedLines once = unquotePastedLines(splitLines(wbtest::readFile(wbtest::dataPath("atc/" + f))));
        const PastedLines twice = unquotePastedLines(once.lines);
        QVERIFY2(twice.lines == once.lines, qPrintable(f));
        QVERIFY2(twice.forms.isEmpty(), qPrintable(f + ": " + twice.forms.join(',')));
    }
}

void TestPastedLog::detectsPastedLogs_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("kind"); // empty: not recognised
    // clang-format off
    QTest::newRow("quoted code line (was not recognised)")
        << QByteArray("> E16005: The model has [2] [--domain_version] fields.\n") << "atc";
    QTest::newRow("chat-quoted code line") << QByteArray("[10:40 AM] Li Wei: > E16005: two domains.\n") << "atc";
    QTest::newRow("inner [FUNC][FILE][LINE] line only")
        << QByteArray("        Model parse to graph failed, graph "
        "name:tdnnx.[FUNC:ModelParseToGraph][FILE:onnx_parser.cc][LINE:905]\n") << "atc";
    QTest::newRow("Failed to compile Op only")
        << QByteArray("Failed to compile Op [/model/Slice_5]. (optype: [StridedSliceD])\n") << "atc";
    QTest::newRow("msame with an ACL error suffix stays msame")
        << QByteArray("[ERROR] x[FUNC:aclInit][FILE:acl.cpp][LINE:1]\nInference time: 1.5ms\n") << "msame";
    QTest::newRow("ais_bench with an ACL error suffix stays ais_bench")
        << QByteArray("x[FUNC:f][FILE:g.cc][LINE:1]\n[INFO] throughput 1000\n") << "ais-bench";
    QTest::newRow("quoted npu-smi table") << QByteArray("> +----+\n> | NPU   Name     | Health   |\n") << "npu-smi";
    QTest::newRow("prose") << QByteArray("> it failed, any idea?\n") << "";
    // clang-format on
}

void TestPastedLog::detectsPastedLogs()
{
    QFETCH(QByteArray, text);
    const std::optional<LogKind> kind = detectLogKind(text);
    QTEST(kind ? logKindName(*kind) : QString(), "kind");
}

QTEST_APPLESS_MAIN(TestPastedLog)
#include "tst_pastedlog.moc"
