// validate(): one data row per rule (and per distinct way a rule fires), each checking the rule id, severity,
// field, the message's key words and, where the rule is about nodes, exactly which nodes.
#include "atc/atcoptions.h"
#include "atc/modelfacts.h"
#include "atc/toolkit.h"
#include "atc/validate.h"
#include "onnx/onnxmodel.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

using namespace wb;

namespace {

// A toolkit as discovery would describe it (no process involved): CANN `version`, two SoCs, and every typed flag
// except precision_mode_v2 in its --help.
AtcToolkit toolkitValue(const QString& kind)
{
    AtcToolkit tk;
    if (kind == QLatin1String("none"))
        return tk;
    tk.atcPath = QStringLiteral("/opt/fake/bin/atc");
    tk.home = QStringLiteral("/opt/fake");
    tk.version = kind == QLatin1String("cann6") ? QStringLiteral("6.0.1") : QStringLiteral("8.0.0");
    tk.socVersions = { QStringLiteral("Ascend310P3"), QStringLiteral("Ascend910B3") };
    for (const AtcFlagInfo& f : atcFlags()) {
        if (f.name != QLatin1String("precision_mode_v2"))
            tk.flags.insert(f.name);
    }
    tk.flags += { QStringLiteral("mode"), QStringLiteral("framework"), QStringLiteral("oo_level") };
    return tk;
}

// "resnet_static+dup_opset+node:Gelu": a generated model's facts with hand-made changes.
std::optional<AtcModelFacts> facts(const QString& spec)
{
    const QStringList parts = spec.split(QLatin1Char('+'));
    const auto model = OnnxModel::load(wbtest::modelPath(parts.first() + QStringLiteral(".onnx")));
    if (!model.ok())
        return std::nullopt;
    AtcModelFacts f = atcModelFacts(*model.value());
    for (const QString& edit : parts.mid(1)) {
        if (edit == QLatin1String("dup_opset")) {
            f.summary.opsets.append({ QString(), 13 });
        } else if (edit.startsWith(QLatin1String("opset"))) {
            f.summary.opsets.first().version = edit.mid(5).toInt();
        } else if (edit.startsWith(QLatin1String("node:"))) {
            const QString op = edit.mid(5);
            AtcNodeFact n;
            n.opType = op.section(QStringLiteral("::"), -1);
            n.domain = op.contains(QStringLiteral("::")) ? op.section(QStringLiteral("::"), 0, 0) : QString();
            n.label = QStringLiteral("added/") + n.opType;
            n.outputs = { QStringLiteral("added_out") };
            f.nodes.append(n);
        }
    }
    return f;
}

} // namespace

class TestAtcValidate : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void optionRules_data();
    void optionRules() { checkRow(); }
    void modelRules_data();
    void modelRules() { checkRow(); }
    void cleanConfigurations_data();
    void cleanConfigurations();
    void withoutModelSkipsModelRules();

private:
    void addColumns();
    void checkRow();
    QList<AtcFinding> run(const QString& model, const QString& patch, const QString& toolkit);
    QTemporaryDir m_dir;
};

void TestAtcValidate::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath("out"));
    for (const char* name : { "mix.json", "aipp_ok.cfg" }) {
        QFile f(m_dir.filePath(QLatin1String(name)));
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
}

// Base options: convert `model` for Ascend310P3 into $TMP/out/model; `patch` is {"mode", "flags", "extra_flags"}
// whose flags replace the base ones (null clears a flag). $TMP and $MODELS are replaced in the patch.
QList<AtcFinding> TestAtcValidate::run(const QString& model, const QString& patch, const QString& toolkit)
{
    QString text = patch;
    text.replace("$TMP", m_dir.path()).replace("$MODELS", WB_TEST_MODELS_DIR);
    const QJsonObject p = QJsonDocument::fromJson(text.toUtf8()).object();
    AtcOptions o;
    o.model = model.isEmpty() ? QString() : wbtest::modelPath(model.section('+', 0, 0) + ".onnx");
    o.output = m_dir.filePath("out/model");
    o.socVersion = "Ascend310P3";
    o.mode = static_cast<AtcMode>(p.value("mode").toInt(0));
    const QJsonObject flags = p.value("flags").toObject();
    for (auto it = flags.begin(); it != flags.end(); ++it) {
        const QString value = it->isNull() ? QString()
            : it->isBool()                 ? (it->toBool() ? "true" : "false")
            : it->isDouble()               ? QString::number(it->toInt())
                                           : it->toString();
        if (!setAtcFlagValue(o, it.key(), value))
            qWarning("bad flag in row: %s", qPrintable(it.key()));
    }
    for (const QJsonValue& x : p.value("extra_flags").toArray())
        o.extraFlags.append({ x[0].toString(), x[1].toString() });
    const auto f = model.isEmpty() ? std::nullopt : facts(model);
    if (!model.isEmpty() && !f)
        qWarning("cannot load %s", qPrintable(model));
    return validate(o, f ? &*f : nullptr, toolkitValue(toolkit));
}

