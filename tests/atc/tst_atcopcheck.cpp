// The operator table (a resource of the static core library), node labels, outputs that stay dynamic, and ATC's
// own pre-check report.
#include "atc/atccheck.h"
#include "atc/atcoptions.h"
#include "atc/modelfacts.h"
#include "atc/opsupport.h"
#include "atc/toolkit.h"
#include "onnx/onnxmodel.h"
#include "ortrequired.h"
#include "reference/ortruntime.h"
#include "testutil.h"

#include <onnx/onnx_pb.h>

#include <QTemporaryDir>

using namespace wb;

using Ranges = QList<QPair<int, int>>;

class TestAtcOpCheck : public QObject {
    Q_OBJECT
private slots:
    void resourcesLoadFromStaticLibrary();
    void opsetLists_data();
    void opsetLists();
    void cannRanges_data();
    void cannRanges();
    void nodeLabels();
    void dynamicOutputs_data();
    void dynamicOutputs();
    void dynamicOutputAdvice_data();
    void dynamicOutputAdvice();
    void declaredStaticShapeTrustedWhenOrtAgrees();
    void openDimsAreAskedForWithTheModelsSuggestion();
    void precheckReport_data();
    void precheckReport();
    void precheckMerge();
};

void TestAtcOpCheck::resourcesLoadFromStaticLibrary()
{
    for (const char* name : { ":/data/atc/onnx_ops.json", ":/data/atc/soc_versions.json" }) {
        QFile f { QString::fromLatin1(name) };
        QVERIFY2(f.open(QIODevice::ReadOnly), name);
        QVERIFY(f.size() > 100);
    }
    const AtcOpTable& table = AtcOpTable::builtin();
    QCOMPARE(table.size(), 259); // atc.md §7 lists 259 op types
    QVERIFY(table.find("Conv") && table.find("Conv")->supports(13) && !table.find("Conv")->supports(19));
    QCOMPARE(table.find("GreaterOrEqual")->opsetsText, QString("8,12-18"));
    QVERIFY(!table.find("GreaterOrEqual")->supports(10));
    QVERIFY(table.isParserHandled("Constant"));
    QVERIFY(!table.noPluginReason("Loop").isEmpty());
    QVERIFY(builtinSocVersions().contains("Ascend310P3"));
    QVERIFY(builtinSocVersions().contains("Ascend910_9391"));
    QCOMPARE(socVersionsFor(AtcToolkit {}), builtinSocVersions());
}

void TestAtcOpCheck::opsetLists_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<Ranges>("ranges");
    QTest::newRow("range") << "8-18" << true << Ranges { { 8, 18 } };
    QTest::newRow("single") << "18" << true << Ranges { { 18, 18 } };
    QTest::newRow("mixed") << "1,6,8-18" << true << Ranges { { 1, 1 }, { 6, 6 }, { 8, 18 } };
    QTest::newRow("reversed") << "18-8" << false << Ranges {};
    QTest::newRow("word") << "v8" << false << Ranges {};
}

void TestAtcOpCheck::opsetLists()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(Ranges, ranges);
    const auto parsed = parseOpsetList(text);
    QCOMPARE(parsed.has_value(), ok);
    if (ok)
        QCOMPARE(*parsed, ranges);
}

void TestAtcOpCheck::cannRanges_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<int>("min");
    QTest::addColumn<int>("max");
    QTest::newRow("5.0.4") << "5.0.4" << 9 << 13;
    QTest::newRow("6.0.RC1") << "6.0.RC1" << 9 << 13;
    QTest::newRow("7.0.0") << "7.0.0" << 9 << 18;
    QTest::newRow("8.0.RC1") << "8.0.RC1" << 8 << 18;
    QTest::newRow("8.5.0") << "8.5.0" << 8 << 18;
    QTest::newRow("unknown") << "" << 8 << 18;
}

void TestAtcOpCheck::cannRanges()
{
    QFETCH(QString, version);
    QFETCH(int, min);
    QFETCH(int, max);
    const AtcOpsetRange r = AtcOpTable::builtin().defaultDomainRange(version);
    QCOMPARE(r.min, min);
    QCOMPARE(r.max, max);
    QVERIFY(!r.source.isEmpty());
}

