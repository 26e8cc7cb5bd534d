// AtcLogParser: golden files over every ATC sample (whole and in random chunks), one row per line form,
// verdicts and stages.
#include "parsingtestutil.h"
#include "testutil.h"

#include <QtTest>

using namespace wb;

namespace {

QString opsText(const QList<OpRef>& ops)
{
    QStringList parts;
    for (const OpRef& op : ops)
        parts.append(wbtest::opText(op));
    return parts.join(QStringLiteral("; "));
}

// An event without its line number: what a pasted copy must give exactly as the console log does.
QString eventText(const AtcEvent& e)
{
    return QStringList { severityName(e.severity), atcEventKindName(e.kind), e.code, e.message, e.cause, e.solution,
        e.details.join(QLatin1Char('|')), opsText(e.ops), e.hintKey, e.module, e.pid, e.timestamp }
        .join(QStringLiteral(" / "));
}

QStringList runEvents(const AtcLogResult& r, const AtcRun& run)
{
    QStringList out;
    for (qsizetype i = run.firstEvent; i < run.firstEvent + run.eventCount; ++i)
        out.append(eventText(r.events.at(i)));
    return out;
}

QList<AtcEvent> parseLines(const QStringList& lines, AtcLogParser* parser)
{
    QList<AtcEvent> events;
    for (const QString& line : lines)
        events += parser->feed(line);
    events += parser->finish();
    return events;
}

} // namespace

class TestAtcLog : public QObject {
    Q_OBJECT
private slots:
    void golden_data();
    void golden();
    void lineForms_data();
    void lineForms();
    void verdict_data();
    void verdict();
    void pastedMatchesSource_data();
    void pastedMatchesSource();
    void runsAndKeyLine_data();
    void runsAndKeyLine();
    void eventsArriveWhenComplete();
    void lineSeverity_data();
    void lineSeverity();
    void nonUtf8DoesNotCrash();
};

void TestAtcLog::golden_data()
{
    QTest::addColumn<QString>("name");
    const QStringList files = wbtest::dataFiles(QStringLiteral("atc"), { QStringLiteral("*.log") });
    // Every shared sample (9), the constructed ones, and the pasted forms derived from the samples.
    QVERIFY2(files.size() >= 13 + 18, qPrintable(files.join(QLatin1Char(','))));
    for (const QString& f : files)
        QTest::newRow(qPrintable(f)) << f.chopped(4);
}

void TestAtcLog::golden()
{
    QFETCH(QString, name);
    const QByteArray log = wbtest::readFile(wbtest::dataPath(QStringLiteral("atc/%1.log").arg(name)));
    QVERIFY(!log.isEmpty());
    const QByteArray whole = wbtest::formatAtcGolden(parseAtcLog(log));
    QString why;
    QVERIFY2(wbtest::compareGolden(whole, wbtest::dataPath(QStringLiteral("atc/%1.expected.txt").arg(name)), &why),
        qPrintable(why));
    // The same events whatever the chunking, with \n and with \r\n line ends (a file saved with \r\n as it is).
    QByteArray crlf = log;
    if (!log.contains('\r'))
        crlf.replace("\n", "\r\n");
    for (const QByteArray& variant : { log, crlf }) {
        for (quint32 seed = 1; seed <= 6; ++seed) {
            for (int maxChunk : { 1, 5, 17, 64, 300 }) {
                const QByteArray chunked = wbtest::formatAtcGolden(wbtest::parseAtcChunked(variant, seed, maxChunk));
                if (chunked != whole)
                    QFAIL(qPrintable(QStringLiteral("seed %1, chunks up to %2 bytes:\n%3")
                                         .arg(seed)
                                         .arg(maxChunk)
                                         .arg(QString::fromUtf8(chunked))));
            }
        }
    }
}

