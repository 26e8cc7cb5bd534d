// The om-runner protocol parser: one row per event kind and per kind of bad line, a whole run accumulated into a
// report (the example of README.md), non-UTF-8 bytes, and chunked input.
#include "parsing/lines.h"
#include "run/omrunnerparser.h"

#include <QtTest>

using namespace wb;
using Kind = OmRunnerEvent::Kind;

Q_DECLARE_METATYPE(wb::OmRunnerEvent::Kind)

namespace {

// The example run of README.md (printed by om-runner against the fake AscendCL).
const char* const kRun
    = R"({"event":"start","protocol":1,"version":"0.1.0","model":"/m/resnet_dyn.om","model_bytes":1256,)"
      R"("om":{"name":"resnet","version":"2.0","model_length":1000,"partitions":3,"dynamic":false},)"
      R"("library":"/usr/local/Ascend/ascend-toolkit/latest/lib64/libascendcl.so","loops":3,"warmup":1})"
      "\n"
      R"({"event":"device","device":0,"soc":"Ascend310P3","run_mode":"host","acl_version":"1.10.0"})"
      "\n"
      R"({"event":"model","model_id":1,"inputs":[{"index":0,"name":"input","size":4816896,"dims":[-1,3,)"
      R"(224,224],"dtype":"float32","format":"NCHW"},{"index":1,"name":"ascend_mbatch_shape_data",)"
      R"("size":8,"dims":[1],"dtype":"int64","format":"ND"}],"outputs":[{"index":0,"name":"output",)"
      R"("size":32000,"dims":[-1,1000],"dtype":"float32","format":"ND"}],"dynamic_batch":[1,2,4,8],)"
      R"("dynamic_input":1,"batch":4})"
      "\n"
      R"({"event":"warmup","index":0,"ms":6.031892})"
      "\n"
      R"({"event":"iteration","index":0,"ms":6.031182})"
      "\n"
      R"({"event":"iteration","index":1,"ms":6.008652})"
      "\n"
      R"({"event":"iteration","index":2,"ms":6.008343})"
      "\n"
      R"({"event":"summary","iterations":3,"warmup":1,"batch":4,"complete":true,"mean_ms":6.016059,)"
      R"("min_ms":6.008343,"max_ms":6.031182,"median_ms":6.008652,"p90_ms":6.026676,"p95_ms":6.028929,)"
      R"("p99_ms":6.030731,"stddev_ms":0.010694,"throughput":664.887,"wall_ms":18.052117})"
      "\n";

} // namespace

class TestOmRunnerParser : public QObject {
    Q_OBJECT
private slots:
    void lines_data();
    void lines();
    void wholeRun();
    void chunkedRunMatches();
    void failedRun();
    void stoppedRun();
    void nonUtf8();
    void malformedAreCountedNotFatal();
};

void TestOmRunnerParser::lines_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<int>("index");
    QTest::addColumn<double>("ms");
    QTest::addColumn<QString>("message"); // error/warning message, or a phrase of the malformed reason

    QTest::newRow("start") << R"({"event":"start","protocol":1,"loops":3})" << Kind::Start << -1 << 0.0 << "";
    QTest::newRow("device") << R"({"event":"device","device":2,"soc":null})" << Kind::Device << -1 << 0.0 << "";
    QTest::newRow("model") << R"({"event":"model","model_id":1,"inputs":[]})" << Kind::Model << -1 << 0.0 << "";
    QTest::newRow("warmup") << R"({"event":"warmup","index":4,"ms":1.5})" << Kind::Warmup << 4 << 1.5 << "";
    QTest::newRow("iteration") << R"({"event":"iteration","index":7,"ms":6.008343})" << Kind::Iteration << 7 << 6.008343
                               << "";
    QTest::newRow("iteration, spaces around")
        << "  {\"event\": \"iteration\", \"index\": 0, \"ms\": 0}\t" << Kind::Iteration << 0 << 0.0 << "";
    QTest::newRow("summary") << R"({"event":"summary","iterations":0,"mean_ms":null})" << Kind::Summary << -1 << 0.0
                             << "";
    QTest::newRow("output") << R"({"event":"output","index":1,"path":"/o/output_1.bin"})" << Kind::Output << 1 << 0.0
                            << "";
    QTest::newRow("warning") << R"({"event":"warning","call":"aclmdlUnload","message":"teardown failed"})"
                             << Kind::Warning << -1 << 0.0 << "teardown failed";
    QTest::newRow("error") << R"({"event":"error","kind":"acl","message":"aclmdlExecute failed"})" << Kind::Error << -1
                           << 0.0 << "aclmdlExecute failed";
    QTest::newRow("stopped") << R"({"event":"stopped","signal":"SIGTERM"})" << Kind::Stopped << -1 << 0.0 << "";
    QTest::newRow("newer event") << R"({"event":"temperature","celsius":51})" << Kind::Unknown << -1 << 0.0 << "";
    QTest::newRow("plain text") << "om-runner: something" << Kind::Malformed << -1 << 0.0 << "not JSON";
    QTest::newRow("cut-off line") << R"({"event":"iteration","index":3,"ms":6.0)" << Kind::Malformed << -1 << 0.0
                                  << "not JSON";
    QTest::newRow("array") << "[1,2]" << Kind::Malformed << -1 << 0.0 << "not an object";
    QTest::newRow("no event") << R"({"index":1,"ms":2})" << Kind::Malformed << -1 << 0.0 << "\"event\"";
    QTest::newRow("event not a string") << R"({"event":5})" << Kind::Malformed << -1 << 0.0 << "\"event\"";
    QTest::newRow("iteration without ms")
        << R"({"event":"iteration","index":1})" << Kind::Malformed << -1 << 0.0 << "\"ms\"";
    QTest::newRow("iteration ms a string")
        << R"({"event":"iteration","index":1,"ms":"6.0"})" << Kind::Malformed << -1 << 0.0 << "\"ms\"";
    QTest::newRow("negative ms") << R"({"event":"iteration","index":1,"ms":-0.5})" << Kind::Malformed << -1 << 0.0
                                 << "non-negative";
    QTest::newRow("fractional index") << R"({"event":"warmup","index":1.5,"ms":1})" << Kind::Malformed << -1 << 0.0
                                      << "\"index\"";
}

