// OM ops <-> ONNX nodes, checked on the generated two_inputs.onnx (tools/modelgen) with the OM JSON fixture written
// for it (tests/data/om/README.md).
#include "graph/graphdocument.h"
#include "om/ommapping.h"
#include "onnx/onnxmodel.h"
#include "testutil.h"

#include <QTest>

using namespace wb;

class TestOmMapping : public QObject {
    Q_OBJECT

private:
    OmModel m_om;
    QStringList m_nodes;

    QStringList names(const QList<int>& indexes) const
    {
        QStringList list;
        for (int i : indexes)
            list.append(m_om.ops.at(i).name);
        return list;
    }

private slots:
    void initTestCase()
    {
        const Result<OmModel> om = readOmFile(QStringLiteral(WB_TEST_DATA_DIR "/om/two_inputs_310p3.json"));
        QVERIFY(om.ok());
        m_om = om.value();
        const Result<OnnxModelPtr> onnx = OnnxModel::load(wbtest::modelPath(QStringLiteral("two_inputs.onnx")));
        QVERIFY(onnx.ok());
        m_nodes = onnxNodeNames(*graph::GraphDocument::build(*onnx.value()));
        QCOMPARE(m_nodes.size(), 10);
    }

    void eachOnnxNodeFindsItsOps()
    {
        const OmMapping map = mapOmToOnnx(m_om, m_nodes);
        QVERIFY(map.unknownOrigins.isEmpty());
        const QString conv1 = QStringLiteral("/image/stage1/conv/Conv");
        for (const char* node :
            { "/image/stage1/conv/Conv", "/image/stage1/bn/BatchNormalization", "/image/stage1/relu/Relu" })
            QCOMPARE(names(map.opsFor(QLatin1String(node))), QStringList { conv1 });
        QCOMPARE(names(map.opsFor(QStringLiteral("/fusion/concat/Concat"))),
            QStringList { QStringLiteral("/fusion/concat/Concat") });
        QCOMPARE(map.partnersOf(QStringLiteral("/image/stage1/bn/BatchNormalization"), m_om),
            (QStringList { QStringLiteral("/image/stage1/conv/Conv"), QStringLiteral("/image/stage1/relu/Relu") }));
        QVERIFY(map.partnersOf(QStringLiteral("/head/fc/Gemm"), m_om).isEmpty());
        // Every ONNX node is either mapped or folded away.
        for (const QString& node : m_nodes)
            QVERIFY2(map.onnxToOps.contains(node) != map.foldedAway.contains(node), qPrintable(node));
    }

    void foldedAwayAndNoOrigin()
    {
        const OmMapping map = mapOmToOnnx(m_om, m_nodes);
        QCOMPARE(map.foldedAway, QStringList { QStringLiteral("/image/flatten/Flatten") });
        QCOMPARE(names(map.noOrigin),
            (QStringList { "trans_Cast_0", "trans_TransData_1", "trans_TransData_2", "trans_Cast_3", "trans_Cast_4",
                "trans_Cast_5", "memcpy_addr_async_0" }));
        QCOMPARE(map.opToOnnx.size(), m_om.ops.size());
        QCOMPARE(map.opToOnnx.at(m_om.indexOfOp(QStringLiteral("/image/stage2/conv/Conv"))).size(), 3);
    }

    // An OM of another model: its origins are not nodes of this one, and every node looks folded away.
    void otherModelsOm()
    {
        const QStringList other { QStringLiteral("a/Conv"), QStringLiteral("b/Relu") };
        const OmMapping map = mapOmToOnnx(m_om, other);
        QCOMPARE(map.foldedAway, other);
        QCOMPARE(map.unknownOrigins.size(), 9);
        QVERIFY(map.onnxToOps.isEmpty());
    }

    void enginesPerNode()
    {
        const OmMapping map = mapOmToOnnx(m_om, m_nodes);
        const QHash<QString, OmEngine> engines = onnxNodeEngines(m_om, map);
        QCOMPARE(engines.size(), 9);
        QCOMPARE(engines.value(QStringLiteral("/image/stage1/relu/Relu")), OmEngine::AiCore);
        QCOMPARE(engines.value(QStringLiteral("/fusion/concat/Concat")), OmEngine::AiCpu);
        QVERIFY(!engines.contains(QStringLiteral("/image/flatten/Flatten")));
    }

    void withoutOnnxModel()
    {
        const OmMapping map = mapOmToOnnx(m_om);
        QVERIFY(map.foldedAway.isEmpty());
        QCOMPARE(map.onnxToOps.size(), 9);
        QCOMPARE(map.noOrigin.size(), 7);
    }
};

WB_TEST_GUILESS_MAIN(TestOmMapping)
#include "tst_ommapping.moc"