void TestAtcLog::lineForms_data()
{
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<int>("count"); // events in total
    QTest::addColumn<int>("at"); // the event the other columns describe
    QTest::addColumn<QString>("severity");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("cause");
    QTest::addColumn<QString>("solution");
    QTest::addColumn<QString>("ops");
    QTest::addColumn<QString>("hintKey");

    const QString e19010Header = "E19010: No parser is registered for Op [Conv_52, optype [ai.onnx::11::Convx]].";
    // clang-format off
    QTest::newRow("old-style code line")
        << QStringList { "E16005: The model has [2] [--domain_version] fields, but only one is allowed." }
        << 1 << 0 << "error" << "coded" << "E16005"
        << "The model has [2] [--domain_version] fields, but only one is allowed." << "" << "" << "" << "E16005";
    QTest::newRow("[PID: n] timestamp header")
        << QStringList { "E10007: [PID: 10490] 2025-03-18-09:02:18.501.341 [--framework] is required." }
        << 1 << 0 << "error" << "coded" << "E10007" << "[--framework] is required." << "" << "" << "" << "E10007";
    QTest::newRow("cause and solution, compile op") << QStringList {
            "E20001: [PID: 200452] 2025-06-16-13:02:36.801.136 Failed to compile Op [/model/Slice_5]. (optype: "
                "[StridedSliceD])",
            "        Possible Cause: The operator has an invalid argument.",
            "        Solution: Submit an issue.",
            "        TraceBack (most recent call last):" }
        << 1 << 0 << "error" << "coded" << "E20001"
        << "Failed to compile Op [/model/Slice_5]. (optype: [StridedSliceD])"
        << "The operator has an invalid argument." << "Submit an issue." << "/model/Slice_5 : StridedSliceD"
        << "E20001";
    QTest::newRow("TraceBack lines fold more ops")
        << QStringList { e19010Header, "        TraceBack (most recent call last):",
            "        No parser is registered for Op [Conv_112, optype [ai.onnx::11::Convx]].",
            "        No parser is registered for Op [Conv_52, optype [ai.onnx::11::Convx]]." }
        << 1 << 0 << "error" << "coded" << "E19010" << e19010Header.mid(8) << "" << ""
        << "Conv_52 : Convx (ai.onnx opset 11); Conv_112 : Convx (ai.onnx opset 11)" << "E19010/op_type";
    QTest::newRow("E19010 node name with spaces, opset 23")
        << QStringList { "E19010: No parser is registered for Op [model1 div node, optype [ai.onnx::23::Div]]." }
        << 1 << 0 << "error" << "coded" << "E19010"
        << "No parser is registered for Op [model1 div node, optype [ai.onnx::23::Div]]."
        << "" << "" << "model1 div node : Div (ai.onnx opset 23)" << "E19010/opset";
    QTest::newRow("E19010 bracket-less template")
        << QStringList { "EZ9010: No parser is registered for Op model1, optype ai.onnx::23::Div." }
        << 1 << 0 << "error" << "coded" << "EZ9010"
        << "No parser is registered for Op model1, optype ai.onnx::23::Div." << "" << ""
        << "model1 : Div (ai.onnx opset 23)" << "EZ9010/opset";
    QTest::newRow("EZ3003 no kernel")
        << QStringList { "EZ3003: No supported Ops kernel and engine are found for [AddDsl], optype [AddDsl]." }
        << 1 << 0 << "error" << "coded" << "EZ3003"
        << "No supported Ops kernel and engine are found for [AddDsl], optype [AddDsl]."
        << "" << "" << "AddDsl : AddDsl" << "EZ3003";
    QTest::newRow("E40021 compile with oppath")
        << QStringList { "E40021: Failed to compile Op [Conv1]. (oppath: [/opp/conv2d.py], optype: [Conv2D])" }
        << 1 << 0 << "error" << "coded" << "E40021"
        << "Failed to compile Op [Conv1]. (oppath: [/opp/conv2d.py], optype: [Conv2D])"
        << "" << "" << "Conv1 : Conv2D" << "E40021";
    QTest::newRow("EZ0501 IR not registered")
        << QStringList { "EZ0501: IR for Op Add_1 with optype AddX is not registered." }
        << 1 << 0 << "error" << "coded" << "EZ0501" << "IR for Op Add_1 with optype AddX is not registered." << ""
        << "" << "Add_1 : AddX" << "EZ0501";
    QTest::newRow("E13010 no plugin")
        << QStringList { "E13010: No operator plugin is registered for Op: Foo_3, optype: FooType." }
        << 1 << 0 << "error" << "coded" << "E13010"
        << "No operator plugin is registered for Op: Foo_3, optype: FooType." << "" << ""
        << "Foo_3 : FooType" << "E13010";
    QTest::newRow("E16002 type only") << QStringList { "E16002: No ONNX parser is registered for optype Gelu." }
        << 1 << 0 << "error" << "coded" << "E16002" << "No ONNX parser is registered for optype Gelu." << "" << ""
        << "? : Gelu" << "E16002";
    QTest::newRow("EZ3002 type only")
        << QStringList { "EZ3002: Optype [Einsum] of Ops kernel [AIcoreEngine] is unsupported. Reason: no." }
        << 1 << 0 << "error" << "coded" << "EZ3002"
        << "Optype [Einsum] of Ops kernel [AIcoreEngine] is unsupported. Reason: no." << "" << ""
        << "? : Einsum" << "EZ3002";
    QTest::newRow("W11001 old style")
        << QStringList { "W11001: Op [Slice_30] does not hit the high-priority operator information library, which "
        "might result in compromised performance." }
        << 1 << 0 << "warning" << "coded" << "W11001"
        << "Op [Slice_30] does not hit the high-priority operator information library, which might result in "
        "compromised performance."
        << "" << "" << "Slice_30" << "W11001";
    QTest::newRow("two W11001 on one line, 2nd")
        << QStringList { "W11001: Op [a] does not hit it. W11001: [PID: 7] 2025-08-27-20:57:16.972.690 Op [/m/b] does "
        "not hit it." }
        << 2 << 1 << "warning" << "coded" << "W11001" << "Op [/m/b] does not hit it." << "" << "" << "/m/b" << "W11001";
    QTest::newRow("two W11001 glued after a period")
        << QStringList { "W11001: Op [a] does not hit it.W11001: Op [b] does not hit it." }
        << 2 << 0 << "warning" << "coded" << "W11001" << "Op [a] does not hit it." << "" << "" << "a" << "W11001";
    QTest::newRow("internal error with detail")
        << QStringList { "E19999: Internal Error!", "        An unknown error occurred. Please check the log." }
        << 1 << 0 << "error" << "coded" << "E19999" << "Internal Error!" << "" << "" << "" << "E19999";
    QTest::newRow("source location stripped")
        << QStringList { "EZ9999: Inner Error![FUNC:Build][FILE:graph.cc][LINE:12]" }
        << 1 << 0 << "error" << "coded" << "EZ9999" << "Inner Error!" << "" << "" << "" << "EZ9999";
    QTest::newRow("indented header without open block")
        << QStringList { "   E10016: Op name x specified in --input_shape is not found in the model." }
        << 1 << 0 << "error" << "coded" << "E10016"
        << "Op name x specified in --input_shape is not found in the model." << "" << "" << "" << "E10016";
    QTest::newRow("blank line ends a block") << QStringList { "E10001: bad", "", "        Solution: not this one" }
        << 1 << 0 << "error" << "coded" << "E10001" << "bad" << "" << "" << "" << "E10001";
    QTest::newRow("family fallback (Caffe)") << QStringList { "E11005: Caffe weight problem." }
        << 1 << 0 << "error" << "coded" << "E11005" << "Caffe weight problem." << "" << "" << "" << "E11";
    QTest::newRow("unknown code, no hint") << QStringList { "E99999: Something new." }
        << 1 << 0 << "error" << "coded" << "E99999" << "Something new." << "" << "" << "" << "";
    QTest::newRow("numpy 2 EC0010")
        << QStringList { "EC0010: [PID: 9] 2025-07-08-10:25:28.680.962 Failed to import Python module [AttributeError: "
        "`np.float_` was removed in the NumPy 2.0 release.]." }
        << 1 << 0 << "error" << "coded" << "EC0010"
        << "Failed to import Python module [AttributeError: `np.float_` was removed in the NumPy 2.0 release.]." << ""
        << "" << "" << "EC0010";
    QTest::newRow("start sentence") << QStringList { "ATC start working now, please wait for a moment." }
        << 1 << 0 << "info" << "status" << "" << "ATC start working now, please wait for a moment." << "" << "" << ""
        << "";
    QTest::newRow("dots then success") << QStringList { "........ATC run success, welcome to the next use." }
        << 1 << 0 << "info" << "status" << "" << "ATC run success, welcome to the next use." << "" << "" << "" << "";
    QTest::newRow("dots then failure (pyatc)")
        << QStringList { "...ATC run failed, Please check the detail log, Try 'pyatc --help' for more information" }
        << 1 << 0 << "error" << "status" << ""
        << "ATC run failed, Please check the detail log, Try 'pyatc --help' for more information" << "" << "" << ""
        << "atc_run_failed";
    QTest::newRow("unknown flag") << QStringList { "ERROR: unknown command line flag 'oo_level'" }
        << 1 << 0 << "error" << "command_line" << "" << "ERROR: unknown command line flag 'oo_level'" << "" << "" << ""
        << "cli_unknown_flag";
    QTest::newRow("flag missing argument")
        << QStringList { "ERROR: flag 'model' is missing its argument; flag description: model file" }
        << 1 << 0 << "error" << "command_line" << ""
        << "ERROR: flag 'model' is missing its argument; flag description: model file" << "" << "" << ""
        << "cli_missing_argument";
    QTest::newRow("non-option parameter") << QStringList { "ERROR: Non-option parameter: input_2:1,3" }
        << 1 << 0 << "error" << "command_line" << "" << "ERROR: Non-option parameter: input_2:1,3" << "" << "" << ""
        << "cli_non_option";
    QTest::newRow("deprecation warning")
        << QStringList { "WARNING: Option input_shape_range is deprecated and will be removed in future version,please "
        "use input_shape instead" }
        << 1 << 0 << "warning" << "command_line" << ""
        << "WARNING: Option input_shape_range is deprecated and will be removed in future version,please use "
        "input_shape instead" << "" << "" << "" << "input_shape_range_deprecated";
    QTest::newRow("TBE warning between dots")
        << QStringList { ".........Warning: tiling offset out of range, index: 32 ..............." }
        << 1 << 0 << "warning" << "command_line" << "" << "Warning: tiling offset out of range, index: 32" << "" << ""
        << "" << "";
    QTest::newRow("loader error")
        << QStringList { "atc.bin: error while loading shared libraries: libascend_hal.so: cannot open shared object "
        "file: No such file or directory" }
        << 1 << 0 << "error" << "loader_error" << ""
        << "atc.bin: error while loading shared libraries: libascend_hal.so: cannot open shared object file: No such "
        "file or directory" << "" << "" << "" << "loader_error";
    QTest::newRow("plog AMCT error")
        << QStringList { "[ERROR] AMCT(21177,atc.bin):2023-04-14-14:43:17[utils_acl.cpp:133]input image size[1579014] "
        "is not equal to model input size[3158028]" }
        << 1 << 0 << "error" << "plog" << "" << "input image size[1579014] is not equal to model input size[3158028]"
        << "" << "" << "" << "amct";
    QTest::newRow("plog GE error, pid prefix dropped")
        << QStringList { "[ERROR] GE(30741,atc.bin):2021-12-09-16:10:22.539.201 [error_manager.cc:263]30741 "
        "ReportErrMessage: error context is empty" }
        << 1 << 0 << "error" << "plog" << "" << "ReportErrMessage: error context is empty" << "" << "" << "" << "";
    QTest::newRow("plog INFO is not an event")
        << QStringList { "[INFO] GE(30741,atc.bin):2021-12-09-16:10:22.539.201 [ge.cc:1]30741 hello" }
        << 0 << 0 << "" << "" << "" << "" << "" << "" << "" << "";
    QTest::newRow("python traceback")
        << QStringList { "Traceback (most recent call last):", "  File \"x.py\", line 1, in <module>",
        "    import numpy", "ValueError: bad value" }
        << 1 << 0 << "error" << "python_traceback" << "" << "Python exception: ValueError: bad value" << "" << "" << ""
        << "python_traceback";
    QTest::newRow("TBE worker EOFError")
        << QStringList { "Process ForkServerPoolWorker-2:", "Traceback (most recent call last):",
        "  File \"pool.py\", line 114, in worker", "    task = get()", "EOFError" }
        << 1 << 0 << "error" << "python_traceback" << "" << "Python process ForkServerPoolWorker-2 failed: EOFError"
        << "" << "" << "" << "tbe_worker_died";
    QTest::newRow("traceback cut off")
        << QStringList { "Traceback (most recent call last):", "  File \"x.py\", line 1, in <module>" }
        << 1 << 0 << "error" << "python_traceback" << ""
        << "Python exception: traceback cut off before the exception line" << "" << "" << "" << "python_traceback";
    QTest::newRow("traceback then ATC code")
        << QStringList { "Traceback (most recent call last):", "  File \"x.py\", line 1",
        "ModuleNotFoundError: No module named '_struct'", "E40000: Failed to import te.platform.log_util." }
        << 2 << 1 << "error" << "coded" << "E40000" << "Failed to import te.platform.log_util." << "" << "" << ""
        << "E40000";
    QTest::newRow("inner line without header: compile op")
        << QStringList { "Failed to compile Op [/model/Slice_5]. (optype: [StridedSliceD])",
        "        Possible Cause: bad argument." }
        << 1 << 0 << "error" << "inner_message" << ""
        << "Failed to compile Op [/model/Slice_5]. (optype: [StridedSliceD])"
        << "bad argument." << "" << "/model/Slice_5 : StridedSliceD" << "E20001";
    QTest::newRow("inner line without header: [FUNC][FILE][LINE]")
        << QStringList { "        AOE Failed to call "
        "InitCannKB[FUNC:Initialize][FILE:python_adapter_manager.cc][LINE:47]",
        "        Failed to initialize TeConfigInfo." }
        << 1 << 0 << "error" << "inner_message" << "" << "AOE Failed to call InitCannKB" << "" << "" << "" << "";
    QTest::newRow("inner line without header: no parser, more below")
        << QStringList { "        No parser is registered for Op [Conv_112, optype [ai.onnx::11::Convx]].",
        "        No parser is registered for Op [Conv_172, optype [ai.onnx::11::Convx]]." }
        << 1 << 0 << "error" << "inner_message" << ""
        << "No parser is registered for Op [Conv_112, optype [ai.onnx::11::Convx]]." << "" << ""
        << "Conv_112 : Convx (ai.onnx opset 11); Conv_172 : Convx (ai.onnx opset 11)" << "E19010/op_type";
    QTest::newRow("W11001 sentence alone is not an error")
        << QStringList { "Op [Slice_30] does not hit the high-priority operator information library" }
        << 0 << 0 << "" << "" << "" << "" << "" << "" << "" << "";
    QTest::newRow("shell and script noise")
        << QStringList { "$ atc", "============ run command ==============", "[INFO] soc_version is `auto`",
        "export A=1 && atc --model=x" }
        << 0 << 0 << "" << "" << "" << "" << "" << "" << "" << "";
    // clang-format on
}

