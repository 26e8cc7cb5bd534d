// GraphDocument (folding, subgraphs, scopes, search), the visible graph with collapse, SVG, the overlay model.
#include "graph/graphdocument.h"
#include "graph/overlaymodel.h"
#include "graph/visiblegraph.h"
#include "onnx/onnxmodel.h"
#include "onnx/shapeinference.h"
#include "testutil.h"

#include <QAbstractItemModelTester>
#include <QXmlStreamReader>

using namespace wb;
using namespace wb::graph;

namespace {
GraphDocumentPtr doc(const char* model)
{
    const auto loaded = OnnxModel::load(wbtest::modelPath(QString::fromLatin1(model)));
    return loaded.ok() ? GraphDocument::build(*loaded.value()) : nullptr;
}
int countKind(const GraphDocument& d, Node::Kind kind)
{
    return int(std::count_if(d.nodes().cbegin(), d.nodes().cend(), [kind](const Node& n) { return n.kind == kind; }));
}
} // namespace

class TestGraphDocument : public QObject {
    Q_OBJECT
private slots:
    void nodesAndEdges_data();
    void nodesAndEdges();
    void constantsAndInitializersAreFolded();
    void subgraphs();
    void scopesCollapse();
    void search_data();
    void search();
    void categories();
    void sidebarFacts();
    void svgIsWellFormed();
    void overlay();
};

void TestGraphDocument::nodesAndEdges_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("operators");
    QTest::addColumn<int>("inputs");
    QTest::addColumn<int>("outputs");
    QTest::addColumn<int>("edges");
    // resnet: 39 ops, 1 input, 1 output; edges: 38 chain/residual links + 4 skips + input + output.
    QTest::newRow("resnet") << "resnet_static.onnx" << 39 << 1 << 1 << 44;
    QTest::newRow("two inputs") << "two_inputs.onnx" << 10 << 2 << 1 << 12;
    // detector: 17 nodes of which 2 Constants are folded.
    QTest::newRow("detector") << "detector_nms.onnx" << 15 << 1 << 3 << 19;
    QTest::newRow("unsorted") << "unsorted_nodes.onnx" << 5 << 1 << 1 << 6;
}

void TestGraphDocument::nodesAndEdges()
{
    QFETCH(QString, model);
    QFETCH(int, operators);
    QFETCH(int, inputs);
    QFETCH(int, outputs);
    QFETCH(int, edges);
    const auto d = doc(model.toLatin1().constData());
    QVERIFY(d);
    QCOMPARE(countKind(*d, Node::Kind::Operator), operators);
    QCOMPARE(countKind(*d, Node::Kind::Input), inputs);
    QCOMPARE(countKind(*d, Node::Kind::Output), outputs);
    QCOMPARE(int(d->edges().size()), edges);
    // Edges point forward in document order (the graph is sorted first) and name a tensor the source produces.
    for (const Edge& e : d->edges()) {
        QVERIFY(e.from < e.to);
        bool produced = false;
        for (const Port& p : d->nodes().at(e.from).outputs)
            produced = produced || p.tensor == e.tensor;
        QVERIFY2(produced, qPrintable(e.tensor));
    }
}

void TestGraphDocument::constantsAndInitializersAreFolded()
{
    const auto d = doc("detector_nms.onnx");
    QCOMPARE(d->foldedConstantCount(), 2);
    int constants = 0, initializers = 0;
    for (const Node& n : d->nodes()) {
        QVERIFY(n.opType != QLatin1String("Constant"));
        for (const FoldedInput& f : n.folded) {
            constants += f.origin == QLatin1String("Constant") ? 1 : 0;
            initializers += f.origin == QLatin1String("initializer") ? 1 : 0;
        }
    }
    QCOMPARE(constants, 2); // each Reshape's shape
    QVERIFY(initializers >= 12); // conv weights and biases, NMS thresholds
    const int convIndex = d->indexOf(QStringLiteral("/backbone/stage1/conv/Conv"));
    QVERIFY(convIndex >= 0);
    const Node& conv = d->nodes().at(convIndex);
    QCOMPARE(conv.folded.size(), 2);
    QCOMPARE(conv.folded.first().shape, QStringLiteral("[16, 3, 3, 3]"));
}

