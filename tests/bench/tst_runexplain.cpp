// ONNX Runtime's run errors explained with what the app knows: the node that failed and the input shapes used.
#include "run/runexplain.h"

#include <QtTest>

using namespace wb;

class TestRunExplain : public QObject {
    Q_OBJECT
private slots:
    void failedNode_data();
    void failedNode();
    void explanation_data();
    void explanation();
};

void TestRunExplain::failedNode_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("opType");
    // Messages as ONNX Runtime 1.x words them (onnxruntime/core/framework/sequential_executor.cc).
    QTest::newRow("pad") << "ONNX Runtime failed to run: Non-zero status code returned while running Pad node. "
                            "Name:'/pad/Pad' Status Message: Pad reflect requires axis length >= 2 when the pad is 2"
                         << "/pad/Pad"
                         << "Pad";
    QTest::newRow("conv") << "Non-zero status code returned while running Conv node. Name:'conv1' Status Message: "
                             "Invalid input shape: {1,1}"
                          << "conv1"
                          << "Conv";
    QTest::newRow("unnamed") << "Non-zero status code returned while running Add node. Name:'' Status Message: x"
                             << ""
                             << "Add";
    QTest::newRow("none") << "Got invalid dimensions for input: x for the following indices"
                          << ""
                          << "";
}

void TestRunExplain::failedNode()
{
    QFETCH(QString, message);
    QFETCH(QString, name);
    QFETCH(QString, opType);
    const OrtFailedNode node = ortFailedNode(message);
    QCOMPARE(node.name, name);
    QCOMPARE(node.opType, opType);
}

void TestRunExplain::explanation_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("shapes");
    QTest::addColumn<QStringList>("ranAsOne");
    QTest::addColumn<QString>("expected");
    const QString pad = QStringLiteral("ONNX Runtime failed to run: Non-zero status code returned while running Pad "
                                       "node. Name:'/pad/Pad' Status Message: Pad reflect requires axis length >= 2");
    QTest::newRow("ran as 1") << pad << "x:1,3,1,1" << QStringList { "x" }
                              << pad
            + ".\nNode that failed: '/pad/Pad' (Pad).\nInput shapes used: x:1,3,1,1.\n"
              "The dynamic dims of 'x' were not given and ran as 1, which is likely too "
              "small for this model: give the input shapes you deploy with.";
    QTest::newRow("given shapes") << pad << "x:1,3,224,224" << QStringList {}
                                  << pad + ".\nNode that failed: '/pad/Pad' (Pad).\nInput shapes used: x:1,3,224,224.";
    QTest::newRow("no node") << "Something else."
                             << "" << QStringList {} << "Something else.";
}

void TestRunExplain::explanation()
{
    QFETCH(QString, message);
    QFETCH(QString, shapes);
    QFETCH(QStringList, ranAsOne);
    QFETCH(QString, expected);
    const QList<InputShapeSpec> specs
        = shapes.isEmpty() ? QList<InputShapeSpec> {} : parseInputShapeSpec(shapes).value();
    QCOMPARE(explainOrtRunError(message, specs, ranAsOne), expected);
}

QTEST_APPLESS_MAIN(TestRunExplain)
#include "tst_runexplain.moc"