void TestAtcLog::lineForms()
{
    QFETCH(QStringList, lines);
    QFETCH(int, count);
    QFETCH(int, at);
    AtcLogParser parser;
    const QList<AtcEvent> events = parseLines(lines, &parser);
    QCOMPARE(events.size(), count);
    if (count == 0)
        return;
    const AtcEvent& e = events.at(at);
    QTEST(severityName(e.severity), "severity");
    QTEST(atcEventKindName(e.kind), "kind");
    QTEST(e.code, "code");
    QTEST(e.message, "message");
    QTEST(e.cause, "cause");
    QTEST(e.solution, "solution");
    QTEST(opsText(e.ops), "ops");
    QTEST(e.hintKey, "hintKey");
    QCOMPARE(e.hint.isEmpty(), e.hintKey.isEmpty()); // a key always brings its text
    QVERIFY(e.line >= 1 && e.line <= lines.size());
}

void TestAtcLog::verdict_data()
{
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QString>("stage");
    QTest::addColumn<int>("dots");
    const QString start = "ATC start working now, please wait for a moment.";
    const QString success = "ATC run success, welcome to the next use.";
    const QString failed = "ATC run failed, Please check the detail log, Try 'atc --help' for more information";
    QTest::newRow("nothing") << QStringList {} << "incomplete"
                             << "not_started" << 0;
    QTest::newRow("started") << QStringList { start } << "incomplete"
                             << "started" << 0;
    QTest::newRow("compiling (dots, no newline yet)") << QStringList { start, "......" } << "incomplete"
                                                      << "compiling" << 6;
    QTest::newRow("success") << QStringList { start, "...", "....." + success } << "success"
                             << "succeeded" << 8;
    QTest::newRow("success with warnings")
        << QStringList { start, success, "W11001: Op [a] does not hit it." } << "success"
        << "succeeded" << 0;
    QTest::newRow("success despite plog error")
        << QStringList { start, "[ERROR] GE(1,atc.bin):2021-12-09-16:10:22.539.201 [a.cc:1]x", success } << "success"
        << "succeeded" << 0;
    QTest::newRow("failure sentence") << QStringList { start, failed } << "failed"
                                      << "failed" << 0;
    QTest::newRow("failure wins over success") << QStringList { success, failed } << "failed"
                                               << "failed" << 0;
    QTest::newRow("error code alone") << QStringList { "E16005: two domains." } << "failed"
                                      << "not_started" << 0;
    QTest::newRow("warning code alone") << QStringList { "W11001: Op [a] does not hit it." } << "incomplete"
                                        << "not_started" << 0;
    QTest::newRow("plog error alone") << QStringList { start,
        "[ERROR] GE(1,atc.bin):2021-12-09-16:10:22.539.201 [a.cc:1]x" }
                                      << "incomplete"
                                      << "started" << 0;
    QTest::newRow("python traceback, no final line")
        << QStringList { start, "Traceback (most recent call last):", "  File \"a\"" } << "failed"
        << "started" << 0;
    QTest::newRow("loader error")
        << QStringList { "atc.bin: error while loading shared libraries: libgraph.so: cannot open shared object file" }
        << "failed"
        << "not_started" << 0;
    QTest::newRow("unknown flag") << QStringList { start, "ERROR: unknown command line flag 'x'" } << "failed"
                                  << "started" << 0;
    QTest::newRow("excerpt: inner line only")
        << QStringList { "        x failed.[FUNC:f][FILE:g.cc][LINE:1]" } << "failed"
        << "not_started" << 0;
    QTest::newRow("two runs: the last one's")
        << QStringList { start, failed, "E10001: bad", start, "..", success } << "success"
        << "succeeded" << 2;
    QTest::newRow("two runs: failed after success") << QStringList { start, success, start, "E10001: bad" } << "failed"
                                                    << "started" << 0;
}

