// Parsers and formatters for ATC's list-valued flags: accepted forms, ATC's refusals, format(parse(x)) == x.
#include "atc/atcsyntax.h"

#include <QtTest>

using namespace wb;

using Profiles = QList<QList<qint64>>;

class TestAtcSyntax : public QObject {
    Q_OBJECT
private slots:
    void dynamicBatchSize_data();
    void dynamicBatchSize();
    void dynamicImageSize_data();
    void dynamicImageSize();
    void dynamicDims_data();
    void dynamicDims();
    void inputShapeRange_data();
    void inputShapeRange();
    void outNodes_data();
    void outNodes();
};

void TestAtcSyntax::dynamicBatchSize_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<qint64>>("sizes"); // empty: an error
    QTest::addColumn<QString>("errorHas");
    QTest::newRow("four") << "1,2,4,8" << QList<qint64> { 1, 2, 4, 8 } << "";
    QTest::newRow("one (count is validate's job)") << "4" << QList<qint64> { 4 } << "";
    QTest::newRow("space") << "1, 2" << QList<qint64> {} << "' 2' in '1, 2' is not a whole number";
    QTest::newRow("minus one") << "-1,2" << QList<qint64> {} << "E10003";
    QTest::newRow("semicolon") << "1;2" << QList<qint64> {} << "'1;2'";
    QTest::newRow("empty") << "" << QList<qint64> {} << "empty";
}

void TestAtcSyntax::dynamicBatchSize()
{
    QFETCH(QString, text);
    QFETCH(QList<qint64>, sizes);
    QFETCH(QString, errorHas);
    const auto r = parseDynamicBatchSize(text);
    QCOMPARE(r.ok(), !sizes.isEmpty());
    if (!r.ok()) {
        QCOMPARE(r.error().code, QString("bad_syntax"));
        QVERIFY2(r.error().message.contains(errorHas), qPrintable(r.error().message));
        return;
    }
    QCOMPARE(r.value(), sizes);
    QCOMPARE(formatDynamicBatchSize(r.value()), text);
}

void TestAtcSyntax::dynamicImageSize_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<ImageSize>>("sizes");
    QTest::addColumn<QString>("errorHas");
    QTest::newRow("two profiles") << "224,224;448,320" << QList<ImageSize> { { 224, 224 }, { 448, 320 } } << "";
    QTest::newRow("trailing ;") << "224,224;448,448;" << QList<ImageSize> { { 224, 224 }, { 448, 448 } } << "";
    QTest::newRow("three numbers") << "224,224,3;448,448" << QList<ImageSize> {} << "has 3 value(s)";
    QTest::newRow("one number") << "224;448" << QList<ImageSize> {} << "E10020";
    QTest::newRow("empty profile") << "224,224;;448,448" << QList<ImageSize> {} << "entry 2 is empty";
    QTest::newRow("float") << "224.5,224;448,448" << QList<ImageSize> {} << "'224.5'";
}

void TestAtcSyntax::dynamicImageSize()
{
    QFETCH(QString, text);
    QFETCH(QList<ImageSize>, sizes);
    QFETCH(QString, errorHas);
    const auto r = parseDynamicImageSize(text);
    QCOMPARE(r.ok(), !sizes.isEmpty());
    if (!r.ok()) {
        QVERIFY2(r.error().message.contains(errorHas), qPrintable(r.error().message));
        return;
    }
    QCOMPARE(r.value(), sizes);
    QVERIFY(text.startsWith(formatDynamicImageSize(r.value())));
}

void TestAtcSyntax::dynamicDims_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Profiles>("profiles");
    QTest::addColumn<QString>("errorHas");
    QTest::newRow("doc example") << "20,20,1,1;40,40,2,2;80,60,4,4"
                                 << Profiles { { 20, 20, 1, 1 }, { 40, 40, 2, 2 }, { 80, 60, 4, 4 } } << "";
    QTest::newRow("one value each") << "1;2;3" << Profiles { { 1 }, { 2 }, { 3 } } << "";
    QTest::newRow("letter") << "1,a;2,b" << Profiles {} << "'a' in '1,a'";
    QTest::newRow("empty") << " " << Profiles {} << "--dynamic_dims is empty";
}