// A model with unnamed nodes (main graph and an If branch) and two default-domain opset entries, written with
// the onnx API: node labels follow op_type#index, prefixed by the owner inside subgraphs.
void TestAtcOpCheck::nodeLabels()
{
    onnx::ModelProto m;
    m.set_ir_version(7);
    m.add_opset_import()->set_version(13);
    m.add_opset_import()->set_version(11);
    auto* g = m.mutable_graph();
    g->set_name("g");
    auto* in = g->add_input();
    in->set_name("x");
    in->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
    in->mutable_type()->mutable_tensor_type()->mutable_shape()->add_dim()->set_dim_value(4);
    auto* c = g->add_input();
    c->set_name("c");
    c->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::BOOL);
    c->mutable_type()->mutable_tensor_type()->mutable_shape();
    auto* relu = g->add_node();
    relu->set_op_type("Relu");
    relu->add_input("x");
    relu->add_output("r");
    auto* iff = g->add_node();
    iff->set_op_type("If");
    iff->add_input("c");
    iff->add_output("y");
    for (const char* branch : { "then_branch", "else_branch" }) {
        auto* attr = iff->add_attribute();
        attr->set_name(branch);
        attr->set_type(onnx::AttributeProto::GRAPH);
        auto* sub = attr->mutable_g();
        sub->set_name(branch);
        auto* n = sub->add_node();
        n->set_op_type("Neg");
        n->add_input("r");
        n->add_output(std::string(branch) + "_out");
        auto* out = sub->add_output();
        out->set_name(std::string(branch) + "_out");
        out->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
    }
    auto* out = g->add_output();
    out->set_name("y");
    out->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("unnamed.onnx");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    const std::string bytes = m.SerializeAsString();
    f.write(bytes.data(), qint64(bytes.size()));
    f.close();
    const auto model = OnnxModel::load(path);
    QVERIFY2(model.ok(), qPrintable(model.ok() ? QString() : model.error().message));
    const AtcModelFacts facts = atcModelFacts(*model.value());
    QStringList labels;
    for (const AtcNodeFact& n : facts.nodes)
        labels.append(n.label);
    QCOMPARE(labels, (QStringList { "Relu#0", "If#1", "If#1/then_branch/Neg#0", "If#1/else_branch/Neg#0" }));
    QVERIFY(facts.node("Relu#0") && !facts.node("If#1/then_branch/Neg#0"));
    const QList<AtcFinding> findings = checkOperators(facts, AtcOpTable::builtin(), {});
    QCOMPARE(findings.size(), 2);
    QCOMPARE(findings.at(0).rule, QString("opset_duplicate_default"));
    QCOMPARE(findings.at(1).rule, QString("control_flow_op"));
    QCOMPARE(findings.at(1).nodes, QStringList { "If#1" });
}

void TestAtcOpCheck::dynamicOutputs_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("flags"); // flag=value pairs separated by '|'
    QTest::addColumn<QString>("rule"); // "" for none
    QTest::addColumn<QStringList>("nodes");
    QTest::addColumn<QString>("fixHas");
    QTest::newRow("nms") << "detector_nms"
                         << ""
                         << "dynamic_output" << QStringList { "/postprocess/NonMaxSuppression" }
                         << "--outputs boxes,scores";
    QTest::newRow("nms, input given") << "detector_nms"
                                      << "input_shape=images:1,3,320,320"
                                      << "dynamic_output" << QStringList { "/postprocess/NonMaxSuppression" }
                                      << "extract";
    QTest::newRow("static cnn") << "resnet_static"
                                << ""
                                << "" << QStringList {} << "";
    QTest::newRow("batch profile stands in for -1") << "resnet_dynamic_batch"
                                                    << "input_shape=input:-1,3,224,224|dynamic_batch_size=2,4"
                                                    << "" << QStringList {} << "";
    QTest::newRow("input left dynamic: validate's job") << "resnet_dynamic_batch"
                                                        << ""
                                                        << "" << QStringList {} << "";
    QTest::newRow("custom op: custom_domain_op's job") << "custom_domain"
                                                       << ""
                                                       << "" << QStringList {} << "";
    // Shape arithmetic folds: no warning at all once the inputs are fixed.
    QTest::newRow("yolov8-style export") << "yolo_like"
                                         << "input_shape=images:1,3,640,640"
                                         << "" << QStringList {} << "";
    QTest::newRow("hugging face positions") << "fold_range"
                                            << "input_shape=input_ids:1,32;attention_mask:1,32"
                                            << "" << QStringList {} << "";
}