void TestAtcLog::verdict()
{
    QFETCH(QStringList, lines);
    AtcLogParser parser;
    parseLines(lines, &parser);
    QTEST(atcVerdictName(parser.verdict()), "verdict");
    QTEST(atcStageName(parser.stage()), "stage");
    QTEST(parser.progressDots(), "dots");
    QCOMPARE(parser.lineCount(), lines.size());
}

void TestAtcLog::pastedMatchesSource_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("sources");
    int count = 0;
    for (const QString& f : wbtest::dataFiles(QStringLiteral("atc"), { QStringLiteral("pasted_*.log") })) {
        const QByteArray first = wbtest::readFile(wbtest::dataPath("atc/" + f)).split('\n').value(0);
        // "# source: a.log + b.log -- how it was pasted"
        QVERIFY2(first.startsWith("# source: ") && first.contains(" -- "), qPrintable(f));
        const QString what = QString::fromUtf8(first.mid(10)).section(QStringLiteral(" -- "), 0, 0);
        QStringList sources = what.split(QStringLiteral(" + "));
        for (const QString& source : std::as_const(sources))
            QVERIFY2(QFile::exists(wbtest::dataPath("atc/" + source)), qPrintable(f + ": no sample " + source));
        if (f.startsWith(QLatin1String("pasted_cut_")))
            continue; // a part of the log: its golden file says what it gives
        QTest::newRow(qPrintable(f)) << f << sources;
        ++count;
    }
    QVERIFY(count >= 10);
}