void TestGraphDocument::subgraphs()
{
    const auto d = doc("if_subgraph.onnx");
    int ifNode = -1;
    for (int i = 0; i < d->nodes().size(); ++i) {
        if (d->nodes().at(i).opType == QLatin1String("If"))
            ifNode = i;
    }
    QVERIFY(ifNode >= 0);
    QCOMPARE(d->nodes().at(ifNode).category, Category::ControlFlow);
    QCOMPARE(d->nodes().at(ifNode).subgraphNodeCount, 4);
    int inner = 0;
    for (const Node& n : d->nodes())
        inner += n.parent == ifNode && n.kind == Node::Kind::Operator ? 1 : 0;
    QCOMPARE(inner, 4);
    // Collapsed (default): bodies hidden. Expanded: drawn below the If.
    const VisibleGraph collapsed = buildVisibleGraph(*d, {});
    CollapseState open;
    open.expandedSubgraphs.insert(ifNode);
    const VisibleGraph expanded = buildVisibleGraph(*d, open);
    QVERIFY(expanded.operatorBoxes >= collapsed.operatorBoxes + 4);
    const GraphLayout l = layoutDocument(*d, open);
    const int ifItem = l.visible.itemOfNode.at(ifNode);
    for (int i = 0; i < d->nodes().size(); ++i) {
        if (d->nodes().at(i).parent == ifNode && l.visible.itemOfNode.at(i) >= 0)
            QVERIFY(l.layout.rank[size_t(l.visible.itemOfNode.at(i))] > l.layout.rank[size_t(ifItem)]);
    }
}

void TestGraphDocument::scopesCollapse()
{
    const auto d = doc("resnet_static.onnx");
    const int convIndex = d->indexOf(QStringLiteral("/stem/conv/Conv"));
    QVERIFY(convIndex >= 0);
    const Node& n = d->nodes().at(convIndex);
    QCOMPARE(n.scope, (QStringList { QStringLiteral("stem"), QStringLiteral("conv") }));
    const VisibleGraph all = buildVisibleGraph(*d, CollapseState::atDepth(*d, -1));
    QCOMPARE(all.scopeBoxes, 0);
    QCOMPARE(all.operatorBoxes, 39);
    const CollapseState top = CollapseState::atDepth(*d, 0);
    const VisibleGraph v = buildVisibleGraph(*d, top);
    QVERIFY(v.scopeBoxes > 0);
    QVERIFY(v.operatorBoxes + v.scopeBoxes < all.operatorBoxes);
    int members = 0;
    for (const Item& item : v.items)
        members += item.kind == Item::Kind::Scope ? item.memberCount : 0;
    QCOMPARE(members + v.operatorBoxes, 39); // every operator is drawn once, alone or inside a scope box
    // Collapsed layouts stay valid: no edge inside one box, none within a rank.
    const GraphLayout l = layoutDocument(*d, top);
    for (const ItemEdge& e : l.visible.edges) {
        QVERIFY(e.from != e.to);
        QVERIFY(l.layout.rank[size_t(e.from)] != l.layout.rank[size_t(e.to)]);
    }
}

void TestGraphDocument::search_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("hits");
    QTest::newRow("op type") << "Conv" << 11;
    QTest::newRow("case-insensitive") << "gemm" << 1;
    QTest::newRow("scope name") << "/stem/" << 4;
    QTest::newRow("input by name") << "input" << 1;
    QTest::newRow("nothing") << "LSTM" << 0;
    QTest::newRow("empty") << "" << 0;
}

void TestGraphDocument::search()
{
    QFETCH(QString, text);
    QFETCH(int, hits);
    const auto d = doc("resnet_static.onnx");
    const QList<int> found = d->search(text);
    QCOMPARE(found.size(), hits);
    QVERIFY(std::is_sorted(found.cbegin(), found.cend()));
}

void TestGraphDocument::categories()
{
    QCOMPARE(categoryOf(QStringLiteral("Conv"), {}), Category::Conv);
    QCOMPARE(categoryOf(QStringLiteral("MaxPool"), {}), Category::Pool);
    QCOMPARE(categoryOf(QStringLiteral("Relu"), {}), Category::Activation);
    QCOMPARE(categoryOf(QStringLiteral("Reshape"), QStringLiteral("ai.onnx")), Category::Shape);
    QCOMPARE(categoryOf(QStringLiteral("Loop"), {}), Category::ControlFlow);
    QCOMPARE(categoryOf(QStringLiteral("Conv"), QStringLiteral("com.example")), Category::Custom);
    QCOMPARE(categoryOf(QStringLiteral("SomethingNew"), {}), Category::Other);
    const auto d = doc("custom_domain.onnx");
    bool custom = false;
    for (const Node& n : d->nodes())
        custom = custom || (n.category == Category::Custom && n.domain == QLatin1String("com.example"));
    QVERIFY(custom);
}