void TestAtcValidate::addColumns()
{
    QTest::addColumn<QString>("model"); // "" for none
    QTest::addColumn<QString>("patch");
    QTest::addColumn<QString>("toolkit"); // none, cann8, cann6
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("severity");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("messageHas");
    QTest::addColumn<QStringList>("nodes");
}

void TestAtcValidate::checkRow()
{
    QFETCH(QString, model);
    QFETCH(QString, patch);
    QFETCH(QString, toolkit);
    QFETCH(QString, rule);
    QFETCH(QString, severity);
    QFETCH(QString, field);
    QFETCH(QString, messageHas);
    QFETCH(QStringList, nodes);
    const QList<AtcFinding> findings = run(model, patch, toolkit);
    QString all;
    for (const AtcFinding& f : findings)
        all += QStringLiteral("\n  %1 %2 [%3] %4").arg(severityName(f.severity), f.rule, f.field, f.message);
    const AtcFinding* hit = nullptr;
    for (const AtcFinding& f : findings) {
        if (f.rule == rule && f.field == field && f.message.contains(messageHas))
            hit = &f;
    }
    QVERIFY2(hit,
        qPrintable(QStringLiteral("no %1 [%2] finding containing '%3'; got:%4").arg(rule, field, messageHas, all)));
    QCOMPARE(severityName(hit->severity), severity);
    QVERIFY2(!hit->fix.isEmpty(), "every finding says what to do");
    QCOMPARE(hit->nodes, nodes);
}