// A whole log pasted in any wrapping gives the console log's verdict, codes, messages and ops; several logs pasted
// together give one run each, the same as each alone.
void TestAtcLog::pastedMatchesSource()
{
    QFETCH(QString, name);
    QFETCH(QStringList, sources);
    const AtcLogResult pasted = parseAtcLog(wbtest::readFile(wbtest::dataPath("atc/" + name)));
    QVERIFY(!pasted.pastedForms.isEmpty() || sources.size() > 1);
    QCOMPARE(pasted.runs.size(), sources.size());
    for (qsizetype i = 0; i < sources.size(); ++i) {
        const AtcLogResult source = parseAtcLog(wbtest::readFile(wbtest::dataPath("atc/" + sources.at(i))));
        QCOMPARE(source.runs.size(), 1);
        const AtcRun& run = pasted.runs.at(i);
        QCOMPARE(atcVerdictName(run.verdict), atcVerdictName(source.verdict));
        QCOMPARE(atcStageName(run.stage), atcStageName(source.stage));
        QCOMPARE(run.progressDots, source.progressDots);
        QCOMPARE(runEvents(pasted, run), runEvents(source, source.runs.first()));
    }
    QCOMPARE(atcVerdictName(pasted.verdict), atcVerdictName(pasted.runs.last().verdict));
}