void TestAtcSyntax::dynamicDims()
{
    QFETCH(QString, text);
    QFETCH(Profiles, profiles);
    QFETCH(QString, errorHas);
    const auto r = parseDynamicDims(text);
    QCOMPARE(r.ok(), !profiles.isEmpty());
    if (!r.ok()) {
        QVERIFY2(r.error().message.contains(errorHas), qPrintable(r.error().message));
        return;
    }
    QCOMPARE(r.value(), profiles);
    QCOMPARE(formatDynamicDims(r.value()), text);
}

void TestAtcSyntax::inputShapeRange_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<InputShapeRange>>("ranges");
    QTest::addColumn<QString>("errorHas");
    const ShapeSpecDim any = ShapeSpecDim::fixed(-1);
    QTest::newRow("by name (doc example)")
        << "input1:[8~20,3,5,-1];input2:[5,3~9,10,-1]"
        << QList<InputShapeRange> { { "input1", { { 8, 20 }, ShapeSpecDim::fixed(3), ShapeSpecDim::fixed(5), any } },
               { "input2", { ShapeSpecDim::fixed(5), { 3, 9 }, ShapeSpecDim::fixed(10), any } } }
        << "";
    QTest::newRow("by position") << "[1~20,3,3~6,-1],[1~20,10]"
                                 << QList<InputShapeRange> { { "",
                                                                 { { 1, 20 }, ShapeSpecDim::fixed(3), { 3, 6 }, any } },
                                        { "", { { 1, 20 }, ShapeSpecDim::fixed(10) } } }
                                 << "";
    QTest::newRow("name with colon, open range")
        << "in:0:[1~-1,3]" << QList<InputShapeRange> { { "in:0", { { 1, -1 }, ShapeSpecDim::fixed(3) } } } << "";
    QTest::newRow("scalar") << "s:[]" << QList<InputShapeRange> { { "s", {} } } << "";
    QTest::newRow("no brackets") << "input1:8~20,3" << QList<InputShapeRange> {} << "is not name:[dims]";
    QTest::newRow("reversed range") << "a:[20~8,3]" << QList<InputShapeRange> {} << "0 <= lo <= hi";
    QTest::newRow("word in dims") << "a:[n,3]" << QList<InputShapeRange> {} << "E10048";
    QTest::newRow("bad position list") << "[1,2] [3]" << QList<InputShapeRange> {} << "stuck at";
}

void TestAtcSyntax::inputShapeRange()
{
    QFETCH(QString, text);
    QFETCH(QList<InputShapeRange>, ranges);
    QFETCH(QString, errorHas);
    const auto r = parseInputShapeRange(text);
    QCOMPARE(r.ok(), errorHas.isEmpty());
    if (!r.ok()) {
        QVERIFY2(r.error().message.contains(errorHas), qPrintable(r.error().message));
        return;
    }
    QCOMPARE(r.value(), ranges);
    QCOMPARE(formatInputShapeRange(r.value()), text);
}

void TestAtcSyntax::outNodes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<OutNode>>("nodes");
    QTest::addColumn<QString>("errorHas");
    QTest::newRow("doc example") << "node:0;node:1;node2:0"
                                 << QList<OutNode> { { "node", 0 }, { "node", 1 }, { "node2", 0 } } << "";
    QTest::newRow("slashes and colons in names")
        << "/model/Conv:0;a:b:2" << QList<OutNode> { { "/model/Conv", 0 }, { "a:b", 2 } } << "";
    QTest::newRow("no index") << "logits" << QList<OutNode> { { "logits", -1 } } << "";
    QTest::newRow("no name") << ":0" << QList<OutNode> {} << "no node name";
    QTest::newRow("empty entry") << "a:0;;b:0" << QList<OutNode> {} << "entry 2 is empty";
}

void TestAtcSyntax::outNodes()
{
    QFETCH(QString, text);
    QFETCH(QList<OutNode>, nodes);
    QFETCH(QString, errorHas);
    const auto r = parseOutNodes(text);
    QCOMPARE(r.ok(), errorHas.isEmpty());
    if (!r.ok()) {
        QVERIFY2(r.error().message.contains(errorHas), qPrintable(r.error().message));
        return;
    }
    QCOMPARE(r.value(), nodes);
    QCOMPARE(formatOutNodes(r.value()), text);
}

QTEST_APPLESS_MAIN(TestAtcSyntax)
#include "tst_atcsyntax.moc"