void TestAtcOpCheck::dynamicOutputs()
{
    QFETCH(QString, model);
    QFETCH(QString, flags);
    QFETCH(QString, rule);
    QFETCH(QStringList, nodes);
    QFETCH(QString, fixHas);
    const auto loaded = OnnxModel::load(wbtest::modelPath(model + ".onnx"));
    QVERIFY(loaded.ok());
    AtcOptions o;
    for (const QString& kv : flags.split('|', Qt::SkipEmptyParts))
        QVERIFY(setAtcFlagValue(o, kv.section('=', 0, 0), kv.section('=', 1)));
    const QList<AtcFinding> findings = checkDynamicOutputs(*loaded.value(), atcModelFacts(*loaded.value()), o);
    if (rule.isEmpty()) {
        QCOMPARE(findings.size(), 0);
        return;
    }
    QCOMPARE(findings.size(), 1);
    QCOMPARE(findings.first().rule, rule);
    QCOMPARE(findings.first().severity, AtcSeverity::Warning);
    QCOMPARE(findings.first().nodes, nodes);
    QVERIFY2(findings.first().message.contains("selected_indices"), qPrintable(findings.first().message));
    // The command line's fix names the command; the GUI's the button that does the same.
    const QString cliFix = fixFor(findings.first(), HintForm::Cli);
    QVERIFY2(cliFix.contains(fixHas), qPrintable(cliFix));
    QVERIFY2(cliFix.contains("`atcwb extract "), qPrintable(cliFix));
    QVERIFY2(findings.first().fix.contains("*Extract Sub-model* on the Shapes page"), qPrintable(findings.first().fix));
    QVERIFY2(!findings.first().fix.contains("atcwb"), qPrintable(findings.first().fix));
    // The cut is shown, so it can be seen to sit just before the post-processing.
    for (const QString& fix : { findings.first().fix, cliFix })
        QVERIFY2(fix.contains("keeps 16 of 17 nodes for ATC (outputs boxes, scores); 1 node(s) "
                              "(NonMaxSuppression) and output(s) selected_indices move to the host"),
            qPrintable(fix));
}

void TestAtcOpCheck::dynamicOutputAdvice_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("inputShape");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("severity");
    QTest::addColumn<QString>("fixHas");
    QTest::newRow("mid-network: no extract") << "nonzero_mid"
                                             << "scores:64;features:64,32"
                                             << "dynamic_output"
                                             << "warning"
                                             << "not only post-processing: cutting before NonZero '/pick/NonZero' "
                                                "would move 4 node(s), including MatMul, off the NPU";
    QTest::newRow("impossible reshape") << "reshape_impossible"
                                        << "x:2,3"
                                        << "shape_invalid"
                                        << "error"
                                        << "ATC stops at this node too";
    QTest::newRow("cap") << "fold_too_large"
                         << "x:1,10"
                         << "shape_unknown"
                         << "info"
                         << "Nothing to do";
}

void TestAtcOpCheck::dynamicOutputAdvice()
{
    QFETCH(QString, model);
    QFETCH(QString, inputShape);
    QFETCH(QString, rule);
    QFETCH(QString, severity);
    QFETCH(QString, fixHas);
    const auto loaded = OnnxModel::load(wbtest::modelPath(model + ".onnx"));
    QVERIFY(loaded.ok());
    AtcOptions o;
    o.inputShape = inputShape;
    const QList<AtcFinding> findings = checkDynamicOutputs(*loaded.value(), atcModelFacts(*loaded.value()), o);
    QStringList rules;
    for (const AtcFinding& f : findings)
        rules.append(f.rule);
    QCOMPARE(rules, QStringList { rule });
    QCOMPARE(severityName(findings.first().severity), severity);
    QVERIFY2(findings.first().fix.contains(fixHas), qPrintable(findings.first().fix));
    QVERIFY(!findings.first().nodes.isEmpty());
}

void TestAtcOpCheck::declaredStaticShapeTrustedWhenOrtAgrees()
{
    // TopK's k is counted from the data, so inference calls the outputs data-dependent; the model declares [1, 10]
    // and ONNX Runtime gives [1, 10]: trusted, no warning. Without ONNX Runtime the warning stays.
    const auto loaded = OnnxModel::load(wbtest::modelPath("topk_declared.onnx"));
    QVERIFY(loaded.ok());
    AtcOptions o;
    o.inputShape = QStringLiteral("scores:1,10");
    const QList<AtcFinding> findings = checkDynamicOutputs(*loaded.value(), atcModelFacts(*loaded.value()), o);
    QVERIFY(!findings.isEmpty());
    if (const QString missing = wbtest::ortMissingReason(); !missing.isEmpty()) {
        QCOMPARE(findings.first().rule, QString("dynamic_output"));
        WB_SKIP_MISSING(missing + QStringLiteral(" (the declared shape cannot be confirmed)"));
    }
    QCOMPARE(findings.size(), 1);
    QCOMPARE(findings.first().rule, QString("declared_shape_trusted"));
    QCOMPARE(findings.first().severity, AtcSeverity::Info);
    QVERIFY2(
        findings.first().message.contains("values [1, 10], indices [1, 10]"), qPrintable(findings.first().message));
}