void TestAtcValidate::optionRules_data()
{
    addColumns();
    const QStringList none;
    auto row = [&](const char* name, const char* model, const char* patch, const char* tk, const char* rule,
                   const char* sev, const char* field, const char* has) {
        QTest::newRow(name) << model << patch << tk << rule << sev << field << has << none;
    };
    row("model_required", "", R"({"flags": {"model": null}})", "cann8", "model_required", "error", "model", "E10054");
    row("model_not_found", "", R"({"flags": {"model": "$TMP/missing.onnx"}})", "cann8", "model_not_found", "error",
        "model", "missing.onnx");
    row("output_required", "resnet_static", R"({"flags": {"output": null}})", "cann8", "output_required", "error",
        "output", "E10054");
    row("output_no_filename", "resnet_static", R"({"flags": {"output": "$TMP/out/"}})", "cann8", "output_no_filename",
        "error", "output", "is a folder");
    row("output_suffix", "resnet_static", R"({"flags": {"output": "$TMP/out/m.om"}})", "cann8", "output_suffix",
        "warning", "output", "m.om.om");
    row("output_dir_writable", "resnet_static", R"({"flags": {"output": "$MODELS/resnet_static.onnx/nope/m"}})",
        "cann8", "output_dir_writable", "error", "output", "does not exist");
    row("output_dir_created", "resnet_static", R"({"flags": {"output": "$TMP/nope/m"}})", "cann8", "output_dir_created",
        "info", "output", "creates it when it starts");
    row("output_dir_writable check_report", "resnet_static",
        R"({"mode": 3, "flags": {"check_report": "$TMP/nope/r.json"}})", "cann8", "output_dir_writable", "error",
        "check_report", "nope");
    row("soc_required", "resnet_static", R"({"flags": {"soc_version": null}})", "cann8", "soc_required", "error",
        "soc_version", "for one chip");
    row("soc_unknown to the toolkit", "resnet_static", R"({"flags": {"soc_version": "Ascend310B1"}})", "cann8",
        "soc_unknown", "error", "soc_version", "platform config");
    row("soc_unknown built-in, case", "resnet_static", R"({"flags": {"soc_version": "ascend310p3"}})", "none",
        "soc_unknown", "warning", "soc_version", "built-in SoC list");
    row("soc_unknown nano", "resnet_static", R"({"flags": {"soc_version": "Ascend035A"}})", "none", "soc_unknown",
        "error", "soc_version", "--mode=30");
    row("om_required", "", R"({"mode": 6})", "cann8", "om_required", "error", "om", "modes 1 and 6");
    row("json_required", "", R"({"mode": 1, "flags": {"om": "$MODELS/resnet_static.onnx"}})", "cann8", "json_required",
        "error", "json", "mode 1");
    row("aipp_file_missing", "resnet_static", R"({"flags": {"insert_op_conf": "$TMP/aipp.cfg"}})", "cann8",
        "aipp_file_missing", "error", "insert_op_conf", "E10052");
    row("config_file_missing", "resnet_static", R"({"flags": {"keep_dtype": "$TMP/keep.cfg"}})", "cann8",
        "config_file_missing", "error", "keep_dtype", "keep.cfg");
    row("toolkit_missing", "resnet_static", "{}", "none", "toolkit_missing", "warning", "", "No ATC was found");
    row("flag_unsupported", "resnet_static", R"({"flags": {"precision_mode_v2": "fp16"}})", "cann8", "flag_unsupported",
        "error", "precision_mode_v2", "unknown command line flag");
    row("flag_unsupported extra", "resnet_static", R"({"extra_flags": [["jit_compile", "0"]]})", "cann8",
        "flag_unsupported", "error", "jit_compile", "CANN 8.0.0");
    row("extra_flag_invalid typed", "resnet_static", R"({"extra_flags": [["soc_version", "Ascend310"]]})", "none",
        "extra_flag_invalid", "error", "soc_version", "its own field");
    row("extra_flag_invalid name", "resnet_static", R"({"extra_flags": [["--oo_level", "O1"]]})", "none",
        "extra_flag_invalid", "error", "--oo_level", "not a flag name");
    row("value_not_allowed NHWC", "resnet_static", R"({"flags": {"input_format": "NHWC"}})", "cann8",
        "value_not_allowed", "error", "input_format", "TensorFlow");
    row("value_not_allowed log", "resnet_static", R"({"flags": {"log": "verbose"}})", "cann8", "value_not_allowed",
        "error", "log", "E10010");
    row("value_not_allowed output_type", "resnet_static", R"({"flags": {"output_type": "FP64"}})", "cann8",
        "value_not_allowed", "error", "output_type", "FP64");
    row("precision_exclusive", "resnet_static",
        R"({"flags": {"precision_mode": "force_fp16", "precision_mode_v2": "fp16"}})", "none", "precision_exclusive",
        "error", "precision_mode_v2", "E10056");
    row("modify_mixlist_mode", "resnet_static",
        R"({"flags": {"modify_mixlist": "$TMP/mix.json", "precision_mode": "force_fp16"}})", "cann8",
        "modify_mixlist_mode", "error", "modify_mixlist", "mixed precision");
    row("implmode_pair", "resnet_static", R"({"flags": {"optypelist_for_implmode": "Gelu"}})", "cann8", "implmode_pair",
        "error", "optypelist_for_implmode", "same time");
    row("hint_shape_dynamic", "resnet_dynamic_batch",
        R"({"flags": {"input_hint_shape": "0:[1,3,224,224]", "input_shape": "input:-1,3,224,224",
                      "dynamic_batch_size": "1,2"}})",
        "cann8", "hint_shape_dynamic", "error", "input_hint_shape", "cannot be combined");
    row("hw_layout_count", "resnet_static",
        R"({"flags": {"input_fp16_nodes": "input", "is_input_adjust_hw_layout": "true,false"}})", "cann8",
        "hw_layout_count", "error", "is_input_adjust_hw_layout", "2 value(s)");
    row("out_nodes_syntax", "resnet_static", R"({"flags": {"out_nodes": ":0"}})", "cann8", "out_nodes_syntax", "error",
        "out_nodes", "no node name");
    row("out_nodes_syntax no index", "resnet_static", R"({"flags": {"out_nodes": "/fc/Gemm"}})", "cann8",
        "out_nodes_syntax", "warning", "out_nodes", "no ':index'");
    row("fp16_nodes_unknown", "resnet_static", R"({"flags": {"input_fp16_nodes": "image"}})", "cann8",
        "fp16_nodes_unknown", "error", "input_fp16_nodes", "'image'");
    QTest::newRow("out_nodes_unknown name") << "resnet_static"
                                            << R"({"flags": {"out_nodes": "/nope/Conv:0"}})"
                                            << "cann8"
                                            << "out_nodes_unknown"
                                            << "error"
                                            << "out_nodes"
                                            << "E11017" << none;
    QTest::newRow("out_nodes_unknown index") << "resnet_static"
                                             << R"({"flags": {"out_nodes": "/fc/Gemm:1"}})"
                                             << "cann8"
                                             << "out_nodes_unknown"
                                             << "error"
                                             << "out_nodes"
                                             << "has 1 output(s)" << QStringList { "/fc/Gemm" };
}