void TestOmRunnerParser::lines()
{
    QFETCH(QString, line);
    QFETCH(Kind, kind);
    const auto event = parseOmRunnerLine(line);
    QVERIFY(event.has_value());
    QCOMPARE(omRunnerEventName(event->kind), omRunnerEventName(kind));
    QTEST(event->index, "index");
    QTEST(event->ms, "ms");
    QFETCH(QString, message);
    if (kind == Kind::Malformed) {
        QVERIFY2(event->message.contains(message), qPrintable(event->message));
        QVERIFY(event->fields.isEmpty());
    } else {
        QCOMPARE(event->message, message);
        QCOMPARE(event->fields.value("event").toString().isEmpty(), false);
    }
}

void TestOmRunnerParser::wholeRun()
{
    const OmRunnerReport r = parseOmRunnerOutput(kRun);
    QCOMPARE(r.protocol, 1);
    QCOMPARE(r.version, QStringLiteral("0.1.0"));
    QCOMPARE(r.model, QStringLiteral("/m/resnet_dyn.om"));
    QCOMPARE(r.library, QStringLiteral("/usr/local/Ascend/ascend-toolkit/latest/lib64/libascendcl.so"));
    QCOMPARE(r.loops, 3);
    QCOMPARE(r.warmup, 1);
    QVERIFY(r.device);
    QCOMPARE(r.device->id, 0);
    QCOMPARE(r.device->soc, QStringLiteral("Ascend310P3"));
    QCOMPARE(r.device->runMode, QStringLiteral("host"));
    QCOMPARE(r.device->aclVersion, QStringLiteral("1.10.0"));
    QCOMPARE(r.inputs.size(), 2);
    QCOMPARE(r.outputs.size(), 1);
    QCOMPARE(r.dynamicBatch, (QList<qint64> { 1, 2, 4, 8 }));
    QCOMPARE(r.batch, std::optional<int>(4));
    QCOMPARE(r.warmupMs, (QList<double> { 6.031892 }));
    QCOMPARE(r.iterationsMs, (QList<double> { 6.031182, 6.008652, 6.008343 }));
    QVERIFY(r.summary);
    QCOMPARE(r.summary->iterations, 3);
    QVERIFY(r.summary->complete);
    QCOMPARE(*r.summary->meanMs, 6.016059);
    QCOMPARE(*r.summary->p99Ms, 6.030731);
    QCOMPARE(*r.summary->throughput, 664.887);
    QCOMPARE(*r.summary->wallMs, 18.052117);
    QVERIFY(r.errors.isEmpty());
    QVERIFY(r.stoppedBy.isEmpty());
    QCOMPARE(r.malformedCount, 0);
    QCOMPARE(r.linesSeen, 8);
}

void TestOmRunnerParser::chunkedRunMatches()
{
    // Bytes arriving in odd chunks (LineAssembler, as a pipe delivers them) give the same report.
    const QByteArray bytes(kRun);
    for (int chunk : { 1, 3, 17, 200 }) {
        LineAssembler assembler;
        OmRunnerParser parser;
        for (qsizetype at = 0; at < bytes.size(); at += chunk) {
            for (const QByteArray& line : assembler.push(bytes.mid(at, chunk)))
                parser.feed(QString::fromUtf8(line));
        }
        QCOMPARE(parser.report().iterationsMs, parseOmRunnerOutput(bytes).iterationsMs);
        QVERIFY(parser.report().summary);
    }
}