void TestAtcLog::runsAndKeyLine_data()
{
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<QString>("runs"); // "verdict:first-last:errors" per run
    QTest::addColumn<int>("keyLine"); // the last run's; 0 = a problem is named (or it succeeded)
    QTest::addColumn<QString>("keyText");
    const QString start = "ATC start working now, please wait for a moment.";
    const QString success = "ATC run success, welcome to the next use.";
    const QString failed = "ATC run failed, Please check the detail log, Try 'atc --help' for more information";
    // clang-format off
    QTest::newRow("one run, named") << QStringList { start, failed, "E10001: bad" } << "failed:1-3:1" << 0 << "";
    QTest::newRow("preamble stays with the first run")
        << QStringList { "$ atc", "W11001: Op [a] does not hit it.", start, success } << "success:1-4:0" << 0 << "";
    QTest::newRow("failure sentence only: quote it") << QStringList { "$ atc --model=x", start, failed }
        << "failed:1-3:0" << 3 << failed;
    QTest::newRow("a clue line wins over the sentence")
        << QStringList { start, "bash: line 1: 4242 Killed  atc --model=x", failed } << "failed:1-3:0" << 2
        << "bash: line 1: 4242 Killed  atc --model=x";
    QTest::newRow("warnings are not the problem") << QStringList { start, failed, "W11001: Op [a] does not hit it." }
        << "failed:1-3:0" << 2 << failed;
    QTest::newRow("incomplete: the last line") << QStringList { start, "......", "" } << "incomplete:1-3:0" << 2
        << "......";
    QTest::newRow("comments and INFO chatter are not clues")
        << QStringList { "# error: none", start,
        "[INFO] GE(1,atc.bin):2021-12-09-16:10:22.539.201 [error.cc:1]x failed", "....." } << "incomplete:1-4:0" << 4
        << ".....";
    QTest::newRow("plog error alone is named")
        << QStringList { start, "[ERROR] GE(1,atc.bin):2021-12-09-16:10:22.539.201 [a.cc:1]x" } << "incomplete:1-2:1"
        << 0 << "";
    QTest::newRow("three runs")
        << QStringList { "E16005: two domains.", "$ atc", start, failed, "E10007: x", "", start, success }
        << "failed:1-2:1 failed:3-6:1 success:7-8:0" << 0 << "";
    QTest::newRow("key line of the last run only") << QStringList { start, failed, start, failed }
        << "failed:1-2:0 failed:3-4:0" << 4 << failed;
    QTest::newRow("nothing") << QStringList {} << "incomplete:0-0:0" << 0 << "";
    // clang-format on
}