void TestAtcValidate::modelRules_data()
{
    addColumns();
    const QStringList none;
    auto row = [&](const char* name, const char* model, const char* patch, const char* rule, const char* sev,
                   const char* field, const char* has, const QStringList& nodes = {}) {
        QTest::newRow(name) << model << patch << "cann8" << rule << sev << field << has << nodes;
    };
    const char* batchShape = R"("input_shape": "input:-1,3,224,224")";
    auto withBatch = [&](const char* extra) {
        static QList<QByteArray> keep; // the rows keep pointers to these
        keep.append(QByteArray("{\"flags\": {") + batchShape + ", " + extra + "}}");
        return keep.last().constData();
    };
    row("input_shape_syntax", "resnet_static", R"({"flags": {"input_shape": "input:1,3,224.5,224"}})",
        "input_shape_syntax", "error", "input_shape", "float number is unsupported");
    row("input_name_unknown", "resnet_static", R"({"flags": {"input_shape": "image:1,3,224,224"}})",
        "input_name_unknown", "error", "input_shape", "E10016");
    row("input_name_unknown shape range", "resnet_static",
        R"({"flags": {"input_shape_range": "images:[1~4,3,224,224]"}})", "input_name_unknown", "error",
        "input_shape_range", "'images'");
    row("input_rank_mismatch", "resnet_static", R"({"flags": {"input_shape": "input:1,3,224"}})", "input_rank_mismatch",
        "error", "input_shape", "rank 4");
    row("input_dim_conflict", "resnet_static", R"({"flags": {"input_shape": "input:1,4,224,224"}})",
        "input_dim_conflict", "warning", "input_shape", "fixes it to 3");
    row("dynamic_dim_unfixed symbolic", "resnet_dynamic_batch", "{}", "dynamic_dim_unfixed", "error", "input_shape",
        "batch (dim 0)");
    row("dynamic_dim_unfixed unnamed", "resnet_unnamed_dim", "{}", "dynamic_dim_unfixed", "error", "input_shape",
        "? (dim 0)");
    row("dynamic_shape_mode", "resnet_dynamic_batch", R"({"flags": {"input_shape": "input:-1,3,224,224"}})",
        "dynamic_shape_mode", "warning", "input_shape", "dynamic-shape model");
    row("dynamic_shape_mode on 310B", "resnet_dynamic_batch",
        R"({"flags": {"input_shape": "input:1~8,3,224,224", "soc_version": "Ascend310B1"}})", "dynamic_shape_mode",
        "error", "input_shape", "Ascend310B1 does not support");
    row("dynamic_exclusive", "resnet_dynamic_batch", withBatch(R"("dynamic_batch_size": "1,2", "dynamic_dims": "1;2")"),
        "dynamic_exclusive", "error", "dynamic_dims", "E10009");
    row("dynamic_needs_input_shape", "resnet_dynamic_batch", R"({"flags": {"dynamic_batch_size": "1,2"}})",
        "dynamic_needs_input_shape", "error", "input_shape", "E10004");
    row("gear_syntax", "resnet_dynamic_batch", withBatch(R"("dynamic_batch_size": "1;2")"), "gear_syntax", "error",
        "dynamic_batch_size", "'1;2'");
    row("gear_count too few", "resnet_dynamic_batch", withBatch(R"("dynamic_batch_size": "4")"), "gear_count", "error",
        "dynamic_batch_size", "E10035");
    row("gear_duplicate", "resnet_dynamic_batch", withBatch(R"("dynamic_batch_size": "1,2,2")"), "gear_duplicate",
        "error", "dynamic_batch_size", "E10039");
    row("dynamic_batch_range zero", "resnet_dynamic_batch", withBatch(R"("dynamic_batch_size": "0,2")"),
        "dynamic_batch_range", "error", "dynamic_batch_size", "at least 1");
    row("dynamic_batch_range big", "resnet_dynamic_batch", withBatch(R"("dynamic_batch_size": "1,4096")"),
        "dynamic_batch_range", "warning", "dynamic_batch_size", "1 to 2048");
    row("dynamic_batch_first_dim elsewhere", "resnet_dynamic_batch",
        R"({"flags": {"input_shape": "input:-1,3,-1,224", "dynamic_batch_size": "1,2"}})", "dynamic_batch_first_dim",
        "error", "input_shape", "E10018");
    row("dynamic_batch_first_dim none", "resnet_static",
        R"({"flags": {"input_shape": "input:1,3,224,224", "dynamic_batch_size": "1,2"}})", "dynamic_batch_first_dim",
        "error", "input_shape", "E10031");
    row("dynamic_image_format", "resnet_static",
        R"({"flags": {"input_shape": "input:1,3,-1,-1", "dynamic_image_size": "224,224;448,448",
                      "input_format": "ND"}})",
        "dynamic_image_format", "error", "input_format", "NCHW");
    row("dynamic_image_layout", "resnet_static",
        R"({"flags": {"input_shape": "input:1,3,224,-1", "dynamic_image_size": "224,224;448,448"}})",
        "dynamic_image_layout", "error", "input_shape", "E10019");
    row("dynamic_dims_count", "resnet_dynamic_batch",
        R"({"flags": {"input_shape": "input:-1,3,-1,224", "dynamic_dims": "1,224;2", "input_format": "ND"}})",
        "dynamic_dims_count", "error", "dynamic_dims", "profile 2 has 1 value(s)");
    row("dynamic_dims_values", "resnet_dynamic_batch",
        R"({"flags": {"input_shape": "input:-1,3,224,224", "dynamic_dims": "0;2", "input_format": "ND"}})",
        "dynamic_dims_values", "error", "dynamic_dims", "positive");
    row("dynamic_dims_format", "resnet_dynamic_batch",
        R"({"flags": {"input_shape": "input:-1,3,224,224", "dynamic_dims": "1;2"}})", "dynamic_dims_format", "warning",
        "input_format", "unset (NCHW)");
    row("dynamic_dims_aipp", "resnet_dynamic_batch",
        R"({"flags": {"input_shape": "input:-1,3,224,224", "dynamic_dims": "1;2", "input_format": "ND",
                      "insert_op_conf": "$TMP/aipp_ok.cfg"}})",
        "dynamic_dims_aipp", "error", "insert_op_conf", "does not support AIPP");
    row("gear_no_ranges", "resnet_dynamic_batch",
        R"({"flags": {"input_shape": "input:1~8,3,224,224", "dynamic_batch_size": "1,2"}})", "gear_no_ranges", "error",
        "input_shape", "E10040");
    row("scalar_not_listed", "if_subgraph", R"({"flags": {"input_shape": "x:-1,16", "dynamic_batch_size": "1,2"}})",
        "scalar_not_listed", "error", "input_shape", "'cond:'");
    row("shape_range_deprecated", "resnet_dynamic_batch",
        R"({"flags": {"input_shape_range": "input:[1~8,3,224,224]"}})", "shape_range_deprecated", "warning",
        "input_shape_range", "deprecated");
    row("shape_range_syntax", "resnet_dynamic_batch", R"({"flags": {"input_shape_range": "input:1~8"}})",
        "shape_range_syntax", "error", "input_shape_range", "E10048");
    row("opset_duplicate_default", "resnet_static+dup_opset", "{}", "opset_duplicate_default", "error", "", "E16005");
    row("opset_extra_domain", "custom_domain", "{}", "opset_extra_domain", "warning", "", "com.example 1");
    QTest::newRow("opset_extra_domain on CANN 6") << "custom_domain"
                                                  << "{}"
                                                  << "cann6"
                                                  << "opset_extra_domain"
                                                  << "error"
                                                  << ""
                                                  << "this toolkit is CANN 6.0.1" << none;
    row("opset_range", "opset19", "{}", "opset_range", "error", "", "opset 19",
        { "/features/conv/Conv", "/features/relu/Relu", "/pool/GlobalAveragePool", "/flatten/Flatten",
            "/classifier/fc/Gemm" });
    QTest::newRow("opset_range on CANN 6")
        << "if_subgraph+opset15"
        << "{}"
        << "cann6"
        << "opset_range"
        << "error"
        << ""
        << "CANN 6.0.1 accepts opset 9-13"
        << QStringList { "/encoder/fc/Gemm", "/branch/If", "/branch/else/sigmoid/Sigmoid", "/branch/else/mul/Mul",
               "/branch/then/relu/Relu", "/branch/then/add/Add" };
    row("op_unsupported", "resnet_static+node:Gelu", "{}", "op_unsupported", "error", "", "259 operators",
        { "added/Gelu" });
    row("op_unsupported ai.onnx.ml", "resnet_static+node:ai.onnx.ml::LabelEncoder", "{}", "op_unsupported", "error", "",
        "ai.onnx.ml::LabelEncoder", { "added/LabelEncoder" });
    row("op_opset_unsupported", "resnet_static+node:LayerNormalization", "{}", "op_opset_unsupported", "error", "",
        "only for opsets 17-18", { "added/LayerNormalization" });
    row("custom_domain_op", "custom_domain", "{}", "custom_domain_op", "error", "", "com.example::MyCustomOp",
        { "/act/MyCustomOp" });
    row("control_flow_op If", "if_subgraph", "{}", "control_flow_op", "warning", "", "compiles every branch",
        { "/branch/If" });
    row("control_flow_op Loop", "resnet_static+node:Loop", "{}", "control_flow_op", "error", "", "no ONNX plugin",
        { "added/Loop" });
}