void TestOmRunnerParser::failedRun()
{
    const QByteArray text
        = R"({"event":"start","protocol":1,"version":"0.1.0","model":"/m/r.om","library":"/x/libascendcl.so",)"
          R"("loops":10,"warmup":0})"
          "\n"
          R"({"event":"device","device":0,"soc":"Ascend310P3","run_mode":"host","acl_version":"1.10.0"})"
          "\n"
          R"({"event":"iteration","index":0,"ms":1.0})"
          "\n"
          R"({"event":"error","kind":"acl","message":"aclmdlExecute failed with 507011.","code":507011,)"
          R"("name":null,"call":"aclmdlExecute","acl_message":"EE1001: the device stopped"})"
          "\n"
          R"({"event":"summary","iterations":1,"warmup":0,"batch":1,"complete":false,"mean_ms":1.0,)"
          R"("min_ms":1.0,"max_ms":1.0,"median_ms":1.0,"p90_ms":1.0,"p95_ms":1.0,"p99_ms":1.0,)"
          R"("stddev_ms":0.0,"throughput":1000.0,"wall_ms":1.2})"
          "\n"
          R"({"event":"error","kind":"library","message":"second error","tried":[]})"
          "\n";
    const OmRunnerReport r = parseOmRunnerOutput(text);
    QCOMPARE(r.errors.size(), 2);
    QCOMPARE(r.errors[0].kind, QStringLiteral("acl"));
    QCOMPARE(r.errors[0].call, QStringLiteral("aclmdlExecute"));
    QCOMPARE(r.errors[0].code, std::optional<qint64>(507011));
    QVERIFY(r.errors[0].name.isEmpty()); // null stays empty
    QCOMPARE(r.errors[0].aclMessage, QStringLiteral("EE1001: the device stopped"));
    QCOMPARE(r.errors[1].kind, QStringLiteral("library"));
    QVERIFY(r.summary && !r.summary->complete);
    QCOMPARE(r.iterationsMs.size(), 1);

    // An error without a message still says something.
    const OmRunnerReport bare = parseOmRunnerOutput(R"({"event":"error","kind":"usage"})");
    QVERIFY(bare.errors.value(0).message.contains("usage"));
}

void TestOmRunnerParser::stoppedRun()
{
    const OmRunnerReport r = parseOmRunnerOutput(R"({"event":"iteration","index":0,"ms":2}
{"event":"stopped","signal":"SIGTERM"}
{"event":"summary","iterations":1,"complete":false,"mean_ms":null,"p99_ms":null}
)");
    QCOMPARE(r.stoppedBy, QStringLiteral("SIGTERM"));
    QVERIFY(r.summary);
    QVERIFY(!r.summary->meanMs); // null: unset
    QVERIFY(!r.summary->p99Ms);
    QCOMPARE(r.summary->iterations, 1);
}

void TestOmRunnerParser::nonUtf8()
{
    // A model path with Latin-1 bytes inside a JSON string: decoded leniently (U+FFFD), the event still counts.
    const QByteArray text = "{\"event\":\"start\",\"protocol\":1,\"model\":\"/m/mod\xe8le.om\",\"loops\":2}\n"
                            "\xff\xfe\x01garbage\n"
                            "{\"event\":\"iteration\",\"index\":0,\"ms\":1.25}\n";
    const OmRunnerReport r = parseOmRunnerOutput(text);
    QCOMPARE(r.protocol, 1);
    QVERIFY(r.model.contains(QChar::ReplacementCharacter));
    QVERIFY(r.model.endsWith(QStringLiteral("le.om")));
    QCOMPARE(r.iterationsMs, (QList<double> { 1.25 }));
    QCOMPARE(r.malformedCount, 1);
    QVERIFY(r.malformed.value(0).startsWith(QStringLiteral("line 2:")));
}

void TestOmRunnerParser::malformedAreCountedNotFatal()
{
    QByteArray text;
    for (int i = 0; i < 30; ++i)
        text += "not json " + QByteArray::number(i) + "\n";
    text += "\n   \n"; // blank lines: nothing
    text += R"({"event":"iteration","index":0,"ms":3})";
    OmRunnerParser parser;
    int events = 0;
    for (const QByteArray& line : splitLines(text)) {
        if (parser.feed(QString::fromUtf8(line)))
            ++events;
    }
    QCOMPARE(events, 31);
    QCOMPARE(parser.report().malformedCount, 30);
    QCOMPARE(parser.report().malformed.size(), 20); // kept: the first 20
    QCOMPARE(parser.report().iterationsMs, (QList<double> { 3 }));
}

QTEST_APPLESS_MAIN(TestOmRunnerParser)
#include "tst_omrunnerparser.moc"