void TestAtcLog::runsAndKeyLine()
{
    QFETCH(QStringList, lines);
    AtcLogParser parser;
    const QList<AtcEvent> events = parseLines(lines, &parser);
    const QList<AtcRun> runs = parser.runs();
    QStringList got;
    qsizetype eventsSeen = 0;
    for (const AtcRun& run : runs) {
        got.append(QStringLiteral("%1:%2-%3:%4")
                       .arg(atcVerdictName(run.verdict))
                       .arg(run.firstLine)
                       .arg(run.lastLine)
                       .arg(run.errors));
        QCOMPARE(run.firstEvent, eventsSeen);
        eventsSeen += run.eventCount;
    }
    QCOMPARE(eventsSeen, events.size());
    QTEST(got.join(QLatin1Char(' ')), "runs");
    QTEST(runs.last().keyLine, "keyLine");
    QTEST(runs.last().keyText, "keyText");
    QCOMPARE(parser.verdict(), runs.last().verdict);
}

void TestAtcLog::eventsArriveWhenComplete()
{
    AtcLogParser parser;
    QCOMPARE(parser.feed(u"ATC start working now, please wait for a moment.").size(), 1); // a sentence: at once
    QCOMPARE(parser.feed(u"E20001: Failed to compile Op [a]. (optype: [B])").size(), 0); // may continue
    QCOMPARE(parser.feed(u"        Possible Cause: x").size(), 0);
    QCOMPARE(parser.verdict(), AtcVerdict::Failed); // known as soon as the code is seen
    const QList<AtcEvent> closed = parser.feed(u"E10001: next");
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed.first().code, QStringLiteral("E20001"));
    QCOMPARE(closed.first().cause, QStringLiteral("x"));
    const QList<AtcEvent> rest = parser.finish();
    QCOMPARE(rest.size(), 1);
    QCOMPARE(rest.first().code, QStringLiteral("E10001"));
    QCOMPARE(rest.first().line, 4);
    QVERIFY(parser.finish().isEmpty());
}

