// The weight-skipping loader: the topology it parses, the weights it reads back, and damaged files.
#include "onnx/graphutil_p.h"
#include "onnx/onnxmodel.h"
#include "testutil.h"
#include "util/splitmix64.h"

#include <onnx/onnx_pb.h>

#include <QTemporaryDir>

using namespace wb;

namespace {
QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The tree's deterministic generator (util/splitmix64.h), so every run mutates the same way.
struct Rng {
    SplitMix64 generator;
    quint64 next() { return generator.next(); }
    int below(int n) { return int(generator.below(quint64(n))); }
};
} // namespace

class TestWireStrip : public QObject {
    Q_OBJECT
private slots:
    void roundTrip_data();
    void roundTrip();
    void topologyIsSmall();
    void damagedFilesNeverCrash();
    void weightsChangedOnDisk();
    void externalDataNumbers_data();
    void externalDataNumbers();
};

void TestWireStrip::roundTrip_data()
{
    QTest::addColumn<QString>("model");
    for (const char* m : { "resnet_static.onnx", "two_inputs.onnx", "detector_nms.onnx", "if_subgraph.onnx",
             "external_data.onnx", "ir3_initializers_as_inputs.onnx", "custom_domain.onnx", "opset19.onnx" })
        QTest::newRow(m) << QString::fromLatin1(m);
}

void TestWireStrip::roundTrip()
{
    QFETCH(QString, model);
    const QString path = wbtest::modelPath(model);
    const auto loaded = OnnxModel::load(path);
    QVERIFY(loaded.ok());
    const auto full = loaded.value()->fullProto();
    QVERIFY(full.ok());
    onnx::ModelProto direct;
    QVERIFY(direct.ParseFromString(readFile(path).toStdString()));
    // Same message, field for field, as a plain parse of the file.
    QCOMPARE(full.value()->SerializeAsString() == direct.SerializeAsString(), true);
}

void TestWireStrip::topologyIsSmall()
{
    const auto loaded = OnnxModel::load(wbtest::modelPath(QStringLiteral("resnet_static.onnx")));
    QVERIFY(loaded.ok());
    const qint64 topology = qint64(loaded.value()->proto().ByteSizeLong());
    QVERIFY2(topology * 20 < loaded.value()->summary().fileSize,
        qPrintable(QStringLiteral("%1 of %2 bytes").arg(topology).arg(loaded.value()->summary().fileSize)));
    // The summary still counts every weight byte.
    QCOMPARE(loaded.value()->summary().initializerBytes, loaded.value()->summary().parameterCount * 4);
    QCOMPARE(loaded.value()->summary().externalTensorCount, 0);
}

void TestWireStrip::damagedFilesNeverCrash()
{
    const QByteArray original = readFile(wbtest::modelPath(QStringLiteral("two_inputs.onnx")));
    QVERIFY(!original.isEmpty());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("damaged.onnx"));
    Rng rng { SplitMix64 { 42 } };
    int loaded = 0, refused = 0;
    for (int i = 0; i < 400; ++i) {
        QByteArray bytes = original;
        switch (i % 4) {
        case 0: // flip a few bytes
            for (int k = 0; k < 1 + rng.below(4); ++k)
                bytes[rng.below(int(bytes.size()))] = char(rng.next());
            break;
        case 1: // truncate
            bytes.truncate(1 + rng.below(int(bytes.size()) - 1));
            break;
        case 2: // insert garbage
            bytes.insert(rng.below(int(bytes.size())), QByteArray(1 + rng.below(16), char(rng.next())));
            break;
        case 3: // flip bytes near the start, where lengths and tags are
            bytes[rng.below(64)] = char(rng.next());
            break;
        }
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
        f.close();
        const auto result = OnnxModel::load(path);
        onnx::ModelProto direct;
        const bool protobufAccepts = direct.ParseFromString(bytes.toStdString());
        if (result.ok()) {
            ++loaded;
            QVERIFY2(protobufAccepts, qPrintable(QStringLiteral("mutation %1 loaded but protobuf rejects it").arg(i)));
            QVERIFY(result.value()->fullProto().ok());
        } else {
            ++refused;
            QVERIFY(!result.error().message.isEmpty());
            QVERIFY(result.error().message.contains(QStringLiteral("damaged.onnx")));
        }
    }
    qInfo("damaged files: %d loaded, %d refused with a message", loaded, refused);
    QVERIFY(refused > 100);
}

void TestWireStrip::weightsChangedOnDisk()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("m.onnx"));
    QVERIFY(QFile::copy(wbtest::modelPath(QStringLiteral("resnet_static.onnx")), path));
    const auto loaded = OnnxModel::load(path);
    QVERIFY(loaded.ok());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write("replaced by something else");
    f.close();
    const auto full = loaded.value()->fullProto();
    QVERIFY(!full.ok());
    QVERIFY2(full.error().message.contains(QStringLiteral("changed on disk")), qPrintable(full.error().message));
}

void TestWireStrip::externalDataNumbers_data()
{
    // The one parser of external-data offset / length / wb_message_length: digits only, within int64.
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("value"); // -1: refused
    QTest::newRow("zero") << "0" << qint64(0);
    QTest::newRow("plain") << "4096" << qint64(4096);
    QTest::newRow("leading zeros") << "000123" << qint64(123);
    QTest::newRow("int64 max") << "9223372036854775807" << qint64(9223372036854775807);
    QTest::newRow("int64 max + 1") << "9223372036854775808" << qint64(-1);
    QTest::newRow("20 digits") << "99999999999999999999" << qint64(-1);
    QTest::newRow("empty") << "" << qint64(-1);
    QTest::newRow("letters") << "abc" << qint64(-1);
    QTest::newRow("negative") << "-5" << qint64(-1);
    QTest::newRow("plus sign") << "+5" << qint64(-1);
    QTest::newRow("leading space") << " 12" << qint64(-1);
    QTest::newRow("trailing garbage") << "12x" << qint64(-1);
    QTest::newRow("exponent") << "1e3" << qint64(-1);
    QTest::newRow("hex") << "0x10" << qint64(-1);
}

void TestWireStrip::externalDataNumbers()
{
    QFETCH(QString, text);
    QFETCH(qint64, value);
    QCOMPARE(wb::detail::parseByteCount(text.toStdString()).value_or(-1), value);

    onnx::TensorProto t;
    t.set_name("w");
    for (const auto& [key, v] : { std::pair<std::string, std::string> { "location", "w.bin" },
             { "offset", text.toStdString() }, { "length", "16" } }) {
        auto* kv = t.add_external_data();
        kv->set_key(key);
        kv->set_value(v);
    }
    const wb::detail::ExternalDataRef ref = wb::detail::readExternalData(t);
    QCOMPARE(ref.location, std::string("w.bin"));
    QCOMPARE(ref.length, qint64(16));
    QCOMPARE(ref.ok(), value >= 0);
    QCOMPARE(ref.offset, value);
    QCOMPARE(ref.problem(QStringLiteral("w")).isEmpty(), value >= 0);
    if (value < 0)
        QVERIFY(ref.problem(QStringLiteral("w")).startsWith("Tensor 'w' has an external-data offset '" + text + "'"));
}

QTEST_APPLESS_MAIN(TestWireStrip)
#include "tst_wirestrip.moc"