void TestGraphDocument::sidebarFacts()
{
    const auto d = doc("resnet_static.onnx");
    const int poolIndex = d->indexOf(QStringLiteral("/stem/maxpool/MaxPool"));
    QVERIFY(poolIndex >= 0);
    const Node& pool = d->nodes().at(poolIndex);
    QStringList attrs;
    for (const Attribute& a : pool.attributes)
        attrs.append(a.name + QLatin1Char('=') + a.value);
    QVERIFY2(attrs.contains(QStringLiteral("kernel_shape=[3, 3]")), qPrintable(attrs.join(',')));
    QCOMPARE(pool.inputs.size(), 1);
    // The model stores no types for inner tensors; shape inference supplies them.
    QCOMPARE(pool.inputs.first().dtype, QString());
    const auto loaded = OnnxModel::load(wbtest::modelPath(QStringLiteral("resnet_static.onnx")));
    const auto inferred = inferShapes(*loaded.value(), {});
    QVERIFY(inferred.ok());
    QHash<QString, TensorInfo> tensors;
    for (const TensorInfo& t : inferred.value().tensors)
        tensors.insert(t.name, t);
    const auto withShapes = GraphDocument::build(*loaded.value(), tensors);
    const Node& inferredPool = withShapes->nodes().at(withShapes->indexOf(pool.name));
    QCOMPARE(inferredPool.inputs.first().dtype, QStringLiteral("float32"));
    QCOMPARE(inferredPool.outputs.first().shape, QStringLiteral("[1, 16, 56, 56]"));
}

void TestGraphDocument::svgIsWellFormed()
{
    const auto d = doc("detector_nms.onnx");
    const GraphLayout l = layoutDocument(*d, {});
    const QByteArray svg = toSvg(l);
    QXmlStreamReader xml(svg);
    int rects = 0, lines = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("rect"))
            ++rects;
        if (xml.isStartElement() && xml.name() == QLatin1String("polyline"))
            ++lines;
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(rects, int(l.visible.items.size()) + 1); // one per box plus the background
    QCOMPARE(lines, int(l.visible.edges.size()));
    QVERIFY(svg.contains("NonMaxSuppression"));
}

void TestGraphDocument::overlay()
{
    OverlayModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&m, &OverlayModel::marksChanged);
    m.setMarks(QStringLiteral("check"),
        { { QStringLiteral("a"), OverlayModel::Severity::Warning, QStringLiteral("w"), {} },
            { QStringLiteral("b"), OverlayModel::Severity::Error, QStringLiteral("e"), {} } });
    m.setMarks(QStringLiteral("atc"),
        { { QStringLiteral("a"), OverlayModel::Severity::Error, QStringLiteral("E19010"), {} } });
    QCOMPARE(m.rowCount(), 2); // one row per node
    QCOMPARE(m.marks().size(), 3);
    QCOMPARE(m.index(0).data(OverlayModel::SeverityRole).toInt(), int(OverlayModel::Severity::Error)); // worst first
    QCOMPARE(m.index(0).data(OverlayModel::NodeRole).toString(), QStringLiteral("a"));
    QCOMPARE(m.index(0).data(OverlayModel::MessagesRole).toStringList(),
        QStringList({ QStringLiteral("atc: E19010"), QStringLiteral("check: w") })); // the detail, worst first
    QCOMPARE(m.worstFor(QStringLiteral("a"))->source, QStringLiteral("atc"));
    m.setMarks(QStringLiteral("check"), {}); // a source replaces only its own marks
    QCOMPARE(m.rowCount(), 1);
    QCOMPARE(m.index(0).data(OverlayModel::NodeRole).toString(), QStringLiteral("a"));
    QVERIFY(!m.worstFor(QStringLiteral("b")));
    // The same message from two sources is listed once; a long one is cut to its first sentence in the row.
    const QString longMessage
        = QStringLiteral("Output 'y' [unk__3,4] depends on data. ") + QString(200, QLatin1Char('x'));
    m.setMarks(QStringLiteral("shapes"), { { QStringLiteral("a"), OverlayModel::Severity::Info, longMessage, {} } });
    m.setMarks(QStringLiteral("check"), { { QStringLiteral("a"), OverlayModel::Severity::Info, longMessage, {} } });
    QCOMPARE(m.rowCount(), 1);
    QCOMPARE(m.index(0).data(OverlayModel::MessagesRole).toStringList().size(), 2); // E19010 and the long one
    QCOMPARE(m.index(0).data(Qt::DisplayRole).toString(), QStringLiteral("a: E19010"));
    QCOMPARE(OverlayModel::shortText(longMessage), QStringLiteral("Output 'y' [unk__3,4] depends on data."));
    QVERIFY(OverlayModel::shortText(QString(200, QLatin1Char('y'))).endsWith(QChar(0x2026)));
    m.clear();
    QCOMPARE(m.rowCount(), 0);
    QCOMPARE(changed.count(), 6);
}

QTEST_GUILESS_MAIN(TestGraphDocument)
#include "tst_graphdocument.moc"
