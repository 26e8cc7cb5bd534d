// ATC --input_shape syntax: parse and format, data-driven.
#include "onnx/shapespec.h"

#include <QtTest>

using namespace wb;

Q_DECLARE_METATYPE(QList<wb::InputShapeSpec>)

namespace {
InputShapeSpec spec(const QString& name, std::initializer_list<qint64> dims)
{
    InputShapeSpec s { name, {} };
    for (qint64 d : dims)
        s.dims.append(ShapeSpecDim::fixed(d));
    return s;
}
} // namespace

class TestShapeSpec : public QObject {
    Q_OBJECT
private slots:
    void valid_data();
    void valid();
    void invalid_data();
    void invalid();
};

void TestShapeSpec::valid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<InputShapeSpec>>("expected");
    QTest::addColumn<QString>("formatted");
    QTest::newRow("one input") << "input:1,3,224,224" << QList<InputShapeSpec> { spec("input", { 1, 3, 224, 224 }) }
                               << "input:1,3,224,224";
    QTest::newRow("two inputs") << "input_tensor_A:1,3,224,224;input_tensor_B:1,10"
                                << QList<InputShapeSpec> { spec("input_tensor_A", { 1, 3, 224, 224 }),
                                       spec("input_tensor_B", { 1, 10 }) }
                                << "input_tensor_A:1,3,224,224;input_tensor_B:1,10";
    QTest::newRow("scalar") << "a:;b:1,3" << QList<InputShapeSpec> { spec("a", {}), spec("b", { 1, 3 }) } << "a:;b:1,3";
    QTest::newRow("colon in name (last colon splits)")
        << "input:0:1,3" << QList<InputShapeSpec> { spec("input:0", { 1, 3 }) } << "input:0:1,3";
    QTest::newRow("dynamic -1") << "data:-1,3,416,416" << QList<InputShapeSpec> { spec("data", { -1, 3, 416, 416 }) }
                                << "data:-1,3,416,416";
    QTest::newRow("unknown rank -2") << "x:-2" << QList<InputShapeSpec> { spec("x", { -2 }) } << "x:-2";
    InputShapeSpec range { "input1", { { 8, 20 }, ShapeSpecDim::fixed(3) } };
    QTest::newRow("range") << "input1:8~20,3" << QList<InputShapeSpec> { range } << "input1:8~20,3";
    QTest::newRow("spaces and trailing ;")
        << " a : 1, 2 ; " << QList<InputShapeSpec> { spec("a", { 1, 2 }) } << "a:1,2";
}

void TestShapeSpec::valid()
{
    QFETCH(QString, text);
    QFETCH(QList<InputShapeSpec>, expected);
    QFETCH(QString, formatted);
    const auto parsed = parseInputShapeSpec(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(parsed.value(), expected);
    QCOMPARE(formatInputShapeSpec(parsed.value()), formatted);
    // What we format parses back to the same value.
    QCOMPARE(parseInputShapeSpec(formatted).value(), expected);
}

void TestShapeSpec::invalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("empty") << ""
                           << "is empty";
    QTest::newRow("no colon") << "input"
                              << "expected name:dims";
    QTest::newRow("no name") << ":1,3"
                             << "expected name:dims";
    QTest::newRow("float") << "a:1,3.5"
                           << "the float number is unsupported";
    QTest::newRow("letters") << "a:1,x"
                             << "is not a digit";
    QTest::newRow("empty dim") << "a:1,,3"
                               << "a dimension is empty";
    QTest::newRow("too negative") << "a:1,-3"
                                  << "is invalid";
    QTest::newRow("bad range") << "a:20~8"
                               << "1 <= lo <= hi";
    QTest::newRow("duplicate") << "a:1;a:2"
                               << "more than once";
    QTest::newRow("empty entry") << "a:1;;b:2"
                                 << "entry 2 is empty";
}

void TestShapeSpec::invalid()
{
    QFETCH(QString, text);
    QFETCH(QString, phrase);
    const auto parsed = parseInputShapeSpec(text);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, QStringLiteral("bad_shape_spec"));
    QVERIFY2(parsed.error().message.contains(phrase), qPrintable(parsed.error().message));
}

QTEST_APPLESS_MAIN(TestShapeSpec)
#include "tst_shapespec.moc"
