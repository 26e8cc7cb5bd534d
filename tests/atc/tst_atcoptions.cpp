// AtcOptions: typed flag access, the recipe JSON round trip and its errors.
#include "atc/atcoptions.h"
#include "testutil.h"

#include <QJsonDocument>
#include <QTemporaryDir>

using namespace wb;

namespace {

// Every typed flag set to a value of its kind that differs from flag to flag.
AtcOptions everyFlagSet()
{
    AtcOptions o;
    o.mode = AtcMode::PreCheck;
    o.workDir = QStringLiteral("/work/out");
    int i = 0;
    for (const AtcFlagInfo& f : atcFlags()) {
        ++i;
        QString value;
        switch (f.kind) {
        case AtcFlagKind::ZeroOne:
            value = i % 2 ? QStringLiteral("1") : QStringLiteral("0");
            break;
        case AtcFlagKind::TrueFalse:
            value = i % 2 ? QStringLiteral("true") : QStringLiteral("false");
            break;
        case AtcFlagKind::Integer:
            value = QString::number(i);
            break;
        case AtcFlagKind::InputFile:
        case AtcFlagKind::OutputPath:
            value = QStringLiteral("/data/%1.bin").arg(f.name);
            break;
        case AtcFlagKind::Text:
            value = QStringLiteral("v%1;x:1,2").arg(i);
            break;
        }
        if (!setAtcFlagValue(o, f.name, value))
            qWarning("could not set %s", qPrintable(f.name));
    }
    o.extraFlags = { { QStringLiteral("oo_level"), QStringLiteral("O1") },
        { QStringLiteral("deterministic"), QStringLiteral("1") } };
    return o;
}

} // namespace

class TestAtcOptions : public QObject {
    Q_OBJECT
private slots:
    void flagTable();
    void flagValues_data();
    void flagValues();
    void flagModes_data();
    void flagModes();
    void jsonRoundTrip();
    void jsonWritesOnlySetFlags();
    void recipeFileRoundTrip();
    void recipeRelativePaths();
    void recipeErrors_data();
    void recipeErrors();
    void recipeFileErrors();
};

void TestAtcOptions::flagTable()
{
    QStringList names;
    for (const AtcFlagInfo& f : atcFlags()) {
        QVERIFY2(!names.contains(f.name), qPrintable(f.name));
        names.append(f.name);
    }
    QCOMPARE(names.mid(0, 3), (QStringList { "model", "output", "soc_version" }));
    for (const char* name : { "input_shape", "dynamic_batch_size", "dynamic_image_size", "dynamic_dims",
             "input_shape_range", "out_nodes", "insert_op_conf", "precision_mode_v2", "check_report", "om", "json" })
        QVERIFY2(names.contains(QLatin1String(name)), name);
    QVERIFY(isTypedAtcFlag("framework"));
    QVERIFY(isTypedAtcFlag("mode"));
    QVERIFY(!isTypedAtcFlag("oo_level"));
}

void TestAtcOptions::flagValues_data()
{
    QTest::addColumn<QString>("flag");
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("stored");
    QTest::newRow("text kept verbatim") << "input_shape"
                                        << " a:1,3 ;b:2 " << true << " a:1,3 ;b:2 ";
    QTest::newRow("0/1 from true") << "enable_small_channel"
                                   << "true" << true << "1";
    QTest::newRow("0/1 from 0") << "disable_reuse_memory"
                                << "0" << true << "0";
    QTest::newRow("true/false from 1") << "save_original_model"
                                       << "1" << true << "true";
    QTest::newRow("true/false from FALSE") << "enable_compress_weight"
                                           << "FALSE" << true << "false";
    QTest::newRow("bool rejects words") << "save_original_model"
                                        << "maybe" << false << "";
    QTest::newRow("integer") << "op_debug_level"
                             << " 3 " << true << "3";
    QTest::newRow("integer rejects text") << "external_weight"
                                          << "two" << false << "";
    QTest::newRow("empty clears") << "op_debug_level"
                                  << "" << true << "";
    QTest::newRow("unknown flag") << "no_such_flag"
                                  << "1" << false << "";
}

void TestAtcOptions::flagValues()
{
    QFETCH(QString, flag);
    QFETCH(QString, input);
    QFETCH(bool, accepted);
    QFETCH(QString, stored);
    AtcOptions o;
    QCOMPARE(setAtcFlagValue(o, flag, input), accepted);
    QCOMPARE(atcFlagValue(o, flag), stored);
}

void TestAtcOptions::flagModes_data()
{
    QTest::addColumn<QString>("flag");
    QTest::addColumn<QList<int>>("modes");
    QTest::newRow("model") << "model" << QList<int> { 0, 3 };
    QTest::newRow("om") << "om" << QList<int> { 1, 6 };
    QTest::newRow("json") << "json" << QList<int> { 1 };
    QTest::newRow("check_report") << "check_report" << QList<int> { 3 };
    QTest::newRow("input_shape") << "input_shape" << QList<int> { 0, 3 };
}