void TestAtcValidate::cleanConfigurations_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("patch");
    QTest::addColumn<QStringList>("expected"); // findings that belong to the model, not to the options
    QTest::newRow("static model") << "resnet_static"
                                  << "{}" << QStringList {};
    QTest::newRow("batch fixed") << "resnet_dynamic_batch"
                                 << R"({"flags": {"input_shape": "input:8,3,224,224"}})" << QStringList {};
    QTest::newRow("batch profiles")
        << "resnet_dynamic_batch"
        << R"({"flags": {"input_shape": "input:-1,3,224,224", "dynamic_batch_size": "1,2,4,8"}})" << QStringList {};
    QTest::newRow("image profiles")
        << "resnet_static"
        << R"({"flags": {"input_shape": "input:1,3,-1,-1", "dynamic_image_size": "224,224;448,448"}})"
        << QStringList {};
    QTest::newRow("dims profiles") << "two_inputs"
                                   << R"({"flags": {"input_shape": "input_tensor_A:-1,3,224,224;input_tensor_B:-1,10",
                                         "dynamic_dims": "1,1;4,4", "input_format": "ND"}})"
                                   << QStringList {};
    QTest::newRow("scalar listed") << "if_subgraph"
                                   << R"({"flags": {"input_shape": "cond:;x:-1,16", "dynamic_batch_size": "1,2"}})"
                                   << QStringList { "control_flow_op" };
    QTest::newRow("out_nodes and fp16") << "resnet_static"
                                        << R"({"flags": {"out_nodes": "/fc/Gemm:0", "input_fp16_nodes": "input",
                                              "is_input_adjust_hw_layout": "true",
                                              "precision_mode": "allow_mix_precision",
                                              "modify_mixlist": "$TMP/mix.json"}})"
                                        << QStringList {};
}