void TestAtcLog::nonUtf8DoesNotCrash()
{
    const QByteArray bytes = QByteArray("\xff\xfe") + QByteArray(1, '\0')
        + "garbage\nE10001: Value [\xc3\x28] is bad\n\xe2\x82\n....." + "\x80" + "ATC run success\n";
    const AtcLogResult r = parseAtcLog(bytes);
    QCOMPARE(r.verdict, AtcVerdict::Success);
    QCOMPARE(r.events.size(), 2);
    QCOMPARE(r.events.at(0).code, QStringLiteral("E10001"));
    QVERIFY(r.events.at(0).message.contains(QChar::ReplacementCharacter));
    // Random bytes: whatever comes out, no crash and every event has a line inside the input.
    QRandomGenerator random(42);
    for (int round = 0; round < 200; ++round) {
        QByteArray noise(random.bounded(1, 400), Qt::Uninitialized);
        for (char& c : noise)
            c = char(random.bounded(256));
        const AtcLogResult n = parseAtcLog(noise);
        for (const AtcEvent& e : n.events)
            QVERIFY(e.line >= 1 && e.line <= n.lineCount);
    }
}

// The log view colours lines by the parser's verdict, not a second classifier of its own.
void TestAtcLog::lineSeverity_data()
{
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<QString>("severities"); // one letter per line: i(nfo), w(arning), e(rror)
    QTest::newRow("run") << QStringList { "ATC start working now, please wait for a moment.", "....",
        "ATC run success, welcome to the next use." }
                         << "iii";
    QTest::newRow("coded block and its continuation lines")
        << QStringList { "ATC start working now, please wait for a moment.",
               "E19010: No parser is registered for Op [Conv_52, optype [ai.onnx::11::Convx]].",
               "        Solution: Check the version of the installation package.",
               "        TraceBack (most recent call last):",
               "ATC run failed, Please check the detail log, Try 'atc --help' for more information" }
        << "ieeee";
    QTest::newRow("warning code") << QStringList { "W11001: Op [Conv_1] does not hit the high-priority operator "
                                                   "information library, which might result in compromised "
                                                   "performance.",
        "plain line after it" } << "wi";
    QTest::newRow("plog and command line") << QStringList { "[ERROR] GE(123,atc.bin):2024-01-01-00:00:00.000.000 "
                                                            "[graph.cc:10]123 Something failed",
        "[WARNING] GE(123,atc.bin):2024-01-01-00:00:00.000.000 [graph.cc:11]123 Something odd",
        "[INFO] GE(123,atc.bin):2024-01-01-00:00:00.000.000 [graph.cc:12]123 fine",
        "ERROR: unknown command line "
        "flag 'foo'" } << "ewie";
    QTest::newRow("a word is not an error") << QStringList { "error_free_layer built", "Errors: none" } << "ii";
    QTest::newRow("python traceback") << QStringList { "Traceback (most recent call last):",
        "  File \"x.py\", line 1, in <module>", "ModuleNotFoundError: No module named 'decorator'", "next" }
                                      << "eeei";
}

void TestAtcLog::lineSeverity()
{
    QFETCH(QStringList, lines);
    QFETCH(QString, severities);
    AtcLogParser parser;
    QString got;
    for (const QString& line : lines) {
        parser.feed(line);
        got += parser.lineSeverity() == Severity::Error  ? QLatin1Char('e')
            : parser.lineSeverity() == Severity::Warning ? QLatin1Char('w')
                                                         : QLatin1Char('i');
    }
    QCOMPARE(got, severities);
}

QTEST_APPLESS_MAIN(TestAtcLog)
#include "tst_atclog.moc"