void TestAtcOptions::flagModes()
{
    QFETCH(QString, flag);
    QFETCH(QList<int>, modes);
    for (const int m : { 0, 1, 3, 6 })
        QCOMPARE(atcFlagAppliesTo(flag, static_cast<AtcMode>(m)), modes.contains(m));
}

void TestAtcOptions::jsonRoundTrip()
{
    const AtcOptions original = everyFlagSet();
    const QJsonObject json = toJson(original);
    QCOMPARE(json.value("flags").toObject().size(), atcFlags().size());
    QCOMPARE(json.value("flags").toObject().value("op_debug_level").type(), QJsonValue::Double);
    QCOMPARE(json.value("flags").toObject().value("save_original_model").type(), QJsonValue::Bool);
    const auto back = atcOptionsFromJson(json);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QVERIFY(back.value() == original);
    // and through text, as a recipe file holds it
    const auto reparsed = atcOptionsFromJson(QJsonDocument::fromJson(QJsonDocument(json).toJson()).object());
    QVERIFY(reparsed.ok() && reparsed.value() == original);
}

void TestAtcOptions::jsonWritesOnlySetFlags()
{
    AtcOptions o;
    o.socVersion = "Ascend310P3";
    o.opDebugLevel = 0; // set to zero is still set
    const QJsonObject json = toJson(o);
    QCOMPARE(json.value("recipe").toString(), QString("atc-workbench"));
    QCOMPARE(json.value("version").toInt(), 1);
    QCOMPARE(json.value("mode").toInt(), 0);
    QCOMPARE(
        json.value("flags").toObject(), (QJsonObject { { "soc_version", "Ascend310P3" }, { "op_debug_level", 0 } }));
    QVERIFY(!json.contains("extra_flags"));
    QVERIFY(!json.contains("work_dir"));
}

void TestAtcOptions::recipeFileRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const AtcOptions original = everyFlagSet(); // all paths absolute
    const QString path = dir.filePath("recipe.json");
    QVERIFY(saveRecipe(original, path).ok());
    const auto loaded = loadRecipe(path);
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
    QVERIFY(loaded.value() == original);
}

void TestAtcOptions::recipeRelativePaths()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QDir(dir.path()).mkpath("sub");
    const QString path = dir.filePath("sub/recipe.json");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"mode": 0, "work_dir": "out", "flags": {"model": "../m.onnx", "output": "out/m",
        "input_shape": "a:1,3", "insert_op_conf": "aipp.cfg"}})");
    f.close();
    const auto loaded = loadRecipe(path);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.value().model, dir.filePath("m.onnx"));
    QCOMPARE(loaded.value().output, dir.filePath("sub/out/m"));
    QCOMPARE(loaded.value().insertOpConf, dir.filePath("sub/aipp.cfg"));
    QCOMPARE(loaded.value().workDir, dir.filePath("sub/out"));
    QCOMPARE(loaded.value().inputShape, QString("a:1,3")); // not a path: untouched
}

void TestAtcOptions::recipeErrors_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("messageHas");
    QTest::newRow("unknown top-level key") << R"({"flagz": {}})"
                                           << "Unknown key 'flagz'";
    QTest::newRow("unknown flag") << R"({"flags": {"soc": "Ascend310"}})"
                                  << "Unknown flag 'soc'";
    QTest::newRow("string flag as number") << R"({"flags": {"soc_version": 310}})"
                                           << "expected a string";
    QTest::newRow("bool flag as string") << R"({"flags": {"save_original_model": "true"}})"
                                         << "expected a boolean";
    QTest::newRow("int flag as fraction") << R"({"flags": {"op_debug_level": 1.5}})"
                                          << "expected a whole number";
    QTest::newRow("mode 5") << R"({"mode": 5})"
                            << "mode must be 0";
    QTest::newRow("version 2") << R"({"version": 2})"
                               << "version 2 is not supported";
    QTest::newRow("extra flag without value") << R"({"extra_flags": [{"name": "oo_level"}]})"
                                              << "\"extra_flags\"";
}

void TestAtcOptions::recipeErrors()
{
    QFETCH(QString, json);
    QFETCH(QString, messageHas);
    const auto parsed = atcOptionsFromJson(QJsonDocument::fromJson(json.toUtf8()).object());
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, QString("bad_recipe"));
    QVERIFY2(parsed.error().message.contains(messageHas), qPrintable(parsed.error().message));
}

void TestAtcOptions::recipeFileErrors()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto missing = loadRecipe(dir.filePath("nope.json"));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, QString("not_found"));
    QFile f(dir.filePath("broken.json"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"mode\": ");
    f.close();
    const auto broken = loadRecipe(f.fileName());
    QVERIFY(!broken.ok());
    QCOMPARE(broken.error().code, QString("bad_recipe"));
    QVERIFY2(broken.error().message.contains(f.fileName()), qPrintable(broken.error().message));
}

QTEST_APPLESS_MAIN(TestAtcOptions)
#include "tst_atcoptions.moc"
