// graph::marksFor: the one adapter from what the pages report (shape origins, pre-check findings, ATC log events) to
// marks on the graph overlay.
#include "atc/atcfinding.h"
#include "graph/overlaymarks.h"
#include "onnx/shapeinference.h"
#include "parsing/atclog.h"

#include <QtTest>

using namespace wb;
using graph::OverlayModel;

class TestOverlayMarks : public QObject {
    Q_OBJECT
private slots:
    void shapeOrigins_data();
    void shapeOrigins();
    void findings_data();
    void findings();
    void atcEvents();
};

void TestOverlayMarks::shapeOrigins_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("severity");
    QTest::newRow("invalid is an error") << int(ShapeStatus::Invalid) << int(OverlayModel::Severity::Error);
    QTest::newRow("data-dependent is a warning")
        << int(ShapeStatus::DataDependent) << int(OverlayModel::Severity::Warning);
    QTest::newRow("unknown is info") << int(ShapeStatus::Unknown) << int(OverlayModel::Severity::Info);
}

void TestOverlayMarks::shapeOrigins()
{
    QFETCH(int, status);
    QFETCH(int, severity);
    ShapeOrigin o;
    o.node = "/postprocess/NonMaxSuppression";
    o.status = ShapeStatus(status);
    o.message = "its output count depends on the data";
    const QList<OverlayModel::Mark> marks = graph::marksFor(QList<ShapeOrigin> { o });
    QCOMPARE(marks.size(), 1);
    QCOMPARE(marks.first().node, o.node);
    QCOMPARE(int(marks.first().severity), severity);
    QCOMPARE(marks.first().message, o.message);
    QVERIFY(marks.first().source.isEmpty()); // OverlayModel::setMarks sets it
}

void TestOverlayMarks::findings_data()
{
    QTest::addColumn<int>("severity");
    QTest::addColumn<int>("mark");
    QTest::newRow("error") << int(AtcSeverity::Error) << int(OverlayModel::Severity::Error);
    QTest::newRow("warning") << int(AtcSeverity::Warning) << int(OverlayModel::Severity::Warning);
    QTest::newRow("info") << int(AtcSeverity::Info) << int(OverlayModel::Severity::Info);
}

void TestOverlayMarks::findings()
{
    QFETCH(int, severity);
    QFETCH(int, mark);
    AtcFinding f;
    f.severity = AtcSeverity(severity);
    f.rule = "op_unsupported";
    f.message = "NonZero is not supported";
    f.nodes = { "a", "b" };
    AtcFinding modelLevel; // names no node: no mark
    modelLevel.message = "no input shape";
    const QList<OverlayModel::Mark> marks = graph::marksFor(QList<AtcFinding> { f, modelLevel });
    QCOMPARE(marks.size(), 2);
    QCOMPARE(marks.at(0).node, QStringLiteral("a"));
    QCOMPARE(marks.at(1).node, QStringLiteral("b"));
    for (const OverlayModel::Mark& m : marks) {
        QCOMPARE(int(m.severity), mark);
        QCOMPARE(m.message, f.message);
    }
}

void TestOverlayMarks::atcEvents()
{
    AtcEvent error;
    error.severity = Severity::Error;
    error.code = "E19010";
    error.message = "No parser is registered for Op [/m/NonZero]";
    error.ops = { OpRef { "/m/NonZero", "NonZero", {}, 0 }, OpRef { {}, "Where", {}, 0 } }; // a type alone: no mark
    AtcEvent warning;
    warning.severity = Severity::Warning;
    warning.message = "op [conv1] is slow";
    warning.ops = { OpRef { "conv1", {}, {}, 0 } };
    AtcEvent info; // not an error: a warning on the graph
    info.severity = Severity::Info;
    info.message = "fused";
    info.ops = { OpRef { "relu", {}, {}, 0 } };
    const QList<OverlayModel::Mark> marks = graph::marksFor(QList<AtcEvent> { error, warning, info });
    QCOMPARE(marks.size(), 3);
    QCOMPARE(marks.at(0).node, QStringLiteral("/m/NonZero"));
    QCOMPARE(marks.at(0).severity, OverlayModel::Severity::Error);
    QCOMPARE(marks.at(0).message, QStringLiteral("E19010: No parser is registered for Op [/m/NonZero]"));
    QCOMPARE(marks.at(1).node, QStringLiteral("conv1"));
    QCOMPARE(marks.at(1).severity, OverlayModel::Severity::Warning);
    QCOMPARE(marks.at(1).message, QStringLiteral("op [conv1] is slow")); // no code, no prefix
    QCOMPARE(marks.at(2).severity, OverlayModel::Severity::Warning);
}

QTEST_APPLESS_MAIN(TestOverlayMarks)
#include "tst_overlaymarks.moc"