void TestAtcOpCheck::openDimsAreAskedForWithTheModelsSuggestion()
{
    // Never a guess: the fix writes the open dims by name and passes on what the model says, for the user to take.
    const auto loaded = OnnxModel::load(wbtest::modelPath("yolo_like.onnx"));
    QVERIFY(loaded.ok());
    AtcOptions o;
    o.socVersion = QStringLiteral("Ascend310P3");
    const AtcCheckResult r = checkConversion(o, *loaded.value(), AtcToolkit {});
    const AtcFinding* unfixed = nullptr;
    for (const AtcFinding& f : r.findings)
        unfixed = f.rule == QLatin1String("dynamic_dim_unfixed") ? &f : unfixed;
    QVERIFY(unfixed);
    QCOMPARE(unfixed->severity, AtcSeverity::Error);
    QVERIFY2(
        unfixed->message.contains("needs a size for dynamic dimension(s) batch (dim 0), height (dim 2), width (dim 3)"),
        qPrintable(unfixed->message));
    QVERIFY2(unfixed->fix.contains("images:1,3,<height>,<width>"), qPrintable(unfixed->fix));
    QVERIFY2(unfixed->fix.contains("The model suggests dim 2 = 640 (metadata imgsz = [640, 640]), dim 3 = 640"),
        qPrintable(unfixed->fix));
    QVERIFY(!r.invocation.argv().join(' ').contains("input_shape")); // nothing was put into the command
}

void TestAtcOpCheck::precheckReport_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("severity"); // of the first finding; "" when the report is refused
    QTest::addColumn<QStringList>("nodes");
    QTest::addColumn<QString>("messageHas");
    QTest::newRow("resize opset 13") << QByteArray(
        R"({"name": "m", "result": "failed", "total": 2, "pass": 1, "fail": 1, "op": [
               {"name": "conv1", "type": "ai.onnx::13::Conv", "result": "success"},
               {"name": "Resize_12", "type": "ai.onnx::13::Resize", "result": "failed",
                "cause": [{"code": 2, "message": "The type is not supported."}]}]})")
                                     << "error" << QStringList { "Resize_12" } << "The type is not supported.";
    QTest::newRow("all passed") << QByteArray(
        R"({"name": "m", "result": "success",
            "op": [{"name": "a", "type": "ai.onnx::11::Relu", "result": "success"}]})")
                                << "info" << QStringList {} << "passed all 1 operators";
    QTest::newRow("failed without op") << QByteArray(R"({"result": "failed", "op": []})") << "error" << QStringList {}
                                       << "without naming an operator";
    QTest::newRow("not json") << QByteArray("check failed") << "" << QStringList {} << "check_result.json";
    QTest::newRow("no op list") << QByteArray(R"({"result": "success"})") << "" << QStringList {} << "\"op\" list";
}

void TestAtcOpCheck::precheckReport()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, severity);
    QFETCH(QStringList, nodes);
    QFETCH(QString, messageHas);
    const auto parsed = parsePrecheckReport(json);
    QCOMPARE(parsed.ok(), !severity.isEmpty());
    if (!parsed.ok()) {
        QCOMPARE(parsed.error().code, QString("bad_check_report"));
        QVERIFY2(parsed.error().message.contains(messageHas), qPrintable(parsed.error().message));
        return;
    }
    QCOMPARE(parsed.value().size(), 1);
    const AtcFinding& f = parsed.value().first();
    QCOMPARE(f.rule, QString("atc_precheck"));
    QCOMPARE(severityName(f.severity), severity);
    QCOMPARE(f.nodes, nodes);
    QVERIFY2(f.message.contains(messageHas), qPrintable(f.message));
}

void TestAtcOpCheck::precheckMerge()
{
    const QList<AtcFinding> ours { { AtcSeverity::Error, "op_opset_unsupported", {}, "Resize at opset 13.",
        "Re-export.", { "Resize_12" }, "E19010" } };
    const auto atc = parsePrecheckReport(R"({"result": "failed", "op": [
        {"name": "Resize_12", "type": "ai.onnx::13::Resize", "result": "failed",
         "cause": [{"code": 2, "message": "x"}]},
        {"name": "Foo_3", "type": "ai.onnx::13::Foo", "result": "failed", "cause": [{"code": 2, "message": "y"}]}]})");
    QVERIFY(atc.ok());
    const QList<AtcFinding> merged = mergePrecheckFindings(ours, atc.value());
    QCOMPARE(merged.size(), 2);
    QCOMPARE(merged.at(0).message, QString("Resize at opset 13. ATC's pre-check confirms this."));
    QCOMPARE(merged.at(1).nodes, QStringList { "Foo_3" });
    QVERIFY(merged.at(1).fix.contains("Foo at opset 13"));
}

WB_TEST_APPLESS_MAIN(TestAtcOpCheck)
#include "tst_atcopcheck.moc"