void TestAtcValidate::cleanConfigurations()
{
    QFETCH(QString, model);
    QFETCH(QString, patch);
    QFETCH(QStringList, expected);
    QStringList rules;
    QString all;
    for (const AtcFinding& f : run(model, patch, "cann8")) {
        rules.append(f.rule);
        all += QStringLiteral("\n  %1 %2 %3").arg(severityName(f.severity), f.rule, f.message);
    }
    QVERIFY2(rules == expected, qPrintable(all));
}

void TestAtcValidate::withoutModelSkipsModelRules()
{
    // The same dynamic model twice: with facts the unfixed batch is an error, without them nothing is known.
    const auto withModel = run("resnet_dynamic_batch", R"({"flags": {"out_nodes": "/nope:0"}})", "cann8");
    const auto without
        = run("", R"({"flags": {"model": "$MODELS/resnet_dynamic_batch.onnx", "out_nodes": "/nope:0"}})", "cann8");
    auto rules = [](const QList<AtcFinding>& list) {
        QStringList r;
        for (const AtcFinding& f : list)
            r.append(f.rule);
        return r;
    };
    QCOMPARE(rules(withModel), (QStringList { "out_nodes_unknown", "dynamic_dim_unfixed" }));
    QCOMPARE(rules(without), QStringList {});
}

QTEST_APPLESS_MAIN(TestAtcValidate)
#include "tst_atcvalidate.moc"
